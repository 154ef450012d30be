/**
 * `bpx book SYMBOL [--depth N] [--watch]`: the top of the order book. Once from a REST snapshot, or
 * with `--watch` a live view of the local book (`OrderBook.watch`: snapshot plus depth stream, kept
 * consistent and resynced on any gap) that redraws in place until `q` or Ctrl-C. With `--json`, one
 * JSON object (or with `--watch` one line per update).
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import { Markets, OrderBook, Precision } from "@effect-backpack/sdk"
import * as BigDecimal from "effect/BigDecimal"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { UsageError } from "../internal/errors.js"
import * as Json from "../internal/json.js"
import * as Screen from "../internal/screen.js"
import { json, printJson, printLines, withSdk } from "../internal/shared.js"
import * as Table from "../internal/table.js"

type Level = readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]

/**
 * The view of a book: its best levels on each side, best first.
 *
 * @since 0.1.0
 * @category models
 */
export interface TopOfBook {
  readonly symbol: string
  readonly lastUpdateId: bigint
  /** Engine time of the last update, µs. */
  readonly timestamp: number
  readonly asks: ReadonlyArray<Level>
  readonly bids: ReadonlyArray<Level>
  readonly resyncs?: number | undefined
}

interface Row {
  readonly side: "ask" | "bid"
  readonly price: BigDecimal.BigDecimal
  readonly quantity: BigDecimal.BigDecimal
  readonly total: BigDecimal.BigDecimal
}

const columns: ReadonlyArray<Table.Column<Row>> = [
  { header: "SIDE", cell: (r) => r.side },
  { header: "PRICE", cell: (r) => r.price },
  { header: "QUANTITY", cell: (r) => r.quantity },
  { header: "TOTAL", cell: (r) => r.total }
]

/** Rows of one side with the running total from the best level. */
const withTotals = (side: "ask" | "bid", levels: ReadonlyArray<Level>): Array<Row> => {
  const rows: Array<Row> = []
  let total: BigDecimal.BigDecimal | undefined
  for (const [price, quantity] of levels) {
    total = total === undefined ? quantity : BigDecimal.sum(total, quantity)
    rows.push({ side, price, quantity, total })
  }
  return rows
}

/**
 * Renders the book: a title line, then asks (highest first) above the spread line and bids (highest
 * first) below it, in one aligned table.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = (book: TopOfBook): Array<string> => {
  const asks = withTotals("ask", book.asks).reverse()
  const bids = withTotals("bid", book.bids)
  const [header, ...rows] = Table.render(columns, [...asks, ...bids])
  const bestAsk = book.asks[0]
  const bestBid = book.bids[0]
  const spread = bestAsk !== undefined && bestBid !== undefined
    ? Precision.format(BigDecimal.subtract(bestAsk[0], bestBid[0]))
    : "-"
  const title = `${book.symbol}  update ${book.lastUpdateId}  ${Table.formatTime(Math.floor(book.timestamp / 1000))} UTC${
    book.resyncs === undefined ? "" : `  resyncs ${book.resyncs}`
  }`
  return [title, header!, ...rows.slice(0, asks.length), `----  spread ${spread}`, ...rows.slice(asks.length)]
}

/**
 * The JSON shape of a book view.
 *
 * @since 0.1.0
 * @category rendering
 */
export const toJson = (book: TopOfBook): Json.Json => Json.toJson(book)

/** The `limit` values `getDepth` accepts. */
const depthLimits = ["5", "10", "20", "50", "100", "500", "1000"] as const

const once = (symbol: string, depth: number, asJson: boolean) =>
  Effect.gen(function*() {
    const limit = depthLimits.find((l) => Number(l) >= depth) ?? "1000"
    const snapshot = yield* (yield* Markets.Markets).getDepth({ symbol, limit })
    const view: TopOfBook = {
      symbol,
      lastUpdateId: snapshot.lastUpdateId,
      timestamp: snapshot.timestamp,
      asks: snapshot.asks.slice(0, depth),
      bids: snapshot.bids.slice(0, depth)
    }
    yield* asJson ? printJson(view) : printLines(render(view))
  })

const viewOf = (book: OrderBook.Book, depth: number): TopOfBook => ({
  symbol: book.symbol,
  lastUpdateId: book.lastUpdateId,
  timestamp: book.timestamp,
  asks: book.asks(depth),
  bids: book.bids(depth),
  resyncs: book.resyncs
})

/** Redraws at most this often; the latest book is always the one drawn. */
const frameInterval = "100 millis"

const watch = (symbol: string, depth: number, asJson: boolean) =>
  Effect.gen(function*() {
    const books = (yield* OrderBook.OrderBook).watch(symbol)
    if (asJson) {
      return yield* Stream.runForEach(books, (book) => Console.log(Json.stringify(viewOf(book, depth), true)))
    }
    const interactive = process.stdout.isTTY === true
    const latest = yield* SubscriptionRef.make<Option.Option<OrderBook.Book>>(Option.none())
    const follow = Stream.runForEach(books, (book) => SubscriptionRef.set(latest, Option.some(book)))
    const frame = (book: Option.Option<OrderBook.Book>) =>
      Option.match(book, {
        onNone: () => [`${symbol}  syncing…`],
        onSome: (b) => render(viewOf(b, depth))
      })
    if (!interactive) {
      // not a terminal: print each new version (at most one per frame interval), separated by a blank line
      const printChanges = latest.changes.pipe(
        Stream.filter(Option.isSome),
        Stream.throttle({ cost: () => 1, units: 1, duration: frameInterval, strategy: "shape" }),
        Stream.runForEach((book) => printLines([...frame(book), ""]))
      )
      return yield* Effect.raceFirst(follow, printChanges)
    }
    yield* Screen.enter
    let drawn: Option.Option<OrderBook.Book> | undefined
    const redraw = Effect.gen(function*() {
      const book = yield* SubscriptionRef.get(latest)
      if (book === drawn) return
      drawn = book
      yield* Screen.draw([...frame(book), "", "q or Ctrl-C to quit"])
    })
    const drawLoop = Effect.repeat(redraw, Schedule.spaced(frameInterval))
    yield* Effect.raceFirst(Effect.zipRight(follow, Effect.never), Effect.raceFirst(drawLoop, Screen.quitKey))
  }).pipe(Effect.scoped)

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "book",
  {
    symbol: Args.text({ name: "symbol" }).pipe(Args.withDescription("Market symbol, e.g. SOL_USDC")),
    depth: Options.integer("depth").pipe(
      Options.withAlias("d"),
      Options.withDescription("Levels shown on each side (1 to 1000)"),
      Options.withDefault(10)
    ),
    watch: Options.boolean("watch").pipe(
      Options.withAlias("w"),
      Options.withDescription("Keep a live view of the book, redrawn in place (q or Ctrl-C to quit)")
    ),
    json
  },
  ({ depth, json, symbol, watch: live }) =>
    Effect.gen(function*() {
      if (!Number.isInteger(depth) || depth < 1 || depth > 1000) {
        return yield* new UsageError({ message: `--depth must be from 1 to 1000, got ${depth}` })
      }
      yield* live ? watch(symbol, depth, json) : once(symbol, depth, json)
    }).pipe(withSdk)
).pipe(Command.withDescription("Top of the order book: asks above the spread, bids below, with running totals"))

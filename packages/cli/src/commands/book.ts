/**
 * `bpx book SYMBOL [--depth N] [--watch]`: the top of the order book. Once from a REST snapshot, or
 * with `--watch` a live view of the local book (`OrderBook.watch`: snapshot plus depth stream, kept
 * consistent and resynced on any gap) that redraws in place until `q` or Ctrl-C. With `--json`, one
 * JSON object (or with `--watch` one line per update).
 *
 * @since 0.1.0
 */
import { Markets, OrderBook, Precision } from "@effect-backpack/sdk"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
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
  const title = `${book.symbol}  update ${book.lastUpdateId}  ${
    Table.formatTime(Math.floor(book.timestamp / 1000))
  } UTC${book.resyncs === undefined ? "" : `  resyncs ${book.resyncs}`}`
  return [title, header!, ...rows.slice(0, asks.length), `----  spread ${spread}`, ...rows.slice(asks.length)]
}

/** The `limit` values `getDepth` accepts. */
const depthLimits = ["5", "10", "20", "50", "100", "500", "1000"] as const

/** The best `depth` levels of a REST snapshot. */
const snapshot = (symbol: string, depth: number) =>
  Effect.gen(function*() {
    const limit = depthLimits.find((l) => Number(l) >= depth) ?? "1000"
    const book = yield* (yield* Markets.Markets).getDepth({ symbol, limit })
    return {
      symbol,
      lastUpdateId: book.lastUpdateId,
      timestamp: book.timestamp,
      asks: book.asks.slice(0, depth),
      bids: book.bids.slice(0, depth)
    } satisfies TopOfBook
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

/**
 * The live view. The REST snapshot is shown at once; the local book of `OrderBook.watch` replaces it
 * from its first version on (it needs one depth event to start, which a quiet market may not send
 * for a while).
 */
const watch = (symbol: string, depth: number, asJson: boolean) =>
  Effect.gen(function*() {
    const latest = yield* SubscriptionRef.make<Option.Option<TopOfBook>>(Option.none())
    const first = Effect.flatMap(
      snapshot(symbol, depth),
      (view) => SubscriptionRef.update(latest, (current) => Option.isNone(current) ? Option.some(view) : current)
    )
    const follow = (yield* OrderBook.OrderBook).watch(symbol).pipe(
      Stream.runForEach((book) => SubscriptionRef.set(latest, Option.some(viewOf(book, depth))))
    )
    const feed = Effect.zipRight(Effect.all([first, follow], { concurrency: 2, discard: true }), Effect.never)
    if (asJson || process.stdout.isTTY !== true) {
      // not a terminal: each new version (at most one per frame interval), as a JSON line or a block of lines
      const printChanges = latest.changes.pipe(
        Stream.filterMap((view) => view),
        Stream.throttle({ cost: () => 1, units: 1, duration: frameInterval, strategy: "shape" }),
        Stream.runForEach((view) =>
          asJson ? Console.log(Json.stringify(view, true)) : printLines([...render(view), ""])
        )
      )
      return yield* Effect.raceFirst(feed, printChanges)
    }
    const quit = yield* Screen.listenForQuit
    yield* Screen.enter
    let drawn: Option.Option<TopOfBook> | undefined
    const redraw = Effect.gen(function*() {
      const view = yield* SubscriptionRef.get(latest)
      if (view === drawn) return
      drawn = view
      // as many levels as the terminal has rows for (title, header, spread, blank, help: 5 lines)
      const fit = Math.max(1, Math.min(depth, Math.floor(((process.stdout.rows ?? 30) - 5) / 2)))
      const lines = Option.match(view, {
        onNone: () => [`${symbol}  loading…`],
        onSome: (v) => render({ ...v, asks: v.asks.slice(0, fit), bids: v.bids.slice(0, fit) })
      })
      yield* Screen.draw([...lines, "", "q or Ctrl-C to quit"])
    })
    const drawLoop = Effect.zipRight(Effect.repeat(redraw, Schedule.spaced(frameInterval)), Effect.never)
    yield* Effect.raceFirst(feed, Effect.raceFirst(drawLoop, quit))
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
      yield* live
        ? watch(symbol, depth, json)
        : Effect.flatMap(snapshot(symbol, depth), (view) => json ? printJson(view) : printLines(render(view)))
    }).pipe(withSdk)
).pipe(Command.withDescription("Top of the order book: asks above the spread, bids below, with running totals"))

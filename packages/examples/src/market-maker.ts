/**
 * A small market maker built from the workflow pieces of the SDK, run on the paper exchange:
 *
 * - `OrderBook.watch` gives the mid price; one bid and one ask are quoted around it (post-only, one
 *   tick inside the touch at most, `--spread` apart at least);
 * - `Orders.place` places each quote and follows it (`updates` ends at its terminal state): a filled
 *   quote is replaced at the current mid, a quote the mid moved away from is moved with `Orders.amend`;
 * - `AccountState` keeps the fills and balances; every fill is printed with the running PnL (marked
 *   at the mid);
 * - everything still open is cancelled when the program's scope closes (end of `--seconds`, Ctrl-C).
 *
 * Run: `pnpm --filter @effect-backpack/examples market-maker [--seconds 10] [--symbol SOL_USDC] [--size 0.5]`.
 * It runs on `BackpackPaper.layer` (an in-process simulator with background activity): no keys, no network.
 */
import { AccountState, Markets, OrderBook, Orders, Precision } from "@effect-backpack/sdk"
import { BackpackPaper } from "@effect-backpack/sdk/node"
import { NodeRuntime } from "@effect/platform-node"
import { BigDecimal, Console, Effect, Option, Ref, Stream, SubscriptionRef } from "effect"
import { pathToFileURL } from "node:url"

/** Options of {@link marketMaker}. */
export interface MarketMakerOptions {
  readonly symbol: string
  /** Base quantity of each quote. */
  readonly size: string
  /** Minimum distance between bid and ask, as a fraction of the mid (`"0.001"` = 0.1 %). */
  readonly spread: string
  /** A quote is moved once the mid is this many ticks away from where it was quoted. */
  readonly requoteTicks: number
}

/** What a run did. */
export interface Summary {
  readonly fills: ReadonlyArray<AccountState.AccountFill>
  readonly pnl: BigDecimal.BigDecimal
  readonly quotes: number
  readonly amends: number
}

const fmt = (value: BigDecimal.BigDecimal) => BigDecimal.format(BigDecimal.normalize(value))
const half = BigDecimal.unsafeFromString("0.5")

const total = (view: AccountState.AccountView, asset: string) =>
  Option.fromNullable(view.balances.get(asset)).pipe(
    Option.map((b) => b.total),
    Option.getOrElse(() => BigDecimal.fromBigInt(0n))
  )

/**
 * Trading PnL against simply holding the starting balances: the change of quote plus the change of
 * base valued at the current mid (fees included, as they are taken from the balances).
 */
const pnlOf = (
  start: AccountState.AccountView,
  now: AccountState.AccountView,
  base: string,
  quote: string,
  mid: BigDecimal.BigDecimal
) =>
  BigDecimal.sum(
    BigDecimal.subtract(total(now, quote), total(start, quote)),
    BigDecimal.multiply(BigDecimal.subtract(total(now, base), total(start, base)), mid)
  )

// ---------------------------------------------------------------------------------------------
// the strategy (this part is the README's "Keeping account state" snippet)
// ---------------------------------------------------------------------------------------------

/** Runs the market maker until interrupted; every quote is cancelled when its scope closes. */
export const marketMaker = (options: MarketMakerOptions, summary: Ref.Ref<Summary>) =>
  Effect.gen(function*() {
    const market = yield* Markets.getMarket({ symbol: options.symbol })
    const tick = market.filters.price.tickSize
    const account = yield* AccountState.start()

    // the latest mid, from the local order book
    const book = yield* SubscriptionRef.make(Option.none<OrderBook.Book>())
    const books = yield* OrderBook.OrderBook
    yield* books.watch(options.symbol).pipe(
      Stream.runForEach((b) => SubscriptionRef.set(book, Option.some<OrderBook.Book>(b))),
      Effect.forkScoped
    )
    const nextBook = book.changes.pipe(Stream.filterMap((b) => b), Stream.runHead, Effect.map(Option.getOrThrow))
    const mid = Effect.map(nextBook, (b) => Option.getOrThrow(b.mid))
    const startView = yield* account.view

    // print every fill with the running PnL, marked at the mid
    yield* account.events.pipe(
      Stream.filter((e) => (e._tag === "PartiallyFilled" || e._tag === "Filled") && e.fill !== undefined),
      Stream.runForEach((e) =>
        Effect.gen(function*() {
          const fill = (e as AccountState.OrderFilled).fill!
          const pnl = pnlOf(startView, yield* account.view, market.baseSymbol, market.quoteSymbol, yield* mid)
          yield* Ref.update(summary, (s) => ({ ...s, fills: [...s.fills, fill], pnl }))
          yield* Console.log(
            `fill ${fill.side === "Bid" ? "bought" : "sold  "} ${fmt(fill.quantity)} @ ${fmt(fill.price)}` +
              ` (${e._tag}, fee ${fmt(fill.fee)} ${fill.feeSymbol})  PnL ${fmt(pnl)} ${market.quoteSymbol}`
          )
        })
      ),
      Effect.forkScoped
    )

    // a quote: mid -/+ half the spread, at most one tick inside the touch, rounded away from the mid
    const quotePrice = (side: "Bid" | "Ask") =>
      Effect.map(nextBook, (b) => {
        const m = Option.getOrThrow(b.mid)
        const offset = BigDecimal.max(
          tick,
          BigDecimal.multiply(m, BigDecimal.multiply(BigDecimal.unsafeFromString(options.spread), half))
        )
        const wanted = side === "Bid" ? BigDecimal.subtract(m, offset) : BigDecimal.sum(m, offset)
        const touch = side === "Bid"
          ? Option.map(b.bestAsk, ([p]) => BigDecimal.subtract(p, tick))
          : Option.map(b.bestBid, ([p]) => BigDecimal.sum(p, tick))
        const safe = Option.match(touch, {
          onNone: () => wanted,
          onSome: (t) => side === "Bid" ? BigDecimal.min(wanted, t) : BigDecimal.max(wanted, t)
        })
        return { mid: m, price: Precision.roundPrice(market, safe, side) }
      })

    /** One side: quote, follow the quote, move it when the mid moves away, quote again once filled. */
    const side = (s: "Bid" | "Ask") =>
      Effect.scoped(Effect.gen(function*() {
        let quoted = yield* quotePrice(s)
        let placed = yield* Orders.place({
          symbol: options.symbol,
          side: s,
          orderType: "Limit",
          price: quoted.price,
          quantity: options.size,
          postOnly: true
        })
        yield* Ref.update(summary, (x) => ({ ...x, quotes: x.quotes + 1 }))
        while (true) {
          // wait for the end of the quote, or for the mid to move `requoteTicks` away from it
          const away = book.changes.pipe(
            Stream.filterMap((b) => Option.flatMap(b, (x) => x.mid)),
            Stream.filter((m) =>
              BigDecimal.greaterThanOrEqualTo(
                BigDecimal.abs(BigDecimal.subtract(m, quoted.mid)),
                BigDecimal.multiply(tick, BigDecimal.fromNumber(options.requoteTicks))
              )
            ),
            Stream.runHead
          )
          const ended = yield* Effect.raceFirst(
            Effect.as(Stream.runDrain(placed.updates), true),
            Effect.as(away, false)
          )
          if (ended) return // filled (or cancelled by the exchange): the next round quotes again
          quoted = yield* quotePrice(s)
          const amended = yield* Orders.amend({ symbol: options.symbol, orderId: placed.orderId, price: quoted.price })
            .pipe(Effect.catchTag("NotAmended", () => Effect.succeed(undefined)))
          if (amended === undefined) return
          yield* Ref.update(summary, (x) => ({ ...x, amends: x.amends + 1 }))
          placed = amended.replacement
        }
      })).pipe(
        // a post-only quote the book moved into is refused, funds may run short on one side: try again shortly
        Effect.catchTag("ApiError", (e) => Effect.zipRight(Effect.logDebug(e.message), Effect.sleep("100 millis"))),
        Effect.forever
      )

    yield* Effect.addFinalizer(() =>
      Orders.cancelOpenOrders({ symbol: options.symbol }).pipe(
        Effect.flatMap((cancelled) =>
          Console.log(`shutdown: cancelled ${Array.isArray(cancelled) ? cancelled.length : 0} open orders`)
        ),
        Effect.orDie
      )
    )
    return yield* Effect.all([side("Bid"), side("Ask")], { concurrency: 2 })
  })

// ---------------------------------------------------------------------------------------------
// the program: paper exchange, command line, summary
// ---------------------------------------------------------------------------------------------

/** Runs the market maker for `seconds` and answers what it did (open orders are cancelled by then). */
export const run = (seconds: number, options: MarketMakerOptions) =>
  Effect.gen(function*() {
    const summary = yield* Ref.make<Summary>({ fills: [], pnl: BigDecimal.fromBigInt(0n), quotes: 0, amends: 0 })
    yield* Console.log(`market making ${options.symbol} for ${seconds} s on the paper exchange (size ${options.size})`)
    yield* Effect.scoped(marketMaker(options, summary)).pipe(
      Effect.timeoutTo({ duration: `${seconds} seconds`, onSuccess: () => undefined, onTimeout: () => undefined })
    )
    const open = yield* Orders.getOpenOrders({ symbol: options.symbol })
    const result = yield* Ref.get(summary)
    yield* Console.log(
      `${result.fills.length} fills, ${result.quotes} quotes, ${result.amends} amends, PnL ${fmt(result.pnl)};` +
        ` open orders left: ${open.length}`
    )
    return { ...result, openAfter: open.length }
  })

/** The paper exchange the example trades on: funded, with background makers and takers. */
export const paper = BackpackPaper.layer({
  balances: { USDC: "20000", SOL: "100" },
  activity: { intervalMs: 50 },
  seed: 7
})

const argument = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`)
  return index < 0 ? fallback : process.argv[index + 1] ?? fallback
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = Number(argument("seconds", "10"))
  run(Number.isFinite(seconds) && seconds > 0 ? seconds : 10, {
    symbol: argument("symbol", "SOL_USDC"),
    size: argument("size", "0.5"),
    spread: "0.0005",
    requoteTicks: 3
  }).pipe(Effect.provide(paper), NodeRuntime.runMain)
}

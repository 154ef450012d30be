/**
 * The soak's workload against a simulator with background activity: `OrderBook.watch` and the trade
 * stream of several markets, an `AccountState` (private order and position events), an order loop
 * (resting post-only limits followed to their end by `Orders.place`, crossing IOCs, cancels) and
 * periodic faults (forced reconnects, sequence gaps, lost private events). Everything runs in the
 * caller's scope and stops when it closes; the counters are read while it runs.
 *
 * @since 0.1.0
 */
import { AccountState, BackpackStream, OrderBook, Orders } from "@effect-backpack/sdk"
import type { Simulator } from "@effect-backpack/simulator"
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"

/**
 * A market the workload trades: its tick and the quantity of each order.
 *
 * @since 0.1.0
 * @category models
 */
export interface MarketPlan {
  readonly symbol: string
  readonly tick: string
  readonly quantity: string
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultPlan: ReadonlyArray<MarketPlan> = [
  { symbol: "SOL_USDC", tick: "0.01", quantity: "0.5" },
  { symbol: "BTC_USDC", tick: "0.1", quantity: "0.001" },
  { symbol: "ETH_USDC", tick: "0.01", quantity: "0.02" },
  { symbol: "SOL_USDC_PERP", tick: "0.01", quantity: "0.5" }
]

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly seed: number
  readonly markets: ReadonlyArray<MarketPlan>
  /** Pause between two order actions. */
  readonly orderEvery: Duration.DurationInput
  /**
   * Period of the faults: a reconnect each period; halfway between two reconnects a sequence gap every 3rd period
   * and lost private events every 4th.
   */
  readonly faultEvery: Duration.DurationInput
  /** At most this many resting orders; beyond it the loop cancels instead of placing. */
  readonly maxOpen: number
}

/**
 * What the workload saw and did so far.
 *
 * @since 0.1.0
 * @category models
 */
export interface Counters {
  books: number
  crossedBooks: number
  /** Levels (bids and asks) of the latest book of every market, summed. */
  bookLevels: number
  trades: number
  /** Order lifecycle events from `AccountState` (`New`, fills, terminal events). */
  orderEvents: number
  /** `AccountState` views. */
  views: number
  placed: number
  iocs: number
  cancels: number
  /** Lifecycles followed to their end by `Orders.place`. */
  trackersEnded: number
  reconnectsInjected: number
  gapsInjected: number
  privateEventsDropped: number
  /** Refusals and failures of the order loop, by error tag and code (expected; nothing stops). */
  readonly errors: Record<string, number>
}

/**
 * Starts the workload in the current scope; it runs until the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = (
  sim: Simulator.SimulatorService,
  options: Options
): Effect.Effect<
  { readonly counters: Counters; readonly account: AccountState.Watcher },
  unknown,
  Scope.Scope | BackpackStream.BackpackStream | OrderBook.OrderBook | Orders.Orders | AccountState.AccountState
> =>
  Effect.gen(function*() {
    const counters: Counters = {
      books: 0,
      crossedBooks: 0,
      bookLevels: 0,
      trades: 0,
      orderEvents: 0,
      views: 0,
      placed: 0,
      iocs: 0,
      cancels: 0,
      trackersEnded: 0,
      reconnectsInjected: 0,
      gapsInjected: 0,
      privateEventsDropped: 0,
      errors: {}
    }
    const failed = (e: { readonly _tag?: string; readonly code?: unknown }) =>
      Effect.sync(() => {
        const tag = `${e._tag ?? "Error"}${typeof e.code === "string" ? ` ${e.code}` : ""}`
        counters.errors[tag] = (counters.errors[tag] ?? 0) + 1
      })
    const ws = yield* BackpackStream.BackpackStream
    const books = yield* OrderBook.OrderBook
    const latest = new Map<string, OrderBook.Book>()

    // public streams: the local book and the trades of every market
    for (const { symbol } of options.markets) {
      yield* books.watch(symbol).pipe(
        Stream.runForEach((book) =>
          Effect.sync(() => {
            counters.books++
            if (book.isCrossed) counters.crossedBooks++
            const previous = latest.get(symbol)
            counters.bookLevels += book.bidLevels + book.askLevels -
              (previous === undefined ? 0 : previous.bidLevels + previous.askLevels)
            latest.set(symbol, book)
          })
        ),
        Effect.forkScoped
      )
      yield* ws.trades(symbol).pipe(
        Stream.runForEach(() => Effect.sync(() => void counters.trades++)),
        Effect.forkScoped
      )
    }

    // private streams: the account view
    const account = yield* AccountState.start({ reconcileEvery: "10 seconds" })
    yield* account.events.pipe(
      Stream.runForEach(() => Effect.sync(() => void counters.orderEvents++)),
      Effect.forkScoped
    )
    yield* account.changes.pipe(Stream.runForEach(() => Effect.sync(() => void counters.views++)), Effect.forkScoped)

    const rng = Random.make(options.seed)
    const pick = <A>(items: ReadonlyArray<A>) => Effect.map(rng.nextIntBetween(0, items.length), (i) => items[i]!)
    const price = (plan: MarketPlan, from: BigDecimal.BigDecimal, ticks: number) =>
      BigDecimal.format(
        BigDecimal.normalize(
          BigDecimal.sum(
            from,
            BigDecimal.multiply(BigDecimal.unsafeFromString(plan.tick), BigDecimal.fromNumber(ticks))
          )
        )
      )

    // resting orders placed with `Orders.place`: each lifecycle followed to its end in its own fiber
    const rest = (plan: MarketPlan, book: OrderBook.Book) =>
      Effect.gen(function*() {
        const side = (yield* rng.nextBoolean) ? "Bid" as const : "Ask" as const
        const away = yield* rng.nextIntBetween(1, 8)
        const touch = side === "Bid" ? book.bestBid : book.bestAsk
        if (Option.isNone(touch)) return
        const placed = yield* Orders.place({
          symbol: plan.symbol,
          side,
          orderType: "Limit",
          quantity: plan.quantity,
          price: price(plan, touch.value[0], side === "Bid" ? -away : away),
          postOnly: true
        }, { pollEvery: "2 seconds" })
        counters.placed++
        yield* placed.updates.pipe(
          Stream.runDrain,
          Effect.zipRight(Effect.sync(() => void counters.trackersEnded++)),
          Effect.catchAll(failed)
        )
      }).pipe(Effect.scoped, Effect.catchAll(failed))

    const cross = (plan: MarketPlan, book: OrderBook.Book) =>
      Effect.gen(function*() {
        const side = (yield* rng.nextBoolean) ? "Bid" as const : "Ask" as const
        const touch = side === "Bid" ? book.bestAsk : book.bestBid
        if (Option.isNone(touch)) return
        yield* Orders.executeOrder({
          symbol: plan.symbol,
          side,
          orderType: "Limit",
          quantity: plan.quantity,
          price: price(plan, touch.value[0], 0),
          timeInForce: "IOC"
        })
        counters.iocs++
      }).pipe(Effect.catchAll(failed))

    const cancelOne = Effect.gen(function*() {
      const view = yield* account.view
      const open = [...view.orders.values()]
      if (open.length === 0) return
      const order = yield* pick(open)
      yield* Orders.cancelOrder({ symbol: order.symbol, orderId: order.orderId })
      counters.cancels++
    }).pipe(Effect.catchAll(failed))

    const step = Effect.gen(function*() {
      const plan = yield* pick(options.markets)
      const book = latest.get(plan.symbol)
      if (book === undefined) return
      const open = (yield* account.view).orders.size
      const roll = yield* rng.nextIntBetween(0, 10)
      if (roll < 5 && open < options.maxOpen) yield* Effect.forkScoped(rest(plan, book))
      else if (roll < 7) yield* cross(plan, book)
      else yield* cancelOne
    })
    yield* Effect.forkScoped(Effect.forever(Effect.zipRight(step, Effect.sleep(options.orderEvery))))

    // faults: a reconnect every time; halfway to the next one (so that it is not covered by the resync of the
    // reconnect), a sequence gap every 3rd time and lost private events every 4th
    let round = 0
    const half = Duration.times(Duration.decode(options.faultEvery), 0.5)
    const fault = Effect.gen(function*() {
      round++
      counters.reconnectsInjected += yield* Effect.map(sim.faults.disconnectWebSockets(), (n) => (n > 0 ? 1 : 0))
      yield* Effect.sleep(half)
      if (round % 3 === 0) {
        yield* Effect.orDie(sim.faults.depthGap((yield* pick(options.markets)).symbol, 2))
        counters.gapsInjected++
      }
      if (round % 4 === 0) {
        yield* sim.faults.dropPrivateEvents(2)
        counters.privateEventsDropped += 2
      }
    })
    yield* Effect.forkScoped(Effect.forever(Effect.zipRight(Effect.sleep(half), fault)))
    return { counters, account }
  })

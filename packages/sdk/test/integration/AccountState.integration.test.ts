/**
 * AccountState, Orders.track / place / amend against the in-process simulator: the view equals the
 * exchange's (open orders, balances), every lifecycle is reported once and in order, a disconnect is
 * caught up with derived events, lost placement answers are settled by client id.
 */
import { AccountState, BackpackError, type BackpackStream, Orders } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import {
  BigDecimal,
  Chunk,
  type Duration,
  Effect,
  Either,
  Exit,
  Fiber,
  Layer,
  Option,
  Redacted,
  Stream,
  TestClock
} from "effect"
import * as Scope from "effect/Scope"

type Sim = Simulator.SimulatorService

const withTrader = <A, E>(
  body: (
    sim: Sim,
    trader: Simulator.AccountCredentials,
    maker: Simulator.AccountCredentials
  ) => Effect.Effect<A, E, AccountState.AccountState | Orders.Orders | BackpackStream.BackpackStream | Scope.Scope>,
  reconnectDelay: Duration.DurationInput = "50 millis"
) =>
  Effect.scoped(
    Effect.gen(function*() {
      // SOL_USDC trades around 30 here, so the test's prices (10 to 35) lie inside the exchange's price band
      const markets = Simulator.defaultMarkets.map((m) => m.symbol === "SOL_USDC" ? { ...m, referencePrice: "30" } : m)
      const sim = yield* Simulator.make({ seed: 11, rateLimits: false, liquidity: false, demoAccount: false, markets })
      const trader = yield* sim.createAccount({ balances: { USDC: "10000", SOL: "100" } })
      const maker = yield* sim.createAccount({ balances: { SOL: "100", USDC: "10000" } })
      const sdk = BackpackNode.layer({
        host: sim.url,
        apiSecret: Redacted.make(trader.apiSecret),
        retries: 0,
        stream: { reconnectInitialDelay: reconnectDelay, reconnectMaxDelay: reconnectDelay }
      })
      return yield* body(sim, trader, maker).pipe(
        Effect.provide(Layer.merge(Layer.orDie(sdk), Testing.layerLiveSigningClock))
      )
    })
  )

const dec = (s: string) => BigDecimal.unsafeFromString(s)

/** Waits (at most 10 s) for a view that satisfies `pred`. */
const until = (watcher: AccountState.Watcher, pred: (view: AccountState.AccountView) => boolean) =>
  watcher.changes.pipe(
    Stream.filter(pred),
    Stream.runHead,
    Effect.map(Option.getOrThrow),
    Effect.timeoutFail({ duration: "10 seconds", onTimeout: () => "view never reached the expected state" })
  )

/** The exchange's balances as plain strings (normalised). */
const exchangeBalances = (sim: Sim, apiKey: string) =>
  Effect.map(sim.balances(apiKey), (all) =>
    Object.fromEntries(
      Object.entries(all)
        .map(([asset, b]) => [asset, `${BigDecimal.format(dec(b.available))}/${BigDecimal.format(dec(b.locked))}`])
        .filter(([, v]) => v !== "0/0")
    ))

const localBalances = (view: AccountState.AccountView) =>
  Object.fromEntries(
    [...view.balances].map(([asset, b]) => [asset, `${BigDecimal.format(b.available)}/${BigDecimal.format(b.locked)}`])
  )

const tags = (events: ReadonlyArray<AccountState.OrderEvent>) => events.map((e) => e._tag)

describe("AccountState against the simulator", () => {
  it.effect("follows placements, fills and cancels: orders, fills and balances equal the exchange's", () =>
    withTrader((sim, trader, maker) =>
      Effect.gen(function*() {
        const watcher = yield* AccountState.start({ reconcileEvery: "1 hour" })
        const events = yield* watcher.subscribeEvents
        const first = yield* watcher.view
        expect(first.orders.size).toBe(0)
        expect(localBalances(first)).toEqual(yield* exchangeBalances(sim, trader.apiKey))

        const orders = yield* Orders.Orders
        const bid = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "20.5",
          quantity: "4",
          clientId: 1
        })
        const ask = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "30",
          quantity: "2",
          clientId: 2
        })
        yield* until(watcher, (v) => v.orders.size === 2)
        // the maker sells 1 into the bid at 20.5, then 3 more: the bid fills in two steps
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "20.5",
          quantity: "1"
        })
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "20",
          quantity: "3",
          timeInForce: "IOC"
        })
        yield* orders.cancelOrder({ symbol: "SOL_USDC", orderId: ask.id })
        const view = yield* until(watcher, (v) => v.orders.size === 0)
        expect(view.ordersByClientId.size).toBe(0)
        expect(view.fills.map((f) => BigDecimal.format(f.quantity))).toEqual(["1", "3"])
        expect(localBalances(view)).toEqual(yield* exchangeBalances(sim, trader.apiKey))
        const seen = Chunk.toReadonlyArray(yield* events.pipe(Stream.take(5), Stream.runCollect))
        expect(seen.map((e) => `${e.order.orderId === bid.id ? "bid" : "ask"}:${e._tag}`)).toEqual([
          "bid:New",
          "ask:New",
          "bid:PartiallyFilled",
          "bid:Filled",
          "ask:Cancelled"
        ])
        expect(seen.every((e) => !e.derived)).toBe(true)
        // nothing drifted: the reconciliation finds the view equal to the exchange
        expect(yield* watcher.reconcile).toEqual([])
      })
    ))

  it.live("after a disconnect, what happened meanwhile comes out as derived events, once and in order", () =>
    withTrader((sim, trader, maker) =>
      Effect.gen(function*() {
        const watcher = yield* AccountState.start({ reconcileEvery: "1 hour" })
        const events = yield* watcher.subscribeEvents
        const orders = yield* Orders.Orders
        const resting = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "20",
          quantity: "2"
        })
        const toCancel = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "19",
          quantity: "1"
        })
        yield* until(watcher, (v) => v.orders.size === 2)
        // drop the socket; everything below happens before the client can be back
        expect(yield* sim.faults.disconnectWebSockets()).toBeGreaterThan(0)
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "20",
          quantity: "2",
          timeInForce: "IOC"
        })
        const unseen = yield* sim.executeOrder(trader.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "35",
          quantity: "1"
        })
        yield* orders.cancelOrder({ symbol: "SOL_USDC", orderId: toCancel.id })
        const view = yield* until(watcher, (v) => v.orders.size === 1 && v.orders.has(String(unseen.id)))
        expect(localBalances(view)).toEqual(yield* exchangeBalances(sim, trader.apiKey))
        // a marker order: its event comes next, so nothing was reported twice in between
        const marker = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "10",
          quantity: "1"
        })
        const seen = Chunk.toReadonlyArray(yield* events.pipe(Stream.take(6), Stream.runCollect))
        const name = (id: string) =>
          id === resting.id ? "resting" : id === toCancel.id ? "toCancel" : id === marker.id ? "marker" : "unseen"
        expect(seen.map((e) => `${name(e.order.orderId)}:${e._tag}`)).toEqual([
          "resting:New",
          "toCancel:New",
          "resting:Filled",
          "toCancel:Cancelled",
          "unseen:New",
          "marker:New"
        ])
        expect(seen.slice(2, 5).every((e) => e.derived)).toBe(true)
        const filled = seen[2]!
        expect(filled._tag === "Filled" && filled.fill !== undefined && BigDecimal.format(filled.fill.quantity)).toBe(
          "2"
        )
      }), "1 second"))
})

describe("AccountState when the view stops", () => {
  it.effect("reconcile on a view stopped by a failure answers with that failure instead of waiting forever", () =>
    Effect.gen(function*() {
      const exchange = yield* Scope.make()
      const sim = yield* Scope.extend(
        Simulator.make({ seed: 11, rateLimits: false, liquidity: false, demoAccount: false }),
        exchange
      )
      const trader = yield* sim.createAccount({ balances: { USDC: "1000" } })
      const sdk = BackpackNode.layer({ host: sim.url, apiSecret: Redacted.make(trader.apiSecret), retries: 0 })
      yield* Effect.gen(function*() {
        const watcher = yield* AccountState.start({ reconcileEvery: "1 minute", attempts: 1 })
        // the exchange goes away: the next periodic reconciliation cannot reach it and the view stops
        yield* Scope.close(exchange, Exit.void)
        const stopped = yield* Effect.fork(Effect.either(watcher.await))
        for (let i = 0; i < 100 && Option.isNone(yield* Fiber.poll(stopped)); i++) {
          yield* TestClock.adjust("1 minute")
          // real sockets: give the refused connection time to be reported
          yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
        }
        const failure = yield* Fiber.join(stopped)
        expect(Either.isLeft(failure)).toBe(true)
        expect(yield* Effect.either(watcher.reconcile)).toEqual(failure)
      }).pipe(Effect.provide(Layer.merge(Layer.orDie(sdk), Testing.layerLiveSigningClock)), Effect.scoped)
    }))
})

describe("Orders.place / track / amend against the simulator", () => {
  it.effect("place follows the order to its terminal state; track replays a finished order's lifecycle", () =>
    withTrader((sim, _trader, maker) =>
      Effect.gen(function*() {
        const placed = yield* Orders.place({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "21",
          quantity: "2"
        })
        expect(placed.source).toBe("answer")
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "21",
          quantity: "0.5",
          timeInForce: "IOC"
        })
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "21",
          quantity: "1.5",
          timeInForce: "IOC"
        })
        const states = Chunk.toReadonlyArray(yield* placed.updates.pipe(Stream.runCollect))
        expect(tags(states)).toEqual(["New", "PartiallyFilled", "Filled"])
        expect(states.map((s) => BigDecimal.format(s.order.executedQuantity))).toEqual(["0", "0.5", "2"])

        const replay = Chunk.toReadonlyArray(
          yield* Orders.track({ symbol: "SOL_USDC", clientId: placed.clientId }).pipe(Stream.runCollect)
        )
        expect(tags(replay)).toEqual(["New", "PartiallyFilled", "Filled"])
        expect(replay.every((e) => e.derived)).toBe(true)
      })
    ))

  it.live(
    "a lost placement answer is settled by client id after the signing window: placed once",
    () =>
      withTrader((sim) =>
        Effect.gen(function*() {
          yield* sim.faults.dropAfterAccept(1)
          const placed = yield* Orders.place(
            { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "15", quantity: "1", clientId: 4242 },
            { pollEvery: "200 millis" }
          )
          expect(placed.source).toBe("reconciled")
          expect(placed.clientId).toBe(4242)
          const open = yield* Orders.getOpenOrders({ symbol: "SOL_USDC" })
          expect(open.map((o) => o.clientId)).toEqual([4242])
          yield* Orders.cancelOrder({ symbol: "SOL_USDC", clientId: 4242 })
          const states = Chunk.toReadonlyArray(yield* placed.updates.pipe(Stream.runCollect))
          expect(tags(states)).toEqual(["New", "Cancelled"])
        })
      ),
    20_000
  )

  it.effect("amend replaces a resting order at a new price; an order that filled is not replaced", () =>
    withTrader((sim, _trader, maker) =>
      Effect.gen(function*() {
        const placed = yield* Orders.place({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "18",
          quantity: "3"
        })
        const amended = yield* Orders.amend({ symbol: "SOL_USDC", orderId: placed.orderId, price: "18.5" })
        expect(amended.cancelled.status).toBe("Cancelled")
        const open = yield* Orders.getOpenOrders({ symbol: "SOL_USDC" })
        expect(open.map((o) => [o.id, o.orderType === "Limit" && BigDecimal.format(o.price)])).toEqual([
          [amended.replacement.orderId, "18.5"]
        ])
        expect(tags(Chunk.toReadonlyArray(yield* placed.updates.pipe(Stream.runCollect)))).toEqual(["New", "Cancelled"])
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "18.5",
          quantity: "3",
          timeInForce: "IOC"
        })
        const states = Chunk.toReadonlyArray(yield* amended.replacement.updates.pipe(Stream.runCollect))
        expect(tags(states)).toEqual(["New", "Filled"])
        const refused = yield* Effect.flip(Orders.amend({ symbol: "SOL_USDC", orderId: amended.replacement.orderId }))
        expect(refused._tag).toBe("NotAmended")
        expect(refused._tag === "NotAmended" && refused.status).toBe("Filled")
        expect(BackpackError.isBackpackError(refused)).toBe(false)
      })
    ))
})

/**
 * BackpackStream and OrderBook against the real simulator (127.0.0.1, port 0) over the `ws` socket of
 * `BackpackNode`: depth gaps injected by the simulator force a resync after which the local book equals
 * the simulator's REST book exactly; a server-side disconnect is survived by public and (re-signed)
 * private streams.
 */
import { Backpack, BackpackConfig, BackpackStream, Markets, OrderBook, Orders, Signer } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, Effect, Fiber, Layer, Redacted, Ref, Stream } from "effect"
import * as SubscriptionRef from "effect/SubscriptionRef"

type Sim = Simulator.SimulatorService
type Services = BackpackStream.BackpackStream | OrderBook.OrderBook | Markets.Markets | Orders.Orders

const withSdk = <A, E>(body: (sim: Sim, trader: Simulator.AccountCredentials) => Effect.Effect<A, E, Services>) =>
  Effect.scoped(
    Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 11, rateLimits: false, pingIntervalMs: 200 })
      const trader = yield* sim.createAccount({ balances: { USDC: "100000", SOL: "500" } })
      const sdk = BackpackNode.layer({
        host: sim.url,
        wsUrl: sim.wsUrl,
        apiSecret: Redacted.make(trader.apiSecret),
        retries: 0
      })
      return yield* body(sim, trader).pipe(Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock)))
    })
  )

/** Polls until `check` holds (real time; the simulator runs on real timers). */
const until = <E, R>(check: Effect.Effect<boolean, E, R>, timeoutMs = 10_000) =>
  Effect.gen(function*() {
    const deadline = Date.now() + timeoutMs
    while (!(yield* check)) {
      if (Date.now() > deadline) return yield* Effect.dieMessage("condition not reached in time")
      yield* Effect.sleep("20 millis")
    }
  })

const normalize = (levels: ReadonlyArray<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>) =>
  levels.map(([p, q]) => [BigDecimal.format(BigDecimal.normalize(p)), BigDecimal.format(BigDecimal.normalize(q))])

/** Resting limit orders on both sides, some crossing (trades), some cancelling levels. */
const trade = (sim: Sim, apiKey: string, round: number) =>
  Effect.gen(function*() {
    const offset = (round % 7) * 0.1
    yield* sim.executeOrder(apiKey, {
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      price: (120 + offset).toFixed(2),
      quantity: "0.5"
    })
    yield* sim.executeOrder(apiKey, {
      symbol: "SOL_USDC",
      side: "Ask",
      orderType: "Limit",
      price: (260 - offset).toFixed(2),
      quantity: "0.25"
    })
    if (round % 3 === 0) yield* sim.runActivity(1)
  })

/** Waits until the latest local book and the REST book describe the same update id, then compares them. */
const expectBookEqualsRest = (latest: Ref.Ref<OrderBook.Book | undefined>) =>
  Effect.gen(function*() {
    const markets = yield* Markets.Markets
    let matched = false
    const deadline = Date.now() + 10_000
    while (!matched) {
      const rest = yield* markets.getDepth({ symbol: "SOL_USDC", limit: "1000" })
      const book = yield* Ref.get(latest)
      if (book !== undefined && book.lastUpdateId === rest.lastUpdateId) {
        expect(normalize(book.bids())).toEqual(normalize(rest.bids))
        expect(normalize(book.asks())).toEqual(normalize(rest.asks))
        expect(book.isCrossed).toBe(false)
        matched = true
      } else {
        if (Date.now() > deadline) return yield* Effect.dieMessage("local book never caught up with REST")
        yield* Effect.sleep("20 millis")
      }
    }
  })

describe("streams against the simulator", () => {
  it.effect("readiness: an order placed right after subscribeScoped completes has all its events", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const ws = yield* BackpackStream.BackpackStream
        const serverErrors = yield* Ref.make<ReadonlyArray<BackpackStream.ServerError>>([])
        yield* ws.errors.pipe(Stream.runForEach((e) => Ref.update(serverErrors, (all) => [...all, e])), Effect.fork)
        for (let round = 0; round < 3; round++) {
          const placed = yield* Effect.scoped(Effect.gen(function*() {
            const orders = yield* Orders.Orders
            const updates = yield* ws.subscribeScoped(BackpackStream.orderUpdates("SOL_USDC"))
            // no waiting of any kind between the readiness signal and the order
            const order = yield* orders.executeOrder({
              symbol: "SOL_USDC",
              side: "Bid",
              orderType: "Limit",
              price: "101.5",
              quantity: "0.2",
              clientId: 7000 + round
            })
            const [accepted] = Chunk.toReadonlyArray(
              yield* updates.pipe(
                Stream.filter((e) => e.orderId === order.id),
                Stream.take(1),
                Stream.runCollect,
                Effect.timeoutFail({
                  duration: "5 seconds",
                  onTimeout: () => "no order event after the readiness signal"
                })
              )
            )
            yield* orders.cancelOrder({ symbol: "SOL_USDC", orderId: order.id })
            return { order, accepted: accepted! }
          }))
          expect(placed.accepted.eventType).toBe("orderAccepted")
          expect(placed.accepted.clientId).toBe(7000 + round)
          expect(placed.accepted.orderType).toBe("Limit")
          expect(placed.accepted.side).toBe("Bid")
          expect(placed.accepted.symbol).toBe("SOL_USDC")
          expect(BigDecimal.format(placed.accepted.price!)).toBe("101.5")
          expect(BigDecimal.format(placed.accepted.quantity!)).toBe("0.2")
          // the subscription ended with the scope: the next round subscribes (and probes) afresh
          expect(yield* ws.subscriptions).toEqual([])
        }
        // the probes' "Invalid stream" answers are consumed by the barrier, not reported as errors
        expect(yield* Ref.get(serverErrors)).toEqual([])
      })
    ))

  it.live("depth gaps injected by the simulator trigger a resync; the book then equals the REST book", () =>
    withSdk((sim, trader) =>
      Effect.gen(function*() {
        const books = yield* OrderBook.OrderBook
        const latest = yield* Ref.make<OrderBook.Book | undefined>(undefined)
        const watcher = yield* books.watch("SOL_USDC").pipe(
          Stream.runForEach((book) => Ref.set(latest, book)),
          Effect.fork
        )
        // the book syncs only once a delta arrives after the subscription
        yield* until(Effect.gen(function*() {
          yield* trade(sim, trader.apiKey, 0)
          return (yield* Ref.get(latest)) !== undefined
        }))
        for (let round = 1; round <= 5; round++) yield* trade(sim, trader.apiKey, round)
        yield* expectBookEqualsRest(latest)
        expect((yield* Ref.get(latest))!.resyncs).toBe(0)

        yield* sim.faults.depthGap("SOL_USDC", 3)
        // the book emits again once a delta after the new snapshot confirms continuity: keep trading
        let round = 6
        yield* until(Effect.gen(function*() {
          yield* trade(sim, trader.apiKey, round++)
          const book = yield* Ref.get(latest)
          return book !== undefined && book.resyncs >= 1
        }))
        yield* expectBookEqualsRest(latest)

        yield* sim.faults.depthGap("SOL_USDC", 1)
        yield* until(Effect.gen(function*() {
          yield* trade(sim, trader.apiKey, round++)
          const book = yield* Ref.get(latest)
          return book !== undefined && book.resyncs >= 2
        }))
        yield* expectBookEqualsRest(latest)
        yield* Fiber.interrupt(watcher)
      })
    ))

  it.live("a server-side disconnect: streams continue, private streams are re-signed, the book resyncs", () =>
    withSdk((sim, trader) =>
      Effect.gen(function*() {
        const ws = yield* BackpackStream.BackpackStream
        const books = yield* OrderBook.OrderBook
        const latest = yield* Ref.make<OrderBook.Book | undefined>(undefined)
        const orderEvents = yield* Ref.make<ReadonlyArray<BackpackStream.OrderUpdateEvent>>([])
        const trades = yield* Ref.make(0)
        yield* books.watch("SOL_USDC").pipe(Stream.runForEach((book) => Ref.set(latest, book)), Effect.fork)
        yield* ws.orderUpdates("SOL_USDC").pipe(
          Stream.runForEach((event) => Ref.update(orderEvents, (all) => [...all, event])),
          Effect.fork
        )
        yield* ws.trades("SOL_USDC").pipe(Stream.runForEach(() => Ref.update(trades, (n) => n + 1)), Effect.fork)
        yield* until(Effect.map(SubscriptionRef.get(ws.status), (s) => s._tag === "Open"))
        yield* until(Effect.gen(function*() {
          yield* trade(sim, trader.apiKey, 0)
          return (yield* Ref.get(latest)) !== undefined && (yield* Ref.get(orderEvents)).length > 0
        }))

        const closed = yield* sim.faults.disconnectWebSockets()
        expect(closed).toBe(1)
        yield* until(Effect.map(SubscriptionRef.get(ws.status), (s) => s._tag === "Open" && s.connection === 2))
        expect((yield* sim.faults.webSocketConnections).length).toBe(1)

        const before = (yield* Ref.get(orderEvents)).length
        const tradesBefore = yield* Ref.get(trades)
        yield* until(Effect.gen(function*() {
          yield* trade(sim, trader.apiKey, 3)
          return (yield* Ref.get(orderEvents)).length > before && (yield* Ref.get(trades)) > tradesBefore
        }))
        // the private stream was re-subscribed with a fresh, valid signature: events flow again
        const after = (yield* Ref.get(orderEvents)).slice(before)
        expect(after.every((e) => e.symbol === "SOL_USDC")).toBe(true)
        expect(after.some((e) => e.eventType === "orderAccepted")).toBe(true)
        yield* until(Effect.gen(function*() {
          yield* trade(sim, trader.apiKey, 4)
          const book = yield* Ref.get(latest)
          return book !== undefined && book.resyncs >= 1
        }))
        yield* expectBookEqualsRest(latest)
      })
    ))

  it.live("server pings (ws) keep a silent connection alive past the idle timeout; without them it is recycled", () =>
    Effect.scoped(Effect.gen(function*() {
      const run = (pingIntervalMs: number) =>
        Effect.gen(function*() {
          const sim = yield* Simulator.make({ seed: 3, rateLimits: false, pingIntervalMs })
          const layer = Backpack.withStreams(
            Backpack.layerWith({
              config: BackpackConfig.layer({ host: sim.url, wsUrl: sim.wsUrl }),
              signer: Signer.layer,
              httpClient: NodeHttpClient.layerUndici
            }),
            { webSocket: NodeSocket.layerWebSocketConstructor, stream: { idleTimeout: "500 millis" } }
          )
          return yield* Effect.gen(function*() {
            const ws = yield* BackpackStream.BackpackStream
            // the simulator's liquidation stream is silent: only pings show the connection is alive
            yield* ws.liquidations().pipe(Stream.runDrain, Effect.fork)
            yield* until(Effect.map(SubscriptionRef.get(ws.status), (s) => s._tag === "Open"))
            yield* Effect.sleep("1500 millis")
            const status = yield* SubscriptionRef.get(ws.status)
            return status._tag === "Open" ? status.connection : 0
          }).pipe(Effect.provide(Layer.orDie(layer)))
        })
      // pinged every 100 ms: still the first connection
      expect(yield* run(100)).toBe(1)
      // pinged every 60 s: the watchdog recycles the silent connection
      const connection = yield* run(60_000)
      expect(connection === 0 || connection > 1).toBe(true)
    })))
})

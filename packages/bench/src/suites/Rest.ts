/**
 * Benchmark 3: REST round trips against the in-process simulator on 127.0.0.1.
 *
 * - `Markets.getDepth({ symbol })` against CCXT's `fetchOrderBook(symbol)` (both send
 *   `GET /api/v1/depth?symbol=SOL_USDC`; CCXT drops its `limit` argument for Backpack, so neither
 *   side passes one and both receive the same snapshot size).
 * - A signed `Orders.executeOrder` + `Orders.cancelOrder` pair (a post-only limit bid far below the
 *   market, so it rests and is cancelled) against CCXT's `createOrder` + `cancelOrder`.
 *
 * The SDK side is wired exactly as `BackpackNode.layer` (undici HTTP client, `node:crypto` signer)
 * except for the client-side rate limiter, which is `RateLimiter.layerUnlimited` here: the default
 * limiter would (correctly) hold the SDK to Backpack's 2000 requests a minute, while CCXT runs with
 * `enableRateLimit: false`. Retries are 0 on the SDK side; nothing fails in these runs anyway.
 *
 * @since 0.1.0
 */
import { Backpack, BackpackConfig, Markets, Orders, RateLimiter } from "@effect-backpack/sdk"
import { NodeSigner } from "@effect-backpack/sdk/node"
import type { Simulator } from "@effect-backpack/simulator"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Ccxt from "../Ccxt.js"
import * as Harness from "../Harness.js"
import * as NetGuard from "../NetGuard.js"
import type { Budget, Section } from "../Section.js"

/** The SDK wiring of `BackpackNode.layer` with an unlimited client-side rate limiter. */
const sdkLayer = (options: BackpackConfig.Options) =>
  Backpack.layerWith({
    config: BackpackConfig.layer(options),
    signer: NodeSigner.layer,
    httpClient: NodeHttpClient.layerUndici,
    rateLimiter: RateLimiter.layerUnlimited
  })

/**
 * Runs benchmark 3 against a running simulator with a funded trader account.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const run = (
  budget: Budget,
  sim: Simulator.SimulatorService,
  trader: Simulator.AccountCredentials
): Effect.Effect<Section, unknown> =>
  Effect.gen(function*() {
    const symbol = "SOL_USDC"
    const exchange = Ccxt.makeExchange({ url: sim.url, apiKey: trader.apiKey, secret: trader.apiSecret })
    yield* Effect.tryPromise(() => exchange.loadMarkets()) // once, outside the timings (CCXT caches it)

    const markets = yield* Markets.Markets
    const orders = yield* Orders.Orders

    // sanity: both sides see the same book
    const sdkBook = yield* markets.getDepth({ symbol })
    const ccxtBook = yield* Effect.tryPromise(() => exchange.fetchOrderBook("SOL/USDC"))
    const sdkBest = sdkBook.bids[0]
    const ccxtBest = ccxtBook.bids[0]
    if (sdkBest === undefined || ccxtBest === undefined || BigDecimal.unsafeToNumber(sdkBest[0]) !== ccxtBest[0]) {
      return yield* Effect.fail(new Error("the SDK and CCXT disagree on the simulator's best bid"))
    }

    const order = {
      symbol,
      side: "Bid",
      orderType: "Limit",
      quantity: "1",
      price: "1.00",
      postOnly: true
    } as const
    const sdkRoundTrip = Effect.flatMap(
      orders.executeOrder(order),
      (placed) => orders.cancelOrder({ symbol, orderId: placed.id })
    )
    const ccxtRoundTrip = async () => {
      const placed = await exchange.createOrder("SOL/USDC", "limit", "buy", 1, 1, { postOnly: true })
      if (placed.id === undefined) throw new Error("CCXT returned an order without id")
      return exchange.cancelOrder(placed.id, "SOL/USDC")
    }
    const placedOnce = yield* sdkRoundTrip
    const ccxtOnce = yield* Effect.tryPromise(ccxtRoundTrip)
    if (Orders.isCancelAccepted(placedOnce) || placedOnce.status !== "Cancelled" || ccxtOnce.status !== "canceled") {
      return yield* Effect.fail(new Error("an order round trip did not end cancelled"))
    }

    const depthPlan = { warmup: budget.pick(200, 50), iterations: budget.pick(1000, 100) }
    const orderPlan = { warmup: budget.pick(30, 5), iterations: budget.pick(150, 15) }
    const connections = { sdk: 0, ccxt: 0 }
    const counting = <A, E, R>(side: "sdk" | "ccxt", measure: Effect.Effect<A, E, R>) =>
      Effect.suspend(() => {
        const before = NetGuard.connectionCount()
        return Effect.ensuring(
          measure,
          Effect.sync(() => {
            connections[side] += NetGuard.connectionCount() - before
          })
        )
      })
    const results: Array<Harness.Result> = [
      yield* counting("sdk", Harness.measureEffect("SDK Markets.getDepth", depthPlan, markets.getDepth({ symbol }))),
      yield* counting(
        "ccxt",
        Effect.promise(() =>
          Harness.measureAsync("CCXT fetchOrderBook", depthPlan, () => exchange.fetchOrderBook("SOL/USDC"))
        )
      ),
      yield* counting("sdk", Harness.measureEffect("SDK executeOrder + cancelOrder (signed)", orderPlan, sdkRoundTrip)),
      yield* counting(
        "ccxt",
        Effect.promise(() => Harness.measureAsync("CCXT createOrder + cancelOrder (signed)", orderPlan, ccxtRoundTrip))
      )
    ]
    const open = yield* orders.getOpenOrders({ symbol })
    return {
      title: "3. REST round trips against the local simulator (127.0.0.1, one request at a time)",
      results,
      notes: [
        `Depth snapshot: ${sdkBook.bids.length} bids / ${sdkBook.asks.length} asks per call.`,
        "An order round trip is two signed requests (POST /api/v1/order, DELETE /api/v1/order); " +
        `open orders left afterwards: ${open.length}.`,
        "The simulator runs in the same Node process, so its own request handling, matching and JSON " +
        "encoding are included in every row and shared equally by both clients.",
        `TCP connections opened during these rows (warm-ups included): SDK ${connections.sdk}, CCXT ` +
        `${connections.ccxt}. Depth calls reuse keep-alive connections on both sides; after each ` +
        "DELETE /api/v1/order (JSON body) the next request opens a new connection (seen with both clients), so " +
        "the order rows include about one TCP connect per round trip.",
        "SDK: BackpackNode wiring (undici + node:crypto) with RateLimiter.layerUnlimited; " +
        "CCXT: enableRateLimit false, its default undici transport."
      ]
    }
  }).pipe(
    Effect.provide(
      sdkLayer({
        host: sim.url,
        wsUrl: sim.wsUrl,
        apiKey: Redacted.make(trader.apiKey),
        apiSecret: Redacted.make(trader.apiSecret),
        retries: 0
      })
    )
  )

import { Backpack, BackpackClient, BackpackConfig, Endpoints, Metrics, RateLimiter, Signer } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Metric, MetricState, Option, Redacted, TestClock } from "effect"
import { capture } from "./utils/capture.js"
import { demoSecret, mockHttp, sdkLayer } from "./utils/mock.js"

/** The SDK on a mock client with a real rate limiter (the given budgets). */
const limitedLayer = (
  http: ReturnType<typeof mockHttp>,
  config: BackpackConfig.Options,
  limits: RateLimiter.Options = {}
) =>
  Backpack.layerWith({
    config: BackpackConfig.layer({ host: "https://api.test", apiSecret: Redacted.make(demoSecret), ...config }),
    signer: Signer.layer,
    httpClient: http.layer,
    rateLimiter: RateLimiter.layer(limits)
  }).pipe(Layer.orDie)

const getMarkets = BackpackClient.execute(Endpoints.Markets.getMarkets, {})
const getOpenOrders = BackpackClient.execute(Endpoints.Orders.getOpenOrders, {})
const placeOrder = BackpackClient.execute(Endpoints.Orders.executeOrder, {
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  price: "1",
  quantity: "1",
  clientId: 7
})
const order = {
  orderType: "Limit",
  id: "8284661092",
  clientId: 7,
  createdAt: 1,
  executedQuantity: "0",
  executedQuoteQuantity: "0",
  postOnly: false,
  price: "1",
  quantity: "1",
  reduceOnly: null,
  selfTradePrevention: "RejectTaker",
  side: "Bid",
  status: "New",
  symbol: "SOL_USDC",
  timeInForce: "GTC",
  triggerBy: null,
  triggerPrice: null,
  triggerQuantity: null,
  triggeredAt: null,
  relatedOrderId: null,
  strategyId: null
}

/** Moves the test clock in 100 ms steps, letting woken fibers schedule their next sleep in between. */
const advance = (millis: number) => Effect.repeatN(TestClock.adjust("100 millis"), Math.ceil(millis / 100) - 1)

describe("Retry-After is capped (maxRetryAfter)", () => {
  it.effect("Retry-After: 86400 fails at once with the server's value; the bucket pauses for the cap only", () => {
    const http = mockHttp((req) =>
      req.path === "/api/v1/markets" && req.headers["x-marker"] === undefined
        ? {
          status: 429,
          body: { code: "TOO_MANY_REQUESTS", message: "slow down" },
          headers: { "retry-after": "86400" }
        }
        : { body: [] }
    )
    const { captured, layer } = capture()
    return Effect.gen(function*() {
      const error = yield* Effect.flip(getMarkets)
      expect(error._tag).toBe("RateLimitError")
      if (error._tag !== "RateLimitError") return
      expect(error.retryAfterMillis).toBe(86_400_000)
      expect(error.detail).toContain("exceeds maxRetryAfter 30000 ms")
      expect(http.requests.length).toBe(1) // not retried, although retries are allowed
      // the next call on the same bucket waits for the cap (30 s), not a day
      http.respond(() => ({ body: [] }))
      const next = yield* Effect.fork(getMarkets)
      yield* advance(29_000)
      expect(http.requests.length).toBe(0)
      yield* advance(2000)
      expect(yield* Fiber.join(next)).toEqual([])
      expect(http.requests.length).toBe(1)
      const logs = captured.logs.join("\n")
      expect(logs).toMatch(
        /WARN\n.*rate limited by the exchange \(HTTP 429\): pausing the standard bucket for 30000 ms/
      )
      expect(logs).toMatch(/WARN\n.*rate limit: waiting 30000 ms on the standard bucket, paused after a 429/)
    }).pipe(Effect.provide(Layer.merge(limitedLayer(http, { retries: 3 }), layer)))
  })

  it.effect("a Retry-After under a configured cap is waited for and retried", () => {
    let n = 0
    const http = mockHttp(() =>
      ++n === 1
        ? { status: 429, body: { code: "TOO_MANY_REQUESTS", message: "slow down" }, headers: { "retry-after": "4" } }
        : { body: [] }
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(getMarkets)
      yield* advance(10_000)
      expect(yield* Fiber.join(fiber)).toEqual([])
      expect(n).toBe(2)
      // with a 3 s cap the same answer fails at once
      n = 0
      const error = yield* Effect.flip(
        getMarkets.pipe(Effect.provide(limitedLayer(http, { retries: 3, maxRetryAfter: "3 seconds" })))
      )
      expect(error._tag === "RateLimitError" && error.retryAfterMillis).toBe(4000)
      expect(n).toBe(1)
    }).pipe(Effect.provide(limitedLayer(http, { retries: 3 })))
  })
})

describe("the rate-limiter wait is bounded (maxRateLimitWait)", () => {
  it.effect("a call that would wait longer fails with RateLimitError, nothing sent; the wait is logged at Info", () => {
    const http = mockHttp(() => ({ body: [] }))
    const { captured, layer } = capture()
    return Effect.gen(function*() {
      yield* getMarkets
      const waiting = yield* Effect.fork(Effect.flip(getMarkets))
      yield* advance(5000)
      const error = yield* Fiber.join(waiting)
      expect(error._tag).toBe("RateLimitError")
      expect(error.message).toContain("maxRateLimitWait")
      expect(http.requests.length).toBe(1)
      expect(captured.logs.join("\n")).toMatch(
        /INFO\n.*rate limit: waiting 36000\d\d ms on the standard bucket, client-side budget exhausted/
      )
      const waits = yield* Metric.value(Metric.tagged(Metrics.rateLimitWait, "bucket", "standard"))
      expect(waits.count).toBeGreaterThanOrEqual(1)
      expect(waits.max).toBeGreaterThanOrEqual(3_600_000)
    }).pipe(
      Effect.provide(Layer.merge(
        limitedLayer(http, { maxRateLimitWait: "5 seconds" }, { standard: { limit: 1, interval: "1 hour" } }),
        layer
      ))
    )
  })
})

describe("automatic clock handling", () => {
  /** A server whose clock reads 1,000,000 ms; it refuses timestamps more than 5 s away ("Request has expired"). */
  const server = (serverTime: () => number) => (req: { path: string; headers: Record<string, string> }) => {
    if (req.path === "/api/v1/time") return { text: String(serverTime()) }
    const ts = Number(req.headers["x-timestamp"])
    if (Math.abs(ts - serverTime()) > 5000) {
      return { status: 400, body: { code: "INVALID_CLIENT_REQUEST", message: "Request has expired" } }
    }
    return req.path === "/api/v1/order" ? { body: order } : { body: [] }
  }

  it.effect("a timestamp refusal: clock measured, re-signed and resent once (query and mutation)", () => {
    const http = mockHttp(server(() => 1_000_000))
    return Effect.gen(function*() {
      expect(yield* getOpenOrders).toEqual([])
      expect(http.requests.map((r) => [r.path, r.headers["x-timestamp"]])).toEqual([
        ["/api/v1/orders", "0"],
        ["/api/v1/time", undefined],
        ["/api/v1/orders", "1000000"]
      ])
      expect(http.requests[0]!.headers["x-signature"]).not.toBe(http.requests[2]!.headers["x-signature"])
      expect(yield* Effect.flatMap(BackpackClient.BackpackClient, (c) => c.clockOffset.get)).toBe(1_000_000)
      const synced = yield* Metric.value(Metric.tagged(Metrics.clockSyncs, "reason", "refused"))
      expect(synced.count).toBe(1)
      // a mutation refused the same way is sent again exactly once, never as OutcomeUnknown
      http.respond(server(() => 2_000_000))
      const placed = yield* placeOrder
      expect(placed.clientId).toBe(7)
      expect(http.requests.map((r) => r.path)).toEqual(["/api/v1/order", "/api/v1/time", "/api/v1/order"])
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { retries: 2 } })))
  })

  it.effect("refused again after the measurement → AuthenticationError (one resend, no loop)", () => {
    let calls = 0
    const http = mockHttp((req) =>
      req.path === "/api/v1/time"
        ? { text: String(1_000_000 + 1_000_000 * calls++) } // a clock that keeps jumping
        : { status: 400, body: { code: "INVALID_CLIENT_REQUEST", message: "Request has expired" } }
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(placeOrder)
      expect(error._tag).toBe("AuthenticationError")
      expect(http.requests.map((r) => r.path)).toEqual(["/api/v1/order", "/api/v1/time", "/api/v1/order"])
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })

  it.effect("a refusal that is not about the clock is not resent", () => {
    const http = mockHttp(() => ({ status: 401, body: { code: "INVALID_SIGNATURE", message: "Invalid signature" } }))
    return Effect.gen(function*() {
      expect((yield* Effect.flip(getOpenOrders))._tag).toBe("AuthenticationError")
      expect(http.requests.length).toBe(1)
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })

  it.effect("clockSyncInterval: signed calls re-measure the clock once it has elapsed", () => {
    let now = 1_000_000
    const http = mockHttp(server(() => now))
    return Effect.gen(function*() {
      yield* getOpenOrders
      expect(http.requests.map((r) => r.path)).toEqual(["/api/v1/time", "/api/v1/orders"])
      yield* TestClock.adjust("30 seconds")
      now += 30_000
      yield* getOpenOrders
      yield* getMarkets // public: never measures
      expect(http.requests.map((r) => r.path)).toEqual([
        "/api/v1/time",
        "/api/v1/orders",
        "/api/v1/orders",
        "/api/v1/markets"
      ])
      yield* TestClock.adjust("31 seconds")
      now += 31_000 + 7_000 // the server drifted 7 s ahead meanwhile
      yield* getOpenOrders
      const last = http.requests.slice(-2)
      expect(last.map((r) => r.path)).toEqual(["/api/v1/time", "/api/v1/orders"])
      expect(Number(last[1]!.headers["x-timestamp"])).toBe(now)
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { clockSyncInterval: "1 minute" } })))
  })

  it.effect("System.syncClock and the executor read the same signing clock", () => {
    const http = mockHttp(server(() => 1_000_000))
    return Effect.gen(function*() {
      const client = yield* BackpackClient.BackpackClient
      expect(yield* client.syncClock).toBe(1_000_000)
      expect(Option.isNone(yield* BackpackClient.SigningClock)).toBe(true)
      expect(yield* BackpackClient.signingTime).toBe(0)
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })
})

describe("metrics", () => {
  it.effect("requests by operation and outcome, and latency", () => {
    const http = mockHttp((req) =>
      req.path === "/api/v1/markets" ? { body: [] } : { status: 400, body: { code: "INVALID_ORDER", message: "no" } }
    )
    const ok = Metric.tagged(Metric.tagged(Metrics.requests, "operation", "Markets.getMarkets"), "outcome", "ok")
    const failed = Metric.tagged(
      Metric.tagged(Metrics.requests, "operation", "Orders.executeOrder"),
      "outcome",
      "ApiError"
    )
    const latency = Metric.tagged(Metrics.latency, "operation", "Markets.getMarkets")
    return Effect.gen(function*() {
      const before = [
        (yield* Metric.value(ok)).count,
        (yield* Metric.value(failed)).count,
        (yield* Metric.value(latency)).count
      ]
      yield* getMarkets
      yield* getMarkets
      yield* Effect.flip(placeOrder)
      const after = [
        (yield* Metric.value(ok)).count,
        (yield* Metric.value(failed)).count,
        (yield* Metric.value(latency)).count
      ]
      expect(after.map((n, i) => n - before[i]!)).toEqual([2, 1, 2])
      expect(MetricState.isHistogramState(yield* Metric.value(latency))).toBe(true)
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })

  it.effect("the fiber's own metric labels (Effect.tagMetrics) are added to the executor's series", () => {
    const http = mockHttp(() => ({ body: [] }))
    const desk = (metric: Metric.Metric<any, any, any>) => Metric.tagged(metric, "desk", "alpha")
    const ok = desk(Metric.tagged(Metric.tagged(Metrics.requests, "operation", "Markets.getMarkets"), "outcome", "ok"))
    const latency = desk(Metric.tagged(Metrics.latency, "operation", "Markets.getMarkets"))
    const untagged = Metric.tagged(Metric.tagged(Metrics.requests, "operation", "Markets.getMarkets"), "outcome", "ok")
    return Effect.gen(function*() {
      const before = [(yield* Metric.value(ok)).count, (yield* Metric.value(latency)).count]
      const plain = (yield* Metric.value(untagged)).count
      yield* Effect.tagMetrics(Effect.zipRight(getMarkets, getMarkets), "desk", "alpha")
      const after = [(yield* Metric.value(ok)).count, (yield* Metric.value(latency)).count]
      expect(after.map((n, i) => n - before[i]!)).toEqual([2, 2])
      // a labelled call is its own series: the unlabelled one did not move
      expect((yield* Metric.value(untagged)).count).toBe(plain)
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })
})

import {
  Backpack,
  BackpackClient,
  BackpackConfig,
  Capital,
  Endpoint,
  Endpoints,
  RateLimiter,
  Signer,
  System
} from "@effect-backpack/sdk"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, FiberRef, Layer, Redacted, Schema, TestClock } from "effect"
import { demoSecret, mockHttp, sdkLayer } from "./utils/mock.js"

// A signed mutation and a signed query, declared like the real table does, to drive the executor.
const mutation = Endpoint.make({
  operationId: "test_mutation",
  name: "Test.mutate",
  method: "POST",
  path: "/api/v1/test",
  instruction: "orderExecute",
  request: Schema.Struct({ symbol: Schema.String, clientId: Schema.optional(Schema.Number) }),
  response: Endpoint.json(Schema.Struct({ id: Schema.String }))
})

const query = Endpoint.make({
  operationId: "test_query",
  name: "Test.query",
  method: "GET",
  path: "/api/v1/thing",
  instruction: "orderQueryAll",
  request: Schema.Struct({ symbol: Schema.String }),
  response: Endpoint.json(Schema.Array(Schema.Struct({ value: Schema.Number })))
})

const run = <A, E>(
  effect: Effect.Effect<A, E, BackpackClient.BackpackClient | System.System | Capital.Capital>,
  http: ReturnType<typeof mockHttp>,
  retries = 0
) => effect.pipe(Effect.provide(sdkLayer(http.layer, { config: { retries } })))

describe("BackpackClient error mapping", () => {
  it.effect("400 with a Backpack code → ApiError keeping status, code, message, operation", () => {
    const http = mockHttp(() => ({ status: 400, body: { code: "INVALID_ORDER", message: "Invalid order" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return
      expect([error.status, error.code, error.message, error.operation]).toEqual([
        400,
        "INVALID_ORDER",
        "Invalid order",
        "Test.mutate"
      ])
    }).pipe((e) => run(e, http))
  })

  it.effect("plain-text 400 → ApiError with code UNKNOWN and the text", () => {
    const text =
      "failed to parse parameter `interval`: failed to parse \"KlineInterval\": Expect a valid enumeration value."
    const http = mockHttp(() => ({ status: 400, text }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return
      expect(error.code).toBe("UNKNOWN")
      expect(error.message).toBe(text)
    }).pipe((e) => run(e, http))
  })

  it.effect("401 → AuthenticationError; INVALID_SIGNATURE too", () => {
    const http = mockHttp(() => ({ status: 401, body: { code: "INVALID_SIGNATURE", message: "Invalid signature" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("AuthenticationError")
      if (error._tag !== "AuthenticationError") return
      expect([error.status, error.code]).toEqual([401, "INVALID_SIGNATURE"])
      // no signature or secret in the message
      const sent = http.requests[0]!.headers["x-signature"]!
      expect(error.message).not.toContain(sent)
    }).pipe((e) => run(e, http))
  })

  it.effect("404 → ApiError RESOURCE_NOT_FOUND, not retried", () => {
    const http = mockHttp(() => ({ status: 404, body: { code: "RESOURCE_NOT_FOUND", message: "Order not found" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag === "ApiError" && error.code).toBe("RESOURCE_NOT_FOUND")
      expect(http.requests.length).toBe(1)
    }).pipe((e) => run(e, http, 3))
  })

  it.effect("429 then success: the idempotent call is retried after Retry-After and re-signed", () => {
    const http = mockHttp((_, n) =>
      n === 1
        ? { status: 429, body: { code: "TOO_MANY_REQUESTS", message: "slow down" }, headers: { "retry-after": "2" } }
        : { body: [{ value: 7 }] }
    )
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      yield* TestClock.adjust("10 seconds")
      const result = yield* Fiber.join(fiber)
      expect(result).toEqual([{ value: 7 }])
      expect(http.requests.length).toBe(2)
      const [first, second] = http.requests
      expect(Number(second!.headers["x-timestamp"]) - Number(first!.headers["x-timestamp"])).toBeGreaterThanOrEqual(
        2000
      )
      expect(second!.headers["x-signature"]).not.toBe(first!.headers["x-signature"])
    }).pipe((e) => run(e, http, 3))
  })

  it.effect("429 on a mutation → RateLimitError with retryAfterMillis, never retried", () => {
    const http = mockHttp(() => ({
      status: 429,
      body: { code: "TOO_MANY_REQUESTS", message: "slow down" },
      headers: { "retry-after": "3" }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("RateLimitError")
      if (error._tag === "RateLimitError") expect(error.retryAfterMillis).toBe(3000)
      expect(http.requests.length).toBe(1)
    }).pipe((e) => run(e, http, 3))
  })

  it.effect("503 on a query: retried, then ApiError 503 when it persists", () => {
    const http = mockHttp(() => ({ status: 503, body: { code: "MAINTENANCE", message: "System under maintenance" } }))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "ApiError" && [error.status, error.code]).toEqual([503, "MAINTENANCE"])
      expect(http.requests.length).toBe(3)
    }).pipe((e) => run(e, http, 2))
  })

  it.effect("503 on a mutation → OutcomeUnknown with the request and the clientId, sent once", () => {
    const http = mockHttp(() => ({ status: 503, text: "Service Unavailable" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 42 }))
      expect(error._tag).toBe("OutcomeUnknown")
      if (error._tag !== "OutcomeUnknown") return
      expect(error.clientIds).toEqual([42])
      expect(error.symbol).toBe("SOL_USDC")
      expect(error.request.path).toBe("/api/v1/test")
      expect(error.request.params).toEqual({ symbol: "SOL_USDC", clientId: 42 })
      expect(http.requests.length).toBe(1)
    }).pipe((e) => run(e, http, 3))
  })

  it.effect("connection reset on a mutation → OutcomeUnknown; on a query → retried then TransportError", () => {
    const http = mockHttp(() => "reset")
    return Effect.gen(function*() {
      const outcome = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 9 }))
      expect(outcome._tag).toBe("OutcomeUnknown")
      expect(http.requests.length).toBe(1)
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("1 minute")
      const transport = yield* Fiber.join(fiber)
      expect(transport._tag).toBe("TransportError")
      expect(http.requests.length).toBe(1 + 3)
    }).pipe((e) => run(e, http, 2))
  })

  it.effect("invalid JSON with 200 → DecodeError naming the operation", () => {
    const http = mockHttp(() => ({ text: "{not json" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("DecodeError")
      if (error._tag === "DecodeError") {
        expect(error.operation).toBe("Test.query")
        expect(error.detail).toContain("invalid JSON")
      }
    }).pipe((e) => run(e, http))
  })

  it.effect("a 200 body of the wrong shape → DecodeError with the path of the bad field; extra fields tolerated", () => {
    const http = mockHttp(() => ({ body: [{ value: 1, extra: true }, { value: "x" }] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag === "DecodeError" && error.path).toBe("[1].value")
    }).pipe((e) => run(e, http))
  })

  it.effect("a timeout → TimeoutError on queries (no retries configured)", () => {
    const http = mockHttp(() => new Promise(() => {}))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TimeoutError" && error.timeoutMillis).toBe(10_000)
    }).pipe((e) => run(e, http))
  })

  it.effect("a signed call without a secret → AuthenticationError, nothing sent", () => {
    const http = mockHttp(() => ({ body: [] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("AuthenticationError")
      expect(error.message).toContain("no API secret")
      expect(http.requests.length).toBe(0)
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { apiSecret: undefined } })))
  })

  it.effect("unknown input keys are a ValidationError, nothing sent", () => {
    const http = mockHttp(() => ({ body: [] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC", qty: 1 } as any))
      expect(error._tag).toBe("ValidationError")
      expect(http.requests.length).toBe(0)
    }).pipe((e) => run(e, http))
  })

  it.effect("signed GET: query params sorted, signing headers set, window from config", () => {
    const http = mockHttp(() => ({ body: [] }))
    return Effect.gen(function*() {
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      const request = http.requests[0]!
      expect(request.url.search).toBe("?symbol=SOL_USDC")
      expect(request.headers["x-window"]).toBe("5000")
      expect(request.headers["x-timestamp"]).toMatch(/^\d+$/)
      expect(request.headers["x-api-key"]).toBe("zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A=")
      expect(request.headers["x-signature"]).toMatch(/^[A-Za-z0-9+/]{86}==$/)
    }).pipe((e) => run(e, http))
  })

  it.effect("System.syncClock shifts X-Timestamp by the server offset", () => {
    // TestClock starts at 0: a server at 1_000_000 ms is 1_000_000 ms ahead
    const http = mockHttp((req) => req.path === "/api/v1/time" ? { text: "1000000" } : { body: [] })
    return Effect.gen(function*() {
      const offset = yield* (yield* System.System).syncClock
      expect(offset).toBe(1_000_000)
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      expect(Number(http.requests[1]!.headers["x-timestamp"])).toBe(1_000_000)
    }).pipe((e) => run(e, http))
  })

  it.effect("OutcomeUnknown never keeps a two-factor token from the body", () => {
    const http = mockHttp(() => ({ status: 503, text: "Service Unavailable" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Capital.Capital).requestWithdrawal({
        address: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
        blockchain: "Solana",
        symbol: "USDC",
        quantity: "10",
        twoFactorToken: "TOKEN-482913"
      }))
      expect(error._tag).toBe("OutcomeUnknown")
      if (error._tag !== "OutcomeUnknown") return
      expect((error.request.params as Record<string, unknown>).twoFactorToken).toBe("<redacted>")
      expect((error.request.params as Record<string, unknown>).quantity).toBe("10")
      expect(JSON.stringify(error)).not.toContain("TOKEN-482913")
      expect(error.message).not.toContain("TOKEN-482913")
      // the token was sent, once
      expect(http.requests.map((r) => (r.json as any).twoFactorToken)).toEqual(["TOKEN-482913"])
    }).pipe((e) => run(e, http, 3))
  })

  it.effect("x-signature is added to the platform's redacted headers, which are kept", () => {
    let seen: ReadonlyArray<string | RegExp> = []
    const http = Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request) =>
        Effect.map(FiberRef.get(Headers.currentRedactedNames), (names) => {
          seen = names
          return HttpClientResponse.fromWeb(request, new Response("[]", { status: 200 }))
        })
      )
    )
    return Effect.gen(function*() {
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      expect(seen).toEqual(expect.arrayContaining(["authorization", "cookie", "x-api-key", "x-signature"]))
    }).pipe(Effect.provide(sdkLayer(http)))
  })

  it.effect("onLimit: fail refuses on the client with RateLimitError, nothing sent, not retried", () => {
    const http = mockHttp(() => ({ body: [] }))
    const layer = Backpack.layerWith({
      config: BackpackConfig.layer({ host: "https://api.test", apiSecret: Redacted.make(demoSecret), retries: 3 }),
      signer: Signer.layer,
      httpClient: http.layer,
      rateLimiter: RateLimiter.layer({ standard: { limit: 1, interval: "1 minute" }, onLimit: "fail" })
    }).pipe(Layer.orDie)
    return Effect.gen(function*() {
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("RateLimitError")
      if (error._tag === "RateLimitError") expect(error.retryAfterMillis).toBe(60_000)
      expect(http.requests.length).toBe(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a mutation answered 2xx with an unreadable body → OutcomeUnknown keeping the clientId", () => {
    const http = mockHttp(() => ({ body: { unexpected: true } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 77 }))
      expect(error._tag).toBe("OutcomeUnknown")
      if (error._tag === "OutcomeUnknown") {
        expect(error.clientIds).toEqual([77])
        expect(error.reason).toContain("unexpected response")
      }
    }).pipe((e) => run(e, http, 3))
  })

  it.effect("X-Broker-Id goes only on order and strategy placement", () => {
    const http = mockHttp(() => ({ status: 400, body: { code: "INVALID_ORDER", message: "no" } }))
    return Effect.gen(function*() {
      yield* Effect.flip(BackpackClient.execute(Endpoints.byOperationId("execute_order")!, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "1",
        quantity: "1"
      }))
      yield* Effect.flip(BackpackClient.execute(Endpoints.byOperationId("request_withdrawal")!, {
        address: "addr",
        blockchain: "Solana",
        symbol: "USDC",
        quantity: "1"
      }))
      expect(http.requests.map((r) => r.headers["x-broker-id"])).toEqual(["1400", undefined])
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { brokerId: 1400 } })))
  })

  it.effect("queries are retried on timeouts, then fail with TimeoutError", () => {
    const http = mockHttp(() => new Promise(() => {}))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("2 minutes")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("TimeoutError")
      expect(http.requests.length).toBe(3)
    }).pipe((e) => run(e, http, 2))
  })
})

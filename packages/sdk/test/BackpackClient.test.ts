import {
  Backpack,
  BackpackClient,
  BackpackConfig,
  BackpackError,
  Capital,
  Endpoint,
  Endpoints,
  RateLimiter,
  Signer,
  System
} from "@effect-backpack/sdk"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it, layer } from "@effect/vitest"
import { Cause, Effect, Fiber, FiberRef, Layer, Redacted, Schema, TestClock } from "effect"
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

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("BackpackClient error mapping", (it) => {
  it.effect("400 with a Backpack code → ApiError keeping status, code, message, operation", () => {
    http.respond(() => ({ status: 400, body: { code: "INVALID_ORDER", message: "Invalid order" } }))
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
    })
  })

  it.effect("plain-text 400 → ApiError with code UNKNOWN and the text", () => {
    const text =
      "failed to parse parameter `interval`: failed to parse \"KlineInterval\": Expect a valid enumeration value."
    http.respond(() => ({ status: 400, text }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return
      expect(error.code).toBe("UNKNOWN")
      expect(error.message).toBe(text)
    })
  })

  it.effect("401 → AuthenticationError; INVALID_SIGNATURE too", () => {
    http.respond(() => ({ status: 401, body: { code: "INVALID_SIGNATURE", message: "Invalid signature" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("AuthenticationError")
      if (error._tag !== "AuthenticationError") return
      expect([error.status, error.code]).toEqual([401, "INVALID_SIGNATURE"])
      // no signature or secret in the message
      const sent = http.requests[0]!.headers["x-signature"]!
      expect(error.message).not.toContain(sent)
    })
  })

  it.effect("invalid JSON with 200 → DecodeError naming the operation", () => {
    http.respond(() => ({ text: "{not json" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("DecodeError")
      if (error._tag === "DecodeError") {
        expect(error.operation).toBe("Test.query")
        expect(error.detail).toContain("invalid JSON")
      }
    })
  })

  it.effect("a 200 body of the wrong shape → DecodeError with the path of the bad field; extra fields tolerated", () => {
    http.respond(() => ({ body: [{ value: 1, extra: true }, { value: "x" }] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag === "DecodeError" && error.path).toBe("[1].value")
    })
  })

  it.effect("a timeout → TimeoutError on queries (no retries configured)", () => {
    http.respond(() => new Promise(() => {}))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "TimeoutError" && error.timeoutMillis).toBe(10_000)
    })
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
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC", qty: 1 } as any))
      expect(error._tag).toBe("ValidationError")
      expect(http.requests.length).toBe(0)
    })
  })

  it.effect("signed GET: query params sorted, signing headers set, window from config", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      const request = http.requests[0]!
      expect(request.url.search).toBe("?symbol=SOL_USDC")
      expect(request.headers["x-window"]).toBe("5000")
      expect(request.headers["x-timestamp"]).toMatch(/^\d+$/)
      expect(request.headers["x-api-key"]).toBe("zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A=")
      expect(request.headers["x-signature"]).toMatch(/^[A-Za-z0-9+/]{86}==$/)
    })
  })

  it.effect("System.syncClock shifts X-Timestamp by the server offset", () => {
    // at time 0, a server at 1_000_000 ms is 1_000_000 ms ahead
    http.respond((req) => req.path === "/api/v1/time" ? { text: "1000000" } : { body: [] })
    return Effect.gen(function*() {
      yield* TestClock.setTime(0) // the suite shares one TestClock
      const offset = yield* (yield* System.System).syncClock
      expect(offset).toBe(1_000_000)
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      expect(Number(http.requests[1]!.headers["x-timestamp"])).toBe(1_000_000)
    })
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
    const limited = Backpack.layerWith({
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
    }).pipe(Effect.provide(limited))
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
})

layer(sdkLayer(http.layer, { config: { retries: 3 } }))("BackpackClient error mapping, 3 retries", (it) => {
  it.effect("404 → ApiError RESOURCE_NOT_FOUND, not retried", () => {
    http.respond(() => ({ status: 404, body: { code: "RESOURCE_NOT_FOUND", message: "Order not found" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(error._tag === "ApiError" && error.code).toBe("RESOURCE_NOT_FOUND")
      expect(http.requests.length).toBe(1)
    })
  })

  it.effect("429 then success: the idempotent call is retried after Retry-After and re-signed", () => {
    http.respond((_, n) =>
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
    })
  })

  it.effect("429 on a mutation → RateLimitError with retryAfterMillis, never retried", () => {
    http.respond(() => ({
      status: 429,
      body: { code: "TOO_MANY_REQUESTS", message: "slow down" },
      headers: { "retry-after": "3" }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC" }))
      expect(error._tag).toBe("RateLimitError")
      if (error._tag === "RateLimitError") expect(error.retryAfterMillis).toBe(3000)
      expect(http.requests.length).toBe(1)
    })
  })

  it.effect("503 on a mutation → OutcomeUnknown with the request and the clientId, sent once", () => {
    http.respond(() => ({ status: 503, text: "Service Unavailable" }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 42 }))
      expect(error._tag).toBe("OutcomeUnknown")
      if (error._tag !== "OutcomeUnknown") return
      expect(error.clientIds).toEqual([42])
      expect(error.symbol).toBe("SOL_USDC")
      expect(error.request.path).toBe("/api/v1/test")
      expect(error.request.params).toEqual({ symbol: "SOL_USDC", clientId: 42 })
      expect(http.requests.length).toBe(1)
    })
  })

  it.effect("OutcomeUnknown never keeps a two-factor token from the body", () => {
    http.respond(() => ({ status: 503, text: "Service Unavailable" }))
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
    })
  })

  it.effect("a mutation answered 2xx with an unreadable body → OutcomeUnknown keeping the clientId", () => {
    http.respond(() => ({ body: { unexpected: true } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 77 }))
      expect(error._tag).toBe("OutcomeUnknown")
      if (error._tag === "OutcomeUnknown") {
        expect(error.clientIds).toEqual([77])
        expect(error.reason).toContain("unexpected response")
      }
    })
  })
})

layer(sdkLayer(http.layer, { config: { retries: 2 } }))("BackpackClient error mapping, 2 retries", (it) => {
  it.effect("503 on a query: retried, then ApiError 503 when it persists", () => {
    http.respond(() => ({ status: 503, body: { code: "MAINTENANCE", message: "System under maintenance" } }))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error._tag === "ApiError" && [error.status, error.code]).toEqual([503, "MAINTENANCE"])
      expect(http.requests.length).toBe(3)
    })
  })

  it.effect("connection reset on a mutation → OutcomeUnknown; on a query → retried then TransportError", () => {
    http.respond(() => "reset")
    return Effect.gen(function*() {
      const outcome = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 9 }))
      expect(outcome._tag).toBe("OutcomeUnknown")
      expect(http.requests.length).toBe(1)
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("1 minute")
      const transport = yield* Fiber.join(fiber)
      expect(transport._tag).toBe("TransportError")
      expect(http.requests.length).toBe(1 + 3)
    })
  })

  it.effect("queries are retried on timeouts, then fail with TimeoutError", () => {
    http.respond(() => new Promise(() => {}))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("2 minutes")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("TimeoutError")
      expect(http.requests.length).toBe(3)
    })
  })
})

describe("BackpackClient pipeline", () => {
  const wired = (
    http: Layer.Layer<HttpClient.HttpClient>,
    options: BackpackClient.Options & { readonly retries?: number; readonly rateLimiter?: RateLimiter.Options } = {}
  ) =>
    Backpack.layerWith({
      config: BackpackConfig.layer({
        host: "https://api.test",
        apiSecret: Redacted.make(demoSecret),
        retries: options.retries ?? 0
      }),
      signer: Signer.layer,
      httpClient: http,
      rateLimiter: options.rateLimiter === undefined
        ? RateLimiter.layerUnlimited
        : RateLimiter.layer(options.rateLimiter),
      transformClient: options.transformClient
    }).pipe(Layer.orDie)

  it.effect("a transformClient middleware sees every attempt, each with its own timestamp", () => {
    const http = mockHttp((_, n) => n < 3 ? { status: 503, text: "unavailable" } : { body: [{ value: 1 }] })
    const seen: Array<string> = []
    const answered: Array<number> = []
    const transformClient = (client: HttpClient.HttpClient) =>
      client.pipe(
        HttpClient.mapRequest(HttpClientRequest.setHeader("x-trace", "t-1")),
        HttpClient.tapRequest((request) => Effect.sync(() => seen.push(`${request.method} ${request.url}`))),
        HttpClient.tap((response) => Effect.sync(() => answered.push(response.status)))
      )
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      yield* TestClock.adjust("1 minute")
      expect(yield* Fiber.join(fiber)).toEqual([{ value: 1 }])
      expect(seen).toEqual(Array(3).fill("GET https://api.test/api/v1/thing?symbol=SOL_USDC"))
      expect(answered).toEqual([503, 503, 200])
      expect(http.requests.map((r) => r.headers["x-trace"])).toEqual(["t-1", "t-1", "t-1"])
      const stamps = http.requests.map((r) => Number(r.headers["x-timestamp"]))
      expect(stamps[1]! > stamps[0]! && stamps[2]! > stamps[1]!).toBe(true)
    }).pipe(Effect.provide(wired(http.layer, { retries: 2, transformClient })))
  })

  it.effect("the timeout covers the exchange, not the rate limiter's wait", () => {
    const http = mockHttp(() => ({ body: [] }))
    return Effect.gen(function*() {
      yield* BackpackClient.execute(query, { symbol: "SOL_USDC" })
      // the next call waits ~60 s for its turn (timeout: 10 s), then is answered at once
      const fiber = yield* Effect.fork(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      yield* TestClock.adjust("61 seconds")
      expect(yield* Fiber.join(fiber)).toEqual([])
      expect(http.requests.length).toBe(2)
      const [first, second] = http.requests.map((r) => Number(r.headers["x-timestamp"]))
      expect(second! - first!).toBeGreaterThanOrEqual(60_000)
    }).pipe(Effect.provide(wired(http.layer, { rateLimiter: { standard: { limit: 1, interval: "1 minute" } } })))
  })

  it.effect("errors keep their cause, and no cause carries a header or the signature", () => {
    const http = mockHttp((request) =>
      request.method === "POST" ? "reset" : request.query.symbol === "BAD" ? { body: [{ value: "x" }] } : "reset"
    )
    return Effect.gen(function*() {
      const transport = yield* Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" }))
      expect(transport._tag).toBe("TransportError")
      if (transport._tag !== "TransportError") return
      expect((transport.cause as { code?: string }).code).toBe("ECONNRESET")
      expect(transport.message).toBe("Test.query: transport failure: Transport: socket hang up: ECONNRESET")

      const decode = yield* Effect.flip(BackpackClient.execute(query, { symbol: "BAD" }))
      expect(decode._tag === "DecodeError" && (decode.cause as { _tag?: string })._tag).toBe("ParseError")

      const outcome = yield* Effect.flip(BackpackClient.execute(mutation, { symbol: "SOL_USDC", clientId: 5 }))
      expect(outcome._tag).toBe("OutcomeUnknown")
      if (outcome._tag !== "OutcomeUnknown") return
      expect(outcome.cause).toBeInstanceOf(BackpackError.TransportError)
      expect(outcome.reason).toBe((outcome.cause as BackpackError.TransportError).message)

      const signature = http.requests[2]!.headers["x-signature"]!
      const encoded = JSON.stringify(Schema.encodeSync(BackpackError.BackpackError)(outcome))
      for (const text of [encoded, JSON.stringify(outcome), JSON.stringify(transport), outcome.message]) {
        expect(text).not.toContain(signature)
        expect(text.toLowerCase()).not.toContain("x-signature")
      }
      expect(JSON.parse(encoded).cause).toMatchObject({ name: "TransportError" })
    }).pipe(Effect.provide(wired(http.layer)))
  })

  it.effect("a timeout keeps its TimeoutException as cause", () => {
    const http = mockHttp(() => new Promise(() => {}))
    return Effect.gen(function*() {
      const fiber = yield* Effect.fork(Effect.flip(BackpackClient.execute(query, { symbol: "SOL_USDC" })))
      yield* TestClock.adjust("11 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("TimeoutError")
      expect(error._tag === "TimeoutError" && Cause.isTimeoutException(error.cause)).toBe(true)
    }).pipe(Effect.provide(wired(http.layer)))
  })
})

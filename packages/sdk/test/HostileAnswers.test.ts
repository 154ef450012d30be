import { BackpackClient, BackpackError, type Endpoint, Endpoints } from "@effect-backpack/sdk"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import type { SchemaAST } from "effect"
import { Cause, Effect, Either, Exit, FastCheck as fc, Layer, Option, Schema } from "effect"
import { mockHttp, sdkLayer } from "./utils/mock.js"

// Property tests: generated hostile answers to public, signed and mutating calls, and generated invalid
// inputs for every request schema. Samples come from a fixed seed, so a failure reproduces.

/** A hostile answer: a status, raw body bytes and a content type. */
interface Hostile {
  readonly kind: string
  readonly status: number
  readonly body: Uint8Array
  readonly contentType: string
}

const utf8 = (text: string) => new TextEncoder().encode(text)
const sampleMarket = JSON.stringify([{ symbol: "SOL_USDC", baseSymbol: "SOL", quoteSymbol: "USDC", filters: {} }])

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  // truncated JSON
  fc.integer({ min: 1, max: sampleMarket.length - 1 }).map((n) => ({
    kind: "truncated",
    status: 200,
    body: utf8(sampleMarket.slice(0, n)),
    contentType: "application/json"
  })),
  // deeply nested arrays or objects
  fc.tuple(fc.integer({ min: 500, max: 20_000 }), fc.boolean()).map(([depth, objects]) => ({
    kind: `nested ${depth}`,
    status: 200,
    body: utf8(
      objects ? `${"{\"a\":".repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`
    ),
    contentType: "application/json"
  })),
  // huge
  fc.integer({ min: 1, max: 4 }).map((mb) => ({
    kind: `huge ${mb} MB`,
    status: 200,
    body: utf8(JSON.stringify({ x: "z".repeat(mb * 1024 * 1024) })),
    contentType: "application/json"
  })),
  // HTML error pages, with any status
  fc.constantFrom(200, 400, 403, 404, 429, 500, 502, 503, 504).map((status) => ({
    kind: `html ${status}`,
    status,
    body: utf8(`<html><head><title>${status}</title></head><body><h1>Bad Gateway</h1></body></html>`),
    contentType: "text/html"
  })),
  // wrong types
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({
    kind: "wrong types",
    status: 200,
    body: utf8(JSON.stringify(value) ?? "null"),
    contentType: "application/json"
  })),
  // empty where JSON is expected
  fc.constantFrom(200, 201, 500).map((status) => ({
    kind: `empty ${status}`,
    status,
    body: new Uint8Array(),
    contentType: "application/json"
  })),
  // invalid UTF-8
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
    kind: "invalid utf-8",
    status: 200,
    body: new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0xc3, 0x28, ...bytes, 0x22, 0x5d]),
    contentType: "application/json"
  }))
)

/** A client answering every request with `answer`, counting requests by path. */
const hostileClient = (answer: () => Hostile, sent: Map<string, number>) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.sync(() => {
        const path = new URL(request.url).pathname
        sent.set(path, (sent.get(path) ?? 0) + 1)
        const { body, contentType, status } = answer()
        return HttpClientResponse.fromWeb(
          request,
          new Response(body as unknown as ArrayBuffer, { status, headers: { "content-type": contentType } })
        )
      })
    )
  )

const calls = {
  public: BackpackClient.execute(Endpoints.Markets.getMarkets, {}),
  publicQuery: BackpackClient.execute(Endpoints.Markets.getDepth, { symbol: "SOL_USDC" }),
  signed: BackpackClient.execute(Endpoints.Capital.getBalances, {}),
  signedList: BackpackClient.execute(Endpoints.Orders.getOpenOrders, {})
} as const

const mutation = BackpackClient.execute(Endpoints.Orders.executeOrder, {
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  price: "1",
  quantity: "1",
  clientId: 42
})

/** The call's exit within a real 5 s bound: a hang fails the test. */
const bounded = <A>(effect: Effect.Effect<A, BackpackError.BackpackError, BackpackClient.BackpackClient>) =>
  Effect.exit(effect).pipe(
    Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("hung") }),
    Effect.orDie
  )

const expectTypedFailureOrValue = (exit: Exit.Exit<unknown, BackpackError.BackpackError>, kind: string) => {
  if (Exit.isSuccess(exit)) return
  expect(Cause.isDie(exit.cause), `${kind}: defect ${Cause.pretty(exit.cause).slice(0, 300)}`).toBe(false)
  const failure = Cause.failureOption(exit.cause)
  expect(Option.isSome(failure) && BackpackError.isBackpackError(failure.value), kind).toBe(true)
  if (Option.isSome(failure)) expect(failure.value.message.length, kind).toBeLessThan(4096)
}

describe("hostile answers (property)", () => {
  const samples = fc.sample(hostile, { numRuns: 120, seed: 20261201 })

  it.live(
    "public and signed calls: a typed failure (or a valid value), never a defect, never a hang",
    () =>
      Effect.gen(function*() {
        let current = samples[0]!
        const sent = new Map<string, number>()
        const layer = sdkLayer(hostileClient(() => current, sent), { config: { retries: 0, timeout: "2 seconds" } })
        const kinds = new Set<string>()
        for (const sample of samples) {
          current = sample
          kinds.add(sample.kind.split(" ")[0]!)
          for (
            const call of Object.values(calls) as Array<
              Effect.Effect<unknown, BackpackError.BackpackError, BackpackClient.BackpackClient>
            >
          ) {
            expectTypedFailureOrValue(yield* bounded(call).pipe(Effect.provide(layer)), sample.kind)
          }
        }
        expect([...kinds].sort()).toEqual(["empty", "html", "huge", "invalid", "nested", "truncated", "wrong"])
      }),
    120_000
  )

  it.live(
    "a mutation's uncertain answer is always OutcomeUnknown, sent exactly once; a 4xx is its ApiError",
    () =>
      Effect.gen(function*() {
        let current = samples[0]!
        const sent = new Map<string, number>()
        const layer = sdkLayer(hostileClient(() => current, sent), { config: { retries: 3, timeout: "2 seconds" } })
        for (const sample of samples) {
          current = sample
          sent.clear()
          const exit = yield* bounded(mutation).pipe(Effect.provide(layer))
          expect(sent.get("/api/v1/order"), sample.kind).toBe(1)
          expect(Exit.isFailure(exit), sample.kind).toBe(true)
          if (Exit.isSuccess(exit)) continue
          const failure = Cause.failureOption(exit.cause)
          expect(Option.isSome(failure), sample.kind).toBe(true)
          if (Option.isNone(failure)) continue
          const expected = sample.status >= 500 || (sample.status >= 200 && sample.status < 300)
            ? "OutcomeUnknown"
            : sample.status === 429
            ? "RateLimitError"
            : sample.status === 401 || sample.status === 403 && false
            ? "AuthenticationError"
            : "ApiError"
          expect(failure.value._tag, sample.kind).toBe(expected)
          if (failure.value._tag === "OutcomeUnknown") expect(failure.value.clientIds).toEqual([42])
        }
      }),
    120_000
  )
})

// ---------------------------------------------------------------------------------------------
// invalid inputs
// ---------------------------------------------------------------------------------------------

/** The property names of a request schema's struct (its members' for a union or an array of structs). */
const keysOf = (ast: SchemaAST.AST): Array<string> => {
  switch (ast._tag) {
    case "TypeLiteral":
      return ast.propertySignatures.map((p) => String(p.name))
    case "Union":
      return [...new Set(ast.types.flatMap(keysOf))]
    case "Refinement":
      return keysOf(ast.from)
    case "Transformation":
      return keysOf(ast.from)
    case "TupleType":
      return ast.rest.flatMap((r) => keysOf(r.type))
    case "Suspend":
      return keysOf(ast.f())
    case "Declaration":
      return []
    default:
      return []
  }
}

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.constantFrom("", " 1.5", "1,5", "-1", "NaN", "1e400", "x".repeat(5000), "SOL USDC", "\u0000"),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.integer({ min: -(2 ** 60), max: 2 ** 60 }).map((n) => n * 1.5)
)

const invalidInputs = (endpoint: Endpoint.Any, seed: number): Array<unknown> => {
  const keys = keysOf(endpoint.request.ast)
  const is = Schema.decodeUnknownEither(endpoint.request as Schema.Schema<unknown, unknown>, {
    onExcessProperty: "error"
  })
  const arbitrary = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    keys.length === 0
      ? fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), wrongValue, { minKeys: 1, maxKeys: 3 })
      : fc.record(Object.fromEntries(keys.map((k) => [k, wrongValue])), { requiredKeys: [] }),
    fc.array(fc.record({ symbol: wrongValue }), { minLength: 0, maxLength: 25 })
  )
  // only inputs the schema refuses (a generated one may happen to be valid); `null` and `undefined` mean
  // "no parameters" to the executor
  return fc.sample(arbitrary, { numRuns: 60, seed }).filter((input) =>
    input !== undefined && input !== null && Either.isLeft(is(input))
  )
}

describe("generated invalid inputs for every request schema (property)", () => {
  it.effect("100 % ValidationError, zero requests sent", () => {
    const http = mockHttp(() => ({ body: {} }))
    return Effect.gen(function*() {
      let total = 0
      const tags = new Map<string, number>()
      for (const [i, endpoint] of Endpoints.all.entries()) {
        const inputs = invalidInputs(endpoint, 1000 + i)
        for (const input of inputs) {
          const error = yield* Effect.flip(BackpackClient.execute(endpoint, input as never))
          tags.set(error._tag, (tags.get(error._tag) ?? 0) + 1)
          expect(error._tag, `${endpoint.name} ${JSON.stringify(input)?.slice(0, 200)}`).toBe("ValidationError")
          total++
        }
      }
      expect(http.requests.length).toBe(0)
      expect([...tags.keys()]).toEqual(["ValidationError"])
      expect(total).toBeGreaterThan(Endpoints.all.length * 20)
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  }, 120_000)
})

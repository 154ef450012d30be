import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import { Signing, Simulator } from "../src/index.js"
import { Engine } from "../src/internal/engine/engine.js"
import { allRoutes } from "../src/internal/http/server.js"
import { connect, get } from "./helpers.js"

// Random and mutated REST requests and WebSocket frames against a running simulator: every answer is a 2xx/4xx
// (never a 5xx), every frame the server sends is a data frame or an error frame, the server stays up and its
// memory stays bounded. Run counts are fixed so the test takes a few seconds.

const DEMO = Simulator.DEMO_SECRET
const routes = allRoutes(new Engine({ seed: 1, clock: () => 0, liquidity: false }))

const SYMBOLS = ["SOL_USDC", "BTC_USDC", "SOL_USDC_PERP", "NOPE_USDC", "sol_usdc", "SOL_USDC_PERP_X"]

const nasty = FastCheck.oneof(
  FastCheck.string({ maxLength: 12 }),
  FastCheck.constantFrom(
    "",
    " ",
    "0",
    "-0",
    "-5",
    "1e9",
    "NaN",
    "Infinity",
    "0x10",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "true",
    "false",
    "null",
    "Bid",
    "Ask",
    "Limit",
    "Market",
    "GTC",
    "IOC",
    "FOK",
    "RejectBoth",
    "1d",
    "1m",
    "1month",
    "SPOT",
    "PERP",
    "4294967296",
    "-1",
    "9223372036854775808",
    "99999999999999999999999",
    "0.01",
    "180.50",
    "1.000000000000000000001",
    `1${"0".repeat(40)}`,
    `0.${"0".repeat(40)}1`,
    "Solana",
    "USDC",
    "%00",
    "\u0000",
    "😀"
  ),
  FastCheck.constantFrom(...SYMBOLS),
  FastCheck.integer().map(String),
  FastCheck.double().map(String)
)

const jsonish = FastCheck.oneof(
  nasty,
  FastCheck.integer(),
  FastCheck.double(),
  FastCheck.boolean(),
  FastCheck.constant(null)
)

const PARAMS = [
  "symbol",
  "side",
  "limit",
  "offset",
  "price",
  "interval",
  "startTime",
  "endTime",
  "orderId",
  "clientId",
  "marketType",
  "sortDirection",
  "from",
  "to",
  "blockchain",
  "reduceOnly",
  "priceType",
  "fillType",
  "id"
]

/** A valid order payload with some fields replaced or removed. */
const mutatedOrder = FastCheck.record({
  symbol: FastCheck.oneof(FastCheck.constantFrom("SOL_USDC", "SOL_USDC_PERP"), jsonish),
  side: FastCheck.oneof(FastCheck.constantFrom("Bid", "Ask"), jsonish),
  orderType: FastCheck.oneof(FastCheck.constantFrom("Limit", "Market"), jsonish),
  price: FastCheck.oneof(FastCheck.constantFrom("150.00", "180.5", "250"), jsonish),
  quantity: FastCheck.oneof(FastCheck.constantFrom("0.1", "1", "2.5"), jsonish),
  quoteQuantity: jsonish,
  timeInForce: jsonish,
  postOnly: jsonish,
  reduceOnly: jsonish,
  selfTradePrevention: jsonish,
  clientId: FastCheck.oneof(FastCheck.integer(), jsonish),
  orderId: jsonish,
  triggerPrice: jsonish,
  triggerQuantity: jsonish,
  leverageLimit: jsonish,
  apiKey: jsonish,
  asset: jsonish,
  address: jsonish,
  blockchain: jsonish
}, { requiredKeys: [] })

const body = FastCheck.oneof(
  FastCheck.constant(undefined),
  mutatedOrder,
  FastCheck.array(mutatedOrder, { maxLength: 24 }),
  FastCheck.jsonValue({ maxDepth: 4 }),
  FastCheck.constantFrom("null", "[null]", "[]", "{}", "\"x\"", "{\"symbol\":", "[[[[[[", "1e999").map((raw) => ({
    raw
  })),
  FastCheck.string({ maxLength: 40 }).map((raw) => ({ raw }))
)

const restRequest = FastCheck.record({
  route: FastCheck.oneof(
    { weight: 8, arbitrary: FastCheck.constantFrom(...routes) },
    {
      weight: 1,
      arbitrary: FastCheck.constant({ method: "POST", path: "/_simulator/faucet", instruction: undefined })
    },
    {
      weight: 1,
      arbitrary: FastCheck.record({
        method: FastCheck.constantFrom("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"),
        path: FastCheck.oneof(FastCheck.webPath(), FastCheck.constantFrom("/api/v1/", "/api/v1/order/1", "/wapi")),
        instruction: FastCheck.constant(undefined)
      })
    }
  ),
  query: FastCheck.dictionary(FastCheck.constantFrom(...PARAMS), nasty, { maxKeys: 5 }),
  body,
  sign: FastCheck.boolean(),
  contentType: FastCheck.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", undefined)
})

type RestRequest = typeof restRequest extends FastCheck.Arbitrary<infer A> ? A : never

const send = async (base: string, token: string, r: RestRequest): Promise<number> => {
  const method = r.route.method
  const qs = new URLSearchParams(Object.entries(r.query)).toString()
  const url = `${base}${r.route.path}${method === "GET" && qs.length > 0 ? `?${qs}` : ""}`
  const headers: Record<string, string> = {}
  if (r.contentType !== undefined) headers["content-type"] = r.contentType
  let text: string | undefined
  let signedParams: Record<string, unknown> | ReadonlyArray<Record<string, unknown>> = {}
  if (method === "GET") signedParams = r.query
  else if (r.body !== undefined) {
    if (typeof r.body === "object" && r.body !== null && "raw" in r.body && typeof r.body.raw === "string") {
      text = r.body.raw
    } else {
      text = JSON.stringify(r.body)
      if (typeof r.body === "object" && r.body !== null) signedParams = r.body as Record<string, unknown>
    }
  }
  if (r.sign && r.route.path.startsWith("/_simulator/")) headers.authorization = `Bearer ${token}`
  if (r.sign && r.route.instruction !== undefined) {
    Object.assign(
      headers,
      Signing.headers({ secret: DEMO, instruction: r.route.instruction, params: signedParams, timestamp: Date.now() })
    )
  }
  const res = await fetch(url, {
    method,
    headers,
    ...(text === undefined || method === "GET" ? {} : { body: text })
  })
  await res.arrayBuffer()
  return res.status
}

const SUB_PREFIXES = [
  "depth",
  "depth.200ms",
  "depth.1ms",
  "bookTicker",
  "ticker",
  "trade",
  "markPrice",
  "openInterest",
  "kline.1m",
  "kline.__proto__",
  "kline.constructor",
  "kline.toString",
  "account.orderUpdate",
  "account.positionUpdate",
  "account.rfqUpdate",
  "account.nope"
]

const streamName = FastCheck.oneof(
  FastCheck.tuple(FastCheck.constantFrom(...SUB_PREFIXES), FastCheck.constantFrom(...SYMBOLS)).map(([p, s]) =>
    `${p}.${s}`
  ),
  FastCheck.constantFrom("liquidation", "account.orderUpdate", "account.positionUpdate", "", "."),
  nasty
)

const wsFrame = (signature: ReadonlyArray<string>) =>
  FastCheck.oneof(
    FastCheck.string({ maxLength: 60 }),
    FastCheck.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    FastCheck.record({
      method: FastCheck.oneof(FastCheck.constantFrom("SUBSCRIBE", "UNSUBSCRIBE", "subscribe", "PING"), jsonish),
      params: FastCheck.oneof(FastCheck.array(streamName, { maxLength: 6 }), jsonish),
      signature: FastCheck.oneof(
        FastCheck.constant(signature),
        FastCheck.array(nasty, { maxLength: 5 }),
        jsonish
      ),
      id: FastCheck.oneof(FastCheck.integer(), FastCheck.string({ maxLength: 8 }), FastCheck.jsonValue({ maxDepth: 2 }))
    }, { requiredKeys: ["method"] }).map((v) => JSON.stringify(v))
  )

describe("fuzz", () => {
  it.live(
    "random and mutated REST requests: never a 5xx, the server stays up",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const sim = yield* Simulator.make({ seed: 11, rateLimits: false })
        const heapBefore = process.memoryUsage().heapUsed
        const statuses = new Map<number, number>()
        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(restRequest, async (r) => {
              const status = await send(sim.url, sim.controlToken, r)
              statuses.set(status, (statuses.get(status) ?? 0) + 1)
              expect(status, `${r.route.method} ${r.route.path}`).toBeLessThan(500)
            }),
            { numRuns: 300 }
          )
        )
        // the inputs reached the handlers: some were accepted, many refused in several ways
        expect(statuses.get(200) ?? 0).toBeGreaterThan(10)
        expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(3)
        expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
        const audit = yield* sim.audit
        expect(audit.conservationViolations).toEqual([])
        expect(audit.crossedBooks).toEqual([])
        expect(audit.lockMismatches).toEqual([])
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * 1024 * 1024)
      })),
    60_000
  )

  it.live(
    "random and mutated WebSocket frames: only data or error frames back, the connection and server stay up",
    () =>
      Effect.scoped(Effect.gen(function*() {
        const sim = yield* Simulator.make({ seed: 12, rateLimits: false })
        const ts = Date.now()
        const signature = [
          Signing.publicKey(DEMO),
          Signing.sign(DEMO, `instruction=subscribe&timestamp=${ts}&window=60000`),
          String(ts),
          "60000"
        ]
        const c = yield* connect(sim.wsUrl)
        const heapBefore = process.memoryUsage().heapUsed
        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(wsFrame(signature), async (frame) => {
              c.ws.send(frame)
              if (Math.random() < 0.05) await sim.runActivity(1).pipe(Effect.runPromise)
            }),
            { numRuns: 800 }
          )
        )
        c.ws.send(Buffer.from([0xff, 0x00]), { binary: true })
        c.send({ method: "UNSUBSCRIBE", params: [], id: "end" })
        const end = yield* Effect.promise(() => c.waitFor((f) => f.id === "end", 10_000))
        expect(end.error.code).toBe(4000)
        for (const f of c.frames) {
          if (f.error !== undefined) {
            expect(typeof f.error.code).toBe("number")
            expect(typeof f.error.message).toBe("string")
            expect(f.id === null || typeof f.id === "number" || typeof f.id === "string").toBe(true)
          } else {
            expect(typeof f.stream).toBe("string")
            expect(typeof f.data).toBe("object")
          }
        }
        expect(c.frames.filter((f) => f.error !== undefined).length).toBeGreaterThan(50)
        expect(c.frames.filter((f) => f.stream !== undefined).length).toBeGreaterThan(0)
        expect((yield* sim.faults.webSocketConnections).length).toBe(1)
        expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * 1024 * 1024)
      })),
    60_000
  )
})

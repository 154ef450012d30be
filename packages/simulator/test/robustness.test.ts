import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { request as httpRequest } from "node:http"
import { Signing, Simulator } from "../src/index.js"
import { connect, get, signed } from "./helpers.js"

const DEMO = Simulator.DEMO_SECRET

/**
 * A raw HTTP/1.1 request: `declaredLength` is sent as Content-Length without sending that many bytes (the server
 * must answer without reading them); `chunks` are streamed with chunked encoding.
 */
const raw = (
  url: string,
  o: {
    readonly method: string
    readonly path: string
    readonly headers?: Record<string, string>
    readonly body?: string
    readonly declaredLength?: number
    readonly chunks?: ReadonlyArray<string>
  }
) =>
  Effect.promise(() =>
    new Promise<{ status: number; text: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const target = new URL(url)
      const headers: Record<string, string> = { ...o.headers }
      if (o.declaredLength !== undefined) headers["content-length"] = String(o.declaredLength)
      else if (o.body !== undefined) headers["content-length"] = String(Buffer.byteLength(o.body))
      const req = httpRequest(
        { host: target.hostname, port: target.port, method: o.method, path: o.path, headers },
        (res) => {
          const parts: Array<Buffer> = []
          res.on("data", (d: Buffer) => parts.push(d))
          res.on(
            "end",
            () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), headers: res.headers })
          )
        }
      )
      req.on("error", reject)
      req.setTimeout(5000, () => req.destroy(new Error("no answer")))
      req.flushHeaders()
      if (o.body !== undefined) req.write(o.body)
      for (const chunk of o.chunks ?? []) req.write(chunk)
      if (o.declaredLength === undefined) req.end()
      // with a declared length the body is never sent: the answer must not wait for it
    })
  )

const signedHeaders = (
  instruction: string,
  params: Record<string, unknown> | ReadonlyArray<Record<string, unknown>>
) => ({
  ...Signing.headers({ secret: DEMO, instruction, params, timestamp: Date.now() }),
  "content-type": "application/json"
})

describe("robustness", () => {
  it.live("WebSocket: null, [null], scalars, binary and unknown methods get error frames; the server stays up", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 3, rateLimits: false, liquidity: false })
      const c = yield* connect(sim.wsUrl)
      for (const frame of ["null", "[null]", "42", "\"x\"", "{\"method\":null}", "{\"method\":\"SUBSCRIBE\"}"]) {
        c.ws.send(frame)
      }
      c.ws.send(Buffer.from([1, 2, 3]), { binary: true })
      c.send({ method: "SUBSCRIBE", params: ["bookTicker.SOL_USDC"], id: { nested: true } })
      const errors = () => c.frames.filter((f) => f.error !== undefined)
      yield* Effect.promise(() => c.waitFor(() => errors().length >= 7))
      for (const e of errors().slice(0, 7)) {
        expect(e).toEqual({ id: null, error: { code: 4000, message: "Invalid message" } })
      }
      // the connection still serves, and an object id is not echoed back
      const bt = yield* Effect.promise(() => c.waitFor((f) => f.stream === "bookTicker.SOL_USDC"))
      expect(bt.data.e).toBe("bookTicker")
      c.send({ method: "SUBSCRIBE", params: ["kline.constructor.SOL_USDC", "kline.__proto__.SOL_USDC"], id: 7 })
      const invalid = yield* Effect.promise(() => c.waitFor((f) => f.id === 7))
      expect(invalid).toEqual({ id: 7, error: { code: 4006, message: "Invalid stream" } })
      // the frame's schema: params must be stream names, the method one of the two (any case)
      c.send({ method: "SUBSCRIBE", params: ["trade.SOL_USDC", 5], id: 8 })
      c.send({ method: "LIST_SUBSCRIPTIONS", params: ["trade.SOL_USDC"], id: 9 })
      c.send({ method: "SUBSCRIBE", params: [], id: 10 })
      for (const id of [8, 9, 10]) {
        const answer = yield* Effect.promise(() => c.waitFor((f) => f.id === id))
        expect(answer).toEqual({ id, error: { code: 4000, message: "Invalid message" } })
      }
      c.send({ method: "subscribe", params: ["markPrice.SOL_USDC_PERP"], id: 11 })
      const mark = yield* Effect.promise(() => c.waitFor((f) => f.stream === "markPrice.SOL_USDC_PERP"))
      expect(mark.data.e).toBe("markPrice")
      expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
    })))

  it.live("WebSocket: subscriptions per connection are capped", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({
        seed: 3,
        rateLimits: false,
        liquidity: false,
        limits: { maxSubscriptions: 3 }
      })
      const c = yield* connect(sim.wsUrl)
      c.send({ method: "SUBSCRIBE", params: ["trade.SOL_USDC", "trade.BTC_USDC"], id: 1 })
      c.send({ method: "SUBSCRIBE", params: ["depth.SOL_USDC", "depth.BTC_USDC"], id: 2 })
      const err = yield* Effect.promise(() => c.waitFor((f) => f.id === 2))
      expect(err).toEqual({
        id: 2,
        error: { code: 4005, message: "Too many subscriptions (at most 3 per connection)" }
      })
      // already subscribed streams do not count twice
      c.send({ method: "SUBSCRIBE", params: ["trade.SOL_USDC", "depth.SOL_USDC"], id: 3 })
      c.send({ method: "SUBSCRIBE", params: ["bogus"], id: 4 })
      const next = yield* Effect.promise(() => c.waitFor((f) => f.id !== undefined && f.id >= 3))
      expect(next.id).toBe(4)
    })))

  it.live("WebSocket: a consumer that stops reading is dropped once its queue passes the limit", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 3, rateLimits: false, limits: { maxBufferedBytes: 64 * 1024 } })
      const t = yield* sim.createAccount({ balances: { USDC: "1000000" } })
      const c = yield* connect(sim.wsUrl)
      const ts = Date.now()
      const sig = Signing.sign(t.apiSecret, `instruction=subscribe&timestamp=${ts}&window=5000`)
      c.send({ method: "SUBSCRIBE", params: ["account.orderUpdate"], signature: [t.apiKey, sig, String(ts), "5000"] })
      c.send({ method: "SUBSCRIBE", params: ["bogus"] })
      yield* Effect.promise(() => c.waitFor((f) => f.error !== undefined))
      const [id] = yield* sim.faults.webSocketConnections
      expect(id).toBeDefined()
      const socket = (c.ws as unknown as { _socket: { pause: () => void } })._socket
      socket.pause()
      // IOC bids far below the book: two order frames each (accepted, expired), nothing else changes
      const ioc = {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "50.00",
        quantity: "1",
        timeInForce: "IOC"
      }
      let orders = 0
      while ((yield* sim.faults.webSocketConnections).includes(id!) && orders < 200_000) {
        for (let i = 0; i < 2000; i++) yield* sim.executeOrder(t.apiKey, ioc)
        orders += 2000
        yield* Effect.sleep("1 millis")
      }
      expect(yield* sim.faults.webSocketConnections).not.toContain(id)
      // the rest of the server is unaffected
      expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
    })))

  it.live("REST: [null] batch, null faucet body and zero or negative limit prices are 4xx or per-order errors", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 3, rateLimits: false, liquidity: false })
      const unsigned = yield* raw(sim.url, {
        method: "POST",
        path: "/api/v1/orders",
        headers: { "content-type": "application/json" },
        body: "[null]"
      })
      expect(unsigned.status).toBe(401)
      const batch = yield* raw(sim.url, {
        method: "POST",
        path: "/api/v1/orders",
        headers: signedHeaders("orderExecute", [{}]),
        body: "[null]"
      })
      // a null element signs like an empty one; it is refused on its own, the batch is answered
      expect(batch.status).toBe(200)
      expect(JSON.parse(batch.text)).toEqual([{
        code: "INVALID_CLIENT_REQUEST",
        message:
          "Bad Request parse request payload error: expected an object (occurred while parsing \"OrderExecutePayload\")",
        operation: "Err"
      }])
      const faucet = yield* raw(sim.url, {
        method: "POST",
        path: "/_simulator/faucet",
        headers: { "content-type": "application/json", authorization: `Bearer ${sim.controlToken}` },
        body: "null"
      })
      expect(faucet.status).toBe(400)
      for (const price of ["0", "-5", "0.000"]) {
        const r = yield* signed(sim.url, {
          secret: DEMO,
          method: "GET",
          path: "/api/v1/account/limits/order",
          instruction: "maxOrderQuantity",
          params: { symbol: "SOL_USDC_PERP", side: "Bid", price }
        })
        expect(r.status, price).toBe(400)
        expect(r.json).toEqual({ code: "INVALID_PRICE", message: "Price must be positive" })
      }
      const huge = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/orders",
        instruction: "orderQueryAll",
        params: { symbol: "SOL_USDC" }
      })
      expect(huge.status).toBe(200)
    })))

  it.live("REST: decimals are limited in length and scale", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 3, rateLimits: false, liquidity: false })
      const order = (price: string) =>
        signed(sim.url, {
          secret: DEMO,
          method: "POST",
          path: "/api/v1/order",
          instruction: "orderExecute",
          params: { symbol: "SOL_USDC", side: "Ask", orderType: "Limit", price, quantity: "1" }
        })
      for (const price of [`1${"0".repeat(40)}`, `0.${"0".repeat(70)}1`, `1.${"0".repeat(80)}`]) {
        const r = yield* order(price)
        expect(r.status, price).toBe(400)
        expect(r.text).toBe(
          "Bad Request parse request payload error: failed to parse \"Decimal\": Expect a valid decimal. (occurred while parsing \"OrderExecutePayload\")"
        )
      }
      const acc = yield* sim.createAccount()
      const faucet = yield* raw(sim.url, {
        method: "POST",
        path: "/_simulator/faucet",
        headers: { "content-type": "application/json", authorization: `Bearer ${sim.controlToken}` },
        body: JSON.stringify({ apiKey: acc.apiKey, asset: "USDC", quantity: `1${"0".repeat(100)}` })
      })
      expect(faucet.status).toBe(400)
      expect(JSON.parse(faucet.text)).toEqual({ code: "INVALID_QUANTITY", message: "Invalid quantity" })
      expect(yield* sim.balances(acc.apiKey)).toEqual({})
    })))

  it.live("REST: bodies are bounded and a signed route checks its headers before reading one", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 3, rateLimits: false, liquidity: false })
      // 100 MB announced, not a byte sent: without valid headers the answer comes at once
      const anonymous = yield* raw(sim.url, {
        method: "POST",
        path: "/api/v1/order",
        headers: { "content-type": "application/json" },
        declaredLength: 100_000_000
      })
      expect(anonymous.status).toBe(401)
      expect(anonymous.headers.connection).toBe("close")
      // valid headers but too large a declared body: 413, still without reading it
      const declared = yield* raw(sim.url, {
        method: "POST",
        path: "/api/v1/order",
        headers: signedHeaders("orderExecute", {}),
        declaredLength: 100_000_000
      })
      expect(declared.status).toBe(413)
      expect(JSON.parse(declared.text)).toEqual({
        code: "INVALID_CLIENT_REQUEST",
        message: "Request body too large (at most 65536 bytes)"
      })
      // a chunked body is read up to the limit only
      const chunked = yield* raw(sim.url, {
        method: "POST",
        path: "/api/v1/order",
        headers: { ...signedHeaders("orderExecute", {}), "transfer-encoding": "chunked" },
        chunks: Array.from({ length: 20 }, () => "x".repeat(8192))
      })
      expect(chunked.status).toBe(413)
      // deep nesting is refused before anything walks it
      const deep = yield* raw(sim.url, {
        method: "POST",
        path: "/api/v1/order",
        headers: signedHeaders("orderExecute", {}),
        body: `${"[".repeat(5000)}${"]".repeat(5000)}`
      })
      expect(deep.status).toBe(400)
      expect(deep.text).toBe("Bad Request parse request payload error: nested too deeply")
      // odd request targets and methods
      expect((yield* raw(sim.url, { method: "GET", path: "//" })).status).toBeLessThan(500)
      expect((yield* raw(sim.url, { method: "PUT", path: "/api/v1/order" })).status).toBe(404)
      expect(
        (yield* get(sim.url, "/api/v1/klines?symbol=SOL_USDC&interval=1month&startTime=-9223372036854775808"))
          .status
      ).toBe(200)
      const tooBig = yield* get(sim.url, "/api/v1/klines?symbol=SOL_USDC&interval=1m&startTime=99999999999999999999")
      expect(tooBig.status).toBe(400)
      expect(tooBig.text).toBe(
        "failed to parse parameter `startTime`: failed to parse \"int64\": number too large to fit in target type"
      )
      expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
    })))
})

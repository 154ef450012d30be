import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Signing, Simulator } from "../src/index.js"
import { connect, get } from "./helpers.js"

const make = Simulator.make({ seed: 5, rateLimits: false })

describe("WebSocket", () => {
  it.live("unknown stream → 4006 error frame; public bookTicker snapshot", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const c = yield* connect(sim.wsUrl)
      c.send({ method: "SUBSCRIBE", params: ["depth.NOPE_USDC"] })
      const err = yield* Effect.promise(() => c.waitFor((f) => f.error !== undefined))
      expect(err).toEqual({ id: null, error: { code: 4006, message: "Invalid stream" } })
      c.send({ method: "SUBSCRIBE", params: ["bookTicker.SOL_USDC"] })
      const bt = yield* Effect.promise(() => c.waitFor((f) => f.stream === "bookTicker.SOL_USDC"))
      expect(bt.data).toMatchObject({ e: "bookTicker", s: "SOL_USDC", a: expect.any(String), b: expect.any(String) })
      expect(typeof bt.data.E).toBe("string")
      expect(typeof bt.data.u).toBe("number")
    })))

  it.live("depth ids are continuous and consistent with REST lastUpdateId; trade frames", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const t = yield* sim.createAccount({ balances: { USDC: "100000", SOL: "100" } })
      const c = yield* connect(sim.wsUrl)
      c.send({ method: "SUBSCRIBE", params: ["depth.SOL_USDC", "trade.SOL_USDC"] })
      // the subscription is processed in order: a later failing subscribe proves the first was applied
      c.send({ method: "SUBSCRIBE", params: ["bogus"] })
      yield* Effect.promise(() => c.waitFor((f) => f.error !== undefined))
      const snap = yield* get(sim.url, "/api/v1/depth?symbol=SOL_USDC")
      const S = Number(snap.json.lastUpdateId)
      yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "170.00",
        quantity: "1"
      })
      yield* sim.executeOrder(t.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", quantity: "30" })
      yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Ask",
        orderType: "Limit",
        price: "250.00",
        quantity: "1"
      })
      const last = yield* Effect.promise(() =>
        c.waitFor((f) => f.stream === "depth.SOL_USDC" && f.data.a.some((l: Array<string>) => l[0] === "250.00"))
      )
      const depth = c.frames.filter((f) => f.stream === "depth.SOL_USDC").map((f) => f.data)
      expect(depth[0].U).toBe(S + 1)
      for (let i = 1; i < depth.length; i++) expect(depth[i].U).toBe(depth[i - 1].u + 1)
      expect(depth[0]).toMatchObject({ e: "depth", s: "SOL_USDC", b: [["170.00", "1.00"]], a: [] })
      const after = yield* get(sim.url, "/api/v1/depth?symbol=SOL_USDC")
      expect(after.json.lastUpdateId).toBe(String(last.data.u))
      const trades = c.frames.filter((f) => f.stream === "trade.SOL_USDC").map((f) => f.data)
      expect(trades.length).toBeGreaterThan(0)
      expect(trades[0]).toMatchObject({
        e: "trade",
        s: "SOL_USDC",
        m: false,
        q: expect.any(String),
        b: expect.any(String)
      })
      expect(typeof trades[0].t).toBe("number")
      expect(typeof trades[0].T).toBe("string")
    })))

  it.live("depth gap fault skips ids", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const t = yield* sim.createAccount({ balances: { USDC: "100000" } })
      const c = yield* connect(sim.wsUrl)
      c.send({ method: "SUBSCRIBE", params: ["depth.SOL_USDC"] })
      c.send({ method: "SUBSCRIBE", params: ["bogus"] })
      yield* Effect.promise(() => c.waitFor((f) => f.error !== undefined))
      yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "100.00",
        quantity: "1"
      })
      yield* sim.faults.depthGap("SOL_USDC", 3)
      yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "101.00",
        quantity: "1"
      })
      yield* Effect.promise(() => c.waitFor((f) => f.stream === "depth.SOL_USDC" && f.data.b[0]?.[0] === "101.00"))
      const depth = c.frames.filter((f) => f.stream === "depth.SOL_USDC").map((f) => f.data)
      expect(depth[1].U).toBe(depth[0].u + 4)
    })))

  it.live("private streams require a valid signature; order and position updates", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const t = yield* sim.createAccount({ balances: { USDC: "100000" } })
      const c = yield* connect(sim.wsUrl)
      c.send({ method: "SUBSCRIBE", params: ["account.orderUpdate"] })
      const missing = yield* Effect.promise(() => c.waitFor((f) => f.error !== undefined))
      expect(missing.error).toEqual({ code: 4003, message: "Signature required for private streams" })
      const ts = Date.now()
      const badSig = Signing.sign(t.apiSecret, `instruction=subscribe&timestamp=${ts - 1}&window=5000`)
      c.send({
        method: "SUBSCRIBE",
        params: ["account.orderUpdate"],
        signature: [t.apiKey, badSig, String(ts), "5000"]
      })
      const bad = yield* Effect.promise(() => c.waitFor((f) => f.error?.message === "Invalid signature"))
      expect(bad.error.code).toBe(4003)
      // a position first, so the positionUpdate snapshot has content
      yield* sim.executeOrder(t.apiKey, { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "1" })
      const sig = Signing.sign(t.apiSecret, `instruction=subscribe&timestamp=${ts}&window=5000`)
      c.send({
        method: "SUBSCRIBE",
        params: ["account.orderUpdate.SOL_USDC", "account.positionUpdate"],
        signature: [t.apiKey, sig, String(ts), "5000"]
      })
      const snapshot = yield* Effect.promise(() => c.waitFor((f) => f.stream === "account.positionUpdate"))
      expect(snapshot.data.e).toBeUndefined()
      expect(snapshot.data).toMatchObject({
        s: "SOL_USDC_PERP",
        q: "1.00",
        i: expect.any(Number),
        T: expect.any(String)
      })
      yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "100.00",
        quantity: "2",
        clientId: 9
      })
      const accepted = yield* Effect.promise(() => c.waitFor((f) => f.stream === "account.orderUpdate.SOL_USDC"))
      expect(accepted.data).toMatchObject({
        e: "orderAccepted",
        s: "SOL_USDC",
        c: 9,
        S: "Bid",
        o: "LIMIT",
        f: "GTC",
        q: "2.00",
        p: "100.00",
        X: "New",
        z: "0.00",
        Z: "0",
        V: "RejectTaker",
        O: "USER",
        t: null
      })
      yield* sim.executeOrder(t.apiKey, { symbol: "SOL_USDC_PERP", side: "Ask", orderType: "Market", quantity: "1" })
      const closed = yield* Effect.promise(() => c.waitFor((f) => f.data?.e === "positionClosed"))
      expect(closed.data).toMatchObject({ s: "SOL_USDC_PERP", q: "0.00" })
      // from flat, a fill opens a position: positionOpened, as live
      yield* sim.executeOrder(t.apiKey, { symbol: "SOL_USDC_PERP", side: "Ask", orderType: "Market", quantity: "1" })
      const opened = yield* Effect.promise(() => c.waitFor((f) => f.data?.e === "positionOpened"))
      expect(opened.data).toMatchObject({ s: "SOL_USDC_PERP", q: "-1.00" })
      expect(c.frames.filter((f) => f.data?.e === "positionOpened").length).toBe(1)
      // a market order sized in base carries Q (the quote expected from the book) on every frame, with the fill
      yield* sim.executeOrder(t.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", quantity: "0.5" })
      const fill = yield* Effect.promise(() =>
        c.waitFor((f) =>
          f.stream === "account.orderUpdate.SOL_USDC" && f.data.e === "orderFill" && f.data.o === "MARKET"
        )
      )
      expect(Object.keys(fill.data).sort()).toEqual(
        [
          "E",
          "L",
          "N",
          "O",
          "Q",
          "S",
          "T",
          "V",
          "X",
          "Z",
          "e",
          "f",
          "i",
          "l",
          "m",
          "n",
          "o",
          "q",
          "r",
          "s",
          "t",
          "y",
          "z"
        ]
      )
      expect(fill.data).toMatchObject({ q: "0.50", Q: expect.stringMatching(/^\d+(\.\d{1,2})?$/), m: false, N: "SOL" })
      // the perp orders are not on the SOL_USDC-filtered order stream
      expect(c.frames.filter((f) => f.stream === "account.orderUpdate.SOL_USDC").every((f) => f.data.s === "SOL_USDC"))
        .toBe(true)
    })))

  it.live("private event faults: the next events are lost (public streams go on), then delivered late in order", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 5, rateLimits: false, liquidity: false })
      const t = yield* sim.createAccount({ balances: { USDC: "100000" } })
      const c = yield* connect(sim.wsUrl)
      const ts = Date.now()
      const sig = Signing.sign(t.apiSecret, `instruction=subscribe&timestamp=${ts}&window=5000`)
      c.send({
        method: "SUBSCRIBE",
        params: ["account.orderUpdate", "depth.SOL_USDC"],
        signature: [t.apiKey, sig, String(ts), "5000"]
      })
      c.send({ method: "SUBSCRIBE", params: ["bogus"] })
      yield* Effect.promise(() => c.waitFor((f) => f.error !== undefined))
      const place = (clientId: number) =>
        sim.executeOrder(t.apiKey, {
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "100.00",
          quantity: "1",
          clientId
        })
      yield* sim.faults.dropPrivateEvents(2)
      yield* place(1)
      yield* place(2)
      yield* place(3)
      const third = yield* Effect.promise(() => c.waitFor((f) => f.stream === "account.orderUpdate"))
      expect(third.data.c).toBe(3)
      // the depth stream saw all three orders
      expect(c.frames.filter((f) => f.stream === "depth.SOL_USDC")).toHaveLength(3)
      yield* sim.faults.setPrivateEventDelay(150)
      const before = c.frames.length
      yield* place(4)
      yield* place(5)
      expect(c.frames.slice(before).filter((f) => f.stream === "account.orderUpdate")).toEqual([])
      yield* Effect.promise(() => c.waitFor((f) => f.stream === "account.orderUpdate" && f.data.c === 5))
      expect(c.frames.filter((f) => f.stream === "account.orderUpdate").map((f) => f.data.c)).toEqual([3, 4, 5])
      yield* sim.faults.reset
      yield* place(6)
      yield* Effect.promise(() => c.waitFor((f) => f.stream === "account.orderUpdate" && f.data.c === 6))
    })))

  it.live("disconnect and malformed frame faults; server ping", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 5, rateLimits: false, pingIntervalMs: 50, liquidity: false })
      const c = yield* connect(sim.wsUrl)
      const pinged = yield* Effect.promise(() =>
        new Promise<boolean>((resolve) => c.ws.once("ping", () => resolve(true)))
      )
      expect(pinged).toBe(true)
      const ids = yield* sim.faults.webSocketConnections
      expect(ids.length).toBe(1)
      expect(yield* sim.faults.sendMalformedFrame()).toBe(1)
      const bad = yield* Effect.promise(() => c.waitFor((f) => f.malformed !== undefined))
      expect(bad.malformed.startsWith("{")).toBe(true)
      const closed = new Promise<void>((resolve) => c.ws.once("close", () => resolve()))
      expect(yield* sim.faults.disconnectWebSockets(ids[0])).toBe(1)
      yield* Effect.promise(() => closed)
      expect(yield* sim.faults.webSocketConnections).toEqual([])
    })))
})

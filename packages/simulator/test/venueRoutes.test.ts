/**
 * The venue services over the wire: the `account.rfqUpdate`, conditional `account.orderUpdate` and public
 * `liquidation` streams, and the live exchange's 4xx answers to bad input on the new routes.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Signing, Simulator } from "../src/index.js"
import * as D from "../src/internal/decimal.js"
import { connect, get, signed } from "./helpers.js"

const make = Simulator.make({ seed: 9, rateLimits: false, demoAccount: false })

const subscribe = (c: { send: (m: unknown) => void }, secret: string, apiKey: string, streams: Array<string>) => {
  const ts = Date.now()
  c.send({
    method: "SUBSCRIBE",
    params: streams,
    signature: [apiKey, Signing.sign(secret, `instruction=subscribe&timestamp=${ts}&window=5000`), String(ts), "5000"]
  })
}

describe("vault accounts", () => {
  it.live("a vault's own account has a random key per run, known only in-process", () =>
    Effect.scoped(Effect.gen(function*() {
      const a = yield* make
      const b = yield* make
      const vaultA = yield* a.vaultAccount(1)
      const vaultB = yield* b.vaultAccount(1)
      // same seed, different keys: nothing public derives them
      expect(vaultA.apiKey).not.toBe(vaultB.apiKey)
      expect(Buffer.from(vaultA.apiSecret, "base64")).toHaveLength(32)
      const nav = yield* signed(a.url, {
        secret: vaultA.apiSecret,
        method: "GET",
        path: "/api/v1/vault/nav",
        instruction: "vaultNavQuery",
        params: {}
      })
      expect([nav.status, nav.json.nav, nav.json.tokenCirculatingSupply]).toEqual([200, "1", "0"])
      // the seed earlier versions published (32 bytes of 0x76) is no account at all
      const old = yield* signed(a.url, {
        secret: Buffer.alloc(32, 0x76).toString("base64"),
        method: "GET",
        path: "/api/v1/vault/nav",
        instruction: "vaultNavQuery",
        params: {}
      })
      expect([old.status, old.json]).toEqual([401, { code: "UNAUTHORIZED", message: "Invalid API key" }])
      const unknown = yield* Effect.flip(a.vaultAccount(2))
      expect(unknown.code).toBe("RESOURCE_NOT_FOUND")
    })))
})

describe("venue streams", () => {
  it.live("RFQ lifecycle on account.rfqUpdate, ids above 2^53 as exact integers", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const requester = yield* sim.createAccount({ balances: { USDC: "10000" } })
      const maker = yield* sim.createAccount({ balances: { SOL: "100" } })
      const rc = yield* connect(sim.wsUrl)
      const mc = yield* connect(sim.wsUrl)
      subscribe(rc, requester.apiSecret, requester.apiKey, ["account.rfqUpdate"])
      subscribe(mc, maker.apiSecret, maker.apiKey, ["account.rfqUpdate.SOL_USDC"])
      yield* Effect.sleep("100 millis")
      const rfq = yield* signed(sim.url, {
        secret: requester.apiSecret,
        method: "POST",
        path: "/api/v1/rfq",
        instruction: "rfqSubmit",
        params: { symbol: "SOL_USDC", side: "Bid", quantity: "1", clientId: 3 }
      })
      expect(rfq.status).toBe(200)
      const rfqId: string = rfq.json.rfqId
      expect(rfq.json).toMatchObject({ clientId: 3, symbol: "SOL_USDC", side: "Bid", quantity: "1", status: "New" })
      const active = yield* Effect.promise(() => mc.waitFor((f) => f.data?.e === "rfqActive"))
      expect(active.stream).toBe("account.rfqUpdate.SOL_USDC")
      expect(mc.raw.find((r) => r.includes("rfqActive"))).toContain(`"R":${rfqId},`)
      expect(active.data).toMatchObject({ s: "SOL_USDC", S: "Bid", q: "1", X: "New" })
      expect(active.data.W - active.data.w).toBe(20_000)
      // the simulator's own quoter answers at once: the requester sees a candidate with the fee folded in
      const candidate = yield* Effect.promise(() => rc.waitFor((f) => f.data?.e === "rfqCandidate"))
      expect(candidate.data.C).toBe("3")
      const quote = yield* signed(sim.url, {
        secret: maker.apiSecret,
        method: "POST",
        path: "/api/v1/rfq/quote",
        instruction: "quoteSubmit",
        params: { rfqId, bidPrice: "150", askPrice: "160" }
      })
      expect(quote.json).toMatchObject({ rfqId, bidPrice: "150", askPrice: "160", status: "New" })
      const accept = yield* signed(sim.url, {
        secret: requester.apiSecret,
        method: "POST",
        path: "/api/v1/rfq/accept",
        instruction: "quoteAccept",
        params: { quoteId: quote.json.quoteId }
      })
      expect(accept.json.status).toBe("Filled")
      const filled = yield* Effect.promise(() => rc.waitFor((f) => f.data?.e === "rfqFilled"))
      expect(filled.data.p).toBe("160.08") // 160 plus the 5 bps taker fee
      const quoterFill = yield* Effect.promise(() => mc.waitFor((f) => f.data?.e === "rfqFilled"))
      expect(quoterFill.data).toMatchObject({ p: "160", X: "Filled" })
      expect(mc.frames.some((f) => f.data?.e === "quoteAccepted")).toBe(true)
      const balances = yield* sim.balances(maker.apiKey)
      expect(balances.USDC!.available).toBe("159.968") // 160 less the 2 bps maker fee
    })))

  it.live("trigger orders on account.orderUpdate; liquidations on `liquidation`", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const t = yield* sim.createAccount({ balances: { USDC: "400" } })
      const c = yield* connect(sim.wsUrl)
      subscribe(c, t.apiSecret, t.apiKey, ["account.orderUpdate"])
      c.send({ method: "SUBSCRIBE", params: ["liquidation"] })
      yield* Effect.sleep("100 millis")
      yield* sim.setMarkPrice("SOL_USDC_PERP", "180")
      const placed = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: {
          symbol: "SOL_USDC_PERP",
          side: "Ask",
          orderType: "Limit",
          price: "100",
          triggerPrice: "120",
          triggerQuantity: "1",
          triggerBy: "IndexPrice"
        }
      })
      expect(placed.json).toMatchObject({ status: "TriggerPending", quantity: "0", triggerQuantity: "1" })
      const frame = yield* Effect.promise(() => c.waitFor((f) => f.data?.e === "triggerPlaced"))
      expect(frame.data).toMatchObject({ P: "120", B: "IndexPrice", Y: "1", X: "TriggerPending", i: placed.json.id })
      yield* sim.executeOrder(t.apiKey, { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "20" })
      yield* sim.setMarkPrice("SOL_USDC_PERP", "160")
      const liquidation = yield* Effect.promise(() => c.waitFor((f) => f.stream === "liquidation"))
      expect(liquidation.data).toMatchObject({ e: "liquidation", s: "SOL_USDC_PERP", S: "Ask" })
      // compared as decimals: the trimming of wire decimals is decided in wire.ts
      expect(D.parse(liquidation.data.q)).toBe(D.parse("20"))
      const positions = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/api/v1/position",
        instruction: "positionQuery"
      })
      expect(positions.json).toEqual([])
    })))
})

describe("venue routes answer bad input with the live 4xx", () => {
  it.live("plain-text 400s naming the type; API errors; 204 and 403", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* make
      const t = yield* sim.createAccount({ balances: { USDC: "100" } })
      const call = (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, instruction: string, params: object) =>
        signed(sim.url, { secret: t.apiSecret, method, path, instruction, params: params as Record<string, unknown> })
      const side = yield* call("POST", "/api/v1/borrowLend", "borrowLendExecute", {
        symbol: "USDC",
        side: "Sideways",
        quantity: "1"
      })
      expect([side.status, side.text]).toEqual([
        400,
        `Bad Request parse request payload error: failed to parse "BorrowLendSide": Expect a valid enumeration value. (occurred while parsing "BorrowLendExecutePayload")`
      ])
      const huge = yield* call("POST", "/api/v1/borrowLend", "borrowLendExecute", {
        symbol: "USDC",
        side: "Lend",
        quantity: `1${"0".repeat(60)}`
      })
      expect([huge.status, huge.text]).toEqual([
        400,
        `Bad Request parse request payload error: failed to parse "Decimal": Expect a valid decimal. (occurred while parsing "BorrowLendExecutePayload")`
      ])
      const limit = yield* call("GET", "/wapi/v1/history/interest", "interestHistoryQueryAll", { limit: "x" })
      expect([limit.status, limit.text]).toEqual([
        400,
        "failed to parse parameter `limit`: failed to parse \"uint64\": invalid digit found in string"
      ])
      const both = yield* call("POST", "/api/v1/rfq", "rfqSubmit", {
        symbol: "SOL_USDC",
        side: "Bid",
        quantity: "1",
        quoteQuantity: "1"
      })
      expect(both.json).toEqual({
        code: "INVALID_CLIENT_REQUEST",
        message: "Must specify either `quantity` or `quoteQuantity`"
      })
      const borrow = yield* call("POST", "/api/v1/borrowLend", "borrowLendExecute", {
        symbol: "BTC",
        side: "Borrow",
        quantity: "1"
      })
      expect(borrow.json).toEqual({ code: "INSUFFICIENT_MARGIN", message: "Insufficient margin" })
      const none = yield* call("GET", "/wapi/v1/capital/withdrawals/delay", "withdrawalDelayQuery", {})
      expect([none.status, none.text]).toEqual([204, ""])
      const missing = yield* call("GET", "/api/v1/vault/redeems/pending", "vaultPendingRedeemsQuery", {})
      expect([missing.status, missing.text]).toEqual([
        400,
        "failed to parse parameter `vaultId`: Type \"uint32\" expects an input value."
      ])
      const noSide = yield* call("POST", "/api/v1/strategy", "strategyCreate", { symbol: "SOL_USDC" })
      expect([noSide.status, noSide.text]).toEqual([
        400,
        `Bad Request parse request payload error: failed to parse "Side": Expect a valid enumeration value. (occurred while parsing "StrategyCreatePayload")`
      ])
      const types = yield* call("GET", "/wapi/v1/history/strategies", "strategyHistoryQueryAll", {
        marketType: "SPOT"
      })
      expect([types.status, types.json]).toEqual([200, []])
      const nav = yield* call("GET", "/api/v1/vault/nav", "vaultNavQuery", {})
      expect([nav.status, nav.json.code]).toEqual([403, "FORBIDDEN"])
      const strategy = yield* call("GET", "/api/v1/strategy", "strategyQuery", { symbol: "SOL_USDC", strategyId: "1" })
      expect([strategy.status, strategy.json]).toEqual([404, {
        code: "RESOURCE_NOT_FOUND",
        message: "Strategy not found"
      }])
      const interval = yield* get(sim.url, "/api/v1/borrowLend/markets/history?interval=2d")
      expect([interval.status, interval.text]).toEqual([
        400,
        "failed to parse parameter `interval`: failed to parse \"BorrowLendMarketHistoryInterval\": Expect a valid enumeration value."
      ])
      const prediction = yield* get(sim.url, "/api/v1/prediction?resolved=maybe")
      expect(prediction.status).toBe(400)
      const estimate = yield* get(sim.url, "/api/v1/borrowLend/position/liquidationPrice?borrow=%25%25")
      expect(estimate.status).toBe(400)
    })))
})

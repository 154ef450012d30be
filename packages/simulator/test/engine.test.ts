import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Simulator } from "../src/index.js"

const fresh = Simulator.make({ liquidity: false, rateLimits: false, demoAccount: false, seed: 1 })

const lim = (
  symbol: string,
  side: "Bid" | "Ask",
  price: string,
  quantity: string,
  extra: Record<string, unknown> = {}
) => ({
  symbol,
  side,
  orderType: "Limit",
  price,
  quantity,
  ...extra
})

const errorOf = <A>(effect: Effect.Effect<A, Simulator.SimulatorError>) =>
  Effect.map(Effect.flip(effect), (e) => ({ code: e.code, message: e.message }))

describe("matching engine", () => {
  it.scoped("price-time priority, maker price, fees per side", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const m1 = yield* sim.createAccount({ balances: { SOL: "10" } })
      const m2 = yield* sim.createAccount({ balances: { SOL: "10" } })
      const t = yield* sim.createAccount({ balances: { USDC: "10000" } })
      const a = yield* sim.executeOrder(m1.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      const b = yield* sim.executeOrder(m2.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      yield* sim.executeOrder(m2.apiKey, lim("SOL_USDC", "Ask", "99.00", "1"))
      const taker = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "100.00", "2.5"))
      // 99 level first, then the older order at 100, then half of the newer
      expect(taker).toMatchObject({ status: "Filled", executedQuantity: "2.5", executedQuoteQuantity: "249" })
      const taker2 = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "100.00", "0.5"))
      expect(taker2).toMatchObject({ status: "Filled", executedQuantity: "0.5" })
      expect(a.status).toBe("New")
      expect(b.status).toBe("New")
      // taker bought 3 SOL for 299 USDC, paid 5 bps in SOL
      const tb = yield* sim.balances(t.apiKey)
      expect(tb.USDC).toEqual({ available: "9701", locked: "0", staked: "0" })
      expect(tb.SOL!.available).toBe("2.9985")
      // maker 1 sold 1 @ 100, paid 2 bps in USDC
      const b1 = yield* sim.balances(m1.apiKey)
      expect(b1.USDC!.available).toBe("99.98")
      expect(b1.SOL).toEqual({ available: "9", locked: "0", staked: "0" })
      const b2 = yield* sim.balances(m2.apiKey)
      expect(b2.SOL).toEqual({ available: "8", locked: "0", staked: "0" })
      expect(b2.USDC!.available).toBe("198.9602")
      const report = yield* sim.audit
      expect(report.conservationViolations).toEqual([])
      expect(report.fees).toEqual({ SOL: "0.0015", USDC: "0.0598" })
    }))

  it.scoped("limit orders lock funds; partial fill keeps remainder resting", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const buyer = yield* sim.createAccount({ balances: { USDC: "1000" } })
      const seller = yield* sim.createAccount({ balances: { SOL: "1" } })
      const bid = yield* sim.executeOrder(buyer.apiKey, lim("SOL_USDC", "Bid", "150.00", "3"))
      expect((yield* sim.balances(buyer.apiKey)).USDC).toEqual({ available: "550", locked: "450", staked: "0" })
      const ask = yield* sim.executeOrder(seller.apiKey, lim("SOL_USDC", "Ask", "140.00", "1"))
      expect(ask).toMatchObject({ status: "Filled", executedQuoteQuantity: "150" })
      expect((yield* sim.balances(buyer.apiKey)).USDC).toEqual({ available: "550", locked: "300", staked: "0" })
      expect(bid.id).toBeDefined()
      expect((yield* sim.audit).lockMismatches).toEqual([])
    }))

  it.scoped("market orders by quantity and by quoteQuantity", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const mm = yield* sim.createAccount({ balances: { SOL: "100", USDC: "100000" } })
      const t = yield* sim.createAccount({ balances: { USDC: "1000", SOL: "5" } })
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "100.00", "2"))
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "101.00", "2"))
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Bid", "99.00", "10"))
      const byQty = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quantity: "3"
      })
      // sized in base, it answers the quote it expected from the book (2 x 100 + 1 x 101), like the live exchange
      expect(byQty).toMatchObject({
        orderType: "Market",
        status: "Filled",
        quantity: "3",
        quoteQuantity: "301",
        executedQuantity: "3",
        executedQuoteQuantity: "301"
      })
      const byQuote = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quoteQuantity: "50.5"
      })
      expect(byQuote).toMatchObject({
        status: "Filled",
        executedQuantity: "0.5",
        executedQuoteQuantity: "50.5",
        quoteQuantity: "50.5"
      })
      const sell = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Ask",
        orderType: "Market",
        quoteQuantity: "99"
      })
      expect(sell).toMatchObject({ status: "Filled", executedQuantity: "1", executedQuoteQuantity: "99" })
      const noLiquidity = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quantity: "1"
      })
      expect(noLiquidity).toMatchObject({ status: "Expired", executedQuantity: "0.5" })
      // the live text, for neither and for both
      const either = { code: "INVALID_CLIENT_REQUEST", message: "Must specify either `quantity` or `quoteQuantity`" }
      expect(yield* errorOf(sim.executeOrder(t.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market" })))
        .toEqual(either)
      expect(
        yield* errorOf(
          sim.executeOrder(t.apiKey, {
            symbol: "SOL_USDC",
            side: "Bid",
            orderType: "Market",
            quantity: "1",
            quoteQuantity: "100"
          })
        )
      ).toEqual(either)
    }))

  it.scoped("postOnly rejected when it would take", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const mm = yield* sim.createAccount({ balances: { SOL: "10" } })
      const t = yield* sim.createAccount({ balances: { USDC: "1000" } })
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      expect(yield* errorOf(sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "100.00", "1", { postOnly: true }))))
        .toEqual({
          code: "INVALID_ORDER",
          message: "Order would immediately match and take."
        })
      const ok = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "99.99", "1", { postOnly: true }))
      expect(ok).toMatchObject({ status: "New", postOnly: true })
    }))

  it.scoped("IOC and FOK", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const mm = yield* sim.createAccount({ balances: { SOL: "10" } })
      const t = yield* sim.createAccount({ balances: { USDC: "1000" } })
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      const fok = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "100.00", "2", { timeInForce: "FOK" }))
      expect(fok).toMatchObject({ status: "Expired", executedQuantity: "0", timeInForce: "FOK" })
      expect((yield* sim.balances(t.apiKey)).USDC).toEqual({ available: "1000", locked: "0", staked: "0" })
      const ioc = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "100.00", "2", { timeInForce: "IOC" }))
      expect(ioc).toMatchObject({ status: "Expired", executedQuantity: "1" })
      expect((yield* sim.balances(t.apiKey)).USDC).toEqual({ available: "900", locked: "0", staked: "0" })
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "100.00", "2"))
      const fok2 = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC", "Bid", "100.00", "2", { timeInForce: "FOK" }))
      expect(fok2).toMatchObject({ status: "Filled", executedQuantity: "2" })
    }))

  it.scoped("FOK market orders: by quantity and by quote quantity, all or nothing", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const mm = yield* sim.createAccount({ balances: { SOL: "10" } })
      const t = yield* sim.createAccount({ balances: { USDC: "1000" } })
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      yield* sim.executeOrder(mm.apiKey, lim("SOL_USDC", "Ask", "101.00", "1"))
      const byQty = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quantity: "1.5",
        timeInForce: "FOK"
      })
      expect(byQty).toMatchObject({ status: "Filled", executedQuantity: "1.5" })
      // 0.5 SOL left at 101 = 50.5 USDC: asking for 100 USDC cannot fill fully
      const tooMuch = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quoteQuantity: "100",
        timeInForce: "FOK"
      })
      expect(tooMuch).toMatchObject({ status: "Expired", executedQuantity: "0" })
      const enough = yield* sim.executeOrder(t.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quoteQuantity: "30.3",
        timeInForce: "FOK"
      })
      expect(enough).toMatchObject({ status: "Filled", executedQuantity: "0.3" })
    }))

  it.scoped("self-trade prevention modes", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const me = yield* sim.createAccount({ balances: { SOL: "10", USDC: "10000" } })
      const other = yield* sim.createAccount({ balances: { SOL: "10" } })
      const own = yield* sim.executeOrder(me.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      yield* sim.executeOrder(other.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      // RejectTaker (default): the taker expires, the maker stays
      const t1 = yield* sim.executeOrder(me.apiKey, lim("SOL_USDC", "Bid", "100.00", "1"))
      expect(t1).toMatchObject({ status: "Expired", executedQuantity: "0" })
      // RejectMaker: own maker cancelled, taker continues against the other account
      const t2 = yield* sim.executeOrder(
        me.apiKey,
        lim("SOL_USDC", "Bid", "100.00", "1", { selfTradePrevention: "RejectMaker" })
      )
      expect(t2).toMatchObject({ status: "Filled", executedQuantity: "1" })
      const openAfter = yield* Effect.flip(
        sim.executeOrder(me.apiKey, lim("SOL_USDC", "Ask", "100.00", "1", { clientId: 5 })).pipe(
          Effect.zipRight(sim.executeOrder(me.apiKey, lim("SOL_USDC", "Ask", "100.00", "1", { clientId: 5 })))
        )
      )
      expect(openAfter.message).toBe("Order with client ID already exists: 5")
      // RejectBoth: own maker and taker both expire
      const t3 = yield* sim.executeOrder(
        me.apiKey,
        lim("SOL_USDC", "Bid", "100.00", "1", { selfTradePrevention: "RejectBoth" })
      )
      expect(t3).toMatchObject({ status: "Expired", executedQuantity: "0" })
      expect(own.status).toBe("New")
      const report = yield* sim.audit
      expect(report.lockMismatches).toEqual([])
      expect(report.conservationViolations).toEqual([])
      // no own order remains: a new ask at 100 rests
      const rest = yield* sim.executeOrder(me.apiKey, lim("SOL_USDC", "Ask", "100.00", "1"))
      expect(rest.status).toBe("New")
    }))

  it.scoped("precision, bounds and funds errors", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const t = yield* sim.createAccount({ balances: { USDC: "100" } })
      const cases: Array<[Record<string, unknown>, { code: string; message: string }]> = [
        [lim("SOL_USDC", "Bid", "50.001", "1"), { code: "INVALID_PRICE", message: "Price decimal too long" }],
        [lim("SOL_USDC", "Bid", "50.00", "1.001"), { code: "INVALID_QUANTITY", message: "Quantity decimal too long" }],
        [lim("BTC_USDC", "Bid", "50000.0", "0.000001"), {
          code: "INVALID_QUANTITY",
          message: "Quantity decimal too long"
        }],
        [lim("SOL_USDC", "Bid", "50.00", "0"), { code: "INVALID_QUANTITY", message: "Quantity must be positive" }],
        // price bands: 0.25 to 2 times the mark price (180)
        [lim("SOL_USDC", "Bid", "44.99", "1"), {
          code: "INVALID_PRICE",
          message: "Price is outside the price band of the market"
        }],
        [lim("SOL_USDC", "Ask", "360.01", "1"), {
          code: "INVALID_PRICE",
          message: "Price is outside the price band of the market"
        }],
        [lim("SOL_USDC_PERP", "Bid", "1000.01", "1"), { code: "INVALID_PRICE", message: "Price out of bounds" }],
        [lim("SOL_USDC", "Bid", "50.00", "11"), { code: "INSUFFICIENT_FUNDS", message: "Insufficient funds" }],
        [lim("SOL_USDC", "Ask", "50.00", "1"), { code: "INSUFFICIENT_FUNDS", message: "Insufficient funds" }],
        [lim("SOL_USDC", "Bid", "50.00", "1", { reduceOnly: true }), {
          code: "INVALID_ORDER",
          message: "Reduce only is not supported on spot markets"
        }],
        [lim("NOPE_USDC", "Bid", "10.00", "1"), { code: "INVALID_MARKET", message: "Market not found" }]
      ]
      for (const [order, expected] of cases) {
        expect(yield* errorOf(sim.executeOrder(t.apiKey, order))).toEqual(expected)
      }
      const badSide = yield* errorOf(sim.executeOrder(t.apiKey, lim("SOL_USDC", "Buy" as never, "50.00", "1")))
      expect(badSide.message).toBe(
        "Bad Request parse request payload error: failed to parse \"Side\": Expect a valid enumeration value. (occurred while parsing \"OrderExecutePayload\")"
      )
      expect((yield* sim.balances(t.apiKey)).USDC).toEqual({ available: "100", locked: "0", staked: "0" })
    }))

  it.scoped("perp positions: reduceOnly, realised PnL, funding", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const long = yield* sim.createAccount({ balances: { USDC: "10000" } })
      const short = yield* sim.createAccount({ balances: { USDC: "10000" } })
      expect(
        yield* errorOf(sim.executeOrder(long.apiKey, lim("SOL_USDC_PERP", "Ask", "100.00", "1", { reduceOnly: true })))
      )
        .toEqual({ code: "INVALID_ORDER", message: "Reduce only order not reduced" })
      yield* sim.executeOrder(short.apiKey, lim("SOL_USDC_PERP", "Ask", "100.00", "2"))
      yield* sim.executeOrder(long.apiKey, lim("SOL_USDC_PERP", "Bid", "100.00", "2"))
      // fees: taker 5 bps of 200 = 0.1, maker 2 bps = 0.04
      expect((yield* sim.balances(long.apiKey)).USDC!.available).toBe("9999.9")
      expect((yield* sim.balances(short.apiKey)).USDC!.available).toBe("9999.96")
      yield* sim.setMarkPrice("SOL_USDC_PERP", "110.00")
      yield* sim.setFundingRate("SOL_USDC_PERP", "0.001")
      expect(yield* sim.settleFunding("SOL_USDC_PERP")).toBe(2)
      // long pays 2 * 110 * 0.001 = 0.22
      expect((yield* sim.balances(long.apiKey)).USDC!.available).toBe("9999.68")
      expect((yield* sim.balances(short.apiKey)).USDC!.available).toBe("10000.18")
      // long closes 3 reduce-only at 110: capped at 2
      yield* sim.executeOrder(short.apiKey, lim("SOL_USDC_PERP", "Bid", "110.00", "5"))
      const close = yield* sim.executeOrder(
        long.apiKey,
        lim("SOL_USDC_PERP", "Ask", "110.00", "3", { reduceOnly: true })
      )
      expect(close).toMatchObject({ executedQuantity: "2", status: "Expired", reduceOnly: true })
      // long realised +20, paid taker fee 0.11
      expect((yield* sim.balances(long.apiKey)).USDC!.available).toBe("10019.57")
      const report = yield* sim.audit
      expect(report.conservationViolations).toEqual([])
    }))

  it.scoped("insufficient margin on perps", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const t = yield* sim.createAccount({ balances: { USDC: "100" } })
      // 10x default leverage at mark 180 (seed reference): 100 USDC supports 5.55 SOL
      expect(yield* errorOf(sim.executeOrder(t.apiKey, lim("SOL_USDC_PERP", "Bid", "100.00", "6")))).toEqual({
        code: "INSUFFICIENT_MARGIN",
        message: "Insufficient margin"
      })
      const ok = yield* sim.executeOrder(t.apiKey, lim("SOL_USDC_PERP", "Bid", "100.00", "5"))
      expect(ok.status).toBe("New")
    }))
})

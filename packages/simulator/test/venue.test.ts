/**
 * The venue services on a bare engine with a hand-driven clock: borrow/lend and interest, conditional orders,
 * RFQ, strategies, vaults, dust, withdrawal delays, position/settlement history and liquidations.
 */
import { describe, expect, it } from "@effect/vitest"
import * as D from "../src/internal/decimal.js"
import * as Accounts from "../src/internal/engine/accounts.js"
import * as Activity from "../src/internal/engine/activity.js"
import { Engine } from "../src/internal/engine/engine.js"
import type { EngineEvent } from "../src/internal/engine/events.js"
import * as MarketData from "../src/internal/engine/marketData.js"
import * as Matching from "../src/internal/engine/matching.js"
import type { Account } from "../src/internal/engine/model.js"
import { ApiFailure } from "../src/internal/engine/model.js"
import * as Perps from "../src/internal/engine/perps.js"
import { orderPayload, orderRequest } from "../src/internal/http/payloads.js"
import { borrowRate, INTEREST_INTERVAL_MS, lendRate, utilization } from "../src/internal/lending.js"
import { stringifyFrame } from "../src/internal/rfq.js"
import { attach } from "../src/internal/venue.js"

const HOUR = 3_600_000

/** Places an order payload as the order route does: decoded at the edge, then given to the trigger book. */
const place = (venue: ReturnType<typeof attach>, account: Account, body: Record<string, unknown>) =>
  venue.triggers.place(account, orderPayload(body))

const setup = (liquidity = true) => {
  const clock = { now: Date.UTC(2026, 0, 5, 10, 30) }
  const engine = new Engine({ seed: 7, clock: () => clock.now, liquidity })
  const venue = attach(engine)
  const events: Array<EngineEvent> = []
  for (const tag of ["OrderUpdated", "ConditionalUpdated", "RfqUpdated", "Liquidation"] as const) {
    engine.bus.on(tag, (e) => events.push(e))
  }
  const account = (balances: Record<string, string>) => {
    const { account } = Accounts.createRandom(engine)
    for (const [asset, q] of Object.entries(balances)) Accounts.deposit(engine, account, asset, D.parse(q)!)
    return account
  }
  const advance = (ms: number) => {
    clock.now += ms
    Perps.settleDueFunding(engine)
  }
  const balance = (a: ReturnType<typeof account>, asset: string) => D.format(Accounts.balance(a, asset).available)
  const conserved = () => {
    const totals = Accounts.totals(engine)
    const flows = Accounts.netFlows(engine)
    for (const asset of new Set([...totals.keys(), ...flows.keys()])) {
      expect([asset, D.format(totals.get(asset) ?? 0n)]).toEqual([asset, D.format(flows.get(asset) ?? 0n)])
    }
  }
  return { clock, engine, venue, events, account, advance, balance, conserved }
}

/** Live event name (`e`) of an order, conditional-order or RFQ event. */
const kind = (event: EngineEvent): string =>
  event._tag === "OrderUpdated" ? event.kind : "data" in event ? String(event.data.e) : ""

const failure = (f: () => unknown): { code: string; message: string } => {
  try {
    f()
  } catch (e) {
    if (e instanceof ApiFailure) return { code: e.code, message: e.message }
    throw e
  }
  throw new Error("expected a failure")
}

describe("borrow / lend", () => {
  it("lend, borrow, hourly interest, repay; pool utilisation drives the rates; balances conserved", () => {
    const { account, advance, balance, conserved, engine, venue } = setup()
    const lender = account({ USDC: "1000" })
    const borrower = account({ USDC: "1000" })
    venue.lending.execute(lender, "USDC", "Lend", D.parse("500")!)
    expect(balance(lender, "USDC")).toBe("500")
    expect(D.format(venue.lending.net(lender, "USDC"))).toBe("500")
    const pool = venue.lending.pool("USDC")
    expect(D.format(pool.lent)).toBe("5000500")
    // USDC free margin 1000 / imf 0.1 → 10000 borrowable
    expect(D.format(venue.lending.maxBorrow(borrower, "USDC"))).toBe("10000")
    venue.lending.execute(borrower, "USDC", "Borrow", D.parse("2000")!)
    expect(balance(borrower, "USDC")).toBe("3000")
    expect(D.format(pool.borrowed)).toBe("2000")
    expect(D.format(venue.lending.maxBorrow(borrower, "USDC"))).toBe("8000")
    expect(failure(() => venue.lending.execute(borrower, "USDC", "Borrow", D.parse("8000.000001")!))).toEqual({
      code: "INSUFFICIENT_MARGIN",
      message: "Insufficient margin"
    })
    // the borrow weighs on perp margin: equity = 3000 cash − 2000 owed
    expect(D.format(Perps.marginState(engine, borrower).equity)).toBe("1000")

    const u = utilization(pool)
    expect(u).toBe(D.div(D.parse("2000")!, D.parse("5000500")!))
    const rate = borrowRate(pool)
    const lRate = lendRate(pool)
    advance(INTEREST_INTERVAL_MS)
    const owed = D.parse("2000")! + D.mul(D.parse("2000")!, rate) / 8760n
    expect(venue.lending.net(borrower, "USDC")).toBe(-owed)
    expect(venue.lending.net(lender, "USDC")).toBe(D.parse("500")! + D.mul(D.parse("500")!, lRate) / 8760n)
    expect(venue.lending.interest.filter((r) => r.accountId === borrower.id).map((r) => r.paymentType)).toEqual([
      "Borrow"
    ])

    // repaying through Lend clears the borrow first, the rest is lent
    venue.lending.execute(borrower, "USDC", "Lend", D.parse("2100")!)
    expect(venue.lending.net(borrower, "USDC")).toBe(D.parse("2100")! - owed)
    expect(venue.lending.movements.filter((m) => m.accountId === borrower.id).map((m) => m.eventType)).toEqual([
      "Borrow",
      "BorrowRepay",
      "Lend"
    ])
    // the borrow position closed, a lend position opened
    const positions = venue.lending.positions.filter((p) => p.accountId === borrower.id)
    expect(positions.map((p) => p.closedAt === null)).toEqual([false, true])
    conserved()
  })

  it("rejects unknown assets, bad steps and borrows beyond the supply cap", () => {
    const { account, venue } = setup(false)
    const a = account({ USDC: "100000000" })
    expect(failure(() => venue.lending.execute(a, "DOGE", "Lend", D.ONE)).code).toBe("INVALID_ASSET")
    expect(failure(() => venue.lending.execute(a, "USDC", "Lend", D.parse("0.0000001")!)).code).toBe("INVALID_QUANTITY")
    // BTC pool: 100 seeded at max utilisation 0.9 caps what 100M USDC of margin could borrow
    expect(D.format(venue.lending.maxBorrow(a, "BTC"))).toBe("90")
    expect(failure(() => venue.lending.execute(a, "BTC", "Borrow", D.fromInt(91)))).toEqual({
      code: "INSUFFICIENT_SUPPLY",
      message: "Insufficient supply"
    })
  })
})

describe("conditional orders", () => {
  it("a perp stop order fires when the mark price crosses its trigger, under its own id", () => {
    const { account, engine, events, venue } = setup()
    const t = account({ USDC: "10000" })
    const m = engine.market("SOL_USDC_PERP")
    Perps.setMarkPrice(engine, m, D.parse("180")!)
    const { order } = place(venue, t, {
      symbol: "SOL_USDC_PERP",
      side: "Bid",
      orderType: "Market",
      triggerPrice: "185",
      triggerQuantity: "2",
      triggerBy: "MarkPrice"
    })
    expect(order).toMatchObject({ status: "TriggerPending", direction: "up" })
    expect(venue.triggers.evaluate()).toBe(0)
    Perps.setMarkPrice(engine, m, D.parse("184.99")!)
    expect(venue.triggers.evaluate()).toBe(0)
    Perps.setMarkPrice(engine, m, D.parse("185")!)
    expect(venue.triggers.evaluate()).toBe(1)
    const fired = [...t.orders.oldestFirst()].find((o) => o.id === order.id)!
    expect(fired.orderType).toBe("Market")
    expect(D.format(fired.executedQuantity)).toBe("2")
    expect(D.format(t.positions.get("SOL_USDC_PERP")!.netQuantity)).toBe("2")
    const orderEvents = events.filter((e) => e._tag !== "RfqUpdated").map(kind)
    expect(orderEvents[0]).toBe("triggerPlaced")
    expect(orderEvents).toContain("orderFill")
  })

  it("take-profit and stop-loss follow the parent's fill; one firing cancels the other", () => {
    const { account, engine, venue } = setup()
    const t = account({ USDC: "10000" })
    const m = engine.market("SOL_USDC_PERP")
    const { attachments, order } = place(venue, t, {
      symbol: "SOL_USDC_PERP",
      side: "Bid",
      orderType: "Market",
      quantity: "1",
      takeProfitTriggerPrice: "200",
      stopLossTriggerPrice: "170",
      stopLossTriggerBy: "IndexPrice"
    })
    expect("executedQuantity" in order && D.format(order.executedQuantity)).toBe("1")
    expect(attachments.map((c) => [c.kind, c.side, c.direction, c.triggerBy])).toEqual([
      ["TakeProfit", "Ask", "up", "MarkPrice"],
      ["StopLoss", "Ask", "down", "IndexPrice"]
    ])
    Perps.setMarkPrice(engine, m, D.parse("169.5")!)
    expect(venue.triggers.evaluate()).toBe(1)
    expect(attachments.map((c) => c.status)).toEqual(["Cancelled", "Triggered"])
    expect(t.positions.get("SOL_USDC_PERP")!.netQuantity).toBe(0n)
    expect(venue.triggers.open(t)).toEqual([])
  })

  it("percentage trigger quantities size from the position; validation errors", () => {
    const { account, engine, venue } = setup()
    const t = account({ USDC: "10000" })
    Matching.execute(
      engine,
      t,
      orderRequest({ symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "4" })
    )
    const m = engine.market("SOL_USDC_PERP")
    Perps.setMarkPrice(engine, m, D.parse("180")!)
    place(venue, t, {
      symbol: "SOL_USDC_PERP",
      side: "Ask",
      orderType: "Market",
      triggerPrice: "150",
      triggerQuantity: "50%",
      reduceOnly: true
    })
    Perps.setMarkPrice(engine, m, D.parse("149")!)
    expect(venue.triggers.evaluate()).toBe(1)
    expect(D.format(t.positions.get("SOL_USDC_PERP")!.netQuantity)).toBe("2")
    expect(
      failure(() => place(venue, t, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", triggerPrice: "1" }))
    ).toEqual({
      code: "INVALID_CLIENT_REQUEST",
      message: "Must specify both `triggerPrice` and `triggerQuantity` or neither"
    })
    expect(
      failure(() =>
        place(venue, t, {
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Market",
          quantity: "1",
          triggerQuantity: "1"
        })
      ).message
    ).toBe("Must specify both `triggerPrice` and `triggerQuantity` or neither")
    const c = place(venue, t, {
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      price: "100",
      triggerPrice: "101",
      triggerQuantity: "1",
      triggerBy: "LastPrice"
    }).order
    expect(venue.triggers.cancelAll(t, "SOL_USDC").map((x) => x.id)).toEqual([c.id])
  })
})

describe("RFQ", () => {
  it("the quoter answers, the requester accepts, both settle at the quote with fees; events carry exact ids", () => {
    const { account, balance, conserved, engine, events, venue } = setup()
    const requester = account({ USDC: "10000" })
    const maker = account({ SOL: "100" })
    const rfq = venue.rfqs.submit(requester, { symbol: "SOL_USDC", side: "Bid", quantity: D.parse("2")! })
    expect(rfq.quotes).toHaveLength(1)
    const mark = MarketData.markPrice(engine.market("SOL_USDC"))
    const auto = rfq.quotes[0]!
    expect(auto.askPrice > mark && auto.bidPrice < mark).toBe(true)
    // a better quote from another account becomes the candidate
    const better = venue.rfqs.quote(maker, {
      rfqId: rfq.id,
      bidPrice: D.floorTo(mark, D.parse("0.01")!) - D.parse("0.01")!,
      askPrice: D.floorTo(mark, D.parse("0.01")!)
    })
    expect(venue.rfqs.best(rfq)).toBe(better)
    venue.rfqs.accept(requester, { quoteId: better.id })
    expect(rfq.status).toBe("Filled")
    expect(auto.status).toBe("Cancelled")
    const price = better.askPrice
    const notional = D.mul(price, D.parse("2")!)
    expect(balance(requester, "USDC")).toBe(D.format(D.parse("10000")! - notional))
    expect(balance(requester, "SOL")).toBe("1.999") // 2 minus the 5 bps taker fee in base
    expect(balance(maker, "USDC")).toBe(D.format(notional - D.mul(notional, D.parse("0.0002")!)))
    expect(balance(maker, "SOL")).toBe("98")
    const kinds = events.flatMap((e) =>
      e._tag === "RfqUpdated" ? [`${e.account.id === requester.id ? "R" : "M"}:${kind(e)}`] : []
    )
    expect(kinds).toEqual(
      expect.arrayContaining([
        "M:rfqActive",
        "R:rfqCandidate",
        "R:rfqAccepted",
        "M:quoteAccepted",
        "R:rfqFilled",
        "M:rfqFilled"
      ])
    )
    const frame = events.find((e) => e._tag === "RfqUpdated")!
    expect("data" in frame && stringifyFrame({ data: frame.data })).toContain(`"R":${rfq.id}`)
    conserved()
  })

  it("immediate mode fills at once within the price; expiry, refresh and cancel", () => {
    const { account, advance, engine, venue } = setup()
    const requester = account({ USDC: "10000", SOL: "10" })
    const mark = MarketData.markPrice(engine.market("SOL_USDC"))
    const filled = venue.rfqs.submit(requester, {
      symbol: "SOL_USDC",
      side: "Ask",
      quantity: D.parse("1")!,
      price: mark - D.parse("5")!,
      executionMode: "Immediate"
    })
    expect(filled.status).toBe("Filled")
    const open = venue.rfqs.submit(requester, {
      symbol: "SOL_USDC",
      side: "Bid",
      quoteQuantity: D.parse("100")!,
      clientId: 9
    })
    advance(20_000)
    const maker = account({ SOL: "1" })
    expect(failure(() => venue.rfqs.quote(maker, { rfqId: open.id, bidPrice: D.ONE, askPrice: D.fromInt(2) })).message)
      .toBe("RFQ submission window has closed")
    venue.rfqs.refresh(requester, open.id)
    expect(open.submissionTime).toBe(engine.now() + 10_000)
    expect(venue.rfqs.cancel(requester, undefined, 9).status).toBe("Cancelled")
    const late = venue.rfqs.submit(requester, { symbol: "SOL_USDC", side: "Bid", quantity: D.ONE })
    advance(31_000)
    expect(late.status).toBe("Expired")
    expect(failure(() => venue.rfqs.submit(requester, { symbol: "SOL_USDC_PERP", side: "Bid", quantity: D.ONE })).code)
      .toBe("INVALID_MARKET")
  })
})

describe("strategies", () => {
  it("a scheduled strategy places one market slice per interval on the clock and completes", () => {
    const { account, advance, venue } = setup()
    const t = account({ USDC: "100000" })
    const s = venue.strategies.create(t, {
      symbol: "SOL_USDC",
      side: "Bid",
      quantity: D.parse("3")!,
      duration: 3 * 60_000,
      interval: 60_000
    })
    expect(s.orders).toHaveLength(1)
    expect(D.format(venue.strategies.executedQuantity(s))).toBe("1")
    advance(59_000)
    expect(s.orders).toHaveLength(1)
    advance(1_000)
    expect(s.orders).toHaveLength(2)
    advance(60_000)
    expect(D.format(venue.strategies.executedQuantity(s))).toBe("3")
    expect(s.status).toBe("Completed")
    const limit = venue.strategies.create(t, {
      symbol: "SOL_USDC",
      side: "Bid",
      quantity: D.parse("2")!,
      price: D.parse("150")!, // below the book, inside the price band
      duration: 120_000,
      interval: 60_000
    })
    expect(limit.orders[0]!.status).toBe("New")
    venue.strategies.cancel(t, limit)
    expect(limit.orders[0]!.status).toBe("Cancelled")
    expect(
      failure(() =>
        venue.strategies.create(t, {
          symbol: "SOL_USDC",
          side: "Bid",
          quantity: D.parse("0.01")!,
          duration: 600_000,
          interval: 1_000
        })
      ).code
    ).toBe("INVALID_QUANTITY")
    const tooMany = {
      symbol: "SOL_USDC",
      side: "Bid" as const,
      quantity: D.fromInt(100),
      duration: 86_400_000,
      interval: 1_000
    }
    expect(failure(() => venue.strategies.create(t, tooMany)).message).toBe("Invalid `interval`")
  })
})

describe("vaults", () => {
  it("mint at NAV, NAV grows with the lending interest, redeem pays after the delay, cancel unlocks", () => {
    const { account, advance, balance, conserved, venue } = setup()
    const vault = venue.vaults.vault(1)
    const a = account({ USDC: "10000" })
    venue.vaults.mint(a, 1, "USDC", D.parse("1000")!)
    expect(balance(a, "SIMVLT")).toBe("1000")
    expect(D.format(venue.vaults.nav(vault))).toBe("1")
    // someone borrows, so the vault's lend earns interest
    const b = account({ USDC: "100000" })
    venue.lending.execute(b, "USDC", "Borrow", D.parse("400000")!)
    advance(24 * HOUR)
    expect(venue.vaults.nav(vault) > D.ONE).toBe(true)
    venue.vaults.requestRedeem(a, 1, D.parse("400")!)
    expect(balance(a, "SIMVLT")).toBe("600") // 400 in escrow until the delay has passed
    expect(failure(() => venue.vaults.requestRedeem(a, 1, D.ONE)).message).toBe("A redeem is already pending")
    advance(30_000)
    expect(venue.vaults.redeems[0]!.status).toBe("Requested")
    advance(30_000)
    const r = venue.vaults.redeems[0]!
    expect(r.status).toBe("Redeemed")
    expect(r.quantity! > D.parse("400")!).toBe(true)
    expect(balance(a, "USDC")).toBe(D.format(D.parse("9000")! + r.quantity!))
    venue.vaults.requestRedeem(a, 1, undefined)
    venue.vaults.cancelRedeem(a, 1)
    expect(balance(a, "SIMVLT")).toBe("600")
    conserved()
  })
})

describe("dust, withdrawal delay, history, liquidation", () => {
  it("converts balances worth under 1 USDC at the mark price", () => {
    const { account, balance, conserved, venue } = setup()
    const a = account({ SOL: "0.001", BTC: "1" })
    const records = venue.capital.convertDust(a, undefined)
    expect(records.map((r) => r.symbol)).toEqual(["SOL"])
    expect(balance(a, "SOL")).toBe("0")
    expect(balance(a, "USDC")).toBe(D.format(records[0]!.usdcReceived))
    expect(failure(() => venue.capital.convertDust(a, "BTC")).message).toBe("Balance is not dust")
    conserved()
  })

  it("a withdrawal delay holds withdrawals; a shorter delay waits for the current one", () => {
    const { account, advance, engine, venue } = setup(false)
    const a = account({ USDC: "100" })
    venue.capital.createDelay(a, 24)
    const w = Accounts.withdraw(engine, a, {
      symbol: "USDC",
      blockchain: "Solana",
      address: "x",
      quantity: { value: D.parse("10")! }
    })
    expect(venue.capital.hold(a, w)).toBe(w.createdAt + 24 * HOUR)
    const d = venue.capital.updateDelay(a, 2)
    expect([d.current, d.pending]).toEqual([24, 2])
    advance(24 * HOUR)
    expect(w.status).toBe("confirmed")
    expect(venue.capital.delay(a)).toMatchObject({ current: 2, pending: null })
  })

  it("position rows and settlements follow the engine's own events", () => {
    const { account, engine, venue } = setup()
    const t = account({ USDC: "10000" })
    Matching.execute(
      engine,
      t,
      orderRequest({ symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "2" })
    )
    Matching.execute(
      engine,
      t,
      orderRequest({ symbol: "SOL_USDC_PERP", side: "Ask", orderType: "Market", quantity: "2" })
    )
    const rows = venue.positions.rows(t.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.closedAt).not.toBeNull()
    expect(rows[0]!.pnlRealized).toBe(t.positions.get("SOL_USDC_PERP")!.pnlRealized)
    const sources = venue.positions.settlements(t.id).map((s) => s.source)
    expect(sources.filter((s) => s === "TradingFees")).toHaveLength(2)
    expect(sources).toContain("RealizePnl")
  })

  it("settlements are kept per account under the history cap; background activity keeps none", () => {
    const engine = new Engine({ seed: 7, clock: () => Date.UTC(2026, 0, 5), history: { account: 3 } })
    const venue = attach(engine)
    const t = Accounts.createRandom(engine).account
    Accounts.deposit(engine, t, "USDC", D.parse("10000")!)
    for (const side of ["Bid", "Ask", "Bid", "Ask"] as const) {
      Matching.execute(engine, t, orderRequest({ symbol: "SOL_USDC_PERP", side, orderType: "Market", quantity: "1" }))
    }
    // 4 fees and 2 realised PnL settled: the newest 3 are kept
    const kept = venue.positions.settlements(t.id)
    expect(kept).toHaveLength(3)
    expect(kept.map((s) => s.engineSequence)).toEqual([4, 5, 6])
    expect(venue.positions.rows(t.id)).toHaveLength(2)
    for (let i = 0; i < 200; i++) Activity.activityStep(engine)
    for (const maker of engine.makers) {
      expect(maker.fills.size).toBeGreaterThan(0)
      expect(venue.positions.settlements(maker.id)).toEqual([])
    }
  })

  it("an under-margined perp position is closed on the book and published on `liquidation`", async () => {
    const { account, engine, events, venue } = setup()
    const t = account({ USDC: "400" })
    Matching.execute(
      engine,
      t,
      orderRequest({ symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "20" })
    )
    const m = engine.market("SOL_USDC_PERP")
    expect(venue.liquidations.check()).toBe(0)
    Perps.setMarkPrice(engine, m, D.parse("170")!)
    await Promise.resolve()
    expect(D.format(t.positions.get("SOL_USDC_PERP")!.netQuantity)).toBe("20")
    Perps.setMarkPrice(engine, m, D.parse("160")!)
    await Promise.resolve() // price reactions run after the engine call
    expect(t.positions.get("SOL_USDC_PERP")!.netQuantity).toBe(0n)
    const liq = events.flatMap((e) => (e._tag === "Liquidation" ? [e] : []))
    expect(liq.map((e) => [e.market.symbol, e.side, D.format(e.quantity)])).toEqual([["SOL_USDC_PERP", "Ask", "20"]])
  })
})

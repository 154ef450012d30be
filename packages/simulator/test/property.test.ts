import { describe, expect, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import * as D from "../src/internal/decimal.js"
import * as Accounts from "../src/internal/engine/accounts.js"
import * as Book from "../src/internal/engine/book.js"
import { Engine } from "../src/internal/engine/engine.js"
import * as Matching from "../src/internal/engine/matching.js"
import { ApiFailure, PlainFailure } from "../src/internal/engine/model.js"
import * as Perps from "../src/internal/engine/perps.js"
import { orderRequest } from "../src/internal/http/payloads.js"

const price = (symbol: string) =>
  symbol.startsWith("BTC") ?
    FastCheck.integer({ min: 990_000, max: 1_010_000 }).map((n) => D.format(BigInt(n) * 10n ** 17n, 1)) :
    FastCheck.integer({ min: 17_000, max: 19_000 }).map((n) => D.format(BigInt(n) * 10n ** 16n, 2))

const quantity = (symbol: string) =>
  symbol.startsWith("BTC") ?
    FastCheck.integer({ min: 1, max: 20_000 }).map((n) => D.format(BigInt(n) * 10n ** 13n, 5)) :
    FastCheck.integer({ min: 1, max: 3_000 }).map((n) => D.format(BigInt(n) * 10n ** 16n, 2))

const orderFor = (symbols: ReadonlyArray<string>) =>
  FastCheck.constantFrom(...symbols).chain((symbol) =>
    FastCheck.record({
      account: FastCheck.integer({ min: 0, max: 2 }),
      cancel: FastCheck.boolean().map((b) => b && symbol !== "BTC_USDC"),
      body: FastCheck.record({
        symbol: FastCheck.constant(symbol),
        side: FastCheck.constantFrom("Bid", "Ask"),
        orderType: FastCheck.constantFrom("Limit", "Limit", "Market"),
        price: price(symbol),
        quantity: quantity(symbol),
        timeInForce: FastCheck.constantFrom("GTC", "GTC", "IOC", "FOK"),
        postOnly: FastCheck.boolean(),
        selfTradePrevention: FastCheck.constantFrom("RejectTaker", "RejectMaker", "RejectBoth"),
        reduceOnly: symbol.endsWith("_PERP") ? FastCheck.constantFrom(null, true) : FastCheck.constant(null),
        clientId: FastCheck.option(FastCheck.integer({ min: 0, max: 4 }), { nil: null })
      })
    })
  )

const run = (
  seed: number,
  liquidity: boolean,
  ops: ReadonlyArray<{ account: number; cancel: boolean; body: Record<string, unknown> }>
) => {
  const engine = new Engine({ seed, clock: () => 1_750_000_000_000, liquidity, seedTrades: 2 })
  const accounts = [0, 1, 2].map(() => Accounts.createRandom(engine).account)
  for (const a of accounts) {
    Accounts.deposit(engine, a, "USDC", D.fromInt(50_000))
    Accounts.deposit(engine, a, "SOL", D.fromInt(200))
    Accounts.deposit(engine, a, "BTC", D.fromInt(1))
  }
  for (const op of ops) {
    const account = accounts[op.account]!
    const body = { ...op.body }
    if (body.orderType === "Market") {
      delete body.price
      delete body.postOnly
    }
    try {
      if (op.cancel) {
        const open = Accounts.openOrders(account, body.symbol as string)
        if (open.length > 0) Matching.cancel(engine, account, body.symbol as string, open[0]!.id, null)
      } else {
        Matching.execute(engine, account, orderRequest(body))
      }
    } catch (e) {
      if (!(e instanceof ApiFailure) && !(e instanceof PlainFailure)) throw e
    }
  }
  return { engine, accounts }
}

const invariants = (engine: Engine, spotOnly: boolean) => {
  // conservation: every asset's total (all accounts + fee collector + open perp cash) equals net deposits
  const totals = Accounts.totals(engine)
  const flows = Accounts.netFlows(engine)
  for (const [asset, total] of totals) expect(D.format(total), asset).toBe(D.format(flows.get(asset) ?? 0n))
  // books never crossed, levels non-empty and sorted
  for (const m of engine.markets.values()) {
    const bid = Book.bestBid(m)
    const ask = Book.bestAsk(m)
    if (bid !== null && ask !== null) expect(bid < ask).toBe(true)
    for (let i = 1; i < m.bids.length; i++) expect(m.bids[i - 1]!.price > m.bids[i]!.price).toBe(true)
    for (let i = 1; i < m.asks.length; i++) expect(m.asks[i - 1]!.price < m.asks[i]!.price).toBe(true)
  }
  for (const account of engine.accounts.values()) {
    // the open-order index holds exactly the open orders of the history, oldest first, per market too
    const open = [...account.orders.oldestFirst()].filter((o) => o.status === "New" || o.status === "PartiallyFilled")
    expect(Accounts.openOrders(account).map((o) => o.id)).toEqual(open.map((o) => o.id))
    for (const m of engine.markets.values()) {
      expect(Accounts.openOrders(account, m.symbol).map((o) => o.id))
        .toEqual(open.filter((o) => o.symbol === m.symbol).map((o) => o.id))
    }
    expect([...account.openByClientId.keys()].sort()).toEqual(
      open.flatMap((o) => (o.clientId === null ? [] : [o.clientId])).sort()
    )
    const expectedLocks = new Map<string, bigint>()
    for (const o of Accounts.openOrders(account)) {
      if (o.lockAsset !== null) expectedLocks.set(o.lockAsset, (expectedLocks.get(o.lockAsset) ?? 0n) + o.locked)
    }
    for (const [asset, b] of account.balances) {
      expect(b.locked >= 0n).toBe(true)
      expect(b.locked).toBe(expectedLocks.get(asset) ?? 0n)
      if (spotOnly) expect(b.available >= 0n, `${account.id}:${asset}`).toBe(true)
    }
  }
}

describe("engine properties", () => {
  it("spot: no negative balances, conservation incl. fees, uncrossed books", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.integer({ min: 1, max: 1_000_000 }),
        FastCheck.boolean(),
        FastCheck.array(orderFor(["SOL_USDC", "BTC_USDC"]), { maxLength: 60 }),
        (seed, liquidity, ops) => {
          const { engine } = run(seed, liquidity, ops)
          invariants(engine, true)
        }
      ),
      { numRuns: 60 }
    )
  })

  it("perps: conservation of USDC (cash + open cost), uncrossed books, funding zero-sum", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.integer({ min: 1, max: 1_000_000 }),
        FastCheck.array(orderFor(["SOL_USDC_PERP", "SOL_USDC"]), { maxLength: 60 }),
        FastCheck.integer({ min: -500, max: 500 }),
        (seed, ops, rateMicros) => {
          const { engine } = run(seed, false, ops)
          const m = engine.markets.get("SOL_USDC_PERP")!
          Perps.setFundingRate(engine, m, BigInt(rateMicros) * 10n ** 12n)
          Perps.settleFunding(engine, m)
          invariants(engine, false)
          let net = 0n
          for (const a of engine.accounts.values()) net += a.positions.get(m.symbol)?.netQuantity ?? 0n
          expect(net).toBe(0n)
        }
      ),
      { numRuns: 60 }
    )
  })
})

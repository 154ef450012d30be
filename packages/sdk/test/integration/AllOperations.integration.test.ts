/**
 * Every operation of the official spec (81) called through the SDK against an in-process simulator, with the
 * decoded answers checked against what the simulator modelled: conditional orders firing on price moves,
 * borrow/lend with interest, RFQ between two accounts, scheduled strategies on the clock, vault mint/redeem,
 * dust, withdrawal delays and every history endpoint. A recording tracer notes each SDK method that succeeded;
 * the last test checks that the set equals `Endpoints.all`.
 */
import type { Backpack } from "@effect-backpack/sdk"
import {
  Account,
  Assets,
  BorrowLend,
  Capital,
  Endpoints,
  Funding,
  History,
  Markets,
  Orders,
  Positions,
  Rfq,
  Strategies,
  System,
  Trades,
  Vaults
} from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Exit, Layer, Option, Redacted, Tracer } from "effect"

const dec = (s: string) => BigDecimal.unsafeFromString(s)
const eq = (a: BigDecimal.BigDecimal | undefined, b: string) => a !== undefined && BigDecimal.equals(a, dec(b))
const gt = (a: BigDecimal.BigDecimal, b: string) => BigDecimal.greaterThan(a, dec(b))

/** SDK methods (span names) that completed successfully in this file. */
const succeeded = new Set<string>()

/** A tracer that records the names of spans ending in success, on top of the current tracer. */
const recording = Effect.map(Effect.tracer, (base) =>
  Tracer.make({
    context: base.context,
    span: (name, parent, context, links, startTime, kind, options) => {
      const span = base.span(name, parent, context, links, startTime, kind, options)
      const end = span.end.bind(span)
      span.end = (endTime, exit) => {
        if (Exit.isSuccess(exit)) succeeded.add(name)
        end(endTime, exit)
      }
      return span
    }
  }))

const sdkAs = (sim: Simulator.SimulatorService, secret: string) =>
  BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl, apiSecret: Redacted.make(secret), retries: 0 })

/** A fresh simulator and a funded trader; `body` runs with the SDK wired as that trader, spans recorded. */
const withSdk = <A, E>(
  body: (
    sim: Simulator.SimulatorService,
    as: <B, E2>(
      secret: string,
      effect: Effect.Effect<B, E2, Backpack.Services>
    ) => Effect.Effect<B, unknown>
  ) => Effect.Effect<A, E, Backpack.Services>
) =>
  Effect.scoped(
    Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 21, rateLimits: false, demoAccount: false })
      const trader = yield* sim.createAccount({ balances: { USDC: "20000", SOL: "50" } })
      const tracer = yield* recording
      const as = <B, E2>(secret: string, effect: Effect.Effect<B, E2, Backpack.Services>) =>
        effect.pipe(
          Effect.provide(Layer.merge(sdkAs(sim, secret), Testing.layerLiveSigningClock)),
          Effect.withTracer(tracer)
        )
      const result = yield* as(trader.apiSecret, body(sim, as))
      // whatever the services did, balances are conserved and consistent across the exchange
      const audit = yield* sim.audit
      expect([audit.conservationViolations, audit.negativeBalances, audit.lockMismatches, audit.crossedBooks])
        .toEqual([[], [], [], []])
      return result
    })
  )

/** Moves the simulator's clock `ms` ahead and re-syncs the SDK's signing clock (which also runs due work). */
const advance = (sim: Simulator.SimulatorService, totalMs: number) =>
  Effect.gen(function*() {
    yield* sim.faults.setClockOffset(totalMs)
    yield* (yield* System.System).syncClock
  })

describe("all operations against the simulator", () => {
  it.effect("system, assets, markets, reference data, trades, funding rates", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const system = yield* System.System
        expect((yield* system.getStatus()).status).toBe("Ok")
        expect(yield* system.ping()).toBe("pong")
        expect(Math.abs((yield* system.getTime()) - Date.now())).toBeLessThan(60_000)
        expect((yield* system.getWallets()).map((w) => w.blockchain)).toContain("Solana")

        const assets = yield* Assets.Assets
        expect((yield* assets.getAssets()).map((a) => a.symbol)).toEqual(["USDC", "SOL", "BTC", "ETH"])
        const collateral = yield* assets.getCollateralParameters()
        const sol = collateral.find((c) => c.symbol === "SOL")!
        // the borrow IMF of the SOL pool and half of it as MMF; the flat 0.9 haircut
        expect(eq(sol.imfFunction.base, "0.2")).toBe(true)
        expect(eq(sol.mmfFunction.base, "0.1")).toBe(true)
        expect(eq(sol.haircutFunction.weight, "0.9")).toBe(true)

        const markets = yield* Markets.Markets
        expect((yield* markets.getMarkets()).length).toBe(6)
        expect((yield* markets.getMarket({ symbol: "BTC_USDC" })).baseSymbol).toBe("BTC")
        expect(Option.isSome(yield* markets.getTicker({ symbol: "SOL_USDC" }))).toBe(true)
        expect((yield* markets.getTickers()).length).toBe(6)
        const depth = yield* markets.getDepth({ symbol: "SOL_USDC", limit: "5" })
        expect([depth.bids.length, depth.asks.length]).toEqual([5, 5])
        const klines = yield* markets.getKlines({
          symbol: "SOL_USDC",
          interval: "1h",
          startTime: Math.floor(Date.now() / 1000) - 7200
        })
        expect(klines.length).toBeGreaterThan(0)
        expect((yield* markets.getMarkPrices()).map((m) => m.symbol).sort()).toEqual([
          "BTC_USDC_PERP",
          "ETH_USDC_PERP",
          "SOL_USDC_PERP"
        ])
        expect((yield* markets.getOpenInterest()).length).toBe(3)
        const sessions = yield* markets.getMarketSessions()
        expect(sessions.find((s) => s.name === "Regular")).toMatchObject({
          startTime: "09:30:00",
          endTime: "16:00:00",
          timezone: "America/New_York"
        })
        const securities = yield* markets.getSecurities()
        expect(securities.map((s) => s.asset)).toEqual(["AAPLX", "TSLAX", "SPYX"])
        expect(securities[0]!.sessions.length).toBe(4)
        const tags = yield* markets.getPredictionTags()
        expect(tags.map((t) => t.slug)).toEqual(["crypto", "bitcoin", "solana", "macro"])
        const crypto = yield* markets.getPredictionEvents({ tagSlug: "crypto" })
        expect(crypto.map((e) => e.slug)).toEqual(["btc-above-150k-2026", "sol-daily-2026-11-30"])
        const resolved = yield* markets.getPredictionEvents({ resolved: true })
        expect(resolved.map((e) => e.slug)).toEqual(["sol-daily-2026-11-30"])
        expect(resolved[0]!.predictionMarkets[0]!.marketSymbol).toBe("SOLABOVE200D1130_USDC_PREDICTION")

        const trades = yield* Trades.Trades
        const recent = yield* trades.getRecentTrades({ symbol: "SOL_USDC", limit: 3 })
        expect(recent.length).toBe(3)
        expect((yield* trades.getHistoricalTrades({ symbol: "SOL_USDC", limit: 2, offset: 1 })).length).toBe(2)
        const funding = yield* (yield* Funding.Funding).getFundingRates({ symbol: "SOL_USDC_PERP" })
        expect(funding.every((f) => f.symbol === "SOL_USDC_PERP")).toBe(true)
      })
    ))

  it.effect("account, capital, orders with triggers and TP/SL, positions, order and fill history", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        const account = yield* Account.Account
        yield* account.updateAccountSettings({ leverageLimit: "10" })
        expect(eq((yield* account.getAccount()).leverageLimit, "10")).toBe(true)
        const maxOrder = yield* account.getMaxOrderQuantity({ symbol: "SOL_USDC", side: "Ask" })
        expect(eq(maxOrder.maxOrderQuantity, "50")).toBe(true)
        expect(eq((yield* account.getMaxWithdrawalQuantity({ symbol: "USDC" })).maxWithdrawalQuantity, "20000")).toBe(
          true
        )
        const maxBorrow = yield* account.getMaxBorrowQuantity({ symbol: "USDC" })
        // (20000 USDC + 50 SOL × mark × 0.9) / USDC borrow IMF 0.1
        expect(gt(maxBorrow.maxBorrowQuantity, "200000")).toBe(true)

        const capital = yield* Capital.Capital
        expect(eq((yield* capital.getBalances()).SOL!.available, "50")).toBe(true)
        expect(gt((yield* capital.getCollateral()).netEquity, "20000")).toBe(true)
        expect((yield* capital.getDeposits()).length).toBe(2)
        expect((yield* capital.getDepositAddress({ blockchain: "Ethereum" })).address).toMatch(/^0x[0-9a-f]{40}$/)
        const w = yield* capital.requestWithdrawal({
          address: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
          blockchain: "Solana",
          symbol: "USDC",
          quantity: "10"
        })
        expect((yield* capital.getWithdrawals()).map((x) => x.id)).toEqual([w.id])

        const orders = yield* Orders.Orders
        // a resting limit, a batch, then a stop order waiting for the perp's mark price
        const resting = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "100",
          quantity: "1",
          clientId: 7
        })
        expect(resting.status).toBe("New")
        const batch = yield* orders.executeOrders([
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "101", quantity: "1" },
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "0.001", quantity: "1" }
        ])
        expect(batch.map((r) => (Orders.isBatchOrderError(r) ? r.code : r.status))).toEqual(["New", "INVALID_PRICE"])
        yield* sim.setMarkPrice("SOL_USDC_PERP", "180")
        const stop = yield* orders.executeOrder({
          symbol: "SOL_USDC_PERP",
          side: "Bid",
          orderType: "Market",
          triggerPrice: "190",
          triggerQuantity: "1",
          triggerBy: "MarkPrice"
        })
        expect(stop.status).toBe("TriggerPending")
        expect(eq(stop.triggerPrice, "190")).toBe(true)
        const found = yield* orders.getOrder({ symbol: "SOL_USDC_PERP", orderId: stop.id })
        expect(found.status).toBe("TriggerPending")
        expect((yield* orders.getOpenOrders()).map((o) => o.id).sort()).toEqual(
          [resting.id, Orders.isBatchOrderError(batch[0]!) ? "" : batch[0]!.id, stop.id].sort()
        )
        expect((yield* account.getAccount()).triggerOrders).toBe(1)
        // the mark crosses the trigger: the order fires under its own id and opens a position
        yield* sim.setMarkPrice("SOL_USDC_PERP", "190.5")
        const positions = yield* (yield* Positions.Positions).getPositions()
        expect(positions.map((p) => [p.symbol, BigDecimal.format(p.netQuantity)])).toEqual([["SOL_USDC_PERP", "1"]])
        const history = yield* History.History
        const fired = (yield* history.getOrderHistory({ orderId: stop.id }))[0]!
        expect([fired.orderType, fired.status]).toEqual(["Market", "Filled"])
        expect((yield* history.getFills({ orderId: stop.id })).length).toBeGreaterThan(0)

        // take-profit / stop-loss attached to an order; cancelling conditionals by type
        const withTpSl = yield* orders.executeOrder({
          symbol: "SOL_USDC_PERP",
          side: "Bid",
          orderType: "Market",
          quantity: "1",
          takeProfitTriggerPrice: "250",
          stopLossTriggerPrice: "150",
          stopLossLimitPrice: "149"
        })
        expect(eq(withTpSl.takeProfitTriggerPrice, "250")).toBe(true)
        expect(eq(withTpSl.stopLossLimitPrice, "149")).toBe(true)
        const conditional = (yield* orders.getOpenOrders({ symbol: "SOL_USDC_PERP" })).filter((o) =>
          o.status === "TriggerPending"
        )
        expect(conditional.map((o) => o.relatedOrderId)).toEqual([withTpSl.id, withTpSl.id])
        const cancelled = yield* orders.cancelOpenOrders({ symbol: "SOL_USDC_PERP", orderType: "ConditionalOrder" })
        expect(Array.isArray(cancelled) && cancelled.map((o) => o.status)).toEqual(["Cancelled", "Cancelled"])
        // the cancelled take-profit and stop-loss stay in the order history with their triggers
        const cancelledRows = (yield* history.getOrderHistory({ symbol: "SOL_USDC_PERP" })).filter((o) =>
          o.status === "Cancelled"
        )
        expect(cancelledRows.map((o) => [o.orderType, o.triggerPrice && BigDecimal.format(o.triggerPrice)])).toEqual([
          ["Limit", "150"],
          ["Market", "250"]
        ])
        const one = yield* orders.cancelOrder({ symbol: "SOL_USDC", clientId: 7 })
        expect("status" in one && one.status).toBe("Cancelled")
      })
    ))

  it.effect("borrow / lend: lend, borrow, hourly interest, positions, movements, margin", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        const lending = yield* BorrowLend.BorrowLend
        const markets = yield* lending.getBorrowLendMarkets()
        expect(markets.map((m) => m.symbol)).toEqual(["USDC", "SOL", "BTC", "ETH"])
        expect(eq(markets[0]!.lentQuantity, "5000000")).toBe(true)
        yield* lending.executeBorrowLend({ symbol: "SOL", side: "Lend", quantity: "10" })
        yield* lending.executeBorrowLend({ symbol: "USDC", side: "Borrow", quantity: "1000" })
        const positions = yield* lending.getBorrowLendPositions()
        expect(positions.map((p) => [p.symbol, BigDecimal.format(p.netQuantity)]).sort()).toEqual([
          ["SOL", "10"],
          ["USDC", "-1000"]
        ])
        const collateral = yield* (yield* Capital.Capital).getCollateral()
        expect(eq(collateral.borrowLiability, "1000")).toBe(true)
        expect(eq(collateral.collateral.find((c) => c.symbol === "SOL")!.lendQuantity, "10")).toBe(true)
        const apy = yield* lending.getApyRates()
        const usdcRate = apy.borrowLend.find((r) => r.symbol === "USDC")!
        expect(gt(usdcRate.borrowRate, "0.02")).toBe(true)
        const estimate = yield* lending.getEstimatedLiquidationPrice({
          borrow: { symbol: "SOL", side: "Borrow", quantity: "1" }
        })
        expect(gt(estimate.liquidationPrice, "0")).toBe(true)

        yield* advance(sim, 3_600_000)
        const interest = yield* (yield* History.History).getInterestHistory()
        // nobody borrows SOL, so the SOL lend earns nothing (lend rate = borrow rate × utilisation × 0.8)
        expect(interest.map((i) => [i.symbol, i.paymentType])).toEqual([["USDC", "Borrow"]])
        expect(eq(apy.borrowLend.find((r) => r.symbol === "SOL")!.lendRate, "0")).toBe(true)
        expect(BigDecimal.lessThan(interest.find((i) => i.symbol === "USDC")!.quantity, dec("0"))).toBe(true)
        const history = yield* lending.getBorrowLendMarketsHistory({ interval: "1d", symbol: "USDC" })
        expect(history.length).toBeGreaterThanOrEqual(2)

        // repay the borrow (interest included) through a Lend of more than owed
        yield* lending.executeBorrowLend({ symbol: "USDC", side: "Lend", quantity: "1100" })
        const movements = yield* (yield* History.History).getBorrowLendHistory({ symbol: "USDC", sortDirection: "Asc" })
        expect(movements.map((m) => m.eventType)).toEqual(["Borrow", "BorrowRepay", "Lend"])
        const rows = yield* (yield* History.History).getBorrowLendPositionHistory({
          symbol: "USDC",
          sortDirection: "Asc"
        })
        expect(rows.map((r) => r.side)).toEqual(["Borrow", "Lend"])
        expect(BigDecimal.lessThan(rows[0]!.cumulativeInterest, dec("0"))).toBe(true)
      })
    ))

  it.effect("RFQ: a second account quotes, the requester refreshes, accepts; cancel; every RFQ history", () =>
    withSdk((sim, as) =>
      Effect.gen(function*() {
        const maker = yield* sim.createAccount({ balances: { SOL: "100", USDC: "100000" } })
        const rfq = yield* Rfq.Rfq
        const request = yield* rfq.submitRfq({ symbol: "SOL_USDC", side: "Bid", quantity: "2", clientId: 5 })
        expect(request.status).toBe("New")
        expect(BigInt(request.rfqId) > 2n ** 53n).toBe(true)
        const quote = yield* as(
          maker.apiSecret,
          Effect.flatMap(Rfq.Rfq, (r) => r.submitQuote({ rfqId: request.rfqId, bidPrice: "170", askPrice: "171" }))
        )
        expect(eq(quote.askPrice, "171")).toBe(true)
        const open = yield* rfq.getOpenRfqs()
        expect(open.map((o) => o.quotes.length)).toEqual([2]) // the simulator's quoter and the maker
        const refreshed = yield* rfq.refreshRfq({ rfqId: request.rfqId })
        expect(refreshed.submissionTime).toBeGreaterThanOrEqual(request.submissionTime)
        const accepted = yield* rfq.acceptQuote({ quoteId: quote.quoteId, rfqId: request.rfqId })
        expect(accepted.status).toBe("Filled")
        const balances = yield* (yield* Capital.Capital).getBalances()
        expect(eq(balances.USDC!.available, "19658")).toBe(true) // 20000 − 2 × 171
        expect(eq(balances.SOL!.available, "51.999")).toBe(true) // +2 less the 5 bps taker fee

        const other = yield* rfq.submitRfq({ symbol: "SOL_USDC", side: "Ask", quoteQuantity: "100", clientId: 6 })
        expect((yield* rfq.cancelRfq({ clientId: 6 })).status).toBe("Cancelled")
        const history = yield* History.History
        expect((yield* history.getRfqHistory({ sortDirection: "Asc" })).map((r) => [r.rfqId, r.status])).toEqual([
          [request.rfqId, "Filled"],
          [other.rfqId, "Cancelled"]
        ])
        const fills = yield* history.getRfqFillHistory()
        expect(fills.map((f) => [f.quoteId, BigDecimal.format(f.fillPrice)])).toEqual([[quote.quoteId, "171"]])
        const makerView = yield* as(
          maker.apiSecret,
          Effect.gen(function*() {
            const h = yield* History.History
            return { quotes: yield* h.getQuoteHistory(), fills: yield* h.getQuoteFillHistory() }
          })
        )
        expect(makerView.quotes.map((q) => [q.quoteId, q.status])).toEqual([[quote.quoteId, "Filled"]])
        expect(makerView.fills.map((f) => [f.side, BigDecimal.format(f.fee)])).toEqual([["Ask", "0.0684"]])
      })
    ))

  it.effect("strategies: a scheduled buy places a slice per interval; query, cancel, cancel all, history", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        const strategies = yield* Strategies.Strategies
        const twap = yield* strategies.createStrategy({
          symbol: "SOL_USDC",
          side: "Bid",
          strategyType: "Scheduled",
          quantity: "3",
          duration: 180_000,
          interval: 60_000,
          clientStrategyId: 11
        })
        expect(twap.status).toBe("Running")
        expect(eq(twap.executedQuantity, "1")).toBe(true)
        expect((yield* strategies.getStrategy({ symbol: "SOL_USDC", clientStrategyId: 11 })).id).toBe(twap.id)
        yield* advance(sim, 60_000)
        const running = yield* strategies.getOpenStrategies({ symbol: "SOL_USDC" })
        expect(running.map((s) => BigDecimal.format(s.executedQuantity))).toEqual(["2"])
        const children = yield* (yield* History.History).getOrderHistory({ strategyId: twap.id })
        expect(children.length).toBe(2)
        const cancelled = yield* strategies.cancelStrategy({ symbol: "SOL_USDC", strategyId: twap.id })
        expect("status" in cancelled && cancelled.status).toBe("Cancelled")
        const resting = yield* strategies.createStrategy({
          symbol: "SOL_USDC",
          side: "Bid",
          strategyType: "Scheduled",
          quantity: "2",
          price: "150", // below the book, inside the price band
          duration: 120_000,
          interval: 60_000
        })
        const all = yield* strategies.cancelOpenStrategies({ symbol: "SOL_USDC" })
        expect(Array.isArray(all) && all.map((s) => [s.id, s.status])).toEqual([[resting.id, "Cancelled"]])
        const history = yield* (yield* History.History).getStrategiesHistory({ sortDirection: "Asc" })
        expect(history.map((s) => [s.id, s.status])).toEqual([[twap.id, "Cancelled"], [resting.id, "Cancelled"]])
      })
    ))

  it.effect("vaults: mint at NAV, redeem after the delay, cancel, the vault's own NAV and pending redeems", () =>
    withSdk((sim, as) =>
      Effect.gen(function*() {
        const vaults = yield* Vaults.Vaults
        const [vault] = yield* vaults.getVaults()
        expect([vault!.id, vault!.vaultToken, vault!.redeemDelayMs]).toEqual([1, "SIMVLT", 60_000])
        yield* vaults.mintVault({ vaultId: 1, symbol: "USDC", quantity: "1000" })
        expect(eq((yield* (yield* Capital.Capital).getBalances()).SIMVLT!.available, "1000")).toBe(true)
        yield* vaults.redeemVault({ vaultId: 1, vaultTokenQuantity: "400" })
        const own = yield* as(
          (yield* sim.vaultAccount(1)).apiSecret,
          Effect.gen(function*() {
            const v = yield* Vaults.Vaults
            return { nav: yield* v.getVaultNav(), pending: yield* v.getVaultPendingRedeems({ vaultId: 1 }) }
          })
        )
        expect(eq(own.nav.nav, "1")).toBe(true)
        expect(eq(own.nav.tokenCirculatingSupply, "1000")).toBe(true)
        expect(own.pending.map((r) => [r.status, BigDecimal.format(r.vaultTokenQuantity)])).toEqual([[
          "Requested",
          "400"
        ]])
        yield* advance(sim, 61_000)
        const balances = yield* (yield* Capital.Capital).getBalances()
        expect(eq(balances.SIMVLT!.total, "600")).toBe(true)
        expect(eq(balances.USDC!.available, "19400")).toBe(true)
        yield* vaults.redeemVault({ vaultId: 1 })
        yield* vaults.cancelVaultRedeem({ vaultId: 1 })
        expect(eq((yield* (yield* Capital.Capital).getBalances()).SIMVLT!.available, "600")).toBe(true)
        const history = yield* vaults.getVaultHistory({ interval: "1d", vaultId: 1 })
        expect(history.length).toBeGreaterThan(0)
        expect(history.every((h) => h.vaultId === 1)).toBe(true)
      })
    ))

  it.effect("dust, withdrawal delay, positions, funding, settlement and position history", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        const capital = yield* Capital.Capital
        const history = yield* History.History
        yield* (yield* Orders.Orders).executeOrder({
          symbol: "ETH_USDC",
          side: "Bid",
          orderType: "Market",
          quantity: "0.0002"
        })
        yield* capital.convertDust({ symbol: "ETH" })
        const dust = yield* history.getDustHistory()
        expect(dust.map((d) => [d.symbol, BigDecimal.format(d.quantity)])).toEqual([["ETH", "0.0001999"]])
        expect(gt(dust[0]!.usdcReceived, "0.5")).toBe(true)

        expect(Option.isNone(yield* capital.getWithdrawalDelay())).toBe(true)
        yield* capital.createWithdrawalDelay({ withdrawalDelayHours: 24, twoFactorToken: "000000" })
        const delay = yield* capital.getWithdrawalDelay()
        expect(Option.getOrThrow(delay).currentWithdrawalDelayHours).toBe(24)
        const lowered = yield* capital.updateWithdrawalDelay({ withdrawalDelayHours: 2, twoFactorToken: "000000" })
        expect([lowered.currentWithdrawalDelayHours, lowered.pendingWithdrawalDelayHours]).toEqual([24, 2])
        const held = yield* capital.requestWithdrawal({
          address: "x1",
          blockchain: "Solana",
          symbol: "USDC",
          quantity: "5"
        })
        expect(held.status).toBe("pending")

        const orders = yield* Orders.Orders
        yield* orders.executeOrder({ symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "2" })
        yield* sim.settleFunding("SOL_USDC_PERP")
        expect((yield* (yield* Funding.Funding).getFundingPayments()).length).toBe(1)
        yield* orders.executeOrder({ symbol: "SOL_USDC_PERP", side: "Ask", orderType: "Market", quantity: "2" })
        const rows = yield* history.getPositionHistory({ symbol: "SOL_USDC_PERP" })
        expect(rows.map((r) => [r.state, BigDecimal.format(r.closedVolume)])).toEqual([["Closed", "2"]])
        const settlements = yield* history.getSettlementHistory({ sortDirection: "Asc" })
        expect(settlements.map((s) => s.source)).toEqual(
          expect.arrayContaining(["TradingFees", "FundingPayment", "RealizePnl"])
        )
        expect((yield* history.getSettlementHistory({ source: "TradingFees" })).length).toBe(2)
      })
    ))

  it("every operation of the spec succeeded at least once above", () => {
    const all = Endpoints.all.map((e) => e.name).sort()
    expect(all.length).toBe(81)
    expect(all.filter((name) => !succeeded.has(name))).toEqual([])
  })
})

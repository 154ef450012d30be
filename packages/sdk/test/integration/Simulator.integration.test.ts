/**
 * The SDK end to end against the simulator (127.0.0.1, port 0): undici, the Node signer, real
 * timestamps and signatures, the executor's decoding. Covers every endpoint the simulator implements
 * except order placement (see Orders.integration.test.ts), and the authentication failures.
 */
import type { Backpack } from "@effect-backpack/sdk"
import {
  Account,
  Assets,
  Capital,
  Funding,
  History,
  Markets,
  Orders,
  Positions,
  System,
  Trades
} from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Layer, Option, Redacted } from "effect"

const dec = (s: string) => BigDecimal.unsafeFromString(s)
const eq = (a: BigDecimal.BigDecimal, b: string) => BigDecimal.equals(a, dec(b))

/** A fresh simulator and a funded trader; `body` runs with the SDK wired as that trader. */
const withSdk = <A, E, R extends Backpack.Services>(
  body: (sim: Simulator.SimulatorService, trader: Simulator.AccountCredentials) => Effect.Effect<A, E, R>,
  options: { readonly secret?: string; readonly liquidity?: boolean } = {}
) =>
  Effect.scoped(
    Effect.gen(function*() {
      const sim = yield* Simulator.make({
        seed: 11,
        rateLimits: false,
        demoAccount: false,
        liquidity: options.liquidity ?? true
      })
      const trader = yield* sim.createAccount({ balances: { USDC: "5000", SOL: "20" } })
      const sdk = BackpackNode.layer({
        host: sim.url,
        wsUrl: sim.wsUrl,
        apiSecret: Redacted.make(options.secret ?? trader.apiSecret),
        retries: 0
      })
      return yield* body(sim, trader).pipe(Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock)))
    })
  )

describe("public endpoints against the simulator", () => {
  it.effect("system: status, ping, time, wallets", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const system = yield* System.System
        expect((yield* system.getStatus()).status).toBe("Ok")
        expect(yield* system.ping()).toBe("pong")
        const time = yield* system.getTime()
        expect(Math.abs(time - Date.now())).toBeLessThan(60_000)
        const wallets = yield* system.getWallets()
        expect(wallets.length).toBeGreaterThan(0)
        expect(wallets.every((w) => w.address.length > 0)).toBe(true)
      })
    ))

  it.effect("assets and collateral parameters", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const assets = yield* Assets.Assets
        const list = yield* assets.getAssets()
        expect(list.map((a) => a.symbol)).toEqual(expect.arrayContaining(["SOL", "USDC", "BTC", "ETH"]))
        const collateral = yield* assets.getCollateralParameters()
        expect(collateral.length).toBeGreaterThan(0)
      })
    ))

  it.effect("markets, market, tickers, depth, klines, mark prices, open interest, funding rates", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const markets = yield* Markets.Markets
        const all = yield* markets.getMarkets()
        expect(all.map((m) => m.symbol).sort()).toEqual([
          "BTC_USDC",
          "BTC_USDC_PERP",
          "ETH_USDC",
          "ETH_USDC_PERP",
          "SOL_USDC",
          "SOL_USDC_PERP"
        ])
        const perps = yield* markets.getMarkets({ marketType: ["PERP"] })
        expect(perps.every((m) => m.marketType === "PERP")).toBe(true)
        const sol = yield* markets.getMarket({ symbol: "SOL_USDC" })
        expect(eq(sol.filters.price.tickSize, "0.01")).toBe(true)
        expect(eq(sol.filters.quantity.stepSize, "0.01")).toBe(true)

        const depth = yield* markets.getDepth({ symbol: "SOL_USDC", limit: "10" })
        expect(depth.bids.length).toBe(10)
        expect(depth.asks.length).toBe(10)
        expect(typeof depth.lastUpdateId).toBe("bigint")
        // sorted best first and never crossed
        for (let i = 1; i < depth.bids.length; i++) {
          expect(BigDecimal.greaterThan(depth.bids[i - 1]![0], depth.bids[i]![0])).toBe(true)
          expect(BigDecimal.lessThan(depth.asks[i - 1]![0], depth.asks[i]![0])).toBe(true)
        }
        expect(BigDecimal.lessThan(depth.bids[0]![0], depth.asks[0]![0])).toBe(true)

        const ticker = yield* markets.getTicker({ symbol: "SOL_USDC" })
        expect(Option.isSome(ticker)).toBe(true)
        const tickers = yield* markets.getTickers()
        expect(tickers.length).toBeGreaterThanOrEqual(1)

        const klines = yield* markets.getKlines({
          symbol: "SOL_USDC",
          interval: "1m",
          startTime: Math.floor(Date.now() / 1000) - 3600
        })
        expect(klines.length).toBeGreaterThan(0)
        expect(DateTime.toEpochMillis(klines[0]!.start) % 60_000).toBe(0)

        const marks = yield* markets.getMarkPrices()
        expect(marks.map((m) => m.symbol)).toEqual(expect.arrayContaining(["SOL_USDC_PERP"]))
        const oi = yield* markets.getOpenInterest({ symbol: "SOL_USDC_PERP" })
        expect(oi.map((o) => o.symbol)).toEqual(["SOL_USDC_PERP"])
        const funding = yield* (yield* Funding.Funding).getFundingRates({ symbol: "SOL_USDC_PERP" })
        expect(funding.every((f) => f.symbol === "SOL_USDC_PERP")).toBe(true)
      })
    ))

  it.effect("recent and historical trades", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const trades = yield* Trades.Trades
        const recent = yield* trades.getRecentTrades({ symbol: "SOL_USDC", limit: 5 })
        expect(recent.length).toBeGreaterThan(0)
        expect(recent.length).toBeLessThanOrEqual(5)
        const older = yield* trades.getHistoricalTrades({ symbol: "SOL_USDC", limit: 5, offset: 0 })
        expect(older.length).toBeGreaterThan(0)
      })
    ))

  it.effect("the server answers a bad enum in the query with plain text, as the real exchange does", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        // bypass the SDK's own validation to reach the server's parser
        const response = yield* Effect.promise(() =>
          fetch(`${sim.url}/api/v1/klines?symbol=SOL_USDC&interval=1H&startTime=1`)
        )
        expect(response.status).toBe(400)
        expect(yield* Effect.promise(() => response.text())).toContain("KlineInterval")
      })
    ))
})

describe("signed endpoints against the simulator", () => {
  it.effect("account: get and update settings, limits", () =>
    withSdk(() =>
      Effect.gen(function*() {
        const account = yield* Account.Account
        const summary = yield* account.getAccount()
        expect(summary.liquidating).toBe(false)
        yield* account.updateAccountSettings({ leverageLimit: "5" })
        const after = yield* account.getAccount()
        expect(eq(after.leverageLimit, "5")).toBe(true)
        const maxOrder = yield* account.getMaxOrderQuantity({ symbol: "SOL_USDC", side: "Ask" })
        expect(eq(maxOrder.maxOrderQuantity, "20")).toBe(true)
        const maxWithdrawal = yield* account.getMaxWithdrawalQuantity({ symbol: "USDC" })
        expect(eq(maxWithdrawal.maxWithdrawalQuantity, "5000")).toBe(true)
        const maxBorrow = yield* account.getMaxBorrowQuantity({ symbol: "SOL" })
        expect(maxBorrow.symbol).toBe("SOL")
      })
    ))

  it.effect("capital: balances, collateral, deposits (faucet), deposit address, withdrawals", () =>
    withSdk((sim, trader) =>
      Effect.gen(function*() {
        const capital = yield* Capital.Capital
        const balances = yield* capital.getBalances()
        expect(eq(balances.USDC!.available, "5000")).toBe(true)
        expect(eq(balances.SOL!.total, "20")).toBe(true)

        yield* sim.deposit(trader.apiKey, "USDC", "250.5")
        const after = yield* capital.getBalances()
        expect(eq(after.USDC!.available, "5250.5")).toBe(true)
        const deposits = yield* capital.getDeposits({ limit: 10 })
        expect(deposits.some((d) => d.symbol === "USDC" && eq(d.quantity, "250.5"))).toBe(true)

        const collateral = yield* capital.getCollateral()
        expect(BigDecimal.greaterThan(collateral.netEquity, dec("0"))).toBe(true)

        const address = yield* capital.getDepositAddress({ blockchain: "Solana" })
        expect(address.address.length).toBeGreaterThan(0)

        const withdrawal = yield* capital.requestWithdrawal({
          address: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
          blockchain: "Solana",
          symbol: "USDC",
          quantity: "100"
        })
        expect(eq(withdrawal.quantity, "100")).toBe(true)
        const withdrawals = yield* capital.getWithdrawals({ limit: 10 })
        expect(withdrawals.map((w) => w.id)).toContain(withdrawal.id)
      })
    ))

  it.effect("history: fills and order history after a trade; positions and funding on a perp", () =>
    withSdk((sim, trader) =>
      Effect.gen(function*() {
        const orders = yield* Orders.Orders
        const history = yield* History.History
        const taker = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Market",
          quantity: "1"
        })
        expect(taker.status).toBe("Filled")
        const fills = yield* history.getFills({ symbol: "SOL_USDC" })
        expect(fills.length).toBeGreaterThan(0)
        expect(fills.every((f) => f.orderId === taker.id)).toBe(true)
        const filled = fills.reduce((sum, f) => BigDecimal.sum(sum, f.quantity), dec("0"))
        expect(eq(filled, "1")).toBe(true)
        const orderHistory = yield* history.getOrderHistory({ symbol: "SOL_USDC" })
        expect(orderHistory.map((o) => o.id)).toContain(taker.id)

        // open a perp position, then settle funding
        yield* orders.executeOrder({ symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "2" })
        const positions = yield* (yield* Positions.Positions).getPositions()
        const sol = positions.find((p) => p.symbol === "SOL_USDC_PERP")
        expect(sol && eq(sol.netQuantity, "2")).toBe(true)
        yield* sim.setFundingRate("SOL_USDC_PERP", "0.0001")
        yield* sim.settleFunding("SOL_USDC_PERP")
        const payments = yield* (yield* Funding.Funding).getFundingPayments({ symbol: "SOL_USDC_PERP" })
        expect(payments.length).toBe(1)
        // a long pays positive funding
        expect(BigDecimal.lessThan(payments[0]!.quantity, dec("0"))).toBe(true)
        expect(trader.apiKey.length).toBe(44)
      })
    ))
})

describe("authentication against the simulator", () => {
  it.effect("a key the exchange does not know → AuthenticationError", () =>
    withSdk(
      () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip((yield* Capital.Capital).getBalances())
          expect(error._tag).toBe("AuthenticationError")
          if (error._tag === "AuthenticationError") expect(error.status).toBe(401)
        }),
      { secret: Buffer.alloc(32, 3).toString("base64") }
    ))

  it.effect("a server clock 120 s ahead: the expired request is re-signed after measuring the clock, once", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        yield* sim.faults.setClockOffset(120_000)
        const balances = yield* (yield* Capital.Capital).getBalances()
        expect(eq(balances.USDC!.available, "5000")).toBe(true)
        // the measured offset stays: later signed calls pass at once
        const again = yield* (yield* Capital.Capital).getBalances()
        expect(eq(again.USDC!.available, "5000")).toBe(true)
      })
    ))

  it.effect("System.syncClock fixes a skewed clock so signed calls pass again", () =>
    withSdk((sim) =>
      Effect.gen(function*() {
        yield* sim.faults.setClockOffset(120_000)
        const offset = yield* (yield* System.System).syncClock
        expect(offset).toBeGreaterThan(110_000)
        const balances = yield* (yield* Capital.Capital).getBalances()
        expect(eq(balances.USDC!.available, "5000")).toBe(true)
      })
    ))

  it.effect("public endpoints work without any secret", () =>
    Effect.scoped(
      Effect.gen(function*() {
        const sim = yield* Simulator.make({ seed: 3, rateLimits: false, demoAccount: false })
        const publicOnly = BackpackNode.layer({ host: sim.url })
        const list = yield* Effect.flatMap(Markets.Markets, (m) => m.getMarkets()).pipe(Effect.provide(publicOnly))
        expect(list.length).toBe(6)
        const error = yield* Effect.flip(
          Effect.flatMap(Capital.Capital, (c) => c.getBalances()).pipe(Effect.provide(publicOnly))
        )
        expect(error._tag).toBe("AuthenticationError")
        expect(error.message).toContain("no API secret")
      })
    ))
})

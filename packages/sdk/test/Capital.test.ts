import { Capital } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Layer, Option, Redacted } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

const dec = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)
const iso = (value: DateTime.Utc | undefined) => value === undefined ? undefined : DateTime.formatIso(value)

/** §9's live withdrawal answer. */
const liveWithdrawal = {
  accountIdentifier: null,
  bankIdentifier: null,
  bankName: null,
  blockchain: "Ethereum",
  clientId: null,
  createdAt: "2025-08-13T19:27:13.817",
  fee: "3",
  fiatFee: null,
  fiatState: null,
  fiatSymbol: null,
  id: 5479929,
  identifier: null,
  isInternal: false,
  providerId: null,
  quantity: "10",
  status: "pending",
  subaccountId: null,
  symbol: "USDC",
  toAddress: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
  transactionHash: null,
  triggerAt: null
}

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Capital", (it) => {
  it.effect("getBalances decodes the live asset map and sums total", () => {
    http.respond(() => ({
      body: {
        ETH: { available: "0.0019918", locked: "0", staked: "0" },
        USDC: { available: "112.847976936", locked: "2.5", staked: "0.1" }
      }
    }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const balances = yield* capital.getBalances()
        expect(Object.keys(balances).sort()).toEqual(["ETH", "USDC"])
        expect(dec(balances.ETH!.available)).toBe("0.0019918")
        expect(dec(balances.USDC!.available)).toBe("112.847976936")
        expect(balances.USDC!.total).toEqual(BigDecimal.unsafeFromString("115.447976936"))
        expect(balances.USDC).toBeInstanceOf(Capital.Balance)
        const request = http.requests[0]!
        expect(request.method).toBe("GET")
        expect(request.url.href).toBe("https://api.test/api/v1/capital")
        const message = expectSigned(request, "balanceQuery", {})
        expect(message).toMatch(/^instruction=balanceQuery&timestamp=\d+&window=5000$/)
      }))
  })

  it.effect("getCollateral sends subaccountId and decodes the margin summary", () => {
    http.respond(() => ({
      body: {
        assetsValue: "1000.5",
        borrowLiability: "0",
        collateral: [{
          symbol: "SOL",
          assetMarkPrice: "180.12",
          totalQuantity: "2",
          balanceNotional: "360.24",
          collateralWeight: "0.9",
          collateralValue: "324.216",
          openOrderQuantity: "0",
          lendQuantity: "1",
          availableQuantity: "1"
        }],
        imf: "0.02",
        unsettledEquity: "0",
        liabilitiesValue: "0",
        marginFraction: null,
        mmf: "0.0125",
        netEquity: "1000.5",
        netEquityAvailable: "990",
        netEquityLocked: "10.5",
        netExposureFutures: "0",
        pnlUnrealized: "-0.000001"
      }
    }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const summary = yield* capital.getCollateral({ subaccountId: 3 })
        expect(summary.marginFraction).toBeUndefined()
        expect(dec(summary.pnlUnrealized)).toBe("-0.000001")
        expect(summary.collateral.map((c) => [c.symbol, dec(c.collateralValue)])).toEqual([["SOL", "324.216"]])
        const request = http.requests[0]!
        expect(request.path).toBe("/api/v1/capital/collateral")
        expect(request.query).toEqual({ subaccountId: "3" })
        expectSigned(request, "collateralQuery", { subaccountId: 3 })
      }))
  })

  it.effect("getDeposits sends the filters and decodes deposits (fiatAmount number kept exact)", () => {
    http.respond(() => ({
      body: [{
        id: 120,
        toAddress: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
        fromAddress: null,
        source: "solana",
        status: "confirmed",
        transactionHash: "5h3x",
        symbol: "USDC",
        quantity: "250.000001",
        createdAt: "2025-07-27T18:05:40.897",
        fiatAmount: 1234.56,
        fiatCurrency: "EUR",
        institutionBic: null,
        platformMemo: null
      }]
    }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const deposits = yield* capital.getDeposits({
          from: 1753000000000,
          to: 1754000000000,
          limit: 50,
          offset: 100,
          excludePlatform: true
        })
        expect(deposits).toHaveLength(1)
        const deposit = deposits[0]!
        expect(deposit.id).toBe(120)
        expect(deposit.source).toBe("solana")
        expect(dec(deposit.quantity)).toBe("250.000001")
        expect(dec(deposit.fiatAmount)).toBe("1234.56")
        expect(deposit.fromAddress).toBeUndefined()
        expect(iso(deposit.createdAt)).toBe("2025-07-27T18:05:40.897Z")
        const request = http.requests[0]!
        expect(request.path).toBe("/wapi/v1/capital/deposits")
        expect(request.query).toEqual({
          from: "1753000000000",
          to: "1754000000000",
          limit: "50",
          offset: "100",
          excludePlatform: "true"
        })
        expectSigned(request, "depositQueryAll", {
          from: 1753000000000,
          to: 1754000000000,
          limit: 50,
          offset: 100,
          excludePlatform: true
        })
      }))
  })

  it.effect("getDeposits rejects a reversed time range and an oversized page before sending", () => {
    http.respond(() => ({ body: [] }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const reversed = yield* Effect.flip(capital.getDeposits({ from: 2000, to: 1000 }))
        expect(reversed._tag).toBe("ValidationError")
        if (reversed._tag === "ValidationError") expect(reversed.field).toBe("to")
        const oversized = yield* Effect.flip(capital.getDeposits({ limit: 5000 }))
        expect(oversized._tag).toBe("ValidationError")
        if (oversized._tag === "ValidationError") expect(oversized.field).toBe("limit")
        expect(http.requests.length).toBe(0)
      }))
  })

  it.effect("getDepositAddress sends the chain and validates the Blockchain enum", () => {
    http.respond(() => ({ body: { address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749" } }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const bad = yield* Effect.flip(capital.getDepositAddress({ blockchain: "ethereum" as any }))
        expect(bad._tag).toBe("ValidationError")
        if (bad._tag === "ValidationError") expect(bad.field).toBe("blockchain")
        expect(http.requests.length).toBe(0)
        const address = yield* capital.getDepositAddress({ blockchain: "Ethereum" })
        expect(address.address).toBe("0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749")
        const request = http.requests[0]!
        expect(request.method).toBe("GET")
        expect(request.path).toBe("/wapi/v1/capital/deposit/address")
        expect(request.query).toEqual({ blockchain: "Ethereum" })
        expectSigned(request, "depositAddressQuery", { blockchain: "Ethereum" })
      }))
  })

  it.effect("getWithdrawals sends a string clientId and decodes the live withdrawal", () => {
    http.respond(() => ({ body: [liveWithdrawal] }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const rows = yield* capital.getWithdrawals({ clientId: "payout-7", limit: 10 })
        const withdrawal = rows[0]!
        expect(withdrawal.id).toBe(5479929)
        expect(withdrawal.blockchain).toBe("Ethereum")
        expect(dec(withdrawal.quantity)).toBe("10")
        expect(dec(withdrawal.fee)).toBe("3")
        expect(withdrawal.status).toBe("pending")
        expect(withdrawal.isInternal).toBe(false)
        expect(withdrawal.triggerAt).toBeUndefined()
        expect(iso(withdrawal.createdAt)).toBe("2025-08-13T19:27:13.817Z")
        const request = http.requests[0]!
        expect(request.path).toBe("/wapi/v1/capital/withdrawals")
        expect(request.query).toEqual({ clientId: "payout-7", limit: "10" })
        expectSigned(request, "withdrawalQueryAll", { clientId: "payout-7", limit: 10 })
      }))
  })

  it.effect("requestWithdrawal posts the exact body (nested snake_case recipient) and decodes the answer", () => {
    http.respond(() => ({ body: { ...liveWithdrawal, clientId: "payout-8", quantity: "10.50" } }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const withdrawal = yield* capital.requestWithdrawal({
          address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
          blockchain: "Ethereum",
          symbol: "USDC",
          quantity: "10.50",
          clientId: "payout-8",
          autoBorrow: false,
          recipientInformation: { withdrawal_address_id: 42, sanctions_representation: true }
        })
        expect(withdrawal.clientId).toBe("payout-8")
        expect(withdrawal.quantity).toEqual(BigDecimal.unsafeFromString("10.5"))
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/wapi/v1/capital/withdrawals")
        const body = {
          address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
          blockchain: "Ethereum",
          symbol: "USDC",
          quantity: "10.50",
          clientId: "payout-8",
          autoBorrow: false,
          recipientInformation: { withdrawal_address_id: 42, sanctions_representation: true }
        }
        expect(request.json).toEqual(body)
        expect(request.headers["content-type"]).toContain("application/json")
        const message = expectSigned(request, "withdraw", body)
        expect(message).toContain(
          "&recipientInformation={\"withdrawal_address_id\":42,\"sanctions_representation\":true}&"
        )
        expect(message).toContain("&quantity=10.50&")
      }))
  })

  it.effect("requestWithdrawal sends a BigDecimal quantity in fixed point", () => {
    http.respond(() => ({ body: liveWithdrawal }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        yield* capital.requestWithdrawal({
          address: "addr",
          blockchain: "Solana",
          symbol: "SOL",
          quantity: BigDecimal.unsafeFromString("1e-8")
        })
        expect((http.requests[0]!.json as { quantity: string }).quantity).toBe("0.00000001")
      }))
  })

  it.effect("requestWithdrawal rejects a zero quantity, a numeric clientId and a bad chain without sending", () => {
    http.respond(() => ({ body: liveWithdrawal }))
    const base = { address: "addr", blockchain: "Solana", symbol: "SOL", quantity: "1" } as const
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const zero = yield* Effect.flip(capital.requestWithdrawal({ ...base, quantity: "0" }))
        expect(zero._tag === "ValidationError" && zero.field).toBe("quantity")
        const negative = yield* Effect.flip(capital.requestWithdrawal({ ...base, quantity: "-5" }))
        expect(negative._tag === "ValidationError" && negative.field).toBe("quantity")
        const numericClientId = yield* Effect.flip(capital.requestWithdrawal({ ...base, clientId: 7 as any }))
        expect(numericClientId._tag === "ValidationError" && numericClientId.field).toBe("clientId")
        const chain = yield* Effect.flip(capital.requestWithdrawal({ ...base, blockchain: "Solana2" as any }))
        expect(chain._tag === "ValidationError" && chain.field).toBe("blockchain")
        const recipient = yield* Effect.flip(
          capital.requestWithdrawal({ ...base, recipientInformation: { withdrawal_address_id: 1.5 } })
        )
        expect(recipient._tag === "ValidationError" && recipient.field).toBe(
          "recipientInformation.withdrawal_address_id"
        )
        expect(http.requests.length).toBe(0)
      }))
  })

  it.effect("convertDust posts the asset (or nothing) and accepts the empty 200", () => {
    http.respond(() => ({ text: "" }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const result = yield* capital.convertDust({ symbol: "BONK" })
        expect(result).toBeUndefined()
        yield* capital.convertDust()
        const [one, all] = http.requests
        expect(one!.method).toBe("POST")
        expect(one!.path).toBe("/api/v1/account/convertDust")
        expect(one!.json).toEqual({ symbol: "BONK" })
        expectSigned(one!, "convertDust", { symbol: "BONK" })
        expect(all!.json).toEqual({})
        expect(expectSigned(all!, "convertDust", {})).toMatch(/^instruction=convertDust&timestamp=/)
      }))
  })

  it.effect("getWithdrawalDelay: 204 is None, 200 is Some", () => {
    http.respond((_, attempt) =>
      attempt === 1
        ? { status: 204 }
        : {
          body: {
            currentWithdrawalDelayHours: 24,
            pendingWithdrawalDelayHours: 48,
            pendingWithdrawalDelayHoursEnabledAt: "2025-09-01T00:00:00"
          }
        }
    )
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        expect(Option.isNone(yield* capital.getWithdrawalDelay())).toBe(true)
        const delay = Option.getOrThrow(yield* capital.getWithdrawalDelay())
        expect(delay.currentWithdrawalDelayHours).toBe(24)
        expect(delay.pendingWithdrawalDelayHours).toBe(48)
        expect(iso(delay.pendingWithdrawalDelayHoursEnabledAt)).toBe("2025-09-01T00:00:00.000Z")
        const request = http.requests[1]!
        expect(request.method).toBe("GET")
        expect(request.path).toBe("/wapi/v1/capital/withdrawals/delay")
        expectSigned(request, "withdrawalDelayQuery", {})
      }))
  })

  it.effect("createWithdrawalDelay posts hours and token; rejects negative hours without sending", () => {
    http.respond(() => ({ text: "" }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const bad = yield* Effect.flip(capital.createWithdrawalDelay({ withdrawalDelayHours: -1, twoFactorToken: "t" }))
        expect(bad._tag === "ValidationError" && bad.field).toBe("withdrawalDelayHours")
        const missing = yield* Effect.flip(capital.createWithdrawalDelay({ withdrawalDelayHours: 24 } as any))
        expect(missing._tag === "ValidationError" && missing.field).toBe("twoFactorToken")
        expect(http.requests.length).toBe(0)
        yield* capital.createWithdrawalDelay({ withdrawalDelayHours: 24, twoFactorToken: "123456" })
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/wapi/v1/capital/withdrawals/delay")
        expect(request.json).toEqual({ withdrawalDelayHours: 24, twoFactorToken: "123456" })
        expectSigned(request, "withdrawalDelayCreate", { withdrawalDelayHours: 24, twoFactorToken: "123456" })
      }))
  })

  it.effect("updateWithdrawalDelay patches and decodes the new delay", () => {
    http.respond(() => ({ body: { currentWithdrawalDelayHours: 24, pendingWithdrawalDelayHours: null } }))
    return Effect.flatMap(Capital.Capital, (capital) =>
      Effect.gen(function*() {
        const delay = yield* capital.updateWithdrawalDelay({ withdrawalDelayHours: 0, twoFactorToken: "654321" })
        expect(delay.currentWithdrawalDelayHours).toBe(24)
        expect(delay.pendingWithdrawalDelayHours).toBeUndefined()
        const request = http.requests[0]!
        expect(request.method).toBe("PATCH")
        expect(request.path).toBe("/wapi/v1/capital/withdrawals/delay")
        expect(request.json).toEqual({ withdrawalDelayHours: 0, twoFactorToken: "654321" })
        expectSigned(request, "withdrawalDelayUpdate", { withdrawalDelayHours: 0, twoFactorToken: "654321" })
      }))
  })
})

describe("Capital against the simulator (127.0.0.1)", () => {
  const withAccount = <A, E>(body: (sim: Simulator.SimulatorService) => Effect.Effect<A, E, Capital.Capital>) =>
    Effect.scoped(
      Effect.gen(function*() {
        const sim = yield* Simulator.make({ seed: 11, rateLimits: false, liquidity: false, demoAccount: false })
        const account = yield* sim.createAccount({ balances: { USDC: "1000.25", SOL: "3" } })
        const sdk = BackpackNode.layer({ host: sim.url, apiSecret: Redacted.make(account.apiSecret), retries: 0 })
        return yield* body(sim).pipe(Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock)))
      })
    )

  it.effect("balances, deposits, a withdrawal (nested recipient signed) and its listing", () =>
    withAccount(() =>
      Effect.gen(function*() {
        const capital = yield* Capital.Capital
        const before = yield* capital.getBalances()
        expect(before.USDC!.total).toEqual(BigDecimal.unsafeFromString("1000.25"))
        expect(before.SOL!.available).toEqual(BigDecimal.unsafeFromString("3"))
        const deposits = yield* capital.getDeposits({ limit: 10 })
        expect(deposits.map((d) => [d.symbol, dec(d.quantity)]).sort()).toEqual([["SOL", "3"], ["USDC", "1000.25"]])
        const address = yield* capital.getDepositAddress({ blockchain: "Solana" })
        expect(address.address.length).toBeGreaterThan(0)
        const withdrawal = yield* capital.requestWithdrawal({
          address: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",
          blockchain: "Solana",
          symbol: "USDC",
          quantity: "100.50",
          clientId: "payout-1",
          recipientInformation: { withdrawal_address_id: 3, withdrawal_purpose: "savings" }
        })
        expect(withdrawal.clientId).toBe("payout-1")
        expect(withdrawal.quantity).toEqual(BigDecimal.unsafeFromString("100.5"))
        const after = yield* capital.getBalances()
        expect(after.USDC!.available).toEqual(
          BigDecimal.subtract(BigDecimal.unsafeFromString("899.75"), withdrawal.fee)
        )
        const listed = yield* capital.getWithdrawals({ clientId: "payout-1" })
        expect(listed.map((w) => w.id)).toEqual([withdrawal.id])
      })
    ))
})

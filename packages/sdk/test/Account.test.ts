import { Account } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

const summary = {
  autoBorrowSettlements: true,
  autoLend: false,
  autoRealizePnl: true,
  autoRepayBorrows: true,
  borrowLimit: "100000",
  futuresMakerFee: "-0.5",
  futuresTakerFee: "8.5",
  leverageLimit: "10",
  limitOrders: 3,
  liquidating: false,
  positionLimit: "1000000",
  spotMakerFee: "8",
  spotTakerFee: "10",
  triggerOrders: 0
}

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Account", (it) => {
  it.effect("getAccount signs accountQuery and decodes fees (basis points) exactly", () => {
    http.respond(() => ({ body: summary }))
    return Effect.gen(function*() {
      const account = yield* (yield* Account.Account).getAccount()
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.url.href).toBe("https://api.test/api/v1/account")
      expect(expectSigned(request, "accountQuery", {})).toMatch(
        /^instruction=accountQuery&timestamp=\d+&window=5000$/
      )
      expect(account).toBeInstanceOf(Account.AccountSummary)
      expect(BigDecimal.format(account.futuresMakerFee)).toBe("-0.5")
      expect(BigDecimal.format(account.futuresTakerFee)).toBe("8.5")
      expect(BigDecimal.format(account.leverageLimit)).toBe("10")
      expect(account.limitOrders).toBe(3)
      expect(account.autoRealizePnl).toBe(true)
    })
  })

  it.effect("getAccount names a missing field in the DecodeError", () => {
    const { spotTakerFee: _, ...partial } = summary
    http.respond(() => ({ body: partial }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Account.Account).getAccount({}))
      expect(error._tag === "DecodeError" && error.path).toBe("spotTakerFee")
    })
  })

  it.effect("updateAccountSettings sends a signed PATCH and accepts the empty 200", () => {
    http.respond(() => ({ status: 200 }))
    return Effect.gen(function*() {
      const result = yield* (yield* Account.Account).updateAccountSettings({
        autoLend: true,
        leverageLimit: "5.0"
      })
      expect(result).toBeUndefined()
      const request = http.requests[0]!
      expect(request.method).toBe("PATCH")
      expect(request.path).toBe("/api/v1/account")
      expect(request.json).toEqual({ autoLend: true, leverageLimit: "5.0" })
      expect(expectSigned(request, "accountUpdate", { autoLend: true, leverageLimit: "5.0" })).toMatch(
        /^instruction=accountUpdate&autoLend=true&leverageLimit=5\.0&timestamp=\d+&window=5000$/
      )
    })
  })

  it.effect("updateAccountSettings refuses an empty update or a bad leverage, sending nothing", () => {
    http.respond(() => ({ status: 200 }))
    return Effect.gen(function*() {
      const account = yield* Account.Account
      const empty = yield* Effect.flip(account.updateAccountSettings({}))
      expect(empty._tag === "ValidationError" && empty.detail).toContain("at least one setting")
      const negative = yield* Effect.flip(account.updateAccountSettings({ leverageLimit: "-2" }))
      expect(negative._tag === "ValidationError" && negative.field).toBe("leverageLimit")
      const wrongType = yield* Effect.flip(account.updateAccountSettings({ autoLend: "yes" as any }))
      expect(wrongType._tag === "ValidationError" && wrongType.field).toBe("autoLend")
      expect(http.requests.length).toBe(0)
    })
  })

  it.effect("getMaxBorrowQuantity takes an asset symbol", () => {
    http.respond(() => ({ body: { maxBorrowQuantity: "12.3456789", symbol: "SOL" } }))
    return Effect.gen(function*() {
      const account = yield* Account.Account
      const max = yield* account.getMaxBorrowQuantity({ symbol: "SOL" })
      const request = http.requests[0]!
      expect(request.url.href).toBe("https://api.test/api/v1/account/limits/borrow?symbol=SOL")
      expectSigned(request, "maxBorrowQuantity", { symbol: "SOL" })
      expect(BigDecimal.format(max.maxBorrowQuantity)).toBe("12.3456789")
      expect(max.symbol).toBe("SOL")
      const market = yield* Effect.flip(account.getMaxBorrowQuantity({ symbol: "SOL_USDC" }))
      expect(market._tag === "ValidationError" && market.field).toBe("symbol")
      expect(http.requests).toHaveLength(1)
    })
  })

  it.effect("getMaxOrderQuantity takes a market, a side and optional flags", () => {
    http.respond(() => ({
      body: {
        autoBorrow: true,
        autoBorrowRepay: null,
        autoLendRedeem: null,
        maxOrderQuantity: "4.20",
        price: "150.25",
        side: "Bid",
        symbol: "SOL_USDC",
        reduceOnly: null
      }
    }))
    return Effect.gen(function*() {
      const account = yield* Account.Account
      const max = yield* account.getMaxOrderQuantity({
        symbol: "SOL_USDC",
        side: "Bid",
        price: "150.25",
        autoBorrow: true
      })
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/account/limits/order")
      expect(request.query).toEqual({ autoBorrow: "true", price: "150.25", side: "Bid", symbol: "SOL_USDC" })
      expect(expectSigned(request, "maxOrderQuantity", {
        symbol: "SOL_USDC",
        side: "Bid",
        price: "150.25",
        autoBorrow: true
      })).toMatch(/^instruction=maxOrderQuantity&autoBorrow=true&price=150\.25&side=Bid&symbol=SOL_USDC&timestamp=/)
      expect(BigDecimal.format(max.maxOrderQuantity)).toBe("4.2")
      expect(BigDecimal.format(max.price!)).toBe("150.25")
      expect(max.autoBorrowRepay).toBeUndefined()
      expect(max.side).toBe("Bid")
      const noSide = yield* Effect.flip(account.getMaxOrderQuantity({ symbol: "SOL_USDC" } as any))
      expect(noSide._tag === "ValidationError" && noSide.field).toBe("side")
      expect(http.requests).toHaveLength(1)
    })
  })

  it.effect("getMaxWithdrawalQuantity takes an asset symbol and flags", () => {
    http.respond(() => ({
      body: { autoBorrow: false, autoLendRedeem: true, maxWithdrawalQuantity: "1000.000001", symbol: "USDC" }
    }))
    return Effect.gen(function*() {
      const max = yield* (yield* Account.Account).getMaxWithdrawalQuantity({ symbol: "USDC", autoLendRedeem: true })
      const request = http.requests[0]!
      expect(request.url.href).toBe(
        "https://api.test/api/v1/account/limits/withdrawal?autoLendRedeem=true&symbol=USDC"
      )
      expectSigned(request, "maxWithdrawalQuantity", { symbol: "USDC", autoLendRedeem: true })
      expect(BigDecimal.format(max.maxWithdrawalQuantity)).toBe("1000.000001")
      expect(max.autoLendRedeem).toBe(true)
    })
  })
})

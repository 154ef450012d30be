import { Assets } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { mockHttp, sdkLayer } from "./utils/mock.js"

const fmt = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Assets", (it) => {
  it.effect("getAssets sends the country and decodes assets with their tokens", () => {
    http.respond(() => ({
      body: [{
        symbol: "USDC",
        displayName: "USD Coin",
        coingeckoId: "usd-coin",
        tokens: [
          {
            displayName: "USDC",
            blockchain: "Solana",
            contractAddress: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
            depositEnabled: true,
            minimumDeposit: "0.000001",
            withdrawEnabled: true,
            minimumWithdrawal: "1",
            maximumWithdrawal: null,
            withdrawalFee: "1.0",
            nativeDecimals: 6
          },
          {
            displayName: "USDC",
            blockchain: "NewChain",
            contractAddress: null,
            depositEnabled: false,
            minimumDeposit: "10",
            withdrawEnabled: false,
            minimumWithdrawal: "10",
            maximumWithdrawal: "1000000",
            withdrawalFee: "3",
            nativeDecimals: "18"
          }
        ]
      }]
    }))
    return Effect.gen(function*() {
      const [usdc] = yield* (yield* Assets.Assets).getAssets({ country: "GB" })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/assets")
      expect(http.requests[0]!.query).toEqual({ country: "GB" })
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
      expect([usdc!.symbol, usdc!.displayName, usdc!.coingeckoId]).toEqual(["USDC", "USD Coin", "usd-coin"])
      const [solana, other] = usdc!.tokens
      expect(solana!.blockchain).toBe("Solana")
      expect(solana!.contractAddress).toBe("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
      expect(fmt(solana!.minimumDeposit)).toBe("0.000001")
      expect(fmt(solana!.withdrawalFee)).toBe("1")
      expect(solana!.maximumWithdrawal).toBeUndefined()
      expect(solana!.nativeDecimals).toBe(6)
      // an unknown blockchain passes through; a digit-string nativeDecimals is read as a number
      expect(other!.blockchain).toBe("NewChain")
      expect(other!.contractAddress).toBeUndefined()
      expect(fmt(other!.maximumWithdrawal)).toBe("1000000")
      expect(other!.nativeDecimals).toBe(18)
    })
  })

  it.effect("getAssets without a country sends no query", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      expect(yield* (yield* Assets.Assets).getAssets()).toEqual([])
      expect(http.requests[0]!.url.search).toBe("")
    })
  })

  it.effect("getCollateralParameters decodes margin and haircut functions of both kinds", () => {
    http.respond(() => ({
      body: [
        {
          symbol: "SOL",
          imfFunction: { type: "sqrt", base: "0.02", factor: "0.00006" },
          mmfFunction: { type: "sqrt", base: "0.0135", factor: "0.000036" },
          haircutFunction: {
            weight: "0.9",
            kind: { type: "inverseSqrt", base: "1.1", positiveCurvePenalty: "0.00001" }
          }
        },
        {
          symbol: "USDC",
          imfFunction: { type: "sqrt", base: "0.0", factor: "0.0" },
          mmfFunction: { type: "sqrt", base: "0.0", factor: "0.0" },
          haircutFunction: { weight: "1", kind: { type: "identity" } }
        }
      ]
    }))
    return Effect.gen(function*() {
      const [sol, usdc] = yield* (yield* Assets.Assets).getCollateralParameters()
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/collateral")
      expect(http.requests[0]!.url.search).toBe("")
      expect(sol!.symbol).toBe("SOL")
      expect(fmt(sol!.imfFunction.base)).toBe("0.02")
      expect(fmt(sol!.mmfFunction.factor)).toBe("0.000036")
      expect(fmt(sol!.haircutFunction.weight)).toBe("0.9")
      const kind = sol!.haircutFunction.kind
      expect(kind.type).toBe("inverseSqrt")
      expect(kind.type === "inverseSqrt" && fmt(kind.positiveCurvePenalty)).toBe("0.00001")
      expect(kind.type === "inverseSqrt" && fmt(kind.base)).toBe("1.1")
      expect(usdc!.haircutFunction.kind).toBeInstanceOf(Assets.IdentityFunction)
      expect(fmt(usdc!.haircutFunction.weight)).toBe("1")
    })
  })

  it.effect("a malformed country is a ValidationError naming the field, nothing sent", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Assets.Assets).getAssets({ country: "USA" }))
      expect(error._tag).toBe("ValidationError")
      expect(error._tag === "ValidationError" && error.field).toBe("country")
      expect(error.message).toContain("alpha-2")
      expect(http.requests.length).toBe(0)
    })
  })
})

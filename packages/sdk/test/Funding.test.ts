import { Funding } from "@effect-backpack/sdk"
import { describe, expect, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect } from "effect"
import { demoPublicKey, expectSigned, fixedSigner, mockHttp, sdkLayer } from "./utils/mock.js"

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Funding", (it) => {
  it.effect("getFundingRates decodes the §9 sample (public, naive UTC timestamps)", () => {
    http.respond(() => ({
      body: [{ fundingRate: "0.0001", intervalEndTimestamp: "2025-07-22T00:00:00", symbol: "BTC_USDC_PERP" }]
    }))
    return Effect.gen(function*() {
      const [rate] = yield* (yield* Funding.Funding).getFundingRates({
        symbol: "BTC_USDC_PERP",
        limit: 10000,
        offset: 0
      })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/fundingRates")
      expect(http.requests[0]!.query).toEqual({ symbol: "BTC_USDC_PERP", limit: "10000", offset: "0" })
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
      expect(rate!.symbol).toBe("BTC_USDC_PERP")
      expect(BigDecimal.format(rate!.fundingRate)).toBe("0.0001")
      expect(DateTime.formatIso(rate!.intervalEndTimestamp)).toBe("2025-07-22T00:00:00.000Z")
    })
  })

  it.effect("getFundingPayments is signed fundingHistoryQueryAll and decodes the §9 row", () => {
    http.respond(() => ({
      body: [{
        fundingRate: "0.0001",
        intervalEndTimestamp: "2025-08-01T16:00:00",
        quantity: "-0.001301",
        subaccountId: 0,
        symbol: "ETH_USDC_PERP",
        userId: 1813870
      }, {
        fundingRate: "-0.00002",
        intervalEndTimestamp: "2025-08-01T15:00:00",
        quantity: "0.5",
        subaccountId: null,
        symbol: "ETH_USDC_PERP",
        userId: 1813870
      }]
    }))
    return Effect.gen(function*() {
      const payments = yield* (yield* Funding.Funding).getFundingPayments({
        symbol: "ETH_USDC_PERP",
        limit: 50,
        sortDirection: "Desc"
      })
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/wapi/v1/history/funding")
      expect(request.query).toEqual({ symbol: "ETH_USDC_PERP", limit: "50", sortDirection: "Desc" })
      const message = expectSigned(request, "fundingHistoryQueryAll", {
        symbol: "ETH_USDC_PERP",
        limit: "50",
        sortDirection: "Desc"
      })
      expect(message).toBe(
        `instruction=fundingHistoryQueryAll&limit=50&sortDirection=Desc&symbol=ETH_USDC_PERP&timestamp=${
          request.headers["x-timestamp"]
        }&window=5000`
      )
      const [paid, received] = payments
      expect(paid!.userId).toBe(1813870)
      expect(paid!.subaccountId).toBe(0)
      expect(BigDecimal.format(paid!.quantity)).toBe("-0.001301")
      expect(BigDecimal.format(paid!.fundingRate)).toBe("0.0001")
      expect(DateTime.formatIso(paid!.intervalEndTimestamp)).toBe("2025-08-01T16:00:00.000Z")
      expect(received!.subaccountId).toBeUndefined()
      expect(BigDecimal.format(received!.fundingRate)).toBe("-0.00002")
    })
  })

  it.effect("getFundingPayments without parameters signs only the instruction", () => {
    const http = mockHttp(() => ({ body: [] }))
    return Effect.gen(function*() {
      yield* (yield* Funding.Funding).getFundingPayments()
      const request = http.requests[0]!
      expect(request.url.search).toBe("")
      expect(request.headers["x-signature"]).toBe("SIG")
      expect(request.headers["x-api-key"]).toBe(demoPublicKey)
      expect(request.headers["x-window"]).toBe("5000")
      expect(request.headers["x-timestamp"]).toMatch(/^\d+$/)
    }).pipe(Effect.provide(Funding.layer), Effect.provide(sdkLayer(http.layer, { signer: fixedSigner })))
  })

  describe("bad input is a ValidationError naming the field, nothing sent", () => {
    const cases: ReadonlyArray<[string, (f: Funding.Service) => Effect.Effect<unknown, unknown>, string]> = [
      ["empty symbol", (f) => f.getFundingRates({ symbol: "" }), "symbol"],
      ["malformed symbol", (f) => f.getFundingRates({ symbol: "sol-usdc" }), "symbol"],
      ["limit above 10000", (f) => f.getFundingRates({ symbol: "SOL_USDC_PERP", limit: 10001 }), "limit"],
      ["sort direction", (f) => f.getFundingPayments({ sortDirection: "desc" as any }), "sortDirection"],
      ["subaccount out of range", (f) => f.getFundingPayments({ subaccountId: 70000 }), "subaccountId"]
    ]
    for (const [label, call, field] of cases) {
      it.effect(label, () => {
        http.respond(() => ({ body: [] }))
        return Effect.gen(function*() {
          const error: any = yield* Effect.flip(call(yield* Funding.Funding))
          expect(error._tag).toBe("ValidationError")
          expect(error.field).toBe(field)
          expect(http.requests.length).toBe(0)
        })
      })
    }
  })
})

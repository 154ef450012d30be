import { BorrowLend } from "@effect-backpack/sdk"
import { describe, expect, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Either, Encoding } from "effect"
import { expectSigned, fixedSigner, mockHttp, sdkLayer } from "./utils/mock.js"

const fmt = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

const sqrt = (base: string, factor: string) => ({ type: "sqrt", base, factor })

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("BorrowLend", (it) => {
  it.effect("getBorrowLendMarkets decodes markets (public, RFC 3339 timestamps)", () => {
    http.respond(() => ({
      body: [{
        state: "Open",
        assetMarkPrice: "1.0001",
        borrowInterestRate: "0.0723",
        borrowedQuantity: "12345678.123456",
        fee: "0.2",
        lendInterestRate: "0.0512",
        lentQuantity: "20000000",
        maxUtilization: "0.9",
        openBorrowLendLimit: "50000000",
        optimalUtilization: "0.8",
        symbol: "USDC",
        timestamp: "2025-09-11T20:10:40.699Z",
        throttleUtilizationThreshold: "0.85",
        throttleUtilizationBound: "0.95",
        throttleUpdateFraction: "0.01",
        utilization: "0.617283906",
        stepSize: "0.000001"
      }]
    }))
    return Effect.gen(function*() {
      const [market] = yield* (yield* BorrowLend.BorrowLend).getBorrowLendMarkets()
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/borrowLend/markets")
      expect(http.requests[0]!.url.search).toBe("")
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
      expect(market!.symbol).toBe("USDC")
      expect(market!.state).toBe("Open")
      expect(fmt(market!.borrowInterestRate)).toBe("0.0723")
      expect(fmt(market!.borrowedQuantity)).toBe("12345678.123456")
      expect(fmt(market!.utilization)).toBe("0.617283906")
      expect(fmt(market!.stepSize)).toBe("0.000001")
      expect(DateTime.formatIso(market!.timestamp)).toBe("2025-09-11T20:10:40.699Z")
    })
  })

  it.effect("getBorrowLendMarketsHistory sends interval and asset symbol", () => {
    http.respond(() => ({
      body: [{
        borrowInterestRate: "0.07",
        borrowedQuantity: "100",
        lendInterestRate: "0.05",
        lentQuantity: "200",
        timestamp: "2025-09-10T00:00:00Z",
        utilization: "0.5"
      }]
    }))
    return Effect.gen(function*() {
      const [point] = yield* (yield* BorrowLend.BorrowLend).getBorrowLendMarketsHistory({
        interval: "1w",
        symbol: "SOL"
      })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/borrowLend/markets/history")
      expect(http.requests[0]!.query).toEqual({ interval: "1w", symbol: "SOL" })
      expect(fmt(point!.lendInterestRate)).toBe("0.05")
      expect(fmt(point!.utilization)).toBe("0.5")
      expect(DateTime.formatIso(point!.timestamp)).toBe("2025-09-10T00:00:00.000Z")
    })
  })

  it.effect("getApyRates sends tierId and decodes both lists", () => {
    http.respond(() => ({
      body: {
        borrowLend: [{ symbol: "USDC", borrowRate: "0.0723", lendRate: "0.0512" }],
        staking: [{ symbol: "SOL", dilutionFactor: "0.95", stakingRate: "0.068" }]
      }
    }))
    return Effect.gen(function*() {
      const rates = yield* (yield* BorrowLend.BorrowLend).getApyRates({ tierId: 3 })
      expect(http.requests[0]!.path).toBe("/api/v1/borrowLend/apy")
      expect(http.requests[0]!.query).toEqual({ tierId: "3" })
      expect(rates.borrowLend.map((r) => [r.symbol, fmt(r.borrowRate), fmt(r.lendRate)])).toEqual([
        ["USDC", "0.0723", "0.0512"]
      ])
      expect(rates.staking.map((r) => [r.symbol, fmt(r.dilutionFactor), fmt(r.stakingRate)])).toEqual([
        ["SOL", "0.95", "0.068"]
      ])
    })
  })

  it.effect("getBorrowLendPositions is signed borrowLendPositionQuery and decodes positions", () => {
    http.respond(() => ({
      body: [{
        cumulativeInterest: "-0.000123",
        id: "111063114377265150",
        imf: "0.1",
        imfFunction: sqrt("0.1", "0.0001"),
        netQuantity: "-2.5",
        markPrice: "180.12",
        mmf: "0.05",
        mmfFunction: sqrt("0.05", "0.00005"),
        netExposureQuantity: "-2.5",
        netExposureNotional: "450.3",
        symbol: "SOL",
        estLiquidationPrice: "310.5"
      }]
    }))
    return Effect.gen(function*() {
      const [position] = yield* (yield* BorrowLend.BorrowLend).getBorrowLendPositions()
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/borrowLend/positions")
      expect(request.url.search).toBe("")
      expect(expectSigned(request, "borrowLendPositionQuery", {})).toBe(
        `instruction=borrowLendPositionQuery&timestamp=${request.headers["x-timestamp"]}&window=5000`
      )
      expect(position!.id).toBe("111063114377265150")
      expect(fmt(position!.netQuantity)).toBe("-2.5")
      expect(fmt(position!.estLiquidationPrice)).toBe("310.5")
      expect(fmt(position!.cumulativeInterest)).toBe("-0.000123")
      expect(fmt(position!.imfFunction.factor)).toBe("0.0001")
      expect(fmt(position!.mmfFunction.base)).toBe("0.05")
    })
  })

  it.effect("getEstimatedLiquidationPrice sends the payload as base64 JSON, unsigned", () => {
    http.respond(() => ({ body: { liquidationPrice: "95.5", markPrice: "180.12" } }))
    return Effect.gen(function*() {
      const estimate = yield* (yield* BorrowLend.BorrowLend).getEstimatedLiquidationPrice({
        subaccountId: 7,
        borrow: { symbol: "SOL", side: "Borrow", quantity: "1.50" }
      })
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/borrowLend/position/liquidationPrice")
      expect(Object.keys(request.query).sort()).toEqual(["borrow", "subaccountId"])
      expect(request.query.subaccountId).toBe("7")
      const borrow = request.query.borrow as string
      expect(borrow).toBe(Encoding.encodeBase64(`{"symbol":"SOL","side":"Borrow","quantity":"1.50"}`))
      expect(JSON.parse(Either.getOrThrow(Encoding.decodeBase64String(borrow)))).toEqual({
        symbol: "SOL",
        side: "Borrow",
        quantity: "1.50"
      })
      expect(request.headers["x-signature"]).toBeUndefined()
      expect(request.headers["x-api-key"]).toBeUndefined()
      expect(fmt(estimate.liquidationPrice)).toBe("95.5")
      expect(fmt(estimate.markPrice)).toBe("180.12")
    })
  })

  it.effect("executeBorrowLend posts the signed body exactly and succeeds on the empty 200", () => {
    http.respond(() => ({ status: 200 }))
    return Effect.gen(function*() {
      const result = yield* (yield* BorrowLend.BorrowLend).executeBorrowLend({
        symbol: "USDC",
        side: "Lend",
        quantity: "100.10"
      })
      expect(result).toBeUndefined()
      const request = http.requests[0]!
      expect(request.method).toBe("POST")
      expect(request.path).toBe("/api/v1/borrowLend")
      expect(request.url.search).toBe("")
      expect(request.json).toEqual({ symbol: "USDC", side: "Lend", quantity: "100.10" })
      expect(expectSigned(request, "borrowLendExecute", { symbol: "USDC", side: "Lend", quantity: "100.10" })).toBe(
        `instruction=borrowLendExecute&quantity=100.10&side=Lend&symbol=USDC&timestamp=${
          request.headers["x-timestamp"]
        }&window=5000`
      )
    })
  })

  it.effect("executeBorrowLend accepts a BigDecimal quantity and is never retried (OutcomeUnknown)", () => {
    const http = mockHttp(() => "reset")
    return Effect.gen(function*() {
      const error = yield* Effect.flip(
        (yield* BorrowLend.BorrowLend).executeBorrowLend({
          symbol: "SOL",
          side: "Borrow",
          quantity: BigDecimal.unsafeFromString("2.5")
        })
      )
      expect(error._tag).toBe("OutcomeUnknown")
      expect(http.requests).toHaveLength(1)
      expect(http.requests[0]!.json).toEqual({ symbol: "SOL", side: "Borrow", quantity: "2.5" })
      expect(http.requests[0]!.headers["x-signature"]).toBe("SIG")
    }).pipe(
      Effect.provide(BorrowLend.layer),
      Effect.provide(sdkLayer(http.layer, { signer: fixedSigner, config: { retries: 3 } }))
    )
  })

  describe("bad input is a ValidationError naming the field, nothing sent", () => {
    const cases: ReadonlyArray<[string, (b: BorrowLend.Service) => Effect.Effect<unknown, unknown>, string]> = [
      ["interval", (b) => b.getBorrowLendMarketsHistory({ interval: "1h" as any }), "interval"],
      ["empty asset symbol", (b) => b.getBorrowLendMarketsHistory({ interval: "1d", symbol: "" }), "symbol"],
      ["zero quantity", (b) => b.executeBorrowLend({ symbol: "SOL", side: "Borrow", quantity: "0" }), "quantity"],
      ["number quantity", (b) => b.executeBorrowLend({ symbol: "SOL", side: "Lend", quantity: 1 as any }), "quantity"],
      ["side", (b) => b.executeBorrowLend({ symbol: "SOL", side: "Repay" as any, quantity: "1" }), "side"],
      [
        "nested borrow quantity",
        (b) => b.getEstimatedLiquidationPrice({ borrow: { symbol: "SOL", side: "Borrow", quantity: "1e3" } }),
        "borrow.quantity"
      ],
      ["tierId", (b) => b.getApyRates({ tierId: 1.5 }), "tierId"]
    ]
    for (const [label, call, field] of cases) {
      it.effect(label, () => {
        http.respond(() => ({ body: [] }))
        return Effect.gen(function*() {
          const error: any = yield* Effect.flip(call(yield* BorrowLend.BorrowLend))
          expect(error._tag).toBe("ValidationError")
          expect(error.field).toBe(field)
          expect(http.requests.length).toBe(0)
        })
      })
    }
  })
})

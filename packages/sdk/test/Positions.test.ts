import { Positions } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

/** §9's live position row. */
const livePosition = {
  breakEvenPrice: "3831.3630555555555555555555556",
  cumulativeFundingPayment: "-0.009218",
  cumulativeInterest: "0",
  entryPrice: "3826.8888888888888888888888889",
  estLiquidationPrice: "0",
  imf: "0.02",
  imfFunction: { base: "0.02", factor: "0.0000935", type: "sqrt" },
  markPrice: "3787.46813304",
  mmf: "0.0125",
  mmfFunction: { base: "0.0125", factor: "0.0000561", type: "sqrt" },
  netCost: "13.7768",
  netExposureNotional: "13.634885278944",
  netExposureQuantity: "0.0036",
  netQuantity: "0.0036",
  pnlRealized: "0",
  pnlUnrealized: "-0.141914",
  positionId: "4238420454",
  subaccountId: null,
  symbol: "ETH_USDC_PERP",
  userId: 1813870
}

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Positions", (it) => {
  it.effect("getPositions signs positionQuery and decodes §9's live row exactly", () => {
    http.respond(() => ({ body: [livePosition] }))
    return Effect.gen(function*() {
      const positions = yield* (yield* Positions.Positions).getPositions()
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.url.href).toBe("https://api.test/api/v1/position")
      expect(expectSigned(request, "positionQuery", {})).toMatch(
        /^instruction=positionQuery&timestamp=\d+&window=5000$/
      )
      expect(positions).toHaveLength(1)
      const p = positions[0]!
      expect(p).toBeInstanceOf(Positions.FuturePositionWithMargin)
      expect(BigDecimal.equals(p.breakEvenPrice, BigDecimal.unsafeFromString("3831.3630555555555555555555556"))).toBe(
        true
      )
      expect(p.breakEvenPrice.scale).toBe(25)
      expect(BigDecimal.format(p.pnlUnrealized)).toBe("-0.141914")
      expect(BigDecimal.format(p.imfFunction.factor)).toBe("0.0000935")
      expect(p.imfFunction.type).toBe("sqrt")
      expect(p.positionId).toBe("4238420454")
      expect(p.subaccountId).toBeUndefined()
      expect(p.userId).toBe(1813870)
    })
  })

  it.effect("filters by symbol or market type and tolerates a missing cumulativeInterest", () => {
    const { cumulativeInterest: _, ...withoutInterest } = livePosition
    http.respond(() => ({ body: [withoutInterest] }))
    return Effect.gen(function*() {
      const service = yield* Positions.Positions
      const [p] = yield* service.getPositions({ symbol: "ETH_USDC_PERP" })
      expect(p!.cumulativeInterest).toBeUndefined()
      yield* service.getPositions({ marketType: "PERP" })
      expect(http.requests[0]!.query).toEqual({ symbol: "ETH_USDC_PERP" })
      expectSigned(http.requests[0]!, "positionQuery", { symbol: "ETH_USDC_PERP" })
      expect(http.requests[1]!.query).toEqual({ marketType: "PERP" })
      expectSigned(http.requests[1]!, "positionQuery", { marketType: "PERP" })
      const bad = yield* Effect.flip(service.getPositions({ marketType: "FUTURES" as any }))
      expect(bad._tag === "ValidationError" && bad.field).toBe("marketType")
      expect(http.requests).toHaveLength(2)
    })
  })

  it.effect("a 404 for a symbol without a position reads as an empty array", () => {
    http.respond(() => ({ status: 404, body: { code: "RESOURCE_NOT_FOUND", message: "Position not found" } }))
    return Effect.gen(function*() {
      const service = yield* Positions.Positions
      expect(yield* service.getPositions({ symbol: "SOL_USDC_PERP" })).toEqual([])
      // without a symbol filter a 404 is not "no position": it stays an error
      const error = yield* Effect.flip(service.getPositions())
      expect(error._tag === "ApiError" && error.status).toBe(404)
    })
  })

  it.effect("other failures stay errors", () => {
    http.respond(() => ({ status: 400, body: { code: "INVALID_MARKET", message: "Market not found" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Positions.Positions).getPositions({ symbol: "NOPE_USDC_PERP" }))
      expect(error._tag === "ApiError" && error.code).toBe("INVALID_MARKET")
    })
  })
})

import { Model, Orders, Precision } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Schema } from "effect"
import { perpMarket } from "./utils/fixtures.js"
import { mockHttp, sdkLayer } from "./utils/mock.js"

const d = BigDecimal.unsafeFromString

/** §9's live perp market (Rust test fixture): tick 0.01, step 0.01, min quantity 0.01, prices 0.01..1000. */
const market = Schema.decodeUnknownSync(Model.Market)(perpMarket)

const plain = { tickSize: d("0.01"), stepSize: d("0.001"), minQuantity: d("0.01") }

describe("Precision rounding", () => {
  it("rounds a bid price down and an ask price up to the tick", () => {
    expect(Precision.roundPrice(plain, d("180.456"), "Bid")).toBe("180.45")
    expect(Precision.roundPrice(plain, d("180.451"), "Ask")).toBe("180.46")
    expect(Precision.roundPrice(plain, d("180.45"), "Ask")).toBe("180.45")
    expect(Precision.roundPrice(plain, d("180.5"), "Bid")).toBe("180.50")
    expect(Precision.roundPrice(market, d("141.999"), "Bid")).toBe("141.99")
    expect(Precision.roundPrice(market, d("141.991"), "Ask")).toBe("142.00")
  })

  it("takes an explicit rounding mode", () => {
    expect(Precision.roundPrice(plain, d("1.005"), "halfUp")).toBe("1.01")
    expect(Precision.roundPrice(plain, d("1.0049"), "halfUp")).toBe("1.00")
    expect(Precision.roundPrice(plain, d("1.001"), "up")).toBe("1.01")
    expect(Precision.roundPrice(plain, d("1.009"), "down")).toBe("1.00")
    expect(BigDecimal.format(Precision.roundToIncrement(d("-1.005"), d("0.01"), "halfUp"))).toBe("-1.01")
    expect(BigDecimal.format(Precision.roundToIncrement(d("-1.005"), d("0.01"), "down"))).toBe("-1.01")
    expect(BigDecimal.format(Precision.roundToIncrement(d("-1.005"), d("0.01"), "up"))).toBe("-1")
  })

  it("handles non-decimal ticks (0.5, 5, 10) and increments written with trailing zeros", () => {
    expect(Precision.roundPrice({ tickSize: d("0.5"), stepSize: d("1") }, d("100.74"), "Bid")).toBe("100.5")
    expect(Precision.roundPrice({ tickSize: d("0.5"), stepSize: d("1") }, d("100.74"), "Ask")).toBe("101.0")
    expect(Precision.roundPrice({ tickSize: d("5"), stepSize: d("1") }, d("1234"), "Bid")).toBe("1230")
    expect(Precision.roundPrice({ tickSize: d("10"), stepSize: d("1") }, d("1234.5"), "Ask")).toBe("1240")
    expect(Precision.roundPrice({ tickSize: d("0.010"), stepSize: d("1") }, d("2.3456"), "Bid")).toBe("2.34")
  })

  it("rounds quantities down to the step by default, in fixed point", () => {
    expect(Precision.roundQuantity(plain, d("1.23456"))).toBe("1.234")
    expect(Precision.roundQuantity(plain, d("1.23456"), "up")).toBe("1.235")
    expect(Precision.roundQuantity(market, d("0.0199"))).toBe("0.01")
    expect(Precision.roundQuantity(plain, d("7"))).toBe("7.000")
  })

  it("never prints exponents: tiny and huge increments", () => {
    const tiny = { tickSize: d("1e-16"), stepSize: d("1e-16") }
    expect(Precision.roundPrice(tiny, d("0.00000000000000012345"), "Bid")).toBe("0.0000000000000001")
    expect(Precision.roundQuantity(tiny, d("3e-16"))).toBe("0.0000000000000003")
    expect(Precision.roundQuantity({ tickSize: d("1"), stepSize: d("1e16") }, d("34567890123456789"))).toBe(
      "30000000000000000"
    )
  })

  it("rounds an order onto the grid by side", () => {
    const bid = Precision.roundOrder(
      market,
      {
        symbol: "SOL_USDC_PERP",
        side: "Bid",
        orderType: "Limit",
        price: "141.237",
        quantity: d("2.559")
      } as const
    )
    expect(bid).toEqual({ symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "141.23", quantity: "2.55" })
    const ask = Precision.roundOrder(market, { side: "Ask", price: "141.231", quantity: "2.559" } as const)
    expect([ask.price, ask.quantity]).toEqual(["141.24", "2.55"])
    // values that are not plain decimals are left for the request validation
    expect(Precision.roundOrder(market, { side: "Ask", price: "1,5" } as const).price).toBe("1,5")
  })
})

describe("Precision checks", () => {
  it("passes an order on the grid", () => {
    expect(Precision.checkOrder(market, { price: "141.23", quantity: "2.55" })).toEqual([])
    expect(Precision.checkOrder(plain, { price: d("180.50"), quantity: "0.010" })).toEqual([])
  })

  it("reports INVALID_PRICE for a price off the tick or out of bounds", () => {
    const [offTick] = Precision.checkOrder(market, { price: "141.235", quantity: "1" })
    expect(offTick).toEqual(
      new Precision.PrecisionIssue({
        field: "price",
        code: "INVALID_PRICE",
        message: "Price 141.235 is not a multiple of the tick size 0.01"
      })
    )
    expect(Precision.checkPrice(market, "1000.01")?.message).toBe("Price 1000.01 is above the maximum price 1000")
    expect(Precision.checkPrice(market, "0.001")?.code).toBe("INVALID_PRICE")
    expect(Precision.checkPrice(market, "0")?.message).toBe("Price 0 must be positive")
    expect(Precision.checkPrice(market, "1e3")?.message).toBe("\"1e3\" is not a plain decimal")
  })

  it("reports INVALID_QUANTITY for a quantity off the step or below the minimum", () => {
    expect(Precision.checkQuantity(plain, "1.2345")).toEqual(
      new Precision.PrecisionIssue({
        field: "quantity",
        code: "INVALID_QUANTITY",
        message: "Quantity 1.2345 is not a multiple of the step size 0.001"
      })
    )
    expect(Precision.checkQuantity(plain, "0.009")?.message).toBe("Quantity 0.009 is below the minimum quantity 0.01")
    expect(Precision.checkQuantity({ ...plain, maxQuantity: d("5") }, "5.001")?.message).toBe(
      "Quantity 5.001 is above the maximum quantity 5"
    )
  })

  it("checks trigger, TP/SL prices and a decimal triggerQuantity; skips a percentage", () => {
    const issues = Precision.checkOrder(market, {
      price: "141.23",
      triggerPrice: "140.005",
      takeProfitLimitPrice: "150.001",
      stopLossTriggerPrice: "130",
      triggerQuantity: "0.015"
    })
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ["triggerPrice", "INVALID_PRICE"],
      ["takeProfitLimitPrice", "INVALID_PRICE"],
      ["triggerQuantity", "INVALID_QUANTITY"]
    ])
    expect(Precision.checkOrder(market, { triggerQuantity: "50%" })).toEqual([])
  })

  it.effect("validateOrder refuses before anything is sent", () => {
    const http = mockHttp(() => ({ status: 500 }))
    return Effect.gen(function*() {
      const orders = yield* Orders.Orders
      const error = yield* Precision.validateOrder(
        market,
        {
          symbol: "SOL_USDC_PERP",
          side: "Bid",
          orderType: "Limit",
          price: "141.235",
          quantity: "1"
        } as const
      ).pipe(Effect.flatMap(orders.executeOrder), Effect.flip)
      expect(error._tag).toBe("ValidationError")
      if (error._tag !== "ValidationError") throw error
      expect(error.field).toBe("price")
      expect(error.operation).toBe("Precision.validateOrder")
      expect(error.detail).toBe("INVALID_PRICE: Price 141.235 is not a multiple of the tick size 0.01")
      expect(http.requests).toHaveLength(0)
      const ok = yield* Precision.validateOrder(market, { price: "141.23", quantity: "1.00" })
      expect(ok).toEqual({ price: "141.23", quantity: "1.00" })
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })
})

describe("Precision.format", () => {
  it("prints fixed point at every scale and keeps the value's own scale", () => {
    expect(Precision.format(d("1e-16"))).toBe("0.0000000000000001")
    expect(Precision.format(d("1e16"))).toBe("10000000000000000")
    expect(Precision.format(d("1.50"))).toBe("1.50")
    expect(Precision.format(d("-0.0000039641039274236048482914"))).toBe("-0.0000039641039274236048482914")
    expect(Precision.format(d("0"))).toBe("0")
    expect(Precision.formatScaled(d("180.5"), 2)).toBe("180.50")
    expect(Precision.formatScaled(d("180.559"), 2)).toBe("180.55")
  })
})

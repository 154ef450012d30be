import { Trades } from "@effect-backpack/sdk"
import { describe, expect, layer } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { mockHttp, sdkLayer } from "./utils/mock.js"

// backpack-api.md §9
const sample =
  `[{"id":8721564,"isBuyerMaker":false,"price":"117427.6","quantity":"0.00016","quoteQuantity":"18.788416","timestamp":1753123916818}]`

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Trades", (it) => {
  it.effect("getRecentTrades decodes the §9 sample and sends symbol and limit", () => {
    http.respond(() => ({ text: sample }))
    return Effect.gen(function*() {
      const [trade] = yield* (yield* Trades.Trades).getRecentTrades({ symbol: "BTC_USDC", limit: 1 })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/trades")
      expect(http.requests[0]!.query).toEqual({ symbol: "BTC_USDC", limit: "1" })
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
      expect(trade!.id).toBe("8721564")
      expect(BigDecimal.format(trade!.price)).toBe("117427.6")
      expect(BigDecimal.format(trade!.quantity)).toBe("0.00016")
      expect(BigDecimal.format(trade!.quoteQuantity)).toBe("18.788416")
      expect(trade!.timestamp).toBe(1753123916818)
      expect(trade!.isBuyerMaker).toBe(false)
    })
  })

  it.effect("getHistoricalTrades pages with offset and keeps a trade id above 2^53 exact", () => {
    http.respond(() => ({
      text:
        `[{"id":9007199254740993,"isBuyerMaker":true,"price":"1.5","quantity":"2","quoteQuantity":"3","timestamp":1753123916818},{"id":null,"isBuyerMaker":false,"price":"1.4","quantity":"1","quoteQuantity":"1.4","timestamp":1753123916000}]`
    }))
    return Effect.gen(function*() {
      const trades = yield* (yield* Trades.Trades).getHistoricalTrades({ symbol: "SOL_USDC", limit: 100, offset: 200 })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/trades/history")
      expect(http.requests[0]!.query).toEqual({ symbol: "SOL_USDC", limit: "100", offset: "200" })
      expect(trades[0]!.id).toBe("9007199254740993")
      expect(trades[0]!.isBuyerMaker).toBe(true)
      expect(trades[1]!.id).toBeUndefined()
      expect(BigDecimal.format(trades[1]!.quoteQuantity)).toBe("1.4")
    })
  })

  describe("bad input is a ValidationError naming the field, nothing sent", () => {
    const cases: ReadonlyArray<[string, (t: Trades.Service) => Effect.Effect<unknown, unknown>, string]> = [
      ["empty symbol", (t) => t.getRecentTrades({ symbol: "" }), "symbol"],
      ["malformed symbol", (t) => t.getRecentTrades({ symbol: "sol-usdc" }), "symbol"],
      ["limit above 1000", (t) => t.getRecentTrades({ symbol: "SOL_USDC", limit: 1001 }), "limit"],
      ["fractional offset", (t) => t.getHistoricalTrades({ symbol: "SOL_USDC", offset: 1.5 }), "offset"],
      ["negative offset", (t) => t.getHistoricalTrades({ symbol: "SOL_USDC", offset: -1 }), "offset"]
    ]
    for (const [label, call, field] of cases) {
      it.effect(label, () => {
        http.respond(() => ({ body: [] }))
        return Effect.gen(function*() {
          const error: any = yield* Effect.flip(call(yield* Trades.Trades))
          expect(error._tag).toBe("ValidationError")
          expect(error.field).toBe(field)
          expect(http.requests.length).toBe(0)
        })
      })
    }
  })
})

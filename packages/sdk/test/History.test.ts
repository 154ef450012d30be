import { History } from "@effect-backpack/sdk"
import type { Endpoint } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it, layer } from "@effect/vitest"
import { BigDecimal, Chunk, DateTime, Effect, Layer, Redacted, Stream } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

const dec = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)
const iso = (value: DateTime.Utc | undefined) => value === undefined ? undefined : DateTime.formatIso(value)

/** §9's live fills row. */
const liveFill = {
  clientId: null,
  fee: "0.004974",
  feeSymbol: "USDC",
  isMaker: false,
  orderId: "4238907375",
  price: "3826.15",
  quantity: "0.0026",
  side: "Bid",
  symbol: "ETH_USDC_PERP",
  systemOrderType: null,
  timestamp: "2025-07-27T17:39:00.092",
  tradeId: 9748827
}

/** A history order row shaped like §9's description (naive `createdAt`, expiry reason, system type). */
const orderRow = {
  id: "111063114377265150",
  createdAt: "2025-07-27T18:05:40.897",
  executedQuantity: "0.5",
  executedQuoteQuantity: "90.25",
  expiryReason: "PostOnlyTaker",
  orderType: "Limit",
  postOnly: true,
  price: "180.50",
  quantity: "1.5",
  quoteQuantity: null,
  selfTradePrevention: "RejectTaker",
  status: "Expired",
  side: "Bid",
  stopLossTriggerPrice: null,
  stopLossLimitPrice: null,
  stopLossTriggerBy: null,
  symbol: "SOL_USDC",
  takeProfitTriggerPrice: null,
  takeProfitLimitPrice: null,
  takeProfitTriggerBy: null,
  timeInForce: "GTC",
  triggerBy: "MarkPrice",
  triggerPrice: "175",
  triggerQuantity: "50%",
  clientId: 4294967295,
  systemOrderType: null,
  strategyId: null,
  slippageTolerance: null,
  slippageToleranceType: null
}

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("History", (it) => {
  it.effect("getFills sends every filter and decodes the live row (tradeId exact, naive timestamp as UTC)", () => {
    http.respond(() => ({ body: [liveFill] }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const fills = yield* history.getFills({
          symbol: "ETH_USDC_PERP",
          orderId: "4238907375",
          strategyId: "77",
          from: 1753630000000,
          to: 1753640000000,
          fillType: "User",
          marketType: "PERP",
          limit: 100,
          offset: 0,
          sortDirection: "Desc"
        })
        const fill = fills[0]!
        expect(fill).toBeInstanceOf(History.OrderFill)
        expect(fill.tradeId).toBe("9748827")
        expect(fill.orderId).toBe("4238907375")
        expect(fill.clientId).toBeUndefined()
        expect(fill.systemOrderType).toBeUndefined()
        expect(dec(fill.price)).toBe("3826.15")
        expect(dec(fill.fee)).toBe("0.004974")
        expect(fill.isMaker).toBe(false)
        expect(iso(fill.timestamp)).toBe("2025-07-27T17:39:00.092Z")
        const request = http.requests[0]!
        expect(request.method).toBe("GET")
        expect(request.path).toBe("/wapi/v1/history/fills")
        const wire = {
          symbol: "ETH_USDC_PERP",
          orderId: "4238907375",
          strategyId: "77",
          from: 1753630000000,
          to: 1753640000000,
          fillType: "User",
          marketType: "PERP",
          limit: 100,
          offset: 0,
          sortDirection: "Desc"
        }
        expect(request.query).toEqual(Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, String(v)])))
        expectSigned(request, "fillHistoryQueryAll", wire)
      }))
  })

  it.effect("getFills keeps a tradeId above 2^53 exact", () => {
    http.respond(() => ({
      text: JSON.stringify([{ ...liveFill, tradeId: 0 }]).replace("\"tradeId\":0", "\"tradeId\":9007199254740993")
    }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const fills = yield* history.getFills()
        expect(fills[0]!.tradeId).toBe("9007199254740993")
        expect(http.requests[0]!.url.search).toBe("")
        expectSigned(http.requests[0]!, "fillHistoryQueryAll", {})
      }))
  })

  it.effect("marketType: one value, a one-element array, and repeated keys signed as repeated pairs", () => {
    http.respond(() => ({ body: [] }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        yield* history.getOrderHistory({ marketType: "SPOT" })
        yield* history.getOrderHistory({ marketType: ["PERP"] })
        yield* history.getOrderHistory({ marketType: ["SPOT", "PERP"] })
        const [single, one, many] = http.requests
        expect(single!.url.search).toBe("?marketType=SPOT")
        expect(one!.url.search).toBe("?marketType=PERP")
        expect(many!.url.search).toBe("?marketType=SPOT&marketType=PERP")
        expect(many!.query).toEqual({ marketType: ["SPOT", "PERP"] })
        const message = expectSigned(many!, "orderHistoryQueryAll", { marketType: ["SPOT", "PERP"] })
        expect(message).toMatch(/^instruction=orderHistoryQueryAll&marketType=SPOT&marketType=PERP&timestamp=/)
        const bad = yield* Effect.flip(history.getOrderHistory({ marketType: "perp" as any }))
        expect(bad._tag === "ValidationError" && bad.field).toBe("marketType")
        const empty = yield* Effect.flip(history.getOrderHistory({ marketType: [] as any }))
        expect(empty._tag).toBe("ValidationError")
        expect(http.requests.length).toBe(3)
      }))
  })

  it.effect("getOrderHistory decodes the history row (naive createdAt, percent trigger, uint32 clientId)", () => {
    http.respond(() => ({ body: [orderRow] }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const [order] = yield* history.getOrderHistory({ symbol: "SOL_USDC", orderId: "111063114377265150" })
        expect(order).toBeInstanceOf(History.Order)
        expect(order!.id).toBe("111063114377265150")
        expect(iso(order!.createdAt)).toBe("2025-07-27T18:05:40.897Z")
        expect(order!.expiryReason).toBe("PostOnlyTaker")
        expect(order!.clientId).toBe(4294967295)
        expect(dec(order!.price)).toBe("180.5")
        expect(dec(order!.triggerPrice)).toBe("175")
        const trigger = order!.triggerQuantity as { readonly percent: BigDecimal.BigDecimal }
        expect(dec(trigger.percent)).toBe("50")
        expect(order!.quoteQuantity).toBeUndefined()
        expect(http.requests[0]!.query).toEqual({ symbol: "SOL_USDC", orderId: "111063114377265150" })
        expectSigned(http.requests[0]!, "orderHistoryQueryAll", {
          symbol: "SOL_USDC",
          orderId: "111063114377265150"
        })
      }))
  })

  /** One case per remaining method: the exact query, the instruction, and one decoded value. */
  const cases: ReadonlyArray<{
    readonly method: keyof History.Service
    readonly path: string
    readonly instruction: string
    readonly params: Record<string, unknown>
    readonly wire: Endpoint.WireParams
    readonly row: unknown
    readonly check: (row: any) => void
  }> = [
    {
      method: "getPositionHistory",
      path: "/wapi/v1/history/position",
      instruction: "positionHistoryQueryAll",
      params: { symbol: "ETH_USDC_PERP", state: "Closed", marketType: "PERP", limit: 10 },
      wire: { symbol: "ETH_USDC_PERP", state: "Closed", marketType: "PERP", limit: 10 },
      row: {
        id: "4238420454",
        symbol: "ETH_USDC_PERP",
        netQuantity: "0",
        netExposureQuantity: "0",
        netExposureNotional: "0",
        netCost: "0",
        markPrice: "3787.46813304",
        entryPrice: "3826.8888888888888888888888889",
        cumulativePnlRealized: "-0.141914",
        unrealizedPnl: "0",
        fundingQuantity: "-0.009218",
        interest: "0",
        liquidated: "0",
        imf: "0.02",
        fees: "0.01",
        state: "Closed",
        closedVolume: "13.7768",
        liquidationFees: "0",
        closingPrice: "3787.5",
        accountLeverage: null,
        openedAt: "2025-07-27T17:39:00.092",
        closedAt: "2025-07-28T09:00:00"
      },
      check: (row: History.PositionHistoryRow) => {
        expect(row.id).toBe("4238420454")
        expect(row.entryPrice).toEqual(BigDecimal.unsafeFromString("3826.8888888888888888888888889"))
        expect(row.state).toBe("Closed")
        expect(row.accountLeverage).toBeUndefined()
        expect(iso(row.closedAt)).toBe("2025-07-28T09:00:00.000Z")
      }
    },
    {
      method: "getSettlementHistory",
      path: "/wapi/v1/history/settlement",
      instruction: "settlementHistoryQueryAll",
      params: { source: "FundingPayment", sortDirection: "Asc", offset: 20 },
      wire: { source: "FundingPayment", sortDirection: "Asc", offset: 20 },
      row: {
        quantity: "-0.001301",
        source: "FundingPayment",
        subaccountId: 0,
        timestamp: "2025-08-01T16:00:00",
        userId: 1813870,
        positionId: "4238420454",
        engineSequence: "18446744073709551615"
      },
      check: (row: History.Settlement) => {
        expect(dec(row.quantity)).toBe("-0.001301")
        expect(row.source).toBe("FundingPayment")
        expect(row.engineSequence).toBe(18446744073709551615n)
        expect(iso(row.timestamp)).toBe("2025-08-01T16:00:00.000Z")
      }
    },
    {
      method: "getDustHistory",
      path: "/wapi/v1/history/dust",
      instruction: "dustHistoryQueryAll",
      params: { id: "9007199254740993", symbol: "BONK" },
      wire: { id: "9007199254740993", symbol: "BONK" },
      row: {
        id: "9007199254740993",
        quantity: "1234.5",
        symbol: "BONK",
        usdcReceived: "0.031",
        timestamp: "2025-08-01T16:00:00.5"
      },
      check: (row: History.DustConversion) => {
        expect(row.id).toBe("9007199254740993")
        expect(dec(row.usdcReceived)).toBe("0.031")
        expect(iso(row.timestamp)).toBe("2025-08-01T16:00:00.500Z")
      }
    },
    {
      method: "getBorrowLendHistory",
      path: "/wapi/v1/history/borrowLend",
      instruction: "borrowHistoryQueryAll",
      params: { type: "Lend", sources: ["Manual", "AutoLend"], symbol: "USDC", positionId: "99" },
      wire: { type: "Lend", sources: "Manual,AutoLend", symbol: "USDC", positionId: "99" },
      row: {
        eventType: "Lend",
        positionId: "99",
        positionQuantity: "100.5",
        quantity: "100",
        source: "AutoLend",
        symbol: "USDC",
        timestamp: "2025-08-01T16:00:00",
        spotMarginOrderId: null
      },
      check: (row: History.BorrowLendMovement) => {
        expect(row.eventType).toBe("Lend")
        expect(row.source).toBe("AutoLend")
        expect(dec(row.positionQuantity)).toBe("100.5")
        expect(row.spotMarginOrderId).toBeUndefined()
      }
    },
    {
      method: "getInterestHistory",
      path: "/wapi/v1/history/interest",
      instruction: "interestHistoryQueryAll",
      params: { asset: "USDC", symbol: "SOL_USDC_PERP", source: "UnrealizedPnl", limit: 1000 },
      wire: { asset: "USDC", symbol: "SOL_USDC_PERP", source: "UnrealizedPnl", limit: 1000 },
      row: {
        paymentType: "UnrealizedNegativePnl",
        interestRate: "0.0000039641039274236048482914",
        interval: 3600000,
        marketSymbol: "SOL_USDC_PERP",
        positionId: "555",
        quantity: "-0.0001",
        symbol: "USDC",
        timestamp: "2025-08-01T16:00:00"
      },
      check: (row: History.InterestPayment) => {
        expect(row.paymentType).toBe("UnrealizedNegativePnl")
        expect(row.interestRate).toEqual(BigDecimal.unsafeFromString("0.0000039641039274236048482914"))
        expect(row.interval).toBe(3600000)
      }
    },
    {
      method: "getBorrowLendPositionHistory",
      path: "/wapi/v1/history/borrowLend/positions",
      instruction: "borrowPositionHistoryQueryAll",
      params: { symbol: "SOL", side: "Borrow", state: "Open" },
      wire: { symbol: "SOL", side: "Borrow", state: "Open" },
      row: {
        positionId: "31",
        quantity: "-2",
        symbol: "SOL",
        source: "Manual",
        cumulativeInterest: "-0.0004",
        avgInterestRate: "0.051",
        side: "Borrow",
        createdAt: "2025-07-01T00:00:00"
      },
      check: (row: History.BorrowLendPositionRow) => {
        expect(row.side).toBe("Borrow")
        expect(dec(row.quantity)).toBe("-2")
        expect(iso(row.createdAt)).toBe("2025-07-01T00:00:00.000Z")
      }
    },
    {
      method: "getRfqHistory",
      path: "/wapi/v1/history/rfq",
      instruction: "rfqHistoryQueryAll",
      params: { rfqId: "113460992315392000", status: "Filled", side: "Bid", deferredSettlement: false },
      wire: { rfqId: "113460992315392000", status: "Filled", side: "Bid", deferredSettlement: false },
      row: {
        rfqId: "113460992315392000",
        clientId: 7,
        symbol: "SOL_USDC_RFQ",
        side: "Bid",
        price: null,
        quantity: "10",
        quoteQuantity: null,
        submissionTime: "2025-08-01T16:00:00",
        expiryTime: "2025-08-01T16:00:10",
        status: "Filled",
        executionMode: "AwaitAccept",
        createdAt: "2025-08-01T16:00:00",
        deferredSettlementQuoteId: null
      },
      check: (row: History.RequestForQuoteHistorical) => {
        expect(row.rfqId).toBe("113460992315392000")
        expect(row.executionMode).toBe("AwaitAccept")
        expect(iso(row.expiryTime)).toBe("2025-08-01T16:00:10.000Z")
      }
    },
    {
      method: "getQuoteHistory",
      path: "/wapi/v1/history/quote",
      instruction: "quoteHistoryQueryAll",
      params: { quoteId: "113460992315392001", symbol: "SOL_USDC_RFQ", status: "Cancelled" },
      wire: { quoteId: "113460992315392001", symbol: "SOL_USDC_RFQ", status: "Cancelled" },
      row: {
        rfqId: "113460992315392000",
        quoteId: "113460992315392001",
        clientId: null,
        bidPrice: "179.9",
        askPrice: "180.1",
        status: "Cancelled",
        createdAt: "2025-08-01T16:00:01",
        deferredSettlement: true
      },
      check: (row: History.QuoteHistorical) => {
        expect(row.quoteId).toBe("113460992315392001")
        expect(dec(row.askPrice)).toBe("180.1")
        expect(row.deferredSettlement).toBe(true)
      }
    },
    {
      method: "getRfqFillHistory",
      path: "/wapi/v1/history/rfq/fill",
      instruction: "rfqFillHistoryQueryAll",
      params: { quoteId: "113460992315392001", side: "Ask", fillType: "CollateralConversion" },
      wire: { quoteId: "113460992315392001", side: "Ask", fillType: "CollateralConversion" },
      row: {
        rfqId: "113460992315392000",
        clientId: null,
        quoteId: "113460992315392001",
        symbol: "SOL_USDC_RFQ",
        side: "Ask",
        quantity: null,
        quoteQuantity: "1800",
        fillPrice: "180",
        createdAt: "2025-08-01T16:00:00",
        filledAt: "2025-08-01T16:00:02.25",
        systemOrderType: "CollateralConversion"
      },
      check: (row: History.RequestForQuoteFillHistorical) => {
        expect(dec(row.quoteQuantity)).toBe("1800")
        expect(row.systemOrderType).toBe("CollateralConversion")
        expect(iso(row.filledAt)).toBe("2025-08-01T16:00:02.250Z")
      }
    },
    {
      method: "getQuoteFillHistory",
      path: "/wapi/v1/history/quote/fill",
      instruction: "quoteFillHistoryQueryAll",
      params: { symbol: "SOL_USDC_RFQ", side: "Bid", limit: 5, offset: 5 },
      wire: { symbol: "SOL_USDC_RFQ", side: "Bid", limit: 5, offset: 5 },
      row: {
        clientId: 12,
        quoteId: "113460992315392001",
        rfqId: "113460992315392000",
        symbol: "SOL_USDC_RFQ",
        side: "Bid",
        quantity: "10",
        fillPrice: "179.9",
        fee: "0.1799",
        feeSymbol: "USDC",
        createdAt: "2025-08-01T16:00:01",
        filledAt: "2025-08-01T16:00:02"
      },
      check: (row: History.QuoteFillHistorical) => {
        expect(row.clientId).toBe(12)
        expect(dec(row.fee)).toBe("0.1799")
      }
    },
    {
      method: "getStrategiesHistory",
      path: "/wapi/v1/history/strategies",
      instruction: "strategyHistoryQueryAll",
      params: { strategyId: "880", symbol: "SOL_USDC", marketType: "SPOT", sortDirection: "Desc" },
      wire: { strategyId: "880", symbol: "SOL_USDC", marketType: "SPOT", sortDirection: "Desc" },
      row: {
        id: "880",
        createdAt: "2025-08-01T16:00:00",
        executedQuantity: "5",
        executedQuoteQuantity: "900",
        cancelReason: "InsufficientFunds",
        strategyType: "Scheduled",
        quantity: "10",
        selfTradePrevention: "RejectTaker",
        status: "Cancelled",
        side: "Bid",
        symbol: "SOL_USDC",
        timeInForce: "GTC",
        clientStrategyId: null,
        duration: 3600000,
        interval: 60000,
        randomizedIntervalQuantity: false,
        slippageTolerance: null,
        slippageToleranceType: null
      },
      check: (row: History.Strategy) => {
        expect(row.cancelReason).toBe("InsufficientFunds")
        expect(row.duration).toBe(3600000)
        expect(row.interval).toBe(60000)
        expect(dec(row.executedQuoteQuantity)).toBe("900")
      }
    }
  ]

  for (const testCase of cases) {
    it.effect(`${testCase.method} sends ${testCase.path} signed with ${testCase.instruction} and decodes its rows`, () => {
      http.respond(() => ({ body: [testCase.row] }))
      return Effect.flatMap(History.History, (history) =>
        Effect.gen(function*() {
          const rows = yield* (history[testCase.method] as (p: unknown) => Effect.Effect<ReadonlyArray<unknown>, any>)(
            testCase.params
          )
          expect(rows).toHaveLength(1)
          testCase.check(rows[0])
          const request = http.requests[0]!
          expect(request.method).toBe("GET")
          expect(request.path).toBe(testCase.path)
          expect(request.query).toEqual(
            Object.fromEntries(Object.entries(testCase.wire).map(([key, value]) => [key, String(value)]))
          )
          expectSigned(request, testCase.instruction, testCase.wire)
        }))
    })
  }

  it.effect("the borrow/lend sources list is sent comma-separated and signed raw", () => {
    http.respond(() => ({ body: [] }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        yield* history.getBorrowLendHistory({ sources: ["Manual", "Interest"] })
        const request = http.requests[0]!
        expect(request.url.search).toBe("?sources=Manual%2CInterest")
        const message = expectSigned(request, "borrowHistoryQueryAll", { sources: "Manual,Interest" })
        expect(message).toContain("&sources=Manual,Interest&")
      }))
  })

  it.effect("bad filters fail with a ValidationError naming the field and send nothing", () => {
    http.respond(() => ({ body: [] }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const field = (effect: Effect.Effect<unknown, any>) =>
          Effect.map(Effect.flip(effect), (error) => [error._tag, error.field])
        expect(yield* field(history.getFills({ limit: 0 }))).toEqual(["ValidationError", "limit"])
        expect(yield* field(history.getFills({ limit: 1001 }))).toEqual(["ValidationError", "limit"])
        expect(yield* field(history.getFills({ offset: -1 }))).toEqual(["ValidationError", "offset"])
        expect(yield* field(history.getFills({ from: 10, to: 5 }))).toEqual(["ValidationError", "to"])
        expect(yield* field(history.getFills({ fillType: "user" as any }))).toEqual(["ValidationError", "fillType"])
        expect(yield* field(history.getFills({ symbol: "SOLUSDC" }))).toEqual(["ValidationError", "symbol"])
        expect(yield* field(history.getSettlementHistory({ source: "Funding" as any }))).toEqual([
          "ValidationError",
          "source"
        ])
        expect(yield* field(history.getDustHistory({ id: "12a" }))).toEqual(["ValidationError", "id"])
        expect(yield* field(history.getRfqHistory({ sortDirection: "asc" as any }))).toEqual([
          "ValidationError",
          "sortDirection"
        ])
        expect(yield* field(history.getQuoteHistory({ extra: 1 } as any))).toEqual(["ValidationError", "extra"])
        expect(http.requests.length).toBe(0)
      }))
  })

  it.effect("paginate walks full, full, short pages in order and stops", () => {
    const rows = ["1", "2", "3", "4", "5"].map((id) => ({ ...liveFill, orderId: id }))
    http.respond((request) => {
      const offset = Number(request.query.offset)
      const limit = Number(request.query.limit)
      return { body: rows.slice(offset, offset + limit) }
    })
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const fills = yield* Stream.runCollect(History.paginate(history.getFills, { symbol: "ETH_USDC_PERP" }, 2))
        expect(Chunk.toReadonlyArray(fills).map((fill) => fill.orderId)).toEqual(["1", "2", "3", "4", "5"])
        expect(http.requests.map((request) => request.query)).toEqual([
          { symbol: "ETH_USDC_PERP", limit: "2", offset: "0" },
          { symbol: "ETH_USDC_PERP", limit: "2", offset: "2" },
          { symbol: "ETH_USDC_PERP", limit: "2", offset: "4" }
        ])
        for (const request of http.requests) {
          expectSigned(request, "fillHistoryQueryAll", {
            symbol: "ETH_USDC_PERP",
            limit: 2,
            offset: Number(request.query.offset)
          })
        }
      }))
  })

  it.effect("paginate starts at params.offset, stops on an empty page, and is lazy", () => {
    const rows = [1, 2, 3, 4].map((id) => ({ ...liveFill, orderId: String(id) }))
    http.respond((request) => {
      const offset = Number(request.query.offset)
      return { body: rows.slice(offset, offset + Number(request.query.limit)) }
    })
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const tail = yield* Stream.runCollect(History.paginate(history.getFills, { offset: 2 }, 2))
        expect(Chunk.toReadonlyArray(tail).map((fill) => fill.orderId)).toEqual(["3", "4"])
        // 2 rows (full page) then an empty page at offset 4
        expect(http.requests.map((request) => request.query.offset)).toEqual(["2", "4"])
        const first = yield* Stream.runCollect(Stream.take(History.paginate(history.getFills, {}, 2), 1))
        expect(Chunk.toReadonlyArray(first).map((fill) => fill.orderId)).toEqual(["1"])
        expect(http.requests.length).toBe(3)
      }))
  })

  it.effect("paginate with a page size outside 1..1000 fails with a ValidationError and sends nothing", () => {
    http.respond(() => ({ body: [] }))
    return Effect.flatMap(History.History, (history) =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(Stream.runCollect(History.paginate(history.getOrderHistory, {}, 5000)))
        expect(error._tag === "ValidationError" && error.field).toBe("limit")
        expect(http.requests.length).toBe(0)
      }))
  })
})

describe("History against the simulator (127.0.0.1)", () => {
  it.effect("fills and order history of real trades; paginate walks them page by page", () =>
    Effect.scoped(
      Effect.gen(function*() {
        const sim = yield* Simulator.make({ seed: 5, rateLimits: false, liquidity: false, demoAccount: false })
        const trader = yield* sim.createAccount({ balances: { USDC: "10000" } })
        const maker = yield* sim.createAccount({ balances: { SOL: "50" } })
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "150.00",
          quantity: "10.00"
        })
        for (const quantity of ["1.00", "0.50", "2.00"]) {
          yield* sim.executeOrder(trader.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", quantity })
        }
        const sdk = BackpackNode.layer({ host: sim.url, apiSecret: Redacted.make(trader.apiSecret), retries: 0 })
        yield* Effect.gen(function*() {
          const history = yield* History.History
          const fills = yield* history.getFills({ symbol: "SOL_USDC", marketType: "SPOT", sortDirection: "Asc" })
          expect(fills.map((fill) => [fill.side, dec(fill.quantity), dec(fill.price), fill.isMaker])).toEqual([
            ["Bid", "1", "150", false],
            ["Bid", "0.5", "150", false],
            ["Bid", "2", "150", false]
          ])
          const paged = yield* Stream.runCollect(
            History.paginate(history.getFills, { symbol: "SOL_USDC", sortDirection: "Asc" }, 2)
          )
          expect(Chunk.toReadonlyArray(paged).map((fill) => fill.tradeId)).toEqual(fills.map((fill) => fill.tradeId))
          const orders = yield* history.getOrderHistory({ symbol: "SOL_USDC", limit: 10 })
          expect(orders).toHaveLength(3)
          expect(orders.every((order) => order.status === "Filled" && order.orderType === "Market")).toBe(true)
          expect(new Set(orders.map((order) => order.id))).toEqual(new Set(fills.map((fill) => fill.orderId)))
        }).pipe(Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock)))
      })
    ))
})

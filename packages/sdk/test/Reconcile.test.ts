import { BackpackError, Model, Orders } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Random } from "effect"
import { expectSigned, type Handler, mockHttp, type Recorded, sdkLayer } from "./utils/mock.js"

const openOrder = (clientId: number, symbol = "SOL_USDC") => ({
  orderType: "Limit",
  id: "111063114377265150",
  clientId,
  createdAt: 1753624283415,
  executedQuantity: "0",
  executedQuoteQuantity: "0",
  postOnly: false,
  price: "20.50",
  quantity: "1.0",
  reduceOnly: null,
  selfTradePrevention: "RejectTaker",
  side: "Bid",
  status: "New",
  symbol,
  timeInForce: "GTC"
})

const historyRow = (clientId: number) => ({
  id: "4227701917",
  clientId,
  createdAt: "2025-07-27T18:05:40.897",
  executedQuantity: "1.0",
  executedQuoteQuantity: "20.50",
  expiryReason: null,
  orderType: "Limit",
  postOnly: false,
  price: "20.50",
  quantity: "1.0",
  quoteQuantity: null,
  selfTradePrevention: "RejectTaker",
  status: "Filled",
  side: "Bid",
  symbol: "SOL_USDC",
  timeInForce: "GTC",
  systemOrderType: null,
  strategyId: null
})

/** One recording client for the file; each test gives it its answers. */
const http = mockHttp()

/** A placement lost in transit, then the exchange state the handler describes. */
const lostThen = (answer: (request: Recorded, sentClientIds: ReadonlyArray<number>) => ReturnType<Handler>) => {
  let sent: ReadonlyArray<number> = []
  http.respond((request) => {
    if (request.method === "POST") {
      const body = request.json
      sent = (Array.isArray(body) ? body : [body]).map((o) => (o as { clientId: number }).clientId)
      return "reset"
    }
    return answer(request, sent)
  })
}

const placeLost = Effect.gen(function*() {
  const orders = yield* Orders.Orders
  const outcome = yield* orders.executeOrder({
    symbol: "SOL_USDC",
    side: "Bid",
    orderType: "Limit",
    price: "20.50",
    quantity: "1.0"
  }).pipe(Effect.withRandom(Random.make("reconcile")), Effect.flip)
  if (!(outcome instanceof BackpackError.OutcomeUnknown)) {
    throw new Error(`expected OutcomeUnknown, got ${outcome._tag}`)
  }
  return { orders, outcome }
})

layer(sdkLayer(http.layer))("Orders.reconcile", (it) => {
  it.effect("finds an order still open: placed, with the live order", () => {
    lostThen((request, sent) =>
      request.path === "/api/v1/orders" ? { body: [openOrder(sent[0]! + 1), openOrder(sent[0]!)] } : { status: 500 }
    )
    return Effect.gen(function*() {
      const { orders, outcome } = yield* placeLost
      const [result, ...rest] = yield* orders.reconcile(outcome)
      expect(rest).toEqual([])
      expect(result).toBeInstanceOf(Orders.OrderPlaced)
      if (result?._tag !== "OrderPlaced") throw new Error("expected OrderPlaced")
      expect(result.clientId).toBe(outcome.clientIds[0])
      expect(result.source).toBe("open")
      expect(result.orderId).toBe("111063114377265150")
      expect(result.order).toBeInstanceOf(Orders.LimitOrder)
      // one placement, one open-orders lookup, no history lookup
      expect(http.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
        "POST /api/v1/order",
        "GET /api/v1/orders?symbol=SOL_USDC"
      ])
      expectSigned(http.requests[1]!, "orderQueryAll", { symbol: "SOL_USDC" })
    })
  })

  it.effect("finds an order in the history: placed (filled since)", () => {
    lostThen((request, sent) =>
      request.path === "/api/v1/orders"
        ? { body: [] }
        : request.path === "/wapi/v1/history/orders"
        ? { body: [historyRow(sent[0]! + 1), historyRow(sent[0]!)] }
        : { status: 500 }
    )
    return Effect.gen(function*() {
      const { orders, outcome } = yield* placeLost
      const [result] = yield* orders.reconcile(outcome)
      if (result?._tag !== "OrderPlaced") throw new Error("expected OrderPlaced")
      expect(result.source).toBe("history")
      expect(result.order).toBeInstanceOf(Model.Order)
      expect(result.order.status).toBe("Filled")
      expect(BigDecimal.format(result.order.executedQuoteQuantity!)).toBe("20.5")
      if (!(result.order instanceof Model.Order)) throw new Error("expected a history row")
      expect(DateTime.formatIso(result.order.createdAt)).toBe("2025-07-27T18:05:40.897Z")
      const history = http.requests[2]!
      expect(history.method).toBe("GET")
      expect(history.url.href).toBe(
        "https://api.test/wapi/v1/history/orders?limit=1000&sortDirection=Desc&symbol=SOL_USDC"
      )
      expect(expectSigned(history, "orderHistoryQueryAll", { symbol: "SOL_USDC", limit: 1000, sortDirection: "Desc" }))
        .toMatch(/^instruction=orderHistoryQueryAll&limit=1000&sortDirection=Desc&symbol=SOL_USDC&timestamp=/)
    })
  })

  it.effect("answers not placed when neither the book nor the history has it", () => {
    lostThen((request, sent) =>
      request.path === "/api/v1/orders"
        ? { body: [openOrder(sent[0]! + 1)] }
        : { body: [historyRow(sent[0]! + 2)] }
    )
    return Effect.gen(function*() {
      const { orders, outcome } = yield* placeLost
      const results = yield* orders.reconcile(outcome)
      expect(results).toEqual([new Orders.OrderNotPlaced({ clientId: outcome.clientIds[0]!, symbol: "SOL_USDC" })])
      expect(http.requests).toHaveLength(3)
    })
  })

  it.effect("settles a lost batch per clientId and per market, in request order", () => {
    lostThen((request, sent) => {
      const symbol = request.query.symbol
      if (request.path === "/api/v1/orders") {
        return { body: symbol === "SOL_USDC" ? [openOrder(sent[1]!)] : [] }
      }
      return {
        body: symbol === "ETH_USDC" ? [{ ...historyRow(sent[2]!), symbol: "ETH_USDC", status: "Cancelled" }] : []
      }
    })
    return Effect.gen(function*() {
      const orders = yield* Orders.Orders
      const outcome = yield* Effect.flip(orders.executeOrders([
        { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "20", quantity: "1", clientId: 10 },
        { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "21", quantity: "1", clientId: 11 },
        { symbol: "ETH_USDC", side: "Ask", orderType: "Limit", price: "4000", quantity: "1", clientId: 12 }
      ]))
      if (outcome._tag !== "OutcomeUnknown") throw outcome
      expect(outcome.clientIds).toEqual([10, 11, 12])
      const results = yield* orders.reconcile(outcome)
      expect(results.map((r) => [r._tag, r.clientId, r.symbol, r._tag === "OrderPlaced" ? r.source : null])).toEqual([
        ["OrderNotPlaced", 10, "SOL_USDC", null],
        ["OrderPlaced", 11, "SOL_USDC", "open"],
        ["OrderPlaced", 12, "ETH_USDC", "history"]
      ])
      // one open-orders lookup per market; history only where something is missing
      expect(http.requests.slice(1).map((r) => `${r.url.pathname} ${r.query.symbol}`)).toEqual([
        "/api/v1/orders SOL_USDC",
        "/wapi/v1/history/orders SOL_USDC",
        "/api/v1/orders ETH_USDC",
        "/wapi/v1/history/orders ETH_USDC"
      ])
    })
  })

  it.effect("an outcome of a non-placement operation is a ValidationError, nothing sent", () => {
    http.respond(() => ({ status: 500 }))
    return Effect.gen(function*() {
      const outcome = new BackpackError.OutcomeUnknown({
        operation: "Orders.cancelOpenOrders",
        clientIds: [],
        request: new BackpackError.SentRequest({
          method: "DELETE",
          path: "/api/v1/orders",
          params: { symbol: "SOL_USDC" }
        }),
        reason: "socket hang up"
      })
      const error = yield* Effect.flip((yield* Orders.Orders).reconcile(outcome))
      expect(error._tag).toBe("ValidationError")
      expect(error.message).toContain("Orders.cancelOpenOrders")
      // an RFQ's clientId is not an order's: reconciling it against orders would answer nonsense
      const rfq = new BackpackError.OutcomeUnknown({
        operation: "Rfq.submitRfq",
        clientIds: [5],
        request: new BackpackError.SentRequest({
          method: "POST",
          path: "/api/v1/rfq",
          params: { symbol: "SOL_USDC_RFQ", side: "Bid", quantity: "1", clientId: 5 }
        }),
        reason: "socket hang up"
      })
      expect((yield* Effect.flip((yield* Orders.Orders).reconcile(rfq)))._tag).toBe("ValidationError")
      expect(http.requests).toHaveLength(0)
    })
  })

  it.effect("a failing lookup is an error, not a guess", () => {
    lostThen(() => ({ status: 401, body: { code: "UNAUTHORIZED", message: "no" } }))
    return Effect.gen(function*() {
      const { orders, outcome } = yield* placeLost
      const error = yield* Effect.flip(orders.reconcile(outcome))
      expect(error._tag).toBe("AuthenticationError")
    })
  })
})

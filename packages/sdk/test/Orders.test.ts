import { BackpackClient, BackpackError, Endpoints, Orders } from "@effect-backpack/sdk"
import type { Endpoint } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Effect, Random, TestClock } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

/** §9's live sample: a filled market buy. */
const liveMarketOrder = {
  clientId: null,
  createdAt: 1753624283415,
  executedQuantity: "0.001",
  executedQuoteQuantity: "3.81428",
  id: "4227701917",
  orderType: "Market",
  quantity: "0.001",
  quoteQuantity: "3.82",
  reduceOnly: null,
  relatedOrderId: null,
  selfTradePrevention: "RejectTaker",
  side: "Bid",
  status: "Filled",
  stopLossLimitPrice: null,
  stopLossTriggerBy: null,
  stopLossTriggerPrice: null,
  strategyId: null,
  symbol: "ETH_USDC",
  takeProfitLimitPrice: null,
  takeProfitTriggerBy: null,
  takeProfitTriggerPrice: null,
  timeInForce: "GTC",
  triggerBy: null,
  triggerPrice: null,
  triggerQuantity: null,
  triggeredAt: null
}

const limitOrder = (overrides: Record<string, unknown> = {}) => ({
  orderType: "Limit",
  id: "8284661092",
  clientId: 1001,
  createdAt: 1753624283415,
  executedQuantity: "0",
  executedQuoteQuantity: "0",
  postOnly: true,
  price: "180.50",
  quantity: "1.5",
  reduceOnly: null,
  selfTradePrevention: "RejectTaker",
  side: "Bid",
  status: "New",
  symbol: "SOL_USDC",
  timeInForce: "GTC",
  triggerBy: null,
  triggerPrice: null,
  triggerQuantity: null,
  triggeredAt: null,
  relatedOrderId: null,
  strategyId: null,
  ...overrides
})

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Orders.executeOrder", (it) => {
  it.effect("signs and sends §2.5's limit order byte for byte and decodes the answer", () => {
    http.respond(() => ({ body: limitOrder() }))
    return Effect.gen(function*() {
      yield* TestClock.setTime(1735689600000)
      const orders = yield* Orders.Orders
      const order = yield* orders.executeOrder({
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        timeInForce: "GTC",
        price: "180.50",
        quantity: "1.5",
        clientId: 1001,
        postOnly: true,
        selfTradePrevention: "RejectTaker"
      })
      expect(http.requests).toHaveLength(1)
      const request = http.requests[0]!
      expect(request.method).toBe("POST")
      expect(request.url.href).toBe("https://api.test/api/v1/order")
      expect(request.headers["content-type"]).toBe("application/json; charset=utf-8")
      expect(request.json).toEqual({
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        timeInForce: "GTC",
        price: "180.50",
        quantity: "1.5",
        clientId: 1001,
        postOnly: true,
        selfTradePrevention: "RejectTaker"
      })
      expect(request.headers["x-timestamp"]).toBe("1735689600000")
      expect(expectSigned(request, "orderExecute", request.json as Endpoint.WireParams)).toBe(
        "instruction=orderExecute&clientId=1001&orderType=Limit&postOnly=true&price=180.50&quantity=1.5" +
          "&selfTradePrevention=RejectTaker&side=Bid&symbol=SOL_USDC&timeInForce=GTC&timestamp=1735689600000&window=5000"
      )
      // the worked example of backpack-api.md §2.5, signed with the demo seed
      expect(request.headers["x-signature"]).toBe(
        "Nt/l7sHIKJNAXP9ojVjrCeUspQ2+YbjPUcTWDExau7Md76bstBtp8RzG0lRAVDfFQDatQvTHpakb3ErQUazRBQ=="
      )
      expect(order).toBeInstanceOf(Orders.LimitOrder)
      if (order.orderType !== "Limit") throw new Error("expected a limit order")
      expect(BigDecimal.format(order.price)).toBe("180.5")
      expect(order.price.scale).toBe(2)
      expect(order.clientId).toBe(1001)
      expect(order.postOnly).toBe(true)
      expect(order.status).toBe("New")
    })
  })

  it.effect("decodes §9's live market order exactly", () => {
    http.respond(() => ({ body: liveMarketOrder }))
    return Effect.gen(function*() {
      const order = yield* (yield* Orders.Orders).executeOrder({
        symbol: "ETH_USDC",
        side: "Bid",
        orderType: "Market",
        quoteQuantity: "3.82",
        clientId: 7
      })
      expect(http.requests[0]!.json).toEqual({
        symbol: "ETH_USDC",
        side: "Bid",
        orderType: "Market",
        quoteQuantity: "3.82",
        clientId: 7
      })
      expect(order).toBeInstanceOf(Orders.MarketOrder)
      if (order.orderType !== "Market") throw new Error("expected a market order")
      expect(order.id).toBe("4227701917")
      expect(order.clientId).toBeUndefined()
      expect(order.createdAt).toBe(1753624283415)
      expect(BigDecimal.equals(order.executedQuoteQuantity, BigDecimal.unsafeFromString("3.81428"))).toBe(true)
      expect(BigDecimal.format(order.executedQuantity)).toBe("0.001")
      expect(BigDecimal.format(order.quoteQuantity!)).toBe("3.82")
      expect(order.status).toBe("Filled")
      expect(order.triggerPrice).toBeUndefined()
      expect(order.reduceOnly).toBeUndefined()
    })
  })

  it.effect("generates a uint32 clientId from the Random service when none is given", () => {
    http.respond(() => ({ body: liveMarketOrder }))
    return Effect.gen(function*() {
      const expected = yield* Random.nextIntBetween(1, 4_294_967_296).pipe(Effect.withRandom(Random.make("seed-1")))
      yield* (yield* Orders.Orders).executeOrder({
        symbol: "ETH_USDC",
        side: "Bid",
        orderType: "Market",
        quantity: "0.001"
      }).pipe(Effect.withRandom(Random.make("seed-1")))
      const body = http.requests[0]!.json as Record<string, unknown>
      expect(body.clientId).toBe(expected)
      expect(Number.isInteger(expected) && expected >= 1 && expected <= 4_294_967_295).toBe(true)
      expectSigned(http.requests[0]!, "orderExecute", body as Endpoint.WireParams)
    })
  })

  it.effect("sends decimals exactly as written, and BigDecimals in fixed point", () => {
    http.respond(() => ({ body: limitOrder() }))
    return Effect.gen(function*() {
      yield* (yield* Orders.Orders).executeOrder({
        symbol: "SHIB_USDC",
        side: "Ask",
        orderType: "Limit",
        price: BigDecimal.unsafeFromString("1e-16"),
        quantity: "100.000",
        clientId: 5
      })
      expect(http.requests[0]!.body).toContain("\"price\":\"0.0000000000000001\"")
      expect(http.requests[0]!.body).toContain("\"quantity\":\"100.000\"")
    })
  })

  it.effect("sends a trigger order carrying triggerQuantity instead of quantity", () => {
    http.respond(() => ({
      body: limitOrder({ status: "TriggerPending", quantity: "0", triggerPrice: "150", triggerQuantity: "50%" })
    }))
    return Effect.gen(function*() {
      const order = yield* (yield* Orders.Orders).executeOrder({
        symbol: "SOL_USDC_PERP",
        side: "Ask",
        orderType: "Limit",
        price: "149.5",
        triggerPrice: "150",
        triggerQuantity: "50%",
        triggerBy: "MarkPrice",
        takeProfitTriggerPrice: "170",
        takeProfitLimitPrice: "169.9",
        reduceOnly: true,
        clientId: 9
      })
      expect(http.requests[0]!.json).toEqual({
        symbol: "SOL_USDC_PERP",
        side: "Ask",
        orderType: "Limit",
        price: "149.5",
        triggerPrice: "150",
        triggerQuantity: "50%",
        triggerBy: "MarkPrice",
        takeProfitTriggerPrice: "170",
        takeProfitLimitPrice: "169.9",
        reduceOnly: true,
        clientId: 9
      })
      expect(order.status).toBe("TriggerPending")
      const tq = order.triggerQuantity
      expect(tq !== undefined && !BigDecimal.isBigDecimal(tq) && BigDecimal.format(tq.percent)).toBe("50")
    })
  })

  const invalid: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    ["limit without price", { orderType: "Limit", quantity: "1" }, "price"],
    ["limit without quantity", { orderType: "Limit", price: "1" }, "quantity"],
    [
      "limit with quoteQuantity",
      { orderType: "Limit", price: "1", quantity: "1", quoteQuantity: "2" },
      "quoteQuantity"
    ],
    ["market with both quantities", { orderType: "Market", quantity: "1", quoteQuantity: "2" }, "quoteQuantity"],
    ["market with no quantity", { orderType: "Market" }, "quantity"],
    ["market with a price", { orderType: "Market", quantity: "1", price: "1" }, "price"],
    ["postOnly on a market order", { orderType: "Market", quantity: "1", postOnly: true }, "postOnly"],
    [
      "postOnly with IOC",
      { orderType: "Limit", price: "1", quantity: "1", postOnly: true, timeInForce: "IOC" },
      "postOnly"
    ],
    [
      "postOnly with FOK",
      { orderType: "Limit", price: "1", quantity: "1", postOnly: true, timeInForce: "FOK" },
      "postOnly"
    ],
    ["triggerPrice alone", { orderType: "Market", quantity: "1", triggerPrice: "10" }, "triggerQuantity"],
    ["triggerQuantity alone", { orderType: "Market", quantity: "1", triggerQuantity: "1" }, "triggerPrice"],
    ["triggerBy alone", { orderType: "Market", quantity: "1", triggerBy: "MarkPrice" }, "triggerBy"],
    [
      "TP limit without trigger",
      { orderType: "Market", quantity: "1", takeProfitLimitPrice: "2" },
      "takeProfitLimitPrice"
    ],
    ["SL limit without trigger", { orderType: "Market", quantity: "1", stopLossLimitPrice: "2" }, "stopLossLimitPrice"],
    [
      "SL triggerBy without trigger",
      { orderType: "Market", quantity: "1", stopLossTriggerBy: "LastPrice" },
      "stopLossTriggerBy"
    ],
    ["slippage without type", { orderType: "Market", quantity: "1", slippageTolerance: "1" }, "slippageToleranceType"],
    [
      "slippage type alone",
      { orderType: "Market", quantity: "1", slippageToleranceType: "Percent" },
      "slippageTolerance"
    ],
    ["clientId above uint32", { orderType: "Market", quantity: "1", clientId: 4_294_967_296 }, "clientId"],
    ["negative clientId", { orderType: "Market", quantity: "1", clientId: -1 }, "clientId"],
    ["fractional clientId", { orderType: "Market", quantity: "1", clientId: 1.5 }, "clientId"],
    ["exponent price", { orderType: "Limit", price: "1e-8", quantity: "1" }, "price"],
    ["number quantity", { orderType: "Market", quantity: 1.5 }, "quantity"],
    ["zero quantity", { orderType: "Market", quantity: "0" }, "quantity"],
    ["unknown side", { orderType: "Market", quantity: "1", side: "Buy" }, "side"],
    ["unknown time in force", { orderType: "Market", quantity: "1", timeInForce: "GTD" }, "timeInForce"],
    ["brokerId above uint16", { orderType: "Market", quantity: "1", brokerId: 70000 }, "brokerId"],
    ["unknown field", { orderType: "Market", quantity: "1", amount: "1" }, "amount"],
    ["bad symbol", { orderType: "Market", quantity: "1", symbol: "SOL-USDC" }, "symbol"]
  ]

  for (const [name, fields, field] of invalid) {
    it.effect(`refuses ${name} (field ${field}) without sending anything`, () => {
      http.respond(() => ({ body: liveMarketOrder }))
      return Effect.gen(function*() {
        const error = yield* (yield* Orders.Orders).executeOrder(
          { symbol: "SOL_USDC", side: "Bid", ...fields } as any
        ).pipe(Effect.flip)
        expect(error).toBeInstanceOf(BackpackError.ValidationError)
        if (error._tag !== "ValidationError") throw error
        expect(error.field).toBe(field)
        expect(error.operation).toBe("Orders.executeOrder")
        expect(http.requests.length).toBe(0)
      })
    })
  }
})

layer(sdkLayer(http.layer))("Orders.getOrder", (it) => {
  it.effect("queries by orderId and keeps ids above 2^53 exact", () => {
    http.respond(() => ({
      // a raw body: relatedOrderId is a bare JSON integer above 2^53
      text: JSON.stringify(limitOrder({ id: "111063114377265150", relatedOrderId: 0 }))
        .replace("\"relatedOrderId\":0", "\"relatedOrderId\":111063114377265151"),
      headers: { "content-type": "application/json" }
    }))
    return Effect.gen(function*() {
      const order = yield* (yield* Orders.Orders).getOrder({ symbol: "SOL_USDC", orderId: "111063114377265150" })
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/order")
      expect(request.query).toEqual({ orderId: "111063114377265150", symbol: "SOL_USDC" })
      expect(request.body === undefined || request.body === "").toBe(true)
      expect(expectSigned(request, "orderQuery", { symbol: "SOL_USDC", orderId: "111063114377265150" })).toMatch(
        /^instruction=orderQuery&orderId=111063114377265150&symbol=SOL_USDC&timestamp=\d+&window=5000$/
      )
      expect(order.id).toBe("111063114377265150")
      expect(order.relatedOrderId).toBe("111063114377265151")
    })
  })

  it.effect("queries by clientId", () => {
    http.respond(() => ({ body: limitOrder() }))
    return Effect.gen(function*() {
      const order = yield* (yield* Orders.Orders).getOrder({ symbol: "SOL_USDC", clientId: 1001 })
      expect(http.requests[0]!.query).toEqual({ clientId: "1001", symbol: "SOL_USDC" })
      expectSigned(http.requests[0]!, "orderQuery", { symbol: "SOL_USDC", clientId: 1001 })
      expect(order.clientId).toBe(1001)
    })
  })

  it.effect("needs exactly one of orderId / clientId", () => {
    http.respond(() => ({ body: limitOrder() }))
    return Effect.gen(function*() {
      const orders = yield* Orders.Orders
      const neither = yield* Effect.flip(orders.getOrder({ symbol: "SOL_USDC" }))
      const both = yield* Effect.flip(orders.getOrder({ symbol: "SOL_USDC", orderId: "1", clientId: 1 }))
      expect(neither._tag === "ValidationError" && neither.field).toBe("orderId")
      expect(both._tag === "ValidationError" && both.field).toBe("clientId")
      expect(http.requests.length).toBe(0)
    })
  })

  it.effect("maps a 404 to ApiError RESOURCE_NOT_FOUND", () => {
    http.respond(() => ({ status: 404, body: { code: "RESOURCE_NOT_FOUND", message: "Order not found" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Orders.Orders).getOrder({ symbol: "SOL_USDC", orderId: "42" }))
      expect(error._tag === "ApiError" && [error.status, error.code]).toEqual([404, "RESOURCE_NOT_FOUND"])
    })
  })
})

layer(sdkLayer(http.layer))("Orders.cancelOrder", (it) => {
  it.effect("sends a signed DELETE with a JSON body and decodes the cancelled order", () => {
    http.respond(() => ({ body: limitOrder({ status: "Cancelled" }) }))
    return Effect.gen(function*() {
      const result = yield* (yield* Orders.Orders).cancelOrder({ symbol: "SOL_USDC", orderId: "8284661092" })
      const request = http.requests[0]!
      expect(request.method).toBe("DELETE")
      expect(request.url.href).toBe("https://api.test/api/v1/order")
      expect(request.json).toEqual({ symbol: "SOL_USDC", orderId: "8284661092" })
      expect(expectSigned(request, "orderCancel", { symbol: "SOL_USDC", orderId: "8284661092" })).toMatch(
        /^instruction=orderCancel&orderId=8284661092&symbol=SOL_USDC&timestamp=\d+&window=5000$/
      )
      expect(Orders.isCancelAccepted(result)).toBe(false)
      if (Orders.isCancelAccepted(result)) throw new Error("unexpected")
      expect(result.status).toBe("Cancelled")
      expect(result.id).toBe("8284661092")
    })
  })

  it.effect("reads 202 Accepted (empty body) as CancelAccepted", () => {
    http.respond(() => ({ status: 202 }))
    return Effect.gen(function*() {
      const result = yield* (yield* Orders.Orders).cancelOrder({ symbol: "SOL_USDC", clientId: 1001 })
      expect(http.requests[0]!.json).toEqual({ symbol: "SOL_USDC", clientId: 1001 })
      expect(result).toEqual(new Orders.CancelAccepted({ status: 202 }))
      expect(Orders.isCancelAccepted(result)).toBe(true)
    })
  })

  it.effect("a cancel lost in transit is OutcomeUnknown, sent once", () => {
    http.respond(() => ({ status: 503, body: { code: "MAINTENANCE", message: "down" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Orders.Orders).cancelOrder({ symbol: "SOL_USDC", clientId: 77 }))
      expect(error._tag).toBe("OutcomeUnknown")
      if (error._tag !== "OutcomeUnknown") throw error
      expect(error.clientIds).toEqual([77])
      expect(error.request.method).toBe("DELETE")
      expect(http.requests).toHaveLength(1)
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { retries: 3 } })))
  })
})

layer(sdkLayer(http.layer))("Orders.executeOrders", (it) => {
  it.effect("signs §2.4's batch example byte for byte", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      yield* TestClock.setTime(1750793021519)
      yield* BackpackClient.execute(Endpoints.byService.Orders.executeOrders, [
        { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "141", quantity: "12" },
        { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "140", quantity: "11" }
      ])
      const request = http.requests[0]!
      expect(request.method).toBe("POST")
      expect(request.path).toBe("/api/v1/orders")
      expect(request.headers["x-timestamp"]).toBe("1750793021519")
      expect(expectSigned(request, "orderExecute", request.json as ReadonlyArray<Endpoint.WireParams>)).toBe(
        "instruction=orderExecute&orderType=Limit&price=141&quantity=12&side=Bid&symbol=SOL_USDC_PERP" +
          "&instruction=orderExecute&orderType=Limit&price=140&quantity=11&side=Bid&symbol=SOL_USDC_PERP" +
          "&timestamp=1750793021519&window=5000"
      )
      expect(request.headers["x-signature"]).toBe(
        "e9UDA3qCQqjmuJVecsHH818nwcRBL2kY6MGmgQAGs4Wqcs9Dan7xgHOnTfDXCPmXiSDU4/vx4IYWoDMgk4AeBQ=="
      )
    })
  })

  it.effect("sends the array, generates distinct clientIds, decodes each element on its own", () => {
    http.respond(() => ({
      body: [
        { ...limitOrder({ clientId: 11, price: "141", quantity: "12" }), operation: "Ok" },
        { code: "INSUFFICIENT_FUNDS", message: "Insufficient funds", operation: "Err" },
        { code: "INVALID_PRICE", message: "Price decimal too long" }
      ]
    }))
    return Effect.gen(function*() {
      const results = yield* (yield* Orders.Orders).executeOrders([
        { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "141", quantity: "12", clientId: 11 },
        { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "140", quantity: "11" },
        { symbol: "SOL_USDC_PERP", side: "Ask", orderType: "Market", quoteQuantity: "100" }
      ])
      const body = http.requests[0]!.json as Array<Record<string, unknown>>
      expect(body).toHaveLength(3)
      expect(body[0]).toEqual({
        symbol: "SOL_USDC_PERP",
        side: "Bid",
        orderType: "Limit",
        price: "141",
        quantity: "12",
        clientId: 11
      })
      const ids = body.map((o) => o.clientId as number)
      expect(new Set(ids).size).toBe(3)
      for (const id of ids) expect(Number.isInteger(id) && id >= 0 && id <= 4_294_967_295).toBe(true)
      expect(body[2]).toEqual({
        symbol: "SOL_USDC_PERP",
        side: "Ask",
        orderType: "Market",
        quoteQuantity: "100",
        clientId: ids[2]
      })
      const message = expectSigned(http.requests[0]!, "orderExecute", body as Array<Endpoint.WireParams>)
      expect(message.split("instruction=orderExecute&").length - 1).toBe(3)
      expect(message).toMatch(/&timestamp=\d+&window=5000$/)

      expect(results).toHaveLength(3)
      expect(results[0]).toBeInstanceOf(Orders.LimitOrder)
      expect(Orders.isBatchOrderError(results[0]!)).toBe(false)
      expect(Orders.isBatchOrderError(results[1]!)).toBe(true)
      expect(results[1]).toEqual(
        new Orders.BatchOrderError({ code: "INSUFFICIENT_FUNDS", message: "Insufficient funds" })
      )
      expect(results[2]).toEqual(
        new Orders.BatchOrderError({ code: "INVALID_PRICE", message: "Price decimal too long" })
      )
    })
  })

  it.effect("names the offending element and sends nothing", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      const orders = yield* Orders.Orders
      const good = { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "1", quantity: "1" } as const
      const bad = yield* Effect.flip(orders.executeOrders([good, good, { ...good, price: "1,5" }]))
      expect(bad._tag === "ValidationError" && bad.field).toBe("[2].price")
      const empty = yield* Effect.flip(orders.executeOrders([]))
      expect(empty._tag).toBe("ValidationError")
      const twice = yield* Effect.flip(
        orders.executeOrders([{ ...good, clientId: 5 }, good, { ...good, clientId: 5 }])
      )
      expect(twice._tag === "ValidationError" && [twice.field, twice.detail]).toEqual([
        "[2].clientId",
        "clientId 5 appears twice in the batch"
      ])
      const tooMany = yield* Effect.flip(orders.executeOrders(Array.from({ length: 21 }, () => good)))
      expect(tooMany._tag === "ValidationError" && tooMany.detail).toContain("at most 20")
      expect(http.requests.length).toBe(0)
    })
  })

  it.effect("a batch lost in transit is OutcomeUnknown with every clientId", () => {
    http.respond(() => "reset")
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Orders.Orders).executeOrders([
        { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "1", quantity: "1", clientId: 1 },
        { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "2", quantity: "1", clientId: 2 }
      ]))
      expect(error._tag === "OutcomeUnknown" && error.clientIds).toEqual([1, 2])
      expect(http.requests).toHaveLength(1)
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { retries: 3 } })))
  })
})

layer(sdkLayer(http.layer))("Orders.getOpenOrders", (it) => {
  it.effect("lists open orders of one market", () => {
    http.respond(() => ({ body: [limitOrder(), { ...liveMarketOrder, status: "PartiallyFilled" }] }))
    return Effect.gen(function*() {
      const open = yield* (yield* Orders.Orders).getOpenOrders({ symbol: "SOL_USDC" })
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.url.href).toBe("https://api.test/api/v1/orders?symbol=SOL_USDC")
      expectSigned(request, "orderQueryAll", { symbol: "SOL_USDC" })
      expect(open.map((o) => [o.orderType, o.id, o.status])).toEqual([
        ["Limit", "8284661092", "New"],
        ["Market", "4227701917", "PartiallyFilled"]
      ])
    })
  })

  it.effect("takes no argument, or a market type", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      const orders = yield* Orders.Orders
      expect(yield* orders.getOpenOrders()).toEqual([])
      yield* orders.getOpenOrders({ marketType: "PERP" })
      expect(http.requests[0]!.url.href).toBe("https://api.test/api/v1/orders")
      expect(expectSigned(http.requests[0]!, "orderQueryAll", {})).toMatch(/^instruction=orderQueryAll&timestamp=/)
      expect(http.requests[1]!.query).toEqual({ marketType: "PERP" })
      expectSigned(http.requests[1]!, "orderQueryAll", { marketType: "PERP" })
      const bad = yield* Effect.flip(orders.getOpenOrders({ marketType: "perp" as any }))
      expect(bad._tag === "ValidationError" && bad.field).toBe("marketType")
      expect(http.requests).toHaveLength(2)
    })
  })

  it.effect("tolerates unknown enum values and extra fields", () => {
    http.respond(() => ({ body: [limitOrder({ status: "Parked", selfTradePrevention: "Allow", extra: 1 })] }))
    return Effect.gen(function*() {
      const [order] = yield* (yield* Orders.Orders).getOpenOrders()
      expect(order!.status).toBe("Parked")
      expect(order!.selfTradePrevention).toBe("Allow")
    })
  })
})

layer(sdkLayer(http.layer))("Orders.cancelOpenOrders", (it) => {
  it.effect("sends a signed DELETE with the body and decodes the cancelled orders", () => {
    http.respond(() => ({ body: [limitOrder({ status: "Cancelled" })] }))
    return Effect.gen(function*() {
      const result = yield* (yield* Orders.Orders).cancelOpenOrders({
        symbol: "SOL_USDC",
        orderType: "RestingLimitOrder"
      })
      const request = http.requests[0]!
      expect(request.method).toBe("DELETE")
      expect(request.path).toBe("/api/v1/orders")
      expect(request.json).toEqual({ symbol: "SOL_USDC", orderType: "RestingLimitOrder" })
      expect(expectSigned(request, "orderCancelAll", { symbol: "SOL_USDC", orderType: "RestingLimitOrder" })).toMatch(
        /^instruction=orderCancelAll&orderType=RestingLimitOrder&symbol=SOL_USDC&timestamp=\d+&window=5000$/
      )
      if (Orders.isCancelAccepted(result)) throw new Error("unexpected")
      expect(result.map((o) => o.status)).toEqual(["Cancelled"])
    })
  })

  it.effect("reads [] and 202 Accepted", () => {
    http.respond((_, attempt) => attempt === 1 ? { body: [] } : { status: 202 })
    return Effect.gen(function*() {
      const orders = yield* Orders.Orders
      expect(yield* orders.cancelOpenOrders({ symbol: "SOL_USDC" })).toEqual([])
      expect(yield* orders.cancelOpenOrders({ symbol: "SOL_USDC" })).toEqual(
        new Orders.CancelAccepted({ status: 202 })
      )
      const bad = yield* Effect.flip(orders.cancelOpenOrders({ symbol: "SOL_USDC", orderType: "Limit" as any }))
      expect(bad._tag === "ValidationError" && bad.field).toBe("orderType")
      expect(http.requests).toHaveLength(2)
    })
  })
})

layer(sdkLayer(http.layer))("safe placement", (it) => {
  for (
    const [name, reply] of [["a reset connection", "reset"], ["a 503", { status: 503, text: "unavailable" }]] as const
  ) {
    it.effect(`${name} on POST /api/v1/order is OutcomeUnknown with the generated clientId, sent once`, () => {
      http.respond(() => reply)
      return Effect.gen(function*() {
        const error = yield* (yield* Orders.Orders).executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "20.50",
          quantity: "1.0"
        }).pipe(Effect.withRandom(Random.make("placement")), Effect.flip)
        expect(http.requests).toHaveLength(1)
        expect(error).toBeInstanceOf(BackpackError.OutcomeUnknown)
        if (error._tag !== "OutcomeUnknown") throw error
        const sent = http.requests[0]!.json as Record<string, unknown>
        expect(typeof sent.clientId).toBe("number")
        expect(error.clientIds).toEqual([sent.clientId])
        expect(error.symbol).toBe("SOL_USDC")
        expect(error.operation).toBe("Orders.executeOrder")
        expect(error.request.method).toBe("POST")
        expect(error.request.path).toBe("/api/v1/order")
        expect(error.request.params).toEqual(sent)
        expect(error.message).toContain(`clientId ${sent.clientId}`)
      }).pipe(Effect.provide(sdkLayer(http.layer, { config: { retries: 3 } })))
    })
  }

  it.effect("a 400 answer is an ApiError, not OutcomeUnknown", () => {
    http.respond(() => ({ status: 400, body: { code: "INSUFFICIENT_FUNDS", message: "Insufficient funds" } }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Orders.Orders).executeOrder({
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Market",
        quantity: "1"
      }))
      expect(error._tag === "ApiError" && error.code).toBe("INSUFFICIENT_FUNDS")
      expect(http.requests).toHaveLength(1)
    }).pipe(Effect.provide(sdkLayer(http.layer, { config: { retries: 3 } })))
  })
})

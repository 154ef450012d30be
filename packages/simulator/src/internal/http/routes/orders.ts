/**
 * Orders: execute (single and batch), query, cancel, cancel all, open orders.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as Accounts from "../../engine/accounts.js"
import * as Matching from "../../engine/matching.js"
import { ApiFailure, PlainFailure } from "../../engine/model.js"
import { conditionalOrders } from "../../orderOps.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { MarketType, payloadFailure, QInt, QText, required } from "../edge.js"
import { orderCancel, orderCancelAll, OrderExecute, orderPayload } from "../payloads.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { payload, route } from "../route.js"

/** Largest accepted `POST /api/v1/orders` batch (undocumented upstream; CCXT assumes 20). */
export const MAX_BATCH = 20

const OrderQuery = Schema.Struct({
  symbol: required(QText("MarketSymbol")),
  orderId: Schema.optional(QText("String")),
  clientId: Schema.optional(QInt("uint32"))
})
const OpenOrdersQuery = Schema.Struct({
  symbol: Schema.optional(QText("MarketSymbol")),
  marketType: Schema.optional(MarketType)
})

/** Exactly one of the two ids. */
const oneId = (orderId: string | undefined, clientId: number | undefined) => {
  if ((orderId === undefined) === (clientId === undefined)) {
    throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `clientId` or `orderId`")
  }
  return { orderId: orderId ?? null, clientId: clientId ?? null }
}

export const routes: RouteDomain = (engine) => {
  const order = (o: Parameters<typeof Wire.order>[1]) => Wire.order(engine, o)
  const conditional = conditionalOrders(engine, attach(engine))
  return [
    route({
      method: "GET",
      path: "/api/v1/order",
      instruction: "orderQuery",
      query: OrderQuery,
      handler: ({ account, q }) => {
        const m = engine.market(q.symbol)
        const { clientId, orderId } = oneId(q.orderId, q.clientId)
        const o = Accounts.findOpenOrder(account, m.symbol, orderId, clientId)
        if (o === undefined) return json(conditional.find(account, m.symbol, orderId, clientId))
        return json(order(o))
      }
    }),
    route({
      method: "POST",
      path: "/api/v1/order",
      instruction: "orderExecute",
      orderMutation: true,
      body: payload("OrderExecutePayload", OrderExecute),
      handler: ({ account, b }) => json(conditional.execute(account, b))
    }),
    route({
      method: "POST",
      path: "/api/v1/orders",
      instruction: "orderExecute",
      orderMutation: true,
      handler: ({ account, body }) => {
        if (!Array.isArray(body)) throw payloadFailure("Vec<OrderExecutePayload>", "expected an array")
        if (body.length === 0) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Batch must contain at least one order")
        }
        if (body.length > MAX_BATCH) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", `Batch must contain at most ${MAX_BATCH} orders`)
        }
        // executed in order, not atomic: each element answers its order or its error
        return json(body.map((item) => {
          try {
            return { ...conditional.execute(account, orderPayload(item)), operation: "Ok" }
          } catch (e) {
            if (e instanceof ApiFailure) return { code: e.code, message: e.message, operation: "Err" }
            if (e instanceof PlainFailure) return { code: "INVALID_CLIENT_REQUEST", message: e.text, operation: "Err" }
            throw e
          }
        }))
      }
    }),
    route({
      method: "DELETE",
      path: "/api/v1/order",
      instruction: "orderCancel",
      orderMutation: true,
      body: orderCancel,
      handler: ({ account, b }) => {
        const m = engine.market(b.symbol)
        const { clientId, orderId } = oneId(b.orderId, b.clientId)
        const o = Matching.cancel(engine, account, m.symbol, orderId, clientId)
        if (o === undefined) return json(conditional.cancel(account, m.symbol, orderId, clientId))
        return json(order(o))
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/orders",
      instruction: "orderQueryAll",
      query: OpenOrdersQuery,
      handler: ({ account, q }) => {
        if (q.symbol !== undefined) engine.market(q.symbol)
        const rows = Accounts.openOrders(account, q.symbol)
          .filter((o) => q.marketType === undefined || engine.markets.get(o.symbol)!.def.marketType === q.marketType)
        return json([...rows.map(order), ...conditional.open(account, q.symbol, q.marketType)])
      }
    }),
    route({
      method: "DELETE",
      path: "/api/v1/orders",
      instruction: "orderCancelAll",
      orderMutation: true,
      body: orderCancelAll,
      handler: ({ account, b }) => {
        const m = engine.market(b.symbol)
        if (b.orderType === "ConditionalOrder") return json(conditional.cancelAll(account, m.symbol))
        const resting = Matching.cancelAll(engine, account, m.symbol).map(order)
        return json(
          b.orderType === "RestingLimitOrder" ? resting : [...resting, ...conditional.cancelAll(account, m.symbol)]
        )
      }
    })
  ]
}

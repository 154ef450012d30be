/**
 * Orders: execute (single and batch), query, cancel, cancel all, open orders.
 *
 * @internal
 */
import * as Accounts from "../../engine/accounts.js"
import * as Matching from "../../engine/matching.js"
import { ApiFailure, PlainFailure } from "../../engine/model.js"
import { conditionalOrders } from "../../orderOps.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { enumParam, intParam, MARKET_TYPES, reqString } from "../params.js"
import { bodyMarket, bodyObject, cancelIds } from "../payloads.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"

/** Largest accepted `POST /api/v1/orders` batch (undocumented upstream; CCXT assumes 20). */
export const MAX_BATCH = 20

export const routes: RouteDomain = (engine) => {
  const order = (o: Parameters<typeof Wire.order>[1]) => Wire.order(engine, o)
  const conditional = conditionalOrders(engine, attach(engine))
  return [
    {
      method: "GET",
      path: "/api/v1/order",
      instruction: "orderQuery",
      handler: ({ account, query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const orderId = query.get("orderId")
        const clientId = intParam(query, "clientId", "uint32") ?? null
        if ((orderId === null) === (clientId === null)) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `clientId` or `orderId`")
        }
        const o = Accounts.findOpenOrder(account, m.symbol, orderId, clientId)
        if (o === undefined) return json(conditional.find(account, m.symbol, orderId, clientId))
        return json(order(o))
      }
    },
    {
      method: "POST",
      path: "/api/v1/order",
      instruction: "orderExecute",
      orderMutation: true,
      handler: ({ account, body }) => json(conditional.execute(account, bodyObject(body, "OrderExecutePayload")))
    },
    {
      method: "POST",
      path: "/api/v1/orders",
      instruction: "orderExecute",
      orderMutation: true,
      handler: ({ account, body }) => {
        if (!Array.isArray(body)) {
          throw new PlainFailure(
            400,
            "Bad Request parse request payload error: expected an array (occurred while parsing \"Vec<OrderExecutePayload>\")"
          )
        }
        if (body.length === 0) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Batch must contain at least one order")
        }
        if (body.length > MAX_BATCH) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", `Batch must contain at most ${MAX_BATCH} orders`)
        }
        return json(body.map((item) => {
          try {
            return { ...conditional.execute(account, bodyObject(item, "OrderExecutePayload")), operation: "Ok" }
          } catch (e) {
            if (e instanceof ApiFailure) return { code: e.code, message: e.message, operation: "Err" }
            if (e instanceof PlainFailure) return { code: "INVALID_CLIENT_REQUEST", message: e.text, operation: "Err" }
            throw e
          }
        }))
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/order",
      instruction: "orderCancel",
      orderMutation: true,
      handler: ({ account, body }) => {
        const b = bodyObject(body, "OrderCancelPayload")
        const m = bodyMarket(engine, b, "OrderCancelPayload")
        const { clientId, orderId } = cancelIds(b)
        const o = Matching.cancel(engine, account, m.symbol, orderId, clientId)
        if (o === undefined) return json(conditional.cancel(account, m.symbol, orderId, clientId))
        return json(order(o))
      }
    },
    {
      method: "GET",
      path: "/api/v1/orders",
      instruction: "orderQueryAll",
      handler: ({ account, query }) => {
        const symbol = query.get("symbol")
        if (symbol !== null) engine.market(symbol)
        const type = enumParam(query, "marketType", "MarketType", MARKET_TYPES)
        const rows = Accounts.openOrders(account, symbol ?? undefined)
          .filter((o) => type === undefined || engine.markets.get(o.symbol)!.def.marketType === type)
        return json([...rows.map(order), ...conditional.open(account, symbol ?? undefined, type)])
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/orders",
      instruction: "orderCancelAll",
      orderMutation: true,
      handler: ({ account, body }) => {
        const b = bodyObject(body, "OrderCancelAllPayload")
        const m = bodyMarket(engine, b, "OrderCancelAllPayload")
        const type = b.orderType
        if (type !== undefined && type !== null && type !== "RestingLimitOrder" && type !== "ConditionalOrder") {
          throw new PlainFailure(
            400,
            "Bad Request parse request payload error: failed to parse \"CancelOrderTypeEnum\": Expect a valid enumeration value. (occurred while parsing \"OrderCancelAllPayload\")"
          )
        }
        if (type === "ConditionalOrder") return json(conditional.cancelAll(account, m.symbol))
        const resting = Matching.cancelAll(engine, account, m.symbol).map(order)
        return json(type === "RestingLimitOrder" ? resting : [...resting, ...conditional.cancelAll(account, m.symbol)])
      }
    }
  ]
}

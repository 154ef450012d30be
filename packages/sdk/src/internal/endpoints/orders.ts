/**
 * The order endpoints (`Orders`): placement (single and batch), query, open orders and cancels.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../../Endpoint.js"
import {
  BatchCommandOrderResult,
  CancelAccepted,
  LimitOrder,
  MarketOrder,
  OrderCancelAllPayload,
  OrderCancelPayload,
  OrderExecuteBatchPayload,
  OrderExecutePayload,
  OrderQueryAllParams,
  OrderQueryParams,
  OrderType
} from "../../models/orders.js"

/** A cancel answers the cancelled order (200) or nothing yet (202 Accepted, empty body). */
const accepted = (status: number) => new CancelAccepted({ status })

/** `GET /api/v1/order`: one order still resting on the book (404 otherwise). */
export const getOrder = Endpoint.make({
  operationId: "get_order",
  name: "Orders.getOrder",
  method: "GET",
  path: "/api/v1/order",
  instruction: "orderQuery",
  request: OrderQueryParams,
  response: Endpoint.json(OrderType)
})

/** `POST /api/v1/order`: places one order. Never retried (a lost answer is `OutcomeUnknown`). */
export const executeOrder = Endpoint.make({
  operationId: "execute_order",
  sendsBrokerId: true,
  name: "Orders.executeOrder",
  method: "POST",
  path: "/api/v1/order",
  instruction: "orderExecute",
  request: OrderExecutePayload,
  response: Endpoint.json(OrderType)
})

/** `DELETE /api/v1/order` with a JSON body: the cancelled order, or `CancelAccepted` on 202. */
export const cancelOrder = Endpoint.make({
  operationId: "cancel_order",
  name: "Orders.cancelOrder",
  method: "DELETE",
  path: "/api/v1/order",
  instruction: "orderCancel",
  request: OrderCancelPayload,
  response: Endpoint.json(Schema.Union(LimitOrder, MarketOrder, CancelAccepted), accepted)
})

/** `POST /api/v1/orders`: a batch, signed once per order (§2.4); one result per order. */
export const executeOrders = Endpoint.make({
  operationId: "execute_order_batch",
  sendsBrokerId: true,
  name: "Orders.executeOrders",
  method: "POST",
  path: "/api/v1/orders",
  instruction: "orderExecute",
  request: OrderExecuteBatchPayload,
  response: Endpoint.json(Schema.Array(BatchCommandOrderResult))
})

/** `GET /api/v1/orders`: every open order, optionally of one market or market type. */
export const getOpenOrders = Endpoint.make({
  operationId: "get_open_orders",
  name: "Orders.getOpenOrders",
  method: "GET",
  path: "/api/v1/orders",
  instruction: "orderQueryAll",
  request: OrderQueryAllParams,
  response: Endpoint.json(Schema.Array(OrderType))
})

/** `DELETE /api/v1/orders` with a JSON body: the cancelled orders (maybe `[]`), or `CancelAccepted` on 202. */
export const cancelOpenOrders = Endpoint.make({
  operationId: "cancel_open_orders",
  name: "Orders.cancelOpenOrders",
  method: "DELETE",
  path: "/api/v1/orders",
  instruction: "orderCancelAll",
  request: OrderCancelAllPayload,
  response: Endpoint.json(Schema.Union(Schema.Array(OrderType), CancelAccepted), accepted)
})

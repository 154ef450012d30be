/**
 * The order endpoints (`Orders`): placement (single and batch), query, open orders and cancels.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
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
} from "../models/orders.js"

/** A cancel answers the cancelled order (200) or nothing yet (202 Accepted, empty body). */
const accepted = (status: number) => new CancelAccepted({ status })

/**
 * `GET /api/v1/order`: an order still resting on the book, by `orderId` or `clientId` (exactly
 * one). A filled or cancelled order answers `ApiError` 404 `RESOURCE_NOT_FOUND`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getOrder = Endpoint.make({
  operationId: "get_order",
  name: "Orders.getOrder",
  method: "GET",
  path: "/api/v1/order",
  instruction: "orderQuery",
  request: OrderQueryParams,
  response: () => Endpoint.json(OrderType)
})

/**
 * `POST /api/v1/order`: places one order. A `clientId` is generated (uniform uint32 from the
 * `Random` service) when absent. Never retried; a timeout, reset or 5xx is `OutcomeUnknown`
 * carrying the client id and the request, to settle with `reconcile`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const executeOrder = Endpoint.make({
  operationId: "execute_order",
  sendsBrokerId: true,
  name: "Orders.executeOrder",
  method: "POST",
  path: "/api/v1/order",
  instruction: "orderExecute",
  request: OrderExecutePayload,
  response: () => Endpoint.json(OrderType)
})

/**
 * `DELETE /api/v1/order`: cancels one order by `orderId` or `clientId`. Answers the cancelled
 * order, or `CancelAccepted` when the exchange answered 202 (accepted, not executed yet).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const cancelOrder = Endpoint.make({
  operationId: "cancel_order",
  name: "Orders.cancelOrder",
  method: "DELETE",
  path: "/api/v1/order",
  instruction: "orderCancel",
  request: OrderCancelPayload,
  response: () => Endpoint.json(Schema.Union(LimitOrder, MarketOrder, CancelAccepted), accepted)
})

/**
 * `POST /api/v1/orders`: places 1 to `maxBatchSize` (20) orders in one signed request. Each
 * order is validated (a failure names its element, e.g. `"[2].price"`) and gets a generated
 * `clientId` when it has none (distinct within the batch). The result has one element per order,
 * in order: the order, or a `BatchOrderError` for an order the exchange refused.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const executeOrders = Endpoint.make({
  operationId: "execute_order_batch",
  sendsBrokerId: true,
  name: "Orders.executeOrders",
  method: "POST",
  path: "/api/v1/orders",
  instruction: "orderExecute",
  request: OrderExecuteBatchPayload,
  response: () => Endpoint.json(Schema.Array(BatchCommandOrderResult))
})

/**
 * `GET /api/v1/orders`: every open order, optionally of one `symbol` or `marketType`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getOpenOrders = Endpoint.make({
  operationId: "get_open_orders",
  name: "Orders.getOpenOrders",
  method: "GET",
  path: "/api/v1/orders",
  instruction: "orderQueryAll",
  request: OrderQueryAllParams,
  response: () => Endpoint.json(Schema.Array(OrderType))
})

/**
 * `DELETE /api/v1/orders`: cancels every open order of a market (optionally only resting limit
 * or only trigger orders). Answers the cancelled orders (maybe `[]`), or `CancelAccepted` on 202.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const cancelOpenOrders = Endpoint.make({
  operationId: "cancel_open_orders",
  name: "Orders.cancelOpenOrders",
  method: "DELETE",
  path: "/api/v1/orders",
  instruction: "orderCancelAll",
  request: OrderCancelAllPayload,
  response: () => Endpoint.json(Schema.Union(Schema.Array(OrderType), CancelAccepted), accepted)
})

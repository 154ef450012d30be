/**
 * Order placement, queries and cancels (signed), with safe placement: every placement carries a
 * client id (generated when the caller gives none), placements and cancels are never retried, and
 * an answer lost in transit (`OutcomeUnknown`) can be settled with `reconcile`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Random from "effect/Random"
import { BackpackClient } from "./BackpackClient.js"
import { type BackpackError, type OutcomeUnknown, ValidationError } from "./BackpackError.js"
import type * as Endpoint from "./Endpoint.js"
import * as historyEndpoints from "./endpoints/history.js"
import * as endpoints from "./endpoints/orders.js"
import * as service from "./internal/service.js"
import { type OrderExecuteParams, OrderNotPlaced, OrderPlaced, type ReconcileResult } from "./models/orders.js"

export * from "./models/orders.js"

/**
 * Parameters of `Orders.getOrder` (`GET /api/v1/order`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetOrderParams = Endpoint.Params<typeof endpoints.getOrder>

/**
 * Parameters of `executeOrder`: one order (same type as `OrderExecuteParams`).
 *
 * @since 0.2.0
 * @category params
 */
export type ExecuteOrderParams = Endpoint.Params<typeof endpoints.executeOrder>

/**
 * Parameters of `Orders.cancelOrder` (`DELETE /api/v1/order`).
 *
 * @since 0.2.0
 * @category params
 */
export type CancelOrderParams = Endpoint.Params<typeof endpoints.cancelOrder>

/**
 * Parameters of `executeOrders`: the array of orders itself.
 *
 * @since 0.2.0
 * @category params
 */
export type ExecuteOrdersParams = Endpoint.Params<typeof endpoints.executeOrders>

/**
 * Parameters of `Orders.getOpenOrders` (`GET /api/v1/orders`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetOpenOrdersParams = Endpoint.Params<typeof endpoints.getOpenOrders>

/**
 * Parameters of `Orders.cancelOpenOrders` (`DELETE /api/v1/orders`).
 *
 * @since 0.2.0
 * @category params
 */
export type CancelOpenOrdersParams = Endpoint.Params<typeof endpoints.cancelOpenOrders>

/**
 * The methods of `Orders`, one per endpoint of `Endpoints.Orders` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {
  /**
   * Settles an `OutcomeUnknown`: for each client id of the lost request, looks the order up among
   * the open orders of its market, then in the order history (newest 1000 rows of that market),
   * and answers `OrderPlaced` (with the order found) or `OrderNotPlaced`, in request order.
   *
   * Call it once the request's signing window (`X-Window`, 5 s by default) has passed: a request
   * still in flight is refused by the exchange after that, so `OrderNotPlaced` is then final and
   * resending is safe. An outcome without client ids (e.g. a cancel-all) answers `[]`.
   */
  readonly reconcile: (outcome: OutcomeUnknown) => Effect.Effect<ReadonlyArray<ReconcileResult>, BackpackError>
}

/**
 * The `Orders` service; provide it with `BackpackNode.layerConfig` (or any layer built by `Backpack`).
 *
 * @example
 * ```ts
 * import { Orders } from "@effect-backpack/sdk"
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const orders = yield* Orders.Orders
 *   // a limit buy: it gets a clientId, and is never retried blindly
 *   const outcome = yield* orders.executeOrder({
 *     symbol: "SOL_USDC",
 *     side: "Bid",
 *     orderType: "Limit",
 *     quantity: "1",
 *     price: "20.50"
 *   }).pipe(
 *     Effect.map((order) => `placed ${order.id}: ${order.status}`),
 *     // the answer was lost (timeout, reset, 5xx): ask the exchange, by clientId, what happened
 *     Effect.catchTag("OutcomeUnknown", (unknown) =>
 *       Effect.map(orders.reconcile(unknown), (results) => results.map((result) => result._tag).join(", ")))
 *   )
 *   yield* Effect.log(outcome)
 *   const open = yield* orders.getOpenOrders({ symbol: "SOL_USDC" })
 *   yield* Effect.log(`${open.length} open orders`)
 * })
 *
 * program.pipe(Effect.provide(BackpackNode.layerConfig), NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class Orders extends Context.Tag("@effect-backpack/sdk/Orders")<Orders, Service>() {}

/** The largest uint32 plus one: generated client ids are uniform in 1..2^32-1. */
const clientIdBound = 4_294_967_296

/** The operations whose lost answers `reconcile` can settle. */
const placements = new Set([endpoints.executeOrder.name, endpoints.executeOrders.name])

/** How many history rows `reconcile` reads per market (the endpoint's maximum page). */
const historyDepth = 1000

/** The (clientId, symbol) pairs of a lost request, from its parameters (or the error's summary). */
const targetsOf = (outcome: OutcomeUnknown): Array<{ clientId: number; symbol: string | undefined }> => {
  const params = outcome.request.params
  const items: ReadonlyArray<unknown> = Array.isArray(params) ? params : [params]
  const fromParams = items.flatMap((item) => {
    const record = typeof item === "object" && item !== null ? item as Record<string, unknown> : {}
    return typeof record.clientId === "number"
      ? [{ clientId: record.clientId, symbol: typeof record.symbol === "string" ? record.symbol : outcome.symbol }]
      : []
  })
  return fromParams.length > 0
    ? fromParams
    : outcome.clientIds.map((clientId) => ({ clientId, symbol: outcome.symbol }))
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.zipWith(
  BackpackClient,
  service.make(endpoints),
  (client, methods): Service => {
    const drawClientId = (taken: Set<number>): Effect.Effect<number> =>
      Effect.flatMap(
        Random.nextIntBetween(1, clientIdBound),
        (id) => taken.has(id) ? drawClientId(taken) : Effect.succeed(id)
      )

    /** Adds a generated `clientId` to an order input that has none (left alone if it is not an object). */
    const withClientId = (order: OrderExecuteParams, taken: Set<number>): Effect.Effect<OrderExecuteParams> =>
      typeof order !== "object" || order === null || order.clientId !== undefined
        ? Effect.succeed(order)
        : Effect.map(drawClientId(taken), (clientId) => {
          taken.add(clientId)
          return { ...order, clientId }
        })

    const reconcile: Service["reconcile"] = (outcome) =>
      Effect.gen(function*() {
        if (!placements.has(outcome.operation)) {
          return yield* new ValidationError({
            operation: "Orders.reconcile",
            field: "operation",
            detail:
              `only order placements (Orders.executeOrder, Orders.executeOrders) can be reconciled by clientId; got ${outcome.operation}`
          })
        }
        const targets = targetsOf(outcome)
        const symbols = [...new Set(targets.map((t) => t.symbol))]
        const results = new Map<string, ReconcileResult>()
        const key = (clientId: number, symbol: string | undefined) => `${symbol ?? ""}\u0000${clientId}`
        for (const symbol of symbols) {
          const wanted = targets.filter((t) => t.symbol === symbol)
          const open = yield* methods.getOpenOrders(symbol === undefined ? {} : { symbol })
          const missing: Array<number> = []
          for (const { clientId } of wanted) {
            const order = open.find((o) => o.clientId === clientId)
            if (order === undefined) {
              missing.push(clientId)
              continue
            }
            results.set(
              key(clientId, symbol),
              new OrderPlaced({ clientId, symbol: order.symbol, source: "open", order })
            )
          }
          if (missing.length === 0) continue
          const history = yield* client.execute(historyEndpoints.getOrderHistory, {
            ...(symbol === undefined ? {} : { symbol }),
            limit: historyDepth,
            sortDirection: "Desc"
          })
          for (const clientId of missing) {
            const order = history.find((o) => o.clientId === clientId)
            results.set(
              key(clientId, symbol),
              order === undefined
                ? new OrderNotPlaced({ clientId, ...(symbol === undefined ? {} : { symbol }) })
                : new OrderPlaced({ clientId, symbol: order.symbol, source: "history", order })
            )
          }
        }
        return targets.map((t) => results.get(key(t.clientId, t.symbol))!)
      }).pipe(Effect.withSpan("Orders.reconcile"))

    return {
      ...methods,
      executeOrder: (params) =>
        Effect.flatMap(withClientId(params, new Set()), (order) => client.execute(endpoints.executeOrder, order)),
      executeOrders: (orders) =>
        Effect.gen(function*() {
          if (!Array.isArray(orders)) return yield* client.execute(endpoints.executeOrders, orders)
          const taken = new Set<number>(
            orders.flatMap((o) => typeof o?.clientId === "number" ? [o.clientId] : [])
          )
          const withIds = yield* Effect.forEach(orders, (order) => withClientId(order, taken))
          return yield* client.execute(endpoints.executeOrders, withIds)
        }),
      reconcile
    }
  }
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Orders, never, BackpackClient> = Layer.effect(Orders, make)

/**
 * Every method of `Orders` as a function that takes the service from the context
 * (`Orders.getOrder(params)` is `Effect.flatMap(Orders.Orders, (s) => s.getOrder(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getOrder,
  executeOrder,
  cancelOrder,
  executeOrders,
  getOpenOrders,
  cancelOpenOrders,
  reconcile
} = Effect.serviceFunctions(Orders)

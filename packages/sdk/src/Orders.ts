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
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { BackpackClient } from "./BackpackClient.js"
import { type BackpackError, type OutcomeUnknown, ValidationError } from "./BackpackError.js"
import type { BackpackStream, StreamError } from "./BackpackStream.js"
import type * as Endpoint from "./Endpoint.js"
import * as historyEndpoints from "./endpoints/history.js"
import * as endpoints from "./endpoints/orders.js"
import * as OrderTools from "./internal/account/orders.js"
import * as service from "./internal/service.js"
import type {
  Amended,
  AmendParams as AmendParamsModel,
  NotAmended,
  NotPlaced,
  OrderEvent,
  OrderRef,
  Placed,
  TrackOptions as TrackOptionsModel
} from "./models/accountState.js"
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
  /**
   * The lifecycle of one order (by order id or client id, in its market): `New` (or `TriggerPending`),
   * one `PartiallyFilled` per fill, and its terminal event (`Filled`, `Cancelled`, `Expired`,
   * `TriggerFailed`), then the stream ends. It starts from the order's whole history (events before
   * the call come out `derived`, rebuilt from REST), follows `account.orderUpdate.<symbol>`, and reads
   * the order again after every reconnect and every `pollEvery` (default 5 s), so a lost update cannot
   * leave it open. Fails with `ApiError` 404 when no such order exists. Needs `BackpackStream`.
   */
  readonly track: (
    ref: OrderRef,
    options?: TrackOptionsModel
  ) => Stream.Stream<OrderEvent, BackpackError | StreamError, BackpackStream>
  /**
   * Places an order and follows it: subscribes to the order stream first (so no event is missed),
   * places with a client id (generated when absent), and answers the accepted order with its
   * lifecycle (`updates`, valid as long as the scope). A lost answer (`OutcomeUnknown`) is settled
   * here: after the signing window (plus 1 s, on the `Clock`) the order is looked up by client id
   * (`reconcile`); found, it is answered like a placed one (`source: "reconciled"`); not found, `place`
   * fails with `NotPlaced` (resending is then safe). It never sends the order twice.
   */
  readonly place: (
    params: OrderExecuteParams,
    options?: TrackOptionsModel
  ) => Effect.Effect<
    Placed<BackpackError | StreamError>,
    BackpackError | StreamError | NotPlaced,
    BackpackStream | Scope.Scope
  >
  /**
   * Cancel-and-replace: cancels the order (a lost or `202` cancel answer is settled by reading the order
   * again; cancels are safe to repeat), then places the replacement with {@link Service.place} at the new
   * `price` / `quantity` (default: the old price, and what was left to fill). Fails with `NotAmended`
   * when the order filled or ended before it could be cancelled; nothing is placed then.
   */
  readonly amend: (
    params: AmendParamsModel,
    options?: TrackOptionsModel
  ) => Effect.Effect<
    Amended<BackpackError | StreamError>,
    BackpackError | StreamError | NotPlaced | NotAmended,
    BackpackStream | Scope.Scope
  >
}

/**
 * Parameters of `Orders.amend`.
 *
 * @since 0.3.0
 * @category params
 */
export type AmendParams = AmendParamsModel

/**
 * Options of `Orders.track` / `place` / `amend`.
 *
 * @since 0.3.0
 * @category models
 */
export type TrackOptions = TrackOptionsModel

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
      reconcile,
      track: (ref, options) => OrderTools.track(client, ref, options),
      place: (params, options) =>
        OrderTools.place(client, reconcile, drawClientId(new Set()), params, options).pipe(
          Effect.withSpan("Orders.place")
        ),
      amend: (params, options) =>
        OrderTools.amend(client, reconcile, drawClientId(new Set()), params, options).pipe(
          Effect.withSpan("Orders.amend")
        )
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

/**
 * `Orders.track(ref)` with the service from the context.
 *
 * @since 0.3.0
 * @category accessors
 */
export const track = (
  ref: OrderRef,
  options?: TrackOptions
): Stream.Stream<OrderEvent, BackpackError | StreamError, BackpackStream | Orders> =>
  Stream.unwrap(Effect.map(Orders, (orders) => orders.track(ref, options)))

/**
 * `Orders.place(params)` with the service from the context.
 *
 * @since 0.3.0
 * @category accessors
 */
export const place = (
  params: OrderExecuteParams,
  options?: TrackOptions
): Effect.Effect<
  Placed<BackpackError | StreamError>,
  BackpackError | StreamError | NotPlaced,
  BackpackStream | Scope.Scope | Orders
> => Effect.flatMap(Orders, (orders) => orders.place(params, options))

/**
 * `Orders.amend(params)` with the service from the context.
 *
 * @since 0.3.0
 * @category accessors
 */
export const amend = (
  params: AmendParams,
  options?: TrackOptions
): Effect.Effect<
  Amended<BackpackError | StreamError>,
  BackpackError | StreamError | NotPlaced | NotAmended,
  BackpackStream | Scope.Scope | Orders
> => Effect.flatMap(Orders, (orders) => orders.amend(params, options))

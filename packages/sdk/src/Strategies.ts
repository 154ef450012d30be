/**
 * Scheduled (TWAP-like) strategies: create, query, cancel. Every call is signed. A cancel the
 * exchange accepted without executing yet (HTTP 202) answers `CancelAccepted` (the class the order
 * cancels use; test it with `Orders.isCancelAccepted`).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/strategies.js"
import * as service from "./internal/service.js"

export * from "./models/strategies.js"

/**
 * The 202 answer of a cancel (shared with `Orders`) and its guard.
 *
 * @since 0.1.0
 * @category models
 */
export { CancelAccepted, isCancelAccepted } from "./models/orders.js"

/**
 * Parameters of `Strategies.getStrategy` (`GET /api/v1/strategy`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetStrategyParams = Endpoint.Params<typeof endpoints.getStrategy>

/**
 * Parameters of `Strategies.createStrategy` (`POST /api/v1/strategy`).
 *
 * @since 0.2.0
 * @category params
 */
export type CreateStrategyParams = Endpoint.Params<typeof endpoints.createStrategy>

/**
 * Parameters of `Strategies.cancelStrategy` (`DELETE /api/v1/strategy`).
 *
 * @since 0.2.0
 * @category params
 */
export type CancelStrategyParams = Endpoint.Params<typeof endpoints.cancelStrategy>

/**
 * Parameters of `Strategies.getOpenStrategies` (`GET /api/v1/strategies`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetOpenStrategiesParams = Endpoint.Params<typeof endpoints.getOpenStrategies>

/**
 * Parameters of `Strategies.cancelOpenStrategies` (`DELETE /api/v1/strategies`).
 *
 * @since 0.2.0
 * @category params
 */
export type CancelOpenStrategiesParams = Endpoint.Params<typeof endpoints.cancelOpenStrategies>

/**
 * The methods of `Strategies`, one per endpoint of `Endpoints.Strategies` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Strategies extends Context.Tag("@effect-backpack/sdk/Strategies")<Strategies, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Strategies, never, BackpackClient> = Layer.effect(Strategies, make)

/**
 * Every method of `Strategies` as a function that takes the service from the context
 * (`Strategies.getStrategy(params)` is `Effect.flatMap(Strategies.Strategies, (s) => s.getStrategy(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getStrategy,
  createStrategy,
  cancelStrategy,
  getOpenStrategies,
  cancelOpenStrategies
} = Effect.serviceFunctions(Strategies)

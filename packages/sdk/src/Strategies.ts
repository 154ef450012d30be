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
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/strategies.js"
import type { CancelAccepted } from "./models/orders.js"
import type { ScheduledStrategy } from "./models/strategies.js"

export * from "./models/strategies.js"

/**
 * The 202 answer of a cancel (shared with `Orders`) and its guard.
 *
 * @since 0.1.0
 * @category models
 */
export { CancelAccepted, isCancelAccepted } from "./models/orders.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * `GET /api/v1/strategy` (`strategyQuery`): a live strategy by exactly one of `strategyId` /
   * `clientStrategyId`. Fails with `ApiError` 404 when it is no longer running.
   */
  readonly getStrategy: (
    params: Input<typeof endpoints.getStrategy>
  ) => Effect.Effect<ScheduledStrategy, BackpackError>
  /**
   * `POST /api/v1/strategy` (`strategyCreate`): starts a strategy (`strategyType: "Scheduled"`;
   * `duration` and `interval` in ms). Never retried.
   */
  readonly createStrategy: (
    params: Input<typeof endpoints.createStrategy>
  ) => Effect.Effect<ScheduledStrategy, BackpackError>
  /**
   * `DELETE /api/v1/strategy` (`strategyCancel`): cancels by exactly one of `strategyId` /
   * `clientStrategyId`; the cancelled strategy, or `CancelAccepted` on 202.
   */
  readonly cancelStrategy: (
    params: Input<typeof endpoints.cancelStrategy>
  ) => Effect.Effect<ScheduledStrategy | CancelAccepted, BackpackError>
  /** `GET /api/v1/strategies` (`strategyQueryAll`): the running strategies. */
  readonly getOpenStrategies: (
    params?: Input<typeof endpoints.getOpenStrategies>
  ) => Effect.Effect<ReadonlyArray<ScheduledStrategy>, BackpackError>
  /**
   * `DELETE /api/v1/strategies` (`strategyCancelAll`): cancels every strategy of a market; the
   * cancelled strategies, or `CancelAccepted` on 202.
   */
  readonly cancelOpenStrategies: (
    params: Input<typeof endpoints.cancelOpenStrategies>
  ) => Effect.Effect<ReadonlyArray<ScheduledStrategy> | CancelAccepted, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Strategies extends Context.Tag("@effect-backpack/sdk/Strategies")<Strategies, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getStrategy: (params) => client.execute(endpoints.getStrategy, params),
  createStrategy: (params) => client.execute(endpoints.createStrategy, params),
  cancelStrategy: (params) => client.execute(endpoints.cancelStrategy, params),
  getOpenStrategies: (params) => client.execute(endpoints.getOpenStrategies, params ?? {}),
  cancelOpenStrategies: (params) => client.execute(endpoints.cancelOpenStrategies, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Strategies, never, BackpackClient> = Layer.effect(Strategies, make)

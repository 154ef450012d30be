/**
 * Open futures positions (signed).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/positions.js"
import * as service from "./internal/service.js"
import type { FuturePositionWithMargin } from "./models/positions.js"

export * from "./models/positions.js"

/**
 * Parameters of `Positions.getPositions` (`GET /api/v1/position`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetPositionsParams = Endpoint.Params<typeof endpoints.getPositions>

/**
 * The methods of `Positions`, one per endpoint of `Endpoints.Positions` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Positions extends Context.Tag("@effect-backpack/sdk/Positions")<Positions, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(
  service.make(endpoints),
  (methods): Service => ({
    getPositions: (params) =>
      methods.getPositions(params).pipe(
        Effect.catchIf(
          (error) => error._tag === "ApiError" && error.status === 404 && params?.symbol !== undefined,
          () => Effect.succeed<ReadonlyArray<FuturePositionWithMargin>>([])
        )
      )
  })
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Positions, never, BackpackClient> = Layer.effect(Positions, make)

/**
 * Every method of `Positions` as a function that takes the service from the context
 * (`Positions.getPositions(params)` is `Effect.flatMap(Positions.Positions, (s) => s.getPositions(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getPositions
} = Effect.serviceFunctions(Positions)

/**
 * Open futures positions (signed).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import * as endpoints from "./internal/endpoints/positions.js"
import type { FuturePositionWithMargin } from "./models/positions.js"

export * from "./models/positions.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * `GET /api/v1/position`: open futures positions, optionally of one `symbol` or `marketType`.
   *
   * The exchange answers 404 `RESOURCE_NOT_FOUND` when `symbol` names a market without an open
   * position; the SDK turns that into an empty array, so "no position" reads the same with or
   * without a filter. Other failures (including a 404 without a symbol filter) stay errors.
   */
  readonly getPositions: (
    params?: Schema.Schema.Encoded<typeof endpoints.getPositions.request>
  ) => Effect.Effect<ReadonlyArray<FuturePositionWithMargin>, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Positions extends Context.Tag("@effect-backpack/sdk/Positions")<Positions, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getPositions: (params) =>
    client.execute(endpoints.getPositions, params ?? {}).pipe(
      Effect.catchIf(
        (error) => error._tag === "ApiError" && error.status === 404 && params?.symbol !== undefined,
        () => Effect.succeed([] as ReadonlyArray<FuturePositionWithMargin>)
      )
    )
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Positions, never, BackpackClient> = Layer.effect(Positions, make)

/**
 * Assets listed on the exchange (with deposit and withdrawal rules per blockchain) and the
 * collateral parameters of each collateral asset. No API key needed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/assets.js"
import * as service from "./internal/service.js"

export * from "./models/assets.js"

/**
 * Parameters of `getAssets`: `country` (ISO 3166-1 alpha-2, e.g. `"US"`) filters the assets
 * available there.
 *
 * @since 0.1.0
 * @category models
 */
export type GetAssetsParams = Endpoint.Params<typeof endpoints.getAssets>

/**
 * The methods of `Assets`, one per endpoint of `Endpoints.Assets` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Assets extends Context.Tag("@effect-backpack/sdk/Assets")<Assets, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Assets, never, BackpackClient> = Layer.effect(Assets, make)

/**
 * Every method of `Assets` as a function that takes the service from the context
 * (`Assets.getAssets(params)` is `Effect.flatMap(Assets.Assets, (s) => s.getAssets(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getAssets,
  getCollateralParameters
} = Effect.serviceFunctions(Assets)

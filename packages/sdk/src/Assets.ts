/**
 * Assets listed on the exchange (with deposit and withdrawal rules per blockchain) and the
 * collateral parameters of each collateral asset. No API key needed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/assets.js"
import type { CollateralSummary, MarketAsset } from "./models/assets.js"

export * from "./models/assets.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * Parameters of `getAssets`: `country` (ISO 3166-1 alpha-2, e.g. `"US"`) filters the assets
 * available there.
 *
 * @since 0.1.0
 * @category models
 */
export type GetAssetsParams = Input<typeof endpoints.getAssets>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/assets`: every asset and its tokens per blockchain. */
  readonly getAssets: (params?: GetAssetsParams) => Effect.Effect<ReadonlyArray<MarketAsset>, BackpackError>
  /** `GET /api/v1/collateral`: margin and haircut functions of each collateral asset. */
  readonly getCollateralParameters: (params?: {}) => Effect.Effect<ReadonlyArray<CollateralSummary>, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Assets extends Context.Tag("@effect-backpack/sdk/Assets")<Assets, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getAssets: (params) => client.execute(endpoints.getAssets, params ?? {}),
  getCollateralParameters: (params) => client.execute(endpoints.getCollateralParameters, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Assets, never, BackpackClient> = Layer.effect(Assets, make)

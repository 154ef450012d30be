/**
 * Funding of perpetuals: the public funding-rate history of a market and the account's own
 * funding payments (signed).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/funding.js"
import * as service from "./internal/service.js"

export * from "./models/funding.js"

/**
 * Parameters of `getFundingRates`: a perpetual `symbol`, `limit` 1 … 10000 (default 100), `offset`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetFundingRatesParams = Endpoint.Params<typeof endpoints.getFundingRates>

/**
 * Parameters of `getFundingPayments`: optional `subaccountId`, `symbol`, `limit` 1 … 1000 (default
 * 100), `offset`, `sortDirection`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetFundingPaymentsParams = Endpoint.Params<typeof endpoints.getFundingPayments>

/**
 * The methods of `Funding`, one per endpoint of `Endpoints.Funding` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Funding extends Context.Tag("@effect-backpack/sdk/Funding")<Funding, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Funding, never, BackpackClient> = Layer.effect(Funding, make)

/**
 * Every method of `Funding` as a function that takes the service from the context
 * (`Funding.getFundingRates(params)` is `Effect.flatMap(Funding.Funding, (s) => s.getFundingRates(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getFundingRates,
  getFundingPayments
} = Effect.serviceFunctions(Funding)

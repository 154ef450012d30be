/**
 * Funding of perpetuals: the public funding-rate history of a market and the account's own
 * funding payments (signed).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/funding.js"
import type { FundingIntervalRate, FundingPayment } from "./models/funding.js"

export * from "./models/funding.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * Parameters of `getFundingRates`: a perpetual `symbol`, `limit` 1 … 10000 (default 100), `offset`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetFundingRatesParams = Input<typeof endpoints.getFundingRates>

/**
 * Parameters of `getFundingPayments`: optional `subaccountId`, `symbol`, `limit` 1 … 1000 (default
 * 100), `offset`, `sortDirection`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetFundingPaymentsParams = Input<typeof endpoints.getFundingPayments>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/fundingRates`: funding rates of one perpetual, newest first (public). */
  readonly getFundingRates: (
    params: GetFundingRatesParams
  ) => Effect.Effect<ReadonlyArray<FundingIntervalRate>, BackpackError>
  /** `GET /wapi/v1/history/funding`: the account's funding payments (signed `fundingHistoryQueryAll`). */
  readonly getFundingPayments: (
    params?: GetFundingPaymentsParams
  ) => Effect.Effect<ReadonlyArray<FundingPayment>, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Funding extends Context.Tag("@effect-backpack/sdk/Funding")<Funding, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getFundingRates: (params) => client.execute(endpoints.getFundingRates, params),
  getFundingPayments: (params) => client.execute(endpoints.getFundingPayments, params ?? {})
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Funding, never, BackpackClient> = Layer.effect(Funding, make)

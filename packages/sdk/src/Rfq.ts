/**
 * Request for quote: takers submit, refresh, cancel RFQs and accept quotes; makers submit quotes.
 * Every call is signed. RFQ and quote ids are exact strings.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/rfq.js"
import * as service from "./internal/service.js"

export * from "./models/rfq.js"

/**
 * Parameters of `Rfq.submitRfq` (`POST /api/v1/rfq`).
 *
 * @since 0.2.0
 * @category params
 */
export type SubmitRfqParams = Endpoint.Params<typeof endpoints.submitRfq>

/**
 * Parameters of `Rfq.submitQuote` (`POST /api/v1/rfq/quote`).
 *
 * @since 0.2.0
 * @category params
 */
export type SubmitQuoteParams = Endpoint.Params<typeof endpoints.submitQuote>

/**
 * Parameters of `Rfq.acceptQuote` (`POST /api/v1/rfq/accept`).
 *
 * @since 0.2.0
 * @category params
 */
export type AcceptQuoteParams = Endpoint.Params<typeof endpoints.acceptQuote>

/**
 * Parameters of `Rfq.refreshRfq` (`POST /api/v1/rfq/refresh`).
 *
 * @since 0.2.0
 * @category params
 */
export type RefreshRfqParams = Endpoint.Params<typeof endpoints.refreshRfq>

/**
 * Parameters of `Rfq.cancelRfq` (`POST /api/v1/rfq/cancel`).
 *
 * @since 0.2.0
 * @category params
 */
export type CancelRfqParams = Endpoint.Params<typeof endpoints.cancelRfq>

/**
 * Parameters of `Rfq.getOpenRfqs` (`GET /api/v1/rfqs`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetOpenRfqsParams = Endpoint.Params<typeof endpoints.getOpenRfqs>

/**
 * The methods of `Rfq`, one per endpoint of `Endpoints.Rfq` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Rfq extends Context.Tag("@effect-backpack/sdk/Rfq")<Rfq, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Rfq, never, BackpackClient> = Layer.effect(Rfq, make)

/**
 * Every method of `Rfq` as a function that takes the service from the context
 * (`Rfq.submitRfq(params)` is `Effect.flatMap(Rfq.Rfq, (s) => s.submitRfq(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  submitRfq,
  submitQuote,
  acceptQuote,
  refreshRfq,
  cancelRfq,
  getOpenRfqs
} = Effect.serviceFunctions(Rfq)

/**
 * Request for quote: takers submit, refresh, cancel RFQs and accept quotes; makers submit quotes.
 * Every call is signed. RFQ and quote ids are exact strings.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/rfq.js"
import type { Quote, RequestForQuote, RfqWithQuotes } from "./models/rfq.js"

export * from "./models/rfq.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * `POST /api/v1/rfq` (`rfqSubmit`). Give exactly one of `quantity` / `quoteQuantity`;
   * `executionMode: "Immediate"` requires a `price`.
   */
  readonly submitRfq: (params: Input<typeof endpoints.submitRfq>) => Effect.Effect<RequestForQuote, BackpackError>
  /** `POST /api/v1/rfq/quote` (`quoteSubmit`): a maker quote with both `bidPrice` and `askPrice`. */
  readonly submitQuote: (params: Input<typeof endpoints.submitQuote>) => Effect.Effect<Quote, BackpackError>
  /** `POST /api/v1/rfq/accept` (`quoteAccept`): the taker accepts a quote. */
  readonly acceptQuote: (params: Input<typeof endpoints.acceptQuote>) => Effect.Effect<RequestForQuote, BackpackError>
  /** `POST /api/v1/rfq/refresh` (`rfqRefresh`): extends the RFQ's window. */
  readonly refreshRfq: (params: Input<typeof endpoints.refreshRfq>) => Effect.Effect<RequestForQuote, BackpackError>
  /** `POST /api/v1/rfq/cancel` (`rfqCancel`): cancels by exactly one of `rfqId` / `clientId`. */
  readonly cancelRfq: (params: Input<typeof endpoints.cancelRfq>) => Effect.Effect<RequestForQuote, BackpackError>
  /**
   * `GET /api/v1/rfqs` (`rfqQuery`): the account's open RFQs with their quotes. `rfqId` is a
   * uint64 that exceeds 2^53: pass it as a digit string.
   */
  readonly getOpenRfqs: (
    params?: Input<typeof endpoints.getOpenRfqs>
  ) => Effect.Effect<ReadonlyArray<RfqWithQuotes>, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Rfq extends Context.Tag("@effect-backpack/sdk/Rfq")<Rfq, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  submitRfq: (params) => client.execute(endpoints.submitRfq, params),
  submitQuote: (params) => client.execute(endpoints.submitQuote, params),
  acceptQuote: (params) => client.execute(endpoints.acceptQuote, params),
  refreshRfq: (params) => client.execute(endpoints.refreshRfq, params),
  cancelRfq: (params) => client.execute(endpoints.cancelRfq, params),
  getOpenRfqs: (params) => client.execute(endpoints.getOpenRfqs, params ?? {})
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Rfq, never, BackpackClient> = Layer.effect(Rfq, make)

/**
 * Endpoint table of the `Rfq` service.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import { DigitsParam, exactlyOneOf } from "../internal/historyParams.js"
import * as S from "../internal/schema.js"
import { RfqExecutionMode, Side } from "../models/enums.js"
import { Quote, RequestForQuote, RfqWithQuotes } from "../models/rfq.js"

const spotMargin = S.lazy(() => ({
  autoLend: Schema.optional(Schema.Boolean),
  autoLendRedeem: Schema.optional(Schema.Boolean),
  autoBorrow: Schema.optional(Schema.Boolean),
  autoBorrowRepay: Schema.optional(Schema.Boolean)
}))

/**
 * `POST /api/v1/rfq` (`rfqSubmit`). Give exactly one of `quantity` / `quoteQuantity`;
 * `executionMode: "Immediate"` requires a `price`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const submitRfq = Endpoint.make({
  operationId: "submit_rfq",
  name: "Rfq.submitRfq",
  method: "POST",
  path: "/api/v1/rfq",
  instruction: "rfqSubmit",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      side: Side,
      quantity: Schema.optional(S.PositiveDecimalParam),
      quoteQuantity: Schema.optional(S.PositiveDecimalParam),
      price: Schema.optional(S.PositiveDecimalParam),
      clientId: Schema.optional(S.Uint32),
      executionMode: Schema.optional(RfqExecutionMode),
      ...spotMargin()
    }).pipe(
      Schema.filter(exactlyOneOf("quantity", "quoteQuantity")),
      Schema.filter((params) =>
        params.executionMode === "Immediate" && params.price === undefined
          ? { path: ["price"], message: "`executionMode: \"Immediate\"` requires a `price`" }
          : true
      )
    ),
  response: () => Endpoint.json(RequestForQuote)
})

/**
 * `POST /api/v1/rfq/quote` (`quoteSubmit`): a maker quote with both `bidPrice` and `askPrice`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const submitQuote = Endpoint.make({
  operationId: "submit_quote",
  name: "Rfq.submitQuote",
  method: "POST",
  path: "/api/v1/rfq/quote",
  instruction: "quoteSubmit",
  request: () =>
    Schema.Struct({
      rfqId: S.NonEmpty,
      bidPrice: S.PositiveDecimalParam,
      askPrice: S.PositiveDecimalParam,
      clientId: Schema.optional(S.Uint32),
      ...spotMargin()
    }),
  response: () => Endpoint.json(Quote)
})

/**
 * `POST /api/v1/rfq/accept` (`quoteAccept`): the taker accepts a quote.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const acceptQuote = Endpoint.make({
  operationId: "accept_quote",
  name: "Rfq.acceptQuote",
  method: "POST",
  path: "/api/v1/rfq/accept",
  instruction: "quoteAccept",
  request: () =>
    Schema.Struct({
      quoteId: S.NonEmpty,
      rfqId: Schema.optional(S.NonEmpty),
      clientId: Schema.optional(S.Uint32)
    }),
  response: () => Endpoint.json(RequestForQuote)
})

/**
 * `POST /api/v1/rfq/refresh` (`rfqRefresh`): extends the RFQ's window.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const refreshRfq = Endpoint.make({
  operationId: "refresh_rfq",
  name: "Rfq.refreshRfq",
  method: "POST",
  path: "/api/v1/rfq/refresh",
  instruction: "rfqRefresh",
  request: () => Schema.Struct({ rfqId: S.NonEmpty }),
  response: () => Endpoint.json(RequestForQuote)
})

/**
 * `POST /api/v1/rfq/cancel` (`rfqCancel`): cancels by exactly one of `rfqId` / `clientId`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const cancelRfq = Endpoint.make({
  operationId: "cancel_rfq",
  name: "Rfq.cancelRfq",
  method: "POST",
  path: "/api/v1/rfq/cancel",
  instruction: "rfqCancel",
  request: () =>
    Schema.Struct({
      rfqId: Schema.optional(S.NonEmpty),
      clientId: Schema.optional(S.Uint32)
    }).pipe(Schema.filter(exactlyOneOf("rfqId", "clientId"))),
  response: () => Endpoint.json(RequestForQuote)
})

/**
 * `GET /api/v1/rfqs` (`rfqQuery`): the account's open RFQs with their quotes. `rfqId` is a
 * uint64 that exceeds 2^53: pass it as a digit string.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getOpenRfqs = Endpoint.make({
  operationId: "get_open_rfqs",
  name: "Rfq.getOpenRfqs",
  method: "GET",
  path: "/api/v1/rfqs",
  instruction: "rfqQuery",
  request: () =>
    Schema.Struct({
      symbol: Schema.optional(S.MarketSymbol),
      /** uint64 on the wire and above 2^53 in practice: pass the id string (sent exactly). */
      rfqId: Schema.optional(DigitsParam),
      deferredSettlement: Schema.optional(Schema.Boolean),
      subaccountId: Schema.optional(S.Uint16)
    }),
  response: () => Endpoint.json(Schema.Array(RfqWithQuotes))
})

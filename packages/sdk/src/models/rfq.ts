/**
 * Models of the RFQ (request for quote) endpoints. RFQ and quote ids are kept as exact strings:
 * on the WebSocket they exceed 2^53.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import { OrderStatus, RfqExecutionMode, Side, SystemOrderType } from "./enums.js"

/**
 * A request for quote (`POST /api/v1/rfq`, accept, refresh, cancel).
 *
 * @since 0.1.0
 * @category models
 */
export class RequestForQuote extends Schema.Class<RequestForQuote>("RequestForQuote")({
  /** RFQ id (exact string). */
  rfqId: S.Id,
  /** Caller's uint32 id. */
  clientId: S.optional(S.Int),
  /** Market symbol (`…_RFQ`). */
  symbol: Schema.String,
  /** `Bid` or `Ask`. */
  side: Side.open,
  /** Limit price. */
  price: S.optional(S.Decimal),
  /** Base quantity. */
  quantity: S.optional(S.Decimal),
  /** Quote quantity. */
  quoteQuantity: S.optional(S.Decimal),
  /** Time by which quotes must be submitted (epoch ms). */
  submissionTime: S.Millis,
  /** Set on RFQs the system placed (collateral conversion). */
  systemOrderType: S.optional(SystemOrderType.open),
  /** Expiry time (epoch ms). */
  expiryTime: S.Millis,
  /** Status. */
  status: OrderStatus.open,
  /** `AwaitAccept` or `Immediate`. */
  executionMode: RfqExecutionMode.open,
  /** Creation time (epoch ms). */
  createdAt: S.Millis
}) {}

/**
 * A maker's quote (`POST /api/v1/rfq/quote`).
 *
 * @since 0.1.0
 * @category models
 */
export class Quote extends Schema.Class<Quote>("Quote")({
  /** RFQ id (exact string). */
  rfqId: S.Id,
  /** Quote id (exact string). */
  quoteId: S.Id,
  /** Caller's uint32 id. */
  clientId: S.optional(S.Int),
  /** Bid price. */
  bidPrice: S.Decimal,
  /** Ask price. */
  askPrice: S.Decimal,
  /** Status. */
  status: OrderStatus.open,
  /** Creation time (epoch ms). */
  createdAt: S.Millis
}) {}

/**
 * An open RFQ of the account with the quotes it received (`GET /api/v1/rfqs`).
 *
 * @since 0.1.0
 * @category models
 */
export class RfqWithQuotes extends Schema.Class<RfqWithQuotes>("RfqWithQuotes")({
  /** The RFQ. */
  rfq: RequestForQuote,
  /** Its quotes. */
  quotes: Schema.Array(Quote)
}) {}

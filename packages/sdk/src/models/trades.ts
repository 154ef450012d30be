/**
 * Models of the public trade endpoints.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"

/**
 * A public trade (`GET /api/v1/trades`, `GET /api/v1/trades/history`).
 *
 * @since 0.1.0
 * @category models
 */
export class Trade extends Schema.Class<Trade>("Trade")({
  /** Trade id (int64 on the wire, kept as an exact string). */
  id: S.optional(S.Id),
  /** Price. */
  price: S.Decimal,
  /** Quantity in the base asset. */
  quantity: S.Decimal,
  /** Quantity in the quote asset. */
  quoteQuantity: S.Decimal,
  /** Server time of the trade, epoch milliseconds. */
  timestamp: S.Millis,
  /** Whether the buyer was the maker (then the taker sold). */
  isBuyerMaker: Schema.Boolean
}) {}

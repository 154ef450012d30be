/**
 * Models of the funding endpoints: the funding-rate history of a perpetual and the account's
 * funding payments.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"

/**
 * The funding rate of one interval of a perpetual (`GET /api/v1/fundingRates`).
 *
 * @since 0.1.0
 * @category models
 */
export class FundingIntervalRate extends Schema.Class<FundingIntervalRate>("FundingIntervalRate")({
  /** Perpetual market symbol. */
  symbol: Schema.String,
  /** End of the funding interval (naive UTC on the wire). */
  intervalEndTimestamp: S.NaiveDateTime,
  /** Funding rate of the interval, as a fraction (`0.0001` = 0.01 %). */
  fundingRate: S.Decimal
}) {}

/**
 * A funding payment of the account (`GET /wapi/v1/history/funding`).
 *
 * @since 0.1.0
 * @category models
 */
export class FundingPayment extends Schema.Class<FundingPayment>("FundingPayment")({
  /** User id of the account. */
  userId: S.Int,
  /** Subaccount id, when the payment belongs to one. */
  subaccountId: S.optional(S.Int),
  /** Perpetual market symbol. */
  symbol: Schema.String,
  /** Amount of the payment in the quote asset: positive if received, negative if paid. */
  quantity: S.Decimal,
  /** End of the funding interval (naive UTC on the wire). */
  intervalEndTimestamp: S.NaiveDateTime,
  /** Funding rate applied, as a fraction. */
  fundingRate: S.Decimal
}) {}

/**
 * Endpoints of the funding service (`Funding`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import { SortDirection } from "../models/enums.js"
import { FundingIntervalRate, FundingPayment } from "../models/funding.js"

const limitUpTo = (max: number) =>
  Schema.Int.pipe(
    Schema.between(1, max, { message: (issue) => `Expected an integer from 1 to ${max}, got ${String(issue.actual)}` })
  )

/**
 * `GET /api/v1/fundingRates`: funding rates of one perpetual, newest first (public).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getFundingRates = Endpoint.make({
  operationId: "get_funding_interval_rates",
  name: "Funding.getFundingRates",
  method: "GET",
  path: "/api/v1/fundingRates",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      limit: Schema.optional(limitUpTo(10_000)),
      offset: Schema.optional(S.Uint64)
    }),
  response: () => Endpoint.json(Schema.Array(FundingIntervalRate))
})

/**
 * `GET /wapi/v1/history/funding`: the account's funding payments (signed `fundingHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getFundingPayments = Endpoint.make({
  operationId: "get_funding_payments",
  name: "Funding.getFundingPayments",
  method: "GET",
  path: "/wapi/v1/history/funding",
  instruction: "fundingHistoryQueryAll",
  request: () =>
    Schema.Struct({
      subaccountId: Schema.optional(S.Uint16),
      symbol: Schema.optional(S.MarketSymbol),
      limit: Schema.optional(limitUpTo(1000)),
      offset: Schema.optional(S.Uint64),
      sortDirection: Schema.optional(SortDirection)
    }),
  response: () => Endpoint.json(Schema.Array(FundingPayment))
})

/**
 * Endpoints of the public trade service (`Trades`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import { Trade } from "../models/trades.js"

const Limit = S.lazy(() =>
  Schema.Int.pipe(
    Schema.between(1, 1000, { message: (issue) => `Expected an integer from 1 to 1000, got ${String(issue.actual)}` })
  )
)

/**
 * `GET /api/v1/trades`: the most recent trades of a market.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getRecentTrades = Endpoint.make({
  operationId: "get_recent_trades",
  name: "Trades.getRecentTrades",
  method: "GET",
  path: "/api/v1/trades",
  request: () => Schema.Struct({ symbol: S.MarketSymbol, limit: Schema.optional(Limit()) }),
  response: () => Endpoint.json(Schema.Array(Trade))
})

/**
 * `GET /api/v1/trades/history`: older trades, paged with `offset`. Drawn from the 'historical'
 * rate-limit bucket (30 per minute).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getHistoricalTrades = Endpoint.make({
  operationId: "get_historical_trades",
  name: "Trades.getHistoricalTrades",
  method: "GET",
  path: "/api/v1/trades/history",
  request: () =>
    Schema.Struct({ symbol: S.MarketSymbol, limit: Schema.optional(Limit()), offset: Schema.optional(S.Uint64) }),
  response: () => Endpoint.json(Schema.Array(Trade)),
  bucket: "historical"
})

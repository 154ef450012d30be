/**
 * Public trades of a market: the most recent ones and older ones by offset. No API key needed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/trades.js"
import type { Trade } from "./models/trades.js"

export * from "./models/trades.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * Parameters of `getRecentTrades`: `symbol`, `limit` 1 … 1000 (default 100).
 *
 * @since 0.1.0
 * @category models
 */
export type GetRecentTradesParams = Input<typeof endpoints.getRecentTrades>

/**
 * Parameters of `getHistoricalTrades`: `symbol`, `limit` 1 … 1000 (default 100), `offset`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetHistoricalTradesParams = Input<typeof endpoints.getHistoricalTrades>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/trades`: the most recent trades of a market. */
  readonly getRecentTrades: (params: GetRecentTradesParams) => Effect.Effect<ReadonlyArray<Trade>, BackpackError>
  /**
   * `GET /api/v1/trades/history`: older trades, paged with `offset`. Drawn from the 'historical'
   * rate-limit bucket (30 per minute).
   */
  readonly getHistoricalTrades: (
    params: GetHistoricalTradesParams
  ) => Effect.Effect<ReadonlyArray<Trade>, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Trades extends Context.Tag("@effect-backpack/sdk/Trades")<Trades, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getRecentTrades: (params) => client.execute(endpoints.getRecentTrades, params),
  getHistoricalTrades: (params) => client.execute(endpoints.getHistoricalTrades, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Trades, never, BackpackClient> = Layer.effect(Trades, make)

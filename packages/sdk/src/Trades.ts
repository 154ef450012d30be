/**
 * Public trades of a market: the most recent ones and older ones by offset. No API key needed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/trades.js"
import * as service from "./internal/service.js"

export * from "./models/trades.js"

/**
 * Parameters of `getRecentTrades`: `symbol`, `limit` 1 … 1000 (default 100).
 *
 * @since 0.1.0
 * @category models
 */
export type GetRecentTradesParams = Endpoint.Params<typeof endpoints.getRecentTrades>

/**
 * Parameters of `getHistoricalTrades`: `symbol`, `limit` 1 … 1000 (default 100), `offset`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetHistoricalTradesParams = Endpoint.Params<typeof endpoints.getHistoricalTrades>

/**
 * The methods of `Trades`, one per endpoint of `Endpoints.Trades` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Trades extends Context.Tag("@effect-backpack/sdk/Trades")<Trades, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Trades, never, BackpackClient> = Layer.effect(Trades, make)

/**
 * Every method of `Trades` as a function that takes the service from the context
 * (`Trades.getRecentTrades(params)` is `Effect.flatMap(Trades.Trades, (s) => s.getRecentTrades(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getRecentTrades,
  getHistoricalTrades
} = Effect.serviceFunctions(Trades)

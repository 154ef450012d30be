/**
 * Public market data: markets and their trading rules, tickers, order-book snapshots, candles,
 * mark prices, open interest, trading sessions of tokenised equities and prediction events. No
 * API key needed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/markets.js"
import * as service from "./internal/service.js"

export * from "./models/markets.js"

/**
 * Parameters of `getMarkets`: `marketType` is one type or several (sent as repeated keys). Without
 * it the exchange returns SPOT and PERP markets only.
 *
 * @since 0.1.0
 * @category models
 */
export type GetMarketsParams = Endpoint.Params<typeof endpoints.getMarkets>

/**
 * Parameters of `Markets.getMarket` (`GET /api/v1/market`).
 *
 * @since 0.1.0
 * @category models
 */
export type GetMarketParams = Endpoint.Params<typeof endpoints.getMarket>

/**
 * Parameters of `getTicker`: `interval` is `"1d"` or `"1w"`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetTickerParams = Endpoint.Params<typeof endpoints.getTicker>

/**
 * Parameters of `Markets.getTickers` (`GET /api/v1/tickers`).
 *
 * @since 0.1.0
 * @category models
 */
export type GetTickersParams = Endpoint.Params<typeof endpoints.getTickers>

/**
 * Parameters of `getDepth`: `limit` (levels per side) is one of the strings `"5"`, `"10"`, `"20"`,
 * `"50"`, `"100"`, `"500"`, `"1000"` (default 1000).
 *
 * @since 0.1.0
 * @category models
 */
export type GetDepthParams = Endpoint.Params<typeof endpoints.getDepth>

/**
 * Parameters of `getKlines`. `startTime` (required) and `endTime` are in Unix **seconds** (not
 * milliseconds); a `DateTime` is accepted too and truncated to the second. A value that looks like
 * milliseconds is rejected. `priceType` is `Last` (default), `Index` or `Mark`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetKlinesParams = Endpoint.Params<typeof endpoints.getKlines>

/**
 * Parameters of `Markets.getMarkPrices` (`GET /api/v1/markPrices`).
 *
 * @since 0.1.0
 * @category models
 */
export type GetMarkPricesParams = Endpoint.Params<typeof endpoints.getMarkPrices>

/**
 * Parameters of `Markets.getOpenInterest` (`GET /api/v1/openInterest`).
 *
 * @since 0.1.0
 * @category models
 */
export type GetOpenInterestParams = Endpoint.Params<typeof endpoints.getOpenInterest>

/**
 * Parameters of `Markets.getPredictionEvents` (`GET /api/v1/prediction`).
 *
 * @since 0.1.0
 * @category models
 */
export type GetPredictionEventsParams = Endpoint.Params<typeof endpoints.getPredictionEvents>

/**
 * The methods of `Markets`, one per endpoint of `Endpoints.Markets` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * The `Markets` service; provide it with `BackpackNode.layerConfig` (or any layer built by `Backpack`).
 *
 * @example
 * ```ts
 * import { Markets } from "@effect-backpack/sdk"
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { BigDecimal, Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const markets = yield* Markets.Markets
 *   const all = yield* markets.getMarkets()
 *   const sol = yield* markets.getMarket({ symbol: "SOL_USDC" })
 *   const depth = yield* markets.getDepth({ symbol: "SOL_USDC", limit: "5" })
 *   const [bestAsk] = depth.asks // asks lowest first, bids highest first; exact BigDecimals
 *   yield* Effect.log(
 *     `${all.length} markets; SOL_USDC tick ${BigDecimal.format(sol.filters.price.tickSize)},`,
 *     `best ask ${bestAsk === undefined ? "none" : BigDecimal.format(bestAsk[0])}, update ${depth.lastUpdateId}`
 *   )
 * })
 *
 * program.pipe(Effect.provide(BackpackNode.layerConfig), NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class Markets extends Context.Tag("@effect-backpack/sdk/Markets")<Markets, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Markets, never, BackpackClient> = Layer.effect(Markets, make)

/**
 * Every method of `Markets` as a function that takes the service from the context
 * (`Markets.getMarkets(params)` is `Effect.flatMap(Markets.Markets, (s) => s.getMarkets(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getMarkets,
  getMarket,
  getTicker,
  getTickers,
  getDepth,
  getKlines,
  getMarkPrices,
  getOpenInterest,
  getMarketSessions,
  getSecurities,
  getPredictionEvents,
  getPredictionTags
} = Effect.serviceFunctions(Markets)

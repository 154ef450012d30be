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
import type * as Option from "effect/Option"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/markets.js"
import type {
  Depth,
  Kline,
  Market,
  MarketSession,
  MarkPrice,
  OpenInterest,
  PredictionEvent,
  PredictionTag,
  Security,
  Ticker
} from "./models/markets.js"

export * from "./models/markets.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * Parameters of `getMarkets`: `marketType` is one type or several (sent as repeated keys). Without
 * it the exchange returns SPOT and PERP markets only.
 *
 * @since 0.1.0
 * @category models
 */
export type GetMarketsParams = Input<typeof endpoints.getMarkets>

/**
 * Parameters of `getMarket`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetMarketParams = Input<typeof endpoints.getMarket>

/**
 * Parameters of `getTicker`: `interval` is `"1d"` or `"1w"`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetTickerParams = Input<typeof endpoints.getTicker>

/**
 * Parameters of `getTickers`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetTickersParams = Input<typeof endpoints.getTickers>

/**
 * Parameters of `getDepth`: `limit` (levels per side) is one of the strings `"5"`, `"10"`, `"20"`,
 * `"50"`, `"100"`, `"500"`, `"1000"` (default 1000).
 *
 * @since 0.1.0
 * @category models
 */
export type GetDepthParams = Input<typeof endpoints.getDepth>

/**
 * Parameters of `getKlines`. `startTime` (required) and `endTime` are in Unix **seconds** (not
 * milliseconds); a `DateTime` is accepted too and truncated to the second. A value that looks like
 * milliseconds is rejected. `priceType` is `Last` (default), `Index` or `Mark`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetKlinesParams = Input<typeof endpoints.getKlines>

/**
 * Parameters of `getMarkPrices`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetMarkPricesParams = Input<typeof endpoints.getMarkPrices>

/**
 * Parameters of `getOpenInterest`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetOpenInterestParams = Input<typeof endpoints.getOpenInterest>

/**
 * Parameters of `getPredictionEvents`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetPredictionEventsParams = Input<typeof endpoints.getPredictionEvents>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/markets`: every market (SPOT and PERP unless `marketType` says otherwise). */
  readonly getMarkets: (params?: GetMarketsParams) => Effect.Effect<ReadonlyArray<Market>, BackpackError>
  /** `GET /api/v1/market`: one market. */
  readonly getMarket: (params: GetMarketParams) => Effect.Effect<Market, BackpackError>
  /**
   * `GET /api/v1/ticker`: statistics of one market, or `None` when the exchange has none for it
   * (204 No Content).
   */
  readonly getTicker: (params: GetTickerParams) => Effect.Effect<Option.Option<Ticker>, BackpackError>
  /** `GET /api/v1/tickers`: statistics of every market. */
  readonly getTickers: (params?: GetTickersParams) => Effect.Effect<ReadonlyArray<Ticker>, BackpackError>
  /** `GET /api/v1/depth`: an order-book snapshot, levels sorted best first. */
  readonly getDepth: (params: GetDepthParams) => Effect.Effect<Depth, BackpackError>
  /**
   * `GET /api/v1/klines`: candles from `startTime` (Unix seconds) to `endTime` (Unix seconds,
   * default now). Drawn from the 'historical' rate-limit bucket (30 per minute).
   */
  readonly getKlines: (params: GetKlinesParams) => Effect.Effect<ReadonlyArray<Kline>, BackpackError>
  /** `GET /api/v1/markPrices`: mark (and for perpetuals index and funding) prices; always a list. */
  readonly getMarkPrices: (params?: GetMarkPricesParams) => Effect.Effect<ReadonlyArray<MarkPrice>, BackpackError>
  /** `GET /api/v1/openInterest`: open interest of one futures market or of all; always a list. */
  readonly getOpenInterest: (
    params?: GetOpenInterestParams
  ) => Effect.Effect<ReadonlyArray<OpenInterest>, BackpackError>
  /** `GET /api/v1/market-sessions`: the weekly trading sessions of tokenised equities. */
  readonly getMarketSessions: (params?: {}) => Effect.Effect<ReadonlyArray<MarketSession>, BackpackError>
  /** `GET /api/v1/securities`: tokenised equities and their per-session quantity rules. */
  readonly getSecurities: (params?: {}) => Effect.Effect<ReadonlyArray<Security>, BackpackError>
  /** `GET /api/v1/prediction`: prediction events with their markets. */
  readonly getPredictionEvents: (
    params?: GetPredictionEventsParams
  ) => Effect.Effect<ReadonlyArray<PredictionEvent>, BackpackError>
  /** `GET /api/v1/prediction/tags`: the tags of prediction events. */
  readonly getPredictionTags: (params?: {}) => Effect.Effect<ReadonlyArray<PredictionTag>, BackpackError>
}

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
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getMarkets: (params) => client.execute(endpoints.getMarkets, params ?? {}),
  getMarket: (params) => client.execute(endpoints.getMarket, params),
  getTicker: (params) => client.execute(endpoints.getTicker, params),
  getTickers: (params) => client.execute(endpoints.getTickers, params ?? {}),
  getDepth: (params) => client.execute(endpoints.getDepth, params),
  getKlines: (params) => client.execute(endpoints.getKlines, params),
  getMarkPrices: (params) => client.execute(endpoints.getMarkPrices, params ?? {}),
  getOpenInterest: (params) => client.execute(endpoints.getOpenInterest, params ?? {}),
  getMarketSessions: (params) => client.execute(endpoints.getMarketSessions, params),
  getSecurities: (params) => client.execute(endpoints.getSecurities, params),
  getPredictionEvents: (params) => client.execute(endpoints.getPredictionEvents, params ?? {}),
  getPredictionTags: (params) => client.execute(endpoints.getPredictionTags, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Markets, never, BackpackClient> = Layer.effect(Markets, make)

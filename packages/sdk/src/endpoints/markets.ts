/**
 * Endpoints of the public market-data service (`Markets`).
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import { DepthLimit, KlineInterval, KlinePriceType, MarketType, TickerInterval } from "../models/enums.js"
import {
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
} from "../models/markets.js"

/** One market type or several: sent as repeated `marketType=` keys. */
const MarketTypes = S.lazy(() =>
  Schema.transform(
    Schema.Union(MarketType, Schema.Array(MarketType)),
    Schema.Array(MarketType),
    { strict: true, decode: (input) => typeof input === "string" ? [input] : input, encode: (value) => value }
  )
)

/** Largest epoch-seconds value accepted (year 5138): anything above is taken for milliseconds. */
const maxEpochSeconds = 99_999_999_999

/**
 * A point in time in whole Unix SECONDS (the unit of the klines range): a number of seconds or a
 * `DateTime` (truncated to the second).
 */
const EpochSeconds = S.lazy((): Schema.Schema<number, number | DateTime.DateTime> =>
  Schema.transformOrFail(
    Schema.Union(Schema.Number, Schema.DateTimeUtcFromSelf, Schema.DateTimeZonedFromSelf),
    Schema.Number,
    {
      strict: true,
      decode: (input, _, ast) => {
        const seconds = typeof input === "number" ? input : Math.floor(DateTime.toEpochMillis(input) / 1000)
        if (!Number.isSafeInteger(seconds) || seconds < 0) {
          return ParseResult.fail(
            new ParseResult.Type(ast, input, `Expected whole seconds since the Unix epoch, got ${String(seconds)}`)
          )
        }
        if (seconds > maxEpochSeconds) {
          return ParseResult.fail(
            new ParseResult.Type(
              ast,
              input,
              `Expected Unix SECONDS, got ${seconds}, which looks like milliseconds (divide by 1000 or pass a DateTime)`
            )
          )
        }
        return ParseResult.succeed(seconds)
      },
      encode: ParseResult.succeed
    }
  )
)

/**
 * `GET /api/v1/markets`: every market (SPOT and PERP unless `marketType` says otherwise).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMarkets = Endpoint.make({
  operationId: "get_markets",
  name: "Markets.getMarkets",
  method: "GET",
  path: "/api/v1/markets",
  request: () => Schema.Struct({ marketType: Schema.optional(MarketTypes()) }),
  response: () => Endpoint.json(Schema.Array(Market))
})

/**
 * `GET /api/v1/market`: one market.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMarket = Endpoint.make({
  operationId: "get_market",
  name: "Markets.getMarket",
  method: "GET",
  path: "/api/v1/market",
  request: () => Schema.Struct({ symbol: S.MarketSymbol }),
  response: () => Endpoint.json(Market)
})

/** A ticker, or `None` when the exchange answers 204 No Content (no statistics for the market). */
const OptionalTicker = S.lazy((): Schema.Schema<Option.Option<Ticker>, typeof Ticker.Encoded> =>
  Schema.transform(
    Ticker,
    Schema.OptionFromSelf(Schema.typeSchema(Ticker)),
    { strict: true, decode: (ticker) => Option.some(ticker), encode: (option) => Option.getOrThrow(option) }
  )
)

/**
 * `GET /api/v1/ticker`: statistics of one market, or `None` when the exchange has none for it
 * (204 No Content).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getTicker = Endpoint.make({
  operationId: "get_ticker",
  name: "Markets.getTicker",
  method: "GET",
  path: "/api/v1/ticker",
  request: () => Schema.Struct({ symbol: S.MarketSymbol, interval: Schema.optional(TickerInterval) }),
  response: () => Endpoint.json(OptionalTicker(), () => Option.none())
})

/**
 * `GET /api/v1/tickers`: statistics of every market.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getTickers = Endpoint.make({
  operationId: "get_tickers",
  name: "Markets.getTickers",
  method: "GET",
  path: "/api/v1/tickers",
  request: () => Schema.Struct({ interval: Schema.optional(TickerInterval) }),
  response: () => Endpoint.json(Schema.Array(Ticker))
})

/**
 * `GET /api/v1/depth`: an order-book snapshot, levels sorted best first.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getDepth = Endpoint.make({
  operationId: "get_depth",
  name: "Markets.getDepth",
  method: "GET",
  path: "/api/v1/depth",
  request: () => Schema.Struct({ symbol: S.MarketSymbol, limit: Schema.optional(DepthLimit) }),
  response: () => Endpoint.json(Depth)
})

/**
 * `GET /api/v1/klines`: candles from `startTime` (Unix seconds) to `endTime` (Unix seconds,
 * default now). Drawn from the 'historical' rate-limit bucket (30 per minute).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getKlines = Endpoint.make({
  operationId: "get_klines",
  name: "Markets.getKlines",
  method: "GET",
  path: "/api/v1/klines",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      interval: KlineInterval,
      startTime: EpochSeconds(),
      endTime: Schema.optional(EpochSeconds()),
      priceType: Schema.optional(KlinePriceType)
    }).pipe(
      Schema.filter((params) =>
        params.endTime === undefined || params.endTime >= params.startTime ||
        { path: ["endTime"], message: `endTime (${params.endTime}) must not be before startTime (${params.startTime})` }
      )
    ),
  response: () => Endpoint.json(Schema.Array(Kline)),
  bucket: "historical"
})

/**
 * `GET /api/v1/markPrices`: mark (and for perpetuals index and funding) prices; always a list.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMarkPrices = Endpoint.make({
  operationId: "get_mark_prices",
  name: "Markets.getMarkPrices",
  method: "GET",
  path: "/api/v1/markPrices",
  request: () => Schema.Struct({ symbol: Schema.optional(S.MarketSymbol), marketType: Schema.optional(MarketType) }),
  response: () => Endpoint.json(Schema.Array(MarkPrice))
})

/**
 * `GET /api/v1/openInterest`: open interest of one futures market or of all; always a list.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getOpenInterest = Endpoint.make({
  operationId: "get_open_interest",
  name: "Markets.getOpenInterest",
  method: "GET",
  path: "/api/v1/openInterest",
  request: () => Schema.Struct({ symbol: Schema.optional(S.MarketSymbol) }),
  response: () => Endpoint.json(Schema.Array(OpenInterest))
})

/**
 * `GET /api/v1/market-sessions`: the weekly trading sessions of tokenised equities.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMarketSessions = Endpoint.make({
  operationId: "get_market_sessions",
  name: "Markets.getMarketSessions",
  method: "GET",
  path: "/api/v1/market-sessions",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(MarketSession))
})

/**
 * `GET /api/v1/securities`: tokenised equities and their per-session quantity rules.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getSecurities = Endpoint.make({
  operationId: "get_securities",
  name: "Markets.getSecurities",
  method: "GET",
  path: "/api/v1/securities",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(Security))
})

/**
 * `GET /api/v1/prediction`: prediction events with their markets.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getPredictionEvents = Endpoint.make({
  operationId: "get_prediction_events",
  name: "Markets.getPredictionEvents",
  method: "GET",
  path: "/api/v1/prediction",
  request: () =>
    Schema.Struct({
      symbol: Schema.optional(S.MarketSymbol),
      tagSlug: Schema.optional(S.NonEmpty),
      eventSlug: Schema.optional(S.NonEmpty),
      seriesSlug: Schema.optional(S.NonEmpty),
      resolved: Schema.optional(Schema.Boolean),
      limit: Schema.optional(S.Uint64),
      offset: Schema.optional(S.Uint64)
    }),
  response: () => Endpoint.json(Schema.Array(PredictionEvent))
})

/**
 * `GET /api/v1/prediction/tags`: the tags of prediction events.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getPredictionTags = Endpoint.make({
  operationId: "get_prediction_tags",
  name: "Markets.getPredictionTags",
  method: "GET",
  path: "/api/v1/prediction/tags",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(PredictionTag))
})

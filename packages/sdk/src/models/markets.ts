/**
 * Models of the public market-data endpoints: markets and their filters, tickers, order-book
 * snapshots, candles, mark prices, open interest, trading sessions of tokenised equities and
 * prediction-market events.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Option from "effect/Option"
import * as Order from "effect/Order"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Dec from "../internal/decimal.js"
import * as Informational from "../internal/informational.js"
import * as S from "../internal/schema.js"
import { MarketType, OrderBookState } from "./enums.js"

// ---------------------------------------------------------------------------------------------
// margin functions
// ---------------------------------------------------------------------------------------------

/**
 * The square-root margin function (`type: "sqrt"`): the initial or maintenance margin fraction
 * of a position of notional `n` is `max(base, factor * sqrt(n))`.
 *
 * @since 0.1.0
 * @category models
 */
export class SqrtFunction extends Schema.Class<SqrtFunction>("SqrtFunction")({
  /** Always `"sqrt"`. */
  type: Schema.Literal("sqrt"),
  /** The floor of the margin fraction. */
  base: S.Decimal,
  /** Multiplier of the square root of the position's notional. */
  factor: S.Decimal
}) {}

/**
 * An initial / maintenance margin-fraction function (the spec's `PositionImfFunction`, a union
 * tagged on `type` whose only member today is `sqrt`).
 *
 * @since 0.1.0
 * @category models
 */
export const MarginFunction = SqrtFunction

/**
 * @since 0.1.0
 * @category models
 */
export type MarginFunction = SqrtFunction

// ---------------------------------------------------------------------------------------------
// markets
// ---------------------------------------------------------------------------------------------

/**
 * A mean-mark-price band of a futures market.
 *
 * @since 0.1.0
 * @category models
 */
export class PriceBandMarkPrice extends Schema.Class<PriceBandMarkPrice>("PriceBandMarkPrice")({
  /** Maximum allowed multiplier move from the mean price. */
  maxMultiplier: S.Decimal,
  /** Minimum allowed multiplier move from the mean price. */
  minMultiplier: S.Decimal
}) {}

/**
 * A mean-premium band of a futures market.
 *
 * @since 0.1.0
 * @category models
 */
export class PriceBandMeanPremium extends Schema.Class<PriceBandMeanPremium>("PriceBandMeanPremium")({
  /** Maximum allowed deviation from the mean premium, as a fraction (`0.05` = 5 %). */
  tolerancePct: S.Decimal
}) {}

/**
 * The price rules of an order book.
 *
 * @since 0.1.0
 * @category models
 */
export class PriceFilter extends Schema.Class<PriceFilter>("PriceFilter")({
  /** Lowest price the book accepts. */
  minPrice: S.Decimal,
  /** Highest price the book accepts. */
  maxPrice: S.optional(S.Decimal),
  /** Price increment: every price must be a multiple of it. */
  tickSize: S.Decimal,
  // bands and multipliers are informational (see the README's decoding policy): `undefined` when unreadable
  ...Informational.optionalFields({
    /** Maximum multiplier from the last active price. */
    maxMultiplier: S.Decimal,
    /** Minimum multiplier from the last active price. */
    minMultiplier: S.Decimal,
    /** How far above the best ask a market buy may go (multiplier). */
    maxImpactMultiplier: S.Decimal,
    /** How far below the best bid a market sell may go (multiplier). */
    minImpactMultiplier: S.Decimal,
    /** Futures band around the mean mark price. */
    meanMarkPriceBand: PriceBandMarkPrice,
    /** Futures band around the mean premium. */
    meanPremiumBand: PriceBandMeanPremium,
    /** Maximum multiplier move without a spot-margin borrow entry fee. */
    borrowEntryFeeMaxMultiplier: S.Decimal,
    /** Minimum multiplier move without a spot-margin borrow entry fee. */
    borrowEntryFeeMinMultiplier: S.Decimal,
    /** Cap of a mark/index price update relative to the previous one (multiplier). */
    maxPriceUpdateMultiplier: S.Decimal,
    /** Floor of a mark/index price update relative to the previous one (multiplier). */
    minPriceUpdateMultiplier: S.Decimal
  })
}) {}

/**
 * The quantity rules of an order book.
 *
 * @since 0.1.0
 * @category models
 */
export class QuantityFilter extends Schema.Class<QuantityFilter>("QuantityFilter")({
  /** Smallest order quantity (for futures also the threshold under which a position is closed). */
  minQuantity: S.Decimal,
  /** Largest order quantity, when limited. */
  maxQuantity: S.optional(S.Decimal),
  /** Quantity increment: every quantity must be a multiple of it. */
  stepSize: S.Decimal
}) {}

/**
 * Price and quantity rules of a market.
 *
 * @since 0.1.0
 * @category models
 */
export class OrderBookFilters extends Schema.Class<OrderBookFilters>("OrderBookFilters")({
  /** Price rules. */
  price: PriceFilter,
  /** Quantity rules. */
  quantity: QuantityFilter
}) {}

/**
 * A market (`GET /api/v1/markets`, `GET /api/v1/market`).
 *
 * @since 0.1.0
 * @category models
 */
export class Market extends Schema.Class<Market>("Market")({
  /** Market symbol, e.g. `SOL_USDC`, `SOL_USDC_PERP`. */
  symbol: Schema.String,
  /** Base asset, e.g. `SOL`. */
  baseSymbol: Schema.String,
  /** Quote asset, e.g. `USDC`. */
  quoteSymbol: Schema.String,
  /** `SPOT`, `PERP`, … (open). */
  marketType: MarketType.open,
  /** Price and quantity rules. */
  filters: OrderBookFilters,
  /** Initial margin function (futures). */
  imfFunction: S.optional(MarginFunction),
  /** Maintenance margin function (futures). */
  mmfFunction: S.optional(MarginFunction),
  /** Funding interval of a perpetual, in milliseconds (e.g. `3600000`). */
  fundingInterval: S.optional(S.Int),
  // informational (see the README's decoding policy): `undefined` when absent or unreadable
  ...Informational.optionalFields({
    /** Funding rate cap of a perpetual, in basis points (`10` = 0.1 %). */
    fundingRateUpperBound: S.Decimal,
    /** Funding rate floor of a perpetual, in basis points (`-10` = −0.1 %). */
    fundingRateLowerBound: S.Decimal,
    /** Open-interest cap of a futures market. */
    openInterestLimit: S.Decimal
  }),
  /** `Open`, `Closed`, `CancelOnly`, `LimitOnly`, `PostOnly` (open). */
  orderBookState: OrderBookState.open,
  ...Informational.fields({
    /** Creation time (naive UTC on the wire, µs precision; decoded at ms precision). */
    createdAt: S.NaiveDateTime,
    /** Whether the market is shown on the exchange. */
    visible: Schema.Boolean
  }),
  ...Informational.optionalFields({
    /** Position-limit weight coefficient. */
    positionLimitWeight: S.Decimal
  }),
  /** Real-world-asset class (`STOCK`, `INDEX`, `COMMODITY`, `FX`); absent for crypto. Not in the spec. */
  rwaMarketType: S.optional(S.OpenEnum("STOCK", "INDEX", "COMMODITY", "FX"))
}) {}

// ---------------------------------------------------------------------------------------------
// tickers
// ---------------------------------------------------------------------------------------------

/**
 * Rolling statistics of a market over the requested interval (`GET /api/v1/ticker(s)`).
 *
 * @since 0.1.0
 * @category models
 */
export class Ticker extends Schema.Class<Ticker>("Ticker")({
  /** Market symbol. */
  symbol: Schema.String,
  /** Last traded price of the interval. */
  lastPrice: S.Decimal,
  // the statistics are informational (see the README's decoding policy): `undefined` when unreadable
  ...Informational.fields({
    /** First traded price of the interval. */
    firstPrice: S.Decimal,
    /** `lastPrice - firstPrice`. */
    priceChange: S.Decimal,
    /**
     * Relative price change as a FRACTION, not a percentage: `-0.004868` means −0.4868 %.
     */
    priceChangePercent: S.Decimal,
    /** Highest price of the interval. */
    high: S.Decimal,
    /** Lowest price of the interval. */
    low: S.Decimal,
    /** Base-asset volume of the interval. */
    volume: S.Decimal,
    /** Quote-asset volume of the interval. */
    quoteVolume: S.Decimal,
    /** Number of trades of the interval (a digit string on the wire). */
    trades: S.Int
  })
}) {}

// ---------------------------------------------------------------------------------------------
// depth
// ---------------------------------------------------------------------------------------------

/**
 * A price level `[price, quantity]` of a book.
 *
 * @since 0.1.0
 * @category models
 */
export const Level: Schema.Schema<
  readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal],
  readonly [string | number, string | number]
> = Schema.Tuple(S.Decimal, S.Decimal)

/**
 * A decoded depth level, `[price, quantity]`.
 *
 * @since 0.1.0
 * @category models
 */
export type LevelType = readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]

const byPrice: Order.Order<LevelType> = Order.mapInput(BigDecimal.Order, (level: LevelType) => level[0])

const LevelsFromSelf = Schema.declare(
  (u): u is ReadonlyArray<LevelType> => Array.isArray(u),
  { identifier: "Levels" }
)

/**
 * The levels of one side, decoded in a single pass (this is the hot path of every book snapshot):
 * each level must be `[price, quantity]` of decimal strings (or numbers), read exactly into
 * `BigDecimal`; the side is then sorted with `order` (a no-op when it already arrives sorted, and
 * a reversal when it arrives in the opposite order, as live bids do).
 */
const sortedLevels = (order: Order.Order<LevelType>) =>
  Schema.transformOrFail(Schema.Unknown, LevelsFromSelf, {
    strict: true,
    decode: (input, _, ast) => {
      if (!Array.isArray(input)) {
        return ParseResult.fail(new ParseResult.Type(ast, input, "Expected an array of [price, quantity] levels"))
      }
      const levels: Array<LevelType> = new Array(input.length)
      for (let i = 0; i < input.length; i++) {
        const entry: unknown = input[i]
        const price = Array.isArray(entry) && entry.length >= 2 ? parseWire(entry[0]) : undefined
        const quantity = price === undefined ? undefined : parseWire((entry as Array<unknown>)[1])
        if (price === undefined || quantity === undefined) {
          return ParseResult.fail(
            new ParseResult.Type(
              ast,
              input,
              `level [${i}]: expected [price, quantity] decimals, got ${JSON.stringify(entry)}`
            )
          )
        }
        levels[i] = [price, quantity]
      }
      return ParseResult.succeed(sortLevels(levels, order))
    },
    encode: (levels) => ParseResult.succeed(levels.map(([p, q]) => [Dec.format(p), Dec.format(q)]))
  })

const parseWire = (value: unknown): BigDecimal.BigDecimal | undefined =>
  typeof value === "string"
    ? Option.getOrUndefined(Dec.parse(value))
    : typeof value === "number" && Number.isFinite(value)
    ? Option.getOrUndefined(Dec.parse(String(value)))
    : undefined

/** Sorts in place, skipping the sort when the levels are already in order or exactly reversed. */
const sortLevels = (levels: Array<LevelType>, order: Order.Order<LevelType>): Array<LevelType> => {
  let ascending = true
  let descending = true
  for (let i = 1; i < levels.length && (ascending || descending); i++) {
    const c = order(levels[i - 1]!, levels[i]!)
    if (c > 0) ascending = false
    if (c < 0) descending = false
  }
  if (ascending) return levels
  if (descending) return levels.reverse()
  return levels.sort(order)
}

/**
 * Asks sorted by price ascending (best first), whatever order the exchange sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Asks = sortedLevels(byPrice)

/**
 * Bids sorted by price descending (best first), whatever order the exchange sent (the live API
 * sends them ascending).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Bids = sortedLevels(Order.reverse(byPrice))

/**
 * An order-book snapshot (`GET /api/v1/depth`). Levels are sorted best first here (bids
 * descending, asks ascending) whatever order the exchange sent them in.
 *
 * @since 0.1.0
 * @category models
 */
export class Depth extends Schema.Class<Depth>("Depth")({
  /** Asks, lowest price first. */
  asks: Asks,
  /** Bids, highest price first. */
  bids: Bids,
  /** Id of the last engine update reflected in the snapshot (exact; compare with WS `U`/`u`). */
  lastUpdateId: S.Sequence,
  /** Engine time in microseconds. */
  timestamp: S.Micros
}) {}

// ---------------------------------------------------------------------------------------------
// klines, mark prices, open interest
// ---------------------------------------------------------------------------------------------

/**
 * A candle (`GET /api/v1/klines`). OHLC are absent for a candle without trades.
 *
 * @since 0.1.0
 * @category models
 */
export class Kline extends Schema.Class<Kline>("Kline")({
  /** Open time of the candle (wire: `"YYYY-MM-DD HH:MM:SS"`, UTC). */
  start: S.NaiveDateTime,
  /** Close time of the candle (wire: `"YYYY-MM-DD HH:MM:SS"`, UTC). */
  end: S.NaiveDateTime,
  /** Open price; absent when the candle has no trade. */
  open: S.optional(S.Decimal),
  /** High price; absent when the candle has no trade. */
  high: S.optional(S.Decimal),
  /** Low price; absent when the candle has no trade. */
  low: S.optional(S.Decimal),
  /** Close price; absent when the candle has no trade. */
  close: S.optional(S.Decimal),
  /** Base-asset volume. */
  volume: S.Decimal,
  /** Quote-asset volume. */
  quoteVolume: S.Decimal,
  /** Number of trades (a digit string on the wire). */
  trades: S.Int
}) {}

/**
 * Mark price of a market (`GET /api/v1/markPrices`). Funding fields only for perpetuals.
 *
 * @since 0.1.0
 * @category models
 */
export class MarkPrice extends Schema.Class<MarkPrice>("MarkPrice")({
  /** Market symbol. */
  symbol: Schema.String,
  /** Mark price. */
  markPrice: S.Decimal,
  /** Index price (perpetuals). */
  indexPrice: S.optional(S.Decimal),
  /** Funding rate of the current interval, as a fraction (perpetuals). */
  fundingRate: S.optional(S.Decimal),
  /** End of the current funding interval, epoch milliseconds (perpetuals). */
  nextFundingTimestamp: S.optional(S.Millis)
}) {}

/**
 * Open interest of a futures market (`GET /api/v1/openInterest`).
 *
 * @since 0.1.0
 * @category models
 */
export class OpenInterest extends Schema.Class<OpenInterest>("OpenInterest")({
  /** Market symbol. */
  symbol: Schema.String,
  /** Open interest in base units. */
  openInterest: S.optional(S.Decimal),
  /** Epoch milliseconds. */
  timestamp: S.Millis
}) {}

// ---------------------------------------------------------------------------------------------
// sessions and securities (tokenised equities)
// ---------------------------------------------------------------------------------------------

/**
 * A weekly trading session (`GET /api/v1/market-sessions`).
 *
 * @since 0.1.0
 * @category models
 */
export class MarketSession extends Schema.Class<MarketSession>("MarketSession")({
  /** Session name, e.g. `US_MARKET_HOURS`. */
  name: Schema.String,
  /** Human description. */
  description: S.optional(Schema.String),
  /** Opening time `"HH:MM:SS"`, local to `timezone` (not UTC). */
  startTime: Schema.String,
  /** Closing time `"HH:MM:SS"`, local to `timezone` (not UTC). */
  endTime: Schema.String,
  /** IANA time zone, e.g. `America/New_York`. */
  timezone: Schema.String,
  /** ISO weekday the session opens on (1 = Monday … 7 = Sunday). */
  startWeekday: S.Int,
  /** ISO weekday the session last opens on; below `startWeekday` the range wraps the week. */
  endWeekday: S.Int
}) {}

/**
 * Quantity rules of a security during one session.
 *
 * @since 0.1.0
 * @category models
 */
export class SecuritySession extends Schema.Class<SecuritySession>("SecuritySession")({
  /** Session name, as in `getMarketSessions`. */
  name: Schema.String,
  /** Minimum order quantity during the session. */
  minQuantity: S.Decimal,
  /** Maximum order quantity during the session. */
  maxQuantity: S.optional(S.Decimal),
  /** Quantity increment during the session. */
  stepSize: S.Decimal
}) {}

/**
 * A tokenised equity (`GET /api/v1/securities`).
 *
 * @since 0.1.0
 * @category models
 */
export class Security extends Schema.Class<Security>("Security")({
  /** Asset symbol, e.g. `SPCX.US`. */
  asset: Schema.String,
  /** Name of the security. */
  name: Schema.String,
  /** CUSIP identifier. */
  cusip: S.optional(Schema.String),
  /** Sessions with their quantity rules. */
  sessions: Schema.Array(SecuritySession)
}) {}

// ---------------------------------------------------------------------------------------------
// prediction markets
// ---------------------------------------------------------------------------------------------

/**
 * A tag of prediction events (`GET /api/v1/prediction/tags`).
 *
 * @since 0.1.0
 * @category models
 */
export class PredictionTag extends Schema.Class<PredictionTag>("PredictionTag")({
  /** Identifier, usable as `tagSlug`. */
  slug: Schema.String,
  /** Display title. */
  title: Schema.String
}) {}

/**
 * The series a prediction event belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export class PredictionSeries extends Schema.Class<PredictionSeries>("PredictionSeries")({
  /** Identifier, usable as `seriesSlug`. */
  slug: Schema.String,
  /** Display title. */
  title: Schema.String,
  /** `minutely`, `fiveMinutely`, `fifteenMinutely`, `hourly`, `daily`, `weekly`, `monthly` (open). */
  recurrence: S.optional(
    S.OpenEnum("minutely", "fiveMinutely", "fifteenMinutely", "hourly", "daily", "weekly", "monthly")
  )
}) {}

/**
 * Resolution of a prediction market on a quantity range.
 *
 * @since 0.1.0
 * @category models
 */
export class QuantityRangeResolutionCondition
  extends Schema.Class<QuantityRangeResolutionCondition>("QuantityRangeResolutionCondition")({
    /** Discriminator. */
    type: Schema.Literal("QuantityRange"),
    /** Inclusive lower bound. */
    greaterThanOrEqual: S.optional(S.Decimal),
    /** Exclusive upper bound. */
    lessThan: S.optional(S.Decimal)
  })
{}

/**
 * Resolution of a prediction market on a strike price.
 *
 * @since 0.1.0
 * @category models
 */
export class StrikePriceResolutionCondition
  extends Schema.Class<StrikePriceResolutionCondition>("StrikePriceResolutionCondition")({
    /** Discriminator. */
    type: Schema.Literal("StrikePrice"),
    /** `above` or `below` (open). */
    condition: S.OpenEnum("above", "below")
  })
{}

/**
 * Resolution of a prediction market on a named outcome.
 *
 * @since 0.1.0
 * @category models
 */
export class OutcomeResolutionCondition extends Schema.Class<OutcomeResolutionCondition>("OutcomeResolutionCondition")({
  /** Discriminator. */
  type: Schema.Literal("Outcome"),
  /** The outcome, e.g. an election winner. */
  outcome: Schema.String
}) {}

/**
 * How a prediction market resolves (tagged on `type`).
 *
 * @since 0.1.0
 * @category models
 */
export const ResolutionCondition = Schema.Union(
  QuantityRangeResolutionCondition,
  StrikePriceResolutionCondition,
  OutcomeResolutionCondition
)

/**
 * @since 0.1.0
 * @category models
 */
export type ResolutionCondition = typeof ResolutionCondition.Type

/**
 * Resolution data of a prediction event.
 *
 * @since 0.1.0
 * @category models
 */
export class PredictionResolution extends Schema.Class<PredictionResolution>("PredictionResolution")({
  /** Whether every market of the event is resolved. */
  resolved: Schema.Boolean,
  /** Start of the event (naive UTC on the wire). */
  startDate: S.NaiveDateTime,
  /** End of the event (naive UTC on the wire). */
  endDate: S.optional(S.NaiveDateTime),
  /** Strike price at the start date. */
  strikePrice: S.optional(S.Decimal),
  /** Closing price at the end date. */
  closePrice: S.optional(S.Decimal),
  /** Identifier on the resolution source, e.g. `BTCUSDT`. */
  resolutionSourceEventIdentifier: S.optional(Schema.String),
  /** `binance` (open). */
  resolutionSource: S.optional(S.OpenEnum("binance")),
  /** The outcome of an outcome-based resolution. */
  outcome: S.optional(Schema.String)
}) {}

/**
 * A prediction market of an event.
 *
 * @since 0.1.0
 * @category models
 */
export class PredictionMarket extends Schema.Class<PredictionMarket>("PredictionMarket")({
  /** Market symbol. */
  marketSymbol: Schema.String,
  /** The question the market resolves. */
  question: Schema.String,
  /** Short label summarising the outcomes of the event. */
  groupLabel: S.optional(Schema.String),
  /** Label of the yes outcome. */
  yesOutcomeLabel: Schema.String,
  /** Label of the no outcome. */
  noOutcomeLabel: Schema.String,
  /** Resolution rules. */
  rules: Schema.String,
  /** Resolution time (naive UTC on the wire). */
  resolvedAt: S.optional(S.NaiveDateTime),
  /** Price the market resolved at. */
  resolutionPrice: S.optional(S.Decimal),
  /** Active traded price. */
  activePrice: S.Decimal,
  /** 24 h quote volume. */
  quoteVolume: S.Decimal,
  /** Lifetime quote volume. */
  quoteVolumeLifetime: S.Decimal,
  /** Image URL. */
  imgUrl: S.optional(Schema.String),
  /** How the market resolves. */
  resolutionCondition: S.optional(ResolutionCondition),
  /** Proposed resolution (true = yes). */
  proposedResolution: S.optional(Schema.Boolean),
  /** When the resolution was proposed (naive UTC on the wire). */
  proposedResolutionAt: S.optional(S.NaiveDateTime),
  /** Seconds between the proposed resolution and the resolution (0 … 604800). */
  resolutionDelaySecs: S.Int
}) {}

/**
 * A prediction event with its markets (`GET /api/v1/prediction`).
 *
 * @since 0.1.0
 * @category models
 */
export class PredictionEvent extends Schema.Class<PredictionEvent>("PredictionEvent")({
  /** Identifier of the event, usable as `eventSlug`. */
  slug: Schema.String,
  /** Title of the event. */
  title: Schema.String,
  /** Markets of the event. */
  predictionMarkets: Schema.Array(PredictionMarket),
  /** Tags of the event. */
  tags: Schema.Array(PredictionTag),
  /** Series of the event. */
  series: Schema.Array(PredictionSeries),
  /** Description. */
  description: Schema.String,
  /** Image URL. */
  imgUrl: S.optional(Schema.String),
  /** 24 h quote volume of all its markets. */
  quoteVolume: S.Decimal,
  /** Resolution data. */
  resolution: PredictionResolution,
  /** Whether the event is resolved. */
  resolved: Schema.Boolean,
  /** Seconds between a proposed resolution and the resolution (0 … 604800). */
  resolutionDelaySecs: S.Int
}) {}

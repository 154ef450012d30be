/**
 * Models of the WebSocket streams (backpack-api.md §7.3–7.4): one `Schema.Class` per event kind.
 *
 * The wire sends one-letter keys (`e`, `E`, `s`, `X`, …); events decode them to descriptive camelCase
 * fields named like the REST models where they mean the same thing (`symbol`, `clientId`, `status`,
 * `executedQuantity`, `lastPrice`, …). Each field's JSDoc names its wire letter, and encoding gives
 * the wire keys back.
 *
 * Every payload field is accepted as a JSON number or a string (the docs print numbers, live frames
 * send strings): decimals decode to `BigDecimal`, timestamps to safe integers (their unit is in each
 * field's JSDoc: µs for event and engine times, ms where noted), ids to exact strings and depth update
 * ids to `bigint`. Frames are parsed losslessly, so RFQ ids above 2^53 stay exact.
 *
 * @since 0.1.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import * as Data from "effect/Data"
import * as Schema from "effect/Schema"
import * as Informational from "../internal/informational.js"
import * as S from "../internal/schema.js"
import {
  OrderExpiryReasonOpen,
  OrderStatusOpen,
  OrderTypeEnumOpen,
  SelfTradePreventionOpen,
  SideOpen,
  TimeInForceOpen,
  TriggerByOpen
} from "./enums.js"

/** A required field read from wire key `key`. */
const wire = <const K extends string, A, I, R>(key: K, schema: Schema.Schema<A, I, R>) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(key))

/** An optional field (absent or `null` on the wire) read from wire key `key`. */
const wireOptional = <const K extends string, A, I, R>(key: K, schema: Schema.Schema<A, I, R>) =>
  S.optional(schema).pipe(Schema.fromKey(key))

/**
 * A depth level `[price, quantity]` of a WebSocket depth event. The quantity is the absolute size of
 * the level; zero (in any spelling: `"0"`, `"0.000"`) deletes it.
 *
 * @since 0.1.0
 * @category models
 */
export const DepthLevel: Schema.Schema<
  readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal],
  readonly [string | number, string | number]
> = Schema.Tuple(S.Decimal, S.Decimal)

/**
 * `bookTicker.<symbol>`: best bid and ask, realtime.
 *
 * @since 0.1.0
 * @category models
 */
export class BookTickerEvent extends Schema.Class<BookTickerEvent>("BookTickerEvent")({
  /** Event type, always `"bookTicker"` (wire `e`). */
  eventType: wire("e", Schema.Literal("bookTicker")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Best ask price; absent when the ask side is empty (wire `a`). */
  bestAskPrice: wireOptional("a", S.Decimal),
  /** Quantity at the best ask (wire `A`). */
  bestAskQuantity: wireOptional("A", S.Decimal),
  /** Best bid price; absent when the bid side is empty (wire `b`). */
  bestBidPrice: wireOptional("b", S.Decimal),
  /** Quantity at the best bid (wire `B`). */
  bestBidQuantity: wireOptional("B", S.Decimal),
  /** Update id of the book ticker, exact (independent of the depth ids) (wire `u`). */
  updateId: wire("u", S.Sequence),
  /** Matching-engine time, µs since the epoch (wire `T`). */
  engineTime: wire("T", S.Micros)
}) {}

/**
 * `depth.<symbol>` and its aggregated variants: absolute level sizes covering update ids
 * `firstUpdateId..lastUpdateId` (the REST depth snapshot's `lastUpdateId` is on the same sequence).
 *
 * @since 0.1.0
 * @category models
 */
export class DepthEvent extends Schema.Class<DepthEvent>("DepthEvent")({
  /** Event type, always `"depth"` (wire `e`). */
  eventType: wire("e", Schema.Literal("depth")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Changed ask levels `[price, quantity]` (absolute sizes; zero deletes) (wire `a`). */
  asks: wire("a", Schema.Array(DepthLevel)),
  /** Changed bid levels `[price, quantity]` (absolute sizes; zero deletes) (wire `b`). */
  bids: wire("b", Schema.Array(DepthLevel)),
  /** First update id in this event, exact (wire `U`). */
  firstUpdateId: wire("U", S.Sequence),
  /** Last update id in this event, exact (wire `u`). */
  lastUpdateId: wire("u", S.Sequence),
  /** Matching-engine time of the last update, µs since the epoch (wire `T`). */
  engineTime: wire("T", S.Micros)
}) {}

/**
 * `kline.<interval>.<symbol>`: the current candle, pushed on change and once more with
 * `closed: true` at close.
 *
 * @since 0.1.0
 * @category models
 */
export class KlineEvent extends Schema.Class<KlineEvent>("KlineEvent")({
  /** Event type, always `"kline"` (wire `e`). */
  eventType: wire("e", Schema.Literal("kline")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Candle start, UTC (second precision on the wire) (wire `t`). */
  start: wire("t", S.NaiveDateTime),
  /** Candle close, UTC (second precision on the wire) (wire `T`). */
  end: wire("T", S.NaiveDateTime),
  /** Open price (wire `o`). */
  open: wire("o", S.Decimal),
  /** Close (latest) price (wire `c`). */
  close: wire("c", S.Decimal),
  /** High price (wire `h`). */
  high: wire("h", S.Decimal),
  /** Low price (wire `l`). */
  low: wire("l", S.Decimal),
  /** Base volume (wire `v`). */
  volume: wire("v", S.Decimal),
  /** Number of trades (wire `n`). */
  trades: wire("n", S.Int),
  /** Whether the candle is closed (wire `X`). */
  closed: wire("X", Schema.Boolean)
}) {}

/**
 * `markPrice.<symbol>`: mark price, funding estimate and index price.
 *
 * @since 0.1.0
 * @category models
 */
export class MarkPriceEvent extends Schema.Class<MarkPriceEvent>("MarkPriceEvent")({
  /** Event type, always `"markPrice"` (wire `e`). */
  eventType: wire("e", Schema.Literal("markPrice")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Mark price (wire `p`). */
  markPrice: wire("p", S.Decimal),
  /** Estimated funding rate; absent on prediction markets (wire `f`). */
  fundingRate: wireOptional("f", S.Decimal),
  /** Index price; absent on prediction markets (wire `i`). */
  indexPrice: wireOptional("i", S.Decimal),
  /** Next funding time, **ms** since the epoch; absent on prediction markets (wire `n`). */
  nextFundingTimestamp: wireOptional("n", S.Millis),
  /** Matching-engine time, µs since the epoch (wire `T`). */
  engineTime: wireOptional("T", S.Micros)
}) {}

/**
 * `ticker.<symbol>`: 24 h rolling statistics, every second.
 *
 * @since 0.1.0
 * @category models
 */
export class TickerEvent extends Schema.Class<TickerEvent>("TickerEvent")({
  /** Event type, always `"ticker"` (wire `e`). */
  eventType: wire("e", Schema.Literal("ticker")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Last price (wire `c`). */
  lastPrice: wire("c", S.Decimal),
  // the statistics are informational (see the README's decoding policy): `undefined` when unreadable
  /** First price of the 24 h window (wire `o`). */
  firstPrice: wire("o", Informational.field("firstPrice", S.Decimal)),
  /** High price (wire `h`). */
  high: wire("h", Informational.field("high", S.Decimal)),
  /** Low price (wire `l`). */
  low: wire("l", Informational.field("low", S.Decimal)),
  /** Base volume (wire `v`). */
  volume: wire("v", Informational.field("volume", S.Decimal)),
  /** Quote volume (wire `V`). */
  quoteVolume: wire("V", Informational.field("quoteVolume", S.Decimal)),
  /** Number of trades (wire `n`). */
  trades: wire("n", Informational.field("trades", S.Int))
}) {}

/**
 * `openInterest.<symbol>`: open interest of a futures market, every 60 s.
 *
 * @since 0.1.0
 * @category models
 */
export class OpenInterestEvent extends Schema.Class<OpenInterestEvent>("OpenInterestEvent")({
  /** Event type, always `"openInterest"` (wire `e`). */
  eventType: wire("e", Schema.Literal("openInterest")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Open interest in contracts (wire `o`). */
  openInterest: wire("o", S.Decimal)
}) {}

/**
 * `trade.<symbol>`: a public trade (liquidation trades included). The taker side is `Ask` when
 * `isBuyerMaker` is true, `Bid` otherwise.
 *
 * @since 0.1.0
 * @category models
 */
export class TradeEvent extends Schema.Class<TradeEvent>("TradeEvent")({
  /** Event type, always `"trade"` (wire `e`). */
  eventType: wire("e", Schema.Literal("trade")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Price (wire `p`). */
  price: wire("p", S.Decimal),
  /** Quantity (wire `q`). */
  quantity: wire("q", S.Decimal),
  /** Buyer order id, exact (wire `b`). */
  buyerOrderId: wireOptional("b", S.Id),
  /** Seller order id, exact (wire `a`). */
  sellerOrderId: wireOptional("a", S.Id),
  /** Trade id, sequential per symbol, exact (wire `t`). */
  id: wire("t", S.Id),
  /** Matching-engine time, µs since the epoch (wire `T`). */
  engineTime: wire("T", S.Micros),
  /** Whether the buyer was the maker (wire `m`). */
  isBuyerMaker: wire("m", Schema.Boolean)
}) {}

/**
 * `liquidation`: a liquidation on any market.
 *
 * @since 0.1.0
 * @category models
 */
export class LiquidationEvent extends Schema.Class<LiquidationEvent>("LiquidationEvent")({
  /** Event type, always `"liquidation"` (wire `e`). */
  eventType: wire("e", Schema.Literal("liquidation")),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Quantity (wire `q`). */
  quantity: wire("q", S.Decimal),
  /** Price (wire `p`). */
  price: wire("p", S.Decimal),
  /** Side of the liquidated order (wire `S`). */
  side: wire("S", SideOpen),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Matching-engine time, µs since the epoch (the docs' sample shows a placeholder; unit assumed µs) (wire `T`). */
  engineTime: wire("T", S.Micros)
}) {}

/**
 * Order-update event types (`e` of `account.orderUpdate`), open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderEventTypeOpen = S.OpenEnum(
  "orderAccepted",
  "orderCancelled",
  "orderExpired",
  "orderFill",
  "orderModified",
  "triggerPlaced",
  "triggerFailed"
)

/**
 * Origin of an order update (`O`), open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderUpdateOriginOpen = S.OpenEnum(
  "USER",
  "LIQUIDATION_AUTOCLOSE",
  "ADL_AUTOCLOSE",
  "COLLATERAL_CONVERSION",
  "SETTLEMENT_AUTOCLOSE",
  "BACKSTOP_LIQUIDITY_PROVIDER"
)

/**
 * The order type of an order update, in the REST spelling (`Limit`, `Market`): the stream sends
 * `LIMIT` / `MARKET`, which decode to the REST values so an update compares directly with an
 * `Order`; other values pass through unchanged. Encodes back to the upper-case wire spelling.
 */
const StreamOrderType = Schema.transform(Schema.String, OrderTypeEnumOpen, {
  strict: true,
  decode: (wireValue) => wireValue === "LIMIT" ? "Limit" : wireValue === "MARKET" ? "Market" : wireValue,
  encode: (value) => value === "Limit" ? "LIMIT" : value === "Market" ? "MARKET" : value
})

/**
 * `account.orderUpdate[.<symbol>]`: one event in the life of one of the account's orders. Field names
 * follow the REST `Order` / `Fill` models (`orderId` is the REST order's `id`).
 *
 * @since 0.1.0
 * @category models
 */
export class OrderUpdateEvent extends Schema.Class<OrderUpdateEvent>("OrderUpdateEvent")({
  /** Event type (`orderAccepted`, `orderFill`, …) (wire `e`). */
  eventType: wire("e", OrderEventTypeOpen),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Client order id, if set (u32) (wire `c`). */
  clientId: wireOptional("c", S.Int),
  /** Side (wire `S`). */
  side: wire("S", SideOpen),
  /** Order type in the REST spelling: `Limit` / `Market` (wire `o`, sent as `LIMIT` / `MARKET`). */
  orderType: wire("o", StreamOrderType),
  /** Time in force (wire `f`). */
  timeInForce: wire("f", TimeInForceOpen),
  /** Quantity, if the order has one (wire `q`). */
  quantity: wireOptional("q", S.Decimal),
  /** Quantity in quote (wire `Q`). */
  quoteQuantity: wireOptional("Q", S.Decimal),
  /** Limit price (wire `p`). */
  price: wireOptional("p", S.Decimal),
  /** Trigger price (wire `P`). */
  triggerPrice: wireOptional("P", S.Decimal),
  /** What the trigger price is compared with (wire `B`). */
  triggerBy: wireOptional("B", TriggerByOpen),
  /** Take-profit trigger price (wire `a`). */
  takeProfitTriggerPrice: wireOptional("a", S.Decimal),
  /** Stop-loss trigger price (wire `b`). */
  stopLossTriggerPrice: wireOptional("b", S.Decimal),
  /** Take-profit limit price (wire `j`). */
  takeProfitLimitPrice: wireOptional("j", S.Decimal),
  /** Stop-loss limit price (wire `k`). */
  stopLossLimitPrice: wireOptional("k", S.Decimal),
  /** Take-profit trigger-by (wire `d`). */
  takeProfitTriggerBy: wireOptional("d", TriggerByOpen),
  /** Stop-loss trigger-by (wire `g`). */
  stopLossTriggerBy: wireOptional("g", TriggerByOpen),
  /** Trigger quantity: a decimal or a percentage of the position (wire `Y`). */
  triggerQuantity: wireOptional("Y", S.DecimalOrPercent),
  /** Order status (wire `X`). */
  status: wire("X", OrderStatusOpen),
  /** Expiry reason (`orderExpired` only; the stream's vocabulary is unconfirmed, so it is open) (wire `R`). */
  expiryReason: wireOptional("R", OrderExpiryReasonOpen),
  /** Order id, exact: the REST order's `id` (wire `i`). */
  orderId: wire("i", S.Id),
  /** Trade id of a fill, exact (wire `t`). */
  tradeId: wireOptional("t", S.Id),
  /** Quantity of this fill (wire `l`). */
  fillQuantity: wireOptional("l", S.Decimal),
  /** Price of this fill (wire `L`). */
  fillPrice: wireOptional("L", S.Decimal),
  /** Whether this fill was maker (wire `m`). */
  isMaker: wireOptional("m", Schema.Boolean),
  /** Fee of this fill (wire `n`). */
  fee: wireOptional("n", S.Decimal),
  /** Asset the fee was paid in (wire `N`). */
  feeSymbol: wireOptional("N", Schema.String),
  /** Cumulative executed quantity (wire `z`). */
  executedQuantity: wireOptional("z", S.Decimal),
  /** Cumulative executed quote quantity (wire `Z`). */
  executedQuoteQuantity: wireOptional("Z", S.Decimal),
  /** Self-trade prevention (wire `V`). */
  selfTradePrevention: wireOptional("V", SelfTradePreventionOpen),
  /** Matching-engine time, µs since the epoch (wire `T`). */
  engineTime: wire("T", S.Micros),
  /** Origin of the update (wire `O`). */
  origin: wireOptional("O", OrderUpdateOriginOpen),
  /** Related order id, exact (wire `I`). */
  relatedOrderId: wireOptional("I", S.Id),
  /** Strategy id, exact (wire `H`). */
  strategyId: wireOptional("H", S.Id),
  /** Post-only (wire `y`). */
  postOnly: wireOptional("y", Schema.Boolean),
  /** Reduce-only (wire `r`). */
  reduceOnly: wireOptional("r", Schema.Boolean)
}) {}

/**
 * Position event types (`e` of `account.positionUpdate`), open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const PositionEventTypeOpen = S.OpenEnum("positionOpened", "positionAdjusted", "positionClosed")

/**
 * `account.positionUpdate[.<symbol>]`: a change of one of the account's futures positions. The
 * snapshot sent right after subscribing has no `eventType`. Field names follow the REST position.
 *
 * @since 0.1.0
 * @category models
 */
export class PositionUpdateEvent extends Schema.Class<PositionUpdateEvent>("PositionUpdateEvent")({
  /** Event type; absent in the on-subscribe snapshot (wire `e`). */
  eventType: wireOptional("e", PositionEventTypeOpen),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Break-even price (wire `b`). */
  breakEvenPrice: wireOptional("b", S.Decimal),
  /** Entry price (wire `B`). */
  entryPrice: wireOptional("B", S.Decimal),
  /** Initial margin fraction (wire `f`). */
  imf: wireOptional("f", S.Decimal),
  /** Mark price (wire `M`). */
  markPrice: wireOptional("M", S.Decimal),
  /** Maintenance margin fraction (wire `m`). */
  mmf: wireOptional("m", S.Decimal),
  /** Net quantity (positive long, negative short) (wire `q`). */
  netQuantity: wire("q", S.Decimal),
  /** Net exposure quantity (open orders included) (wire `Q`). */
  netExposureQuantity: wireOptional("Q", S.Decimal),
  /** Net exposure notional (wire `n`). */
  netExposureNotional: wireOptional("n", S.Decimal),
  /** Position id, exact (wire `i`). */
  positionId: wire("i", S.Id),
  /** Realized PnL (wire `p`). */
  pnlRealized: wireOptional("p", S.Decimal),
  /** Unrealized PnL (wire `P`). */
  pnlUnrealized: wireOptional("P", S.Decimal),
  /** Estimated liquidation price: a placeholder, always 0 since 2025-09-01 (wire `l`). */
  estLiquidationPrice: wireOptional("l", S.Decimal),
  /** Matching-engine time, µs since the epoch (wire `T`). */
  engineTime: wire("T", S.Micros)
}) {}

/**
 * RFQ event types (`e` of `account.rfqUpdate`), open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const RfqEventTypeOpen = S.OpenEnum(
  "rfqActive",
  "rfqAccepted",
  "rfqRefreshed",
  "rfqCancelled",
  "rfqCandidate",
  "rfqFilled",
  "quoteAccepted",
  "quoteCancelled",
  "rfqAcceptedBinding"
)

/**
 * `account.rfqUpdate[.<symbol>]`: an RFQ or quote event. `rfqId` and `quoteId` exceed 2^53 and are
 * kept exact.
 *
 * @since 0.1.0
 * @category models
 */
export class RfqUpdateEvent extends Schema.Class<RfqUpdateEvent>("RfqUpdateEvent")({
  /** Event type (wire `e`). */
  eventType: wire("e", RfqEventTypeOpen),
  /** Time the WebSocket server emitted the event, µs since the epoch (wire `E`). */
  eventTime: wire("E", S.Micros),
  /** RFQ id, exact (above 2^53) (wire `R`). */
  rfqId: wire("R", S.Id),
  /** Quote id, exact (quote, candidate and fill events) (wire `u`). */
  quoteId: wireOptional("u", S.Id),
  /** Client RFQ id or client quote id (wire `C`). */
  clientId: wireOptional("C", S.Id),
  /** Market symbol (wire `s`). */
  symbol: wire("s", Schema.String),
  /** Side (wire `S`). */
  side: wireOptional("S", SideOpen),
  /** Base quantity (never together with `quoteQuantity`) (wire `q`). */
  quantity: wireOptional("q", S.Decimal),
  /** Quote quantity (never together with `quantity`) (wire `Q`). */
  quoteQuantity: wireOptional("Q", S.Decimal),
  /** Price (taker price incl. fee to the requester; quote price to the quoter) (wire `p`). */
  price: wireOptional("p", S.Decimal),
  /** Submission deadline, **ms** since the epoch (wire `w`). */
  submissionDeadline: wireOptional("w", S.Millis),
  /** Expiry, **ms** since the epoch (wire `W`). */
  expiryTime: wireOptional("W", S.Millis),
  /** Status (wire `X`). */
  status: wireOptional("X", Schema.String),
  /** System order type (system RFQs only) (wire `o`). */
  systemOrderType: wireOptional("o", Schema.String),
  /** Matching-engine time, µs since the epoch (wire `T`). */
  engineTime: wire("T", S.Micros)
}) {}

/**
 * Any decoded stream event.
 *
 * @since 0.1.0
 * @category models
 */
export type StreamEvent =
  | BookTickerEvent
  | DepthEvent
  | KlineEvent
  | MarkPriceEvent
  | TickerEvent
  | OpenInterestEvent
  | TradeEvent
  | LiquidationEvent
  | OrderUpdateEvent
  | PositionUpdateEvent
  | RfqUpdateEvent

/**
 * A discontinuity marker: the connection was re-established and the stream re-subscribed, so events
 * published in between are lost. Depth consumers must resync their book when they see it.
 *
 * @since 0.1.0
 * @category models
 */
export class Resubscribed extends Schema.TaggedClass<Resubscribed>()("Resubscribed", {
  /** The stream name. */
  stream: Schema.String,
  /** How many connections were opened before this one (1 on the first reconnect). */
  reconnects: Schema.Number
}) {}

/**
 * A consumer fell so far behind that its bounded buffer filled up on a stream whose events must not
 * be dropped (depth deltas, trades, liquidations, private streams). The consumer's stream fails with
 * this error; `OrderBook` answers it with a resync.
 *
 * @since 0.1.0
 * @category errors
 */
export class BufferOverflow extends Schema.TaggedError<BufferOverflow>()("BufferOverflow", {
  /** The stream name. */
  stream: Schema.String,
  /** The buffer capacity that was exceeded. */
  capacity: Schema.Number
}) {
  override get message(): string {
    return `${this.stream}: consumer buffer of ${this.capacity} events overflowed; events were lost`
  }
}

/**
 * An error frame sent by the server (`{"id":null,"error":{"code":4006,"message":"Invalid stream"}}`).
 * The exchange does not say which subscription it refers to, so these are published on
 * `BackpackStream.errors` and logged.
 *
 * @since 0.1.0
 * @category models
 */
export class ServerError extends Schema.Class<ServerError>("ServerError")({
  /** Request id echoed by the server (always `null` so far). */
  id: Schema.optionalWith(Schema.Unknown, { nullable: true }),
  /** Error code (4006 invalid stream, …). */
  code: Schema.Number,
  /** Human-readable message. */
  message: Schema.String
}) {}

/**
 * The state of the shared connection.
 *
 * @since 0.1.0
 * @category models
 */
export type ConnectionStatus = Data.TaggedEnum<{
  /** No subscription yet: no socket opened. */
  Idle: {}
  /** Opening the first connection. */
  Connecting: {}
  /** Connected; `connection` counts the connections opened so far (1 for the first). */
  Open: { readonly connection: number }
  /** Lost the connection; waiting before reconnect attempt `attempt` (1-based). */
  Reconnecting: { readonly attempt: number; readonly reason: string }
  /** The service's scope was closed. */
  Closed: {}
}>

/**
 * Constructors and matchers of {@link ConnectionStatus}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ConnectionStatus = Data.taggedEnum<ConnectionStatus>()

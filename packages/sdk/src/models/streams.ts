/**
 * Models of the WebSocket streams (backpack-api.md §7.3–7.4): one `Schema.Class` per event kind.
 *
 * Every payload field is accepted as a JSON number or a string (the docs print numbers, live frames
 * send strings): decimals decode to `BigDecimal`, timestamps to safe integers (µs unless a field
 * comment says otherwise), ids to exact strings and depth update ids to `bigint`. Frames are parsed
 * losslessly, so RFQ ids above 2^53 stay exact.
 *
 * @since 0.1.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import * as Data from "effect/Data"
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import {
  OrderExpiryReasonOpen,
  OrderStatusOpen,
  SelfTradePreventionOpen,
  SideOpen,
  TimeInForceOpen,
  TriggerByOpen
} from "./enums.js"

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
  /** Event type, always `"bookTicker"`. */
  e: Schema.Literal("bookTicker"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Best ask price (absent when the ask side is empty). */
  a: S.optional(S.Decimal),
  /** Best ask quantity. */
  A: S.optional(S.Decimal),
  /** Best bid price (absent when the bid side is empty). */
  b: S.optional(S.Decimal),
  /** Best bid quantity. */
  B: S.optional(S.Decimal),
  /** Update id of the book ticker (independent of the depth ids). */
  u: S.Sequence,
  /** Engine time, µs. */
  T: S.Micros
}) {}

/**
 * `depth.<symbol>` and its aggregated variants: absolute level sizes covering update ids `U..u`.
 *
 * @since 0.1.0
 * @category models
 */
export class DepthEvent extends Schema.Class<DepthEvent>("DepthEvent")({
  /** Event type, always `"depth"`. */
  e: Schema.Literal("depth"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Changed ask levels (absolute sizes; zero deletes). */
  a: Schema.Array(DepthLevel),
  /** Changed bid levels (absolute sizes; zero deletes). */
  b: Schema.Array(DepthLevel),
  /** First update id in this event (exact). */
  U: S.Sequence,
  /** Last update id in this event (exact). */
  u: S.Sequence,
  /** Engine time, µs. */
  T: S.Micros
}) {}

/**
 * `kline.<interval>.<symbol>`: the current candle, pushed on change and once more with `X: true` at
 * close.
 *
 * @since 0.1.0
 * @category models
 */
export class KlineEvent extends Schema.Class<KlineEvent>("KlineEvent")({
  /** Event type, always `"kline"`. */
  e: Schema.Literal("kline"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Candle start (UTC, second precision on the wire). */
  t: S.NaiveDateTime,
  /** Candle close (UTC, second precision on the wire). */
  T: S.NaiveDateTime,
  /** Open price. */
  o: S.Decimal,
  /** Close (latest) price. */
  c: S.Decimal,
  /** High price. */
  h: S.Decimal,
  /** Low price. */
  l: S.Decimal,
  /** Base volume. */
  v: S.Decimal,
  /** Number of trades. */
  n: S.Int,
  /** Whether the candle is closed. */
  X: Schema.Boolean
}) {}

/**
 * `markPrice.<symbol>`: mark price, funding estimate and index price.
 *
 * @since 0.1.0
 * @category models
 */
export class MarkPriceEvent extends Schema.Class<MarkPriceEvent>("MarkPriceEvent")({
  /** Event type, always `"markPrice"`. */
  e: Schema.Literal("markPrice"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Mark price. */
  p: S.Decimal,
  /** Estimated funding rate (absent on prediction markets). */
  f: S.optional(S.Decimal),
  /** Index price (absent on prediction markets). */
  i: S.optional(S.Decimal),
  /** Next funding time, **ms** (absent on prediction markets). */
  n: S.optional(S.Millis),
  /** Engine time, µs. */
  T: S.optional(S.Micros)
}) {}

/**
 * `ticker.<symbol>`: 24 h rolling statistics, every second.
 *
 * @since 0.1.0
 * @category models
 */
export class TickerEvent extends Schema.Class<TickerEvent>("TickerEvent")({
  /** Event type, always `"ticker"`. */
  e: Schema.Literal("ticker"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** First price of the window. */
  o: S.Decimal,
  /** Last price. */
  c: S.Decimal,
  /** High price. */
  h: S.Decimal,
  /** Low price. */
  l: S.Decimal,
  /** Base volume. */
  v: S.Decimal,
  /** Quote volume. */
  V: S.Decimal,
  /** Number of trades. */
  n: S.Int
}) {}

/**
 * `openInterest.<symbol>`: open interest of a futures market, every 60 s.
 *
 * @since 0.1.0
 * @category models
 */
export class OpenInterestEvent extends Schema.Class<OpenInterestEvent>("OpenInterestEvent")({
  /** Event type, always `"openInterest"`. */
  e: Schema.Literal("openInterest"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Open interest in contracts. */
  o: S.Decimal
}) {}

/**
 * `trade.<symbol>`: a public trade (liquidation trades included). The taker side is `Ask` when `m`
 * is true, `Bid` otherwise.
 *
 * @since 0.1.0
 * @category models
 */
export class TradeEvent extends Schema.Class<TradeEvent>("TradeEvent")({
  /** Event type, always `"trade"`. */
  e: Schema.Literal("trade"),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Price. */
  p: S.Decimal,
  /** Quantity. */
  q: S.Decimal,
  /** Buyer order id (exact). */
  b: S.optional(S.Id),
  /** Seller order id (exact). */
  a: S.optional(S.Id),
  /** Trade id, sequential per symbol (exact). */
  t: S.Id,
  /** Engine time, µs. */
  T: S.Micros,
  /** Whether the buyer was the maker. */
  m: Schema.Boolean
}) {}

/**
 * `liquidation`: a liquidation on any market.
 *
 * @since 0.1.0
 * @category models
 */
export class LiquidationEvent extends Schema.Class<LiquidationEvent>("LiquidationEvent")({
  /** Event type, always `"liquidation"`. */
  e: Schema.Literal("liquidation"),
  /** Event time, µs. */
  E: S.Micros,
  /** Quantity. */
  q: S.Decimal,
  /** Price. */
  p: S.Decimal,
  /** Side of the liquidated order. */
  S: SideOpen,
  /** Symbol. */
  s: Schema.String,
  /** Engine time, µs (the docs' sample shows a placeholder; unit assumed µs). */
  T: S.Micros
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
 * `account.orderUpdate[.<symbol>]`: one event in the life of one of the account's orders.
 *
 * @since 0.1.0
 * @category models
 */
export class OrderUpdateEvent extends Schema.Class<OrderUpdateEvent>("OrderUpdateEvent")({
  /** Event type (`orderAccepted`, `orderFill`, …). */
  e: OrderEventTypeOpen,
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Client order id, if set (u32). */
  c: S.optional(S.Int),
  /** Side. */
  S: SideOpen,
  /** Order type as on the stream (`LIMIT`, `MARKET`). */
  o: S.OpenEnum("LIMIT", "MARKET"),
  /** Time in force. */
  f: TimeInForceOpen,
  /** Quantity, if the order has one. */
  q: S.optional(S.Decimal),
  /** Quantity in quote. */
  Q: S.optional(S.Decimal),
  /** Limit price. */
  p: S.optional(S.Decimal),
  /** Trigger price. */
  P: S.optional(S.Decimal),
  /** What the trigger price is compared with. */
  B: S.optional(TriggerByOpen),
  /** Take-profit trigger price. */
  a: S.optional(S.Decimal),
  /** Stop-loss trigger price. */
  b: S.optional(S.Decimal),
  /** Take-profit limit price. */
  j: S.optional(S.Decimal),
  /** Stop-loss limit price. */
  k: S.optional(S.Decimal),
  /** Take-profit trigger-by. */
  d: S.optional(TriggerByOpen),
  /** Stop-loss trigger-by. */
  g: S.optional(TriggerByOpen),
  /** Trigger quantity: a decimal or a percentage of the position. */
  Y: S.optional(S.DecimalOrPercent),
  /** Order status. */
  X: OrderStatusOpen,
  /** Expiry reason (`orderExpired` only; the stream's vocabulary is unconfirmed, so it is open). */
  R: S.optional(OrderExpiryReasonOpen),
  /** Order id (exact). */
  i: S.Id,
  /** Trade id of a fill (exact). */
  t: S.optional(S.Id),
  /** Fill quantity. */
  l: S.optional(S.Decimal),
  /** Fill price. */
  L: S.optional(S.Decimal),
  /** Whether the fill was maker. */
  m: S.optional(Schema.Boolean),
  /** Fee of the fill. */
  n: S.optional(S.Decimal),
  /** Fee asset. */
  N: S.optional(Schema.String),
  /** Cumulative executed quantity. */
  z: S.optional(S.Decimal),
  /** Cumulative executed quote quantity. */
  Z: S.optional(S.Decimal),
  /** Self-trade prevention. */
  V: S.optional(SelfTradePreventionOpen),
  /** Engine time, µs. */
  T: S.Micros,
  /** Origin of the update. */
  O: S.optional(OrderUpdateOriginOpen),
  /** Related order id (exact). */
  I: S.optional(S.Id),
  /** Strategy id (exact). */
  H: S.optional(S.Id),
  /** Post-only. */
  y: S.optional(Schema.Boolean),
  /** Reduce-only. */
  r: S.optional(Schema.Boolean)
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
 * snapshot sent right after subscribing has no `e`.
 *
 * @since 0.1.0
 * @category models
 */
export class PositionUpdateEvent extends Schema.Class<PositionUpdateEvent>("PositionUpdateEvent")({
  /** Event type; absent in the on-subscribe snapshot. */
  e: S.optional(PositionEventTypeOpen),
  /** Event time, µs. */
  E: S.Micros,
  /** Symbol. */
  s: Schema.String,
  /** Break-even price. */
  b: S.optional(S.Decimal),
  /** Entry price. */
  B: S.optional(S.Decimal),
  /** Initial margin fraction. */
  f: S.optional(S.Decimal),
  /** Mark price. */
  M: S.optional(S.Decimal),
  /** Maintenance margin fraction. */
  m: S.optional(S.Decimal),
  /** Net quantity (positive long, negative short). */
  q: S.Decimal,
  /** Net exposure quantity (open orders included). */
  Q: S.optional(S.Decimal),
  /** Net exposure notional. */
  n: S.optional(S.Decimal),
  /** Position id (exact). */
  i: S.Id,
  /** Realized PnL. */
  p: S.optional(S.Decimal),
  /** Unrealized PnL. */
  P: S.optional(S.Decimal),
  /** Estimated liquidation price: a placeholder, always 0 since 2025-09-01. */
  l: S.optional(S.Decimal),
  /** Engine time, µs. */
  T: S.Micros
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
 * `account.rfqUpdate[.<symbol>]`: an RFQ or quote event. `R` and `u` exceed 2^53 and are kept exact.
 *
 * @since 0.1.0
 * @category models
 */
export class RfqUpdateEvent extends Schema.Class<RfqUpdateEvent>("RfqUpdateEvent")({
  /** Event type. */
  e: RfqEventTypeOpen,
  /** Event time, µs. */
  E: S.Micros,
  /** RFQ id (exact; above 2^53). */
  R: S.Id,
  /** Quote id (exact; quote, candidate and fill events). */
  u: S.optional(S.Id),
  /** Client RFQ id or client quote id. */
  C: S.optional(S.Id),
  /** Symbol. */
  s: Schema.String,
  /** Side. */
  S: S.optional(SideOpen),
  /** Base quantity (never together with `Q`). */
  q: S.optional(S.Decimal),
  /** Quote quantity (never together with `q`). */
  Q: S.optional(S.Decimal),
  /** Price (taker price incl. fee to the requester; quote price to the quoter). */
  p: S.optional(S.Decimal),
  /** Submission deadline, **ms**. */
  w: S.optional(S.Millis),
  /** Expiry, **ms**. */
  W: S.optional(S.Millis),
  /** Status. */
  X: S.optional(Schema.String),
  /** System order type (system RFQs only). */
  o: S.optional(Schema.String),
  /** Engine time, µs. */
  T: S.Micros
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

/**
 * Models of the order endpoints: the order objects the exchange answers with (`OrderType`, a
 * `LimitOrder` or a `MarketOrder`), batch results, cancel acknowledgements, reconciliation answers,
 * and the request schemas of placement and cancels.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ApiErrorCode } from "../BackpackError.js"
import * as S from "../internal/schema.js"
import {
  CancelOrderType,
  MarketType,
  OrderStatus,
  OrderTypeEnum,
  SelfTradePrevention,
  Side,
  SlippageToleranceType,
  TimeInForce,
  TriggerBy
} from "./enums.js"
import { Order } from "./history.js"

// ---------------------------------------------------------------------------------------------
// responses
// ---------------------------------------------------------------------------------------------

/** Fields shared by both variants of an order object. */
const orderFields = {
  /** Exchange order id, kept exactly as a string (older ids such as `"111063114377265150"` pass 2^53). */
  id: S.Id,
  /** The caller's uint32 id for the order, when one was given (the SDK always gives one on placement). */
  clientId: S.optional(S.Int),
  /** Creation time, Unix epoch milliseconds. */
  createdAt: S.Millis,
  /** Base quantity filled so far. */
  executedQuantity: S.Decimal,
  /** Quote quantity filled so far (sum of price × quantity of the fills). */
  executedQuoteQuantity: S.Decimal,
  /** Futures only: the order may only reduce a position. */
  reduceOnly: S.optional(Schema.Boolean),
  /** `RejectTaker`, `RejectMaker` or `RejectBoth` (open). */
  selfTradePrevention: SelfTradePrevention.open,
  /** `Bid` (buy) or `Ask` (sell) (open). */
  side: Side.open,
  /** `New`, `PartiallyFilled`, `Filled`, `Cancelled`, `Expired`, `TriggerPending`, `TriggerFailed` (open). */
  status: OrderStatus.open,
  /** Market symbol, e.g. `SOL_USDC`. */
  symbol: Schema.String,
  /** `GTC`, `IOC` or `FOK` (open). The exchange reports `GTC` for market orders too. */
  timeInForce: TimeInForce.open,
  /** Stop-loss trigger price of an attached stop-loss. */
  stopLossTriggerPrice: S.optional(S.Decimal),
  /** Stop-loss limit price; absent means the stop-loss executes as a market order. */
  stopLossLimitPrice: S.optional(S.Decimal),
  /** Reference price of the stop-loss trigger. */
  stopLossTriggerBy: S.optional(TriggerBy.open),
  /** Take-profit trigger price of an attached take-profit. */
  takeProfitTriggerPrice: S.optional(S.Decimal),
  /** Take-profit limit price; absent means the take-profit executes as a market order. */
  takeProfitLimitPrice: S.optional(S.Decimal),
  /** Reference price of the take-profit trigger. */
  takeProfitTriggerBy: S.optional(TriggerBy.open),
  /** Reference price of the trigger of a trigger (conditional) order. */
  triggerBy: S.optional(TriggerBy.open),
  /** Trigger price of a trigger (conditional) order. */
  triggerPrice: S.optional(S.Decimal),
  /** Quantity released when the trigger fires: a decimal, or a percentage of the position (`Percent`). */
  triggerQuantity: S.optional(S.DecimalOrPercent),
  /** When the trigger fired, Unix epoch milliseconds. */
  triggeredAt: S.optional(S.Millis),
  /** Id of the order this one is attached to (TP/SL legs), exact string. */
  relatedOrderId: S.optional(S.Id),
  /** Id of the strategy that placed the order, exact string. */
  strategyId: S.optional(S.Id)
}

/**
 * A limit order as answered by placement, query, cancel and open-orders (`orderType: "Limit"`).
 *
 * @since 0.1.0
 * @category models
 */
export class LimitOrder extends Schema.Class<LimitOrder>("LimitOrder")({
  /** Discriminator. */
  orderType: Schema.Literal("Limit"),
  ...orderFields,
  /** Limit price. */
  price: S.Decimal,
  /** Base quantity (`"0"` on a trigger order whose trigger has not fired: see `triggerQuantity`). */
  quantity: S.Decimal,
  /** The order was placed post-only (maker only). */
  postOnly: Schema.Boolean
}) {}

/**
 * A market order as answered by placement, query, cancel and open-orders (`orderType: "Market"`).
 *
 * @since 0.1.0
 * @category models
 */
export class MarketOrder extends Schema.Class<MarketOrder>("MarketOrder")({
  /** Discriminator. */
  orderType: Schema.Literal("Market"),
  ...orderFields,
  /** Base quantity asked for, when the order was placed by quantity. */
  quantity: S.optional(S.Decimal),
  /** Quote quantity to spend (Bid) or receive (Ask), when the order was placed by quote quantity. */
  quoteQuantity: S.optional(S.Decimal),
  /** Maximum slippage, in the unit of `slippageToleranceType`. */
  slippageTolerance: S.optional(S.Decimal),
  /** `TickSize` or `Percent` (open). */
  slippageToleranceType: S.optional(SlippageToleranceType.open)
}) {}

/**
 * An order object: the spec's `OrderType`, a union discriminated on `orderType`.
 *
 * @since 0.1.0
 * @category models
 */
export const OrderType = Schema.Union(LimitOrder, MarketOrder)

/**
 * @since 0.1.0
 * @category models
 */
export type OrderType = LimitOrder | MarketOrder

/**
 * A failed element of a batch placement (`operation: "Err"`): Backpack's error code and message.
 * One failed element does not fail the batch call.
 *
 * @since 0.1.0
 * @category models
 */
export class BatchOrderError extends Schema.Class<BatchOrderError>("BatchOrderError")({
  /** Backpack error code, e.g. `INSUFFICIENT_FUNDS` (open). */
  code: ApiErrorCode,
  /** Human-readable reason. */
  message: Schema.String
}) {}

/**
 * One element of a batch placement result, in the order of the input: the placed order, or the
 * reason that order was refused.
 *
 * @since 0.1.0
 * @category models
 */
export type BatchCommandOrderResult = OrderType | BatchOrderError

/**
 * Schema of {@link BatchCommandOrderResult}. An element with an `orderType` is an order (the spec's
 * `operation: "Ok"` tag is ignored), an element with `code` and `message` a refusal.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BatchCommandOrderResult = Schema.Union(LimitOrder, MarketOrder, BatchOrderError).annotations({
  identifier: "BatchCommandOrderResult"
})

/**
 * Whether a batch element is a refusal.
 *
 * @since 0.1.0
 * @category guards
 */
export const isBatchOrderError = (result: BatchCommandOrderResult): result is BatchOrderError =>
  result instanceof BatchOrderError

/**
 * A cancel answered `202 Accepted` with an empty body: the exchange took the cancel but has not
 * executed it yet. Check the order again (or watch the order stream) for its final state.
 *
 * @since 0.1.0
 * @category models
 */
export class CancelAccepted extends Schema.TaggedClass<CancelAccepted>()("CancelAccepted", {
  /** The HTTP status of the answer (202). */
  status: Schema.Number
}) {}

/**
 * Whether a cancel result is the `202 Accepted` acknowledgement rather than the cancelled order(s).
 *
 * @since 0.1.0
 * @category guards
 */
export const isCancelAccepted = (result: unknown): result is CancelAccepted => result instanceof CancelAccepted

/**
 * `Orders.reconcile`'s answer for one client id: the order reached the exchange. `source` tells
 * where it was found: `"open"` (still resting on the book; `order` is the live order object) or
 * `"history"` (filled, cancelled or expired since; `order` is the order-history row, `Order`).
 *
 * @since 0.1.0
 * @category models
 */
export class OrderPlaced extends Schema.TaggedClass<OrderPlaced>()("OrderPlaced", {
  /** The client id looked up. */
  clientId: Schema.Number,
  /** Market symbol. */
  symbol: Schema.String,
  /** Where the order was found. */
  source: Schema.Literal("open", "history"),
  /** The order as found there. */
  order: Schema.Union(LimitOrder, MarketOrder, Order)
}) {
  /** Exchange id of the placed order (exact string). */
  get orderId(): string {
    return this.order.id
  }
}

/**
 * `Orders.reconcile`'s answer for one client id: no open order and no history row carries it, so
 * the request did not create an order (resending is safe once the request's signing window has
 * passed, since the exchange then refuses the old request).
 *
 * @since 0.1.0
 * @category models
 */
export class OrderNotPlaced extends Schema.TaggedClass<OrderNotPlaced>()("OrderNotPlaced", {
  /** The client id looked up. */
  clientId: Schema.Number,
  /** Market symbol of the lost request (absent when the request did not name one). */
  symbol: Schema.optional(Schema.String)
}) {}

/**
 * @since 0.1.0
 * @category models
 */
export type ReconcileResult = OrderPlaced | OrderNotPlaced

// ---------------------------------------------------------------------------------------------
// requests
// ---------------------------------------------------------------------------------------------

/**
 * The largest batch `Orders.executeOrders` sends. The exchange does not document its limit
 * (backpack-api.md §12.12); CCXT and the simulator use 20, so the SDK refuses larger batches before
 * sending anything. Split bigger sets of orders into several batches.
 *
 * @since 0.1.0
 * @category constants
 */
export const maxBatchSize = 20

const orderExecuteFields = {
  /** Market symbol, e.g. `SOL_USDC`. */
  symbol: S.MarketSymbol,
  /** `Bid` (buy) or `Ask` (sell). */
  side: Side,
  /** `Limit` or `Market`. */
  orderType: OrderTypeEnum,
  /** Base quantity. Limit orders need it (or a trigger quantity); market orders need it or `quoteQuantity`. */
  quantity: Schema.optional(S.PositiveDecimalParam),
  /** Market orders only: quote amount to spend (Bid) or receive (Ask). */
  quoteQuantity: Schema.optional(S.PositiveDecimalParam),
  /** Limit orders only: the limit price (a multiple of the market's tick size). */
  price: Schema.optional(S.PositiveDecimalParam),
  /** `GTC` (default), `IOC` or `FOK`. */
  timeInForce: Schema.optional(TimeInForce),
  /** Limit orders only: refuse instead of taking liquidity. Not with `IOC` / `FOK`. */
  postOnly: Schema.optional(Schema.Boolean),
  /** Futures only: may only reduce a position. */
  reduceOnly: Schema.optional(Schema.Boolean),
  /** `RejectTaker` (default), `RejectMaker` or `RejectBoth`. */
  selfTradePrevention: Schema.optional(SelfTradePrevention),
  /** uint32 id of the order; `Orders.executeOrder(s)` generates one when absent. */
  clientId: Schema.optional(S.Uint32),
  /** Makes it a trigger (conditional) order; requires `triggerQuantity`. */
  triggerPrice: Schema.optional(S.PositiveDecimalParam),
  /** Quantity released when triggered: a decimal or a percentage of the position (`"50%"`); requires `triggerPrice`. */
  triggerQuantity: Schema.optional(S.QuantityOrPercentParam),
  /** Reference price of the trigger; requires `triggerPrice`. */
  triggerBy: Schema.optional(TriggerBy),
  /** Attached take-profit: trigger price. */
  takeProfitTriggerPrice: Schema.optional(S.PositiveDecimalParam),
  /** Attached take-profit: limit price (requires `takeProfitTriggerPrice`; absent = market). */
  takeProfitLimitPrice: Schema.optional(S.PositiveDecimalParam),
  /** Attached take-profit: reference price (requires `takeProfitTriggerPrice`). */
  takeProfitTriggerBy: Schema.optional(TriggerBy),
  /** Attached stop-loss: trigger price. */
  stopLossTriggerPrice: Schema.optional(S.PositiveDecimalParam),
  /** Attached stop-loss: limit price (requires `stopLossTriggerPrice`; absent = market). */
  stopLossLimitPrice: Schema.optional(S.PositiveDecimalParam),
  /** Attached stop-loss: reference price (requires `stopLossTriggerPrice`). */
  stopLossTriggerBy: Schema.optional(TriggerBy),
  /** Spot margin: lend the proceeds. */
  autoLend: Schema.optional(Schema.Boolean),
  /** Spot margin: redeem lent assets to fund the order. */
  autoLendRedeem: Schema.optional(Schema.Boolean),
  /** Spot margin: borrow to fund the order. */
  autoBorrow: Schema.optional(Schema.Boolean),
  /** Spot margin: repay borrows with the proceeds. */
  autoBorrowRepay: Schema.optional(Schema.Boolean),
  /** Maximum slippage, in the unit of `slippageToleranceType` (both or neither). */
  slippageTolerance: Schema.optional(S.PositiveDecimalParam),
  /** `TickSize` or `Percent`: unit of `slippageTolerance` (both or neither). */
  slippageToleranceType: Schema.optional(SlippageToleranceType),
  /** uint16 broker id (alternative to the `X-Broker-Id` header). */
  brokerId: Schema.optional(S.Uint16)
}

type OrderExecuteWire = Schema.Struct.Type<typeof orderExecuteFields>

/** The cross-field rules of §5.1, each reported on the field that breaks it. */
const orderExecuteIssue = (o: OrderExecuteWire): Schema.FilterIssue | undefined => {
  const issue = (field: string, message: string): Schema.FilterIssue => ({ path: [field], message })
  const has = (value: unknown) => value !== undefined
  if (has(o.triggerPrice) !== has(o.triggerQuantity)) {
    return has(o.triggerPrice)
      ? issue("triggerQuantity", "Must specify both triggerPrice and triggerQuantity or neither")
      : issue("triggerPrice", "Must specify both triggerPrice and triggerQuantity or neither")
  }
  if (has(o.triggerBy) && !has(o.triggerPrice)) return issue("triggerBy", "triggerBy requires triggerPrice")
  if (o.orderType === "Limit") {
    if (!has(o.price)) return issue("price", "Limit orders must specify a price")
    if (!has(o.quantity) && !has(o.triggerQuantity)) {
      return issue("quantity", "Limit orders must specify a quantity (or a triggerQuantity on a trigger order)")
    }
    if (has(o.quoteQuantity)) return issue("quoteQuantity", "quoteQuantity is only valid on market orders")
    if (o.postOnly === true && (o.timeInForce === "IOC" || o.timeInForce === "FOK")) {
      return issue("postOnly", `postOnly cannot be combined with timeInForce ${o.timeInForce}`)
    }
  } else {
    if (has(o.price)) return issue("price", "price is only valid on limit orders")
    if (o.postOnly === true) return issue("postOnly", "postOnly is only valid on limit orders")
    if (has(o.quantity) && has(o.quoteQuantity)) {
      return issue("quoteQuantity", "Market orders must specify either a quantity or quoteQuantity, not both")
    }
    if (!has(o.quantity) && !has(o.quoteQuantity) && !has(o.triggerQuantity)) {
      return issue("quantity", "Market orders must specify a quantity or quoteQuantity")
    }
  }
  for (const leg of ["takeProfit", "stopLoss"] as const) {
    const trigger = o[`${leg}TriggerPrice`]
    if (!has(trigger)) {
      if (has(o[`${leg}LimitPrice`])) {
        return issue(`${leg}LimitPrice`, `${leg}LimitPrice requires ${leg}TriggerPrice`)
      }
      if (has(o[`${leg}TriggerBy`])) return issue(`${leg}TriggerBy`, `${leg}TriggerBy requires ${leg}TriggerPrice`)
    }
  }
  if (has(o.slippageTolerance) !== has(o.slippageToleranceType)) {
    return has(o.slippageTolerance)
      ? issue("slippageToleranceType", "slippageTolerance requires slippageToleranceType")
      : issue("slippageTolerance", "slippageToleranceType requires slippageTolerance")
  }
  return undefined
}

/**
 * The body of an order placement (`OrderExecutePayload`, backpack-api.md §5.1). Decodes the
 * caller's input into the wire body: decimals are sent exactly as written, and the cross-field
 * rules are checked before anything is sent (limit orders need `price` and `quantity`; market
 * orders exactly one of `quantity` / `quoteQuantity`; `price` and `postOnly` only on limit orders,
 * `postOnly` not with `IOC` / `FOK`; `triggerPrice` and `triggerQuantity` together or neither; TP/SL
 * limit prices and trigger references require their trigger price; `slippageTolerance` with its
 * type).
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderExecutePayload = Schema.Struct(orderExecuteFields).pipe(
  Schema.filter(orderExecuteIssue),
  Schema.annotations({ identifier: "OrderExecutePayload" })
)

/**
 * What `Orders.executeOrder` takes: the spec's parameter names, decimals as strings or `BigDecimal`.
 *
 * @since 0.1.0
 * @category models
 */
export type OrderExecuteParams = Schema.Schema.Encoded<typeof OrderExecutePayload>

/**
 * The body of a batch placement: 1 to {@link maxBatchSize} orders, each checked like a single one
 * (a failure names its element, e.g. `"[2].price"`), with distinct client ids (so each result and
 * each reconciliation answer belongs to exactly one order).
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderExecuteBatchPayload = Schema.Array(OrderExecutePayload).pipe(
  Schema.minItems(1, { message: () => "A batch needs at least one order" }),
  Schema.maxItems(maxBatchSize, {
    message: () => `A batch holds at most ${maxBatchSize} orders (split larger sets into several batches)`
  }),
  Schema.filter((orders) => {
    const seen = new Set<number>()
    for (const [index, order] of orders.entries()) {
      if (order.clientId === undefined) continue
      if (seen.has(order.clientId)) {
        return { path: [index, "clientId"], message: `clientId ${order.clientId} appears twice in the batch` }
      }
      seen.add(order.clientId)
    }
    return undefined
  }),
  Schema.annotations({ identifier: "OrderExecuteBatchPayload" })
)

/** Exactly one of `orderId` / `clientId`. */
const oneOrderId = <A extends { readonly orderId?: string | undefined; readonly clientId?: number | undefined }>(
  value: A
): Schema.FilterIssue | undefined =>
  value.orderId === undefined && value.clientId === undefined
    ? { path: ["orderId"], message: "Must specify either `clientId` or `orderId`" }
    : value.orderId !== undefined && value.clientId !== undefined
    ? { path: ["clientId"], message: "Specify either `clientId` or `orderId`, not both" }
    : undefined

/**
 * Query of `Orders.getOrder`: the market and exactly one of `orderId` / `clientId`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderQueryParams = Schema.Struct({
  /** Market symbol. */
  symbol: S.MarketSymbol,
  /** Exchange order id (exact string). */
  orderId: Schema.optional(S.NonEmpty),
  /** The order's uint32 client id. */
  clientId: Schema.optional(S.Uint32)
}).pipe(Schema.filter(oneOrderId), Schema.annotations({ identifier: "OrderQueryParams" }))

/**
 * Body of `Orders.cancelOrder` (`OrderCancelPayload`): the market and exactly one of `orderId` /
 * `clientId`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderCancelPayload = Schema.Struct({
  /** Market symbol. */
  symbol: S.MarketSymbol,
  /** Exchange order id (exact string). */
  orderId: Schema.optional(S.NonEmpty),
  /** The order's uint32 client id. */
  clientId: Schema.optional(S.Uint32)
}).pipe(Schema.filter(oneOrderId), Schema.annotations({ identifier: "OrderCancelPayload" }))

/**
 * Query of `Orders.getOpenOrders`: optionally one market, or one market type.
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderQueryAllParams = Schema.Struct({
  /** Only this market. */
  symbol: Schema.optional(S.MarketSymbol),
  /** Only this market type (`SPOT`, `PERP`, …). */
  marketType: Schema.optional(MarketType)
}).annotations({ identifier: "OrderQueryAllParams" })

/**
 * Body of `Orders.cancelOpenOrders` (`OrderCancelAllPayload`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const OrderCancelAllPayload = Schema.Struct({
  /** Market symbol. */
  symbol: S.MarketSymbol,
  /** Only resting limit orders (`RestingLimitOrder`) or only trigger orders (`ConditionalOrder`). */
  orderType: Schema.optional(CancelOrderType)
}).annotations({ identifier: "OrderCancelAllPayload" })

/**
 * The request bodies of the trading and capital routes as Effect Schemas (`OrderExecutePayload` with its trigger
 * and TP/SL fields, cancels, account settings, withdrawals), decoded at the edge with the live plain-text 400s
 * (see `edge.ts`). What depends on the exchange's state (market exists, tick size, balances) is the engine's.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import type { DecimalInput, OrderRequest } from "../engine/matching.js"
import type { SelfTradePrevention as Stp, Side as SideT, TimeInForce as Tif } from "../engine/model.js"
import { blockchains } from "../markets.js"
import {
  bodyDecoder,
  Bool,
  DecimalText,
  Enum,
  field,
  MarketSymbol,
  opt,
  OrderType,
  PositiveDec,
  SelfTradePrevention,
  Side,
  Str,
  TimeInForce,
  Uint32,
  wire
} from "./edge.js"
import { payload } from "./route.js"

export type TriggerBy = "MarkPrice" | "LastPrice" | "IndexPrice"
const TriggerByEnum = Enum<TriggerBy>("TriggerBy", ["MarkPrice", "LastPrice", "IndexPrice"])

/** `triggerQuantity`: a base quantity or a percentage of the position (`"50%"`), kept as sent. */
const TriggerQuantity = wire(
  "TriggerQuantity",
  "Expect a decimal or a percentage.",
  (u) => (typeof u === "string" && /^\d+(?:\.\d+)?%?$/.test(u) && u.length <= 64 ? u : undefined)
)

/** `OrderExecutePayload`. */
export const OrderExecute = Schema.Struct({
  symbol: field(MarketSymbol),
  side: field(Side),
  orderType: field(OrderType),
  timeInForce: opt(TimeInForce),
  selfTradePrevention: opt(SelfTradePrevention),
  price: opt(DecimalText),
  quantity: opt(DecimalText),
  quoteQuantity: opt(DecimalText),
  postOnly: opt(Bool),
  reduceOnly: opt(Bool),
  clientId: opt(Uint32),
  triggerPrice: opt(PositiveDec),
  triggerQuantity: opt(TriggerQuantity),
  triggerBy: opt(TriggerByEnum),
  takeProfitTriggerPrice: opt(PositiveDec),
  takeProfitLimitPrice: opt(PositiveDec),
  takeProfitTriggerBy: opt(TriggerByEnum),
  stopLossTriggerPrice: opt(PositiveDec),
  stopLossLimitPrice: opt(PositiveDec),
  stopLossTriggerBy: opt(TriggerByEnum)
})
export type OrderPayload = typeof OrderExecute.Type

/** Decodes an `OrderExecutePayload` (one order, or one element of a batch). */
export const orderPayload: (body: unknown) => OrderPayload = bodyDecoder(OrderExecute, "OrderExecutePayload")

/** Whether an order asks for a trigger or attaches take-profit / stop-loss orders. */
export const isConditional = (p: OrderPayload): boolean =>
  p.triggerPrice !== undefined || p.triggerQuantity !== undefined || p.takeProfitTriggerPrice !== undefined ||
  p.stopLossTriggerPrice !== undefined

const orNull = <A>(a: A | undefined): A | null => (a === undefined ? null : a)

/** The plain order part of a payload, as the matching engine takes it. */
export const toOrderRequest = (p: OrderPayload): OrderRequest => ({
  symbol: p.symbol,
  side: p.side as SideT,
  orderType: p.orderType,
  timeInForce: (p.timeInForce ?? "GTC") as Tif,
  selfTradePrevention: (p.selfTradePrevention ?? "RejectTaker") as Stp,
  price: orNull<DecimalInput>(p.price),
  quantity: orNull<DecimalInput>(p.quantity),
  quoteQuantity: orNull<DecimalInput>(p.quoteQuantity),
  postOnly: p.postOnly ?? false,
  reduceOnly: orNull(p.reduceOnly),
  clientId: orNull(p.clientId),
  triggerPrice: p.triggerPrice !== undefined,
  triggerQuantity: p.triggerQuantity !== undefined,
  takeProfit: p.takeProfitTriggerPrice !== undefined,
  stopLoss: p.stopLossTriggerPrice !== undefined
})

/** Parses a plain `OrderExecutePayload` into the engine's request (in-process callers, e.g. the service). */
export const orderRequest = (input: unknown): OrderRequest => toOrderRequest(orderPayload(input))

/** `OrderCancelPayload` (exactly one id is the route's check). */
export const orderCancel = payload(
  "OrderCancelPayload",
  Schema.Struct({ symbol: field(MarketSymbol), orderId: opt(Str), clientId: opt(Uint32) })
)

/** `OrderCancelAllPayload`. */
export const orderCancelAll = payload(
  "OrderCancelAllPayload",
  Schema.Struct({
    symbol: field(MarketSymbol),
    orderType: opt(Enum("CancelOrderTypeEnum", ["RestingLimitOrder", "ConditionalOrder"]))
  })
)

/** `UpdateAccountSettingsRequest`. */
export const accountSettings = payload(
  "UpdateAccountSettingsRequest",
  Schema.Struct({
    autoBorrowSettlements: opt(Bool),
    autoLend: opt(Bool),
    autoRepayBorrows: opt(Bool),
    leverageLimit: opt(DecimalText)
  })
)

/** `AccountWithdrawalPayload` (amount and address checks are the engine's). */
export const withdrawal = payload(
  "AccountWithdrawalPayload",
  Schema.Struct({
    symbol: field(Str),
    blockchain: field(Enum("Blockchain", blockchains)),
    address: field(Str),
    quantity: opt(DecimalText),
    clientId: opt(Str),
    twoFactorToken: opt(Str),
    autoBorrow: opt(Bool),
    autoLendRedeem: opt(Bool)
  })
)

/**
 * Orders the venue places on an account's behalf (fired triggers, strategy slices, liquidations), built as the
 * matching engine's parsed `OrderRequest`.
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { OrderRequest } from "./engine/matching.js"
import type { SelfTradePrevention, Side, TimeInForce } from "./engine/model.js"

const decimal = (value: bigint) => ({ raw: D.format(value), value })

/** A plain limit or market order sized in base quantity. */
export const orderRequest = (o: {
  readonly symbol: string
  readonly side: Side
  readonly orderType: "Limit" | "Market"
  readonly quantity: bigint
  readonly price?: bigint | null | undefined
  readonly timeInForce?: TimeInForce | undefined
  readonly postOnly?: boolean | undefined
  readonly reduceOnly?: boolean | null | undefined
  readonly selfTradePrevention?: SelfTradePrevention | undefined
  readonly clientId?: number | null | undefined
}): OrderRequest => ({
  symbol: o.symbol,
  side: o.side,
  orderType: o.orderType,
  timeInForce: o.timeInForce ?? "GTC",
  selfTradePrevention: o.selfTradePrevention ?? "RejectTaker",
  price: o.price === undefined || o.price === null ? null : decimal(o.price),
  quantity: decimal(o.quantity),
  quoteQuantity: null,
  postOnly: o.orderType === "Limit" && o.postOnly === true,
  reduceOnly: o.reduceOnly ?? null,
  clientId: o.clientId ?? null,
  triggerPrice: false,
  triggerQuantity: false,
  takeProfit: false,
  stopLoss: false
})

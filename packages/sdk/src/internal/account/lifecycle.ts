/**
 * The lifecycle of one order as a small state machine: it turns stream updates and REST snapshots
 * (open order, history row, fills) into lifecycle events, each exactly once and in order (accepted,
 * one event per fill in trade order, one terminal event). Stale input is recognised by what the
 * order already shows: the accepted flag, the executed quantity (monotone), the trade ids and the
 * terminal flag.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { BackpackError } from "../../BackpackError.js"
import {
  AccountFill,
  AccountOrder,
  isOpenStatus,
  OrderCancelled,
  type OrderEvent,
  OrderExpired,
  OrderFilled,
  OrderNew,
  OrderPartiallyFilled,
  OrderTriggered,
  OrderTriggerFailed,
  OrderTriggerPending
} from "../../models/accountState.js"
import type { Order as HistoryOrder, OrderFill } from "../../models/history.js"
import type { OrderType } from "../../models/orders.js"
import type { OrderUpdateEvent } from "../../models/streams.js"

const zero = BigDecimal.fromBigInt(0n)

const percentOrDecimal = (value: unknown): BigDecimal.BigDecimal | undefined =>
  BigDecimal.isBigDecimal(value) ? value : undefined

/** An open order (placement answer, `getOpenOrders`, `getOrder`) as an `AccountOrder`. */
export const fromOpen = (o: OrderType): AccountOrder =>
  new AccountOrder({
    orderId: o.id,
    clientId: o.clientId,
    symbol: o.symbol,
    side: o.side,
    orderType: o.orderType,
    price: o.orderType === "Limit" ? o.price : undefined,
    quantity: o.orderType === "Limit" ? o.quantity : o.quantity,
    quoteQuantity: o.orderType === "Market" ? o.quoteQuantity : undefined,
    triggerPrice: o.triggerPrice,
    timeInForce: o.timeInForce,
    postOnly: o.orderType === "Limit" ? o.postOnly : false,
    reduceOnly: o.reduceOnly ?? false,
    executedQuantity: o.executedQuantity,
    executedQuoteQuantity: o.executedQuoteQuantity,
    status: o.status,
    expiryReason: undefined,
    updatedAt: 0
  })

/** An order-history row as an `AccountOrder`. */
export const fromHistory = (o: HistoryOrder): AccountOrder =>
  new AccountOrder({
    orderId: o.id,
    clientId: o.clientId,
    symbol: o.symbol,
    side: o.side,
    orderType: o.orderType,
    price: o.price,
    quantity: o.quantity,
    quoteQuantity: o.quoteQuantity,
    triggerPrice: o.triggerPrice,
    timeInForce: o.timeInForce,
    postOnly: o.postOnly ?? false,
    reduceOnly: false,
    executedQuantity: o.executedQuantity ?? zero,
    executedQuoteQuantity: o.executedQuoteQuantity ?? zero,
    status: o.status,
    expiryReason: o.expiryReason,
    updatedAt: 0
  })

/** Creation time of a history row, ms. */
export const historyCreatedAt = (o: HistoryOrder): number => DateTime.toEpochMillis(o.createdAt)

/** The order an update describes (after the update). */
export const fromUpdate = (e: OrderUpdateEvent, previous: AccountOrder | undefined): AccountOrder =>
  new AccountOrder({
    orderId: e.orderId,
    clientId: e.clientId ?? previous?.clientId,
    symbol: e.symbol,
    side: e.side,
    orderType: e.orderType,
    price: e.price ?? previous?.price,
    quantity: e.quantity ?? previous?.quantity ?? percentOrDecimal(e.triggerQuantity),
    quoteQuantity: e.orderType === "Market" ? e.quoteQuantity ?? previous?.quoteQuantity : undefined,
    triggerPrice: e.triggerPrice ?? previous?.triggerPrice,
    timeInForce: e.timeInForce,
    postOnly: e.postOnly ?? previous?.postOnly ?? false,
    reduceOnly: e.reduceOnly ?? previous?.reduceOnly ?? false,
    executedQuantity: e.executedQuantity ?? previous?.executedQuantity ?? zero,
    executedQuoteQuantity: e.executedQuoteQuantity ?? previous?.executedQuoteQuantity ?? zero,
    status: e.status,
    expiryReason: e.expiryReason ?? previous?.expiryReason,
    updatedAt: e.engineTime
  })

/** The fill an `orderFill` update carries. */
export const fillOfUpdate = (e: OrderUpdateEvent): AccountFill | undefined =>
  e.tradeId === undefined || e.fillQuantity === undefined || e.fillPrice === undefined
    ? undefined
    : new AccountFill({
      tradeId: e.tradeId,
      orderId: e.orderId,
      clientId: e.clientId,
      symbol: e.symbol,
      side: e.side,
      price: e.fillPrice,
      quantity: e.fillQuantity,
      fee: e.fee ?? zero,
      feeSymbol: e.feeSymbol ?? "",
      isMaker: e.isMaker ?? false,
      timestamp: Math.floor(e.engineTime / 1000)
    })

/** A fill of the fill history. */
export const fromRestFill = (f: OrderFill): AccountFill =>
  new AccountFill({
    tradeId: f.tradeId ?? `${f.orderId}:${DateTime.toEpochMillis(f.timestamp)}:${BigDecimal.format(f.quantity)}`,
    orderId: f.orderId,
    clientId: f.clientId === undefined ? undefined : Number(f.clientId),
    symbol: f.symbol,
    side: f.side,
    price: f.price,
    quantity: f.quantity,
    fee: f.fee,
    feeSymbol: f.feeSymbol,
    isMaker: f.isMaker,
    timestamp: DateTime.toEpochMillis(f.timestamp)
  })

/** Orders trade ids numerically when they are integers (they are on Backpack), else as strings. */
export const compareTradeIds = (a: string, b: string): number => {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a)
    const y = BigInt(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/** Where to read an order's fills when an update or a snapshot shows more executed than the events did. */
export type FetchFills = (order: AccountOrder) => Effect.Effect<ReadonlyArray<AccountFill>, BackpackError>

/** One order's lifecycle state. */
export class Life {
  order: AccountOrder
  accepted: boolean
  terminal: boolean
  readonly trades = new Set<string>()
  constructor(order: AccountOrder, accepted: boolean) {
    this.order = order
    this.accepted = accepted
    this.terminal = accepted && !isOpenStatus(order.status)
  }
  get orderId(): string {
    return this.order.orderId
  }
}

const gt = (a: BigDecimal.BigDecimal, b: BigDecimal.BigDecimal) => BigDecimal.greaterThan(a, b)

/** The accepted event (once), from what is known of the order, before any fill. */
const accept = (life: Life, known: AccountOrder, derived: boolean): Array<OrderEvent> => {
  if (life.accepted) return []
  life.accepted = true
  const pending = known.status === "TriggerPending" || known.status === "TriggerFailed"
  const order = new AccountOrder({
    ...known,
    executedQuantity: zero,
    executedQuoteQuantity: zero,
    status: pending ? "TriggerPending" : "New",
    expiryReason: undefined
  })
  life.order = order
  return [pending ? new OrderTriggerPending({ order, derived }) : new OrderNew({ order, derived })]
}

/** Applies one fill (unless already applied); `after` is the order's state the exchange reported with it. */
const applyFill = (
  life: Life,
  fill: AccountFill,
  derived: boolean,
  after?: { readonly status: string; readonly executedQuantity: BigDecimal.BigDecimal; readonly updatedAt: number }
): Array<OrderEvent> => {
  if (life.terminal || life.trades.has(fill.tradeId)) return []
  life.trades.add(fill.tradeId)
  const executedQuantity = after?.executedQuantity ?? BigDecimal.sum(life.order.executedQuantity, fill.quantity)
  const executedQuoteQuantity = BigDecimal.sum(
    life.order.executedQuoteQuantity,
    BigDecimal.multiply(fill.price, fill.quantity)
  )
  const complete = life.order.quantity !== undefined && life.order.orderType === "Limit" &&
    !BigDecimal.lessThan(executedQuantity, life.order.quantity)
  const status = after?.status === "Filled" || complete ? "Filled" : "PartiallyFilled"
  const order = new AccountOrder({
    ...life.order,
    executedQuantity,
    executedQuoteQuantity,
    status,
    updatedAt: after?.updatedAt ?? life.order.updatedAt
  })
  life.order = order
  if (status === "Filled") {
    life.terminal = true
    return [new OrderFilled({ order, fill, derived })]
  }
  return [new OrderPartiallyFilled({ order, fill, derived })]
}

/** Derives the fills missing before `upTo` executed quantity from the order's fill history. */
const catchUpFills = (
  life: Life,
  upTo: BigDecimal.BigDecimal,
  fetchFills: FetchFills,
  except?: string,
  finalStatus?: string
): Effect.Effect<Array<OrderEvent>, BackpackError> =>
  Effect.gen(function*() {
    if (!gt(upTo, life.order.executedQuantity)) return []
    const fills = [...yield* fetchFills(life.order)]
      .filter((f) => f.orderId === life.orderId && f.tradeId !== except && !life.trades.has(f.tradeId))
      .sort((a, b) => compareTradeIds(a.tradeId, b.tradeId))
    const out: Array<OrderEvent> = []
    for (const fill of fills) {
      if (!gt(upTo, life.order.executedQuantity)) break
      const executedQuantity = BigDecimal.sum(life.order.executedQuantity, fill.quantity)
      const last = finalStatus === "Filled" && !BigDecimal.lessThan(executedQuantity, upTo)
      out.push(
        ...applyFill(
          life,
          fill,
          true,
          last ? { status: "Filled", executedQuantity, updatedAt: life.order.updatedAt } : undefined
        )
      )
    }
    return out
  })

const terminalEvent = (life: Life, order: AccountOrder, derived: boolean): Array<OrderEvent> => {
  if (life.terminal) return []
  life.terminal = true
  life.order = order
  switch (order.status) {
    case "Cancelled":
      return [new OrderCancelled({ order, derived })]
    case "Expired":
      return [new OrderExpired({ order, derived })]
    case "TriggerFailed":
      return [new OrderTriggerFailed({ order, derived })]
    default:
      return [new OrderFilled({ order, fill: undefined, derived })]
  }
}

/** Applies a stream update; returns the lifecycle events it (and anything it reveals as missed) makes. */
export const onUpdate = (
  life: Life,
  e: OrderUpdateEvent,
  fetchFills: FetchFills
): Effect.Effect<Array<OrderEvent>, BackpackError> =>
  Effect.gen(function*() {
    if (life.terminal) return []
    const next = fromUpdate(e, life.order)
    const out: Array<OrderEvent> = []
    if (e.eventType === "orderAccepted") return accept(life, next, false)
    const fill = e.eventType === "orderFill" ? fillOfUpdate(e) : undefined
    if (fill !== undefined) {
      // a fill already counted (by id, or by a snapshot whose executed quantity includes it)
      if (life.trades.has(fill.tradeId)) return []
      if (life.accepted && !gt(next.executedQuantity, life.order.executedQuantity)) return []
    }
    out.push(...accept(life, next, true))
    const before = fill === undefined
      ? next.executedQuantity
      : BigDecimal.subtract(next.executedQuantity, fill.quantity)
    out.push(...yield* catchUpFills(life, before, fetchFills, fill?.tradeId))
    if (fill !== undefined) {
      out.push(...applyFill(life, fill, false, next))
      return out
    }
    switch (e.eventType) {
      case "orderCancelled":
      case "orderExpired":
      case "triggerFailed":
        out.push(
          ...terminalEvent(life, new AccountOrder({ ...next, executedQuantity: life.order.executedQuantity }), false)
        )
        return out
      case "triggerPlaced":
        life.order = next
        out.push(new OrderTriggered({ order: next, derived: false }))
        return out
      default:
        // orderModified and events of types added later: the order's new state, no lifecycle step
        if (!isOpenStatus(next.status)) out.push(...terminalEvent(life, next, false))
        else life.order = new AccountOrder({ ...next, executedQuantity: life.order.executedQuantity })
        return out
    }
  })

/**
 * Brings the lifecycle up to an order state read from REST (open order or history row): the accepted
 * event if it was never seen, the missed fills (from the fill history), and the terminal event if the
 * order is done. Every event made here is `derived`.
 */
export const onSnapshot = (
  life: Life,
  target: AccountOrder,
  fetchFills: FetchFills
): Effect.Effect<Array<OrderEvent>, BackpackError> =>
  Effect.gen(function*() {
    if (life.terminal) return []
    const out: Array<OrderEvent> = []
    out.push(...accept(life, target, true))
    out.push(...yield* catchUpFills(life, target.executedQuantity, fetchFills, undefined, target.status))
    if (life.terminal) return out
    if (gt(target.executedQuantity, life.order.executedQuantity)) {
      // fills beyond what the history returned: take the exchange's totals
      life.order = new AccountOrder({
        ...life.order,
        executedQuantity: target.executedQuantity,
        executedQuoteQuantity: target.executedQuoteQuantity,
        status: target.status
      })
    }
    if (!isOpenStatus(target.status)) {
      out.push(...terminalEvent(life, new AccountOrder({ ...life.order, ...terminalFields(target) }), true))
    } else if (life.order.status === "TriggerPending" && target.status !== "TriggerPending") {
      life.order = new AccountOrder({ ...life.order, status: target.status })
      out.push(new OrderTriggered({ order: life.order, derived: true }))
    }
    return out
  })

const terminalFields = (target: AccountOrder) => ({ status: target.status, expiryReason: target.expiryReason })

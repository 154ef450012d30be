/**
 * Conditional orders: trigger orders (`triggerPrice` + `triggerQuantity`) and the take-profit / stop-loss
 * orders attached to an order. They wait as `TriggerPending` and are evaluated whenever a price they watch may
 * have moved (trades, mark price changes, the clock); a triggered order executes through the matching engine
 * under its own id.
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { Engine } from "./engine/engine.js"
import * as MarketData from "./engine/marketData.js"
import * as Matching from "./engine/matching.js"
import type { Account, Market, Order, SelfTradePrevention, Side, TimeInForce } from "./engine/model.js"
import { ApiFailure, isOpen, naiveMs } from "./engine/model.js"
import { orderRequest as parseOrder } from "./http/payloads.js"
import { orderRequest } from "./systemOrders.js"

type Payload = Record<string, unknown>

export type TriggerBy = "MarkPrice" | "LastPrice" | "IndexPrice"
export type ConditionalStatus = "TriggerPending" | "Triggered" | "Cancelled" | "TriggerFailed"

export interface Attachment {
  readonly triggerPrice: bigint
  readonly limitPrice: bigint | null
  readonly triggerBy: TriggerBy
}

/** A conditional order waiting for its trigger. */
export interface Conditional {
  readonly id: string
  readonly kind: "Trigger" | "TakeProfit" | "StopLoss"
  readonly accountId: number
  readonly symbol: string
  readonly side: Side
  readonly orderType: "Limit" | "Market"
  readonly clientId: number | null
  readonly price: bigint | null
  /** Fixed base quantity, or `null` for a percentage of the position / the parent's executed quantity. */
  readonly quantity: bigint | null
  readonly quoteQuantity: bigint | null
  /** As sent (`"0.5"` or `"50%"`); the parent's quantity text for TP/SL. */
  readonly triggerQuantity: string
  readonly triggerPrice: bigint
  readonly triggerBy: TriggerBy
  /** Fires when the watched price is at or above (`up`) / at or below (`down`) the trigger price. */
  readonly direction: "up" | "down"
  readonly timeInForce: TimeInForce
  readonly postOnly: boolean
  readonly reduceOnly: boolean | null
  readonly selfTradePrevention: SelfTradePrevention
  readonly takeProfit: Attachment | null
  readonly stopLoss: Attachment | null
  /** TP/SL: the order they protect. */
  readonly parentId: string | null
  readonly parent: Order | null
  status: ConditionalStatus
  readonly createdAt: number
  triggeredAt: number | null
  /** The engine order created when it fired. */
  order: Order | null
}

const TRIGGER_BYS: ReadonlyArray<TriggerBy> = ["MarkPrice", "LastPrice", "IndexPrice"]

/** Whether an order payload asks for a conditional order or attaches TP/SL. */
export const isConditional = (body: Payload): boolean =>
  ["triggerPrice", "triggerQuantity", "takeProfitTriggerPrice", "stopLossTriggerPrice"].some((k) =>
    body[k] !== undefined && body[k] !== null
  )

const payloadError = (what: string) => new ApiFailure(400, "INVALID_CLIENT_REQUEST", `Invalid \`${what}\``)

const decimal = (body: Payload, key: string): bigint | null => {
  const v = body[key]
  if (v === undefined || v === null) return null
  const parsed = typeof v === "string" && v.length <= 40 ? D.parse(v) : undefined
  if (parsed === undefined || parsed <= 0n) throw payloadError(key)
  return parsed
}

const triggerBy = (body: Payload, key: string): TriggerBy => {
  const v = body[key]
  if (v === undefined || v === null) return "MarkPrice"
  if (typeof v !== "string" || !(TRIGGER_BYS as ReadonlyArray<string>).includes(v)) throw payloadError(key)
  return v as TriggerBy
}

const ORDER_KEYS = [
  "symbol",
  "side",
  "orderType",
  "price",
  "quantity",
  "quoteQuantity",
  "timeInForce",
  "postOnly",
  "reduceOnly",
  "selfTradePrevention",
  "clientId"
]

/** The plain order part of a payload (what the matching engine validates). */
export const plainOrder = (body: Payload): Payload => {
  const out: Payload = {}
  for (const k of ORDER_KEYS) if (body[k] !== undefined && body[k] !== null) out[k] = body[k]
  return out
}

/** The checks of the order part that do not depend on the book (the engine repeats them when it fires). */
const validateOrderPart = (m: Market, body: Payload): void => {
  if (body.side !== "Bid" && body.side !== "Ask") throw payloadError("side")
  if (body.orderType !== "Limit" && body.orderType !== "Market") throw payloadError("orderType")
  if (body.orderType === "Limit") {
    const price = decimal(body, "price")
    if (price === null) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Limit orders must specify a `price`")
    if (price % m.tick !== 0n) throw new ApiFailure(400, "INVALID_PRICE", "Price decimal too long")
  }
  if (body.reduceOnly === true && !m.perp) {
    throw new ApiFailure(400, "INVALID_ORDER", "Reduce only is not supported on spot markets")
  }
}

/** Conditional orders of the exchange. */
export class Triggers {
  readonly all: Array<Conditional> = []
  private readonly pending = new Map<string, Conditional>()
  private evaluating = false

  constructor(readonly engine: Engine) {}

  /** Reference price of a market for `by`. */
  price(m: Market, by: TriggerBy): bigint {
    switch (by) {
      case "MarkPrice":
        return MarketData.markPrice(m)
      case "IndexPrice":
        return m.indexPrice
      case "LastPrice":
        return MarketData.lastPrice(m) ?? MarketData.markPrice(m)
    }
  }

  /** Open (pending) conditional orders of an account. */
  open(account: Account, symbol?: string): Array<Conditional> {
    return [...this.pending.values()].filter((c) =>
      c.accountId === account.id && (symbol === undefined || c.symbol === symbol)
    )
  }

  find(account: Account, symbol: string, orderId: string | null, clientId: number | null): Conditional | undefined {
    return this.open(account, symbol).find((c) => orderId !== null ? c.id === orderId : c.clientId === clientId)
  }

  /**
   * Places an order carrying trigger and/or TP/SL fields. A `triggerPrice` makes the whole order conditional;
   * otherwise the order executes now and its TP/SL wait for it to fill. Returns the parent (engine order or
   * conditional) and its attachments.
   */
  place(
    account: Account,
    body: Payload
  ): { readonly order: Order | Conditional; readonly attachments: Array<Conditional> } {
    const m = this.engine.market(typeof body.symbol === "string" ? body.symbol : "")
    const takeProfit = this.attachment(body, "takeProfit")
    const stopLoss = this.attachment(body, "stopLoss")
    const rawTrigger = body.triggerPrice
    if (
      (rawTrigger === undefined || rawTrigger === null) && body.triggerQuantity !== undefined &&
      body.triggerQuantity !== null
    ) {
      throw new ApiFailure(
        400,
        "INVALID_CLIENT_REQUEST",
        "Must specify both `triggerPrice` and `triggerQuantity` or neither"
      )
    }
    if (rawTrigger !== undefined && rawTrigger !== null) {
      const triggerPrice = decimal(body, "triggerPrice")!
      const rawQty = body.triggerQuantity ?? body.quantity
      if (body.triggerQuantity === undefined || body.triggerQuantity === null) {
        throw new ApiFailure(
          400,
          "INVALID_CLIENT_REQUEST",
          "Must specify both `triggerPrice` and `triggerQuantity` or neither"
        )
      }
      if (typeof rawQty !== "string") throw payloadError("triggerQuantity")
      const pct = /^(\d+(?:\.\d+)?)%$/.exec(rawQty)
      let quantity: bigint | null = null
      if (pct === null) {
        quantity = decimal({ q: rawQty }, "q")
        if (quantity === null || quantity % m.step !== 0n) {
          throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity decimal too long")
        }
      } else {
        const v = D.parse(pct[1]!)!
        if (v <= 0n || v > D.fromInt(100)) throw payloadError("triggerQuantity")
        if (!m.perp) throw new ApiFailure(400, "INVALID_ORDER", "Percentage trigger quantities need a position")
      }
      validateOrderPart(m, body)
      const reference = this.price(m, triggerBy(body, "triggerBy"))
      const c = this.conditional(account, m, body, {
        kind: "Trigger",
        quantity,
        triggerQuantity: rawQty,
        triggerPrice,
        triggerBy: triggerBy(body, "triggerBy"),
        direction: triggerPrice >= reference ? "up" : "down",
        takeProfit,
        stopLoss,
        parentId: null,
        parent: null
      })
      this.emit(account, c, "triggerPlaced")
      return { order: c, attachments: [] }
    }
    const order = Matching.execute(this.engine, account, parseOrder(plainOrder(body)))
    return { order, attachments: this.attach(account, m, order, takeProfit, stopLoss) }
  }

  private attachment(body: Payload, prefix: "takeProfit" | "stopLoss"): Attachment | null {
    const price = decimal(body, `${prefix}TriggerPrice`)
    if (price === null) {
      if (body[`${prefix}LimitPrice`] !== undefined && body[`${prefix}LimitPrice`] !== null) {
        throw new ApiFailure(
          400,
          "INVALID_CLIENT_REQUEST",
          `\`${prefix}LimitPrice\` requires \`${prefix}TriggerPrice\``
        )
      }
      return null
    }
    return {
      triggerPrice: price,
      limitPrice: decimal(body, `${prefix}LimitPrice`),
      triggerBy: triggerBy(body, `${prefix}TriggerBy`)
    }
  }

  private attach(
    account: Account,
    m: Market,
    parent: Order,
    takeProfit: Attachment | null,
    stopLoss: Attachment | null
  ): Array<Conditional> {
    const out: Array<Conditional> = []
    const side: Side = parent.side === "Bid" ? "Ask" : "Bid"
    for (const [kind, a] of [["TakeProfit", takeProfit], ["StopLoss", stopLoss]] as const) {
      if (a === null) continue
      // a long's take-profit fires above, its stop-loss below; mirrored for a short
      const up = (parent.side === "Bid") === (kind === "TakeProfit")
      const c = this.conditional(account, m, {
        symbol: m.symbol,
        side,
        orderType: a.limitPrice === null ? "Market" : "Limit",
        price: a.limitPrice === null ? undefined : D.format(a.limitPrice),
        reduceOnly: m.perp ? true : undefined
      }, {
        kind,
        quantity: null,
        triggerQuantity: parent.quantity === null ? "100%" : D.format(parent.quantity),
        triggerPrice: a.triggerPrice,
        triggerBy: a.triggerBy,
        direction: up ? "up" : "down",
        takeProfit: null,
        stopLoss: null,
        parentId: parent.id,
        parent
      })
      this.emit(account, c, "triggerPlaced")
      out.push(c)
    }
    return out
  }

  private conditional(
    account: Account,
    m: Market,
    body: Payload,
    rest: Pick<
      Conditional,
      | "kind"
      | "quantity"
      | "triggerQuantity"
      | "triggerPrice"
      | "triggerBy"
      | "direction"
      | "takeProfit"
      | "stopLoss"
      | "parentId"
      | "parent"
    >
  ): Conditional {
    const clientId = typeof body.clientId === "number" ? body.clientId : null
    if (clientId !== null && this.open(account).some((c) => c.clientId === clientId)) {
      throw new ApiFailure(400, "INVALID_ORDER", `Order with client ID already exists: ${clientId}`)
    }
    const c: Conditional = {
      id: this.engine.orderId(),
      accountId: account.id,
      symbol: m.symbol,
      side: body.side as Side,
      orderType: body.orderType as "Limit" | "Market",
      clientId,
      price: typeof body.price === "string" ? D.parse(body.price)! : null,
      quoteQuantity: null,
      timeInForce: (body.timeInForce as TimeInForce | undefined) ?? "GTC",
      postOnly: body.postOnly === true,
      reduceOnly: typeof body.reduceOnly === "boolean" ? body.reduceOnly : null,
      selfTradePrevention: (body.selfTradePrevention as SelfTradePrevention | undefined) ?? "RejectTaker",
      status: "TriggerPending",
      createdAt: this.engine.now(),
      triggeredAt: null,
      order: null,
      ...rest
    }
    this.all.push(c)
    this.pending.set(c.id, c)
    return c
  }

  /** Cancels one pending conditional order. */
  cancel(account: Account, c: Conditional): Conditional {
    c.status = "Cancelled"
    this.pending.delete(c.id)
    this.emit(account, c, "orderCancelled")
    return c
  }

  /** Cancels every pending conditional order of the account in a market. */
  cancelAll(account: Account, symbol: string): Array<Conditional> {
    return this.open(account, symbol).map((c) => this.cancel(account, c))
  }

  /** Fires every pending order whose trigger condition holds now; returns how many fired. */
  evaluate(): number {
    if (this.evaluating || this.pending.size === 0) return 0
    this.evaluating = true
    let fired = 0
    try {
      for (const c of [...this.pending.values()]) {
        if (!this.pending.has(c.id)) continue
        const account = this.engine.accounts.get(c.accountId)!
        const m = this.engine.markets.get(c.symbol)!
        let quantity = c.quantity
        if (c.parent !== null) {
          const parent = c.parent
          if (!isOpen(parent) && parent.executedQuantity === 0n) {
            this.cancel(account, c)
            continue
          }
          if (parent.executedQuantity === 0n) continue
          quantity = parent.executedQuantity
        }
        const price = this.price(m, c.triggerBy)
        if (c.direction === "up" ? price < c.triggerPrice : price > c.triggerPrice) continue
        this.pending.delete(c.id)
        c.triggeredAt = this.engine.now()
        if (quantity === null) {
          // a percentage of the position at trigger time
          const pct = D.parse(c.triggerQuantity.slice(0, -1))!
          const pos = account.positions.get(c.symbol)?.netQuantity ?? 0n
          quantity = D.floorTo(D.div(D.mul(D.abs(pos), pct), D.fromInt(100)), m.step)
        }
        if (quantity <= 0n) {
          this.fail(account, c)
          continue
        }
        try {
          c.order = Matching.execute(
            this.engine,
            account,
            orderRequest({
              symbol: c.symbol,
              side: c.side,
              orderType: c.orderType,
              quantity,
              price: c.price,
              timeInForce: c.timeInForce,
              postOnly: c.postOnly,
              reduceOnly: c.reduceOnly,
              selfTradePrevention: c.selfTradePrevention,
              clientId: c.clientId
            }),
            c.id
          )
          c.status = "Triggered"
          fired++
          if (c.takeProfit !== null || c.stopLoss !== null) {
            this.attach(account, m, c.order, c.takeProfit, c.stopLoss)
          }
          // a fired TP cancels its SL sibling and vice versa
          if (c.parentId !== null) {
            for (const sibling of [...this.pending.values()]) {
              if (sibling.parentId === c.parentId) this.cancel(account, sibling)
            }
          }
        } catch {
          this.fail(account, c)
        }
      }
    } finally {
      this.evaluating = false
    }
    return fired
  }

  private fail(account: Account, c: Conditional): void {
    c.status = "TriggerFailed"
    this.emit(account, c, "triggerFailed")
  }

  private emit(account: Account, c: Conditional, e: string): void {
    if (account.internal) return
    const data: Payload = { e, E: 0, s: c.symbol }
    if (c.clientId !== null) data.c = c.clientId
    data.S = c.side
    data.o = c.orderType === "Limit" ? "LIMIT" : "MARKET"
    data.f = c.timeInForce
    if (c.quantity !== null) data.q = D.format(c.quantity)
    if (c.price !== null) data.p = D.format(c.price)
    data.P = D.format(c.triggerPrice)
    data.B = c.triggerBy
    data.Y = c.triggerQuantity
    data.X = c.status
    data.i = c.id
    data.t = null
    data.z = "0"
    data.Z = "0"
    data.V = c.selfTradePrevention
    data.T = String(this.engine.micros())
    data.O = "USER"
    if (c.parentId !== null) data.I = c.parentId
    data.y = c.postOnly
    data.r = c.reduceOnly ?? false
    this.engine.bus.emit({ _tag: "ConditionalUpdated", account, symbol: c.symbol, data })
  }
}

/** `OrderType` view of a pending conditional order (quantity `"0"` until it fires, like the live API). */
export const conditionalView = (c: Conditional): Record<string, unknown> => {
  const common = {
    id: c.id,
    clientId: c.clientId,
    symbol: c.symbol,
    side: c.side,
    executedQuantity: "0",
    executedQuoteQuantity: "0",
    reduceOnly: c.reduceOnly,
    timeInForce: c.timeInForce,
    selfTradePrevention: c.selfTradePrevention,
    status: c.status === "Triggered" ? "New" : c.status,
    createdAt: c.createdAt,
    triggerPrice: D.format(c.triggerPrice),
    triggerQuantity: c.triggerQuantity,
    triggerBy: c.triggerBy,
    ...attachmentFields(c.takeProfit, c.stopLoss),
    strategyId: null,
    triggeredAt: c.triggeredAt,
    relatedOrderId: c.parentId
  }
  if (c.orderType === "Limit") {
    return { orderType: "Limit", ...common, price: D.format(c.price!), quantity: "0", postOnly: c.postOnly }
  }
  return {
    orderType: "Market",
    ...common,
    quantity: null,
    quoteQuantity: null,
    slippageTolerance: null,
    slippageToleranceType: null
  }
}

/** The TP/SL fields of an order view. */
export const attachmentFields = (takeProfit: Attachment | null, stopLoss: Attachment | null) => ({
  takeProfitTriggerPrice: takeProfit === null ? null : D.format(takeProfit.triggerPrice),
  takeProfitLimitPrice: takeProfit?.limitPrice == null ? null : D.format(takeProfit.limitPrice),
  takeProfitTriggerBy: takeProfit?.triggerBy ?? null,
  stopLossTriggerPrice: stopLoss === null ? null : D.format(stopLoss.triggerPrice),
  stopLossLimitPrice: stopLoss?.limitPrice == null ? null : D.format(stopLoss.limitPrice),
  stopLossTriggerBy: stopLoss?.triggerBy ?? null
})

/** `Order` row of `/wapi/v1/history/orders` for a conditional order that never reached the book. */
export const conditionalHistoryView = (c: Conditional): Record<string, unknown> => ({
  id: c.id,
  createdAt: naiveMs(c.createdAt),
  executedQuantity: "0",
  executedQuoteQuantity: "0",
  expiryReason: null,
  orderType: c.orderType,
  postOnly: c.orderType === "Limit" ? c.postOnly : null,
  price: c.price === null ? null : D.format(c.price),
  quantity: c.orderType === "Limit" ? "0" : null,
  quoteQuantity: null,
  selfTradePrevention: c.selfTradePrevention,
  status: c.status,
  side: c.side,
  symbol: c.symbol,
  timeInForce: c.timeInForce,
  triggerPrice: D.format(c.triggerPrice),
  triggerQuantity: c.triggerQuantity,
  triggerBy: c.triggerBy,
  ...attachmentFields(c.takeProfit, c.stopLoss),
  strategyId: null,
  clientId: c.clientId,
  systemOrderType: null,
  slippageTolerance: null,
  slippageToleranceType: null
})

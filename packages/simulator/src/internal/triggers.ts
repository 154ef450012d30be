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
import { ApiFailure, isOpen } from "./engine/model.js"
import type { OrderPayload, TriggerBy } from "./http/payloads.js"
import { toOrderRequest } from "./http/payloads.js"
import { orderRequest } from "./systemOrders.js"
import * as Wire from "./wire.js"

export type { TriggerBy }
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

const payloadError = (what: string) => new ApiFailure(400, "INVALID_CLIENT_REQUEST", `Invalid \`${what}\``)

/** The order fields a conditional order keeps until it fires. */
interface OrderPart {
  readonly side: Side
  readonly orderType: "Limit" | "Market"
  readonly price: bigint | null
  readonly clientId: number | null
  readonly timeInForce: TimeInForce
  readonly postOnly: boolean
  readonly reduceOnly: boolean | null
  readonly selfTradePrevention: SelfTradePrevention
}

/** The checks of the order part that do not depend on the book (the engine repeats them when it fires). */
const orderPart = (m: Market, p: OrderPayload): OrderPart => {
  const price = p.price?.value ?? null
  if (p.orderType === "Limit") {
    if (price === null) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Limit orders must specify a `price`")
    if (price <= 0n) throw payloadError("price")
    if (price % m.tick !== 0n) throw new ApiFailure(400, "INVALID_PRICE", "Price decimal too long")
  }
  if (p.reduceOnly === true && !m.perp) {
    throw new ApiFailure(400, "INVALID_ORDER", "Reduce only is not supported on spot markets")
  }
  return {
    side: p.side as Side,
    orderType: p.orderType,
    price: p.orderType === "Limit" ? price : null,
    clientId: p.clientId ?? null,
    timeInForce: (p.timeInForce ?? "GTC") as TimeInForce,
    postOnly: p.postOnly === true,
    reduceOnly: p.reduceOnly ?? null,
    selfTradePrevention: (p.selfTradePrevention ?? "RejectTaker") as SelfTradePrevention
  }
}

/** A take-profit or stop-loss attachment of an order payload. */
const attachment = (
  triggerPrice: bigint | undefined,
  limitPrice: bigint | undefined,
  triggerBy: TriggerBy | undefined,
  prefix: "takeProfit" | "stopLoss"
): Attachment | null => {
  if (triggerPrice === undefined) {
    if (limitPrice !== undefined) {
      throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", `\`${prefix}LimitPrice\` requires \`${prefix}TriggerPrice\``)
    }
    return null
  }
  return { triggerPrice, limitPrice: limitPrice ?? null, triggerBy: triggerBy ?? "MarkPrice" }
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
    p: OrderPayload
  ): { readonly order: Order | Conditional; readonly attachments: Array<Conditional> } {
    const m = this.engine.market(p.symbol)
    const takeProfit = attachment(p.takeProfitTriggerPrice, p.takeProfitLimitPrice, p.takeProfitTriggerBy, "takeProfit")
    const stopLoss = attachment(p.stopLossTriggerPrice, p.stopLossLimitPrice, p.stopLossTriggerBy, "stopLoss")
    if ((p.triggerPrice === undefined) !== (p.triggerQuantity === undefined)) {
      throw new ApiFailure(
        400,
        "INVALID_CLIENT_REQUEST",
        "Must specify both `triggerPrice` and `triggerQuantity` or neither"
      )
    }
    if (p.triggerPrice !== undefined && p.triggerQuantity !== undefined) {
      const rawQty = p.triggerQuantity
      let quantity: bigint | null = null
      if (!rawQty.endsWith("%")) {
        quantity = D.parse(rawQty) ?? null
        if (quantity === null || quantity <= 0n || quantity % m.step !== 0n) {
          throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity decimal too long")
        }
      } else {
        const v = D.parse(rawQty.slice(0, -1))
        if (v === undefined || v <= 0n || v > D.fromInt(100)) throw payloadError("triggerQuantity")
        if (!m.perp) throw new ApiFailure(400, "INVALID_ORDER", "Percentage trigger quantities need a position")
      }
      const part = orderPart(m, p)
      const triggerBy = p.triggerBy ?? "MarkPrice"
      const reference = this.price(m, triggerBy)
      const c = this.conditional(account, m, part, {
        kind: "Trigger",
        quantity,
        triggerQuantity: rawQty,
        triggerPrice: p.triggerPrice,
        triggerBy,
        direction: p.triggerPrice >= reference ? "up" : "down",
        takeProfit,
        stopLoss,
        parentId: null,
        parent: null
      })
      this.emit(account, c, "triggerPlaced")
      return { order: c, attachments: [] }
    }
    const order = Matching.execute(this.engine, account, {
      ...toOrderRequest(p),
      takeProfit: false,
      stopLoss: false
    })
    return { order, attachments: this.attach(account, m, order, takeProfit, stopLoss) }
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
        side,
        orderType: a.limitPrice === null ? "Market" : "Limit",
        price: a.limitPrice,
        clientId: null,
        timeInForce: "GTC",
        postOnly: false,
        reduceOnly: m.perp ? true : null,
        selfTradePrevention: "RejectTaker"
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
    part: OrderPart,
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
    const clientId = part.clientId
    if (clientId !== null && this.open(account).some((c) => c.clientId === clientId)) {
      throw new ApiFailure(400, "INVALID_ORDER", `Order with client ID already exists: ${clientId}`)
    }
    const c: Conditional = {
      id: this.engine.orderId(),
      accountId: account.id,
      symbol: m.symbol,
      ...part,
      quoteQuantity: null,
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
    const data = Wire.conditionalFrame(c, e, this.engine.micros())
    this.engine.bus.emit({ _tag: "ConditionalUpdated", account, symbol: c.symbol, data })
  }
}

/**
 * Scheduled (TWAP-like) strategies: the quantity is split into `duration / interval` slices, one child order per
 * interval on the simulator's clock (a limit order at `price` when given, else a market order), optionally with
 * seeded random slice sizes. A strategy completes when its quantity is executed or its duration is over.
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { Engine } from "./engine/engine.js"
import * as Matching from "./engine/matching.js"
import type { Account, Order, SelfTradePrevention, Side, TimeInForce } from "./engine/model.js"
import { ApiFailure, isOpen } from "./engine/model.js"
import { orderRequest } from "./systemOrders.js"

export type StrategyStatus = "Running" | "Completed" | "Cancelled" | "Terminated"

export interface Strategy {
  readonly id: string
  readonly accountId: number
  readonly clientStrategyId: number | null
  readonly symbol: string
  readonly side: Side
  readonly quantity: bigint
  readonly price: bigint | null
  readonly postOnly: boolean
  readonly reduceOnly: boolean | null
  readonly selfTradePrevention: SelfTradePrevention
  readonly timeInForce: TimeInForce
  readonly duration: number
  readonly interval: number
  readonly randomizedIntervalQuantity: boolean
  readonly slippageTolerance: bigint | null
  readonly slippageToleranceType: "TickSize" | "Percent" | null
  readonly createdAt: number
  status: StrategyStatus
  cancelReason: string | null
  /** Slices placed so far. */
  slices: number
  readonly orders: Array<Order>
}

export interface StrategyInput {
  readonly symbol: string
  readonly side: Side
  readonly quantity?: bigint | undefined
  readonly price?: bigint | undefined
  readonly postOnly?: boolean | undefined
  readonly reduceOnly?: boolean | undefined
  readonly selfTradePrevention?: SelfTradePrevention | undefined
  readonly timeInForce?: TimeInForce | undefined
  readonly duration?: number | undefined
  readonly interval?: number | undefined
  readonly randomizedIntervalQuantity?: boolean | undefined
  readonly clientStrategyId?: number | undefined
  readonly slippageTolerance?: bigint | undefined
  readonly slippageToleranceType?: "TickSize" | "Percent" | undefined
}

/** Defaults when the request leaves them out: one hour in one-minute slices. */
export const DEFAULT_DURATION_MS = 3_600_000
export const DEFAULT_INTERVAL_MS = 60_000
/** Shortest accepted interval. */
export const MIN_INTERVAL_MS = 1_000
/** Most slices one strategy may have. */
export const MAX_SLICES = 10_000

const executed = (s: Strategy) => s.orders.reduce((n, o) => n + o.executedQuantity, 0n)
const executedQuote = (s: Strategy) => s.orders.reduce((n, o) => n + o.executedQuoteQuantity, 0n)

/** Strategy state of the exchange. */
export class Strategies {
  readonly all: Array<Strategy> = []
  /** Running strategies: what the clock steps (never the whole history). */
  private readonly active = new Set<Strategy>()
  private nextId = 3_210_000_000n

  constructor(readonly engine: Engine) {}

  executedQuantity(s: Strategy): bigint {
    return executed(s)
  }

  executedQuoteQuantity(s: Strategy): bigint {
    return executedQuote(s)
  }

  running(account: Account, symbol?: string): Array<Strategy> {
    return this.all.filter((s) =>
      s.accountId === account.id && s.status === "Running" && (symbol === undefined || s.symbol === symbol)
    )
  }

  find(account: Account, symbol: string, strategyId?: string, clientStrategyId?: number): Strategy | undefined {
    return this.all.find((s) =>
      s.accountId === account.id && s.symbol === symbol &&
      (strategyId !== undefined ? s.id === strategyId : s.clientStrategyId === clientStrategyId)
    )
  }

  /** `POST /api/v1/strategy`: validates, starts the strategy and places its first slice now. */
  create(account: Account, input: StrategyInput): Strategy {
    const m = this.engine.market(input.symbol)
    if (input.quantity === undefined) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify `quantity`")
    if (input.quantity % m.step !== 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity decimal too long")
    if (input.price !== undefined && input.price % m.tick !== 0n) {
      throw new ApiFailure(400, "INVALID_PRICE", "Price decimal too long")
    }
    const duration = input.duration ?? DEFAULT_DURATION_MS
    const interval = input.interval ?? Math.min(DEFAULT_INTERVAL_MS, duration)
    if (interval < MIN_INTERVAL_MS || interval > duration || duration / interval > MAX_SLICES) {
      throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid `interval`")
    }
    const slices = BigInt(Math.floor(duration / interval))
    if (D.floorTo(input.quantity / slices, m.step) < m.minQuantity) {
      throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity per interval is below the minimum allowed value")
    }
    if (input.reduceOnly === true && !m.perp) {
      throw new ApiFailure(400, "INVALID_ORDER", "Reduce only is not supported on spot markets")
    }
    if (
      input.clientStrategyId !== undefined &&
      this.running(account).some((s) => s.clientStrategyId === input.clientStrategyId)
    ) {
      throw new ApiFailure(400, "INVALID_ORDER", `Strategy with client ID already exists: ${input.clientStrategyId}`)
    }
    this.nextId += 1n + BigInt(this.engine.prng.int(0, 2))
    const s: Strategy = {
      id: this.nextId.toString(),
      accountId: account.id,
      clientStrategyId: input.clientStrategyId ?? null,
      symbol: m.symbol,
      side: input.side,
      quantity: input.quantity,
      price: input.price ?? null,
      postOnly: input.postOnly ?? false,
      reduceOnly: input.reduceOnly ?? null,
      selfTradePrevention: input.selfTradePrevention ?? "RejectTaker",
      timeInForce: input.timeInForce ?? "GTC",
      duration,
      interval,
      randomizedIntervalQuantity: input.randomizedIntervalQuantity ?? false,
      slippageTolerance: input.slippageTolerance ?? null,
      slippageToleranceType: input.slippageToleranceType ?? null,
      createdAt: this.engine.now(),
      status: "Running",
      cancelReason: null,
      slices: 0,
      orders: []
    }
    this.all.push(s)
    this.active.add(s)
    this.step(s)
    return s
  }

  /** Cancels a running strategy and its resting child orders. */
  cancel(account: Account, s: Strategy): Strategy {
    if (s.status === "Running") {
      s.status = "Cancelled"
      this.cancelChildren(account, s)
    }
    this.active.delete(s)
    return s
  }

  private cancelChildren(account: Account, s: Strategy): void {
    for (const o of s.orders) if (isOpen(o)) Matching.cancel(this.engine, account, s.symbol, o.id, null)
  }

  /** Places every slice that is due on the clock; returns the number of child orders placed. */
  run(): number {
    let n = 0
    for (const s of this.active) n += this.step(s)
    return n
  }

  private step(s: Strategy): number {
    const account = this.engine.accounts.get(s.accountId)!
    const m = this.engine.markets.get(s.symbol)!
    const total = Math.floor(s.duration / s.interval)
    const now = this.engine.now()
    let placed = 0
    while (s.status === "Running" && s.slices < total && s.createdAt + s.slices * s.interval <= now) {
      // a resting slice from the previous interval is replaced by the next one
      this.cancelChildren(account, s)
      const left = s.quantity - executed(s)
      const slicesLeft = BigInt(total - s.slices)
      let qty = slicesLeft === 1n ? left : D.floorTo(left / slicesLeft, m.step)
      if (s.randomizedIntervalQuantity && slicesLeft > 1n) {
        // ±20 % around the even split, seeded
        const factor = BigInt(80 + this.engine.prng.int(0, 40))
        qty = D.floorTo((qty * factor) / 100n, m.step)
      }
      qty = D.min(D.max(qty, m.minQuantity), left)
      s.slices++
      if (qty <= 0n) continue
      try {
        const o = Matching.execute(
          this.engine,
          account,
          orderRequest({
            symbol: s.symbol,
            side: s.side,
            orderType: s.price === null ? "Market" : "Limit",
            quantity: qty,
            price: s.price,
            postOnly: s.postOnly,
            timeInForce: s.price === null ? "GTC" : s.timeInForce,
            reduceOnly: s.reduceOnly,
            selfTradePrevention: s.selfTradePrevention
          })
        )
        s.orders.push(o)
        placed++
      } catch (e) {
        s.status = "Terminated"
        s.cancelReason = e instanceof ApiFailure ? cancelReason(e.code) : "Unknown"
      }
    }
    if (s.status === "Running") {
      if (executed(s) >= s.quantity) s.status = "Completed"
      else if (now >= s.createdAt + s.duration && s.orders.every((o) => !isOpen(o))) {
        s.status = "Completed"
        s.cancelReason = executed(s) < s.quantity ? "Expired" : null
      } else if (now >= s.createdAt + s.duration) {
        this.cancelChildren(account, s)
        s.status = "Completed"
        s.cancelReason = executed(s) < s.quantity ? "Expired" : null
      }
    }
    if (s.status !== "Running") this.active.delete(s)
    return placed
  }
}

const cancelReason = (code: string): string => {
  switch (code) {
    case "INSUFFICIENT_FUNDS":
      return "InsufficientFunds"
    case "INSUFFICIENT_MARGIN":
      return "InsufficientMargin"
    case "INVALID_PRICE":
      return "InvalidPrice"
    case "INVALID_QUANTITY":
      return "InvalidQuantity"
    default:
      return "Unknown"
  }
}

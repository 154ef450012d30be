/**
 * Balances kept locally between reconciliations: Backpack has no balance stream, so every lifecycle
 * event moves funds the way the exchange does for spot orders (a resting limit order locks
 * `price × quantity` of quote for a bid, `quantity` of base for an ask; a fill releases its part of
 * the lock, pays and receives at the fill price, and charges the fee in the fee asset; a cancel or
 * expiry releases the rest). Futures fills charge their fee; realised PnL comes from position updates.
 * Whatever this model misses (deposits, funding, interest, auto-lend) shows up as drift at the next
 * reconciliation and is corrected there.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { AccountFill, AccountOrder, OrderEvent } from "../../models/accountState.js"
import { Balance } from "../../models/capital.js"

/** Base and quote assets of a market, and whether it is spot (funds locked per order). */
export interface MarketInfo {
  readonly base: string
  readonly quote: string
  readonly spot: boolean
}

interface Mutable {
  available: BigDecimal.BigDecimal
  locked: BigDecimal.BigDecimal
  staked: BigDecimal.BigDecimal
}

const zero = BigDecimal.fromBigInt(0n)

export class Balances {
  private readonly assets = new Map<string, Mutable>()

  private of(asset: string): Mutable {
    let b = this.assets.get(asset)
    if (b === undefined) {
      b = { available: zero, locked: zero, staked: zero }
      this.assets.set(asset, b)
    }
    return b
  }

  private move(asset: string, available: BigDecimal.BigDecimal, locked: BigDecimal.BigDecimal): void {
    if (asset === "") return
    const b = this.of(asset)
    b.available = BigDecimal.normalize(BigDecimal.sum(b.available, available))
    b.locked = BigDecimal.normalize(BigDecimal.sum(b.locked, locked))
  }

  /** Replaces everything with the exchange's balances. */
  reset(balances: Readonly<Record<string, Balance>>): void {
    this.assets.clear()
    for (const [asset, b] of Object.entries(balances)) {
      this.assets.set(asset, { available: b.available, locked: b.locked, staked: b.staked })
    }
  }

  /** Adds realised PnL (or any cash movement) to an asset's available balance. */
  credit(asset: string, amount: BigDecimal.BigDecimal): void {
    this.move(asset, amount, zero)
  }

  apply(event: OrderEvent, market: MarketInfo | undefined): void {
    if (market === undefined) return
    const order = event.order
    switch (event._tag) {
      case "New":
      case "Triggered": {
        const lock = spotLock(order, market, order.quantity)
        if (lock !== undefined) this.move(lock.asset, BigDecimal.negate(lock.amount), lock.amount)
        return
      }
      case "PartiallyFilled":
      case "Filled": {
        if (event.fill !== undefined) this.fill(order, event.fill, market)
        return
      }
      case "Cancelled":
      case "Expired": {
        const lock = spotLock(order, market, order.remaining)
        if (lock !== undefined) this.move(lock.asset, lock.amount, BigDecimal.negate(lock.amount))
        return
      }
      default:
        return
    }
  }

  private fill(order: AccountOrder, fill: AccountFill, market: MarketInfo): void {
    this.move(fill.feeSymbol, BigDecimal.negate(fill.fee), zero)
    if (!market.spot) return
    const quote = BigDecimal.multiply(fill.price, fill.quantity)
    const limit = order.orderType === "Limit" && order.price !== undefined
    if (order.side === "Bid") {
      if (limit) {
        const release = BigDecimal.multiply(order.price!, fill.quantity)
        this.move(market.quote, BigDecimal.subtract(release, quote), BigDecimal.negate(release))
      } else {
        this.move(market.quote, BigDecimal.negate(quote), zero)
      }
      this.move(market.base, fill.quantity, zero)
    } else {
      if (limit) this.move(market.base, zero, BigDecimal.negate(fill.quantity))
      else this.move(market.base, BigDecimal.negate(fill.quantity), zero)
      this.move(market.quote, quote, zero)
    }
  }

  /** The balances as `Balance` records (assets with nothing at all left out). */
  view(): ReadonlyMap<string, Balance> {
    const out = new Map<string, Balance>()
    for (const [asset, b] of [...this.assets].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0))) {
      if (BigDecimal.isZero(b.available) && BigDecimal.isZero(b.locked) && BigDecimal.isZero(b.staked)) continue
      out.set(asset, new Balance({ available: b.available, locked: b.locked, staked: b.staked }))
    }
    return out
  }
}

/** What a resting spot limit order locks for `quantity`: quote for a bid, base for an ask. */
const spotLock = (
  order: AccountOrder,
  market: MarketInfo,
  quantity: BigDecimal.BigDecimal | undefined
): { readonly asset: string; readonly amount: BigDecimal.BigDecimal } | undefined => {
  if (!market.spot || order.orderType !== "Limit" || quantity === undefined || order.price === undefined) {
    return undefined
  }
  if (BigDecimal.isZero(quantity)) return undefined
  return order.side === "Bid"
    ? { asset: market.quote, amount: BigDecimal.multiply(order.price, quantity) }
    : { asset: market.base, amount: quantity }
}

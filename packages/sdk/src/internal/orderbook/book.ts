/**
 * The price-level store of a local order book: two persistent red-black trees keyed by exact decimal
 * price (bids best-first = descending, asks best-first = ascending). An update is O(log n) and copies
 * only one path, so every version handed out stays immutable at no copying cost.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Option from "effect/Option"
import * as Order from "effect/Order"
import * as RBT from "effect/RedBlackTree"

/** A price level `[price, quantity]`. */
export type Level = readonly [price: BigDecimal.BigDecimal, quantity: BigDecimal.BigDecimal]

export type Side = RBT.RedBlackTree<BigDecimal.BigDecimal, BigDecimal.BigDecimal>

export const emptyBids: Side = RBT.empty(Order.reverse(BigDecimal.Order))
export const emptyAsks: Side = RBT.empty(BigDecimal.Order)

/** Sets each level to its absolute quantity; a zero quantity (any scale) deletes the level. */
export const applyLevels = (side: Side, levels: Iterable<Level>): Side => {
  let out = side
  for (const [price, quantity] of levels) {
    if (RBT.has(out, price)) out = RBT.removeFirst(out, price)
    if (!BigDecimal.isZero(quantity)) out = RBT.insert(out, price, quantity)
  }
  return out
}

/** The best level of a side. */
export const best = (side: Side): Option.Option<Level> => RBT.first(side)

/** The first `n` levels of a side, best first. */
export const top = (side: Side, n: number): ReadonlyArray<Level> => {
  const out: Array<Level> = []
  if (n <= 0) return out
  for (const entry of side) {
    out.push(entry)
    if (out.length >= n) break
  }
  return out
}

/** Whether the best bid is at or above the best ask (a book that cannot exist on the exchange). */
export const isCrossed = (bids: Side, asks: Side): boolean => {
  const bid = RBT.first(bids)
  const ask = RBT.first(asks)
  return Option.isSome(bid) && Option.isSome(ask) && BigDecimal.greaterThanOrEqualTo(bid.value[0], ask.value[0])
}

/** Total quantity and notional of the levels of a side from the best price up to `limit` (inclusive). */
export const depthUpTo = (
  side: Side,
  limit: BigDecimal.BigDecimal
): { readonly quantity: BigDecimal.BigDecimal; readonly notional: BigDecimal.BigDecimal; readonly levels: number } => {
  const order = RBT.getOrder(side)
  let quantity = BigDecimal.unsafeFromString("0")
  let notional = BigDecimal.unsafeFromString("0")
  let levels = 0
  for (const [price, size] of side) {
    if (order(price, limit) > 0) break
    quantity = BigDecimal.sum(quantity, size)
    notional = BigDecimal.sum(notional, BigDecimal.multiply(price, size))
    levels++
  }
  return { quantity: BigDecimal.normalize(quantity), notional: BigDecimal.normalize(notional), levels }
}

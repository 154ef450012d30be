/**
 * The SDK's level store before issue 8, kept here as the "before" of the micro benchmark: persistent
 * red-black trees (`effect/RedBlackTree`) keyed by exact `BigDecimal` price, `has` + `removeFirst` +
 * `insert` per level.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Order from "effect/Order"
import * as RBT from "effect/RedBlackTree"

/**
 * @since 0.1.0
 * @category models
 */
export type Level = readonly [price: BigDecimal.BigDecimal, quantity: BigDecimal.BigDecimal]

/**
 * @since 0.1.0
 * @category models
 */
export type Side = RBT.RedBlackTree<BigDecimal.BigDecimal, BigDecimal.BigDecimal>

/**
 * @since 0.1.0
 * @category constructors
 */
export const emptyBids: Side = RBT.empty(Order.reverse(BigDecimal.Order))

/**
 * @since 0.1.0
 * @category constructors
 */
export const emptyAsks: Side = RBT.empty(BigDecimal.Order)

/**
 * @since 0.1.0
 * @category updates
 */
export const applyLevels = (side: Side, levels: Iterable<Level>): Side => {
  let out = side
  for (const [price, quantity] of levels) {
    if (RBT.has(out, price)) out = RBT.removeFirst(out, price)
    if (!BigDecimal.isZero(quantity)) out = RBT.insert(out, price, quantity)
  }
  return out
}

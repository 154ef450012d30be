/**
 * The price-level store of a local order book: two persistent AVL trees (bids best-first =
 * descending, asks best-first = ascending). An update is one O(log n) descent that copies only its
 * path, so every version handed out stays immutable at no copying cost.
 *
 * Keys are exact decimal prices, compared fast: each node also carries the price as a double
 * (`key`), rounded monotonically from the exact value (`a < b` implies `key(a) <= key(b)`), so the
 * doubles decide every comparison except ties, which the exact `BigDecimal` order settles. Ties are
 * settled without it when both prices have at most 15 digits (then equal doubles mean equal prices).
 * Each node keeps the level tuple it was given, so reading levels allocates nothing.
 *
 * A run of updates whose intermediate versions nobody sees (the deltas of one chunk, before the newest
 * book is emitted) may pass an {@link Edit}: nodes created under that edit are updated in place by
 * later updates under the same edit instead of being copied again. Nodes of any other edit (and of
 * none) are never touched, so a version stays immutable once a new edit is used.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Option from "effect/Option"
import * as Dec from "../decimal.js"

/** A price level `[price, quantity]`. */
export type Level = readonly [price: BigDecimal.BigDecimal, quantity: BigDecimal.BigDecimal]

/**
 * A token owning the nodes created under it (compared by identity): see the module comment. A new
 * one per run of unseen versions.
 */
export interface Edit {
  readonly _Edit: unique symbol
}

/** A fresh edit. */
export const makeEdit = (): Edit => ({}) as Edit

interface Node {
  /** The price as a double, monotonic in the exact price. */
  readonly key: number
  /** Whether `key` identifies the price exactly among short prices (at most 15 digits). */
  readonly short: boolean
  level: Level
  left: Node | undefined
  right: Node | undefined
  height: number
  /** The edit that may update this node in place (`undefined`: none, the node is immutable). */
  readonly edit: Edit | undefined
}

/** One side of a book: an immutable tree, its size, and its direction (bids descend). */
export interface Side {
  readonly root: Node | undefined
  readonly size: number
  /** 1 for asks (ascending), -1 for bids (descending). */
  readonly direction: 1 | -1
}

export const emptyBids: Side = { root: undefined, size: 0, direction: -1 }
export const emptyAsks: Side = { root: undefined, size: 0, direction: 1 }

const powers: ReadonlyArray<number> = Array.from({ length: 23 }, (_, i) => 10 ** i) // exact up to 1e22
const tenPow15 = 10n ** 15n

/**
 * The price as a double, monotonic in the exact value: one correctly rounded division when the
 * unscaled value and the power of ten are exact doubles, else the correctly rounded parse of the
 * fixed-point text.
 */
const keyOf = (price: BigDecimal.BigDecimal): number => {
  const { scale, value } = price
  if (scale >= 0 && scale <= 22 && value < 9_007_199_254_740_992n && value > -9_007_199_254_740_992n) {
    return Number(value) / powers[scale]!
  }
  return Number(Dec.format(price))
}

const isShort = (price: BigDecimal.BigDecimal): boolean =>
  price.scale >= 0 && price.scale <= 22 && price.value < tenPow15 && price.value > -tenPow15

/** Compares a probe `(key, short, price)` with a node, in ascending price order. */
const compare = (key: number, short: boolean, price: BigDecimal.BigDecimal, node: Node): number => {
  if (key < node.key) return -1
  if (key > node.key) return 1
  if (short && node.short) return 0
  return BigDecimal.Order(price, node.level[0])
}

const height = (node: Node | undefined): number => (node === undefined ? 0 : node.height)

const make = (
  key: number,
  short: boolean,
  level: Level,
  left: Node | undefined,
  right: Node | undefined,
  edit: Edit | undefined
): Node => {
  const hl = height(left)
  const hr = height(right)
  return { key, short, level, left, right, height: (hl > hr ? hl : hr) + 1, edit }
}

/** `node` with new children: updated in place when `edit` owns it, else a copy owned by `edit`. */
const withChildren = (node: Node, left: Node | undefined, right: Node | undefined, edit: Edit | undefined): Node => {
  if (edit !== undefined && node.edit === edit) {
    const hl = height(left)
    const hr = height(right)
    node.left = left
    node.right = right
    node.height = (hl > hr ? hl : hr) + 1
    return node
  }
  return make(node.key, node.short, node.level, left, right, edit)
}

/**
 * Rebuilds `node` with new children, rotating once or twice when they differ in height by 2. Every
 * child is read before any node is updated in place.
 */
const balance = (node: Node, left: Node | undefined, right: Node | undefined, edit: Edit | undefined): Node => {
  const hl = height(left)
  const hr = height(right)
  if (hl > hr + 1) {
    const l = left!
    const ll = l.left
    const lr = l.right
    if (height(ll) >= height(lr)) {
      return withChildren(l, ll, withChildren(node, lr, right, edit), edit)
    }
    const lrl = lr!.left
    const lrr = lr!.right
    return withChildren(lr!, withChildren(l, ll, lrl, edit), withChildren(node, lrr, right, edit), edit)
  }
  if (hr > hl + 1) {
    const r = right!
    const rl = r.left
    const rr = r.right
    if (height(rr) >= height(rl)) {
      return withChildren(r, withChildren(node, left, rl, edit), rr, edit)
    }
    const rll = rl!.left
    const rlr = rl!.right
    return withChildren(rl!, withChildren(node, left, rll, edit), withChildren(r, rlr, rr, edit), edit)
  }
  return withChildren(node, left, right, edit)
}

// size change of the last `insert`/`remove` (+1, -1 or 0): a module-level slot instead of a tuple
// per call
let sizeDelta = 0

const insert = (
  node: Node | undefined,
  key: number,
  short: boolean,
  level: Level,
  direction: number,
  edit: Edit | undefined
): Node => {
  if (node === undefined) {
    sizeDelta = 1
    return make(key, short, level, undefined, undefined, edit)
  }
  const c = direction * compare(key, short, level[0], node)
  if (c === 0) {
    sizeDelta = 0
    if (edit !== undefined && node.edit === edit) {
      node.level = level
      return node
    }
    return { key: node.key, short: node.short, level, left: node.left, right: node.right, height: node.height, edit }
  }
  return c < 0
    ? balance(node, insert(node.left, key, short, level, direction, edit), node.right, edit)
    : balance(node, node.left, insert(node.right, key, short, level, direction, edit), edit)
}

/** The tree without its first (best) node; that node is left in `removedMin`. */
let removedMin: Node | undefined
const removeMin = (node: Node, edit: Edit | undefined): Node | undefined => {
  if (node.left === undefined) {
    removedMin = node
    return node.right
  }
  return balance(node, removeMin(node.left, edit), node.right, edit)
}

const remove = (
  node: Node | undefined,
  key: number,
  short: boolean,
  price: BigDecimal.BigDecimal,
  direction: number,
  edit: Edit | undefined
): Node | undefined => {
  if (node === undefined) {
    sizeDelta = 0
    return undefined
  }
  const c = direction * compare(key, short, price, node)
  // `sizeDelta` tells whether the price was found (a subtree updated in place is the same object)
  if (c < 0) {
    const left = remove(node.left, key, short, price, direction, edit)
    return sizeDelta === 0 ? node : balance(node, left, node.right, edit)
  }
  if (c > 0) {
    const right = remove(node.right, key, short, price, direction, edit)
    return sizeDelta === 0 ? node : balance(node, node.left, right, edit)
  }
  sizeDelta = -1
  if (node.left === undefined) return node.right
  if (node.right === undefined) return node.left
  const left = node.left
  const right = removeMin(node.right, edit)
  return balance(removedMin!, left, right, edit)
}

/**
 * Sets one level to its absolute quantity; a zero quantity (any scale) deletes the level. Under an
 * `edit`, nodes that edit created are updated in place (see the module comment).
 */
export const setLevel = (side: Side, level: Level, edit?: Edit): Side => {
  const price = level[0]
  const key = keyOf(price)
  const short = isShort(price)
  if (level[1].value === 0n) {
    const root = remove(side.root, key, short, price, side.direction, edit)
    return sizeDelta === 0 ? side : { root, size: side.size - 1, direction: side.direction }
  }
  const root = insert(side.root, key, short, level, side.direction, edit)
  return { root, size: side.size + sizeDelta, direction: side.direction }
}

/** Builds a perfectly balanced tree from levels already in strict side order. */
const build = (levels: ReadonlyArray<Level>, keys: Float64Array, from: number, to: number): Node | undefined => {
  if (from >= to) return undefined
  const mid = (from + to) >>> 1
  const level = levels[mid]!
  return make(
    keys[mid]!,
    isShort(level[0]),
    level,
    build(levels, keys, from, mid),
    build(levels, keys, mid + 1, to),
    undefined
  )
}

/**
 * Sets each level to its absolute quantity, in order; a zero quantity (any scale) deletes the level.
 * Levels arriving on an empty side in strict best-first order with no zero (a snapshot) are built
 * into a balanced tree in one O(n) pass. Under an `edit`, see {@link setLevel}.
 */
export const applyLevels = (side: Side, levels: Iterable<Level>, edit?: Edit): Side => {
  if (side.root === undefined && Array.isArray(levels)) {
    const array = levels as ReadonlyArray<Level>
    const keys = new Float64Array(array.length)
    let sorted = true
    for (let i = 0; i < array.length && sorted; i++) {
      const level = array[i]!
      keys[i] = keyOf(level[0])
      if (level[1].value === 0n) sorted = false
      else if (i > 0) {
        const c = keys[i - 1]! < keys[i]!
          ? -1
          : keys[i - 1]! > keys[i]!
          ? 1
          : BigDecimal.Order(array[i - 1]![0], level[0])
        if (c * side.direction >= 0) sorted = false
      }
    }
    if (sorted) return { root: build(array, keys, 0, array.length), size: array.length, direction: side.direction }
  }
  let out = side
  for (const level of levels) out = setLevel(out, level, edit)
  return out
}

/** Number of levels of a side. */
export const size = (side: Side): number => side.size

const first = (side: Side): Node | undefined => {
  let node = side.root
  if (node === undefined) return undefined
  while (node.left !== undefined) node = node.left
  return node
}

/** The best level of a side. */
export const best = (side: Side): Option.Option<Level> => {
  const node = first(side)
  return node === undefined ? Option.none() : Option.some(node.level)
}

/** The level at an exact price (any scale), if any. */
export const find = (side: Side, price: BigDecimal.BigDecimal): Option.Option<Level> => {
  const key = keyOf(price)
  const short = isShort(price)
  let node = side.root
  while (node !== undefined) {
    const c = side.direction * compare(key, short, price, node)
    if (c === 0) return Option.some(node.level)
    node = c < 0 ? node.left : node.right
  }
  return Option.none()
}

/** Levels best first, while `keep` says so. */
const walk = (side: Side, keep: (level: Level) => boolean): void => {
  const stack: Array<Node> = []
  let node = side.root
  while (node !== undefined || stack.length > 0) {
    while (node !== undefined) {
      stack.push(node)
      node = node.left
    }
    const next = stack.pop()!
    if (!keep(next.level)) return
    node = next.right
  }
}

/** The first `n` levels of a side, best first. */
export const top = (side: Side, n: number): ReadonlyArray<Level> => {
  const out: Array<Level> = []
  if (n <= 0) return out
  walk(side, (level) => {
    out.push(level)
    return out.length < n
  })
  return out
}

/**
 * Whether the best bid is at or above the best ask (a book that cannot exist on the exchange).
 * Decided by the double keys when they differ (they are monotonic in the exact prices), exactly
 * otherwise.
 */
export const isCrossed = (bids: Side, asks: Side): boolean => {
  const bid = first(bids)
  const ask = first(asks)
  if (bid === undefined || ask === undefined) return false
  if (bid.key < ask.key) return false
  if (bid.key > ask.key) return true
  return BigDecimal.greaterThanOrEqualTo(bid.level[0], ask.level[0])
}

/** Total quantity and notional of the levels of a side from the best price up to `limit` (inclusive). */
export const depthUpTo = (
  side: Side,
  limit: BigDecimal.BigDecimal
): { readonly quantity: BigDecimal.BigDecimal; readonly notional: BigDecimal.BigDecimal; readonly levels: number } => {
  let quantity = BigDecimal.make(0n, 0)
  let notional = BigDecimal.make(0n, 0)
  let levels = 0
  walk(side, ([price, size]) => {
    if (side.direction * BigDecimal.Order(price, limit) > 0) return false
    quantity = BigDecimal.sum(quantity, size)
    notional = BigDecimal.sum(notional, BigDecimal.multiply(price, size))
    levels++
    return true
  })
  return { quantity: BigDecimal.normalize(quantity), notional: BigDecimal.normalize(notional), levels }
}

/**
 * What is wrong with a side's tree, if anything: order of the keys along the side's direction, AVL
 * heights and balance, the size. For tests (the store must stay a valid tree under every edit).
 */
export const invariantViolation = (side: Side): string | undefined => {
  let count = 0
  let previous: Node | undefined
  const visit = (node: Node | undefined): number => {
    if (node === undefined) return 0
    const hl = visit(node.left)
    if (previous !== undefined && side.direction * compare(node.key, node.short, node.level[0], previous) <= 0) {
      throw new Error(`out of order at ${Dec.format(node.level[0])}`)
    }
    previous = node
    count++
    const hr = visit(node.right)
    if (node.height !== Math.max(hl, hr) + 1) throw new Error(`wrong height at ${Dec.format(node.level[0])}`)
    if (Math.abs(hl - hr) > 1) throw new Error(`unbalanced at ${Dec.format(node.level[0])}`)
    return node.height
  }
  try {
    visit(side.root)
  } catch (error) {
    return (error as Error).message
  }
  return count === side.size ? undefined : `size ${side.size}, ${count} nodes`
}

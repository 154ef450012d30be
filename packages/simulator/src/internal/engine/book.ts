/**
 * Order books: price levels (best first, FIFO within a level), best bid/ask, and the change tracking that turns
 * book mutations into one `BookChanged` event per market and engine call (the depth stream's `U..u` ids).
 *
 * @internal
 */
import type { Engine } from "./engine.js"
import type { LevelChange } from "./events.js"
import type { Level, Market, Order, Side } from "./model.js"
import { remaining } from "./model.js"

export const levelsOf = (m: Market, side: Side): Array<Level> => (side === "Bid" ? m.bids : m.asks)

export const bestBid = (m: Market): bigint | null => m.bids[0]?.price ?? null

export const bestAsk = (m: Market): bigint | null => m.asks[0]?.price ?? null

/** Resting base quantity of a level. */
export const levelQuantity = (level: Level): bigint => {
  let q = 0n
  for (const o of level.orders) q += remaining(o)
  return q
}

/** Records a touched level for the next flush. */
export const touch = (engine: Engine, m: Market, side: Side, price: bigint): void => {
  let set = engine.bookChanges.get(m.symbol)
  if (set === undefined) {
    set = new Map()
    engine.bookChanges.set(m.symbol, set)
  }
  set.set(`${side}:${price}`, side)
}

/** Rests a limit order at its price (behind the orders already there). */
export const insert = (engine: Engine, m: Market, order: Order): void => {
  const levels = levelsOf(m, order.side)
  const price = order.price!
  let i = 0
  while (i < levels.length && (order.side === "Bid" ? levels[i]!.price > price : levels[i]!.price < price)) i++
  if (i < levels.length && levels[i]!.price === price) levels[i]!.orders.push(order)
  else levels.splice(i, 0, { price, orders: [order] })
  touch(engine, m, order.side, price)
}

/** Takes a resting order off the book. */
export const remove = (engine: Engine, m: Market, order: Order): void => {
  const levels = levelsOf(m, order.side)
  const idx = levels.findIndex((l) => l.price === order.price)
  if (idx < 0) return
  const level = levels[idx]!
  const at = level.orders.indexOf(order)
  if (at >= 0) level.orders.splice(at, 1)
  if (level.orders.length === 0) levels.splice(idx, 1)
  touch(engine, m, order.side, order.price!)
}

/** Emits one `BookChanged` event per market whose book changed since the last flush. */
export const flush = (engine: Engine): void => {
  for (const [symbol, changes] of engine.bookChanges) {
    const m = engine.markets.get(symbol)!
    const bids: Array<LevelChange> = []
    const asks: Array<LevelChange> = []
    for (const [key, side] of changes) {
      const price = BigInt(key.slice(4))
      const level = levelsOf(m, side).find((l) => l.price === price)
      const quantity = level === undefined ? 0n : levelQuantity(level)
      if (side === "Bid") bids.push({ price, quantity })
      else asks.push({ price, quantity })
    }
    if (bids.length + asks.length === 0) continue
    bids.sort((a, b) => (a.price > b.price ? -1 : a.price < b.price ? 1 : 0))
    asks.sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0))
    const U = m.seq + 1 + m.pendingGap
    const u = U + bids.length + asks.length - 1
    m.pendingGap = 0
    m.seq = u
    const T = engine.micros()
    m.lastEngineMicros = T
    engine.bus.emit({ _tag: "BookChanged", market: m, bids, asks, U, u, T })
  }
  engine.bookChanges.clear()
}

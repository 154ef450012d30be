/**
 * Seeded liquidity and background activity: internal market makers quote around the reference price, seeded
 * takers trade against them, the reference price drifts and perps' funding rates move.
 *
 * @internal
 */
import * as D from "../decimal.js"
import * as Accounts from "./accounts.js"
import * as Book from "./book.js"
import type { Engine } from "./engine.js"
import { markPrice } from "./marketData.js"
import type { OrderRequest } from "./matching.js"
import { cancel, execute, executeUnflushed } from "./matching.js"
import { SIDES } from "./model.js"
import type { Account, Market, Side } from "./model.js"
import { setFundingRate, settleDueFunding } from "./perps.js"

const decimal = (value: bigint, dp: number) => ({ raw: D.format(value, dp), value })

const request = (
  m: Market,
  side: Side,
  fields: Pick<OrderRequest, "orderType" | "price" | "quantity" | "postOnly" | "selfTradePrevention">
): OrderRequest => ({
  symbol: m.symbol,
  side,
  timeInForce: "GTC",
  quoteQuantity: null,
  reduceOnly: null,
  clientId: null,
  triggerPrice: false,
  triggerQuantity: false,
  takeProfit: false,
  stopLoss: false,
  ...fields
})

/** Creates two funded internal makers and seeds every market's book and a few trades. */
export const seedLiquidity = (engine: Engine, seedTrades: number): void => {
  for (let i = 0; i < 2; i++) {
    const { account } = Accounts.createRandom(engine, true)
    for (const asset of engine.assets) {
      Accounts.deposit(engine, account, asset.symbol, D.fromInt(asset.symbol === "USDC" ? 1_000_000_000 : 1_000_000))
    }
    engine.makers.push(account)
  }
  for (const m of engine.markets.values()) {
    refillBook(engine, m, 20)
    for (let i = 0; i < seedTrades; i++) randomTaker(engine, m)
    refillBook(engine, m, 20)
  }
}

/** Tops each side of the book up to `levels` seeded price levels owned by the internal market makers. */
export const refillBook = (engine: Engine, m: Market, levels: number): void => {
  try {
    const ref = m.perp ? m.indexPrice : markPrice(m)
    const spreadTicks = 1 + engine.prng.int(0, 2)
    const levelQty = D.parse(m.def.levelQuantity)!
    for (const side of SIDES) {
      const book = Book.levelsOf(m, side)
      let k = 0
      while (book.length < levels && k < levels * 3) {
        k++
        const offset = BigInt(spreadTicks + engine.prng.int(0, levels * 2)) * m.tick
        const price = side === "Bid" ? ref - offset : ref + offset
        if (price < m.minPrice || (m.maxPrice !== null && price > m.maxPrice)) continue
        const opposite = side === "Bid" ? Book.bestAsk(m) : Book.bestBid(m)
        if (opposite !== null && (side === "Bid" ? price >= opposite : price <= opposite)) continue
        const factor = BigInt(engine.prng.int(20, 180))
        const qty = D.max(m.minQuantity, D.floorTo((levelQty * factor) / 100n, m.step))
        const maker = engine.prng.pick(engine.makers)
        executeUnflushed(
          engine,
          maker,
          request(m, side, {
            orderType: "Limit",
            price: decimal(price, m.priceDp),
            quantity: decimal(qty, m.qtyDp),
            postOnly: true,
            selfTradePrevention: "RejectTaker"
          })
        )
      }
    }
  } catch {
    // seeded makers never run out of funds; ignore a rejected quote
  } finally {
    Book.flush(engine)
  }
}

/** A seeded taker trades a small random size against the book. */
export const randomTaker = (engine: Engine, m: Market): void => {
  if (engine.makers.length === 0) return
  const taker: Account = engine.makers[engine.prng.int(0, engine.makers.length - 1)]!
  const side = engine.prng.pick(SIDES)
  const levelQty = D.parse(m.def.levelQuantity)!
  const qty = D.max(m.minQuantity, D.floorTo((levelQty * BigInt(engine.prng.int(5, 60))) / 100n, m.step))
  try {
    execute(
      engine,
      taker,
      request(m, side, {
        orderType: "Market",
        price: null,
        quantity: decimal(qty, m.qtyDp),
        postOnly: false,
        selfTradePrevention: "RejectMaker"
      })
    )
  } catch {
    // ignore
  }
}

/** One step of background activity: drift the reference price, trade, cancel and requote. */
export const activityStep = (engine: Engine): void => {
  if (engine.makers.length === 0) return // `liquidity: false`: no market makers to move the books
  for (const m of engine.markets.values()) {
    const drift = BigInt(engine.prng.int(-3, 3)) * m.tick
    if (m.indexPrice + drift > m.minPrice) m.indexPrice += drift
    if (m.perp) {
      setFundingRate(
        engine,
        m,
        D.parse(`0.0000${engine.prng.int(10, 99)}`)! * BigInt(engine.prng.next() < 0.2 ? -1 : 1)
      )
    }
    if (engine.prng.next() < 0.7) randomTaker(engine, m)
    // cancel a random maker quote far from the touch
    if (engine.prng.next() < 0.5) {
      const maker = engine.prng.pick(engine.makers)
      const open = Accounts.openOrders(maker, m.symbol)
      if (open.length > 30) cancel(engine, maker, m.symbol, engine.prng.pick(open).id, null)
    }
    refillBook(engine, m, 20)
  }
  settleDueFunding(engine)
}

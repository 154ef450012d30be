/**
 * Market data: last and mark prices, the public trade buffer, rolling ticker statistics and OHLCV candles.
 *
 * @internal
 */
import * as D from "../decimal.js"
import { klineIntervals } from "../markets.js"
import { bestAsk, bestBid } from "./book.js"
import type { Engine } from "./engine.js"
import type { Candle, Market, PublicTrade } from "./model.js"

/** Public trades kept per market. */
export const TRADE_BUFFER = 100_000

/** Last traded price; `null` when the market never traded. */
export const lastPrice = (
  m: Market
): bigint | null => (m.trades.length > 0 ? m.trades[m.trades.length - 1]!.price : null)

/** Mark price: override, else the index price (perps) or mid/last/reference (spot). */
export const markPrice = (m: Market): bigint => {
  if (m.markOverride !== null) return m.markOverride
  if (m.perp) return m.indexPrice
  const bid = bestBid(m)
  const ask = bestAsk(m)
  if (bid !== null && ask !== null) return D.floorTo((bid + ask) / 2n, m.tick)
  return lastPrice(m) ?? m.indexPrice
}

/** Price of an asset in USDC, used for collateral valuation. */
export const assetPrice = (engine: Engine, asset: string): bigint => {
  if (asset === "USDC") return D.ONE
  const m = engine.markets.get(`${asset}_USDC`) ?? engine.markets.get(`${asset}_USDC_PERP`)
  return m === undefined ? 0n : markPrice(m)
}

/** Appends a printed trade to the market's buffer. */
export const recordTrade = (m: Market, trade: PublicTrade): void => {
  m.trades.push(trade)
  if (m.trades.length > TRADE_BUFFER) m.trades.splice(0, m.trades.length - TRADE_BUFFER)
}

/** Start (ms) of the candle containing `ms`. */
export const candleStart = (interval: string, ms: number): number => {
  if (interval === "1month") {
    const d = new Date(ms)
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  }
  const len = klineIntervals[interval]! * 1000
  return Math.floor(ms / len) * len
}

/** End (ms, exclusive) of the candle starting at `start`. */
export const candleEnd = (interval: string, start: number): number => {
  if (interval === "1month") {
    const d = new Date(start)
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  }
  return start + klineIntervals[interval]! * 1000
}

/** Aggregates trades into candles between two ms instants (only candles with trades). */
export const candles = (m: Market, interval: string, fromMs: number, toMs: number): Array<Candle> => {
  const out: Array<Candle> = []
  let current: Candle | undefined
  for (const t of m.trades) {
    if (t.timestamp < fromMs || t.timestamp >= toMs) continue
    const start = candleStart(interval, t.timestamp)
    if (current === undefined || current.start !== start) {
      current = {
        start,
        end: candleEnd(interval, start),
        open: t.price,
        high: t.price,
        low: t.price,
        close: t.price,
        volume: 0n,
        quoteVolume: 0n,
        trades: 0
      }
      out.push(current)
    }
    current.high = D.max(current.high, t.price)
    current.low = D.min(current.low, t.price)
    current.close = t.price
    current.volume += t.quantity
    current.quoteVolume += t.quoteQuantity
    current.trades++
  }
  return out
}

/** Rolling statistics of a market over a window. */
export interface TickerStats {
  readonly first: bigint
  readonly last: bigint
  readonly high: bigint
  readonly low: bigint
  readonly volume: bigint
  readonly quoteVolume: bigint
  readonly trades: number
}

/** Rolling statistics over `windowMs`; `undefined` when the market never traded. */
export const ticker = (engine: Engine, m: Market, windowMs: number): TickerStats | undefined => {
  const last = lastPrice(m)
  if (last === null) return undefined
  const since = engine.now() - windowMs
  let first: bigint | null = null
  let high = last
  let low = last
  let volume = 0n
  let quoteVolume = 0n
  let trades = 0
  for (let i = m.trades.length - 1; i >= 0; i--) {
    const t = m.trades[i]!
    if (t.timestamp < since) break
    first = t.price
    high = D.max(high, t.price)
    low = D.min(low, t.price)
    volume += t.quantity
    quoteVolume += t.quoteQuantity
    trades++
  }
  return { first: first ?? last, last, high, low, volume, quoteVolume, trades }
}

/**
 * Market data: last and mark prices, the public trade buffer, rolling ticker statistics and OHLCV candles.
 *
 * @internal
 */
import * as D from "../decimal.js"
import { klineIntervals } from "../markets.js"
import { bestAsk, bestBid } from "./book.js"
import type { Engine } from "./engine.js"
import type { Bucket, Candle, Market, PublicTrade, Rolling } from "./model.js"

/** Last traded price; `null` when the market never traded. */
export const lastPrice = (m: Market): bigint | null => m.trades.last()?.price ?? null

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

/** Keeps every market's trade buffer, candles and rolling statistics up to date from `TradePrinted` events. */
export const install = (engine: Engine): void => {
  engine.bus.on("TradePrinted", (event) => recordTrade(event.market, event.trade))
}

/** Appends a printed trade and folds it into the candles and rolling windows: O(intervals), never a rescan. */
export const recordTrade = (m: Market, trade: PublicTrade): void => {
  m.trades.push(trade)
  for (const [interval, series] of m.candles) {
    const start = candleStart(interval, trade.timestamp)
    const last = series.last()
    // a clock moved back (fault injection) folds the trade into the latest candle
    if (last !== undefined && start <= last.start) foldCandle(last, trade)
    else {
      series.push({
        start,
        end: candleEnd(interval, start),
        open: trade.price,
        high: trade.price,
        low: trade.price,
        close: trade.price,
        volume: trade.quantity,
        quoteVolume: trade.quoteQuantity,
        trades: 1
      })
    }
  }
  addToRolling(m.rolling.day, trade)
  addToRolling(m.rolling.week, trade)
}

const foldCandle = (c: Candle, t: PublicTrade): void => {
  c.high = D.max(c.high, t.price)
  c.low = D.min(c.low, t.price)
  c.close = t.price
  c.volume += t.quantity
  c.quoteVolume += t.quoteQuantity
  c.trades++
}

// ---------------------------------------------------------------------------------------------------------------
// rolling windows: time buckets with running sums and monotonic deques for high and low (amortised O(1))
// ---------------------------------------------------------------------------------------------------------------

/** An empty rolling window of `windowMs` kept in `bucketMs` buckets. */
export const makeRolling = (windowMs: number, bucketMs: number): Rolling => ({
  windowMs,
  bucketMs,
  buckets: [],
  head: 0,
  volume: 0n,
  quoteVolume: 0n,
  trades: 0,
  highs: [],
  highsHead: 0,
  lows: [],
  lowsHead: 0
})

const compact = <A>(items: Array<A>, head: number): number => {
  if (head > 1024 && head * 2 > items.length) {
    items.splice(0, head)
    return 0
  }
  return head
}

const addToRolling = (r: Rolling, t: PublicTrade): void => {
  const start = Math.floor(t.timestamp / r.bucketMs) * r.bucketMs
  let bucket = r.buckets.length > r.head ? r.buckets[r.buckets.length - 1]! : undefined
  if (bucket === undefined || start > bucket.start) {
    bucket = { start, open: t.price, high: t.price, low: t.price, volume: 0n, quoteVolume: 0n, trades: 0 }
    r.buckets.push(bucket)
  }
  bucket.high = D.max(bucket.high, t.price)
  bucket.low = D.min(bucket.low, t.price)
  bucket.volume += t.quantity
  bucket.quoteVolume += t.quoteQuantity
  bucket.trades++
  r.volume += t.quantity
  r.quoteVolume += t.quoteQuantity
  r.trades++
  // the newest bucket is at the back of both deques (if present); re-place it after its high/low changed
  if (r.highs.length > r.highsHead && r.highs[r.highs.length - 1] === bucket) r.highs.pop()
  while (r.highs.length > r.highsHead && r.highs[r.highs.length - 1]!.high <= bucket.high) r.highs.pop()
  r.highs.push(bucket)
  if (r.lows.length > r.lowsHead && r.lows[r.lows.length - 1] === bucket) r.lows.pop()
  while (r.lows.length > r.lowsHead && r.lows[r.lows.length - 1]!.low >= bucket.low) r.lows.pop()
  r.lows.push(bucket)
}

/** Drops the buckets that ended before `now - windowMs`. */
const evict = (r: Rolling, now: number): void => {
  const since = now - r.windowMs
  while (r.head < r.buckets.length && r.buckets[r.head]!.start + r.bucketMs <= since) {
    const old = r.buckets[r.head]!
    r.volume -= old.volume
    r.quoteVolume -= old.quoteVolume
    r.trades -= old.trades
    if (r.highs[r.highsHead] === old) r.highsHead++
    if (r.lows[r.lowsHead] === old) r.lowsHead++
    r.head++
  }
  r.head = compact(r.buckets as Array<Bucket>, r.head)
  r.highsHead = compact(r.highs as Array<Bucket>, r.highsHead)
  r.lowsHead = compact(r.lows as Array<Bucket>, r.lowsHead)
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

/** Candles of an interval starting in `[fromMs, toMs)` (only candles with trades), oldest first. */
export const candles = (m: Market, interval: string, fromMs: number, toMs: number): Array<Candle> => {
  const series = m.candles.get(interval)
  if (series === undefined) return []
  const out: Array<Candle> = []
  for (let i = series.lowerBound((c) => c.start >= fromMs); i < series.size; i++) {
    const c = series.at(i)!
    if (c.start >= toMs) break
    out.push(c)
  }
  return out
}

/** The latest candle of an interval. */
export const latestCandle = (m: Market, interval: string): Candle | undefined => m.candles.get(interval)?.last()

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

/** Rolling statistics over 24 h (`windowMs` up to a day) or a week; `undefined` when the market never traded. */
export const ticker = (engine: Engine, m: Market, windowMs: number): TickerStats | undefined => {
  const last = lastPrice(m)
  if (last === null) return undefined
  const r = windowMs <= m.rolling.day.windowMs ? m.rolling.day : m.rolling.week
  evict(r, engine.now())
  if (r.head >= r.buckets.length) {
    return { first: last, last, high: last, low: last, volume: 0n, quoteVolume: 0n, trades: 0 }
  }
  return {
    first: r.buckets[r.head]!.open,
    last,
    high: D.max(r.highs[r.highsHead]!.high, last),
    low: D.min(r.lows[r.lowsHead]!.low, last),
    volume: r.volume,
    quoteVolume: r.quoteVolume,
    trades: r.trades
  }
}

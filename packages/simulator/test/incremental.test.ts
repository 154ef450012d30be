import { describe, expect, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import * as D from "../src/internal/decimal.js"
import { Engine } from "../src/internal/engine/engine.js"
import * as History from "../src/internal/engine/history.js"
import * as MarketData from "../src/internal/engine/marketData.js"
import type { PublicTrade } from "../src/internal/engine/model.js"
import { klineIntervals } from "../src/internal/markets.js"

describe("bounded history", () => {
  it("a ring keeps the newest entries in order and pages without copying the rest", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.integer({ min: 1, max: 20 }),
        FastCheck.array(FastCheck.integer({ min: 0, max: 99 }), { maxLength: 60 }),
        FastCheck.integer({ min: 0, max: 10 }),
        FastCheck.integer({ min: 0, max: 10 }),
        (capacity, items, offset, limit) => {
          const ring = new History.Ring<number>(capacity)
          for (const x of items) ring.push(x)
          const kept = items.slice(-capacity)
          expect([...ring.oldestFirst()]).toEqual(kept)
          expect([...ring.newestFirst()]).toEqual([...kept].reverse())
          expect(ring.size).toBe(kept.length)
          expect(ring.last()).toBe(kept[kept.length - 1])
          const even = (x: number) => x % 2 === 0
          expect(History.page(ring, { newestFirst: true, offset, limit, keep: even }))
            .toEqual([...kept].reverse().filter(even).slice(offset, offset + limit))
          expect(History.page(ring, { newestFirst: false, offset, limit }))
            .toEqual(kept.slice(offset, offset + limit))
        }
      )
    )
  })
})

describe("incremental market data", () => {
  // trades at non-decreasing times over about 10 days
  const trades = FastCheck.array(
    FastCheck.record({
      gap: FastCheck.oneof(
        FastCheck.integer({ min: 0, max: 2_000 }),
        FastCheck.integer({ min: 0, max: 600_000 }),
        FastCheck.integer({ min: 0, max: 40 * 3_600_000 })
      ),
      price: FastCheck.integer({ min: 1, max: 50_000 }),
      quantity: FastCheck.integer({ min: 1, max: 1_000 })
    }),
    { maxLength: 120 }
  )

  it("candles and rolling tickers equal a full aggregation of the trades", () => {
    FastCheck.assert(
      FastCheck.property(trades, FastCheck.integer({ min: 0, max: 3 * 86_400_000 }), (rows, tail) => {
        let now = 1_750_000_000_000
        const engine = new Engine({ seed: 1, clock: () => now, liquidity: false })
        const m = engine.markets.get("SOL_USDC")!
        const printed: Array<PublicTrade> = []
        let t = now
        for (const [i, r] of rows.entries()) {
          t += r.gap
          const price = BigInt(r.price) * 10n ** 16n
          const quantity = BigInt(r.quantity) * 10n ** 16n
          const trade: PublicTrade = {
            id: i + 1,
            price,
            quantity,
            quoteQuantity: D.mul(price, quantity),
            timestamp: t,
            isBuyerMaker: i % 2 === 0,
            buyerOrderId: "1",
            sellerOrderId: "2",
            micros: t * 1000
          }
          printed.push(trade)
          engine.bus.emit({ _tag: "TradePrinted", market: m, trade })
        }
        now = t + tail
        // candles: every interval, every candle, exactly
        for (const interval of Object.keys(klineIntervals)) {
          const expected = new Map<
            number,
            { o: bigint; h: bigint; l: bigint; c: bigint; v: bigint; q: bigint; n: number }
          >()
          for (const tr of printed) {
            const start = MarketData.candleStart(interval, tr.timestamp)
            const c = expected.get(start)
            if (c === undefined) {
              expected.set(start, {
                o: tr.price,
                h: tr.price,
                l: tr.price,
                c: tr.price,
                v: tr.quantity,
                q: tr.quoteQuantity,
                n: 1
              })
            } else {
              c.h = D.max(c.h, tr.price)
              c.l = D.min(c.l, tr.price)
              c.c = tr.price
              c.v += tr.quantity
              c.q += tr.quoteQuantity
              c.n++
            }
          }
          const actual = MarketData.candles(m, interval, 0, Number.MAX_SAFE_INTEGER)
          expect(actual.map((c) => [c.start, c.open, c.high, c.low, c.close, c.volume, c.quoteVolume, c.trades]))
            .toEqual([...expected].map(([s, c]) => [s, c.o, c.h, c.l, c.c, c.v, c.q, c.n]))
        }
        // tickers: trades of the buckets that overlap the window
        for (const [windowMs, bucketMs] of [[86_400_000, 60_000], [7 * 86_400_000, 3_600_000]] as const) {
          const stats = MarketData.ticker(engine, m, windowMs)
          if (printed.length === 0) {
            expect(stats).toBeUndefined()
            continue
          }
          const since = now - windowMs
          const inWindow = printed.filter((tr) => Math.floor(tr.timestamp / bucketMs) * bucketMs + bucketMs > since)
          const last = printed[printed.length - 1]!.price
          expect(stats).toEqual({
            first: inWindow[0]?.price ?? last,
            last,
            high: inWindow.reduce((h, tr) => D.max(h, tr.price), last),
            low: inWindow.reduce((l, tr) => D.min(l, tr.price), last),
            volume: inWindow.reduce((v, tr) => v + tr.quantity, 0n),
            quoteVolume: inWindow.reduce((v, tr) => v + tr.quoteQuantity, 0n),
            trades: inWindow.length
          })
        }
      }),
      { numRuns: 150 }
    )
  })
})

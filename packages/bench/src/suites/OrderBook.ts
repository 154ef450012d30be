/**
 * Benchmark 5: applying depth deltas to a local order book. The SDK's price-level store
 * (`packages/sdk/src/internal/orderbook/book.ts`: persistent AVL trees keyed by exact
 * `BigDecimal` price, every version immutable) against the in-memory book CCXT's WebSocket layer
 * uses (`exchange.orderBook()`: sorted arrays with a `Float64Array` price index, mutated in place,
 * float prices). The structure is internal to the SDK, so it is imported by path.
 *
 * The book starts with 2500 bids and 2500 asks (5000 levels, tick 0.01 around 180.00). Each delta
 * sets one level of a random side to an absolute quantity (20% zero, i.e. delete) at a random price
 * among the nearest 3125 ticks of that side, so the book stays near 5000 levels (equilibrium: 80% of
 * 3125 per side): most deltas update a level, the others insert or delete one.
 * Deltas are parsed before timing (BigDecimal for the SDK, numbers for CCXT).
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Book from "../../../sdk/src/internal/orderbook/book.js"
import type * as Ccxt from "../Ccxt.js"
import * as Harness from "../Harness.js"
import { fixed, prng } from "../Payloads.js"
import type { Budget, Section } from "../Section.js"

const levelsPerSide = 2500
const mid = 18_000 // price in ticks of 0.01
const deleteShare = 0.2
const priceRange = Math.round(levelsPerSide / (1 - deleteShare)) // ticks per side where deltas land

interface Delta {
  readonly bid: boolean
  readonly price: string
  readonly quantity: string
}

const snapshot = (): { readonly bids: Array<Delta>; readonly asks: Array<Delta> } => {
  const random = prng(5)
  const bids: Array<Delta> = []
  const asks: Array<Delta> = []
  for (let i = 1; i <= levelsPerSide; i++) {
    bids.push({ bid: true, price: fixed(mid - i, 2), quantity: fixed(1 + Math.floor(random() * 100_000), 2) })
    asks.push({ bid: false, price: fixed(mid + i, 2), quantity: fixed(1 + Math.floor(random() * 100_000), 2) })
  }
  return { bids, asks }
}

const deltas = (count: number, seed: number): Array<Delta> => {
  const random = prng(seed)
  const out: Array<Delta> = []
  for (let i = 0; i < count; i++) {
    const bid = random() < 0.5
    const offset = 1 + Math.floor(random() * priceRange)
    const quantity = random() < deleteShare ? "0" : fixed(1 + Math.floor(random() * 100_000), 2)
    out.push({ bid, price: fixed(bid ? mid - offset : mid + offset, 2), quantity })
  }
  return out
}

type SdkDelta = readonly [bid: boolean, level: Book.Level]
type CcxtDelta = readonly [bid: boolean, price: number, quantity: number]

const toSdk = (
  d: Delta
): SdkDelta => [d.bid, [BigDecimal.unsafeFromString(d.price), BigDecimal.unsafeFromString(d.quantity)]]
const toCcxt = (d: Delta): CcxtDelta => [d.bid, Number(d.price), Number(d.quantity)]

/** A mutable holder for the SDK's immutable sides (the latest version). */
interface SdkBook {
  bids: Book.Side
  asks: Book.Side
}

const sdkBook = (snap: ReturnType<typeof snapshot>): SdkBook => ({
  bids: Book.applyLevels(Book.emptyBids, snap.bids.map((d) => toSdk(d)[1])),
  asks: Book.applyLevels(Book.emptyAsks, snap.asks.map((d) => toSdk(d)[1]))
})

const ccxtBook = (exchange: Ccxt.Exchange, snap: ReturnType<typeof snapshot>) =>
  exchange.orderBook({
    bids: snap.bids.map((d) => [Number(d.price), Number(d.quantity)]),
    asks: snap.asks.map((d) => [Number(d.price), Number(d.quantity)])
  })

/**
 * Runs benchmark 5. `exchange` is only used as CCXT's order-book factory (no request is sent).
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const run = (budget: Budget, exchange: Ccxt.Exchange): Effect.Effect<Section, Error> =>
  Effect.gen(function*() {
    const count = budget.pick(100_000, 20_000)
    const warmupCount = budget.pick(20_000, 5000)
    const snap = snapshot()
    const timed = deltas(count, 17)
    const warm = deltas(warmupCount, 23)
    const sdkTimed = timed.map(toSdk)
    const sdkWarm = warm.map(toSdk)
    const ccxtTimed = timed.map(toCcxt)
    const ccxtWarm = warm.map(toCcxt)
    const frame = 10

    // SDK, one level per call. `next` walks warm-up deltas first, then the timed ones.
    const sdkSingle = (() => {
      const book = sdkBook(snap)
      let i = 0
      const all = [...sdkWarm, ...sdkTimed]
      const op = () => {
        const [bid, level] = all[i++]!
        if (bid) book.bids = Book.applyLevels(book.bids, [level])
        else book.asks = Book.applyLevels(book.asks, [level])
        return book
      }
      return { op, result: () => book }
    })()
    // SDK, frames of `frame` deltas (per side, as a WS depth message carries `b` and `a` arrays)
    const sdkFrames = (() => {
      const book = sdkBook(snap)
      const frames: Array<{ readonly bids: Array<Book.Level>; readonly asks: Array<Book.Level> }> = []
      for (const source of [sdkWarm, sdkTimed]) {
        for (let start = 0; start < source.length; start += frame) {
          const bids: Array<Book.Level> = []
          const asks: Array<Book.Level> = []
          for (const [bid, level] of source.slice(start, start + frame)) (bid ? bids : asks).push(level)
          frames.push({ bids, asks })
        }
      }
      let i = 0
      return {
        op: () => {
          const f = frames[i++]!
          book.bids = Book.applyLevels(book.bids, f.bids)
          book.asks = Book.applyLevels(book.asks, f.asks)
          return book
        },
        result: () => book
      }
    })()
    const ccxtSingle = (() => {
      const book = ccxtBook(exchange, snap)
      let i = 0
      const all = [...ccxtWarm, ...ccxtTimed]
      return {
        op: () => {
          const [bid, price, quantity] = all[i++]!
          ;(bid ? book.bids : book.asks).store(price, quantity)
          return book
        },
        result: () => book
      }
    })()

    const single = { warmup: warmupCount, iterations: count, batch: 100 }
    const framed = { warmup: warmupCount / frame, iterations: count / frame, batch: 10 }
    const results = [
      Harness.measureSync("SDK book.applyLevels, 1 delta per call", single, sdkSingle.op),
      Harness.measureSync(`SDK book.applyLevels, ${frame}-delta frames (per frame)`, framed, sdkFrames.op),
      Harness.measureSync("CCXT OrderBookSide.store, 1 delta per call", single, ccxtSingle.op)
    ]

    // all three end in the same book: same level counts and same best levels
    const sdk = sdkSingle.result()
    const sdkFramed = sdkFrames.result()
    const ccxt = ccxtSingle.result()
    const sizes = (b: SdkBook) => [Book.size(b.bids), Book.size(b.asks)]
    const [bidCount, askCount] = sizes(sdk)
    const [framedBids, framedAsks] = sizes(sdkFramed)
    const sdkTop = Book.top(sdk.bids, 5).map(([p, q]) => `${BigDecimal.format(p)}:${BigDecimal.format(q)}`)
    const ccxtTop = ccxt.bids.slice(0, 5).map(([p, q]) => `${p}:${q}`)
    const sdkAsk = Book.top(sdk.asks, 1).map(([p]) => BigDecimal.format(p))
    if (
      bidCount !== framedBids || askCount !== framedAsks || bidCount !== ccxt.bids.length ||
      askCount !== ccxt.asks.length || sdkTop.join(",") !== ccxtTop.join(",") ||
      sdkAsk[0] !== String(ccxt.asks[0]?.[0])
    ) {
      return yield* Effect.fail(
        new Error(
          `the books differ after the deltas: SDK ${bidCount}/${askCount} levels (framed ${framedBids}/${framedAsks}), ` +
            `CCXT ${ccxt.bids.length}/${ccxt.asks.length}; SDK top ${sdkTop.join(",")}; CCXT top ${ccxtTop.join(",")}`
        )
      )
    }

    return {
      title: `5. Local order book: ${count.toLocaleString("en-US")} random deltas on a 5000-level book`,
      results,
      notes: [
        `Start: ${levelsPerSide} bids + ${levelsPerSide} asks; ${warmupCount.toLocaleString("en-US")} untimed ` +
        `warm-up deltas, then ${count.toLocaleString("en-US")} timed ones (${
          deleteShare * 100
        }% deletes). End: ${bidCount} bids, ` +
        `${askCount} asks, identical on all three rows (checked, best bids ${sdkTop.slice(0, 2).join(", ")}).`,
        "SDK: internal persistent red-black trees keyed by exact BigDecimal price; every intermediate book stays " +
        "valid and immutable (readers never see a torn book). CCXT: sorted arrays with a Float64Array price index, " +
        "mutated in place, float prices and sizes.",
        "Parsing the delta strings is not timed on either side; rows are per delta except the frame row " +
        `(one call applying ${frame} deltas split into its bid and ask arrays).`
      ]
    }
  })

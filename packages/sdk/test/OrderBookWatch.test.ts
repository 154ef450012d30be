/**
 * The `OrderBook.watch` pipeline's fast paths: the level store updated in place under an edit (nodes
 * of the versions not yet emitted), and the whole watch with chunks of deltas, crossings and losses:
 * every emitted book equals the exchange's book at its update id, and stays so after later updates.
 */
import { Model, OrderBook } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, Effect, FastCheck as fc, Logger, LogLevel, Option, Schema, Stream } from "effect"
import * as Dec from "../src/internal/decimal.js"
import * as B from "../src/internal/orderbook/book.js"

const parsed = (text: string) => Option.getOrThrow(Dec.parse(text))

/** Prices in a narrow range (many hits on the same levels), several spellings of one price. */
const priceText = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom("", "0")).map(([n, pad]) =>
  `${(n / 4).toFixed(2)}${pad}`
)
const quantityText = fc.oneof(
  fc.constantFrom("0", "0.000"),
  fc.integer({ min: 1, max: 10_000 }).map((n) => (n / 100).toFixed(2))
)

const render = (side: B.Side) =>
  B.top(side, Number.POSITIVE_INFINITY).map(([p, q]) => `${p.value}e-${p.scale}:${q.value}`)

describe("level store under edits", () => {
  it.prop(
    "updates in place only what the current edit made: same levels as persistent updates, frozen versions intact",
    [
      fc.array(fc.tuple(priceText, quantityText, fc.boolean()), { maxLength: 150 }),
      fc.array(fc.tuple(priceText, quantityText), { maxLength: 40 })
    ],
    ([updates, initial]) => {
      for (const empty of [B.emptyBids, B.emptyAsks]) {
        const start = B.applyLevels(empty, initial.map(([p, q]) => [parsed(p), parsed(q)] as const))
        let persistent = start
        let edited = start
        let edit = B.makeEdit()
        const frozen: Array<[B.Side, ReturnType<typeof render>]> = [[start, render(start)]]
        for (const [p, q, freeze] of updates) {
          const level = [parsed(p), parsed(q)] as const
          persistent = B.setLevel(persistent, level)
          edited = B.setLevel(edited, level, edit)
          expect(render(edited)).toEqual(render(persistent))
          expect(B.size(edited)).toBe(B.size(persistent))
          expect(B.invariantViolation(edited)).toBeUndefined()
          if (freeze) {
            // this version is handed out: a new edit, so later updates copy its nodes
            frozen.push([edited, render(edited)])
            edit = B.makeEdit()
          }
        }
        for (const [version, levels] of frozen) {
          expect(render(version)).toEqual(levels)
          expect(B.invariantViolation(version)).toBeUndefined()
        }
      }
    }
  )
})

// ---------------------------------------------------------------------------------------------
// the whole watch: chunks of deltas (several applied under one edit), crossings, losses, reconnects
// ---------------------------------------------------------------------------------------------

const decodeEvent = Schema.decodeUnknownSync(Model.DepthEvent)

/** The exchange's book: a map by normalized price, sorted on reading. */
const exchangeBook = () => {
  const bids = new Map<string, readonly [string, string]>()
  const asks = new Map<string, readonly [string, string]>()
  const key = (p: string) => Dec.format(BigDecimal.normalize(parsed(p)))
  const set = (side: typeof bids, levels: ReadonlyArray<readonly [string, string]>) => {
    for (const [p, q] of levels) {
      if (BigDecimal.isZero(parsed(q))) side.delete(key(p))
      else side.set(key(p), [p, q])
    }
  }
  const sorted = (side: typeof bids, descending: boolean) =>
    Array.from(side.values())
      .sort(([a], [b]) => (descending ? -1 : 1) * BigDecimal.Order(parsed(a), parsed(b)))
      .map(([p, q]) => [Dec.format(BigDecimal.normalize(parsed(p))), Dec.format(BigDecimal.normalize(parsed(q)))])
  const copy = () => {
    const out = exchangeBook()
    for (const [k, v] of bids) out.bids.set(k, v)
    for (const [k, v] of asks) out.asks.set(k, v)
    return out
  }
  return { bids, asks, set, sortedBids: () => sorted(bids, true), sortedAsks: () => sorted(asks, false), copy }
}

// bids 1.00–9.75 and asks 9.00–19.5 overlap: some updates cross the book (a resync, nothing emitted)
const bidLevel = fc.tuple(fc.integer({ min: 4, max: 39 }).map((n) => (n / 4).toFixed(2)), quantityText)
const askLevel = fc.tuple(fc.integer({ min: 18, max: 39 }).map((n) => (n / 2).toFixed(1)), quantityText)
const scenario = fc.record({
  updates: fc.array(
    fc.record({ bids: fc.array(bidLevel, { maxLength: 3 }), asks: fc.array(askLevel, { maxLength: 3 }) }),
    { minLength: 1, maxLength: 80 }
  ),
  // per delta: lost, reconnect before it, chunk boundary after it
  marks: fc.array(
    fc.record({
      lost: fc.integer({ min: 0, max: 30 }),
      reconnect: fc.integer({ min: 0, max: 30 }),
      cut: fc.integer({ min: 0, max: 5 })
    }),
    {
      minLength: 80,
      maxLength: 80
    }
  ),
  lag: fc.integer({ min: 0, max: 3 }),
  // how many turns the consumer lets pass after each book (versions pile up meanwhile)
  slowness: fc.integer({ min: 0, max: 40 })
})

describe("OrderBook.watch with chunks, crossings and losses", () => {
  // bufferSize 1 (default): the consumer takes the newest version, which the watch updated in place until
  // then; 1000: every version emitted is kept, each frozen as it is emitted
  it.each([undefined, 1000])(
    "every book taken equals the exchange's at its update id and never changes afterwards (bufferSize %s)",
    async (bufferSize) => {
      let emittedBooks = 0
      let crossings = 0
      await fc.assert(
        fc.asyncProperty(scenario, async ({ lag, marks, slowness, updates }) => {
          const exchange = exchangeBook()
          const states = [exchange.copy()]
          for (const u of updates) {
            exchange.set(exchange.bids, u.bids)
            exchange.set(exchange.asks, u.asks)
            states.push(exchange.copy())
          }
          const crossed = (id: number) => {
            const [bid] = states[id]!.sortedBids()
            const [ask] = states[id]!.sortedAsks()
            return bid !== undefined && ask !== undefined &&
              BigDecimal.greaterThanOrEqualTo(parsed(bid[0]!), parsed(ask[0]!))
          }
          crossings += states.filter((_, id) => crossed(id)).length
          // the stream, in chunks: several deltas applied between two emissions
          const chunks: Array<Array<Model.DepthEvent | Model.Resubscribed>> = [[]]
          updates.forEach((u, i) => {
            const mark = marks[i]!
            if (mark.reconnect === 0) {
              chunks[chunks.length - 1]!.push(new Model.Resubscribed({ stream: "depth.SOL_USDC", reconnects: i }))
            }
            if (mark.lost !== 0) {
              chunks[chunks.length - 1]!.push(decodeEvent({
                e: "depth",
                E: "1",
                T: String(i + 1),
                s: "SOL_USDC",
                U: i + 1,
                u: i + 1,
                a: u.asks,
                b: u.bids
              }))
            }
            if (mark.cut === 0) chunks.push([])
          })
          let progress = 0
          const service = OrderBook.makeWith({
            depth: () =>
              Stream.fromIterable(chunks).pipe(
                Stream.mapEffect((chunk) =>
                  Effect.as(
                    Effect.zipRight(
                      Effect.sync(() => {
                        for (const item of chunk) {
                          if (item instanceof Model.DepthEvent) progress = Number(item.lastUpdateId)
                        }
                      }),
                      Effect.yieldNow()
                    ),
                    chunk
                  )
                ),
                Stream.mapConcatChunk((chunk) => Chunk.unsafeFromArray(chunk)),
                Stream.concat(Stream.fromEffect(Effect.sleep("2 millis")).pipe(Stream.drain))
              ),
            snapshot: () =>
              Effect.sync(() => {
                const at = Math.max(0, progress - lag)
                const level = ([p, q]: ReadonlyArray<string>) => [parsed(p!), parsed(q!)] as const
                return new Model.Depth({
                  bids: states[at]!.sortedBids().map(level),
                  asks: states[at]!.sortedAsks().map(level),
                  lastUpdateId: BigInt(at),
                  timestamp: 0
                })
              })
          })
          const seen: Array<[OrderBook.Book, ReturnType<OrderBook.Book["toJSON"]>]> = []
          await Effect.runPromise(
            service.watch("SOL_USDC", { refetchDelay: "1 millis", bufferSize }).pipe(
              // a consumer that sometimes lets versions pile up (then it gets the newest only)
              Stream.runForEach((book) =>
                Effect.zipRight(
                  Effect.sync(() => seen.push([book, book.toJSON()])),
                  Effect.repeatN(Effect.yieldNow(), slowness)
                )
              ),
              // thousands of resync warnings across the runs: not printed
              Logger.withMinimumLogLevel(LogLevel.None)
            )
          )
          emittedBooks += seen.length
          for (const [book, atEmission] of seen) {
            const truth = states[Number(book.lastUpdateId)]!
            expect(atEmission.bids).toEqual(truth.sortedBids())
            expect(atEmission.asks).toEqual(truth.sortedAsks())
            expect(book.isCrossed).toBe(false)
            // later deltas (applied in place to newer versions) never reach a book handed out
            expect(book.toJSON()).toEqual(atEmission)
          }
          // within one sync, update ids only go forward (after a resync, a REST snapshot lagging the
          // stream may be older than the last book emitted: it is still the exchange's book at its id)
          for (let i = 1; i < seen.length; i++) {
            const [before, after] = [seen[i - 1]![0], seen[i]![0]]
            expect(after.resyncs).toBeGreaterThanOrEqual(before.resyncs)
            if (after.resyncs === before.resyncs) expect(after.lastUpdateId).toBeGreaterThan(before.lastUpdateId)
          }
        }),
        { numRuns: 120 }
      )
      expect(emittedBooks).toBeGreaterThan(150)
      expect(crossings).toBeGreaterThan(20)
    },
    120_000
  )
})

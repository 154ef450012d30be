/**
 * Liveness of `OrderBook.watch` on a quiet market (no depth event for a while), found by the book
 * integrity suite: the watcher used to ask for its REST snapshot only once a delta was buffered, so a
 * market without deltas showed no book, neither at the start nor after a resync (a reconnect), until its
 * next event. It now takes the snapshot when no delta came within `refetchDelay` of (re)subscribing.
 */
import { OrderBook } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Logger, LogLevel, Option, Stream } from "effect"

const quiet = Effect.gen(function*() {
  const sim = yield* Simulator.make({ seed: 5, rateLimits: false, demoAccount: false })
  const recording = yield* sim.recordBooks("SOL_USDC")
  const sdk = yield* Layer.build(
    BackpackNode.layer({ host: sim.url, rateLimits: "unlimited", stream: { reconnectInitialDelay: "20 millis" } })
  )
  const books = yield* Effect.provide(OrderBook.OrderBook, sdk)
  const seen: Array<OrderBook.Book> = []
  yield* books.watch("SOL_USDC").pipe(
    Stream.runForEach((book) => Effect.sync(() => seen.push(book))),
    Effect.forkScoped
  )
  /** Waits up to 3 s for a book with at least `resyncs` resyncs. */
  const bookAfter = (resyncs: number) =>
    Effect.gen(function*() {
      for (let i = 0; i < 300; i++) {
        const book = seen.find((b) => b.resyncs >= resyncs)
        if (book !== undefined) return Option.some(book)
        yield* Effect.sleep("10 millis")
      }
      return Option.none<OrderBook.Book>()
    })
  return { sim, recording, seen, bookAfter }
})

describe("OrderBook.watch on a quiet market", () => {
  it.live("after a delta the book is there and equals the exchange's", () =>
    Effect.gen(function*() {
      const { recording, seen, sim } = yield* quiet
      // one activity step at a time until the subscription is live and a delta arrived
      for (let i = 0; i < 100 && seen.length === 0; i++) {
        yield* sim.runActivity(1)
        yield* Effect.sleep("30 millis")
      }
      const book = seen[0]!.toJSON()
      const exchange = Option.getOrThrow(yield* recording.at(book.lastUpdateId))
      const plain = (side: ReadonlyArray<readonly [string, string]>) => side.map(([p, q]) => [Number(p), Number(q)])
      expect([plain(book.bids), plain(book.asks)]).toEqual([plain(exchange.bids), plain(exchange.asks)])
      expect(book.bids.length).toBeGreaterThan(10)
    }).pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.Error)))

  it.live("a market with no depth event shows its book (the REST snapshot) at once", () =>
    Effect.gen(function*() {
      const { bookAfter } = yield* quiet
      expect(Option.isSome(yield* bookAfter(0))).toBe(true)
    }).pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.Error)))

  it.live("after a reconnect a quiet market shows its book again without waiting for a delta", () =>
    Effect.gen(function*() {
      const { bookAfter, seen, sim } = yield* quiet
      for (let i = 0; i < 100 && seen.length === 0; i++) {
        yield* sim.runActivity(1)
        yield* Effect.sleep("30 millis")
      }
      const last = seen[seen.length - 1]!.lastUpdateId
      expect(yield* sim.faults.disconnectWebSockets()).toBe(1)
      // nothing moves: the exchange's book is still the last one the consumer got, yet none comes
      const again = yield* bookAfter(1)
      expect(Option.map(again, (b) => b.lastUpdateId)).toEqual(Option.some(last))
    }).pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.Error)))
})

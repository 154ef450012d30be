/**
 * `pnpm --filter @effect-backpack/bench micro:watch`: the `OrderBook.watch` pipeline in process,
 * without a socket or JSON: `OrderBook.makeWith` fed with decoded `DepthEvent`s and a snapshot of
 * 1000+1000 levels, in chunks of 64 (a stream's chunks: one flush, so at most one new book, per
 * chunk); the consumer takes books until the final update id. Prints deltas per second and books
 * emitted.
 *
 * @since 0.1.0
 */
import { BackpackStream, Model, OrderBook } from "@effect-backpack/sdk"
import * as BigDecimal from "effect/BigDecimal"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { performance } from "node:perf_hooks"
import { prng } from "../Payloads.js"

const quick = process.argv.includes("--quick")
const deltas = quick ? 20_000 : 200_000
const rounds = quick ? 1 : 3

const random = prng(5)
const decodeEvent = Schema.decodeUnknownSync(BackpackStream.DepthEvent)
const level = (tick: number, quantity: number) => [(tick / 100).toFixed(2), (quantity / 100).toFixed(2)]
const events = Array.from({ length: deltas }, (_, i) => {
  const bid = random() < 0.5
  const offset = 1 + Math.floor(random() * 1200)
  const quantity = random() < 0.2 ? 0 : 1 + Math.floor(random() * 50_000)
  const entry = [level(bid ? 18_000 - offset : 18_001 + offset, quantity)]
  return decodeEvent({
    e: "depth",
    E: 1_753_000_000_000_000 + i,
    T: 1_753_000_000_000_000 + i,
    s: "SOL_USDC",
    U: i + 1,
    u: i + 1,
    a: bid ? [] : entry,
    b: bid ? entry : []
  })
})
const side = (from: number, step: number) =>
  Array.from(
    { length: 1000 },
    (_, i) => [BigDecimal.unsafeFromString(level(from + step * i, 100)[0]!), BigDecimal.make(100n, 2)] as const
  )
const snapshot = new Model.Depth({ bids: side(17_999, -1), asks: side(18_002, 1), lastUpdateId: 0n, timestamp: 0 })
const final = BigInt(deltas)

/**
 * The watch fed with the events in chunks of `size` (the depth stream's chunks: one flush, so at most
 * one new book, per chunk); the consumer takes books until the final update id.
 */
const run = (size: number) =>
  Effect.gen(function*() {
    const service = OrderBook.makeWith({
      depth: () =>
        Stream.fromChunks(...Chunk.chunksOf(Chunk.unsafeFromArray(events), size)).pipe(
          Stream.concat(Stream.never)
        ),
      snapshot: () => Effect.succeed(snapshot)
    })
    let emitted = 0
    const t0 = performance.now()
    const last = yield* service.watch("SOL_USDC").pipe(
      Stream.tap(() => Effect.sync(() => emitted++)),
      Stream.takeUntil((book) => book.lastUpdateId === final),
      Stream.runLast
    )
    const ms = performance.now() - t0
    const book = Option.getOrThrow(last)
    if (book.lastUpdateId !== final || book.isCrossed) throw new Error("watch did not reach the final book")
    return { ms, emitted }
  })

for (const size of [64]) {
  for (let r = 0; r < rounds; r++) {
    const { emitted, ms } = await Effect.runPromise(run(size))
    console.log(
      `watch in process, chunks of ${size}: ${deltas.toLocaleString("en-US")} deltas in ${ms.toFixed(0)} ms = ${
        Math.round(deltas / (ms / 1000)).toLocaleString("en-US")
      } deltas/s (${(ms * 1000 / deltas).toFixed(2)} µs a delta), ${emitted} books emitted (${
        (ms * 1000 / emitted).toFixed(2)
      } µs per book)`
    )
  }
}

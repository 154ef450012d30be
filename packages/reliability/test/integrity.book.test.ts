/**
 * Book integrity under faults (issue 12, item 4): `OrderBook.watch` on four markets, over real sockets
 * against the in-process simulator, while seeded activity moves every book and faults are injected one
 * kind at a time, then all together: sequence gaps (`depthGap`), corrupted and malformed frames, forced
 * reconnects, and bursts of activity under a slow consumer (a second client with a 16-event stream
 * buffer and a 1-book output: it is handed the newest book, nothing to resync). Every book either
 * client is handed is compared with the simulator's own book at the same sequence id
 * (`Simulator.recordBooks`): equal levels, never crossed. Each fault must have made the watchers it
 * concerns resync, and only those.
 */
import { Markets, OrderBook } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import type { Context } from "effect"
import { BigDecimal, Effect, Layer, Logger, LogLevel, Option, Stream } from "effect"

const symbols = ["SOL_USDC", "BTC_USDC", "ETH_USDC", "SOL_USDC_PERP"] as const
type Symbol = (typeof symbols)[number]

const norm = (s: string) => BigDecimal.format(BigDecimal.normalize(BigDecimal.unsafeFromString(s)))
const levels = (side: ReadonlyArray<readonly [string, string]>) => side.map(([p, q]) => `${norm(p)}@${norm(q)}`)

/** What one watcher saw. */
interface Watch {
  readonly client: "main" | "slow"
  readonly symbol: Symbol
  books: number
  resyncs: number
  lastUpdateId: bigint
  mismatches: Array<string>
}

const runScenario = Effect.scoped(Effect.gen(function*() {
  const sim = yield* Simulator.make({ seed: 12, rateLimits: false, demoAccount: false })
  const recordings = new Map<Symbol, Simulator.BookRecording>()
  for (const symbol of symbols) recordings.set(symbol, yield* sim.recordBooks(symbol))

  // background activity on every market (seeded makers and takers), paused while the end state is read
  let active = true
  yield* Effect.forkScoped(
    Effect.suspend(() => active ? sim.runActivity(1) : Effect.void).pipe(
      Effect.zipRight(Effect.sleep("10 millis")),
      Effect.forever
    )
  )

  const stream = { reconnectInitialDelay: "20 millis", reconnectMaxDelay: "50 millis" } as const
  const main = yield* Layer.build(BackpackNode.layer({ host: sim.url, rateLimits: "unlimited", stream }))
  const slow = yield* Layer.build(
    BackpackNode.layer({ host: sim.url, rateLimits: "unlimited", stream: { ...stream, bufferSize: 16 } })
  )

  const watches: Array<Watch> = []
  const watch = (client: Watch["client"], context: Context.Context<OrderBook.OrderBook>, symbol: Symbol) =>
    Effect.gen(function*() {
      const w: Watch = { client, symbol, books: 0, resyncs: 0, lastUpdateId: -1n, mismatches: [] }
      watches.push(w)
      const recording = recordings.get(symbol)!
      const books = yield* Effect.provide(OrderBook.OrderBook, context)
      yield* books.watch(symbol, client === "slow" ? { bufferSize: 1 } : {}).pipe(
        Stream.runForEach((book) =>
          Effect.gen(function*() {
            const mine = book.toJSON()
            const theirs = yield* recording.at(book.lastUpdateId)
            const label = `${client} ${symbol} at ${book.lastUpdateId}`
            if (book.isCrossed) w.mismatches.push(`${label}: crossed`)
            if (Option.isNone(theirs)) {
              w.mismatches.push(`${label}: the exchange never had a book with this id`)
            } else if (
              JSON.stringify([levels(mine.bids), levels(mine.asks)]) !==
                JSON.stringify([levels(theirs.value.bids), levels(theirs.value.asks)])
            ) {
              w.mismatches.push(`${label}: ${JSON.stringify(mine)} != ${JSON.stringify(theirs.value)}`)
            }
            w.books++
            w.resyncs = book.resyncs
            w.lastUpdateId = book.lastUpdateId
            // the second client's consumer is slow: it is handed the newest book each time it pulls
            if (client === "slow") yield* Effect.sleep("3 millis")
          })
        ),
        Effect.provide(context),
        Effect.forkScoped
      )
    })
  for (const symbol of symbols) {
    yield* watch("main", main, symbol)
    yield* watch("slow", slow, symbol)
  }

  const of = (client: Watch["client"]) => watches.filter((w) => w.client === client)
  const resyncsOf = (ws: ReadonlyArray<Watch>) => ws.map((w) => w.resyncs)
  /** Polls `done` while activity goes on; fails (naming `what`) after 15 s. */
  const until = (what: string, done: () => boolean) =>
    Effect.gen(function*() {
      for (let i = 0; i < 1500; i++) {
        if (done()) return
        yield* Effect.sleep("10 millis")
      }
      throw new Error(`${what}: not reached; ${JSON.stringify(watches.map(({ mismatches: _, ...w }) => w), replacer)}`)
    })
  /** Every watcher got books beyond its current count. */
  const progress = (what: string, n = 3) =>
    Effect.suspend(() => {
      const seen = watches.map((w) => w.books)
      return until(what, () => watches.every((w, i) => w.books >= seen[i]! + n))
    })

  yield* until("first books", () => watches.every((w) => w.books >= 5))
  const injected: Record<string, number> = {}
  const count = (fault: string) => void (injected[fault] = (injected[fault] ?? 0) + 1)

  // 1. a sequence gap on each market: exactly that market's watchers resync (both clients)
  for (const symbol of symbols) {
    const before = resyncsOf(watches)
    const mainBefore = resyncsOf(of("main"))
    yield* sim.faults.depthGap(symbol, 3)
    count("depthGap")
    yield* until(
      `resync after a gap in ${symbol}`,
      () => watches.filter((w) => w.symbol === symbol).every((w) => w.resyncs > before[watches.indexOf(w)]!)
    )
    yield* progress(`books after the gap in ${symbol}`)
    // the main client (large buffer) resyncs nowhere else
    expect(
      of("main").map((w, i) => w.symbol === symbol ? "gap" : w.resyncs - mainBefore[i]!),
      `main client after a gap in ${symbol}`
    ).toEqual(symbols.map((s) => s === symbol ? "gap" : 0))
  }

  // 2. corrupted frames (truncated JSON in place of the next depth frames): the lost delta is a resync
  for (let round = 0; round < 3; round++) {
    const before = resyncsOf(watches).reduce((a, b) => a + b, 0)
    yield* sim.faults.corruptNextFrames(2)
    count("corruptNextFrames(2)")
    yield* until("a resync after corrupted frames", () => resyncsOf(watches).reduce((a, b) => a + b, 0) > before)
    yield* progress("books after corrupted frames")
  }

  // 3. a malformed frame on top of the stream (nothing lost): books go on, still equal to the exchange
  for (let round = 0; round < 3; round++) {
    expect(yield* sim.faults.sendMalformedFrame()).toBeGreaterThanOrEqual(2)
    count("sendMalformedFrame")
    yield* progress("books after a malformed frame")
  }

  // 4. forced reconnects: every watcher of every client resyncs
  for (let round = 0; round < 3; round++) {
    const before = resyncsOf(watches)
    expect(yield* sim.faults.disconnectWebSockets()).toBeGreaterThanOrEqual(2)
    count("disconnectWebSockets")
    yield* until("every watcher resyncs after a reconnect", () => watches.every((w, i) => w.resyncs > before[i]!))
    yield* progress("books after a reconnect")
  }

  // 5. bursts of activity under a slow consumer: every delta is applied on the socket reader as it
  // arrives (since the watch pipeline of issue 8 there is no per-market buffer to overflow), so the slow
  // consumer of the second client is handed the newest book, equal to the exchange's, and no watcher
  // of either client has to resync
  for (let round = 0; round < 3; round++) {
    const before = resyncsOf(watches)
    yield* sim.runActivity(40)
    count("burst of 40 activity steps")
    yield* progress("books after a burst")
    expect(resyncsOf(watches), "a burst under a slow consumer needs no resync").toEqual(before)
  }

  // 6. everything together, several rounds
  for (let round = 0; round < 4; round++) {
    const before = resyncsOf(watches)
    yield* sim.faults.depthGap(symbols[round % symbols.length], 1 + round)
    yield* sim.faults.corruptNextFrames(1 + round)
    yield* sim.faults.sendMalformedFrame()
    yield* sim.runActivity(40)
    yield* sim.faults.disconnectWebSockets()
    for (const f of ["depthGap", `corruptNextFrames(${1 + round})`, "sendMalformedFrame", "burst", "reconnect"]) {
      count(`combined: ${f}`)
    }
    yield* until("every watcher resyncs after combined faults", () => watches.every((w, i) => w.resyncs > before[i]!))
    yield* progress("books after combined faults")
  }

  // the end: background activity stops; single activity steps until every watcher shows the exchange's
  // last sequence id (a watcher that resynced on a quiet market waits for the next delta, see
  // integrity.quiet.test.ts)
  active = false
  let caughtUp = false
  for (let nudge = 0; nudge < 50 && !caughtUp; nudge++) {
    yield* sim.runActivity(1)
    yield* Effect.sleep("100 millis")
    const last = yield* Effect.forEach(
      symbols,
      (symbol) => Effect.map(Markets.getDepth({ symbol, limit: "5" }), (d) => d.lastUpdateId).pipe(Effect.provide(main))
    )
    caughtUp = watches.every((w) => w.lastUpdateId === last[symbols.indexOf(w.symbol)])
  }
  expect(caughtUp, JSON.stringify(watches.map(({ mismatches: _, ...w }) => w), replacer)).toBe(true)
  const recorded = yield* Effect.forEach(symbols, (s) => recordings.get(s)!.recorded)
  return { watches, injected, recorded }
}))

const replacer = (_: string, v: unknown) => typeof v === "bigint" ? String(v) : v

describe("book integrity under faults", () => {
  it.live(
    "every book OrderBook.watch yields equals the exchange's at its sequence id, none crossed",
    () =>
      Effect.gen(function*() {
        // resyncs and reconnects are logged at Warning: counted here instead
        const { injected, recorded, watches } = yield* Logger.withMinimumLogLevel(runScenario, LogLevel.Error)
        expect(watches.flatMap((w) => w.mismatches).slice(0, 5)).toEqual([])
        for (const w of watches) {
          expect(w.books, `${w.client} ${w.symbol}`).toBeGreaterThan(50)
          // at least: 1 gap + 3 reconnects + 4 combined rounds
          expect(w.resyncs, `${w.client} ${w.symbol}`).toBeGreaterThanOrEqual(8)
        }
        expect(recorded.every((n) => n > 100)).toBe(true)
        if (process.env.INTEGRITY_TRACE) {
          console.log(JSON.stringify({ injected, recorded, watches }, replacer))
        }
      }),
    { timeout: 60_000 }
  )
})

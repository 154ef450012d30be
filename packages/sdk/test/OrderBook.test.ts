import { BackpackStream, Model, OrderBook } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import {
  BigDecimal,
  Cause,
  Chunk,
  Effect,
  Either,
  Exit,
  FastCheck as fc,
  Fiber,
  Layer,
  Logger,
  Option,
  Queue,
  Schema,
  Stream,
  TestClock
} from "effect"
import { eventually, FakeServer, isProbe, turns } from "./utils/fakeWs.js"
import { mockHttp, type Recorded, sdkLayer } from "./utils/mock.js"

const bookLayer = (server: FakeServer, http: ReturnType<typeof mockHttp>) =>
  OrderBook.layer.pipe(
    Layer.provideMerge(BackpackStream.layer({ reconnectInitialDelay: "10 millis" })),
    Layer.provideMerge(sdkLayer(http.layer)),
    Layer.provide(server.layer)
  )

const delta = (U: number, u: number, b: Array<[string, string]> = [], a: Array<[string, string]> = []) => ({
  e: "depth",
  E: "1759338824897386",
  T: String(1759338824895616 + u),
  s: "SOL_USDC",
  U,
  u,
  a,
  b
})

const snapshot = (lastUpdateId: number, bids: Array<[string, string]>, asks: Array<[string, string]>) => ({
  asks,
  bids,
  lastUpdateId: String(lastUpdateId),
  timestamp: 1753102447307501
})

/** A REST handler whose answers the test releases one by one. */
const gatedDepth = () => {
  const pending: Array<(body: unknown) => void> = []
  const http = mockHttp((_: Recorded) => new Promise((resolve) => pending.push((body) => resolve({ body }))))
  return {
    http,
    answer: (body: unknown) =>
      eventually(() => {
        const next = pending.shift()
        if (next === undefined) throw new Error("no snapshot request pending")
        next(body)
      })
  }
}

const depthRequests = (http: ReturnType<typeof mockHttp>) => http.requests.filter((r) => r.path === "/api/v1/depth")

const fmt = (levels: ReadonlyArray<OrderBook.Level>) =>
  levels.map(([p, q]) => [BigDecimal.format(p), BigDecimal.format(q)])

describe("OrderBook", () => {
  it.effect("syncs snapshot + deltas per §7.5: stale deltas dropped, straddling delta applied, zero deletes", () => {
    const server = new FakeServer()
    const { answer, http } = gatedDepth()
    return Effect.gen(function*() {
      const books = yield* OrderBook.OrderBook
      const seen: Array<OrderBook.Book> = []
      const fiber = yield* books.watch("SOL_USDC").pipe(
        Stream.tap((b) => Effect.sync(() => seen.push(b))),
        Stream.take(2),
        Stream.runCollect,
        Effect.fork
      )
      yield* eventually(() =>
        expect(server.sentExceptProbes).toEqual([{ method: "SUBSCRIBE", params: ["depth.SOL_USDC"] }])
      )
      server.push("depth.SOL_USDC", delta(96, 99, [["9.0", "5"]])) // stale: u <= 100
      server.push("depth.SOL_USDC", delta(100, 102, [["10.0", "0.000"], ["10.5", "2"]], [["11.0", "4"]]))
      yield* eventually(() => expect(depthRequests(http)).toHaveLength(1))
      const request = depthRequests(http)[0]!
      expect(request.method).toBe("GET")
      expect(request.query).toEqual({ symbol: "SOL_USDC", limit: "1000" })
      // the REST snapshot's bid order is not best-first in live data
      yield* answer(snapshot(100, [["9.5", "1"], ["10.0", "3"]], [["11.0", "1"], ["12.0", "2"]]))
      yield* eventually(() => expect(seen).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(103, 103, [], [["12.0", "0"], ["11.5", "1.5"]]))
      const [first, second] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(first!.lastUpdateId).toBe(102n)
      expect(fmt(first!.bids())).toEqual([["10.5", "2"], ["9.5", "1"]])
      expect(fmt(first!.asks())).toEqual([["11", "4"], ["12", "2"]])
      expect(second!.lastUpdateId).toBe(103n)
      expect(second!.timestamp).toBe(1759338824895616 + 103)
      expect(second!.toJSON()).toEqual({
        symbol: "SOL_USDC",
        lastUpdateId: "103",
        bids: [["10.5", "2"], ["9.5", "1"]],
        asks: [["11", "4"], ["11.5", "1.5"]]
      })
      expect(BigDecimal.format(Option.getOrThrow(second!.spread))).toBe("0.5")
      expect(BigDecimal.format(Option.getOrThrow(second!.mid))).toBe("10.75")
      expect(fmt(second!.asks(1))).toEqual([["11", "4"]])
      expect(BigDecimal.format(yield* second!.quantityAt("Ask", "11.50"))).toBe("1.5")
      expect(BigDecimal.format(second!.quantityAt("Ask", BigDecimal.unsafeFromString("11.5")))).toBe("1.5")
      expect(BigDecimal.format(yield* second!.quantityAt("Bid", "10"))).toBe("0")
      // a malformed string is a typed ValidationError, never a throw
      const bad = second!.quantityAt("Bid", "ten")
      expect(Either.isLeft(bad) && bad.left).toMatchObject({
        _tag: "ValidationError",
        operation: "OrderBook.Book.quantityAt",
        field: "price"
      })
      expect(Either.getLeft(second!.depthTo("Ask", "1,5"))).toMatchObject(
        Option.some({ _tag: "ValidationError", field: "price" })
      )
      expect(Either.getLeft(second!.depthWithin(" 0.05"))).toMatchObject(
        Option.some({ _tag: "ValidationError", field: "fraction" })
      )
      const band = Option.getOrThrow(yield* second!.depthWithin("0.05"))
      // mid 10.75: bids >= 10.2125, asks <= 11.2875
      expect(BigDecimal.format(band.bids.quantity)).toBe("2")
      expect(BigDecimal.format(band.asks.quantity)).toBe("4")
      expect(BigDecimal.format(band.asks.notional)).toBe("44")
      // the first version is untouched by the later update
      expect(fmt(first!.asks())).toEqual([["11", "4"], ["12", "2"]])
    }).pipe(Effect.provide(bookLayer(server, http)))
  })

  it.effect("a gap resyncs from a new snapshot; books before and after are consistent", () => {
    const server = new FakeServer()
    const { answer, http } = gatedDepth()
    return Effect.gen(function*() {
      const books = yield* OrderBook.OrderBook
      const seen: Array<OrderBook.Book> = []
      const fiber = yield* books.watch("SOL_USDC").pipe(
        Stream.tap((b) => Effect.sync(() => seen.push(b))),
        Stream.take(3),
        Stream.runCollect,
        Effect.fork
      )
      yield* eventually(() => expect(server.sentExceptProbes).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(11, 11, [["1.0", "1"]]))
      yield* answer(snapshot(10, [], [["2.0", "1"]]))
      yield* eventually(() => expect(seen).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(13, 14, [["1.5", "1"]])) // 12 is missing
      yield* eventually(() => expect(depthRequests(http)).toHaveLength(2))
      yield* answer(snapshot(14, [["1.0", "1"], ["1.5", "1"], ["1.2", "7"]], [["2.0", "1"]]))
      yield* eventually(() => expect(seen).toHaveLength(2))
      server.push("depth.SOL_USDC", delta(15, 15, [["1.2", "0"]]))
      const result = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      // nothing is emitted between the gap and the new snapshot; that snapshot covers the buffered delta
      // (u=14), so it is the book at 14, emitted at once; 15 follows it
      expect(result.map((b) => b.lastUpdateId)).toEqual([11n, 14n, 15n])
      expect(result.map((b) => b.resyncs)).toEqual([0, 1, 1])
      expect(fmt(result[0]!.bids())).toEqual([["1", "1"]])
      expect(fmt(result[1]!.bids())).toEqual([["1.5", "1"], ["1.2", "7"], ["1", "1"]])
      expect(fmt(result[2]!.bids())).toEqual([["1.5", "1"], ["1", "1"]])
    }).pipe(Effect.provide(bookLayer(server, http)))
  })

  it.effect("a snapshot newer than every buffered delta is emitted at once; the next delta may straddle it", () => {
    const server = new FakeServer()
    const { answer, http } = gatedDepth()
    return Effect.gen(function*() {
      const books = yield* OrderBook.OrderBook
      const seen: Array<OrderBook.Book> = []
      const fiber = yield* books.watch("SOL_USDC").pipe(
        Stream.tap((b) => Effect.sync(() => seen.push(b))),
        Stream.take(2),
        Stream.runCollect,
        Effect.fork
      )
      yield* eventually(() => expect(server.sentExceptProbes).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(40, 41, [["1.0", "1"]]))
      yield* answer(snapshot(43, [["1.0", "1"], ["0.9", "2"]], [["2.0", "1"]])) // covers u=41; market quiet
      // the quiet market's book is there without waiting for another delta
      yield* eventually(() => expect(seen.map((b) => b.lastUpdateId)).toEqual([43n]))
      expect(fmt(seen[0]!.bids())).toEqual([["1", "1"], ["0.9", "2"]])
      // a delta spanning the snapshot (U=42 <= 44 <= u=45) continues it (§7.5)
      server.push("depth.SOL_USDC", delta(42, 45, [["0.9", "0"]], [["1.9", "3"]]))
      const result = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(result.map((b) => b.lastUpdateId)).toEqual([43n, 45n])
      expect(result.map((b) => b.resyncs)).toEqual([0, 0])
      expect(fmt(result[1]!.bids())).toEqual([["1", "1"]])
      expect(fmt(result[1]!.asks())).toEqual([["1.9", "3"], ["2", "1"]])
      expect(depthRequests(http)).toHaveLength(1)
    }).pipe(Effect.provide(bookLayer(server, http)))
  })

  it.effect("a snapshot older than the buffered deltas is fetched again", () => {
    const server = new FakeServer()
    const { answer, http } = gatedDepth()
    return Effect.gen(function*() {
      const books = yield* OrderBook.OrderBook
      const fiber = yield* books.watch("SOL_USDC", { refetchDelay: "5 millis" }).pipe(
        Stream.take(1),
        Stream.runCollect,
        Effect.fork
      )
      yield* eventually(() => expect(server.sentExceptProbes).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(200, 201, [["5", "1"]]))
      yield* answer(snapshot(150, [["4", "1"]], [])) // U=200 > 151: too old
      // asked again after the refetch delay, on the clock
      yield* turns(5)
      expect(depthRequests(http)).toHaveLength(1)
      yield* TestClock.adjust("5 millis")
      yield* eventually(() => expect(depthRequests(http)).toHaveLength(2))
      yield* answer(snapshot(200, [["4", "1"]], [["6", "1"]]))
      const [book] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(book!.lastUpdateId).toBe(201n)
      expect(fmt(book!.bids())).toEqual([["5", "1"], ["4", "1"]])
    }).pipe(Effect.provide(bookLayer(server, http)))
  })

  const logs: Array<[string, unknown]> = []
  const capture = Logger.make(({ logLevel, message }) => {
    logs.push([logLevel.label, Array.isArray(message) ? message[0] : message])
  })

  it.effect("a reconnect, a crossed update and an undecodable depth frame each force a resync", () => {
    const server = new FakeServer()
    const { answer, http } = gatedDepth()
    return Effect.gen(function*() {
      const books = yield* OrderBook.OrderBook
      const seen: Array<OrderBook.Book> = []
      yield* books.watch("SOL_USDC").pipe(Stream.runForEach((b) => Effect.sync(() => seen.push(b))), Effect.fork)
      yield* eventually(() => expect(server.sentExceptProbes).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(1, 1, [["1", "1"]]))
      yield* answer(snapshot(0, [], [["2", "1"]]))
      yield* eventually(() => expect(seen).toHaveLength(1))
      // 1. reconnect (after the 10 ms ± 50% backoff)
      server.current!.drop()
      const ws = yield* BackpackStream.BackpackStream
      yield* eventually(() => expect(Effect.runSync(ws.status.get)._tag).toBe("Reconnecting"))
      yield* TestClock.adjust("15 millis")
      yield* eventually(() => expect(server.sockets[1]?.sent.filter((f) => !isProbe(f))).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(5, 5, [["1", "2"]]))
      yield* eventually(() => expect(depthRequests(http)).toHaveLength(2))
      yield* answer(snapshot(4, [["1", "1"]], [["2", "1"]]))
      yield* eventually(() => expect(seen).toHaveLength(2))
      expect(seen[1]!.resyncs).toBe(1)
      expect(logs).toContainEqual(["WARN", "OrderBook SOL_USDC: resync (reconnected (1))"])
      // 2. an update crossing the book
      server.push("depth.SOL_USDC", delta(6, 6, [["2.5", "1"]]))
      server.push("depth.SOL_USDC", delta(7, 7, [["0.5", "1"]]))
      yield* eventually(() => expect(depthRequests(http)).toHaveLength(3))
      yield* answer(snapshot(7, [["1", "2"], ["0.5", "1"]], [["2", "1"]]))
      yield* eventually(() => expect(seen.length).toBe(2))
      server.push("depth.SOL_USDC", delta(8, 8, [["0.75", "1"]]))
      yield* eventually(() => expect(seen).toHaveLength(3))
      expect(seen[2]!.resyncs).toBe(2)
      expect(seen.every((b) => !b.isCrossed)).toBe(true)
      // 3. an undecodable depth frame (a lost update for all we know)
      server.push("depth.SOL_USDC", { ...delta(9, 9), a: "garbage" })
      yield* eventually(() => expect(server.sentExceptProbes.filter((f) => f.method === "UNSUBSCRIBE")).toHaveLength(1))
      // re-subscribes after the refetch delay (100 ms)
      yield* TestClock.adjust("100 millis")
      yield* eventually(() => expect(server.sentExceptProbes.filter((f) => f.method === "SUBSCRIBE")).toHaveLength(3))
      server.push("depth.SOL_USDC", delta(10, 10, [["0.9", "1"]]))
      yield* eventually(() => expect(depthRequests(http)).toHaveLength(4))
      yield* answer(snapshot(9, [["1", "2"]], [["2", "1"]]))
      yield* eventually(() => expect(seen).toHaveLength(4))
      expect(seen[3]!.resyncs).toBe(3)
      expect(seen[3]!.toJSON().bids).toEqual([["1", "2"], ["0.9", "1"]])
    }).pipe(Effect.provide(bookLayer(server, http)), Effect.provide(Logger.replace(Logger.defaultLogger, capture)))
  })

  it.effect("a BufferOverflow of the depth consumer re-subscribes and resyncs", () =>
    Effect.gen(function*() {
      const decode = Schema.decodeUnknownSync(Model.DepthEvent)
      let subscriptions = 0
      const service = OrderBook.makeWith({
        depth: () => {
          subscriptions++
          return subscriptions === 1
            ? Stream.concat(
              Stream.make(decode(delta(1, 1, [["1", "1"]]))),
              Stream.fail(new Model.BufferOverflow({ stream: "depth.SOL_USDC", capacity: 1 }))
            )
            : Stream.make(decode(delta(3, 3, [["1.5", "2"]]))).pipe(Stream.concat(Stream.never))
        },
        snapshot: () =>
          Effect.succeed(
            new Model.Depth({
              asks: [[BigDecimal.unsafeFromString("2"), BigDecimal.unsafeFromString("1")]],
              bids: [[BigDecimal.unsafeFromString("1"), BigDecimal.unsafeFromString("1")]],
              lastUpdateId: subscriptions < 2 ? 0n : 2n,
              timestamp: 0
            })
          )
      })
      const fiber = yield* service.watch("SOL_USDC").pipe(
        Stream.filter((book) => book.lastUpdateId === 3n),
        Stream.take(1),
        Stream.runCollect,
        Effect.fork
      )
      // the re-subscription waits the refetch delay (100 ms) on the clock
      yield* turns(5)
      expect(subscriptions).toBe(1)
      yield* TestClock.adjust("100 millis")
      const books = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(subscriptions).toBe(2)
      // resynced after the overflow (once more if the quiet-market snapshot came before the new subscription's
      // first delta): the book is the exchange's at 3
      expect(books.map((b) => b.lastUpdateId)).toEqual([3n])
      expect(books[0]!.resyncs).toBeGreaterThanOrEqual(1)
      expect(books[0]!.toJSON().bids).toEqual([["1.5", "2"], ["1", "1"]])
    }))

  it.effect("a quiet market (no delta at all) shows its snapshot after the refetch delay; the next delta continues it", () =>
    Effect.gen(function*() {
      const decode = Schema.decodeUnknownSync(Model.DepthEvent)
      const deltas = yield* Queue.unbounded<Model.DepthEvent>()
      const service = OrderBook.makeWith({
        depth: () => Stream.fromQueue(deltas),
        snapshot: () =>
          Effect.succeed(
            new Model.Depth({
              asks: [[BigDecimal.unsafeFromString("2"), BigDecimal.unsafeFromString("1")]],
              bids: [[BigDecimal.unsafeFromString("1"), BigDecimal.unsafeFromString("1")]],
              lastUpdateId: 5n,
              timestamp: 0
            })
          )
      })
      const books = yield* Queue.unbounded<OrderBook.Book>()
      yield* service.watch("SOL_USDC").pipe(Stream.runForEach((b) => Queue.offer(books, b)), Effect.forkScoped)
      yield* turns(5)
      expect(yield* Queue.size(books)).toBe(0)
      // no delta within the refetch delay (100 ms): the snapshot is taken and shown
      yield* TestClock.adjust("100 millis")
      const first = yield* Queue.take(books)
      expect([first.lastUpdateId, first.resyncs, first.toJSON().bids, first.toJSON().asks]).toEqual([
        5n,
        0,
        [["1", "1"]],
        [["2", "1"]]
      ])
      // a delta straddling the snapshot's id continues it (§7.5)
      yield* Queue.offer(deltas, decode(delta(5, 6, [["1.5", "3"]])))
      const next = yield* Queue.take(books)
      expect([next.lastUpdateId, next.resyncs, next.toJSON().bids]).toEqual([6n, 0, [["1.5", "3"], ["1", "1"]]])
    }).pipe(Effect.scoped))

  it.effect("a defect in the snapshot fetcher ends the stream instead of hanging it", () =>
    Effect.gen(function*() {
      const decode = Schema.decodeUnknownSync(Model.DepthEvent)
      const service = OrderBook.makeWith({
        depth: () => Stream.make(decode(delta(1, 1, [["1", "1"]]))).pipe(Stream.concat(Stream.never)),
        snapshot: () => Effect.die(new Error("snapshot bug"))
      })
      const exit = yield* service.watch("SOL_USDC").pipe(Stream.runCollect, Effect.exit)
      expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
    }))

  it.effect("a failing snapshot fails the stream with the typed error", () => {
    const server = new FakeServer()
    const http = mockHttp(() => ({ status: 400, body: { code: "INVALID_SYMBOL", message: "Invalid symbol" } }))
    return Effect.gen(function*() {
      const books = yield* OrderBook.OrderBook
      const fiber = yield* books.watch("SOL_USDC").pipe(Stream.runCollect, Effect.flip, Effect.fork)
      yield* eventually(() => expect(server.sentExceptProbes).toHaveLength(1))
      server.push("depth.SOL_USDC", delta(1, 1))
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "ApiError", status: 400, code: "INVALID_SYMBOL" })
    }).pipe(Effect.provide(bookLayer(server, http)))
  })

  // ---------------------------------------------------------------------------------------------
  // property: the tree-backed book matches a naive reference
  // ---------------------------------------------------------------------------------------------

  const decodeDepth = Schema.decodeUnknownSync(Model.DepthEvent)

  /** Naive reference: a map keyed by the normalized price, sorted at read time. */
  const reference = () => {
    const bids = new Map<string, [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>()
    const asks = new Map<string, [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>()
    const key = (p: BigDecimal.BigDecimal) => BigDecimal.format(BigDecimal.normalize(p))
    const set = (side: typeof bids, levels: ReadonlyArray<readonly [string, string]>) => {
      for (const [p, q] of levels) {
        const price = BigDecimal.unsafeFromString(p)
        const quantity = BigDecimal.unsafeFromString(q)
        if (BigDecimal.isZero(quantity)) side.delete(key(price))
        else side.set(key(price), [price, quantity])
      }
    }
    const sorted = (side: typeof bids, descending: boolean) =>
      Array.from(side.values())
        .sort(([a], [b]) => (descending ? -1 : 1) * BigDecimal.Order(a, b))
        .map(([p, q]) => [BigDecimal.format(BigDecimal.normalize(p)), BigDecimal.format(BigDecimal.normalize(q))])
    return { set, bids: () => sorted(bids, true), asks: () => sorted(asks, false), bidMap: bids, askMap: asks }
  }

  const price = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.constantFrom(0, 1, 2, 3)).map(([units, extra]) => {
    // the same price spelled with various scales: "1.5", "1.50", "1.500"
    const text = (units / 2).toFixed(1)
    return extra === 0 ? text : text + "0".repeat(extra)
  })
  const quantity = fc.oneof(
    fc.constantFrom("0", "0.000", "0.00000"),
    fc.integer({ min: 1, max: 100_000 }).map((n) => (n / 1000).toFixed(3))
  )
  const levels = fc.array(fc.tuple(price, quantity), { maxLength: 8 })

  it.prop("random delta sequences applied to the book match a naive reference", [
    fc.array(fc.tuple(levels, levels), { minLength: 1, maxLength: 60 })
  ], ([updates]) => {
    const ref = reference()
    let book = OrderBook.fromSnapshot(
      "SOL_USDC",
      new Model.Depth({ asks: [], bids: [], lastUpdateId: 0n, timestamp: 0 })
    )
    const versions: Array<[OrderBook.Book, ReturnType<OrderBook.Book["toJSON"]>]> = []
    updates.forEach(([b, a], i) => {
      ref.set(ref.bidMap, b)
      ref.set(ref.askMap, a)
      book = book.apply(decodeDepth(delta(i + 1, i + 1, b, a)))
      const json = book.toJSON()
      expect(json.bids).toEqual(ref.bids())
      expect(json.asks).toEqual(ref.asks())
      expect(book.bidLevels).toBe(ref.bidMap.size)
      expect(book.askLevels).toBe(ref.askMap.size)
      const best = ref.bids()[0]
      expect(Option.map(book.bestBid, ([p]) => BigDecimal.format(BigDecimal.normalize(p)))).toEqual(
        best === undefined ? Option.none() : Option.some(best[0])
      )
      versions.push([book, json])
    })
    // every version handed out is immutable
    for (const [version, json] of versions) expect(version.toJSON()).toEqual(json)
  })

  // ---------------------------------------------------------------------------------------------
  // property: whatever the stream loses (dropped messages, reconnects) and however late the snapshot,
  // every book `watch` emits equals the exchange's book at that update id
  // ---------------------------------------------------------------------------------------------

  type Update = {
    readonly bids: ReadonlyArray<readonly [string, string]>
    readonly asks: ReadonlyArray<readonly [string, string]>
  }

  const bidPrice = fc.integer({ min: 2, max: 20 }).map((n) => (n / 2).toFixed(2)) // 1.00 .. 10.00
  const askPrice = fc.integer({ min: 21, max: 40 }).map((n) => (n / 2).toFixed(1)) // 10.5 .. 20.0
  const update: fc.Arbitrary<Update> = fc.record({
    bids: fc.array(fc.tuple(bidPrice, quantity), { maxLength: 4 }),
    asks: fc.array(fc.tuple(askPrice, quantity), { maxLength: 4 })
  })
  const scenario = fc.record({
    updates: fc.array(update, { minLength: 1, maxLength: 40 }),
    // per message: how many updates it coalesces, whether it is lost, whether a reconnect precedes it
    messages: fc.array(
      fc.record({ span: fc.integer({ min: 1, max: 3 }), lost: fc.boolean(), reconnect: fc.boolean() }),
      {
        minLength: 40,
        maxLength: 40
      }
    ),
    lossRate: fc.integer({ min: 0, max: 4 }),
    lag: fc.integer({ min: 0, max: 3 })
  })

  it("every emitted book equals the exchange's book at its update id (random losses, reconnects, lagging snapshots)", async () => {
    let books = 0
    let resynced = 0
    await fc.assert(
      fc.asyncProperty(scenario, async ({ lag, lossRate, messages, updates }) => {
        // the exchange: the book after each update id
        const states: Array<ReturnType<typeof reference>> = []
        const exchange = reference()
        states.push(reference())
        for (const u of updates) {
          exchange.set(exchange.bidMap, u.bids)
          exchange.set(exchange.askMap, u.asks)
          const copy = reference()
          copy.set(copy.bidMap, exchange.bids() as Array<[string, string]>)
          copy.set(copy.askMap, exchange.asks() as Array<[string, string]>)
          states.push(copy)
        }
        // the stream: coalesced messages, some lost (lossRate/8 of the flagged ones), reconnect markers
        const items: Array<Model.DepthEvent | Model.Resubscribed> = []
        let id = 1
        let m = 0
        while (id <= updates.length) {
          const spec = messages[m++ % messages.length]!
          const last = Math.min(updates.length, id + spec.span - 1)
          const bids = new Map<string, string>()
          const asks = new Map<string, string>()
          for (let k = id; k <= last; k++) {
            for (const [p, q] of updates[k - 1]!.bids) bids.set(p, q)
            for (const [p, q] of updates[k - 1]!.asks) asks.set(p, q)
          }
          if (spec.reconnect && m % 5 === 0) {
            items.push(new Model.Resubscribed({ stream: "depth.SOL_USDC", reconnects: m }))
          }
          if (!(spec.lost && m % 8 < lossRate)) items.push(decodeDepth(delta(id, last, [...bids], [...asks])))
          id = last + 1
        }
        let progress = 0
        const service = OrderBook.makeWith({
          depth: () =>
            Stream.fromIterable(items).pipe(
              Stream.tap((item) =>
                Effect.zipRight(
                  Effect.sync(() => {
                    if (!BackpackStream.isResubscribed(item)) progress = Number(item.lastUpdateId)
                  }),
                  Effect.yieldNow()
                )
              ),
              // let a snapshot in flight land before the source ends
              Stream.concat(Stream.fromEffect(Effect.sleep("2 millis")).pipe(Stream.drain))
            ),
          snapshot: () =>
            Effect.sync(() => {
              const at = Math.max(0, progress - lag)
              const state = states[at]!
              const level = ([p, q]: Array<string>) =>
                [BigDecimal.unsafeFromString(p!), BigDecimal.unsafeFromString(q!)] as const
              return new Model.Depth({
                bids: state.bids().map(level),
                asks: state.asks().map(level),
                lastUpdateId: BigInt(at),
                timestamp: 0
              })
            })
        })
        const emitted = await Effect.runPromise(
          service.watch("SOL_USDC", { refetchDelay: "1 millis", bufferSize: 1000 }).pipe(
            Stream.runCollect,
            Effect.map(Chunk.toReadonlyArray)
          )
        )
        books += emitted.length
        resynced += emitted.filter((b) => b.resyncs > 0).length
        for (const book of emitted) {
          const truth = states[Number(book.lastUpdateId)]!
          expect(book.toJSON().bids).toEqual(truth.bids())
          expect(book.toJSON().asks).toEqual(truth.asks())
          expect(book.isCrossed).toBe(false)
        }
        // update ids never go backwards
        for (let i = 1; i < emitted.length; i++) {
          expect(emitted[i]!.lastUpdateId).toBeGreaterThan(emitted[i - 1]!.lastUpdateId)
        }
      }),
      { numRuns: 150 }
    )
    // the scenarios really exercise the book: many versions, many of them after a resync
    expect(books).toBeGreaterThan(60)
    expect(resynced).toBeGreaterThan(3)
  })
})

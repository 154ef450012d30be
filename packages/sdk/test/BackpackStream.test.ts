import { Backpack, BackpackClient, BackpackConfig, BackpackStream, OrderBook, Signer } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { ed25519 } from "@noble/curves/ed25519.js"
import {
  BigDecimal,
  Chunk,
  Deferred,
  Effect,
  Either,
  Exit,
  Fiber,
  Layer,
  Logger,
  Redacted,
  Ref,
  Scope,
  Stream,
  TestClock
} from "effect"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { eventually, FakeServer, turns } from "./utils/fakeWs.js"
import { demoPublicKey, demoSecret, mockHttp, sdkLayer } from "./utils/mock.js"

const streamLayer = (
  server: FakeServer,
  options: BackpackStream.Options = {},
  credentials: { readonly secret?: boolean } = { secret: true },
  config: BackpackConfig.Options = {}
) =>
  BackpackStream.layer({ reconnectInitialDelay: "20 millis", ...options }).pipe(
    Layer.provide(credentials.secret === false ? Signer.layerNone : Signer.layer),
    Layer.provide(
      BackpackConfig.layer({
        wsUrl: "ws://fake.test",
        ...config,
        ...(credentials.secret === false ? {} : { apiSecret: Redacted.make(demoSecret) })
      })
    ),
    Layer.provide(server.layer),
    Layer.orDie
  )

const depthData = (U: number, u: number, b: Array<[string, string]> = [], a: Array<[string, string]> = []) => ({
  e: "depth",
  E: "1759338824897386",
  T: "1759338824895616",
  s: "SOL_USDC",
  U,
  u,
  a,
  b
})

const tickerData = (c: string) => ({
  e: "ticker",
  E: 1694687692980000,
  s: "SOL_USDC",
  o: "18.75",
  c,
  h: "19.80",
  l: "18.50",
  v: "32123",
  V: "928190",
  n: 93828
})

const subscribes = (server: FakeServer) => server.sent.filter((f) => f.method === "SUBSCRIBE")
const subscribedNames = (server: FakeServer) => subscribes(server).flatMap((f) => f.params as Array<string>).sort()
const unsubscribes = (server: FakeServer) => server.sent.filter((f) => f.method === "UNSUBSCRIBE")

describe("BackpackStream", () => {
  it.effect("consumers of one stream share one SUBSCRIBE; the last to leave sends UNSUBSCRIBE", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const first = yield* Deferred.make<void>()
      const a = yield* ws.ticker("SOL_USDC").pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      const b = yield* ws.ticker("SOL_USDC").pipe(
        Stream.tap(() => Deferred.succeed(first, undefined)),
        Stream.take(2),
        Stream.runCollect,
        Effect.fork
      )
      yield* eventually(() =>
        expect(subscribes(server)).toEqual([{ method: "SUBSCRIBE", params: ["ticker.SOL_USDC"] }])
      )
      yield* eventually(() => expect(server.current!.readyState).toBe(1))
      yield* eventually(() => expect(yield_(ws.subscriptions)).toEqual(["ticker.SOL_USDC"]))
      server.push("ticker.SOL_USDC", tickerData("19.10"))
      const gotA = yield* Fiber.join(a)
      expect(Chunk.toReadonlyArray(gotA).map((t) => BigDecimal.format(t.lastPrice))).toEqual(["19.1"])
      yield* Deferred.await(first)
      // one consumer left: still subscribed
      expect(unsubscribes(server)).toEqual([])
      server.push("ticker.SOL_USDC", tickerData("19.20"))
      const gotB = yield* Fiber.join(b)
      expect(Chunk.toReadonlyArray(gotB).map((t) => BigDecimal.format(t.lastPrice))).toEqual(["19.1", "19.2"])
      yield* eventually(() =>
        expect(unsubscribes(server)).toEqual([{ method: "UNSUBSCRIBE", params: ["ticker.SOL_USDC"] }])
      )
      expect(subscribes(server)).toHaveLength(1)
      expect(server.sockets).toHaveLength(1)
      expect(yield* ws.subscriptions).toEqual([])
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("no socket is opened before the first subscription; a bad name is a ValidationError", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      expect((yield* SubscriptionRef.get(ws.status))._tag).toBe("Idle")
      const bad = yield* ws.subscribe("depth.not a symbol").pipe(Stream.runCollect, Effect.flip)
      expect(bad._tag).toBe("ValidationError")
      expect(bad.message).toContain("stream")
      const unknown = yield* ws.subscribe("bogus.SOL_USDC").pipe(Stream.runCollect, Effect.flip)
      expect(unknown._tag).toBe("ValidationError")
      const interval = yield* ws.subscribe("kline.7m.SOL_USDC").pipe(Stream.runCollect, Effect.flip)
      expect(interval._tag).toBe("ValidationError")
      expect(server.sockets).toHaveLength(0)
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("private streams without an API secret fail with AuthenticationError and send nothing", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const error = yield* ws.orderUpdates().pipe(Stream.runCollect, Effect.flip)
      expect(error._tag).toBe("AuthenticationError")
      expect(server.sockets).toHaveLength(0)
    }).pipe(Effect.provide(streamLayer(server, {}, { secret: false })))
  })

  it.effect("private subscribe is signed over instruction=subscribe&timestamp&window", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const now = 1_754_939_110_000
      yield* TestClock.setTime(now)
      const fiber = yield* ws.orderUpdates("SOL_USDC").pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      const frame = yield* eventually(() => {
        const found = subscribes(server)[0]
        expect(found).toBeDefined()
        return found
      })
      expect(frame.params).toEqual(["account.orderUpdate.SOL_USDC"])
      const [key, signature, timestamp, window] = frame.signature
      expect(key).toBe(demoPublicKey)
      expect(window).toBe("5000")
      // the signed timestamp is the Clock's (here the TestClock's), so it is exact
      expect(timestamp).toBe(String(now))
      const message = Signer.signingString({ instruction: "subscribe", timestamp: Number(timestamp), window: 5000 })
      expect(message).toBe(`instruction=subscribe&timestamp=${timestamp}&window=5000`)
      expect(
        ed25519.verify(
          Buffer.from(signature, "base64"),
          new TextEncoder().encode(message),
          Buffer.from(demoPublicKey, "base64")
        )
      ).toBe(true)
      server.push("account.orderUpdate.SOL_USDC", {
        E: "1754939110175879",
        L: "4299.16",
        N: "ETH",
        O: "USER",
        Q: "4.30",
        S: "Bid",
        T: "1754939110174705",
        V: "RejectTaker",
        X: "Filled",
        Z: "4.299160",
        e: "orderFill",
        f: "GTC",
        i: "5406825793",
        l: "0.0010",
        m: false,
        n: "0.000001",
        o: "MARKET",
        q: "0.0010",
        r: false,
        s: "SOL_USDC",
        t: 2888471,
        z: "0.0010"
      })
      const [update] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(update!.eventType).toBe("orderFill")
      expect(update!.orderId).toBe("5406825793")
      expect(update!.tradeId).toBe("2888471")
      expect(update!.orderType).toBe("Market")
      expect(update!.status).toBe("Filled")
      expect(BigDecimal.format(update!.fillPrice!)).toBe("4299.16")
      expect(BigDecimal.format(update!.executedQuantity!)).toBe("0.001")
      // private unsubscribe carries a signature too
      const unsub = yield* eventually(() => {
        const found = unsubscribes(server)[0]
        expect(found).toBeDefined()
        return found
      })
      expect(unsub.params).toEqual(["account.orderUpdate.SOL_USDC"])
      expect(unsub.signature).toHaveLength(4)
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("signed subscriptions use the REST client's server clock offset when it is wired", () => {
    const server = new FakeServer()
    const http = mockHttp(() => ({ body: {} }))
    return Effect.gen(function*() {
      const client = yield* BackpackClient.BackpackClient
      yield* TestClock.setTime(1_754_939_110_000)
      yield* Ref.set(client.clockOffset, 3_600_000)
      const ws = yield* BackpackStream.BackpackStream
      yield* ws.positionUpdates().pipe(Stream.runDrain, Effect.fork)
      const frame = yield* eventually(() => {
        const found = subscribes(server)[0]
        expect(found).toBeDefined()
        return found
      })
      expect(frame.signature[2]).toBe(String(1_754_939_110_000 + 3_600_000))
    }).pipe(
      Effect.provide(
        BackpackStream.layer().pipe(Layer.provideMerge(sdkLayer(http.layer)), Layer.provide(server.layer))
      )
    )
  })

  it.effect("Backpack.withStreams adds BackpackStream and OrderBook to the portable wiring", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      yield* OrderBook.OrderBook
      yield* ws.ticker("SOL_USDC").pipe(Stream.runDrain, Effect.fork)
      yield* eventually(() => expect(server.sockets.map((s) => s.url)).toEqual(["ws://portable.test"]))
      yield* eventually(() =>
        expect(subscribes(server)).toEqual([{ method: "SUBSCRIBE", params: ["ticker.SOL_USDC"] }])
      )
    }).pipe(
      Effect.provide(
        Backpack.withStreams(Backpack.layer({ wsUrl: "ws://portable.test" }), { webSocket: server.layer }).pipe(
          Layer.orDie
        )
      )
    )
  })

  const logs: Array<[string, unknown]> = []
  const capture = Logger.make(({ logLevel, message }) => {
    logs.push([logLevel.label, Array.isArray(message) ? message[0] : message])
  })

  it.effect("reconnects after a server drop: streams continue, everything is resubscribed, private re-signed", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const statuses: Array<string> = []
      yield* ws.status.changes.pipe(
        Stream.runForEach((s) => Effect.sync(() => statuses.push(s._tag === "Open" ? `Open${s.connection}` : s._tag))),
        Effect.fork
      )
      const depth = yield* ws.depth("SOL_USDC").pipe(Stream.take(3), Stream.runCollect, Effect.fork)
      const orders = yield* ws.orderUpdates().pipe(Stream.runDrain, Effect.fork)
      yield* eventually(() => expect(subscribes(server)).toHaveLength(2))
      const firstPrivate = subscribes(server).find((f) => f.signature !== undefined)!
      server.push("depth.SOL_USDC", depthData(10, 12, [["100.0", "1"]]))
      server.current!.drop()
      yield* eventually(() => expect(yield_(SubscriptionRef.get(ws.status))._tag).toBe("Reconnecting"))
      // the first reconnect waits 20 ms ± 50%: not before 10 ms, at the latest after 30 ms
      yield* TestClock.adjust("9 millis")
      yield* turns(5)
      expect(server.sockets).toHaveLength(1)
      yield* TestClock.adjust("21 millis")
      yield* eventually(() => expect(server.sockets).toHaveLength(2))
      yield* eventually(() => expect(server.sockets[1]!.sent).toHaveLength(2))
      const again = server.sockets[1]!.sent
      expect(again[0]).toEqual({ method: "SUBSCRIBE", params: ["depth.SOL_USDC"] })
      expect(again[1].params).toEqual(["account.orderUpdate"])
      expect(Number(again[1].signature[2])).toBeGreaterThan(Number(firstPrivate.signature[2]))
      expect(again[1].signature[1]).not.toBe(firstPrivate.signature[1])
      server.push("depth.SOL_USDC", depthData(20, 21, [], [["101.0", "2"]]))
      const items = Chunk.toReadonlyArray(yield* Fiber.join(depth))
      expect(items.map((i) => BackpackStream.isResubscribed(i) ? "marker" : `${i.firstUpdateId}-${i.lastUpdateId}`))
        .toEqual([
          "10-12",
          "marker",
          "20-21"
        ])
      yield* Fiber.interrupt(orders)
      expect(statuses.slice(0, 5)).toEqual(["Idle", "Connecting", "Open1", "Reconnecting", "Open2"])
      // the loss and the reconnect are logged above Debug, with the reason
      expect(logs).toContainEqual([
        "WARN",
        "BackpackStream: connection lost (closed by the server); reconnect attempt 1"
      ])
      expect(logs).toContainEqual(["INFO", "BackpackStream: reconnected (connection 2)"])
    }).pipe(Effect.provide(streamLayer(server)), Effect.provide(Logger.replace(Logger.defaultLogger, capture)))
  })

  it.effect("only consumers served by the lost connection get the Resubscribed marker", () => {
    const server = new FakeServer()
    server.autoOpen = false
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const early = yield* ws.depth("SOL_USDC").pipe(Stream.take(2), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(server.sockets).toHaveLength(1))
      server.sockets[0]!.open()
      yield* eventually(() => expect(server.sockets[0]!.sent).toHaveLength(1))
      server.sockets[0]!.drop()
      yield* eventually(() => expect(yield_(SubscriptionRef.get(ws.status))._tag).toBe("Reconnecting"))
      yield* TestClock.adjust("30 millis")
      yield* eventually(() => expect(server.sockets).toHaveLength(2))
      // joins while disconnected: it has missed nothing
      const late = yield* ws.depth("SOL_USDC").pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* turns(5)
      server.sockets[1]!.open()
      yield* eventually(() =>
        expect(server.sockets[1]!.sent).toEqual([{ method: "SUBSCRIBE", params: ["depth.SOL_USDC"] }])
      )
      server.push("depth.SOL_USDC", depthData(7, 8))
      const label = (i: BackpackStream.DepthEvent | BackpackStream.Resubscribed) =>
        BackpackStream.isResubscribed(i) ? `marker${i.reconnects}` : `${i.firstUpdateId}-${i.lastUpdateId}`
      expect(Chunk.toReadonlyArray(yield* Fiber.join(early)).map(label)).toEqual(["marker1", "7-8"])
      expect(Chunk.toReadonlyArray(yield* Fiber.join(late)).map(label)).toEqual(["7-8"])
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("closing the scope during the reconnect backoff stops reconnecting", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(streamLayer(server, { reconnectInitialDelay: "200 millis" }), scope)
      const ws = context.pipe((c) => c.unsafeMap.get(BackpackStream.BackpackStream.key) as BackpackStream.Service)
      yield* ws.ticker("SOL_USDC").pipe(Stream.runDrain, Effect.fork)
      yield* eventually(() => expect(server.current?.readyState).toBe(1))
      server.current!.drop()
      yield* eventually(() => expect(yield_(SubscriptionRef.get(ws.status))._tag).toBe("Reconnecting"))
      yield* Scope.close(scope, Exit.void)
      yield* TestClock.adjust("10 seconds")
      yield* turns(5)
      expect(server.sockets).toHaveLength(1)
      expect((yield* SubscriptionRef.get(ws.status))._tag).toBe("Closed")
    })
  })

  it.effect("keeps reconnecting with backoff while the server refuses, then recovers", () => {
    const server = new FakeServer()
    server.autoOpen = false
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const fiber = yield* ws.ticker("SOL_USDC").pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      // refuse the first two connections: the delay doubles (20 ms, then 40 ms, each ± 50%)
      yield* eventually(() => expect(server.sockets).toHaveLength(1))
      server.sockets[0]!.drop(1011)
      yield* eventually(() => expect(yield_(SubscriptionRef.get(ws.status))).toMatchObject({ attempt: 1 }))
      yield* TestClock.adjust("9 millis")
      yield* turns(5)
      expect(server.sockets).toHaveLength(1)
      yield* TestClock.adjust("21 millis")
      yield* eventually(() => expect(server.sockets).toHaveLength(2))
      server.sockets[1]!.drop(1011)
      yield* eventually(() => expect(yield_(SubscriptionRef.get(ws.status))).toMatchObject({ attempt: 2 }))
      yield* TestClock.adjust("19 millis")
      yield* turns(5)
      expect(server.sockets).toHaveLength(2)
      yield* TestClock.adjust("41 millis")
      yield* eventually(() => expect(server.sockets).toHaveLength(3))
      const status = yield* SubscriptionRef.get(ws.status)
      expect(status).toMatchObject({ _tag: "Reconnecting", attempt: 2, reason: "closed with code 1011" })
      server.sockets[2]!.open()
      yield* eventually(() => expect(server.sockets[2]!.sent).toHaveLength(1))
      server.push("ticker.SOL_USDC", tickerData("20.00"))
      const [event] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(BigDecimal.format(event!.lastPrice)).toBe("20")
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("no traffic past the idle timeout → reconnect; server pings count as traffic", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      yield* ws.ticker("SOL_USDC").pipe(Stream.runDrain, Effect.fork)
      yield* eventually(() => expect(server.current?.readyState).toBe(1))
      // pings keep the first connection alive for well past the timeout
      for (let i = 0; i < 8; i++) {
        server.sockets[0]!.ping()
        yield* TestClock.adjust("40 millis")
        yield* turns(2)
      }
      expect(server.sockets).toHaveLength(1)
      expect(server.closedByClient).toEqual([])
      // silence: the watchdog closes it (150 ms, sampled every 37 ms) and a new connection resubscribes
      yield* TestClock.adjust("100 millis")
      yield* turns(5)
      expect(server.closedByClient).toEqual([])
      yield* TestClock.adjust("100 millis")
      yield* eventually(() => expect(server.closedByClient).toEqual([1]))
      yield* TestClock.adjust("30 millis")
      yield* eventually(() => expect(server.sockets).toHaveLength(2))
      yield* eventually(() =>
        expect(server.sockets[1]!.sent).toEqual([{ method: "SUBSCRIBE", params: ["ticker.SOL_USDC"] }])
      )
    }).pipe(Effect.provide(streamLayer(server, { idleTimeout: "150 millis" })))
  })

  it.effect("depth overflow is a typed BufferOverflow; ticker overflow keeps the newest events", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const gate = yield* Deferred.make<void>()
      const started = yield* Deferred.make<void>()
      const slow = <A, E>(stream: Stream.Stream<A, E>) =>
        stream.pipe(Stream.tap(() => Effect.zipRight(Deferred.succeed(started, undefined), Deferred.await(gate))))
      const seen: Array<bigint> = []
      const depth = yield* slow(ws.depth("SOL_USDC")).pipe(
        Stream.tap((e) => Effect.sync(() => "lastUpdateId" in e && seen.push(e.lastUpdateId))),
        Stream.runCollect,
        Effect.either,
        Effect.fork
      )
      const ticker = yield* slow(ws.ticker("SOL_USDC")).pipe(Stream.take(3), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(subscribedNames(server)).toEqual(["depth.SOL_USDC", "ticker.SOL_USDC"]))
      server.push("depth.SOL_USDC", depthData(1, 1))
      server.push("ticker.SOL_USDC", tickerData("1"))
      yield* Deferred.await(started)
      for (let i = 2; i <= 6; i++) {
        server.push("depth.SOL_USDC", depthData(i, i))
        server.push("ticker.SOL_USDC", tickerData(String(i)))
      }
      yield* Deferred.succeed(gate, undefined)
      const result = yield* Fiber.join(depth)
      expect(Either.isLeft(result)).toBe(true)
      const error = Either.getLeft(result).pipe((o) => o._tag === "Some" ? o.value : undefined)
      expect(error).toMatchObject({ _tag: "BufferOverflow", stream: "depth.SOL_USDC", capacity: 2 })
      // what was buffered before the loss is still delivered, in order, before the error
      expect(seen).toEqual([1n, 2n, 3n])
      const tickers = Chunk.toReadonlyArray(yield* Fiber.join(ticker)).map((t) => BigDecimal.format(t.lastPrice))
      expect(tickers).toEqual(["1", "5", "6"])
    }).pipe(Effect.provide(streamLayer(server, { bufferSize: 2 })))
  })

  it.effect("an undecodable frame fails only its stream with DecodeError; skip mode counts it", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const depth = yield* ws.depth("SOL_USDC").pipe(Stream.runCollect, Effect.flip, Effect.fork)
      const ticker = yield* ws.ticker("SOL_USDC").pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(subscribedNames(server)).toEqual(["depth.SOL_USDC", "ticker.SOL_USDC"]))
      server.push("depth.SOL_USDC", { ...depthData(1, 2), b: [["abc", "1"]] })
      server.push("ticker.SOL_USDC", tickerData("3.5"))
      const error = yield* Fiber.join(depth)
      expect(error._tag).toBe("DecodeError")
      if (error._tag === "DecodeError") {
        expect(error.operation).toBe("BackpackStream depth.SOL_USDC")
        expect(error.path).toBe("b[0][0]")
      }
      const [t] = Chunk.toReadonlyArray(yield* Fiber.join(ticker))
      expect(BigDecimal.format(t!.lastPrice)).toBe("3.5")
      expect(yield* ws.decodeFailures).toBe(1)
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("skip mode: a malformed frame is counted and the stream goes on", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const fiber = yield* ws.ticker("SOL_USDC").pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(subscribes(server)).toHaveLength(1))
      server.pushRaw("{\"stream\":\"ticker.SOL_USDC\",\"data\":{\"e\":\"tick")
      server.push("ticker.SOL_USDC", { ...tickerData("1"), c: "not a number" })
      server.push("ticker.SOL_USDC", tickerData("7.25"))
      const [t] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(BigDecimal.format(t!.lastPrice)).toBe("7.25")
      expect(yield* ws.decodeFailures).toBe(2)
    }).pipe(Effect.provide(streamLayer(server, { onDecodeError: "skip" })))
  })

  it.effect("server error frames are published on errors", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const errors = yield* ws.errors.pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* turns(3)
      yield* ws.ticker("SOL_USDC").pipe(Stream.runDrain, Effect.fork)
      yield* eventually(() => expect(subscribes(server)).toHaveLength(1))
      server.pushRaw("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}")
      const [error] = Chunk.toReadonlyArray(yield* Fiber.join(errors))
      expect({ code: error!.code, message: error!.message }).toEqual({ code: 4006, message: "Invalid stream" })
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("subscribeScoped completes once the server answered the probe written after the SUBSCRIBE", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const reported = yield* Ref.make<ReadonlyArray<number | null | undefined | unknown>>([])
      yield* ws.errors.pipe(Stream.runForEach((e) => Ref.update(reported, (all) => [...all, e.id])), Effect.fork)
      yield* turns(3)
      const ready = yield* Deferred.make<void>()
      const fiber = yield* Effect.scoped(Effect.gen(function*() {
        const tickers = yield* ws.subscribeScoped(BackpackStream.ticker("SOL_USDC"))
        yield* Deferred.succeed(ready, undefined)
        return yield* tickers.pipe(Stream.take(1), Stream.runCollect)
      })).pipe(Effect.fork)
      // on one socket: the SUBSCRIBE, then the probe (a stream that does not exist) with a request id
      yield* eventually(() =>
        expect(server.sent).toEqual([
          { method: "SUBSCRIBE", params: ["ticker.SOL_USDC"] },
          { method: "SUBSCRIBE", params: ["effectBackpack.readinessProbe"], id: 1 }
        ])
      )
      yield* turns(5)
      expect(yield* Deferred.isDone(ready)).toBe(false)
      // an unrelated error frame with another id does not release the barrier
      server.pushRaw("{\"id\":99,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}")
      yield* turns(5)
      expect(yield* Deferred.isDone(ready)).toBe(false)
      server.pushRaw("{\"id\":1,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}")
      yield* Deferred.await(ready)
      server.push("ticker.SOL_USDC", tickerData("21.5"))
      const [event] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(BigDecimal.format(event!.lastPrice)).toBe("21.5")
      // the scope is closed: unsubscribed
      yield* eventually(() =>
        expect(unsubscribes(server)).toEqual([{ method: "UNSUBSCRIBE", params: ["ticker.SOL_USDC"] }])
      )
      // the probe's answer is the barrier's; only the unrelated error is reported
      yield* eventually(() => expect(yield_(Ref.get(reported))).toEqual([99]))
      expect(server.sent.filter((f) => f.id !== undefined)).toHaveLength(1)
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("readiness survives a drop before the answer: SUBSCRIBE and probe again on the next socket; id-less answers count", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const errors = yield* ws.errors.pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* turns(3)
      const ready = yield* Deferred.make<void>()
      yield* Effect.scoped(Effect.zipRight(
        ws.subscribeScoped(BackpackStream.orderUpdates()),
        Effect.zipRight(Deferred.succeed(ready, undefined), Effect.never)
      )).pipe(Effect.fork)
      yield* eventually(() => expect(server.sockets[0]!.sent).toHaveLength(2))
      expect(server.sockets[0]!.sent[0].signature).toHaveLength(4)
      expect(server.sockets[0]!.sent[1]).toEqual({
        method: "SUBSCRIBE",
        params: ["effectBackpack.readinessProbe"],
        id: 1
      })
      server.sockets[0]!.drop()
      yield* eventually(() => expect(yield_(SubscriptionRef.get(ws.status))._tag).toBe("Reconnecting"))
      yield* TestClock.adjust("30 millis")
      yield* eventually(() => expect(server.sockets[1]?.sent).toHaveLength(2))
      const [again, probe] = server.sockets[1]!.sent
      expect(again.params).toEqual(["account.orderUpdate"])
      expect(probe).toEqual({ method: "SUBSCRIBE", params: ["effectBackpack.readinessProbe"], id: 2 })
      expect(yield* Deferred.isDone(ready)).toBe(false)
      // a server that echoes no id: the "Invalid stream" answer settles the oldest probe in flight
      server.pushRaw("{\"id\":null,\"error\":{\"code\":4006,\"message\":\"Invalid stream\"}}")
      yield* Deferred.await(ready)
      // other errors are still reported
      server.pushRaw("{\"id\":null,\"error\":{\"code\":4003,\"message\":\"Invalid signature\"}}")
      const [reported] = Chunk.toReadonlyArray(yield* Fiber.join(errors))
      expect(reported).toMatchObject({ code: 4003, message: "Invalid signature" })
    }).pipe(Effect.provide(streamLayer(server)))
  })

  it.effect("a server that never answers the probe: live after readyTimeout, counted from the probe, on the clock", () => {
    const server = new FakeServer()
    server.autoOpen = false
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const ready = yield* Deferred.make<void>()
      yield* Effect.scoped(Effect.zipRight(
        ws.subscribeScoped("trade.SOL_USDC"),
        Effect.zipRight(Deferred.succeed(ready, undefined), Effect.never)
      )).pipe(Effect.fork)
      // a socket that has not opened is never "live", however long it takes
      yield* eventually(() => expect(server.sockets).toHaveLength(1))
      yield* TestClock.adjust("5 seconds")
      yield* turns(5)
      expect(yield* Deferred.isDone(ready)).toBe(false)
      server.sockets[0]!.open()
      yield* eventually(() => expect(server.sent).toHaveLength(2))
      yield* TestClock.adjust("999 millis")
      yield* turns(5)
      expect(yield* Deferred.isDone(ready)).toBe(false)
      yield* TestClock.adjust("1 millis")
      yield* Deferred.await(ready)
    }).pipe(Effect.provide(streamLayer(server, { readyTimeout: "1 second" })))
  })

  it.effect("closing the scope closes the socket, ends consumers and reports Closed", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(streamLayer(server), scope)
      const ws = context.pipe((c) => c.unsafeMap.get(BackpackStream.BackpackStream.key) as BackpackStream.Service)
      const consumer = yield* ws.depth("SOL_USDC").pipe(Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(server.current?.readyState).toBe(1))
      yield* eventually(() => expect(subscribes(server)).toHaveLength(1))
      yield* Scope.close(scope, Exit.void)
      const exit = yield* Fiber.await(consumer)
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(server.sockets.every((s) => s.readyState === 3)).toBe(true)
      expect(server.closedByClient).toEqual([1])
      expect((yield* SubscriptionRef.get(ws.status))._tag).toBe("Closed")
    })
  })
  it.effect("a ticker event with an unreadable statistic is kept (lenient): the field undefined, a Warning once", () => {
    const server = new FakeServer()
    const logs: Array<string> = []
    const logger = Logger.make(({ logLevel, message }) => {
      if (logLevel._tag === "Warning") logs.push(String(Array.isArray(message) ? message[0] : message))
    })
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const events = yield* ws.ticker("SOL_USDC").pipe(Stream.take(2), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(server.current?.readyState).toBe(1))
      yield* eventually(() => expect(yield_(ws.subscriptions)).toEqual(["ticker.SOL_USDC"]))
      server.push("ticker.SOL_USDC", { ...tickerData("19.10"), V: "1.2e" })
      server.push("ticker.SOL_USDC", { ...tickerData("19.20"), V: "1.2e" })
      const got = Chunk.toReadonlyArray(yield* Fiber.join(events))
      expect(got.map((t) => [BigDecimal.format(t.lastPrice), t.quoteVolume])).toEqual([["19.1", undefined], [
        "19.2",
        undefined
      ]])
      expect(logs.filter((l) => l.includes("informational"))).toEqual([
        expect.stringContaining("BackpackStream ticker: informational field quoteVolume not understood")
      ])
    }).pipe(Effect.provide(streamLayer(server)), Effect.provide(Logger.replace(Logger.defaultLogger, logger)))
  })

  it.effect("decoding: \"strict\" fails the ticker stream with DecodeError at the statistic", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const events = yield* ws.ticker("SOL_USDC").pipe(Stream.runCollect, Effect.flip, Effect.fork)
      yield* eventually(() => expect(server.current?.readyState).toBe(1))
      yield* eventually(() => expect(yield_(ws.subscriptions)).toEqual(["ticker.SOL_USDC"]))
      server.push("ticker.SOL_USDC", { ...tickerData("19.10"), V: "1.2e" })
      const error = yield* Fiber.join(events)
      expect(error._tag).toBe("DecodeError")
      expect(error._tag === "DecodeError" && [error.operation, error.path]).toEqual([
        "BackpackStream ticker.SOL_USDC",
        "V"
      ])
    }).pipe(Effect.provide(streamLayer(server, {}, { secret: true }, { decoding: "strict" })))
  })
})

// helper used in an assertion callback (reads a synchronous Effect)
const yield_ = <A>(effect: Effect.Effect<A>): A => Effect.runSync(effect)

/**
 * WebSocket streams (backpack-api.md §7): every public and private stream over ONE shared,
 * self-healing connection.
 *
 * - The socket opens on the first subscription and lives as long as the service's scope.
 * - Consumers of the same stream share one exchange subscription: the first sends `SUBSCRIBE`, the
 *   last to leave sends `UNSUBSCRIBE`.
 * - Private streams (`account.*`) are subscribed with a fresh Ed25519 signature over
 *   `instruction=subscribe&timestamp=…&window=…` every time (also after a reconnect). Without an API
 *   secret they fail with `AuthenticationError` before anything is sent.
 * - On close, error or silence beyond `idleTimeout` the connection is re-established on a `Schedule`
 *   (exponential backoff from `reconnectInitialDelay`, capped at `reconnectMaxDelay`, ±50% jitter, reset
 *   by every connection that opened) and everything still wanted is re-subscribed; consumers keep their
 *   streams. Lost connections are logged at Warning level with their reason, reconnects at Info. The
 *   watchdog and the backoff run on the `Clock`, so `TestClock` drives them.
 *   {@link depth} consumers (and any stream opened with {@link Service.subscribeWithMarkers}) receive a
 *   `Resubscribed` marker at that point: events in between are lost and a book must resync.
 * - Every consumer has a bounded buffer (`bufferSize`, default 4096). Overflow policy per stream kind:
 *   `bookTicker`, `ticker`, `markPrice`, `openInterest`, `kline` keep the newest events (the oldest
 *   buffered one is dropped); `depth`, `trade`, `liquidation` and `account.*` never drop silently:
 *   the consumer's stream fails with `BufferOverflow`.
 * - A frame that fails to decode fails that stream's consumers with a `DecodeError` (default), or is
 *   logged and counted in `decodeFailures` with `onDecodeError: "skip"`. Other streams are unaffected.
 * - Server error frames (`{"id":null,"error":{…}}`) are published on `errors` and logged.
 * - Events decode to descriptive camelCase fields named like the REST models (the wire letter of each
 *   field is in its JSDoc). {@link StreamDescriptor}s (`ticker(symbol)`, `orderUpdates()`, …) type
 *   `subscribe` without casts; {@link Service.subscribeScoped} completes once the exchange has the
 *   subscription (a readiness barrier, see there), so place-then-watch loses no event.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import type * as Stream from "effect/Stream"
import type * as SubscriptionRef from "effect/SubscriptionRef"
import { BackpackClient } from "./BackpackClient.js"
import { BackpackConfig } from "./BackpackConfig.js"
import type { AuthenticationError, DecodeError, ValidationError } from "./BackpackError.js"
import * as Connection from "./internal/stream/connection.js"
import type { KlineInterval } from "./models/enums.js"
import type {
  BookTickerEvent,
  BufferOverflow,
  ConnectionStatus,
  DepthEvent,
  KlineEvent,
  LiquidationEvent,
  MarkPriceEvent,
  OpenInterestEvent,
  OrderUpdateEvent,
  PositionUpdateEvent,
  RfqUpdateEvent,
  ServerError,
  StreamEvent,
  TickerEvent,
  TradeEvent
} from "./models/streams.js"
import { Resubscribed } from "./models/streams.js"
import { Signer } from "./Signer.js"

export * from "./models/streams.js"

/**
 * Everything a stream can fail with: an invalid stream name (`ValidationError`, nothing sent), a
 * private stream without credentials (`AuthenticationError`), an undecodable frame (`DecodeError`) or
 * a consumer too slow for a stream that must not drop events (`BufferOverflow`).
 *
 * @since 0.1.0
 * @category errors
 */
export type StreamError = DecodeError | AuthenticationError | ValidationError | BufferOverflow

/**
 * Options of the stream service.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Events buffered per consumer before the overflow policy applies. Default 4096. */
  readonly bufferSize?: number | undefined
  /**
   * What a frame that fails to decode does: `"fail"` (default) fails the stream's consumers with a
   * `DecodeError`; `"skip"` logs it, counts it in `decodeFailures` and goes on.
   */
  readonly onDecodeError?: "fail" | "skip" | undefined
  /** First reconnect delay (doubled on every failed attempt, with ±50% jitter). Default 250 ms. */
  readonly reconnectInitialDelay?: Duration.DurationInput | undefined
  /** Upper bound of the reconnect delay (before jitter). Default 30 s. */
  readonly reconnectMaxDelay?: Duration.DurationInput | undefined
  /**
   * Reconnect when nothing (no frame, no server ping where the socket exposes pings) arrived for
   * this long. The server pings every 60 s. Default 120 s.
   */
  readonly idleTimeout?: Duration.DurationInput | undefined
  /** Timeout of the WebSocket handshake. Default 10 s. */
  readonly openTimeout?: Duration.DurationInput | undefined
  /**
   * How long a readiness probe (see `subscribeScoped`) waits for the server's answer before the
   * subscription is taken as live anyway (with a warning). Default 10 s.
   */
  readonly readyTimeout?: Duration.DurationInput | undefined
}

/**
 * Depth aggregation periods: realtime when omitted.
 *
 * @since 0.1.0
 * @category models
 */
export type DepthSpeed = "200ms" | "600ms" | "1000ms"

/**
 * A typed stream: its name on the exchange and, as a phantom type, the event it decodes to. Build one
 * with the constructors of this module ({@link ticker}, {@link depth}, {@link orderUpdates}, …, or
 * {@link stream} for any name) and pass it to `subscribe` / `subscribeScoped`: the resulting `Stream`
 * is typed without casts. Names are validated when subscribing (`ValidationError`, nothing sent).
 *
 * @since 0.2.0
 * @category models
 */
export interface StreamDescriptor<out A extends StreamEvent = StreamEvent> {
  readonly _tag: "StreamDescriptor"
  /** The stream name on the exchange (`ticker.SOL_USDC`, `account.orderUpdate`, …). */
  readonly name: string
  /** Phantom: the event type (never set at runtime). */
  readonly _A?: (_: never) => A
}

const descriptor = <A extends StreamEvent>(name: string): StreamDescriptor<A> => ({ _tag: "StreamDescriptor", name })

const withSymbol = (prefix: string, symbol: string | undefined) => symbol === undefined ? prefix : `${prefix}.${symbol}`

/**
 * Any stream by its name (`depth.SOL_USDC`, `kline.1m.SOL_USDC`, `account.orderUpdate`, …), decoding to
 * the union of all events.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const stream = (name: string): StreamDescriptor => descriptor(name)

/**
 * `depth.<symbol>` (or `depth.<speed>.<symbol>`): incremental book updates.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const depth = (symbol: string, speed?: DepthSpeed): StreamDescriptor<DepthEvent> =>
  descriptor(speed === undefined ? `depth.${symbol}` : `depth.${speed}.${symbol}`)

/**
 * `bookTicker.<symbol>`: best bid and ask.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const bookTicker = (symbol: string): StreamDescriptor<BookTickerEvent> => descriptor(`bookTicker.${symbol}`)

/**
 * `ticker.<symbol>`: 24 h statistics.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const ticker = (symbol: string): StreamDescriptor<TickerEvent> => descriptor(`ticker.${symbol}`)

/**
 * `trade.<symbol>`: public trades.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const trades = (symbol: string): StreamDescriptor<TradeEvent> => descriptor(`trade.${symbol}`)

/**
 * `kline.<interval>.<symbol>`: the current candle.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const klines = (interval: KlineInterval, symbol: string): StreamDescriptor<KlineEvent> =>
  descriptor(`kline.${interval}.${symbol}`)

/**
 * `markPrice.<symbol>`.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const markPrice = (symbol: string): StreamDescriptor<MarkPriceEvent> => descriptor(`markPrice.${symbol}`)

/**
 * `openInterest.<symbol>`.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const openInterest = (symbol: string): StreamDescriptor<OpenInterestEvent> =>
  descriptor(`openInterest.${symbol}`)

/**
 * `liquidation`: liquidations on every market.
 *
 * @since 0.2.0
 * @category descriptors
 */
export const liquidations = (): StreamDescriptor<LiquidationEvent> => descriptor("liquidation")

/**
 * `account.orderUpdate[.<symbol>]` (private, signed).
 *
 * @since 0.2.0
 * @category descriptors
 */
export const orderUpdates = (symbol?: string): StreamDescriptor<OrderUpdateEvent> =>
  descriptor(withSymbol("account.orderUpdate", symbol))

/**
 * `account.positionUpdate[.<symbol>]` (private, signed).
 *
 * @since 0.2.0
 * @category descriptors
 */
export const positionUpdates = (symbol?: string): StreamDescriptor<PositionUpdateEvent> =>
  descriptor(withSymbol("account.positionUpdate", symbol))

/**
 * `account.rfqUpdate[.<symbol>]` (private, signed).
 *
 * @since 0.2.0
 * @category descriptors
 */
export const rfqUpdates = (symbol?: string): StreamDescriptor<RfqUpdateEvent> =>
  descriptor(withSymbol("account.rfqUpdate", symbol))

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Decoded events of a stream: a typed {@link StreamDescriptor} (`subscribe(BackpackStream.ticker("SOL_USDC"))`)
   * or any stream by name (`depth.SOL_USDC`, `kline.1m.SOL_USDC`, `account.orderUpdate`, …). The
   * subscription is sent when the stream starts and may not be live on the exchange before its first
   * event: use {@link Service.subscribeScoped} when you must not miss an event caused right after.
   */
  readonly subscribe: {
    <A extends StreamEvent>(stream: StreamDescriptor<A>): Stream.Stream<A, StreamError>
    (stream: string): Stream.Stream<StreamEvent, StreamError>
  }
  /**
   * Subscribes in the current scope and completes once the exchange has the subscription, so an
   * order placed right after loses none of its events; the returned `Stream` delivers every event
   * received from then on (buffered until it runs). The subscription lasts as long as the scope.
   *
   * Backpack acknowledges no SUBSCRIBE (backpack-api.md §7.1), so readiness is a barrier built from
   * what the server does answer:
   * 1. the SUBSCRIBE frame was written on an open socket (re-written and re-probed after a reconnect);
   * 2. then, on the same socket, a SUBSCRIBE to a stream that does not exist
   *    (`effectBackpack.readinessProbe`, with a request `id`) is written, and the server's
   *    "Invalid stream" error frame (code 4006) for it is awaited. The server reads one connection's
   *    frames in order, so when that answer arrives the earlier SUBSCRIBE has been processed.
   *
   * Limits: the answer is matched by its echoed `id`; a server that echoes no id (`"id": null`) is
   * matched to the oldest probe in flight, so an unrelated 4006/4000 answer for an earlier frame could
   * release the barrier early. Probe answers are not published on `errors`. If no answer comes within
   * `readyTimeout` (default 10 s) the subscription is taken as live with a warning: the SUBSCRIBE was
   * still written on an open socket. A private SUBSCRIBE the exchange rejects (bad signature) is
   * answered with an error on `errors`, not by failing the barrier.
   *
   * @example
   * ```ts
   * import { BackpackStream, Orders } from "@effect-backpack/sdk"
   * import { Effect, Stream } from "effect"
   *
   * Effect.scoped(Effect.gen(function*() {
   *   const ws = yield* BackpackStream.BackpackStream
   *   const updates = yield* ws.subscribeScoped(BackpackStream.orderUpdates("SOL_USDC"))
   *   yield* Orders.executeOrder({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", quantity: "1", price: "20" })
   *   const accepted = yield* updates.pipe(Stream.take(1), Stream.runCollect)
   * }))
   * ```
   */
  readonly subscribeScoped: {
    <A extends StreamEvent>(
      stream: StreamDescriptor<A>
    ): Effect.Effect<Stream.Stream<A, StreamError>, StreamError, Scope.Scope>
    (stream: string): Effect.Effect<Stream.Stream<StreamEvent, StreamError>, StreamError, Scope.Scope>
  }
  /** Like {@link Service.subscribe}, plus a `Resubscribed` marker after every reconnect. */
  readonly subscribeWithMarkers: {
    <A extends StreamEvent>(stream: StreamDescriptor<A>): Stream.Stream<A | Resubscribed, StreamError>
    (stream: string): Stream.Stream<StreamEvent | Resubscribed, StreamError>
  }
  /** `depth.<symbol>` (or `depth.<speed>.<symbol>`), with `Resubscribed` markers after reconnects. */
  readonly depth: (symbol: string, speed?: DepthSpeed) => Stream.Stream<DepthEvent | Resubscribed, StreamError>
  /** `bookTicker.<symbol>`: best bid and ask. */
  readonly bookTicker: (symbol: string) => Stream.Stream<BookTickerEvent, StreamError>
  /** `ticker.<symbol>`: 24 h statistics. */
  readonly ticker: (symbol: string) => Stream.Stream<TickerEvent, StreamError>
  /** `trade.<symbol>`: public trades. */
  readonly trades: (symbol: string) => Stream.Stream<TradeEvent, StreamError>
  /** `kline.<interval>.<symbol>`: the current candle. */
  readonly klines: (interval: KlineInterval, symbol: string) => Stream.Stream<KlineEvent, StreamError>
  /** `markPrice.<symbol>`. */
  readonly markPrice: (symbol: string) => Stream.Stream<MarkPriceEvent, StreamError>
  /** `openInterest.<symbol>`. */
  readonly openInterest: (symbol: string) => Stream.Stream<OpenInterestEvent, StreamError>
  /** `liquidation`: liquidations on every market. */
  readonly liquidations: () => Stream.Stream<LiquidationEvent, StreamError>
  /** `account.orderUpdate[.<symbol>]` (private, signed). */
  readonly orderUpdates: (symbol?: string) => Stream.Stream<OrderUpdateEvent, StreamError>
  /** `account.positionUpdate[.<symbol>]` (private, signed). */
  readonly positionUpdates: (symbol?: string) => Stream.Stream<PositionUpdateEvent, StreamError>
  /** `account.rfqUpdate[.<symbol>]` (private, signed). */
  readonly rfqUpdates: (symbol?: string) => Stream.Stream<RfqUpdateEvent, StreamError>
  /** The state of the shared connection (`Idle`, `Connecting`, `Open`, `Reconnecting`, `Closed`). */
  readonly status: SubscriptionRef.SubscriptionRef<ConnectionStatus>
  /** Error frames sent by the server. */
  readonly errors: Stream.Stream<ServerError>
  /** Frames that could not be decoded so far (whatever `onDecodeError` did with them). */
  readonly decodeFailures: Effect.Effect<number>
  /** The stream names currently subscribed on the exchange. */
  readonly subscriptions: Effect.Effect<ReadonlyArray<string>>
}

/**
 * The `BackpackStream` service; provide it with `BackpackNode.layerConfig` (or any layer built by `Backpack`).
 *
 * @example
 * ```ts
 * import { BackpackStream } from "@effect-backpack/sdk"
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { BigDecimal, Effect, Stream } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ws = yield* BackpackStream.BackpackStream
 *   // public and private streams share one connection, which reconnects and resubscribes by itself
 *   const tops = ws.bookTicker("SOL_USDC").pipe(
 *     Stream.map((t) => {
 *       const bid = t.bestBidPrice === undefined ? "-" : BigDecimal.format(t.bestBidPrice)
 *       const ask = t.bestAskPrice === undefined ? "-" : BigDecimal.format(t.bestAskPrice)
 *       return `bid ${bid} ask ${ask}`
 *     })
 *   )
 *   const fills = ws.orderUpdates("SOL_USDC").pipe(Stream.map((event) => `order ${event.orderId}: ${event.eventType}`)) // signed for you
 *   yield* Stream.merge(tops, fills).pipe(Stream.take(20), Stream.runForEach((line) => Effect.log(line)))
 * })
 *
 * program.pipe(Effect.provide(BackpackNode.layerConfig), NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class BackpackStream extends Context.Tag("@effect-backpack/sdk/BackpackStream")<BackpackStream, Service>() {}

const nameOf = (stream: StreamDescriptor<StreamEvent> | string): string =>
  typeof stream === "string" ? stream : stream.name

/**
 * Builds the service on the shared connection. Needs a `Scope`: closing it closes the socket, ends
 * every consumer's stream and stops every fiber and timer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<Service, never, BackpackConfig | Signer | Socket.WebSocketConstructor | Scope.Scope> =>
  Effect.gen(function*() {
    const config = yield* BackpackConfig
    const signer = yield* Signer
    const constructor = yield* Socket.WebSocketConstructor
    // when the REST client is around, signed subscriptions use its server clock offset too
    const client = yield* Effect.serviceOption(BackpackClient)
    const clockOffset = Option.match(client, {
      onNone: () => Effect.succeed(0),
      onSome: (c) => Ref.get(c.clockOffset)
    })
    const connection = yield* Connection.make(config, signer, constructor, options, clockOffset)
    // the catalogue decodes each name with its kind's schema: the descriptor's type is the decoded type
    const typed = <A extends StreamEvent>(descriptor: StreamDescriptor<A>) =>
      connection.subscribe(descriptor.name, false) as Stream.Stream<A, StreamError>
    const subscribe: Service["subscribe"] = (stream: StreamDescriptor<StreamEvent> | string) =>
      connection.subscribe(nameOf(stream), false) as Stream.Stream<StreamEvent, StreamError>
    const subscribeScoped: Service["subscribeScoped"] = (stream: StreamDescriptor<StreamEvent> | string) =>
      connection.subscribeScoped(nameOf(stream), false) as Effect.Effect<
        Stream.Stream<StreamEvent, StreamError>,
        StreamError,
        Scope.Scope
      >
    const subscribeWithMarkers: Service["subscribeWithMarkers"] = (stream: StreamDescriptor<StreamEvent> | string) =>
      connection.subscribe(nameOf(stream), true)
    const service: Service = {
      subscribe,
      subscribeScoped,
      subscribeWithMarkers,
      depth: (symbol, speed) =>
        connection.subscribe(depth(symbol, speed).name, true) as Stream.Stream<DepthEvent | Resubscribed, StreamError>,
      bookTicker: (symbol) => typed(bookTicker(symbol)),
      ticker: (symbol) => typed(ticker(symbol)),
      trades: (symbol) => typed(trades(symbol)),
      klines: (interval, symbol) => typed(klines(interval, symbol)),
      markPrice: (symbol) => typed(markPrice(symbol)),
      openInterest: (symbol) => typed(openInterest(symbol)),
      liquidations: () => typed(liquidations()),
      orderUpdates: (symbol) => typed(orderUpdates(symbol)),
      positionUpdates: (symbol) => typed(positionUpdates(symbol)),
      rfqUpdates: (symbol) => typed(rfqUpdates(symbol)),
      status: connection.status,
      errors: connection.errors,
      decodeFailures: connection.decodeFailures,
      subscriptions: connection.subscriptions
    }
    // `OrderBook` applies depth frames on the socket reader through it (no per-market fiber)
    Connection.register(service, connection)
    return service
  })

/**
 * The stream service, given the configuration (`wsUrl`, `window`), the signer and a WebSocket
 * constructor (`NodeSocket.layerWebSocketConstructor` on Node, `Socket.layerWebSocketConstructorGlobal`
 * elsewhere).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<BackpackStream, never, BackpackConfig | Signer | Socket.WebSocketConstructor> =>
  Layer.scoped(BackpackStream, make(options))

/**
 * Whether an item of a marker-carrying stream is a discontinuity marker.
 *
 * @since 0.1.0
 * @category guards
 */
export const isResubscribed = (item: unknown): item is Resubscribed => item instanceof Resubscribed

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
 * - On close, error or silence beyond `idleTimeout` the connection is re-established with exponential
 *   backoff and jitter and everything still wanted is re-subscribed; consumers keep their streams.
 *   {@link depth} consumers (and any stream opened with {@link Service.subscribeWithMarkers}) receive a
 *   `Resubscribed` marker at that point: events in between are lost and a book must resync.
 * - Every consumer has a bounded buffer (`bufferSize`, default 4096). Overflow policy per stream kind:
 *   `bookTicker`, `ticker`, `markPrice`, `openInterest`, `kline` keep the newest events (the oldest
 *   buffered one is dropped); `depth`, `trade`, `liquidation` and `account.*` never drop silently:
 *   the consumer's stream fails with `BufferOverflow`.
 * - A frame that fails to decode fails that stream's consumers with a `DecodeError` (default), or is
 *   logged and counted in `decodeFailures` with `onDecodeError: "skip"`. Other streams are unaffected.
 * - Server error frames (`{"id":null,"error":{…}}`) are published on `errors` and logged.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as Context from "effect/Context"
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
export type Options = Connection.Options

/**
 * Depth aggregation periods: realtime when omitted.
 *
 * @since 0.1.0
 * @category models
 */
export type DepthSpeed = "200ms" | "600ms" | "1000ms"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Decoded events of any stream by name (`depth.SOL_USDC`, `kline.1m.SOL_USDC`, `account.orderUpdate`, …). */
  readonly subscribe: (stream: string) => Stream.Stream<StreamEvent, StreamError>
  /** Like {@link Service.subscribe}, plus a `Resubscribed` marker after every reconnect. */
  readonly subscribeWithMarkers: (stream: string) => Stream.Stream<StreamEvent | Resubscribed, StreamError>
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
 *     Stream.map((t) => `bid ${t.b === undefined ? "-" : BigDecimal.format(t.b)} ask ${t.a === undefined ? "-" : BigDecimal.format(t.a)}`)
 *   )
 *   const fills = ws.orderUpdates("SOL_USDC").pipe(Stream.map((event) => `order ${event.i}: ${event.e}`)) // signed for you
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

const only = <A extends StreamEvent>(stream: Stream.Stream<StreamEvent, StreamError>) =>
  stream as Stream.Stream<A, StreamError>

const withSymbol = (prefix: string, symbol: string | undefined) => symbol === undefined ? prefix : `${prefix}.${symbol}`

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
    const subscribe = (stream: string) => connection.subscribe(stream, false) as Stream.Stream<StreamEvent, StreamError>
    return {
      subscribe,
      subscribeWithMarkers: (stream) => connection.subscribe(stream, true),
      depth: (symbol, speed) =>
        connection.subscribe(
          speed === undefined ? `depth.${symbol}` : `depth.${speed}.${symbol}`,
          true
        ) as Stream.Stream<
          DepthEvent | Resubscribed,
          StreamError
        >,
      bookTicker: (symbol) => only<BookTickerEvent>(subscribe(`bookTicker.${symbol}`)),
      ticker: (symbol) => only<TickerEvent>(subscribe(`ticker.${symbol}`)),
      trades: (symbol) => only<TradeEvent>(subscribe(`trade.${symbol}`)),
      klines: (interval, symbol) => only<KlineEvent>(subscribe(`kline.${interval}.${symbol}`)),
      markPrice: (symbol) => only<MarkPriceEvent>(subscribe(`markPrice.${symbol}`)),
      openInterest: (symbol) => only<OpenInterestEvent>(subscribe(`openInterest.${symbol}`)),
      liquidations: () => only<LiquidationEvent>(subscribe("liquidation")),
      orderUpdates: (symbol) => only<OrderUpdateEvent>(subscribe(withSymbol("account.orderUpdate", symbol))),
      positionUpdates: (symbol) => only<PositionUpdateEvent>(subscribe(withSymbol("account.positionUpdate", symbol))),
      rfqUpdates: (symbol) => only<RfqUpdateEvent>(subscribe(withSymbol("account.rfqUpdate", symbol))),
      status: connection.status,
      errors: connection.errors,
      decodeFailures: connection.decodeFailures,
      subscriptions: connection.subscriptions
    }
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

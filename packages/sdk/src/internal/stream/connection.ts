/**
 * The shared WebSocket connection: one socket for every subscription, reference-counted
 * SUBSCRIBE/UNSUBSCRIBE, signed private subscriptions, dispatch of decoded frames to bounded
 * per-consumer buffers, heartbeat watchdog and reconnection with exponential backoff and jitter.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as PubSub from "effect/PubSub"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import type { Resolved } from "../../BackpackConfig.js"
import { AuthenticationError, DecodeError, type ValidationError } from "../../BackpackError.js"
import * as M from "../../models/streams.js"
import * as Signer from "../../Signer.js"
import { parseLossless } from "../json.js"
import * as Catalogue from "./catalogue.js"
import { Mailbox } from "./mailbox.js"

/** Everything a consumer's stream can fail with. */
export type StreamError = DecodeError | AuthenticationError | ValidationError | M.BufferOverflow

/** What a consumer receives: events, and (when asked for) discontinuity markers. */
export type Item = M.StreamEvent | M.Resubscribed

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
  /** Upper bound of the reconnect delay. Default 30 s. */
  readonly reconnectMaxDelay?: Duration.DurationInput | undefined
  /**
   * Reconnect when nothing (no frame, no server ping where the socket exposes pings) arrived for
   * this long. The server pings every 60 s. Default 120 s.
   */
  readonly idleTimeout?: Duration.DurationInput | undefined
  /** Timeout of the WebSocket handshake. Default 10 s. */
  readonly openTimeout?: Duration.DurationInput | undefined
}

interface Entry {
  readonly spec: Catalogue.StreamSpec
  readonly consumers: Set<Mailbox<Item, StreamError>>
}

export interface Connection {
  readonly subscribe: (name: string, markers: boolean) => Stream.Stream<Item, StreamError>
  readonly status: SubscriptionRef.SubscriptionRef<M.ConnectionStatus>
  readonly errors: Stream.Stream<M.ServerError>
  readonly decodeFailures: Effect.Effect<number>
  readonly subscriptions: Effect.Effect<ReadonlyArray<string>>
}

class IdleTimeout {
  readonly _tag = "IdleTimeout"
}

const decodeServerError = Schema.decodeUnknownEither(M.ServerError)

const describe = (cause: unknown): string => {
  if (cause instanceof IdleTimeout) return "no traffic within the idle timeout"
  if (Socket.isSocketError(cause)) {
    return cause.reason === "Close" && "code" in cause ? `closed with code ${cause.code}` : cause.reason
  }
  return String(cause)
}

export const make = (
  config: Resolved,
  signer: Signer.Service,
  makeWebSocket: (url: string, protocols?: string | Array<string> | undefined) => globalThis.WebSocket,
  options: Options = {},
  /** Server-minus-local clock offset in ms (kept by `System.syncClock`), applied to signed timestamps. */
  clockOffset: Effect.Effect<number> = Effect.succeed(0)
): Effect.Effect<Connection, never, Scope.Scope> =>
  Effect.gen(function*() {
    const bufferSize = Math.max(1, options.bufferSize ?? 4096)
    const onDecodeError = options.onDecodeError ?? "fail"
    const initialDelay = Duration.toMillis(options.reconnectInitialDelay ?? "250 millis")
    const maxDelay = Duration.toMillis(options.reconnectMaxDelay ?? "30 seconds")
    const idleTimeout = Duration.toMillis(options.idleTimeout ?? "120 seconds")
    const openTimeout = options.openTimeout ?? "10 seconds"

    const status = yield* SubscriptionRef.make<M.ConnectionStatus>(M.ConnectionStatus.Idle())
    const errors = yield* PubSub.sliding<M.ServerError>(256)
    const lock = yield* Effect.makeSemaphore(1)
    const layerScope = yield* Effect.scope
    const entries = new Map<string, Entry>()
    let current: globalThis.WebSocket | undefined
    let connections = 0
    let started = false
    let closed = false
    let lastActivity = Date.now()
    let decodeFailures = 0
    const textDecoder = new TextDecoder()

    // -------------------------------------------------------------------------------------------
    // outbound frames
    // -------------------------------------------------------------------------------------------

    const sendText = (text: string) =>
      Effect.sync(() => {
        const ws = current
        if (ws !== undefined && ws.readyState === 1) ws.send(text)
      })

    const signature = Effect.gen(function*() {
      const publicKey = yield* Option.match(signer.publicKey, {
        onNone: () =>
          Effect.fail(
            new AuthenticationError({
              operation: "BackpackStream.subscribe",
              detail: "private streams (account.*) need an API secret; none is configured"
            })
          ),
        onSome: Effect.succeed
      })
      const timestamp = Math.floor((yield* Clock.currentTimeMillis) + (yield* clockOffset))
      const window = config.window
      const signed = yield* signer.sign(Signer.signingString({ instruction: "subscribe", timestamp, window }))
      return [publicKey, Redacted.value(signed), String(timestamp), String(window)] as const
    })

    /** Sends SUBSCRIBE/UNSUBSCRIBE for the given names: public ones in one frame, private ones signed. */
    const sendMethod = (method: "SUBSCRIBE" | "UNSUBSCRIBE", names: ReadonlyArray<Catalogue.StreamSpec>) =>
      Effect.gen(function*() {
        const publicNames = names.filter((s) => !s.isPrivate).map((s) => s.name)
        const privateNames = names.filter((s) => s.isPrivate).map((s) => s.name)
        if (publicNames.length > 0) yield* sendText(JSON.stringify({ method, params: publicNames }))
        if (privateNames.length > 0) {
          const signed = yield* signature
          yield* sendText(JSON.stringify({ method, params: privateNames, signature: signed }))
        }
      })

    // -------------------------------------------------------------------------------------------
    // inbound frames
    // -------------------------------------------------------------------------------------------

    const failEntry = (entry: Entry, error: DecodeError): Effect.Effect<void> => {
      decodeFailures++
      if (onDecodeError === "skip") {
        return Effect.logWarning(`BackpackStream: skipped an undecodable frame on ${entry.spec.name}`).pipe(
          Effect.annotateLogs({ detail: error.detail, path: error.path })
        )
      }
      for (const consumer of entry.consumers) consumer.fail(error)
      return Effect.void
    }

    const onFrame = (data: string | Uint8Array): Effect.Effect<void> | void => {
      lastActivity = Date.now()
      const text = typeof data === "string" ? data : textDecoder.decode(data)
      let json: unknown
      try {
        json = parseLossless(text)
      } catch {
        const named = /"stream"\s*:\s*"([^"]+)"/.exec(text)
        const entry = named === null ? undefined : entries.get(named[1]!)
        if (entry !== undefined) {
          return failEntry(
            entry,
            new DecodeError({
              operation: `BackpackStream ${entry.spec.name}`,
              path: "",
              detail: "malformed JSON frame"
            })
          )
        }
        decodeFailures++
        return Effect.logWarning("BackpackStream: dropped a malformed frame naming no subscribed stream")
      }
      if (typeof json !== "object" || json === null) return
      const frame = json as { readonly stream?: unknown; readonly data?: unknown; readonly error?: unknown }
      if (frame.error !== undefined && frame.error !== null) {
        const decoded = decodeServerError({ ...(frame.error as object), id: (json as { id?: unknown }).id })
        if (Either.isRight(decoded)) {
          return Effect.zipRight(
            PubSub.publish(errors, decoded.right),
            Effect.logWarning(`BackpackStream: server error ${decoded.right.code}: ${decoded.right.message}`)
          )
        }
        return Effect.logWarning("BackpackStream: unreadable error frame")
      }
      if (typeof frame.stream !== "string") return Effect.logDebug("BackpackStream: ignored a frame without stream")
      const entry = entries.get(frame.stream)
      if (entry === undefined) return // a late frame of a stream nobody wants any more
      const decoded = entry.spec.decode(frame.data)
      if (Either.isLeft(decoded)) {
        const issue = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)[0]
        return failEntry(
          entry,
          new DecodeError({
            operation: `BackpackStream ${entry.spec.name}`,
            path: issue === undefined ? "" : issue.path.join("."),
            detail: issue === undefined ? decoded.left.message : issue.message
          })
        )
      }
      for (const consumer of entry.consumers) consumer.offer(decoded.right)
    }

    // -------------------------------------------------------------------------------------------
    // connection lifecycle
    // -------------------------------------------------------------------------------------------

    const onOpen = (ws: globalThis.WebSocket) =>
      lock.withPermits(1)(Effect.gen(function*() {
        current = ws
        connections++
        lastActivity = Date.now()
        yield* SubscriptionRef.set(status, M.ConnectionStatus.Open({ connection: connections }))
        const specs = Array.from(entries.values(), (e) => e.spec)
        yield* sendMethod("SUBSCRIBE", specs).pipe(
          Effect.catchAll((error) =>
            Effect.sync(() => {
              for (const entry of entries.values()) {
                if (entry.spec.isPrivate) { for (const consumer of entry.consumers) consumer.fail(error) }
              }
            })
          )
        )
        // consumers that were served by an earlier connection may have missed events: tell them
        for (const entry of entries.values()) {
          const marker = new M.Resubscribed({ stream: entry.spec.name, reconnects: connections - 1 })
          for (const consumer of entry.consumers) {
            if (consumer.markers && consumer.servedByConnection) consumer.offer(marker)
            consumer.servedByConnection = true
          }
        }
      }))

    const watchdog = Effect.gen(function*() {
      const every = Math.max(10, Math.floor(idleTimeout / 4))
      while (true) {
        yield* Effect.sleep(every)
        if (Date.now() - lastActivity > idleTimeout) return yield* Effect.fail(new IdleTimeout())
      }
    })

    /** One connection, from handshake to close. Succeeds when the server closed it cleanly. */
    const connectOnce = Effect.scoped(Effect.gen(function*() {
      // a new connection starts its own idle clock (not the last one's)
      lastActivity = Date.now()
      let ws: globalThis.WebSocket | undefined
      const construct = (url: string, protocols?: string | Array<string> | undefined) => {
        const socket = makeWebSocket(url, protocols)
        const emitter = socket as unknown as { on?: (event: string, listener: () => void) => void }
        if (typeof emitter.on === "function") emitter.on("ping", () => (lastActivity = Date.now()))
        ws = socket
        return socket
      }
      const socket = yield* Socket.makeWebSocket(config.wsUrl, { openTimeout }).pipe(
        Effect.provideService(Socket.WebSocketConstructor, construct)
      )
      yield* socket.runRaw(onFrame, { onOpen: Effect.suspend(() => onOpen(ws!)) }).pipe(
        // the socket is acquired inside runRaw, with the caller's context taking precedence: provide
        // the wrapping constructor here too, or a constructor in the caller's context would bypass it
        Effect.provideService(Socket.WebSocketConstructor, construct),
        Effect.raceFirst(watchdog)
      )
    })).pipe(
      Effect.ensuring(
        lock.withPermits(1)(Effect.sync(() => {
          current = undefined
        }))
      )
    )

    const backoff = (attempt: number) =>
      Effect.map(
        Random.nextRange(0.5, 1.5),
        (jitter) => Math.round(Math.min(maxDelay, initialDelay * 2 ** (attempt - 1)) * jitter)
      )

    const run = Effect.gen(function*() {
      let attempt = 0
      yield* SubscriptionRef.set(status, M.ConnectionStatus.Connecting())
      while (true) {
        const before = connections
        const exit = yield* Effect.either(connectOnce)
        const reason = Either.isLeft(exit) ? describe(exit.left) : "closed by the server"
        attempt = connections > before ? 1 : attempt + 1
        yield* SubscriptionRef.set(status, M.ConnectionStatus.Reconnecting({ attempt, reason }))
        yield* Effect.logDebug(`BackpackStream: connection lost (${reason}); reconnect attempt ${attempt}`)
        yield* Effect.sleep(Duration.millis(yield* backoff(attempt)))
      }
    })

    yield* Effect.addFinalizer(() =>
      lock.withPermits(1)(Effect.gen(function*() {
        closed = true
        for (const entry of entries.values()) for (const consumer of entry.consumers) consumer.end()
        entries.clear()
        yield* SubscriptionRef.set(status, M.ConnectionStatus.Closed())
      }))
    )

    // -------------------------------------------------------------------------------------------
    // subscriptions
    // -------------------------------------------------------------------------------------------

    const attach = (spec: Catalogue.StreamSpec, mailbox: Mailbox<Item, StreamError>) =>
      lock.withPermits(1)(Effect.gen(function*() {
        if (closed) {
          mailbox.end()
          return
        }
        let entry = entries.get(spec.name)
        if (entry === undefined) {
          entry = { spec, consumers: new Set() }
          if (current !== undefined) yield* sendMethod("SUBSCRIBE", [spec])
          entries.set(spec.name, entry)
        }
        entry.consumers.add(mailbox)
        mailbox.servedByConnection = current !== undefined
        if (!started) {
          started = true
          // attach runs as the acquire of acquireRelease (uninterruptible): the fiber must not inherit that
          yield* Effect.forkIn(Effect.interruptible(run), layerScope)
        }
      }))

    const detach = (spec: Catalogue.StreamSpec, mailbox: Mailbox<Item, StreamError>) =>
      lock.withPermits(1)(Effect.gen(function*() {
        const entry = entries.get(spec.name)
        if (entry === undefined || !entry.consumers.delete(mailbox)) return
        if (entry.consumers.size === 0) {
          entries.delete(spec.name)
          if (current !== undefined) yield* Effect.ignore(sendMethod("UNSUBSCRIBE", [spec]))
        }
      }))

    const subscribe = (name: string, markers: boolean): Stream.Stream<Item, StreamError> =>
      Stream.unwrapScoped(Effect.gen(function*() {
        const spec = yield* Catalogue.parse(name)
        if (spec.isPrivate && Option.isNone(signer.publicKey)) {
          return yield* new AuthenticationError({
            operation: "BackpackStream.subscribe",
            detail: `${name} is a private stream and needs an API secret; none is configured`
          })
        }
        const mailbox = new Mailbox<Item, StreamError>(
          bufferSize,
          spec.policy,
          markers,
          () => new M.BufferOverflow({ stream: name, capacity: bufferSize })
        )
        yield* Effect.acquireRelease(attach(spec, mailbox), () => detach(spec, mailbox))
        return mailbox.stream
      }))

    return {
      subscribe,
      status,
      errors: Stream.fromPubSub(errors),
      decodeFailures: Effect.sync(() => decodeFailures),
      subscriptions: Effect.sync(() => Array.from(entries.keys()))
    }
  })

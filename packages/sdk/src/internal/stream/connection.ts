/**
 * The shared WebSocket connection: one socket for every subscription, reference-counted
 * SUBSCRIBE/UNSUBSCRIBE (`RcMap`), signed private subscriptions, dispatch of decoded frames to bounded
 * per-consumer `Mailbox`es, an idle watchdog and reconnection on a `Schedule` (exponential backoff with
 * jitter). Time comes from `Clock` only, so `TestClock` drives the watchdog and the backoff.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Mailbox from "effect/Mailbox"
import * as Metric from "effect/Metric"
import * as MutableRef from "effect/MutableRef"
import * as Option from "effect/Option"
import * as PubSub from "effect/PubSub"
import * as RcMap from "effect/RcMap"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { signingTime } from "../../BackpackClient.js"
import type { Resolved } from "../../BackpackConfig.js"
import { AuthenticationError, DecodeError, type ValidationError } from "../../BackpackError.js"
import type { Options } from "../../BackpackStream.js"
import * as Metrics from "../../Metrics.js"
import * as M from "../../models/streams.js"
import * as Signer from "../../Signer.js"
import * as ErrorFormat from "../errors.js"
import * as Informational from "../informational.js"
import { parseLossless } from "../json.js"
import * as Catalogue from "./catalogue.js"
import * as DepthFrame from "./depthFrame.js"

/** Everything a consumer's stream can fail with. */
export type StreamError = DecodeError | AuthenticationError | ValidationError | M.BufferOverflow

/** What a consumer receives: events, and (when asked for) discontinuity markers. */
export type Item = M.StreamEvent | M.Resubscribed

/**
 * Where the socket reader hands a consumer's items, synchronously: a bounded `Mailbox` (a `Stream`
 * consumer), or a {@link Connection.deliver} target that handles each item on the spot.
 */
export interface Target {
  /** Takes one item; `false` when it cannot (a full buffer). */
  readonly unsafeOffer: (item: Item) => boolean
  /** The subscription ended (`Exit.void`: closed) or failed. */
  readonly unsafeDone: (exit: Exit.Exit<void, StreamError>) => boolean
}

/** One consumer of a stream: its bounded buffer and whether it wants discontinuity markers. */
interface Consumer {
  readonly mailbox: Target
  readonly policy: Catalogue.OverflowPolicy
  readonly markers: boolean
  readonly overflow: M.BufferOverflow
  /** Whether an open connection served this consumer (so it can miss events when that one drops). */
  served: boolean
}

/** A stream subscribed on the exchange (one per name, shared by its consumers through the `RcMap`). */
interface Entry {
  readonly spec: Catalogue.StreamSpec
  readonly consumers: Set<Consumer>
  /** The connection number on which the SUBSCRIBE was last written (0: not yet). */
  subscribedOn: number
}

/** A readiness probe waiting for the server's answer on one connection. */
interface Probe {
  readonly connection: number
  readonly answered: Deferred.Deferred<void, ProbeLost>
}

export interface Connection {
  readonly subscribe: (name: string, markers: boolean) => Stream.Stream<Item, StreamError>
  readonly subscribeScoped: (
    name: string,
    markers: boolean
  ) => Effect.Effect<Stream.Stream<Item, StreamError>, StreamError, Scope.Scope>
  readonly status: SubscriptionRef.SubscriptionRef<M.ConnectionStatus>
  readonly errors: Stream.Stream<M.ServerError>
  readonly decodeFailures: Effect.Effect<number>
  readonly subscriptions: Effect.Effect<ReadonlyArray<string>>
  /**
   * Subscribes `target` for the life of the scope: the socket reader calls it with each decoded item
   * (and the reconnect markers when `markers`), with no buffer and no fiber in between. For consumers
   * that do their work synchronously (the order books). `onLive` runs once the exchange has
   * confirmed the subscription (a probe sent after it was answered), in a fiber of the scope; it does
   * not delay the return.
   */
  readonly deliver: (
    name: string,
    markers: boolean,
    target: Target,
    onLive?: () => void
  ) => Effect.Effect<void, StreamError, Scope.Scope>
}

/** The connection behind each stream service (set by `BackpackStream.make`), for `OrderBook` to `deliver` to. */
const byService = new WeakMap<object, Connection>()

/** Records the connection behind a service. */
export const register = (service: object, connection: Connection): void => {
  byService.set(service, connection)
}

/** The connection behind a service built by `BackpackStream.make`, if it is one. */
export const of = (service: object): Connection | undefined => byService.get(service)

/** Why one connection ended; `opened` tells the backoff to start over. */
class ConnectionLost
  extends Data.TaggedError("ConnectionLost")<{ readonly reason: string; readonly opened: boolean }>
{}

/** The connection a probe was sent on ended before the answer: probe again on the next one. */
class ProbeLost extends Data.TaggedError("ProbeLost")<{}> {}

class IdleTimeout extends Data.TaggedError("IdleTimeout")<{}> {}

const decodeServerError = Schema.decodeUnknownEither(M.ServerError)

/**
 * The probe's stream name: no stream of that name exists, so the server answers the SUBSCRIBE that
 * carries it with an "Invalid stream" error frame (code 4006).
 */
export const probeStream = "effectBackpack.readinessProbe"

/** Error codes a server answers a probe with when it echoes no id: invalid stream / invalid message. */
const probeAnswerCodes: ReadonlySet<number> = new Set([4006, 4000])

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
    const initialDelay = Duration.decode(options.reconnectInitialDelay ?? "250 millis")
    const maxDelay = Duration.decode(options.reconnectMaxDelay ?? "30 seconds")
    const idleTimeout = Duration.toMillis(options.idleTimeout ?? "120 seconds")
    const openTimeout = options.openTimeout ?? "10 seconds"
    const readyTimeout = options.readyTimeout ?? "10 seconds"

    const status = yield* SubscriptionRef.make<M.ConnectionStatus>(M.ConnectionStatus.Idle())
    const errors = yield* PubSub.sliding<M.ServerError>(256)
    /** Serialises what is written on the socket with changes of the subscription registry. */
    const lock = yield* Effect.makeSemaphore(1)
    const layerScope = yield* Effect.scope
    /** The open socket and its connection number (1 for the first). */
    const current = yield* Ref.make(Option.none<{ readonly ws: globalThis.WebSocket; readonly connection: number }>())
    const connections = yield* Ref.make(0)
    const closed = yield* Ref.make(false)
    const decodeFailures = yield* Ref.make(0)
    /** Reconnect attempt since the last open connection (for the status). */
    const attempts = yield* Ref.make(0)
    /** Frames and pings seen, bumped synchronously by the socket callbacks; the watchdog samples it. */
    const activity = MutableRef.make(0)
    /** What the socket reader dispatches to, by stream name (kept by the `RcMap`'s acquire/release). */
    const entries = new Map<string, Entry>()
    /** Readiness probes in flight, by request id, oldest first. */
    const probes = new Map<number, Probe>()
    const nextProbeId = yield* Ref.make(0)
    const textDecoder = new TextDecoder()

    // -------------------------------------------------------------------------------------------
    // outbound frames
    // -------------------------------------------------------------------------------------------

    const sendText = (text: string) =>
      Effect.map(Ref.get(current), (open) => {
        if (Option.isSome(open) && open.value.ws.readyState === 1) open.value.ws.send(text)
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
      const timestamp = Math.floor((yield* signingTime) + (yield* clockOffset))
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
    // inbound frames (synchronous on the hot path: decode and offer)
    // -------------------------------------------------------------------------------------------

    const offer = (consumer: Consumer, item: Item): void => {
      if (consumer.mailbox.unsafeOffer(item)) return
      // a full `fail`-policy buffer: deliver what was buffered before the loss, then fail
      if (consumer.policy === "fail") consumer.mailbox.unsafeDone(Exit.fail(consumer.overflow))
    }

    const failEntry = (entry: Entry, error: DecodeError): Effect.Effect<void> =>
      Effect.zipRight(
        Ref.update(decodeFailures, (n) => n + 1),
        onDecodeError === "skip"
          ? Effect.logWarning(`BackpackStream: skipped an undecodable frame on ${entry.spec.name}`).pipe(
            Effect.annotateLogs({ detail: error.detail, path: error.path })
          )
          : Effect.sync(() => {
            for (const consumer of entry.consumers) consumer.mailbox.unsafeDone(Exit.fail(error))
          })
      )

    /** Settles the probe an error frame answers: by echoed id, else the oldest one in flight. */
    const answerProbe = (id: unknown, code: number): boolean => {
      const byId = typeof id === "number" ? probes.get(id) : undefined
      const probeId = byId !== undefined
        ? id as number
        : (id === null || id === undefined) && probeAnswerCodes.has(code)
        ? probes.keys().next().value
        : undefined
      if (probeId === undefined) return false
      const probe = probes.get(probeId)!
      probes.delete(probeId)
      Deferred.unsafeDone(probe.answered, Exit.void)
      return true
    }

    const onServerError = (json: { readonly id?: unknown; readonly error?: unknown }): Effect.Effect<void> => {
      const decoded = decodeServerError({ ...(json.error as object), id: json.id })
      if (Either.isLeft(decoded)) return Effect.logWarning("BackpackStream: unreadable error frame")
      if (answerProbe(json.id, decoded.right.code)) {
        return Effect.logDebug(`BackpackStream: readiness probe answered (${decoded.right.code})`)
      }
      return Effect.zipRight(
        PubSub.publish(errors, decoded.right),
        Effect.logWarning(`BackpackStream: server error ${decoded.right.code}: ${decoded.right.message}`)
      )
    }

    const strictDecoding = config.decoding === "strict"
    const noNotes: Array<Informational.Note> = []
    const reportInformational = Informational.reporter("event")

    const onFrame = (data: string | Uint8Array): Effect.Effect<void> | void => {
      MutableRef.increment(activity)
      const text = typeof data === "string" ? data : textDecoder.decode(data)
      // depth frames, the bulk of the traffic, are read straight from the text when they have the
      // exchange's plain form; anything else (and any error) takes the general path below
      const depth = DepthFrame.read(text)
      if (depth !== undefined) {
        const entry = entries.get(depth.stream)
        if (entry === undefined) return // a late frame of a stream nobody wants any more
        if (entry.spec.kind === "depth") {
          for (const consumer of entry.consumers) offer(consumer, depth.event)
          return
        }
      }
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
        return Effect.zipRight(
          Ref.update(decodeFailures, (n) => n + 1),
          Effect.logWarning("BackpackStream: dropped a malformed frame naming no subscribed stream")
        )
      }
      if (typeof json !== "object" || json === null) return
      const frame = json as {
        readonly id?: unknown
        readonly stream?: unknown
        readonly data?: unknown
        readonly error?: unknown
      }
      if (frame.error !== undefined && frame.error !== null) return onServerError(frame)
      if (typeof frame.stream !== "string") return Effect.logDebug("BackpackStream: ignored a frame without stream")
      const entry = entries.get(frame.stream)
      if (entry === undefined) return // a late frame of a stream nobody wants any more
      // only the ticker's statistics are informational (README, decoding policy): the others decode directly
      const { notes, result: decoded } = entry.spec.kind === "ticker"
        ? Informational.collect(strictDecoding, () => entry.spec.decode(frame.data))
        : { notes: noNotes, result: entry.spec.decode(frame.data) }
      if (Either.isLeft(decoded)) {
        // bounded: the path and a short excerpt, whatever the frame holds
        const { detail, path } = ErrorFormat.describeParseError(decoded.left)
        return failEntry(entry, new DecodeError({ operation: `BackpackStream ${entry.spec.name}`, path, detail }))
      }
      for (const consumer of entry.consumers) offer(consumer, decoded.right)
      if (notes.length > 0) return reportInformational(`BackpackStream ${entry.spec.kind}`, notes)
    }

    // -------------------------------------------------------------------------------------------
    // connection lifecycle
    // -------------------------------------------------------------------------------------------

    const onOpen = (ws: globalThis.WebSocket) =>
      lock.withPermits(1)(Effect.gen(function*() {
        const connection = yield* Ref.updateAndGet(connections, (n) => n + 1)
        yield* Ref.set(current, Option.some({ ws, connection }))
        yield* Ref.set(attempts, 0)
        yield* SubscriptionRef.set(status, M.ConnectionStatus.Open({ connection }))
        if (connection > 1) yield* Effect.logInfo(`BackpackStream: reconnected (connection ${connection})`)
        if (connection > 1) yield* Metric.increment(Metrics.reconnects)
        const all = Array.from(entries.values())
        yield* sendMethod("SUBSCRIBE", all.map((e) => e.spec)).pipe(
          Effect.catchAll((error) =>
            Effect.sync(() => {
              for (const entry of all) {
                if (entry.spec.isPrivate) {
                  for (const consumer of entry.consumers) consumer.mailbox.unsafeDone(Exit.fail(error))
                }
              }
            })
          )
        )
        for (const entry of all) {
          entry.subscribedOn = connection
          // consumers served by an earlier connection may have missed events: tell them
          const marker = new M.Resubscribed({ stream: entry.spec.name, reconnects: connection - 1 })
          for (const consumer of entry.consumers) {
            if (consumer.markers && consumer.served) offer(consumer, marker)
            consumer.served = true
          }
        }
      }))

    /** Fails once nothing arrived for `idleTimeout` (sampled every quarter of it, on the `Clock`). */
    const watchdog = Effect.gen(function*() {
      const seen = yield* Ref.make({ count: MutableRef.get(activity), at: yield* Clock.currentTimeMillis })
      const check = Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const count = MutableRef.get(activity)
        const last = yield* Ref.get(seen)
        if (count !== last.count) return yield* Ref.set(seen, { count, at: now })
        if (now - last.at >= idleTimeout) return yield* new IdleTimeout()
      })
      return yield* Effect.repeat(check, Schedule.spaced(Duration.millis(Math.max(10, Math.floor(idleTimeout / 4)))))
    })

    /** One connection, from handshake to close. Always ends with `ConnectionLost`. */
    const connectOnce: Effect.Effect<never, ConnectionLost> = Effect.gen(function*() {
      const before = yield* Ref.get(connections)
      const outcome = yield* Effect.scoped(Effect.gen(function*() {
        const opened = yield* Deferred.make<globalThis.WebSocket>()
        const construct = (url: string, protocols?: string | Array<string> | undefined) => {
          const socket = makeWebSocket(url, protocols)
          const emitter = socket as unknown as { on?: (event: string, listener: () => void) => void }
          if (typeof emitter.on === "function") emitter.on("ping", () => MutableRef.increment(activity))
          Deferred.unsafeDone(opened, Exit.succeed(socket))
          return socket
        }
        const socket = yield* Socket.makeWebSocket(config.wsUrl, { openTimeout }).pipe(
          Effect.provideService(Socket.WebSocketConstructor, construct)
        )
        yield* socket.runRaw(onFrame, { onOpen: Effect.flatMap(Deferred.await(opened), onOpen) }).pipe(
          // the socket is acquired inside runRaw, with the caller's context taking precedence: provide
          // the wrapping constructor here too, or a constructor in the caller's context would bypass it
          Effect.provideService(Socket.WebSocketConstructor, construct),
          Effect.raceFirst(watchdog)
        )
      })).pipe(
        Effect.either,
        Effect.ensuring(
          lock.withPermits(1)(Effect.gen(function*() {
            yield* Ref.set(current, Option.none())
            // probes of this connection will never be answered: their subscribers probe again
            for (const [id, probe] of probes) {
              probes.delete(id)
              yield* Deferred.fail(probe.answered, new ProbeLost())
            }
          }))
        )
      )
      const opened = (yield* Ref.get(connections)) > before
      return yield* new ConnectionLost({
        reason: Either.isLeft(outcome) ? describe(outcome.left) : "closed by the server",
        opened
      })
    })

    /** Exponential backoff from `initialDelay`, capped at `maxDelay`, ±50% jitter; reset by an open connection. */
    const backoff = Schedule.exponential(initialDelay).pipe(
      Schedule.union(Schedule.spaced(maxDelay)),
      Schedule.jitteredWith({ min: 0.5, max: 1.5 }),
      Schedule.intersect(Schedule.identity<ConnectionLost>()),
      Schedule.resetWhen(([, lost]) => lost.opened)
    )

    const run = Effect.zipRight(
      SubscriptionRef.set(status, M.ConnectionStatus.Connecting()),
      connectOnce.pipe(
        Effect.tapError((lost) =>
          Effect.gen(function*() {
            const attempt = yield* Ref.updateAndGet(attempts, (n) => n + 1)
            yield* SubscriptionRef.set(status, M.ConnectionStatus.Reconnecting({ attempt, reason: lost.reason }))
            const log = lost.opened ? Effect.logWarning : Effect.logInfo
            yield* log(`BackpackStream: connection lost (${lost.reason}); reconnect attempt ${attempt}`)
          })
        ),
        Effect.retry(backoff)
      )
    )
    const start = yield* Effect.once(Effect.forkIn(Effect.interruptible(run), layerScope))

    // -------------------------------------------------------------------------------------------
    // subscriptions: one exchange subscription per name, shared through an RcMap
    // -------------------------------------------------------------------------------------------

    const shared = yield* RcMap.make({
      lookup: (name: string) =>
        Effect.acquireRelease(
          lock.withPermits(1)(Effect.gen(function*() {
            const spec = yield* Catalogue.parse(name)
            const entry: Entry = { spec, consumers: new Set(), subscribedOn: 0 }
            const open = yield* Ref.get(current)
            if (Option.isSome(open)) {
              yield* sendMethod("SUBSCRIBE", [spec])
              entry.subscribedOn = open.value.connection
            }
            entries.set(name, entry)
            return entry
          })),
          (entry) =>
            lock.withPermits(1)(Effect.gen(function*() {
              if (entries.get(entry.spec.name) === entry) entries.delete(entry.spec.name)
              yield* Effect.ignore(sendMethod("UNSUBSCRIBE", [entry.spec]))
            }))
        )
    })

    // after the RcMap, so that it runs before the RcMap releases the entries: consumers end cleanly
    yield* Effect.addFinalizer(() =>
      lock.withPermits(1)(Effect.gen(function*() {
        yield* Ref.set(closed, true)
        for (const entry of entries.values()) {
          for (const consumer of entry.consumers) consumer.mailbox.unsafeDone(Exit.void)
        }
        entries.clear()
        yield* SubscriptionRef.set(status, M.ConnectionStatus.Closed())
      }))
    )

    /**
     * Registers a consumer in the scope (a new bounded mailbox, or `target`); it is ended when the
     * scope closes.
     */
    const attach = <T extends Target>(
      name: string,
      markers: boolean,
      makeTarget: (spec: Catalogue.StreamSpec) => Effect.Effect<T>
    ) =>
      Effect.gen(function*() {
        const spec = yield* Catalogue.parse(name)
        if (spec.isPrivate && Option.isNone(signer.publicKey)) {
          return yield* new AuthenticationError({
            operation: "BackpackStream.subscribe",
            detail: `${name} is a private stream and needs an API secret; none is configured`
          })
        }
        const mailbox = yield* makeTarget(spec)
        if (yield* Ref.get(closed)) {
          mailbox.unsafeDone(Exit.void)
          return { mailbox, entry: Option.none<Entry>() }
        }
        const entry = yield* RcMap.get(shared, name)
        const consumer: Consumer = {
          mailbox,
          policy: spec.policy,
          markers,
          overflow: new M.BufferOverflow({ stream: name, capacity: bufferSize }),
          served: false
        }
        yield* Effect.acquireRelease(
          lock.withPermits(1)(Effect.gen(function*() {
            entry.consumers.add(consumer)
            consumer.served = Option.isSome(yield* Ref.get(current))
          })),
          () => Effect.sync(() => entry.consumers.delete(consumer))
        )
        yield* start
        return { mailbox, entry: Option.some(entry) }
      })

    /**
     * Sends a probe on the connection that carries `entry`'s SUBSCRIBE (after it, under the lock) and
     * waits for the answer; starts over on the next connection when this one drops first.
     */
    const probeOnce = (entry: Entry, tried: Ref.Ref<number>) =>
      Effect.gen(function*() {
        const after = yield* Ref.get(tried)
        const connection = yield* status.changes.pipe(
          Stream.filterMap((s) =>
            s._tag === "Open" && s.connection > after ? Option.some(s.connection) : Option.none()
          ),
          Stream.runHead,
          Effect.map(Option.getOrElse(() => after + 1))
        )
        yield* Ref.set(tried, connection)
        const probe = yield* lock.withPermits(1)(Effect.gen(function*() {
          const open = yield* Ref.get(current)
          if (Option.isNone(open) || open.value.connection !== connection || entry.subscribedOn !== connection) {
            return Option.none<{ readonly id: number; readonly probe: Probe }>()
          }
          const id = yield* Ref.updateAndGet(nextProbeId, (n) => n + 1)
          const probe: Probe = { connection, answered: yield* Deferred.make<void, ProbeLost>() }
          probes.set(id, probe)
          yield* sendText(JSON.stringify({ method: "SUBSCRIBE", params: [probeStream], id }))
          return Option.some({ id, probe })
        }))
        if (Option.isNone(probe)) return yield* new ProbeLost()
        const { id } = probe.value
        // only the answer is timed (not a connection that cannot open): the SUBSCRIBE is on an open socket
        return yield* Deferred.await(probe.value.probe.answered).pipe(
          Effect.timeoutTo({
            duration: readyTimeout,
            onSuccess: () => Effect.void,
            onTimeout: () =>
              Effect.zipRight(
                Effect.sync(() => probes.delete(id)),
                Effect.logWarning(
                  `BackpackStream: the server did not answer the readiness probe for ${entry.spec.name} in time; ` +
                    "taking the subscription as live (its SUBSCRIBE was written on an open socket)"
                )
              )
          }),
          Effect.flatten
        )
      })

    const awaitLive = (entry: Entry) =>
      Effect.flatMap(
        Ref.make(0),
        (tried) =>
          probeOnce(entry, tried).pipe(
            // a lost probe is sent again on the next connection; nothing else can fail
            Effect.retry(Schedule.forever),
            Effect.catchTag("ProbeLost", () => Effect.void)
          )
      )

    const newMailbox = (spec: Catalogue.StreamSpec) =>
      Mailbox.make<Item, StreamError>({
        capacity: bufferSize,
        strategy: spec.policy === "sliding" ? "sliding" : "dropping"
      })

    const subscribe = (name: string, markers: boolean): Stream.Stream<Item, StreamError> =>
      Stream.unwrapScoped(Effect.map(attach(name, markers, newMailbox), ({ mailbox }) => Mailbox.toStream(mailbox)))

    const deliver = (name: string, markers: boolean, target: Target, onLive?: () => void) =>
      Effect.flatMap(attach(name, markers, () => Effect.succeed(target)), ({ entry }) =>
        onLive === undefined || Option.isNone(entry)
          ? Effect.void
          : Effect.asVoid(Effect.forkScoped(Effect.zipRight(awaitLive(entry.value), Effect.sync(onLive)))))

    const subscribeScoped = (name: string, markers: boolean) =>
      Effect.gen(function*() {
        const { entry, mailbox } = yield* attach(name, markers, newMailbox)
        if (Option.isSome(entry)) {
          // a consumer ended or failed first (scope closed, signing failed): its stream tells why
          yield* Effect.raceFirst(awaitLive(entry.value), Effect.catchAll(mailbox.await, () => Effect.void))
        }
        return Mailbox.toStream(mailbox)
      })

    return {
      subscribe,
      subscribeScoped,
      status,
      errors: Stream.fromPubSub(errors),
      decodeFailures: Ref.get(decodeFailures),
      subscriptions: Effect.sync(() => Array.from(entries.keys())),
      deliver
    }
  })

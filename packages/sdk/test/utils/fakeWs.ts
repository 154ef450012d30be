/**
 * An in-memory WebSocket server for unit tests of `BackpackStream`: a `Socket.WebSocketConstructor`
 * whose sockets record every frame the client sends and let the test push frames, answer pings and
 * drop connections. No network involved.
 */
import * as Socket from "@effect/platform/Socket"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { probeStream } from "../../src/internal/stream/connection.js"

/** Whether a frame the client sent is a readiness probe (`SUBSCRIBE` of `effectBackpack.readinessProbe`). */
export const isProbe = (frame: any): boolean => Array.isArray(frame?.params) && frame.params.includes(probeStream)

type Listener = (event: any) => void

/** A client socket as the fake server sees it. */
export class FakeSocket {
  readyState = 0
  readonly sent: Array<any> = []
  private readonly listeners = new Map<string, Set<{ fn: Listener; once: boolean }>>()
  private readonly emitterListeners = new Map<string, Set<() => void>>()

  constructor(readonly url: string, readonly id: number, private readonly server: FakeServer) {}

  addEventListener(type: string, fn: Listener, options?: { once?: boolean }) {
    let set = this.listeners.get(type)
    if (set === undefined) this.listeners.set(type, set = new Set())
    set.add({ fn, once: options?.once === true })
  }

  removeEventListener(type: string, fn: Listener) {
    const set = this.listeners.get(type)
    if (set === undefined) return
    for (const entry of set) if (entry.fn === fn) set.delete(entry)
  }

  /** The `ws` package's EventEmitter side (only `ping` is used). */
  on(event: string, fn: () => void) {
    let set = this.emitterListeners.get(event)
    if (set === undefined) this.emitterListeners.set(event, set = new Set())
    set.add(fn)
  }

  private emit(type: string, event: any) {
    const set = this.listeners.get(type)
    if (set === undefined) return
    for (const entry of Array.from(set)) {
      if (entry.once) set.delete(entry)
      entry.fn(event)
    }
  }

  send(data: string) {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open")
    this.sent.push(JSON.parse(data))
  }

  close(code = 1000, reason = "") {
    if (this.readyState >= 2) return
    this.readyState = 3
    this.server.closedByClient.push(this.id)
    queueMicrotask(() => this.emit("close", { code, reason }))
  }

  // server side ----------------------------------------------------------------------------------

  open() {
    this.readyState = 1
    this.emit("open", {})
  }

  /** Sends a text frame to the client. */
  message(text: string) {
    if (this.readyState === 1) this.emit("message", { data: text })
  }

  /** Server pings (the `ws` package answers them itself and emits `ping`). */
  ping() {
    for (const fn of this.emitterListeners.get("ping") ?? []) fn()
  }

  /** Server-side drop: an abnormal close (1006) unless another code is given. */
  drop(code = 1006) {
    if (this.readyState >= 2) return
    this.readyState = 3
    this.emit("close", { code, reason: "" })
  }
}

/** The fake server: every connection the SDK opened, oldest first. */
export class FakeServer {
  readonly sockets: Array<FakeSocket> = []
  readonly closedByClient: Array<number> = []
  /** When false, new connections stay in CONNECTING until `open()` is called on them. */
  autoOpen = true

  readonly construct = (url: string): globalThis.WebSocket => {
    const socket = new FakeSocket(url, this.sockets.length + 1, this)
    this.sockets.push(socket)
    if (this.autoOpen) setTimeout(() => socket.open(), 0)
    return socket as unknown as globalThis.WebSocket
  }

  readonly layer: Layer.Layer<Socket.WebSocketConstructor> = Layer.succeed(Socket.WebSocketConstructor, this.construct)

  get current(): FakeSocket | undefined {
    return this.sockets[this.sockets.length - 1]
  }

  /** Every frame the client sent on every connection, in order. */
  get sent(): Array<any> {
    return this.sockets.flatMap((s) => s.sent)
  }

  /** The frames the client sent, readiness probes left out (`SUBSCRIBE` of `effectBackpack.readinessProbe`). */
  get sentExceptProbes(): Array<any> {
    return this.sent.filter((frame) => !isProbe(frame))
  }

  /** Pushes `{"stream": stream, "data": data}` on the current connection. */
  push(stream: string, data: unknown) {
    this.current?.message(JSON.stringify({ stream, data }))
  }

  /** Pushes raw text on the current connection. */
  pushRaw(text: string) {
    this.current?.message(text)
  }
}

/**
 * Runs `check` until it stops throwing, yielding to the event loop between tries (socket events of
 * the fake server are macrotasks). No clock involved: works under `TestClock`, gives up after
 * `turns` event-loop turns and rethrows the last failure.
 */
export const eventually = <A>(check: () => A, turns = 5000): Effect.Effect<A> =>
  Effect.gen(function*() {
    for (let turn = 0;; turn++) {
      try {
        return check()
      } catch (error) {
        if (turn >= turns) return yield* Effect.die(error)
        yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
      }
    }
  })

/** Lets `n` event-loop turns pass (socket callbacks and forked fibers run); no clock involved. */
export const turns = (n = 1): Effect.Effect<void> =>
  Effect.gen(function*() {
    for (let i = 0; i < n; i++) yield* Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))
  })

/**
 * Mutable runtime knobs shared by the HTTP and WebSocket layers: fault injection and rate limits.
 *
 * @internal
 */
import type * as Prng from "./prng.js"

/** Rate-limit settings; `undefined` disables. */
export interface RateLimitSettings {
  /** Requests per window on standard endpoints (real: 2000/min). */
  readonly standard: number
  /** Requests per window on historical endpoints (klines, trades/history; real: 30/min). */
  readonly historical: number
  /** Window length in ms (real: 60000). */
  readonly windowMs: number
}

/** Size limits that keep the server up whatever a client sends. */
export interface Limits {
  /** Largest accepted REST body in bytes (413 above; signed routes check their headers before reading it). */
  readonly maxBodyBytes: number
  /** Deepest accepted JSON nesting of a REST body. */
  readonly maxJsonDepth: number
  /** Largest accepted WebSocket frame from a client in bytes (the connection is closed with 1009 above). */
  readonly maxFrameBytes: number
  /** Streams one connection may subscribe to. */
  readonly maxSubscriptions: number
  /** Bytes queued for a connection that does not read before it is dropped as a slow consumer. */
  readonly maxBufferedBytes: number
}

export const defaultLimits: Limits = {
  maxBodyBytes: 64 * 1024,
  maxJsonDepth: 32,
  maxFrameBytes: 64 * 1024,
  maxSubscriptions: 1000,
  maxBufferedBytes: 4 * 1024 * 1024
}

/** Who may use the control routes and open WebSocket connections from a browser. */
export interface Access {
  /** Token the control routes (`/_simulator/*`) require (`Authorization: Bearer …` or `X-Simulator-Token`). */
  readonly token: string
  /** Origins accepted on control routes and WebSocket upgrades (the simulator's own, plus configured ones). */
  readonly origins: Set<string>
}

export interface Controls {
  readonly limits: Limits
  readonly access: Access
  latencyMs: number
  rate429: number
  rate503: number
  /** Order-mutating requests that are executed and then answered by destroying the socket. */
  dropAfterAccept: number
  /** WS frames to corrupt (sent as malformed JSON) before normal service resumes. */
  malformedFrames: number
  /** Private (`account.*`) events to drop, the next ones first: a lost event reaches no stream. */
  dropPrivateEvents: number
  /** Delay of every private event, ms (the same for all, so their order is kept). */
  privateDelayMs: number
  rateLimits: RateLimitSettings | undefined
  /** Accepted clock skew of `X-Timestamp` ahead of the server clock, ms. */
  futureToleranceMs: number
  readonly faultPrng: Prng.Prng
  readonly buckets: Map<string, { start: number; count: number }>
}

/** Consumes one unit of a rate-limit bucket; returns seconds to wait when exhausted. */
export const consume = (controls: Controls, key: string, limit: number, now: number): number | undefined => {
  const settings = controls.rateLimits
  if (settings === undefined) return undefined
  let bucket = controls.buckets.get(key)
  if (bucket === undefined || now - bucket.start >= settings.windowMs) {
    bucket = { start: now, count: 0 }
    controls.buckets.set(key, bucket)
  }
  if (bucket.count >= limit) return Math.max(1, Math.ceil((bucket.start + settings.windowMs - now) / 1000))
  bucket.count++
  return undefined
}

/** Whether a request's `Origin` (absent for non-browser clients) is one the simulator accepts. */
export const originAllowed = (access: Access, origin: string | undefined): boolean =>
  origin === undefined || access.origins.has(origin.toLowerCase())

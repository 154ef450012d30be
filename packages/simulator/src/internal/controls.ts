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

export interface Controls {
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

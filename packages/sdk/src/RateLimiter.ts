/**
 * Client-side rate limiting after Backpack's published limits: per API key, 2000 requests a minute
 * on the standard routes and a separate 30 a minute on the historical-data routes (klines,
 * historical trades). Each endpoint has a weight. By default a call waits for its turn instead of
 * failing; callers are served first come, first served. A 429 from the exchange pauses that bucket
 * (for `Retry-After` when the exchange sends one) before anything else is sent on it.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import type { Bucket } from "./Endpoint.js"
import * as Metrics from "./Metrics.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Waits until `weight` units of `bucket` are available and takes them. With `onLimit: "fail"`
   * it answers at once instead, with the wait it would have needed (`Some`) when there is no room.
   */
  readonly acquire: (bucket: Bucket, weight: number) => Effect.Effect<Option.Option<Duration.Duration>>
  /**
   * Takes `weight` units of `bucket` at once if they are available at `now` (milliseconds of the
   * caller's clock) and nobody is waiting for that bucket; `false` (nothing taken) otherwise, when
   * the caller goes through `acquire`. Optional: the executor's synchronous path for the common case
   * (no fiber, no timer race per request).
   */
  readonly unsafeTryAcquire?: ((bucket: Bucket, weight: number, now: number) => boolean) | undefined
  /** Pauses a bucket after the exchange answered 429: nothing is sent on it for `duration`. */
  readonly pause: (bucket: Bucket, duration: Duration.DurationInput) => Effect.Effect<void>
  /** The units available now in a bucket (for monitoring). */
  readonly available: (bucket: Bucket) => Effect.Effect<number>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class RateLimiter extends Context.Tag("@effect-backpack/sdk/RateLimiter")<RateLimiter, Service>() {}

/**
 * A budget of `limit` units replenished evenly over `interval`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Budget {
  readonly limit: number
  readonly interval: Duration.DurationInput
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly standard?: Budget | undefined
  readonly historical?: Budget | undefined
  /** `"wait"` (default): wait for room. `"fail"`: never wait; `acquire` reports the wait needed. */
  readonly onLimit?: "wait" | "fail" | undefined
}

/**
 * Backpack's published limits.
 *
 * @since 0.1.0
 * @category constants
 */
export const backpackLimits: { readonly standard: Budget; readonly historical: Budget } = {
  standard: { limit: 2000, interval: Duration.minutes(1) },
  historical: { limit: 30, interval: Duration.minutes(1) }
}

interface BucketState {
  readonly capacity: number
  readonly perMilli: number
  tokens: number
  updatedAt: number
  pausedUntil: number
  /** Fibers in `acquire` (waiting for the lock or for room): `unsafeTryAcquire` never jumps them. */
  waiting: number
  readonly lock: Effect.Semaphore
}

const makeBucket = (budget: Budget, now: number): Effect.Effect<BucketState> =>
  Effect.map(Effect.makeSemaphore(1), (lock) => ({
    capacity: budget.limit,
    perMilli: budget.limit / Math.max(1, Duration.toMillis(Duration.decode(budget.interval))),
    tokens: budget.limit,
    updatedAt: now,
    pausedUntil: 0,
    waiting: 0,
    lock
  }))

const refill = (state: BucketState, now: number) => {
  if (now > state.updatedAt) {
    state.tokens = Math.min(state.capacity, state.tokens + (now - state.updatedAt) * state.perMilli)
    state.updatedAt = now
  }
}

/** Milliseconds to wait before `weight` units can be taken (0 = now). */
const waitFor = (state: BucketState, weight: number, now: number): number => {
  refill(state, now)
  if (now < state.pausedUntil) return state.pausedUntil - now
  const need = Math.min(weight, state.capacity)
  return state.tokens >= need ? 0 : Math.ceil((need - state.tokens) / state.perMilli)
}

/**
 * Builds a limiter. Needs a `Scope` only for symmetry with other resources; its state lives in
 * memory and is dropped with the layer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Service> =>
  Effect.gen(function*() {
    const now = yield* Clock.currentTimeMillis
    const buckets: Record<Bucket, BucketState> = {
      standard: yield* makeBucket(options.standard ?? backpackLimits.standard, now),
      historical: yield* makeBucket(options.historical ?? backpackLimits.historical, now)
    }
    const failFast = options.onLimit === "fail"
    const waited = {
      standard: Metric.tagged(Metrics.rateLimitWait, "bucket", "standard"),
      historical: Metric.tagged(Metrics.rateLimitWait, "bucket", "historical")
    }

    /** A wait is logged at Info (Warning after a 429 paused the bucket) with its reason, and measured. */
    const announce = (bucket: Bucket, state: BucketState, wait: number, t: number) =>
      Effect.zipRight(
        t < state.pausedUntil
          ? Effect.logWarning(
            `rate limit: waiting ${wait} ms on the ${bucket} bucket, paused after a 429 from the exchange`
          )
          : Effect.logInfo(`rate limit: waiting ${wait} ms on the ${bucket} bucket, client-side budget exhausted`),
        Metric.update(waited[bucket], wait)
      ).pipe(Effect.annotateLogs({ bucket, waitMillis: wait }))

    const acquire = (bucket: Bucket, weight: number): Effect.Effect<Option.Option<Duration.Duration>> => {
      const state = buckets[bucket]
      const take = (announced: boolean): Effect.Effect<Option.Option<Duration.Duration>> =>
        Effect.flatMap(
          Clock.currentTimeMillis,
          (t) => {
            const wait = waitFor(state, weight, t)
            if (wait === 0) {
              state.tokens -= Math.min(weight, state.capacity)
              return Effect.succeed(Option.none())
            }
            if (failFast) return Effect.succeed(Option.some(Duration.millis(wait)))
            const sleep = Effect.zipRight(Effect.sleep(Duration.millis(wait)), take(true))
            return announced ? sleep : Effect.zipRight(announce(bucket, state, wait, t), sleep)
          }
        )
      return Effect.suspend(() => {
        state.waiting++
        return Effect.ensuring(
          state.lock.withPermits(1)(take(false)),
          Effect.sync(() => state.waiting--)
        )
      })
    }

    return {
      acquire,
      unsafeTryAcquire: (bucket, weight, now) => {
        const state = buckets[bucket]
        if (state.waiting > 0 || waitFor(state, weight, now) !== 0) return false
        state.tokens -= Math.min(weight, state.capacity)
        return true
      },
      pause: (bucket, duration) =>
        Effect.map(Clock.currentTimeMillis, (t) => {
          const state = buckets[bucket]
          state.pausedUntil = Math.max(state.pausedUntil, t + Duration.toMillis(Duration.decode(duration)))
          state.tokens = 0
          state.updatedAt = Math.max(state.updatedAt, state.pausedUntil)
        }),
      available: (bucket) =>
        Effect.map(Clock.currentTimeMillis, (t) => {
          const state = buckets[bucket]
          refill(state, t)
          return t < state.pausedUntil ? 0 : Math.floor(state.tokens)
        })
    }
  })

/**
 * The limiter with Backpack's limits (or the given ones).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<RateLimiter> => Layer.effect(RateLimiter, make(options))

/**
 * No client-side limiting at all (tests, or when a proxy limits for you). 429 answers from the
 * exchange are still honoured by the retry policy of idempotent calls.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerUnlimited: Layer.Layer<RateLimiter> = Layer.succeed(RateLimiter, {
  acquire: () => Effect.succeed(Option.none()),
  unsafeTryAcquire: () => true,
  pause: () => Effect.void,
  available: () => Effect.succeed(Number.POSITIVE_INFINITY)
})

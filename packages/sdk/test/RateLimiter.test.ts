import { RateLimiter } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Option, TestClock } from "effect"

describe("RateLimiter", () => {
  it.effect("takes from the bucket, then waits for the refill instead of failing", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make({ standard: { limit: 2, interval: "1 second" } })
      yield* limiter.acquire("standard", 1)
      yield* limiter.acquire("standard", 1)
      expect(yield* limiter.available("standard")).toBe(0)
      const fiber = yield* Effect.fork(Effect.zipRight(limiter.acquire("standard", 1), Clock.currentTimeMillis))
      yield* TestClock.adjust("499 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      expect(yield* Fiber.join(fiber)).toBe(500)
    }))

  it.effect("unsafeTryAcquire takes room that is there at once, and never jumps a caller already waiting", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make({ standard: { limit: 2, interval: "1 second" } })
      const now = yield* Clock.currentTimeMillis
      expect(limiter.unsafeTryAcquire!("standard", 1, now)).toBe(true)
      expect(limiter.unsafeTryAcquire!("standard", 1, now)).toBe(true)
      expect(yield* limiter.available("standard")).toBe(0)
      // no room: nothing taken, the caller goes through acquire
      expect(limiter.unsafeTryAcquire!("standard", 1, now)).toBe(false)
      const waiter = yield* Effect.fork(Effect.zipRight(limiter.acquire("standard", 1), Clock.currentTimeMillis))
      yield* TestClock.adjust("250 millis")
      // half a unit has come back, but the waiter is first in line: refused even where a unit would fit later
      expect(limiter.unsafeTryAcquire!("standard", 1, yield* Clock.currentTimeMillis)).toBe(false)
      yield* TestClock.adjust("250 millis")
      expect(yield* Fiber.join(waiter)).toBe(500)
      // the waiter gone, room that is there is taken again at once
      yield* TestClock.adjust("500 millis")
      expect(limiter.unsafeTryAcquire!("standard", 1, yield* Clock.currentTimeMillis)).toBe(true)
      expect(yield* limiter.available("standard")).toBe(0)
    }))

  it.effect("buckets are independent (historical 30/min does not block standard)", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make()
      for (let i = 0; i < 30; i++) yield* limiter.acquire("historical", 1)
      expect(yield* limiter.available("historical")).toBe(0)
      expect(yield* limiter.available("standard")).toBe(2000)
      yield* limiter.acquire("standard", 5)
      expect(yield* limiter.available("standard")).toBe(1995)
    }))

  it.effect("weights count against the budget", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make({ standard: { limit: 10, interval: "10 seconds" } })
      yield* limiter.acquire("standard", 7)
      expect(yield* limiter.available("standard")).toBe(3)
    }))

  it.effect("a pause after a 429 holds every caller of that bucket", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make()
      yield* limiter.pause("standard", Duration.seconds(2))
      expect(yield* limiter.available("standard")).toBe(0)
      const fiber = yield* Effect.fork(Effect.zipRight(limiter.acquire("standard", 1), Clock.currentTimeMillis))
      yield* TestClock.adjust("1999 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("100 millis")
      expect(yield* Fiber.join(fiber)).toBeGreaterThanOrEqual(2000)
    }))

  it.effect("onLimit: fail reports the wait instead of waiting", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make({ historical: { limit: 1, interval: "1 minute" }, onLimit: "fail" })
      expect(Option.isNone(yield* limiter.acquire("historical", 1))).toBe(true)
      const wait = yield* limiter.acquire("historical", 1)
      expect(Option.map(wait, Duration.toMillis)).toEqual(Option.some(60_000))
    }))

  it.effect("waiters are served in arrival order", () =>
    Effect.gen(function*() {
      const limiter = yield* RateLimiter.make({ standard: { limit: 1, interval: "1 second" } })
      yield* limiter.acquire("standard", 1)
      const order: Array<number> = []
      const fibers = yield* Effect.forEach([1, 2, 3], (i) =>
        Effect.fork(Effect.zipRight(limiter.acquire("standard", 1), Effect.sync(() => order.push(i)))))
      yield* TestClock.adjust("3 seconds")
      yield* Effect.forEach(fibers, Fiber.join)
      expect(order).toEqual([1, 2, 3])
    }))
})

/**
 * A corrupted private frame under the stream's default decode policy (`onDecodeError: "fail"`), found
 * by the account integrity suite: the `DecodeError` used to stop the `AccountState` view for good, and
 * `reconcile` then never answered. The view now subscribes again and catches the lost event up by REST
 * (as after a reconnect), and a view that did stop fails `reconcile` with what stopped it.
 */
import { AccountState, Orders } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Logger, LogLevel, Option, Redacted, Stream } from "effect"

/** A live view, then one corrupted frame in place of the next private event (an order's `orderAccepted`). */
const corrupted = Effect.gen(function*() {
  const sim = yield* Simulator.make({ seed: 8, rateLimits: false, demoAccount: false })
  const trader = yield* sim.createAccount({ balances: { USDC: "100000" } })
  const sdk = yield* Layer.build(BackpackNode.layer({
    host: sim.url,
    apiSecret: Redacted.make(trader.apiSecret),
    rateLimits: "unlimited",
    stream: { reconnectInitialDelay: "20 millis" }
  }))
  return yield* Effect.gen(function*() {
    const watcher = yield* AccountState.start({ reconcileEvery: "1 hour" })
    for (let i = 0; i < 300 && (yield* watcher.currentStatus)?._tag !== "Live"; i++) yield* Effect.sleep("10 millis")
    expect((yield* watcher.currentStatus)?._tag).toBe("Live")
    yield* sim.faults.corruptNextFrames(1)
    const order = yield* Orders.executeOrder({
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      price: "100",
      quantity: "1",
      postOnly: true
    })
    yield* Effect.sleep("500 millis")
    return { watcher, order, stopped: yield* Effect.either(Effect.timeout(watcher.await, "1 millis")) }
  }).pipe(Effect.provide(sdk))
})

describe("AccountState and a corrupted private frame (default decode policy)", () => {
  it.live("the view does not stop: it catches the lost event up by itself and is Live again", () =>
    Effect.gen(function*() {
      const { order, stopped, watcher } = yield* corrupted
      expect(Either.isLeft(stopped) && stopped.left._tag).toBe("TimeoutException")
      const view = yield* watcher.changes.pipe(
        Stream.filter((v) => v.orders.has(order.id)),
        Stream.runHead,
        Effect.timeout("5 seconds")
      )
      expect(Option.isSome(view)).toBe(true)
      expect((yield* watcher.currentStatus)?._tag).toBe("Live")
    }).pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.None)))

  it.live("the view survives it: the lost event is caught up as after a reconnect", () =>
    Effect.gen(function*() {
      const { order, stopped, watcher } = yield* corrupted
      expect(Either.isLeft(stopped) && stopped.left._tag).toBe("TimeoutException")
      yield* watcher.reconcile
      expect([...(yield* watcher.view).orders.keys()]).toEqual([order.id])
    }).pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.None)))

  it.live("reconcile answers after a corrupted frame instead of hanging", () =>
    Effect.gen(function*() {
      const { watcher } = yield* corrupted
      const answer = yield* watcher.reconcile.pipe(Effect.either, Effect.timeout("3 seconds"), Effect.either)
      expect(Either.isRight(answer), "reconcile answered within 3 s").toBe(true)
    }).pipe(Effect.scoped, Logger.withMinimumLogLevel(LogLevel.None)))
})

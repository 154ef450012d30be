import { BackpackConfig, RateLimiter, Signer } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, Redacted } from "effect"
import { demoPublicKey, demoSecret } from "./utils/mock.js"

describe("BackpackNode", () => {
  it.scoped("layer(options) wires the config, the node:crypto signer and Backpack's rate limits", () =>
    Effect.gen(function*() {
      const config = yield* BackpackConfig.BackpackConfig
      expect(config.host).toBe("http://127.0.0.1:9")
      const signer = yield* Signer.Signer
      expect(signer.publicKey).toEqual(Option.some(demoPublicKey))
      const limiter = yield* RateLimiter.RateLimiter
      expect(yield* limiter.available("standard")).toBe(2000)
      expect(yield* limiter.available("historical")).toBe(30)
    }).pipe(Effect.provide(BackpackNode.layer({ host: "http://127.0.0.1:9", apiSecret: Redacted.make(demoSecret) }))))

  it.scoped("rateLimits: custom budgets or unlimited", () =>
    Effect.gen(function*() {
      const custom = yield* Effect.flatMap(RateLimiter.RateLimiter, (l) => l.available("standard")).pipe(
        Effect.provide(BackpackNode.layer({ rateLimits: { standard: { limit: 10, interval: "1 second" } } }))
      )
      expect(custom).toBe(10)
      const unlimited = yield* Effect.flatMap(RateLimiter.RateLimiter, (l) => l.available("standard")).pipe(
        Effect.provide(BackpackNode.layer({ rateLimits: "unlimited" }))
      )
      expect(unlimited).toBe(Number.POSITIVE_INFINITY)
    }))

  it.scoped("a window above 60000 fails the layer with ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(BackpackConfig.BackpackConfig, BackpackNode.layer({ window: 60_001 }))
      )
      expect(error._tag).toBe("ConfigError")
    }))
})

import { BackpackClient, BackpackConfig, Endpoint, RateLimiter, Signer, System } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, Redacted, Schema } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
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

  it.effect("keeps the connection after a DELETE with a JSON body (Backpack's cancels)", () =>
    Effect.gen(function*() {
      let connections = 0
      const server = createServer((req, res) => {
        req.resume()
        req.on("end", () => {
          res.writeHead(200, { "content-type": "application/json" })
          res.end(req.method === "GET" ? JSON.stringify({ status: "Ok", message: null }) : "")
        })
      })
      server.on("connection", () => connections++)
      yield* Effect.acquireRelease(
        Effect.promise(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
        () => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
      )
      const port = (server.address() as AddressInfo).port
      const cancel = Endpoint.make({
        operationId: "test_cancel",
        name: "Test.cancel",
        method: "DELETE",
        path: "/api/v1/order",
        request: Schema.Struct({ symbol: Schema.String }),
        response: Endpoint.empty
      })
      yield* Effect.gen(function*() {
        for (let i = 0; i < 3; i++) {
          yield* BackpackClient.execute(cancel, { symbol: "SOL_USDC" })
          yield* (yield* System.System).getStatus()
        }
      }).pipe(Effect.provide(BackpackNode.layer({ host: `http://127.0.0.1:${port}`, rateLimits: "unlimited" })))
      // without reset: false undici reconnects after every DELETE with a body (6 connections here); with it,
      // only the very first request of a fresh connection is still followed by one reconnect
      expect(connections).toBeLessThanOrEqual(2)
    }).pipe(Effect.scoped))
})

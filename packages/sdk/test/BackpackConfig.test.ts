import { BackpackConfig } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Duration, Effect, Layer, Option, Redacted } from "effect"

const fromEnv = (env: Record<string, string>) =>
  BackpackConfig.BackpackConfig.pipe(
    Effect.provide(
      BackpackConfig.layerConfig().pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

describe("BackpackConfig", () => {
  it.effect("defaults from an empty environment", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({})
      expect(config.host).toBe("https://api.backpack.exchange")
      expect(config.wsUrl).toBe("wss://ws.backpack.exchange")
      expect(config.window).toBe(5000)
      expect(Duration.toMillis(config.timeout)).toBe(10_000)
      expect(Option.isNone(config.apiSecret)).toBe(true)
      expect(Option.isNone(config.apiKey)).toBe(true)
    }))

  it.effect("reads every variable; secrets stay Redacted", () =>
    Effect.gen(function*() {
      const config = yield* fromEnv({
        BACKPACK_HOST: "http://127.0.0.1:8080/",
        BACKPACK_WS_URL: "ws://127.0.0.1:8080",
        BACKPACK_API_SECRET: "c2VjcmV0",
        BACKPACK_API_KEY: "a2V5",
        BACKPACK_WINDOW: "60000",
        BACKPACK_TIMEOUT: "3 seconds"
      })
      expect(config.host).toBe("http://127.0.0.1:8080")
      expect(config.wsUrl).toBe("ws://127.0.0.1:8080")
      expect(config.window).toBe(60000)
      expect(Duration.toMillis(config.timeout)).toBe(3000)
      const secret = Option.getOrThrow(config.apiSecret)
      expect(Redacted.isRedacted(secret)).toBe(true)
      expect(Redacted.value(secret)).toBe("c2VjcmV0")
      expect(String(secret)).not.toContain("c2VjcmV0")
    }))

  it.effect("wsUrl follows a non-Backpack host (same server); Backpack hosts keep the public WebSocket", () =>
    Effect.gen(function*() {
      const local = yield* fromEnv({ BACKPACK_HOST: "http://127.0.0.1:8080/" })
      expect(local.wsUrl).toBe("ws://127.0.0.1:8080")
      const proxied = yield* BackpackConfig.make({ host: "https://user@proxy.example.com:8443/api" })
      expect(proxied.wsUrl).toBe("wss://user@proxy.example.com:8443")
      const backpack = yield* BackpackConfig.make({ host: "https://API.Backpack.Exchange" })
      expect(backpack.wsUrl).toBe("wss://ws.backpack.exchange")
      const explicit = yield* fromEnv({ BACKPACK_HOST: "http://127.0.0.1:8080", BACKPACK_WS_URL: "ws://10.0.0.1:9" })
      expect(explicit.wsUrl).toBe("ws://10.0.0.1:9")
      expect(BackpackConfig.wsUrlFor("https://backpack.exchange.evil.test")).toBe("wss://backpack.exchange.evil.test")
    }))

  for (const window of ["60001", "0", "-5"]) {
    it.effect(`window ${window} is a ConfigError`, () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(fromEnv({ BACKPACK_WINDOW: window }))
        expect(error._tag).toBe("ConfigError")
        expect(error.message).toContain("between 1 and 60000")
      }))
  }

  it.effect("a malformed value is a ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(fromEnv({ BACKPACK_WINDOW: "soon" }))
      expect(error._tag).toBe("ConfigError")
      const bad = yield* Effect.flip(BackpackConfig.make({ host: "api.backpack.exchange" }))
      expect(bad.message).toContain("http(s) URL")
    }))

  it.effect("layer(options) from plain values", () =>
    Effect.gen(function*() {
      const config = yield* BackpackConfig.BackpackConfig.pipe(
        Effect.provide(BackpackConfig.layer({ host: "http://127.0.0.1:1", window: 1, timeout: "250 millis" }))
      )
      expect([config.host, config.window, Duration.toMillis(config.timeout)]).toEqual(["http://127.0.0.1:1", 1, 250])
    }))
})

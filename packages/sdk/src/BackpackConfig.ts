/**
 * Client configuration: hosts, credentials (always `Redacted`), signing window, timeout, retries.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import { ConfigError } from "./BackpackError.js"

/**
 * The resolved configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resolved {
  /** REST base URL, without a trailing slash. */
  readonly host: string
  /**
   * WebSocket URL. When not given it follows `host`: Backpack's own hosts (`*.backpack.exchange`) use
   * `wss://ws.backpack.exchange`; any other host (a local simulator, a proxy) streams from the same
   * server, `ws://<host>` for `http://<host>` and `wss://<host>` for `https://<host>`, path `/`.
   */
  readonly wsUrl: string
  /** Base64 Ed25519 public key; derived from the secret when absent. */
  readonly apiKey: Option.Option<Redacted.Redacted<string>>
  /** Base64 Ed25519 seed (32 bytes; 64-byte seed‖public accepted). None: public endpoints only. */
  readonly apiSecret: Option.Option<Redacted.Redacted<string>>
  /** Signing window in ms, 1..60000. */
  readonly window: number
  /** Per-request timeout. */
  readonly timeout: Duration.Duration
  /** Optional broker id sent as `X-Broker-Id` on order and strategy placement. */
  readonly brokerId: Option.Option<number>
  /** How many times an idempotent call is retried on 429, 5xx, timeouts and transport errors. */
  readonly retries: number
  /**
   * The longest `Retry-After` the SDK honours (default 30 s). A 429 asking for longer fails at once
   * with `RateLimitError` carrying the server's value, and pauses the bucket for this long only.
   */
  readonly maxRetryAfter: Duration.Duration
  /**
   * The longest a call waits for the client-side rate limiter (default 2 minutes); past it the call fails
   * with `RateLimitError` and nothing is sent. The per-request `timeout` covers the exchange only.
   */
  readonly maxRateLimitWait: Duration.Duration
  /**
   * When set, signed calls re-measure the server clock (`System.getTime`) once this long has passed
   * since the last measurement. A request refused for its timestamp is re-signed after a fresh
   * measurement in any case.
   */
  readonly clockSyncInterval: Option.Option<Duration.Duration>
  /**
   * The decoding policy for informational fields (statistics, bands, multipliers, descriptive metadata,
   * listed in the README): `"lenient"` (default) keeps an answer whose informational field came in an
   * unexpected form, decodes that field as `undefined` and logs it once (Warning) per operation and field;
   * `"strict"` fails the answer with `DecodeError` like any other field.
   */
  readonly decoding: DecodingPolicy
}

/**
 * See {@link Resolved.decoding}.
 *
 * @since 0.3.0
 * @category models
 */
export type DecodingPolicy = "lenient" | "strict"

/**
 * @since 0.1.0
 * @category tags
 */
export class BackpackConfig extends Context.Tag("@effect-backpack/sdk/BackpackConfig")<BackpackConfig, Resolved>() {}

/**
 * Plain options (every field optional; defaults as in the environment table of the README).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly host?: string | undefined
  readonly wsUrl?: string | undefined
  readonly apiKey?: Redacted.Redacted<string> | undefined
  readonly apiSecret?: Redacted.Redacted<string> | undefined
  readonly window?: number | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly brokerId?: number | undefined
  readonly retries?: number | undefined
  readonly maxRetryAfter?: Duration.DurationInput | undefined
  readonly maxRateLimitWait?: Duration.DurationInput | undefined
  readonly clockSyncInterval?: Duration.DurationInput | undefined
  readonly decoding?: DecodingPolicy | undefined
}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaults = {
  host: "https://api.backpack.exchange",
  wsUrl: "wss://ws.backpack.exchange",
  window: 5000,
  timeout: Duration.seconds(10),
  retries: 3,
  maxRetryAfter: Duration.seconds(30),
  maxRateLimitWait: Duration.minutes(2),
  decoding: "lenient"
} as const

/**
 * The WebSocket URL that goes with a REST host when none is configured: `wss://ws.backpack.exchange`
 * for Backpack's own hosts, otherwise the same server (`http` → `ws`, `https` → `wss`, path `/`), so
 * that pointing only `host` at a local exchange never streams from (or signs subscriptions for) the
 * real one.
 *
 * @since 0.2.0
 * @category constructors
 */
export const wsUrlFor = (host: string): string => {
  const match = /^(https?):\/\/([^/?#\s]+)/.exec(host)
  if (match === null) return defaults.wsUrl
  const authority = match[2]!
  const hostname = authority.replace(/^[^@]*@/, "").replace(/:\d+$/, "").toLowerCase()
  if (hostname === "backpack.exchange" || hostname.endsWith(".backpack.exchange")) return defaults.wsUrl
  return `${match[1] === "https" ? "wss" : "ws"}://${authority}`
}

/**
 * Validates options into a {@link Resolved} configuration.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options = {}): Effect.Effect<Resolved, ConfigError> =>
  Effect.gen(function*() {
    const window = options.window ?? defaults.window
    if (!Number.isInteger(window) || window < 1 || window > 60_000) {
      return yield* new ConfigError({ detail: `window must be an integer between 1 and 60000 ms, got ${window}` })
    }
    const host = (options.host ?? defaults.host).replace(/\/+$/, "")
    if (!/^https?:\/\/[^\s]+$/.test(host)) {
      return yield* new ConfigError({ detail: `host must be an http(s) URL, got ${JSON.stringify(host)}` })
    }
    const wsUrl = options.wsUrl ?? wsUrlFor(host)
    if (!/^wss?:\/\/[^\s]+$/.test(wsUrl)) {
      return yield* new ConfigError({ detail: `wsUrl must be a ws(s) URL, got ${JSON.stringify(wsUrl)}` })
    }
    const timeout = Duration.decode(options.timeout ?? defaults.timeout)
    if (!Duration.isFinite(timeout) || Duration.toMillis(timeout) <= 0) {
      return yield* new ConfigError({ detail: `timeout must be a positive finite duration` })
    }
    const brokerId = options.brokerId
    if (brokerId !== undefined && (!Number.isInteger(brokerId) || brokerId < 0 || brokerId > 65_535)) {
      return yield* new ConfigError({ detail: `brokerId must be a uint16, got ${brokerId}` })
    }
    const retries = options.retries ?? defaults.retries
    if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
      return yield* new ConfigError({ detail: `retries must be an integer between 0 and 10, got ${retries}` })
    }
    const positive = (name: string, input: Duration.DurationInput) => {
      const duration = Duration.decode(input)
      return Duration.isFinite(duration) && Duration.toMillis(duration) > 0
        ? Effect.succeed(duration)
        : Effect.fail(new ConfigError({ detail: `${name} must be a positive finite duration` }))
    }
    const maxRetryAfter = yield* positive("maxRetryAfter", options.maxRetryAfter ?? defaults.maxRetryAfter)
    const maxRateLimitWait = yield* positive("maxRateLimitWait", options.maxRateLimitWait ?? defaults.maxRateLimitWait)
    const clockSyncInterval = options.clockSyncInterval === undefined
      ? Option.none()
      : Option.some(yield* positive("clockSyncInterval", options.clockSyncInterval))
    const decoding = options.decoding ?? defaults.decoding
    if (decoding !== "lenient" && decoding !== "strict") {
      return yield* new ConfigError({ detail: `decoding must be "lenient" or "strict", got ${String(decoding)}` })
    }
    return {
      decoding,
      maxRetryAfter,
      maxRateLimitWait,
      clockSyncInterval,
      host,
      wsUrl,
      apiKey: Option.fromNullable(options.apiKey),
      apiSecret: Option.fromNullable(options.apiSecret),
      window,
      timeout,
      brokerId: Option.fromNullable(brokerId),
      retries
    }
  })

/**
 * The environment read by `layerConfig`: `BACKPACK_HOST`, `BACKPACK_WS_URL`, `BACKPACK_API_KEY`,
 * `BACKPACK_API_SECRET`, `BACKPACK_WINDOW`, `BACKPACK_TIMEOUT`, `BACKPACK_BROKER_ID`,
 * `BACKPACK_RETRIES`, `BACKPACK_MAX_RETRY_AFTER`, `BACKPACK_MAX_RATE_LIMIT_WAIT`,
 * `BACKPACK_CLOCK_SYNC_INTERVAL`, `BACKPACK_DECODING`.
 *
 * @since 0.1.0
 * @category config
 */
export const fromEnv: Config.Config<Options> = Config.all({
  host: Config.string("BACKPACK_HOST").pipe(Config.withDefault(defaults.host)),
  // absent: follows the host (see `wsUrlFor`)
  wsUrl: Config.option(Config.string("BACKPACK_WS_URL")).pipe(Config.map(Option.getOrUndefined)),
  apiKey: Config.option(Config.redacted("BACKPACK_API_KEY")).pipe(Config.map(Option.getOrUndefined)),
  apiSecret: Config.option(Config.redacted("BACKPACK_API_SECRET")).pipe(Config.map(Option.getOrUndefined)),
  window: Config.integer("BACKPACK_WINDOW").pipe(Config.withDefault(defaults.window)),
  timeout: Config.duration("BACKPACK_TIMEOUT").pipe(Config.withDefault(defaults.timeout)),
  brokerId: Config.option(Config.integer("BACKPACK_BROKER_ID")).pipe(Config.map(Option.getOrUndefined)),
  retries: Config.integer("BACKPACK_RETRIES").pipe(Config.withDefault(defaults.retries)),
  maxRetryAfter: Config.duration("BACKPACK_MAX_RETRY_AFTER").pipe(Config.withDefault(defaults.maxRetryAfter)),
  maxRateLimitWait: Config.duration("BACKPACK_MAX_RATE_LIMIT_WAIT").pipe(
    Config.withDefault(defaults.maxRateLimitWait)
  ),
  clockSyncInterval: Config.option(Config.duration("BACKPACK_CLOCK_SYNC_INTERVAL")).pipe(
    Config.map(Option.getOrUndefined)
  ),
  decoding: Config.literal("lenient", "strict")("BACKPACK_DECODING").pipe(Config.withDefault(defaults.decoding))
})

/**
 * The configuration from plain values.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<BackpackConfig, ConfigError> =>
  Layer.effect(BackpackConfig, make(options))

/**
 * The configuration read through `Config` (by default {@link fromEnv}). A missing or malformed
 * value, or one out of range, fails with `ConfigError`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (config: Config.Config<Options> = fromEnv): Layer.Layer<BackpackConfig, ConfigError> =>
  Layer.effect(
    BackpackConfig,
    Effect.flatMap(
      Effect.mapError(config, (error) => new ConfigError({ detail: String(error) })),
      make
    )
  )

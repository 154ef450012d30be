/**
 * Request signing (Ed25519) exactly as Backpack verifies it.
 *
 * The signing string is `instruction=<ins>` + `&key=value` pairs of the request parameters (sorted
 * by key, unset ones dropped, booleans lower case, strings exactly as sent) + `&timestamp=<ms>` +
 * `&window=<ms>`. A batch (array body) repeats `instruction=<ins>&<pairs>` once per element. The
 * UTF-8 bytes are signed with the 32-byte seed and the signature is sent base64 in `X-Signature`.
 *
 * Two backends give identical bytes: `@noble/curves` (portable, {@link layer}) and `node:crypto`
 * (`NodeSigner` in `@effect-backpack/sdk/node`).
 *
 * @since 0.1.0
 */
import { ed25519 } from "@noble/curves/ed25519.js"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { BackpackConfig } from "./BackpackConfig.js"
import { ConfigError } from "./BackpackError.js"
import type { WireParams, WireValue } from "./Endpoint.js"

/**
 * The signing service. `publicKey` is the base64 API key (`None` when no secret is configured: then
 * only public endpoints work and signed calls fail with `AuthenticationError`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly publicKey: Option.Option<string>
  /** Signs the UTF-8 bytes of `message`; the base64 signature is kept `Redacted`. */
  readonly sign: (message: string) => Effect.Effect<Redacted.Redacted<string>>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Signer extends Context.Tag("@effect-backpack/sdk/Signer")<Signer, Service>() {}

// ---------------------------------------------------------------------------------------------
// signing string
// ---------------------------------------------------------------------------------------------

const renderValue = (value: WireValue): string =>
  typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value)

/**
 * The sorted `key=value` pairs of one parameter set (unset values dropped, repeated values of an
 * array kept in order as repeated pairs).
 *
 * @since 0.1.0
 * @category signing
 */
export const signingPairs = (params: WireParams): string => {
  const keys = Object.keys(params).filter((key) => params[key] !== undefined && params[key] !== null).sort()
  const pairs: Array<string> = []
  for (const key of keys) {
    const value = params[key]!
    if (Array.isArray(value)) {
      for (const item of value) pairs.push(`${key}=${renderValue(item)}`)
    } else {
      pairs.push(`${key}=${renderValue(value as WireValue)}`)
    }
  }
  return pairs.join("&")
}

/**
 * Builds the exact string Backpack expects to be signed. Pure; exported for debugging.
 *
 * @example
 * ```ts
 * import { Signer } from "@effect-backpack/sdk"
 *
 * Signer.signingString({
 *   instruction: "orderCancel",
 *   params: { orderId: 28, symbol: "BTC_USDT" },
 *   timestamp: 1614550000000,
 *   window: 5000
 * })
 * // "instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=1614550000000&window=5000"
 * ```
 *
 * @since 0.1.0
 * @category signing
 */
export const signingString = (options: {
  readonly instruction: string
  readonly params?: WireParams | ReadonlyArray<WireParams> | undefined
  readonly timestamp: number
  readonly window: number
}): string => {
  const sections: Array<string> = []
  const params = options.params
  if (Array.isArray(params)) {
    for (const element of params as ReadonlyArray<WireParams>) {
      const pairs = signingPairs(element)
      sections.push(pairs === "" ? `instruction=${options.instruction}` : `instruction=${options.instruction}&${pairs}`)
    }
    if (sections.length === 0) sections.push(`instruction=${options.instruction}`)
  } else {
    const pairs = params === undefined ? "" : signingPairs(params as WireParams)
    sections.push(pairs === "" ? `instruction=${options.instruction}` : `instruction=${options.instruction}&${pairs}`)
  }
  return `${sections.join("&")}&timestamp=${options.timestamp}&window=${options.window}`
}

// ---------------------------------------------------------------------------------------------
// keys
// ---------------------------------------------------------------------------------------------

const secretFormat = "base64 (standard alphabet, padded) of a 32-byte Ed25519 seed, or of a 64-byte seed‖public key"

/**
 * Decodes an API secret into its 32-byte seed. Fails with a `ConfigError` that states the
 * expected format and never echoes the secret.
 *
 * @since 0.1.0
 * @category keys
 */
export const decodeSecret = (secret: Redacted.Redacted<string>): Either.Either<Uint8Array, ConfigError> => {
  const text = Redacted.value(secret).trim()
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0
    ? Encoding.decodeBase64(text)
    : Either.left(undefined)
  if (Either.isLeft(bytes) || (bytes.right.length !== 32 && bytes.right.length !== 64)) {
    const length = Either.isRight(bytes) ? ` (it decodes to ${bytes.right.length} bytes)` : ""
    return Either.left(new ConfigError({ detail: `the API secret must be ${secretFormat}${length}` }))
  }
  return Either.right(bytes.right.slice(0, 32))
}

/**
 * The base64 API key (public key) of a seed.
 *
 * @since 0.1.0
 * @category keys
 */
export const publicKeyOf = (seed: Uint8Array): string => Encoding.encodeBase64(ed25519.getPublicKey(seed))

/**
 * Checks that a given API key matches the seed's public key, or derives it.
 *
 * @since 0.1.0
 * @category keys
 */
export const resolveApiKey = (
  derived: string,
  given: Option.Option<Redacted.Redacted<string>>
): Either.Either<string, ConfigError> =>
  Option.match(given, {
    onNone: () => Either.right(derived),
    onSome: (key) =>
      Redacted.value(key).trim() === derived
        ? Either.right(derived)
        : Either.left(
          new ConfigError({
            detail: `the API key does not match the API secret (the secret's public key is ${derived})`
          })
        )
  })

/**
 * Builds a signer from the secret with a signing function over the seed.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (
  options: { readonly apiSecret: Redacted.Redacted<string>; readonly apiKey?: Redacted.Redacted<string> | undefined },
  backend: (seed: Uint8Array) => (message: Uint8Array) => Uint8Array
): Effect.Effect<Service, ConfigError> =>
  Effect.gen(function*() {
    const seed = yield* decodeSecret(options.apiSecret)
    const apiKey = yield* resolveApiKey(publicKeyOf(seed), Option.fromNullable(options.apiKey))
    const signBytes = backend(seed)
    const encoder = new TextEncoder()
    return {
      publicKey: Option.some(apiKey),
      sign: (message) => Effect.sync(() => Redacted.make(Encoding.encodeBase64(signBytes(encoder.encode(message)))))
    }
  })

const nobleBackend = (seed: Uint8Array) => (message: Uint8Array) => ed25519.sign(message, seed)

/**
 * A signer on `@noble/curves` (portable: browsers, Deno, Bun, Node).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly apiSecret: Redacted.Redacted<string>
  readonly apiKey?: Redacted.Redacted<string> | undefined
}): Effect.Effect<Service, ConfigError> => makeWith(options, nobleBackend)

/**
 * A signer without credentials: only public endpoints can be called.
 *
 * @since 0.1.0
 * @category constructors
 */
export const none: Service = {
  publicKey: Option.none(),
  sign: () => Effect.dieMessage("Signer.none cannot sign: no API secret is configured")
}

/**
 * Builds the signer from `BackpackConfig` with the given backend (no secret configured → {@link none}).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromConfig = (
  backend: (seed: Uint8Array) => (message: Uint8Array) => Uint8Array
): Effect.Effect<Service, ConfigError, BackpackConfig> =>
  Effect.flatMap(BackpackConfig, (config) =>
    Option.match(config.apiSecret, {
      onNone: () =>
        Option.isSome(config.apiKey)
          ? Effect.fail(new ConfigError({ detail: "an API key was given without its API secret" }))
          : Effect.succeed(none),
      onSome: (apiSecret) => makeWith({ apiSecret, apiKey: Option.getOrUndefined(config.apiKey) }, backend)
    }))

/**
 * The portable signer (`@noble/curves`) built from `BackpackConfig`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Signer, ConfigError, BackpackConfig> = Layer.effect(Signer, fromConfig(nobleBackend))

/**
 * A signer from plain values (portable backend).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFrom = (options: {
  readonly apiSecret: Redacted.Redacted<string>
  readonly apiKey?: Redacted.Redacted<string> | undefined
}): Layer.Layer<Signer, ConfigError> => Layer.effect(Signer, make(options))

/**
 * No credentials: public endpoints only.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerNone: Layer.Layer<Signer> = Layer.succeed(Signer, none)

/**
 * A test double that answers every message with the same signature, for asserting request shapes.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerTest = (options: { readonly publicKey: string; readonly signature: string }): Layer.Layer<Signer> =>
  Layer.succeed(Signer, {
    publicKey: Option.some(options.publicKey),
    sign: () => Effect.succeed(Redacted.make(options.signature))
  })

/**
 * The `node:crypto` Ed25519 backend of the `Signer`: the private key object is built once, and
 * every signature is a single native call. Byte-for-byte identical to the portable backend.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Redacted from "effect/Redacted"
import * as Crypto from "node:crypto"
import type { BackpackConfig } from "./BackpackConfig.js"
import type { ConfigError } from "./BackpackError.js"
import * as Signer from "./Signer.js"

// DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it.
const pkcs8Prefix = Uint8Array.from([
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20
])

/**
 * The signing function of a seed on `node:crypto`.
 *
 * @since 0.1.0
 * @category backends
 */
export const backend = (seed: Uint8Array) => {
  const der = new Uint8Array(pkcs8Prefix.length + seed.length)
  der.set(pkcs8Prefix)
  der.set(seed, pkcs8Prefix.length)
  const key = Crypto.createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" })
  der.fill(0)
  return (message: Uint8Array): Uint8Array => new Uint8Array(Crypto.sign(null, message, key))
}

/**
 * A `node:crypto` signer from plain values.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly apiSecret: Redacted.Redacted<string>
  readonly apiKey?: Redacted.Redacted<string> | undefined
}): Effect.Effect<Signer.Service, ConfigError> => Signer.makeWith(options, backend)

/**
 * The `node:crypto` signer built from `BackpackConfig`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Signer.Signer, ConfigError, BackpackConfig> = Layer.effect(
  Signer.Signer,
  Signer.fromConfig(backend)
)

/**
 * A `node:crypto` signer from plain values.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFrom = (options: {
  readonly apiSecret: Redacted.Redacted<string>
  readonly apiKey?: Redacted.Redacted<string> | undefined
}): Layer.Layer<Signer.Signer, ConfigError> => Layer.effect(Signer.Signer, make(options))

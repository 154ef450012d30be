/**
 * Minimal, self-contained Backpack request signing (§2 of the API reference): the same canonicalisation the
 * simulator verifies. Handy for tests and scripts that talk to the simulator without the SDK.
 *
 * @since 0.1.0
 */
import * as Auth from "./internal/auth.js"

/**
 * Signed headers of a request.
 *
 * @since 0.1.0
 * @category models
 */
export type SignedHeaders = {
  readonly "X-API-Key": string
  readonly "X-Signature": string
  readonly "X-Timestamp": string
  readonly "X-Window": string
}

/**
 * Public key (base64) of a base64 32-byte seed.
 *
 * @since 0.1.0
 * @category constructors
 */
export const publicKey = (secret: string): string => {
  const seed = Auth.fromBase64(secret)
  if (seed === undefined || (seed.length !== 32 && seed.length !== 64)) throw new Error("secret must be 32 bytes")
  return Auth.toBase64(Auth.publicKeyFromSeed(seed.slice(0, 32)))
}

/**
 * The signing string of a request: `params` are the query parameters (GET) or the JSON body (an object, or an
 * array for batch orders).
 *
 * @since 0.1.0
 * @category constructors
 */
export const signingString = (
  instruction: string,
  params: Readonly<Record<string, unknown>> | ReadonlyArray<Readonly<Record<string, unknown>>>,
  timestamp: number | string,
  window: number | string = 5000
): string =>
  Array.isArray(params) ?
    Auth.batchSigningString(instruction, params as Array<Record<string, unknown>>, String(timestamp), String(window)) :
    Auth.signingString(
      instruction,
      Auth.pairsFromObject(params as Record<string, unknown>),
      String(timestamp),
      String(window)
    )

/**
 * Base64 Ed25519 signature of a message with a base64 seed.
 *
 * @since 0.1.0
 * @category constructors
 */
export const sign = (secret: string, message: string): string => {
  const seed = Auth.fromBase64(secret)
  if (seed === undefined || (seed.length !== 32 && seed.length !== 64)) throw new Error("secret must be 32 bytes")
  return Auth.sign(message, seed.slice(0, 32))
}

/**
 * Verifies a base64 signature against a base64 public key.
 *
 * @since 0.1.0
 * @category constructors
 */
export const verify = (apiKey: string, message: string, signature: string): boolean => {
  const key = Auth.fromBase64(apiKey)
  return key !== undefined && key.length === 32 && Auth.verify(signature, message, key)
}

/**
 * Headers of a signed request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const headers = (options: {
  readonly secret: string
  readonly instruction: string
  readonly params?: Readonly<Record<string, unknown>> | ReadonlyArray<Readonly<Record<string, unknown>>>
  readonly timestamp: number
  readonly window?: number
}): SignedHeaders => {
  const window = options.window ?? 5000
  const message = signingString(options.instruction, options.params ?? {}, options.timestamp, window)
  return {
    "X-API-Key": publicKey(options.secret),
    "X-Signature": sign(options.secret, message),
    "X-Timestamp": String(options.timestamp),
    "X-Window": String(window)
  }
}

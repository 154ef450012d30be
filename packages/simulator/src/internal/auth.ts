/**
 * Ed25519 keys and the Backpack signing-string canonicalisation (§2 of the API reference), implemented
 * independently of the SDK.
 *
 * @internal
 */
import { ed25519 } from "@noble/curves/ed25519.js"
import type { KeyObject } from "node:crypto"
import { createPublicKey, verify as cryptoVerify } from "node:crypto"

/** Decodes standard base64; `undefined` when the text is not base64. */
export const fromBase64 = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined
  return new Uint8Array(Buffer.from(text, "base64"))
}

/** Encodes standard base64 with padding. */
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64")

/** Derives the 32-byte public key from a 32-byte seed. */
export const publicKeyFromSeed = (seed: Uint8Array): Uint8Array => ed25519.getPublicKey(seed)

/** Signs the UTF-8 bytes of `message`; returns the base64 signature. */
export const sign = (message: string, seed: Uint8Array): string =>
  toBase64(ed25519.sign(new TextEncoder().encode(message), seed))

const verifyingKeys = new WeakMap<Uint8Array, KeyObject | null>()

/** The node:crypto key of a 32-byte Ed25519 public key (cached per key array), `null` when it is not one. */
const verifyingKey = (publicKey: Uint8Array): KeyObject | null => {
  let key = verifyingKeys.get(publicKey)
  if (key === undefined) {
    try {
      key = createPublicKey({
        key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(publicKey).toString("base64url") },
        format: "jwk"
      })
    } catch {
      key = null
    }
    verifyingKeys.set(publicKey, key)
  }
  return key
}

/** Verifies a base64 signature (node:crypto, OpenSSL's Ed25519: the request hot path). Never throws. */
export const verify = (signature: string, message: string, publicKey: Uint8Array): boolean => {
  const sig = fromBase64(signature)
  const key = verifyingKey(publicKey)
  if (sig === undefined || sig.length !== 64 || key === null) return false
  try {
    return cryptoVerify(null, Buffer.from(message, "utf8"), key, sig)
  } catch {
    return false
  }
}

/** Renders one value the way the signing string expects (raw strings, JSON text for the rest). */
export const renderValue = (value: unknown): string => {
  if (typeof value === "string") return value
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value)
  return JSON.stringify(value)
}

/** Sorted `key=value` pairs of a JSON object's top-level fields, dropping `null`/absent values (none for a non-object). */
export const pairsFromObject = (body: unknown): Array<readonly [string, string]> =>
  typeof body !== "object" || body === null || Array.isArray(body) ? [] : pairsOf(body as Record<string, unknown>)

const pairsOf = (body: Record<string, unknown>): Array<readonly [string, string]> =>
  Object.keys(body)
    .filter((key) => body[key] !== null && body[key] !== undefined)
    .sort()
    .map((key) => [key, renderValue(body[key])] as const)

/** Sorted (stable, repeated keys kept in order) `key=value` pairs of a query string, values decoded. */
export const pairsFromQuery = (query: URLSearchParams): Array<readonly [string, string]> =>
  Array.from(query.entries())
    .map(([k, v], i) => [k, v, i] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]))
    .map(([k, v]) => [k, v] as const)

const join = (pairs: ReadonlyArray<readonly [string, string]>, encode: boolean): string =>
  pairs.map(([k, v]) => `${k}=${encode ? encodeURIComponent(v) : v}`).join("&")

/** The signing string of a single request. `encode` produces CCXT's percent-encoded variant. */
export const signingString = (
  instruction: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  timestamp: string,
  window: string,
  encode = false
): string => {
  const params = join(pairs, encode)
  return `instruction=${instruction}${params.length > 0 ? `&${params}` : ""}&timestamp=${timestamp}&window=${window}`
}

/** The signing string of a batch body (§2.4): one `instruction=` segment per element. */
export const batchSigningString = (
  instruction: string,
  items: ReadonlyArray<unknown>,
  timestamp: string,
  window: string,
  encode = false
): string => {
  const parts = items.map((item) => {
    const params = join(pairsFromObject(item), encode)
    return `instruction=${instruction}${params.length > 0 ? `&${params}` : ""}`
  })
  return `${parts.join("&")}&timestamp=${timestamp}&window=${window}`
}

/**
 * Test doubles: a mock `HttpClient` that records every request and answers from a handler, and
 * the wiring of the SDK on top of it (fixed or real signer, unlimited rate limiter).
 */
import { Backpack, BackpackConfig, type Endpoint, RateLimiter, Signer } from "@effect-backpack/sdk"
import * as HttpClient from "@effect/platform/HttpClient"
import { ed25519 } from "@noble/curves/ed25519.js"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { expect } from "vitest"
import { makeRecorder, type RecordedRequest, type RecordedResponse } from "../../src/internal/testing/http.js"

/** A request as the mock server saw it. */
export type Recorded = RecordedRequest

/** What a handler answers. */
export type Reply = RecordedResponse

/** Returning "reset" simulates a connection failure; a promise that never settles, a hang. */
export type Handler = (request: Recorded, attempt: number) => Reply | "reset" | Promise<Reply | "reset">

/** The demo keypair of Backpack's support guides (public; for tests only). */
export const demoSecret = "4odxgSUxFrC/zsKWZF4OQwYAgnNu9hnWH3NxWfLAPz4="
export const demoPublicKey = "zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A="

const unanswered: Handler = (request) => {
  throw new Error(`mockHttp: no handler for ${request.method} ${request.path} (call respond first)`)
}

/**
 * A mock HttpClient layer (the SDK's recording client, `Testing.layerHttp`'s engine) plus the list of
 * requests it received. `respond(handler)` gives it new answers and clears the list, so one layer can
 * be shared by a whole `it.layer` suite.
 */
export const mockHttp = (handler: Handler = unanswered) => {
  const recorder = makeRecorder(handler)
  return {
    layer: Layer.succeed(HttpClient.HttpClient, recorder.client),
    requests: recorder.requests,
    respond: (next: Handler) => recorder.reset(next)
  }
}

/** Serves a fixed JSON body (or text) for every request. */
export const serve = (reply: Reply) => mockHttp(() => reply)

/**
 * The SDK wired on a mock HttpClient: unlimited rate limiter, a host of `https://api.test`, the
 * demo signer (real Ed25519) unless `signer` is given, no retries unless asked.
 */
export const sdkLayer = (
  http: Layer.Layer<HttpClient.HttpClient>,
  options: {
    readonly signer?: Layer.Layer<Signer.Signer, never, BackpackConfig.BackpackConfig> | undefined
    readonly config?: BackpackConfig.Options | undefined
  } = {}
) =>
  Backpack.layerWith({
    config: BackpackConfig.layer({
      host: "https://api.test",
      apiSecret: Redacted.make(demoSecret),
      retries: 0,
      ...options.config
    }),
    signer: options.signer ?? Signer.layer,
    httpClient: http,
    rateLimiter: RateLimiter.layerUnlimited
  }).pipe(Layer.orDie)

/** A fixed signer: every signature is `"SIG"`, the key is the demo public key. */
export const fixedSigner = Signer.layerTest({ publicKey: demoPublicKey, signature: "SIG" })

/**
 * Checks the signing headers of a recorded request and verifies its Ed25519 signature (demo key)
 * over the signing string recomputed from `instruction`, `params` and the request's own
 * `X-Timestamp` / `X-Window`. Returns that signing string.
 */
export const expectSigned = (
  request: Recorded,
  instruction: string,
  params?: Endpoint.WireParams | ReadonlyArray<Endpoint.WireParams>
): string => {
  expect(request.headers["x-api-key"]).toBe(demoPublicKey)
  expect(request.headers["x-timestamp"]).toMatch(/^\d+$/)
  expect(request.headers["x-window"]).toBe("5000")
  const message = Signer.signingString({
    instruction,
    params,
    timestamp: Number(request.headers["x-timestamp"]),
    window: Number(request.headers["x-window"])
  })
  const bytes = (base64: string) => Either.getOrThrow(Encoding.decodeBase64(base64))
  expect(
    ed25519.verify(bytes(request.headers["x-signature"]!), new TextEncoder().encode(message), bytes(demoPublicKey))
  )
    .toBe(true)
  return message
}

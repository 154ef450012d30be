/**
 * Test doubles: a mock `HttpClient` that records every request and answers from a handler, and
 * the wiring of the SDK on top of it (fixed or real signer, unlimited rate limiter).
 */
import { Backpack, BackpackConfig, type Endpoint, RateLimiter, Signer } from "@effect-backpack/sdk"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { ed25519 } from "@noble/curves/ed25519.js"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { expect } from "vitest"

/** A request as the mock server saw it. */
export interface Recorded {
  readonly method: string
  readonly url: URL
  readonly path: string
  readonly query: Record<string, string | Array<string>>
  readonly headers: Record<string, string>
  readonly body: string | undefined
  readonly json: unknown
}

/** What a handler answers. */
export interface Reply {
  readonly status?: number
  readonly body?: unknown
  readonly text?: string
  readonly headers?: Record<string, string>
}

/** Throwing from a handler (or returning "reset") simulates a connection failure. */
export type Handler = (request: Recorded, attempt: number) => Reply | "reset" | Promise<Reply | "reset">

/** The demo keypair of Backpack's support guides (public; for tests only). */
export const demoSecret = "4odxgSUxFrC/zsKWZF4OQwYAgnNu9hnWH3NxWfLAPz4="
export const demoPublicKey = "zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A="

const record = (request: HttpClientRequest.HttpClientRequest): Recorded => {
  const url = new URL(request.url + (request.urlParams.length > 0 ? "" : ""))
  const query: Record<string, string | Array<string>> = {}
  for (const [key, value] of url.searchParams) {
    const existing = query[key]
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  const body = request.body._tag === "Uint8Array"
    ? new TextDecoder().decode(request.body.body)
    : undefined
  return {
    method: request.method,
    url,
    path: url.pathname,
    query,
    headers: { ...request.headers },
    body,
    json: body === undefined || body === "" ? undefined : JSON.parse(body)
  }
}

/** A mock HttpClient layer plus the list of requests it received. */
export const mockHttp = (handler: Handler) => {
  const requests: Array<Recorded> = []
  const layer = Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request) =>
      Effect.gen(function*() {
        const recorded = record(request)
        requests.push(recorded)
        const reply = yield* Effect.promise(() => Promise.resolve(handler(recorded, requests.length)))
        if (reply === "reset") {
          return yield* Effect.fail(
            new (yield* Effect.promise(() => import("@effect/platform/HttpClientError"))).RequestError({
              request,
              reason: "Transport",
              cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
            })
          )
        }
        const status = reply.status ?? 200
        const text = reply.text ?? (reply.body === undefined ? "" : JSON.stringify(reply.body))
        const isNullBody = status === 204 || status === 205 || status === 304
        return HttpClientResponse.fromWeb(
          request,
          new Response(isNullBody ? null : text, {
            status,
            headers: { "content-type": reply.text !== undefined ? "text/plain" : "application/json", ...reply.headers }
          })
        )
      })
    )
  )
  return { layer, requests }
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

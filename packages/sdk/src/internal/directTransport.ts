/**
 * The executor's direct path to undici: one request, its whole answer read, within a deadline, as a
 * single asynchronous step. `BackpackNode.layerHttpClient` attaches it to the `HttpClient` it builds
 * (over the same connection pool); the executor takes it only when that very client is in use (no
 * `transformClient`) and the fiber's clock is the live one, and otherwise goes through the
 * `HttpClient` pipeline with `Effect.timeout`, which is what this path must equal (property-tested
 * in `DirectTransport.test.ts`).
 *
 * What it saves per request, against the platform's client under the executor's middleware: the URL
 * parse, the response registry, the `Effect.timeout` race (two forked fibers), the cached body
 * effect and the wrappers of each middleware layer.
 */
import type * as Undici from "@effect/platform-node/Undici"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/** A request ready to leave: absolute path on the client's origin, every header, the body text. */
export interface Outgoing {
  readonly method: string
  /** Path and query, relative to the origin (`/api/v1/order`). */
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string | undefined
}

/** A whole answer. */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
  readonly text: string
}

/** Why no answer came: the stage (`Transport` before any answer, `Decode` while reading the body) and the cause. */
export class Failure {
  readonly _tag = "Failure"
  constructor(readonly reason: "Transport" | "Decode", readonly cause: unknown) {}
}

/**
 * @since 0.4.0
 */
export interface DirectTransport {
  /** Sends and reads the whole answer; `TimeoutException` when `timeoutMillis` passes first (the request is aborted). */
  readonly send: (
    origin: string,
    request: Outgoing,
    timeoutMillis: number
  ) => Effect.Effect<Answer, Failure | Cause.TimeoutException>
}

const TypeId: unique symbol = Symbol.for("@effect-backpack/sdk/internal/DirectTransport")

/** The direct path of an `HttpClient`, when it has one. */
export const of = (client: HttpClient.HttpClient): DirectTransport | undefined =>
  (client as unknown as { readonly [TypeId]?: DirectTransport })[TypeId]

/** The client, carrying `transport` as its direct path. */
export const attach = (client: HttpClient.HttpClient, transport: DirectTransport): HttpClient.HttpClient =>
  Object.assign(client, { [TypeId]: transport })

/** The longest delay a timer takes (a longer one fires at once). */
const maxTimerMillis = 2 ** 31 - 1

/** Aborts the request when the deadline passes (told apart from an interruption by its reason). */
class Deadline extends Error {}

/**
 * The direct path over an undici dispatcher. `reset: false` keeps the connection after a `DELETE`
 * with a body (undici closes it by default), as `BackpackNode.layerHttpClient` does.
 */
export const make = (dispatcher: Undici.Dispatcher): DirectTransport => ({
  send: (origin, request, timeoutMillis) =>
    Effect.async<Answer, Failure | Cause.TimeoutException>((resume) => {
      const controller = new AbortController()
      let settled = false
      // beyond a timer's range (an infinite timeout) there is no deadline, as with `Effect.timeout`
      const timer = timeoutMillis >= maxTimerMillis ? undefined : setTimeout(() => {
        if (settled) return
        settled = true
        controller.abort(new Deadline(`no answer within ${timeoutMillis} ms`))
        resume(Effect.fail(
          new Cause.TimeoutException(`Operation timed out after '${Duration.format(Duration.millis(timeoutMillis))}'`)
        ))
      }, timeoutMillis)
      const fail = (reason: Failure["reason"]) => (cause: unknown) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resume(Effect.fail(new Failure(reason, cause)))
      }
      dispatcher.request({
        origin,
        path: request.path,
        method: request.method as Undici.Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body ?? null,
        signal: controller.signal,
        reset: false,
        // the deadline above bounds the whole exchange
        headersTimeout: 0,
        bodyTimeout: 0
      }).then(
        (response) =>
          response.body.text().then((text) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resume(Effect.succeed({ status: response.statusCode, headers: response.headers, text }))
          }, fail("Decode")),
        fail("Transport")
      )
      return Effect.sync(() => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        controller.abort()
      })
    })
})

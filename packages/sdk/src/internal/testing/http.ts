/**
 * The recording HTTP client behind `Testing.layerHttp` (and the SDK's own tests): every request is
 * recorded in a readable form, and answered by a handler without any network.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"

import type { Answer, RecordedRequest, RecordedResponse, Responses } from "../../Testing.js"

export type { Answer, RecordedRequest, RecordedResponse, Responses }

/** Answers a request; `attempt` counts the requests received so far, this one included (from 1). */
export type Handler = (request: RecordedRequest, attempt: number) => Answer | Promise<Answer>

const record = (request: HttpClientRequest.HttpClientRequest): RecordedRequest => {
  const url = new URL(request.url)
  for (const [key, value] of request.urlParams) url.searchParams.append(key, value)
  const query: Record<string, string | Array<string>> = {}
  for (const [key, value] of url.searchParams) {
    const existing = query[key]
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]
  }
  const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
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

const nullBodyStatuses = new Set([204, 205, 304])

const respond = (request: HttpClientRequest.HttpClientRequest, answer: Answer) => {
  if (answer === "hang") return Effect.never
  if (answer === "reset") {
    return Effect.fail(
      new HttpClientError.RequestError({
        request,
        reason: "Transport",
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
      })
    )
  }
  const status = answer.status ?? 200
  const text = answer.text ?? (answer.body === undefined ? "" : JSON.stringify(answer.body))
  return Effect.succeed(HttpClientResponse.fromWeb(
    request,
    new Response(nullBodyStatuses.has(status) ? null : text, {
      status,
      headers: { "content-type": answer.text !== undefined ? "text/plain" : "application/json", ...answer.headers }
    })
  ))
}

/** A recording client: mutable state so a shared test layer can be given new answers per test. */
export interface Recorder {
  readonly client: HttpClient.HttpClient
  /** Every request received since the last `reset`, oldest first (the same array, kept up to date). */
  readonly requests: ReadonlyArray<RecordedRequest>
  /** Answers further requests with `handler` and forgets the requests recorded so far. */
  readonly reset: (handler: Handler) => void
}

/** A recording client answering with `handler`. */
export const makeRecorder = (handler: Handler): Recorder => {
  const requests: Array<RecordedRequest> = []
  let current = handler
  const client = HttpClient.make((request) =>
    Effect.suspend(() => {
      const recorded = record(request)
      requests.push(recorded)
      const answer = current(recorded, requests.length)
      return answer instanceof Promise
        ? Effect.flatMap(Effect.promise(() => answer), (a) => respond(request, a))
        : respond(request, answer)
    })
  )
  return {
    client,
    requests,
    reset: (next) => {
      requests.length = 0
      current = next
    }
  }
}

/**
 * A handler answering from recorded responses: a list is answered in order (its last answer
 * repeated), a function is called. A request with no recorded answer is a defect naming it.
 */
export const fromResponses = (responses: Responses): Handler => {
  const served = new Map<string, number>()
  return (request) => {
    const exact = `${request.method} ${request.path}`
    const key = exact in responses ? exact : request.path in responses ? request.path : undefined
    if (key === undefined) {
      const known = Object.keys(responses)
      throw new Error(
        `Testing.layerHttp: no recorded response for ${exact}` +
          (known.length === 0 ? " (none recorded)" : ` (recorded: ${known.join(", ")})`)
      )
    }
    const entry = responses[key]!
    if (typeof entry === "function") return entry(request)
    if (Array.isArray(entry)) {
      const n = served.get(key) ?? 0
      served.set(key, n + 1)
      return (entry as ReadonlyArray<Answer>)[Math.min(n, entry.length - 1)]!
    }
    return entry as Answer
  }
}

/**
 * What a route answers (`Reply`) and how it becomes an HTTP response.
 *
 * @internal
 */
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { ApiFailure, PlainFailure } from "../engine/model.js"

export type Reply =
  | {
    readonly _tag: "json"
    readonly status: number
    readonly body: unknown
    readonly headers?: Record<string, string>
  }
  | {
    readonly _tag: "text"
    readonly status: number
    readonly body: string
    readonly headers?: Record<string, string>
    /** Default `text/plain; charset=utf-8`. */
    readonly contentType?: string
  }
  | { readonly _tag: "empty"; readonly status: number }

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply =>
  headers === undefined ? { _tag: "json", status, body } : { _tag: "json", status, body, headers }
export const text = (body: string, status = 200): Reply => ({ _tag: "text", status, body })
/** A body sent as is with its content type (fault injection: HTML pages, truncated or empty JSON). */
export const raw = (body: string, status: number, contentType: string): Reply => ({
  _tag: "text",
  status,
  body,
  contentType
})
export const empty = (status: number): Reply => ({ _tag: "empty", status })
export const apiError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply =>
  json({ code, message }, status, headers)

export const toResponse = (reply: Reply): HttpServerResponse.HttpServerResponse => {
  switch (reply._tag) {
    case "json":
      return HttpServerResponse.text(JSON.stringify(reply.body), {
        status: reply.status,
        contentType: "application/json; charset=utf-8",
        ...(reply.headers === undefined ? {} : { headers: reply.headers })
      })
    case "text":
      return HttpServerResponse.text(reply.body, {
        status: reply.status,
        contentType: reply.contentType ?? "text/plain; charset=utf-8",
        ...(reply.headers === undefined ? {} : { headers: reply.headers })
      })
    case "empty":
      return HttpServerResponse.empty({ status: reply.status })
  }
}

/** The text a reply's body is sent as. */
export const bodyText = (reply: Reply): string =>
  reply._tag === "json" ? JSON.stringify(reply.body) : reply._tag === "text" ? reply.body : ""

/** Logs a defect of the simulator (a bug: the request gets a 500, the server carries on). */
export const logDefect = (where: string, defect: unknown): void => {
  console.error(`[simulator] defect in ${where}:`, defect)
}

/** The answer to a thrown rejection; anything else is a defect of the simulator: logged, answered 500. */
export const failureReply = (e: unknown, where = "a request handler"): Reply => {
  if (e instanceof ApiFailure) return apiError(e.status, e.code, e.message)
  if (e instanceof PlainFailure) return text(e.text, e.status)
  logDefect(where, e)
  return apiError(500, "SERVER_ERROR", "Internal server error")
}

/**
 * Fault injection on the REST answers: what a proxy, a load balancer or a broken connection does to an answer the
 * exchange has already produced (late, replaced by a 5xx page, cut mid-body, dropped, malformed).
 *
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import type { Controls, FaultKind, RouteFaults } from "../controls.js"
import type { Reply } from "./reply.js"
import { bodyText, raw } from "./reply.js"

/** Default delay of a late answer, ms: past the SDK's default 10 s timeout. */
export const defaultLateAnswerMs = 15_000

const proxyTitles: Readonly<Record<number, string>> = {
  500: "500 Internal Server Error",
  502: "502 Bad Gateway",
  504: "504 Gateway Time-out"
}

/** The page a reverse proxy sends in place of the upstream's answer. */
export const proxyPage = (status: number): string => {
  const title = proxyTitles[status] ?? `${status} Error`
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** An application error page served with status 200 (a misconfigured edge, a captive portal). */
export const htmlErrorPage =
  "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head><body><h1>Something went wrong</h1><p>We are looking into it. Please try again later.</p></body></html>"

/** The first half of a JSON text (at least one character, never all of it when it has two or more). */
export const truncated = (text: string): string => text.slice(0, Math.max(1, Math.floor(text.length / 2)))

const jsonType = "application/json; charset=utf-8"

/** Writes the status line, the headers (with the full `content-length`) and half of the body, then cuts. */
const cut = (request: HttpServerRequest.HttpServerRequest, reply: Reply): Effect.Effect<never> =>
  Effect.zipRight(
    Effect.sync(() => {
      const response = NodeHttpServerRequest.toServerResponse(request)
      const body = Buffer.from(reply._tag === "empty" ? "{}" : bodyText(reply))
      response.writeHead(reply.status, {
        "content-type": reply._tag === "text" ? reply.contentType ?? "text/plain; charset=utf-8" : jsonType,
        "content-length": String(body.length)
      })
      response.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))), () => response.socket?.destroy())
    }),
    Effect.never
  )

/** Destroys the connection without a byte of answer. */
const drop = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<never> =>
  Effect.zipRight(
    Effect.sync(() => NodeHttpServerRequest.toIncomingMessage(request).socket.destroy()),
    Effect.never
  )

/** Whether `kind` can change this reply (malformed bodies replace 2xx JSON answers only). */
export const applies = (kind: FaultKind, reply: Reply): boolean =>
  kind === "truncatedJson" || kind === "htmlPage" || kind === "emptyBody"
    ? reply._tag === "json" && reply.status >= 200 && reply.status < 300
    : true

/** Applies a post-execution fault to an answer. */
export const afterExecution = (
  controls: Controls,
  kind: FaultKind,
  faults: RouteFaults,
  request: HttpServerRequest.HttpServerRequest,
  reply: Reply
): Effect.Effect<Reply> => {
  switch (kind) {
    case "lateAnswer":
      return Effect.as(Effect.sleep(faults.lateAnswerMs ?? defaultLateAnswerMs), reply)
    case "serverError": {
      const status = controls.faultPrng.pick([500, 502, 504])
      return Effect.succeed(raw(proxyPage(status), status, "text/html"))
    }
    case "cutMidBody":
      return cut(request, reply)
    case "dropAnswer":
    case "dropAfterAccept":
      return drop(request)
    case "truncatedJson":
      return Effect.succeed(raw(truncated(bodyText(reply)), reply.status, jsonType))
    case "htmlPage":
      return Effect.succeed(raw(htmlErrorPage, 200, "text/html; charset=utf-8"))
    case "emptyBody":
      return Effect.succeed(raw("", 200, jsonType))
    default:
      return Effect.succeed(reply)
  }
}

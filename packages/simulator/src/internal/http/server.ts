/**
 * The REST server: mounts every domain's routes on an `HttpRouter` with Backpack's request pipeline (fault
 * injection, signature headers, bounded body, JSON, signature, rate limits, funding catch-up, handler) and the
 * control routes. Every request gets an answer: a rejection is a 4xx, a defect of the simulator a logged 500 for
 * that request alone.
 *
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import type { Controls } from "../controls.js"
import { consume } from "../controls.js"
import type { Engine } from "../engine/engine.js"
import type { Account } from "../engine/model.js"
import { settleDueFunding } from "../engine/perps.js"
import type { Claim } from "./authenticate.js"
import { preAuthenticate, signingCandidates, verifyClaim } from "./authenticate.js"
import * as Body from "./body.js"
import { parseJson, tooLarge } from "./body.js"
import { control } from "./control.js"
import type { Reply } from "./reply.js"
import { apiError, failureReply, logDefect, text, toResponse } from "./reply.js"
import type { Route } from "./route.js"
import { domains } from "./routes/index.js"

/** Every Backpack route of the simulator. */
export const allRoutes = (engine: Engine): ReadonlyArray<Route> => domains.flatMap((domain) => domain(engine))

/** The request target as a URL; `undefined` when it cannot be one. */
export const requestUrl = (target: string): URL | undefined => {
  try {
    return new URL(target.startsWith("/") ? `http://localhost${target}` : target)
  } catch {
    return undefined
  }
}

const attempt = <A>(f: () => A): { readonly ok: A } | { readonly reply: Reply } => {
  try {
    return { ok: f() }
  } catch (e) {
    return { reply: failureReply(e) }
  }
}

/** Closes the connection after a rejection that left the body unread. */
const closing = (reply: Reply): Reply =>
  reply._tag === "json" ? { ...reply, headers: { ...reply.headers, connection: "close" } } : reply

const pipeline = (engine: Engine, controls: Controls, route: Route) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    if (controls.latencyMs > 0) yield* Effect.sleep(controls.latencyMs)
    if (controls.rate429 > 0 && controls.faultPrng.next() < controls.rate429) {
      return apiError(429, "TOO_MANY_REQUESTS", "Too many requests", { "retry-after": "1" })
    }
    if (controls.rate503 > 0 && controls.faultPrng.next() < controls.rate503) {
      return apiError(503, "MAINTENANCE", "Service unavailable")
    }
    const url = requestUrl(request.url)
    if (url === undefined) return text("Bad Request: invalid request target", 400)
    const headers = request.headers as Record<string, string | undefined>
    const readsBody = route.method !== "GET"
    // signed routes: the headers are checked before a byte of the body is read
    let claim: Claim | undefined
    if (route.instruction !== undefined) {
      const checked = attempt(() => preAuthenticate(engine, controls, headers))
      if ("reply" in checked) return readsBody ? closing(checked.reply) : checked.reply
      claim = checked.ok
    }
    let body: unknown = undefined
    if (readsBody) {
      const read = yield* Body.read(incoming, controls.limits.maxBodyBytes)
      if (read._tag === "TooLarge") return tooLarge(controls)
      if (read._tag === "Failed") return text("Bad Request: the body could not be read", 400)
      const parsed = parseJson(controls, read.text)
      if (parsed._tag !== "Parsed") return parsed
      body = parsed.value
    }
    const run = attempt((): Reply => {
      let account: Account | undefined
      if (claim !== undefined) {
        account = verifyClaim(claim, signingCandidates(route.instruction!, url.searchParams, body))
      }
      const limits = controls.rateLimits
      if (limits !== undefined) {
        const who = account?.apiKey ?? `ip:${incoming.socket.remoteAddress ?? "?"}`
        const bucket = route.historical === true ? "historical" : "standard"
        const wait = consume(
          controls,
          `${bucket}:${who}`,
          route.historical === true ? limits.historical : limits.standard,
          engine.now()
        )
        if (wait !== undefined) {
          return apiError(429, "TOO_MANY_REQUESTS", "Too many requests, please retry later", {
            "retry-after": String(wait)
          })
        }
      }
      settleDueFunding(engine)
      return route.handler({ engine, query: url.searchParams, body, account: account ?? engine.feeAccount() })
    })
    const reply = "reply" in run ? run.reply : run.ok
    if (route.orderMutation === true && controls.dropAfterAccept > 0 && reply.status === 200) {
      controls.dropAfterAccept--
      incoming.socket.destroy()
      return yield* Effect.never
    }
    return reply
  })

/** Runs a pipeline to a response; a defect anywhere becomes a logged 500 for this request alone. */
export const respond = <E, R>(where: string, effect: Effect.Effect<Reply, E, R>) =>
  effect.pipe(
    Effect.catchAllCause((cause) =>
      Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.sync(() => {
        logDefect(where, Cause.pretty(cause))
        return apiError(500, "SERVER_ERROR", "Internal server error")
      })
    ),
    Effect.map(toResponse)
  )

/** Builds the REST router. */
export const router = (engine: Engine, controls: Controls) => {
  let r = HttpRouter.empty
  for (const route of allRoutes(engine)) {
    const h = respond(`${route.method} ${route.path}`, pipeline(engine, controls, route))
    switch (route.method) {
      case "GET":
        r = HttpRouter.get(r, route.path, h)
        break
      case "POST":
        r = HttpRouter.post(r, route.path, h)
        break
      case "PATCH":
        r = HttpRouter.patch(r, route.path, h)
        break
      case "DELETE":
        r = HttpRouter.del(r, route.path, h)
        break
    }
  }
  return HttpRouter.post(r, "/_simulator/faucet", respond("POST /_simulator/faucet", control(engine, controls)))
}

/** Instruction table of the implemented signed routes (`METHOD path` → instruction). */
export const instructions = (engine: Engine): Record<string, string> =>
  Object.fromEntries(
    allRoutes(engine).flatMap((r) => (r.instruction === undefined ? [] : [[`${r.method} ${r.path}`, r.instruction]]))
  )

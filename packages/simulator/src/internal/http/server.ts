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
import { consume, countFault, countRequest, draw, faultsFor, postKinds, preKinds } from "../controls.js"
import type { Engine } from "../engine/engine.js"
import type { Account } from "../engine/model.js"
import { settleDueFunding } from "../engine/perps.js"
import type { Claim } from "./authenticate.js"
import { preAuthenticate, signingCandidates, verifyClaim } from "./authenticate.js"
import * as Body from "./body.js"
import { parseJson, tooLarge } from "./body.js"
import { control, faultsControl } from "./control.js"
import { afterExecution, applies } from "./inject.js"
import type { Reply } from "./reply.js"
import { apiError, empty, failureReply, logDefect, text, toResponse } from "./reply.js"
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

/** Cancel routes: the exchange may answer them 202 (accepted, executed shortly after) with an empty body. */
const cancelRoutes = new Set([
  "DELETE /api/v1/order",
  "DELETE /api/v1/orders",
  "DELETE /api/v1/strategy",
  "DELETE /api/v1/strategies"
])

/** Signed routes that change state (every signed POST, PATCH and DELETE): post-execution faults apply. */
export const isMutating = (route: Route): boolean => route.method !== "GET" && route.instruction !== undefined

/** Kinds drawn after execution on routes that do not mutate: malformed bodies only. */
const readKinds = ["truncatedJson", "htmlPage", "emptyBody"] as const

const pipeline = (engine: Engine, controls: Controls, route: Route) => {
  const key = `${route.method} ${route.path}`
  const mutating = isMutating(route)
  const cancel = cancelRoutes.has(key)
  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    countRequest(controls, key)
    const faults = faultsFor(controls.plan, key)
    const jitter = faults.jitterMs ?? 0
    const delay = (faults.latencyMs ?? 0) + (jitter > 0 ? controls.faultPrng.int(0, jitter) : 0)
    if (delay > 0) {
      countFault(controls, key, "latency")
      yield* Effect.sleep(delay)
    }
    const refused = draw(controls, faults, preKinds)
    if (refused !== undefined) {
      countFault(controls, key, refused)
      return refused === "tooManyRequests" ?
        apiError(429, "TOO_MANY_REQUESTS", "Too many requests", {
          "retry-after": String(faults.retryAfterSeconds ?? 1)
        }) :
        apiError(503, "MAINTENANCE", "Service unavailable")
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
    const admitted = attempt((): { readonly account: Account } | { readonly limited: Reply } => {
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
          return {
            limited: apiError(429, "TOO_MANY_REQUESTS", "Too many requests, please retry later", {
              "retry-after": String(wait)
            })
          }
        }
      }
      return { account: account ?? engine.feeAccount() }
    })
    if ("reply" in admitted) return admitted.reply
    if ("limited" in admitted.ok) return admitted.ok.limited
    const account = admitted.ok.account
    const execute = () =>
      attempt((): Reply => {
        settleDueFunding(engine)
        return route.handler({ engine, query: url.searchParams, body, account })
      })
    if (cancel && draw(controls, faults, ["cancelAccepted"] as const) !== undefined) {
      countFault(controls, key, "cancelAccepted")
      const later = faults.cancelDelayMs ?? 0
      if (later > 0) yield* Effect.forkDaemon(Effect.delay(Effect.sync(execute), later))
      else execute()
      return empty(202)
    }
    const run = execute()
    const reply = "reply" in run ? run.reply : run.ok
    if (route.orderMutation === true && controls.dropAfterAccept > 0 && reply.status === 200) {
      controls.dropAfterAccept--
      countFault(controls, key, "dropAfterAccept")
      return yield* afterExecution(controls, "dropAfterAccept", faults, request, reply)
    }
    const fault = draw(controls, faults, mutating ? postKinds : readKinds)
    if (fault !== undefined && applies(fault, reply)) {
      countFault(controls, key, fault)
      return yield* afterExecution(controls, fault, faults, request, reply)
    }
    return reply
  })
}

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
  r = HttpRouter.post(r, "/_simulator/faucet", respond("POST /_simulator/faucet", control(engine, controls)))
  for (const method of ["GET", "POST", "DELETE"] as const) {
    const h = respond(`${method} /_simulator/faults`, faultsControl(engine, controls, method))
    r = method === "GET" ?
      HttpRouter.get(r, "/_simulator/faults", h) :
      method === "POST" ?
      HttpRouter.post(r, "/_simulator/faults", h) :
      HttpRouter.del(r, "/_simulator/faults", h)
  }
  return r
}

/** Instruction table of the implemented signed routes (`METHOD path` → instruction). */
export const instructions = (engine: Engine): Record<string, string> =>
  Object.fromEntries(
    allRoutes(engine).flatMap((r) => (r.instruction === undefined ? [] : [[`${r.method} ${r.path}`, r.instruction]]))
  )

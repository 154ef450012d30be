/**
 * The REST server: mounts every domain's routes on an `HttpRouter` with Backpack's request pipeline (fault
 * injection, JSON body, signature check, rate limits, funding catch-up, handler) and the control routes.
 *
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import type { Controls } from "../controls.js"
import { consume } from "../controls.js"
import type { Engine } from "../engine/engine.js"
import type { Account } from "../engine/model.js"
import { settleDueFunding } from "../engine/perps.js"
import { authenticate, signingCandidates } from "./authenticate.js"
import { faucet } from "./control.js"
import type { Reply } from "./reply.js"
import { apiError, failureReply, text, toResponse } from "./reply.js"
import type { Route } from "./route.js"
import { domains } from "./routes/index.js"

/** Every Backpack route of the simulator. */
export const allRoutes = (engine: Engine): ReadonlyArray<Route> => domains.flatMap((domain) => domain(engine))

const handle = (engine: Engine, controls: Controls, route: Route) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    if (controls.latencyMs > 0) yield* Effect.sleep(controls.latencyMs)
    if (controls.rate429 > 0 && controls.faultPrng.next() < controls.rate429) {
      return toResponse(apiError(429, "TOO_MANY_REQUESTS", "Too many requests", { "retry-after": "1" }))
    }
    if (controls.rate503 > 0 && controls.faultPrng.next() < controls.rate503) {
      return toResponse(apiError(503, "MAINTENANCE", "Service unavailable"))
    }
    const url = new URL(request.url, "http://localhost")
    const raw = route.method === "GET" ? "" : yield* Effect.orElseSucceed(request.text, () => "")
    const reply = ((): Reply => {
      try {
        let body: unknown = undefined
        if (raw.trim().length > 0) {
          try {
            body = JSON.parse(raw)
          } catch {
            return text("Bad Request parse request payload error: invalid JSON", 400)
          }
        }
        const headers = request.headers as Record<string, string | undefined>
        let account: Account | undefined
        if (route.instruction !== undefined) {
          account = authenticate(
            engine,
            controls,
            headers,
            signingCandidates(route.instruction, url.searchParams, body)
          )
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
      } catch (e) {
        return failureReply(e)
      }
    })()
    if (route.orderMutation === true && controls.dropAfterAccept > 0 && reply.status === 200) {
      controls.dropAfterAccept--
      incoming.socket.destroy()
      return yield* Effect.never
    }
    return toResponse(reply)
  })

/** Builds the REST router. */
export const router = (engine: Engine, controls: Controls) => {
  let r = HttpRouter.empty
  for (const route of allRoutes(engine)) {
    const h = handle(engine, controls, route)
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
  return HttpRouter.post(r, "/_simulator/faucet", faucet(engine))
}

/** Instruction table of the implemented signed routes (`METHOD path` → instruction). */
export const instructions = (engine: Engine): Record<string, string> =>
  Object.fromEntries(
    allRoutes(engine).flatMap((r) => (r.instruction === undefined ? [] : [[`${r.method} ${r.path}`, r.instruction]]))
  )

/**
 * The route table: each domain module under `routes/` declares its routes (method, path, signing instruction,
 * rate-limit bucket, handler) and `routes/index.ts` lists the domains; `server.ts` mounts them all.
 *
 * @internal
 */
import type * as HttpRouter from "@effect/platform/HttpRouter"
import type { Engine } from "../engine/engine.js"
import type { Account } from "../engine/model.js"
import type { Reply } from "./reply.js"

/** What a handler gets: the engine, the parsed query and JSON body, and the authenticated account. */
export interface Ctx {
  readonly engine: Engine
  readonly query: URLSearchParams
  readonly body: unknown
  /** The signed-in account (the fee collector on public routes, which never read it). */
  readonly account: Account
}

export interface Route {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE"
  readonly path: HttpRouter.PathInput
  /** Signing instruction; absent for public routes. */
  readonly instruction?: string
  /** Counts in the "historical" rate-limit bucket. */
  readonly historical?: boolean
  /** Mutates orders: subject to the drop-after-accept fault. */
  readonly orderMutation?: boolean
  readonly handler: (ctx: Ctx) => Reply
}

/** The routes of one domain, built for an engine. */
export type RouteDomain = (engine: Engine) => ReadonlyArray<Route>

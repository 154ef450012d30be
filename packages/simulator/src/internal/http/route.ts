/**
 * The route table: each domain module under `routes/` declares its routes (method, path, signing instruction,
 * rate-limit bucket, the Schemas of its query and body, handler) and `routes/index.ts` lists the domains;
 * `server.ts` mounts them all. `route` decodes the query and body at the edge (see `edge.ts`) before the handler
 * runs; `history` declares a paginated history endpoint by its filters, its rows and its wire view.
 *
 * @internal
 */
import type * as HttpRouter from "@effect/platform/HttpRouter"
import * as Schema from "effect/Schema"
import type { Engine } from "../engine/engine.js"
import type { Account } from "../engine/model.js"
import { bodyDecoder, Enum, QInt, queryDecoder } from "./edge.js"
import type { Reply } from "./reply.js"
import { empty, json } from "./reply.js"

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

/** A JSON body schema and the API's name of its payload (named in parse errors). */
export interface Payload<B> {
  readonly name: string
  readonly schema: Schema.Schema<B, any>
  /** An empty body reads as `{}` (every field optional). */
  readonly optional?: boolean
}

/** The empty 200 of a command, once its effect (the argument, evaluated first) has happened. */
export const done = (_effect: unknown): Reply => empty(200)

/** Names a body Schema by its API payload name. */
export const payload = <B>(name: string, schema: Schema.Schema<B, any>, optional = false): Payload<B> => ({
  name,
  schema,
  optional
})

/** A route whose query (`q`) and body (`b`) are decoded by Schemas before the handler runs. */
export interface RouteSpec<Q, B> extends Omit<Route, "handler"> {
  readonly query?: Schema.Schema<Q, any>
  readonly body?: Payload<B>
  readonly handler: (input: Ctx & { readonly q: Q; readonly b: B }) => Reply
}

/** Builds a route from its spec; the decoders are built once. */
export const route = <Q = undefined, B = undefined>(spec: RouteSpec<Q, B>): Route => {
  const { body, handler, query, ...meta } = spec
  const decodeQuery = query === undefined ? undefined : queryDecoder(query)
  const decodeBody = body === undefined ? undefined : bodyDecoder(body.schema, body.name)
  const optionalBody = body?.optional === true
  return {
    ...meta,
    handler: (ctx) =>
      handler({
        ...ctx,
        q: (decodeQuery === undefined ? undefined : decodeQuery(ctx.query)) as Q,
        b: (decodeBody === undefined ? undefined : decodeBody(optionalBody ? ctx.body ?? {} : ctx.body)) as B
      })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// paginated histories
// ---------------------------------------------------------------------------------------------------------------

/** `limit` / `offset` / `sortDirection` of a history query. */
export const paging = {
  limit: Schema.optional(QInt("uint64")),
  offset: Schema.optional(QInt("uint64")),
  sortDirection: Schema.optional(Enum("SortDirection", ["Asc", "Desc"]))
}

/** The paging part of a decoded history query. */
export interface Paging {
  readonly limit?: number | undefined
  readonly offset?: number | undefined
  readonly sortDirection?: "Asc" | "Desc" | undefined
}

/** Sorts rows kept oldest first (newest first unless `Asc`) and pages them (`limit` default 100, max 1000). */
export const page = <A>(rows: ReadonlyArray<A>, q: Paging): Array<A> => {
  const ordered = q.sortDirection === "Asc" ? rows : [...rows].reverse()
  const offset = q.offset ?? 0
  return ordered.slice(offset, offset + Math.min(q.limit ?? 100, 1000))
}

/**
 * A signed `GET` history endpoint: its filters (`query`, paging added), the account's matching rows oldest first
 * (`rows`), and the wire view of one row (`view`).
 */
export const history = <F extends Schema.Struct.Fields, R>(spec: {
  readonly path: HttpRouter.PathInput
  readonly instruction: string
  readonly query: F
  readonly rows: (input: Ctx & { readonly q: Schema.Struct.Type<F> & Paging }) => ReadonlyArray<R>
  readonly view: (row: R, ctx: Ctx) => unknown
}): Route =>
  route({
    method: "GET",
    path: spec.path,
    instruction: spec.instruction,
    query: Schema.Struct({ ...spec.query, ...paging }) as unknown as Schema.Schema<Schema.Struct.Type<F> & Paging>,
    handler: (input) => json(page(spec.rows(input), input.q).map((row) => spec.view(row, input)))
  })

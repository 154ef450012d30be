/**
 * An endpoint of the Backpack API described as data: method, path, signing instruction, request
 * and response schemas, rate-limit weight and bucket, and whether it may be retried. One executor
 * (`BackpackClient`) runs every endpoint from this description.
 *
 * @since 0.1.0
 */
import type * as Effect from "effect/Effect"
import type * as Schema from "effect/Schema"
import type { BackpackError } from "./BackpackError.js"

/**
 * @since 0.1.0
 * @category models
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE"

/**
 * The rate-limit budget an endpoint draws on (Backpack: 2000/min standard, 30/min historical).
 *
 * @since 0.1.0
 * @category models
 */
export type Bucket = "standard" | "historical"

/**
 * A wire parameter value: what ends up in the query string or the top-level JSON body.
 *
 * @since 0.1.0
 * @category models
 */
export type WireValue = string | number | boolean | ReadonlyArray<string> | { readonly [key: string]: unknown }

/**
 * The parameters of one request as sent on the wire.
 *
 * @since 0.1.0
 * @category models
 */
export type WireParams = { readonly [key: string]: WireValue | undefined }

/**
 * How a successful answer is read.
 *
 * - `Json`: a JSON body decoded with `schema`. With `onEmpty`, an empty body (e.g. 202 Accepted,
 *   204 No Content) becomes `onEmpty(status)` instead of a `DecodeError`.
 * - `Text`: a `text/plain` body decoded with `schema` (ping, time).
 * - `Empty`: the body is ignored (`void`), as for account updates.
 *
 * @since 0.1.0
 * @category models
 */
export type ResponseSpec<A> =
  | {
    readonly _tag: "Json"
    readonly schema: Schema.Schema<A, any>
    readonly onEmpty?: ((status: number) => A) | undefined
  }
  | { readonly _tag: "Text"; readonly schema: Schema.Schema<A, any> }
  | { readonly _tag: "Empty"; readonly value: A }

/**
 * One endpoint. `In` is what the caller passes, `Out` what the call succeeds with.
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoint<In, Out> {
  /** The official spec's `operationId` (e.g. `get_depth`). */
  readonly operationId: string
  /** The SDK method that runs it, e.g. `Markets.getDepth` (also the span name). */
  readonly name: string
  readonly method: HttpMethod
  readonly path: string
  /** The signing instruction (§4.15); `undefined` for a public endpoint. */
  readonly instruction: string | undefined
  /**
   * Validates the caller's input and turns it into the wire parameters (decimals as strings,
   * unset fields dropped). An array-valued request (batch orders) is signed in the batch form.
   */
  readonly request: Schema.Schema<WireParams | ReadonlyArray<WireParams>, In>
  readonly response: ResponseSpec<Out>
  /** Where the parameters go: the query string (GET) or a JSON body. */
  readonly encoding: "query" | "body"
  readonly bucket: Bucket
  /** Cost against the bucket. */
  readonly weight: number
  /** Safe to retry on 429/5xx/transport failures. Mutations never are. */
  readonly idempotent: boolean
  /** Carries the configured `X-Broker-Id` (order, batch and strategy placement only). */
  readonly sendsBrokerId: boolean
}

/**
 * An endpoint of any types, for tables.
 *
 * @since 0.1.0
 * @category models
 */
export type Any = Endpoint<any, any>

/**
 * What a caller passes to an endpoint (its request schema's encoded side), e.g.
 * `Endpoint.Params<typeof Endpoints.Markets.getDepth>`.
 *
 * @since 0.2.0
 * @category models
 */
export type Params<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * What a call of an endpoint succeeds with.
 *
 * @since 0.2.0
 * @category models
 */
export type Success<E> = E extends Endpoint<any, infer Out> ? Out : never

/**
 * The service method of an endpoint: one argument, the parameters (optional when every parameter
 * is), an Effect of the decoded answer failing with a `BackpackError`.
 *
 * @since 0.2.0
 * @category models
 */
export type Method<E> = E extends Endpoint<infer In, infer Out>
  ? {} extends In ? (params?: In) => Effect.Effect<Out, BackpackError>
  : (params: In) => Effect.Effect<Out, BackpackError>
  : never

/**
 * The methods of a service, derived from its group of endpoints (name for name, documentation
 * included).
 *
 * @since 0.2.0
 * @category models
 */
export type Methods<Group> = { readonly [K in keyof Group]: Method<Group[K]> }

/**
 * Builds the methods of a group of endpoints on an executor, once: each method hands its input to
 * `execute` unchanged (a missing input is `{}`).
 *
 * @since 0.2.0
 * @category constructors
 */
export const methods = <Group extends { readonly [K in keyof Group]: Any }>(
  executor: {
    readonly execute: <In, Out>(endpoint: Endpoint<In, Out>, input: In) => Effect.Effect<Out, BackpackError>
  },
  group: Group
): Methods<Group> => {
  const out: Record<string, (params?: unknown) => Effect.Effect<unknown, BackpackError>> = {}
  for (const key of Object.keys(group)) {
    const endpoint: Any = group[key as keyof Group]
    out[key] = (params) => executor.execute(endpoint, params ?? {})
  }
  return out as Methods<Group>
}

/**
 * A part of an endpoint given as is, or as a function that builds it (`() => Schema.Struct(...)`):
 * `make` calls the function the first time the part is read (the first call of the endpoint, or a
 * read of `request` / `response`) and keeps its result, so importing the SDK builds no endpoint
 * schema and a program builds only those of the endpoints it uses.
 *
 * @since 0.3.0
 * @category models
 */
export type Deferred<A> = A | (() => A)

const isSchema = (u: unknown): boolean => typeof u === "function" && "ast" in u

/**
 * Declares an endpoint. Defaults: query encoding for GET and body otherwise, standard bucket,
 * weight 1, idempotent for GET only. `request` and `response` may be deferred (see `Deferred`):
 * each is built once, on first read.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <In, Out>(options: {
  readonly operationId: string
  readonly name: string
  readonly method: HttpMethod
  readonly path: string
  readonly instruction?: string | undefined
  readonly request: Deferred<Schema.Schema<any, In>>
  readonly response: Deferred<ResponseSpec<Out>>
  readonly bucket?: Bucket | undefined
  readonly weight?: number | undefined
  readonly idempotent?: boolean | undefined
  readonly sendsBrokerId?: boolean | undefined
}): Endpoint<In, Out> => {
  let request = isSchema(options.request) ? options.request as Schema.Schema<any, In> : undefined
  let response = typeof options.response === "function" ? undefined : options.response
  return {
    operationId: options.operationId,
    name: options.name,
    method: options.method,
    path: options.path,
    instruction: options.instruction,
    get request() {
      return request ??= (options.request as () => Schema.Schema<any, In>)()
    },
    get response() {
      return response ??= (options.response as () => ResponseSpec<Out>)()
    },
    encoding: options.method === "GET" ? "query" : "body",
    bucket: options.bucket ?? "standard",
    weight: options.weight ?? 1,
    idempotent: options.idempotent ?? options.method === "GET",
    sendsBrokerId: options.sendsBrokerId ?? false
  }
}

/**
 * A JSON response decoded with `schema`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const json = <A, I>(schema: Schema.Schema<A, I>, onEmpty?: (status: number) => A): ResponseSpec<A> => ({
  _tag: "Json",
  schema,
  onEmpty
})

/**
 * A `text/plain` response decoded with `schema`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const text = <A, I>(schema: Schema.Schema<A, I>): ResponseSpec<A> => ({ _tag: "Text", schema })

/**
 * A response whose body carries nothing (the call succeeds with `void`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const empty: ResponseSpec<void> = { _tag: "Empty", value: undefined }

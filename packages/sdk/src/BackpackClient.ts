/**
 * The one executor behind every REST method of the SDK. Given an `Endpoint` description and the
 * caller's input it:
 *
 * 1. validates and encodes the input with the endpoint's request schema (`ValidationError`, nothing
 *    sent);
 * 2. waits on the `RateLimiter` bucket of the endpoint;
 * 3. signs at send time (fresh timestamp on every attempt) when the endpoint has an instruction;
 * 4. sends with the configured timeout;
 * 5. maps non-2xx answers to `ApiError` / `AuthenticationError` / `RateLimitError` and decodes 2xx
 *    bodies (`DecodeError` names the field);
 * 6. retries idempotent calls on 429, 5xx, timeouts and transport failures (exponential backoff
 *    with jitter, bounded), and turns an uncertain failure of a mutation into `OutcomeUnknown`.
 *
 * Each call is a span named after its method (`Markets.getDepth`); the `X-Signature` header is
 * redacted from logs and spans.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import { BackpackConfig } from "./BackpackConfig.js"
import type { Resolved } from "./BackpackConfig.js"
import {
  ApiError,
  AuthenticationError,
  type BackpackError,
  DecodeError,
  OutcomeUnknown,
  RateLimitError,
  SentRequest,
  TimeoutError,
  TransportError,
  ValidationError
} from "./BackpackError.js"
import type { Endpoint, WireParams, WireValue } from "./Endpoint.js"
import * as errors from "./internal/errors.js"
import { parseLossless } from "./internal/json.js"
import { RateLimiter } from "./RateLimiter.js"
import { Signer, signingString } from "./Signer.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Runs an endpoint with the caller's input. */
  readonly execute: <In, Out>(endpoint: Endpoint<In, Out>, input: In) => Effect.Effect<Out, BackpackError>
  /** Validates an input without sending anything (the wire parameters it would send). */
  readonly validate: <In>(
    endpoint: Endpoint<In, unknown>,
    input: In
  ) => Effect.Effect<WireParams | ReadonlyArray<WireParams>, ValidationError>
  /**
   * Milliseconds added to the local clock for `X-Timestamp` (server time minus local time). Set it
   * from `System.getTime` when the local clock is skewed (`System.syncClock` does).
   */
  readonly clockOffset: Ref.Ref<number>
  readonly config: Resolved
}

/**
 * @since 0.1.0
 * @category tags
 */
export class BackpackClient extends Context.Tag("@effect-backpack/sdk/BackpackClient")<BackpackClient, Service>() {}

/** Header names added to the platform's redaction list (authorization, cookie, x-api-key, …). */
const redactedHeaders = ["x-signature", "x-api-key"]

/** Body fields that are credentials: never kept in an error (`OutcomeUnknown.request`). */
const secretFields = new Set(["twoFactorToken"])

const withoutSecrets = (params: WireParams | ReadonlyArray<WireParams>): WireParams | ReadonlyArray<WireParams> => {
  const clean = (p: WireParams): WireParams =>
    Object.keys(p).some((key) => secretFields.has(key))
      ? Object.fromEntries(Object.entries(p).map(([key, value]) => [key, secretFields.has(key) ? "<redacted>" : value]))
      : p
  return Array.isArray(params) ? (params as ReadonlyArray<WireParams>).map(clean) : clean(params as WireParams)
}

const contentType = "application/json; charset=utf-8"

const renderQueryValue = (value: WireValue): string =>
  typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value)

const queryString = (params: WireParams): string => {
  const search = new URLSearchParams()
  for (const key of Object.keys(params).sort()) {
    const value = params[key]
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) { for (const item of value) search.append(key, String(item)) }
    else search.append(key, renderQueryValue(value as WireValue))
  }
  const text = search.toString()
  return text === "" ? "" : `?${text}`
}

/** Drops unset fields so the body, the query and the signature agree. */
const compact = (params: WireParams): WireParams => {
  const out: Record<string, WireValue> = {}
  for (const key of Object.keys(params)) {
    const value = params[key]
    if (value !== undefined && value !== null) out[key] = value
  }
  return out
}

const clientIdsOf = (params: WireParams | ReadonlyArray<WireParams>): Array<number> =>
  (Array.isArray(params) ? params as ReadonlyArray<WireParams> : [params as WireParams])
    .map((p) => p.clientId)
    .filter((id): id is number => typeof id === "number")

const symbolOf = (params: WireParams | ReadonlyArray<WireParams>): string | undefined => {
  const first = Array.isArray(params) ? (params as ReadonlyArray<WireParams>)[0] : params as WireParams
  return typeof first?.symbol === "string" ? first.symbol : undefined
}

/** Internal: a failure that happened after the request may have left. */
class Uncertain {
  readonly _tag = "Uncertain"
  constructor(readonly error: TransportError | TimeoutError | ApiError | DecodeError) {}
}

/** Internal: a failure that must not be retried even on an idempotent call. */
class Final {
  readonly _tag = "Final"
  constructor(readonly error: BackpackError) {}
}

const isRetryable = (error: BackpackError): boolean =>
  error._tag === "RateLimitError" || error._tag === "TransportError" || error._tag === "TimeoutError" ||
  (error._tag === "ApiError" && error.status >= 500)

/**
 * Builds the executor from its dependencies.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, HttpClient.HttpClient | Signer | RateLimiter | BackpackConfig> = Effect
  .gen(function*() {
    const config = yield* BackpackConfig
    const signer = yield* Signer
    const limiter = yield* RateLimiter
    const httpClient = yield* HttpClient.HttpClient
    const clockOffset = yield* Ref.make(0)
    const timeoutMillis = Duration.toMillis(config.timeout)

    const validate = <In>(endpoint: Endpoint<In, unknown>, input: In) =>
      Effect.mapError(
        Schema.decodeUnknown(endpoint.request, { errors: "first", onExcessProperty: "error" })(input ?? {}),
        (error) => {
          const { detail, path } = errors.describeParseError(error)
          return new ValidationError({ operation: endpoint.name, field: path, detail })
        }
      ).pipe(
        Effect.map((wire) =>
          Array.isArray(wire)
            ? (wire as ReadonlyArray<WireParams>).map(compact)
            : compact(wire as WireParams)
        )
      )

    const decodeBody = <Out>(endpoint: Endpoint<unknown, Out>, status: number, text: string) => {
      const spec = endpoint.response
      const fail = (path: string, detail: string) =>
        Effect.fail(new DecodeError({ operation: endpoint.name, path, detail }))
      const decodeWith = <A>(schema: Schema.Schema<A, any>, value: unknown) =>
        Effect.catchTag(
          Schema.decodeUnknown(schema, { onExcessProperty: "ignore", errors: "first" })(value),
          "ParseError",
          (error) => {
            const { detail, path } = errors.describeParseError(error)
            return fail(path, detail)
          }
        )
      switch (spec._tag) {
        case "Empty":
          return Effect.succeed(spec.value)
        case "Text":
          return decodeWith(spec.schema, text.trim())
        case "Json": {
          if (text.trim() === "") {
            return spec.onEmpty !== undefined
              ? Effect.succeed(spec.onEmpty(status))
              : fail("", `empty body (HTTP ${status}) where JSON was expected`)
          }
          let json: unknown
          try {
            json = parseLossless(text)
          } catch (e) {
            return fail("", `invalid JSON (HTTP ${status}): ${errors.truncate(String((e as Error).message ?? e))}`)
          }
          return decodeWith(spec.schema, json)
        }
      }
    }

    const errorFromStatus = (
      endpoint: Endpoint<unknown, unknown>,
      status: number,
      text: string,
      retryAfter: string | undefined,
      now: number
    ): Effect.Effect<never, ApiError | AuthenticationError | RateLimitError> => {
      const body = errors.parseErrorBody(text)
      const code = body?.code ?? "UNKNOWN"
      const message = body?.message || errors.truncate(text.trim()) || `HTTP ${status}`
      if (status === 429 || code === "TOO_MANY_REQUESTS") {
        const retryAfterMillis = errors.parseRetryAfter(retryAfter, now)
        return Effect.zipRight(
          limiter.pause(endpoint.bucket, Duration.millis(retryAfterMillis ?? 1000)),
          Effect.fail(
            new RateLimitError({
              operation: endpoint.name,
              detail: message,
              ...(retryAfterMillis === undefined ? {} : { retryAfterMillis })
            })
          )
        )
      }
      const authLike = code === "INVALID_SIGNATURE" || code === "UNAUTHORIZED" ||
        (code === "INVALID_CLIENT_REQUEST" && /signature|timestamp|expired|window|api key/i.test(message))
      if (status === 401 || authLike) {
        return Effect.fail(new AuthenticationError({ operation: endpoint.name, status, code, detail: message }))
      }
      return Effect.fail(new ApiError({ operation: endpoint.name, status, code, message }))
    }

    /** One attempt: rate limit, sign, send, read, classify. */
    const attempt = <In, Out>(
      endpoint: Endpoint<In, Out>,
      params: WireParams | ReadonlyArray<WireParams>
    ): Effect.Effect<Out, BackpackError | Uncertain | Final> =>
      Effect.gen(function*() {
        const wait = yield* limiter.acquire(endpoint.bucket, endpoint.weight)
        if (Option.isSome(wait)) {
          // onLimit: "fail": refused on the client, nothing sent; not retried (the caller chose not to wait)
          return yield* Effect.fail(
            new Final(
              new RateLimitError({
                operation: endpoint.name,
                retryAfterMillis: Duration.toMillis(wait.value),
                detail: `client-side ${endpoint.bucket} budget exhausted; nothing was sent`
              })
            )
          )
        }
        const isQuery = endpoint.encoding === "query"
        const url = config.host + endpoint.path + (isQuery ? queryString(params as WireParams) : "")
        let request = HttpClientRequest.make(endpoint.method)(url).pipe(HttpClientRequest.acceptJson)
        if (!isQuery) request = HttpClientRequest.bodyText(request, JSON.stringify(params), contentType)
        if (endpoint.instruction !== undefined) {
          const publicKey = signer.publicKey
          if (Option.isNone(publicKey)) {
            return yield* new AuthenticationError({
              operation: endpoint.name,
              detail: "this call is signed but no API secret is configured (set BACKPACK_API_SECRET or pass apiSecret)"
            })
          }
          const timestamp = Math.floor((yield* Clock.currentTimeMillis) + (yield* Ref.get(clockOffset)))
          const signature = yield* signer.sign(
            signingString({ instruction: endpoint.instruction, params, timestamp, window: config.window })
          )
          request = HttpClientRequest.setHeaders(request, {
            "X-API-Key": publicKey.value,
            "X-Signature": Redacted.value(signature),
            "X-Timestamp": String(timestamp),
            "X-Window": String(config.window)
          })
          if (Option.isSome(config.brokerId) && endpoint.sendsBrokerId) {
            request = HttpClientRequest.setHeader(request, "X-Broker-Id", String(config.brokerId.value))
          }
        }
        const exchange = Effect.flatMap(httpClient.execute(request), (response) =>
          Effect.map(response.text, (text) => ({ status: response.status, headers: response.headers, text })))
        const result = yield* exchange.pipe(
          Effect.timeoutFail({
            duration: config.timeout,
            onTimeout: () =>
              new Uncertain(new TimeoutError({ operation: endpoint.name, timeoutMillis }))
          }),
          Effect.catchTags({
            RequestError: (error) => {
              const transport = new TransportError({
                operation: endpoint.name,
                detail: errors.describeTransport(error)
              })
              return Effect.fail(errors.failedBeforeSending(error) ? transport : new Uncertain(transport))
            },
            ResponseError: (error) =>
              Effect.fail(
                new Uncertain(new TransportError({ operation: endpoint.name, detail: errors.describeTransport(error) }))
              )
          })
        )
        if (result.status >= 200 && result.status < 300) {
          const decoded = decodeBody(endpoint as any as Endpoint<unknown, Out>, result.status, result.text)
          // a mutation answered 2xx was executed: an unreadable answer must not lose its client ids
          return yield* endpoint.idempotent ? decoded : Effect.mapError(decoded, (e) =>
            new Uncertain(e))
        }
        const now = yield* Clock.currentTimeMillis
        const failure = errorFromStatus(endpoint as any, result.status, result.text, result.headers["retry-after"], now)
        return yield* result.status >= 500
          ? Effect.mapError(failure, (e) => new Uncertain(e as ApiError))
          : failure
      })

    /** Exponential backoff with jitter, never shorter than the exchange's `Retry-After`. */
    const backoff = (attemptNumber: number, error: BackpackError) =>
      Effect.flatMap(Random.next, (r) => {
        const jittered = Math.round(Math.min(5000, 200 * 2 ** attemptNumber) * (0.5 + r))
        const floor = error._tag === "RateLimitError" ? error.retryAfterMillis ?? 1000 : 0
        return Effect.sleep(Duration.millis(Math.max(jittered, floor)))
      })

    const execute = <In, Out>(endpoint: Endpoint<In, Out>, input: In): Effect.Effect<Out, BackpackError> =>
      Effect.gen(function*() {
        const params = yield* validate(endpoint as any, input)
        if (endpoint.idempotent) {
          const loop = (n: number): Effect.Effect<Out, BackpackError> =>
            attempt(endpoint, params).pipe(
              Effect.catchAll((failure) => {
                if (failure._tag === "Final") return Effect.fail(failure.error)
                const error = failure._tag === "Uncertain" ? failure.error : failure
                return n < config.retries && isRetryable(error)
                  ? Effect.zipRight(backoff(n, error), loop(n + 1))
                  : Effect.fail(error)
              })
            )
          return yield* loop(0)
        }
        return yield* Effect.catchAll(attempt(endpoint, params), (failure) =>
          failure._tag === "Uncertain"
            ? Effect.fail(
              new OutcomeUnknown({
                operation: endpoint.name,
                clientIds: clientIdsOf(params),
                request: new SentRequest({
                  method: endpoint.method,
                  path: endpoint.path,
                  params: withoutSecrets(params)
                }),
                reason: failure.error.message,
                ...(symbolOf(params) === undefined ? {} : { symbol: symbolOf(params)! })
              })
            )
            : Effect.fail(failure._tag === "Final" ? failure.error : failure))
      }).pipe(
        Effect.locallyWith(Headers.currentRedactedNames, (names) => [...names, ...redactedHeaders]),
        Effect.withSpan(endpoint.name, {
          kind: "client",
          attributes: {
            "backpack.operation": endpoint.operationId,
            "http.method": endpoint.method,
            "url.path": endpoint.path
          }
        })
      )

    return { execute, validate, clockOffset, config }
  })

/**
 * The executor from its dependencies (HTTP client, signer, limiter, configuration).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<BackpackClient, never, HttpClient.HttpClient | Signer | RateLimiter | BackpackConfig> =
  Layer.effect(BackpackClient, make)

/**
 * Runs an endpoint with the `BackpackClient` from the context.
 *
 * @since 0.1.0
 * @category accessors
 */
export const execute = <In, Out>(
  endpoint: Endpoint<In, Out>,
  input: In
): Effect.Effect<Out, BackpackError, BackpackClient> =>
  Effect.flatMap(BackpackClient, (client) => client.execute(endpoint, input))

/**
 * The one executor behind every REST method of the SDK, built on an `HttpClient` pipeline assembled
 * once when the layer is built:
 *
 * 1. `prependUrl(host)` and `acceptJson`, then the caller's own middleware (`transformClient`);
 * 2. per attempt, a request transform that waits on the endpoint's `RateLimiter` bucket and then
 *    signs (a fresh `X-Timestamp` on every attempt, after the wait);
 * 3. the timeout, around sending and reading the answer only (not the rate-limiter wait);
 * 4. status filtering: non-2xx answers become `ApiError` / `AuthenticationError` /
 *    `RateLimitError` (a 429 pauses the bucket), transport failures `TransportError` and timeouts
 *    `TimeoutError`, each keeping its `cause`;
 * 5. for idempotent calls, `retryTransient` with a `Schedule`: exponential, jittered, bounded by
 *    `retries` (`BACKPACK_RETRIES`), never shorter than the exchange's `Retry-After`.
 *
 * With `BackpackNode.layer`'s own undici client, no `transformClient` and the live clock, each
 * attempt takes a direct path instead (`internal/directTransport.ts`): the same limiter wait and
 * signature, then one asynchronous step that sends, reads the whole answer and ends at the deadline
 * with a timer, then the same status mapping, retry schedule and span. It ends every call exactly
 * as the pipeline does (`DirectTransport.test.ts`) at a fraction of the cost; under `TestClock` the
 * pipeline runs, so the test clock drives its timeout.
 *
 * Around it, `execute` validates and encodes the input before anything is sent (`ValidationError`;
 * the commonest request shapes are checked by hand, `internal/fastRequest.ts`),
 * decodes 2xx bodies losslessly (`DecodeError` names the field), and turns an uncertain failure of a
 * mutation into `OutcomeUnknown` (never retried). Each call is a span named after its method
 * (`Markets.getDepth`); `X-Signature` and `X-API-Key` are redacted from logs and spans.
 *
 * @since 0.1.0
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Arr from "effect/Array"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
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
import { getTime } from "./endpoints/system.js"
import * as DirectTransport from "./internal/directTransport.js"
import * as errors from "./internal/errors.js"
import * as Fast from "./internal/fastDecode.js"
import * as FastRequest from "./internal/fastRequest.js"
import * as Informational from "./internal/informational.js"
import { parseLossless } from "./internal/json.js"
import * as Metrics from "./Metrics.js"
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
  /**
   * Measures the offset between the server clock (`System.getTime`) and the signing clock (half the
   * round trip compensated), stores it in `clockOffset` and returns it. The executor calls it by
   * itself when a signed request is refused for its timestamp (then re-signs and resends once), and
   * every `clockSyncInterval` when configured.
   */
  readonly syncClock: Effect.Effect<number, BackpackError>
  readonly config: Resolved
}

/**
 * @since 0.1.0
 * @category tags
 */
export class BackpackClient extends Context.Tag("@effect-backpack/sdk/BackpackClient")<BackpackClient, Service>() {}

/**
 * Options of {@link make} / {@link layer}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * Your own middleware over the HTTP client (a proxy, metrics, logging, extra headers), applied
   * once when the client is built. It wraps every attempt: each retry goes through it again. Request
   * transforms (`HttpClient.mapRequest`, `tapRequest`) run before the SDK signs, so they never see
   * the signature; response transforms see every answer, before the SDK maps its status.
   *
   * @example
   * ```ts
   * import { BackpackNode } from "@effect-backpack/sdk/node"
   * import { HttpClient } from "@effect/platform"
   * import { Effect } from "effect"
   *
   * const Live = BackpackNode.layer({
   *   transformClient: HttpClient.tapRequest((request) => Effect.log(request.method, request.url))
   * })
   * ```
   */
  readonly transformClient?: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined
}

/**
 * The clock `X-Timestamp` is read from: by default the fiber's `Clock` (so `TestClock` under
 * `it.effect`). `Testing.layerLiveSigningClock` swaps in the wall clock so signed calls to a real
 * server (the in-process simulator) are not rejected as expired while the rest of a test keeps the
 * test clock.
 *
 * @since 0.1.0
 * @category references
 */
export class SigningClock
  extends Context.Reference<SigningClock>()("@effect-backpack/sdk/BackpackClient/SigningClock", {
    defaultValue: (): Option.Option<Clock.Clock> => Option.none()
  })
{}

/**
 * The current time of the signing clock in milliseconds: {@link SigningClock} when set, otherwise the
 * fiber's `Clock`. REST signatures, WebSocket subscribe signatures and `syncClock` all read it.
 *
 * @since 0.3.0
 * @category references
 */
export const signingTime: Effect.Effect<number> = Effect.flatMap(
  SigningClock,
  Option.match({ onNone: () => Clock.currentTimeMillis, onSome: (clock) => clock.currentTimeMillis })
)

/** Header names added to the platform's redaction list (authorization, cookie, x-api-key, …). */
const redactedHeaders = ["x-signature", "x-api-key"]

const withRedactedHeaders = Effect.locallyWith(
  Headers.currentRedactedNames,
  (names) => [...names, ...redactedHeaders]
)

/** Body fields that are credentials: never kept in an error (`OutcomeUnknown.request`). */
const secretFields = new Set(["twoFactorToken"])

type Params = WireParams | ReadonlyArray<WireParams>

const withoutSecrets = (params: Params): Params => {
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

const clientIdsOf = (params: Params): Array<number> =>
  (Array.isArray(params) ? params as ReadonlyArray<WireParams> : [params as WireParams])
    .map((p) => p.clientId)
    .filter((id): id is number => typeof id === "number")

const symbolOf = (params: Params): string | undefined => {
  const first = Array.isArray(params) ? (params as ReadonlyArray<WireParams>)[0] : params as WireParams
  return typeof first?.symbol === "string" ? first.symbol : undefined
}

// ---------------------------------------------------------------------------------------------
// per-endpoint parts, built once
// ---------------------------------------------------------------------------------------------

/** How informational fields are decoded (`BackpackConfig.decoding`) and where unreadable ones are reported. */
interface DecodingPolicy {
  readonly strict: boolean
  readonly report: (operation: string, notes: ReadonlyArray<Informational.Note>) => Effect.Effect<void>
}

interface Compiled {
  readonly validate: (input: unknown) => Effect.Effect<Params, ValidationError>
  readonly decode: (status: number, text: string, policy: DecodingPolicy) => Effect.Effect<unknown, DecodeError>
  readonly span: Tracer.SpanOptions
  /** Records the call in `Metrics.requests` (by outcome) and `Metrics.latency`. */
  readonly observe: (exit: Exit.Exit<unknown, BackpackError>, millis: number) => Effect.Effect<void>
}

const outcomeOf = (exit: Exit.Exit<unknown, BackpackError>): string =>
  Exit.isSuccess(exit)
    ? "ok"
    : Option.match(Cause.failureOption(exit.cause), {
      onNone: () => Cause.isInterruptedOnly(exit.cause) ? "interrupted" : "defect",
      onSome: (error) => error._tag
    })

const compiledEndpoints = new WeakMap<Endpoint<any, any>, Compiled>()

const compile = (endpoint: Endpoint<any, any>): Compiled => {
  const cached = compiledEndpoints.get(endpoint)
  if (cached !== undefined) return cached
  const decodeInput = Schema.decodeUnknownEither(endpoint.request, { errors: "first", onExcessProperty: "error" })
  // the commonest request shapes checked by hand (same wire parameters; anything else, and every error, is the Schema's)
  const fastInput = FastRequest.forRequest(endpoint.request)
  const validate = (input: unknown): Effect.Effect<Params, ValidationError> => {
    if (fastInput !== undefined) {
      const wire = fastInput(input ?? {})
      if (wire !== undefined) return Effect.succeed(wire as WireParams)
    }
    return Either.match(decodeInput(input ?? {}), {
      onLeft: (error) => {
        const { detail, path } = errors.describeParseError(error)
        return Effect.fail(new ValidationError({ operation: endpoint.name, field: path, detail }))
      },
      onRight: (wire) =>
        Effect.succeed(
          Array.isArray(wire) ? (wire as ReadonlyArray<WireParams>).map(compact) : compact(wire as WireParams)
        )
    })
  }
  const fail = (path: string, detail: string, cause: unknown) =>
    Effect.fail(new DecodeError({ operation: endpoint.name, path, detail, cause }))
  const spec = endpoint.response
  const decodeOutput = spec._tag === "Empty"
    ? undefined
    : Schema.decodeUnknownEither(spec.schema, { onExcessProperty: "ignore", errors: "first" })
  // hand-written decoders of the hottest answers (order, depth: no informational field): same values, the
  // Schema's errors
  const fast = spec._tag === "Json" ? Fast.forSchema(spec.schema) : undefined
  const decodeWith = (value: unknown, policy: DecodingPolicy): Effect.Effect<unknown, DecodeError> => {
    if (fast?.value !== undefined) {
      const decoded = fast.value(value)
      if (decoded !== undefined) return Effect.succeed(decoded)
    }
    const { notes, result } = Informational.collect(policy.strict, () => decodeOutput!(value))
    return Either.match(result, {
      onLeft: (error) => {
        const { detail, path } = errors.describeParseError(error)
        // the cause keeps the failure with its values cut to excerpts (a 16 MiB body is not kept)
        return fail(path, detail, errors.boundParseError(error))
      },
      onRight: (decoded) =>
        notes.length === 0 ? Effect.succeed(decoded) : Effect.as(policy.report(endpoint.name, notes), decoded)
    })
  }
  const decode = (status: number, text: string, policy: DecodingPolicy): Effect.Effect<unknown, DecodeError> => {
    switch (spec._tag) {
      case "Empty":
        return Effect.succeed(spec.value)
      case "Text":
        return decodeWith(text.trim(), policy)
      case "Json": {
        if (text.trim() === "") {
          return spec.onEmpty !== undefined
            ? Effect.succeed(spec.onEmpty(status))
            : fail("", `empty body (HTTP ${status}) where JSON was expected`, undefined)
        }
        if (fast?.text !== undefined) {
          const decoded = fast.text(text)
          if (decoded !== undefined) return Effect.succeed(decoded)
        }
        let json: unknown
        try {
          json = parseLossless(text)
        } catch (e) {
          return fail("", `invalid JSON (HTTP ${status}): ${errors.truncate(String((e as Error).message ?? e))}`, e)
        }
        return decodeWith(json, policy)
      }
    }
  }
  // The labels of each series, built once: updating the base metrics with the same label arrays hits
  // their hook caches (a `Metric.tagged` metric builds a new label array, and looks its series up
  // again, on every update). The fiber's own metric labels (`Effect.tagMetrics`) are added after.
  const operation = MetricLabel.make("operation", endpoint.name)
  const latencyLabels: ReadonlyArray<MetricLabel.MetricLabel> = [operation]
  const outcomeLabels = new Map<string, ReadonlyArray<MetricLabel.MetricLabel>>()
  const observe = (exit: Exit.Exit<unknown, BackpackError>, millis: number) =>
    FiberRef.getWith(FiberRef.currentMetricLabels, (fiberLabels) =>
      Effect.sync(() => {
        const outcome = outcomeOf(exit)
        let labels = outcomeLabels.get(outcome)
        if (labels === undefined) {
          labels = [operation, MetricLabel.make("outcome", outcome)]
          outcomeLabels.set(outcome, labels)
        }
        if (fiberLabels.length === 0) {
          Metrics.latency.unsafeUpdate(millis, latencyLabels)
          Metrics.requests.unsafeUpdate(1, labels)
        } else {
          Metrics.latency.unsafeUpdate(millis, Arr.union(latencyLabels, fiberLabels))
          Metrics.requests.unsafeUpdate(1, Arr.union(labels, fiberLabels))
        }
      }))
  const compiled: Compiled = {
    observe,
    validate,
    decode,
    span: {
      kind: "client",
      captureStackTrace: false,
      attributes: {
        "backpack.operation": endpoint.operationId,
        "http.method": endpoint.method,
        "url.path": endpoint.path
      }
    }
  }
  compiledEndpoints.set(endpoint, compiled)
  return compiled
}

// ---------------------------------------------------------------------------------------------
// the pipeline
// ---------------------------------------------------------------------------------------------

/**
 * The span of one call (`Markets.getDepth`), its parent for the attempts and logs under it. Like
 * `Effect.withSpan`, except that a success ends it with `void`: a span never holds the decoded
 * answer, so a tracer or exporter that keeps spans keeps no books or orders alive (as the attempt
 * spans keep no request or response).
 */
const callSpan = (name: string, options: Tracer.SpanOptions) => <A, E, R>(call: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Effect.makeSpan(name, options), (span) =>
    Effect.withParentSpan(call, span).pipe(
      Effect.onExit((exit) => endSpan(span, exit))
    ))

/** Ends a span now (the fiber's clock), a success as `void`. */
const endSpan = (span: Tracer.Span, exit: Exit.Exit<unknown, unknown>) =>
  // from milliseconds: TestClock's `currentTimeNanos` throws on the fractional times jitter leaves
  Effect.clockWith((clock) =>
    Effect.sync(() => {
      span.end(
        BigInt(Math.floor(clock.unsafeCurrentTimeMillis())) * 1_000_000n,
        Exit.isSuccess(exit) ? Exit.void : exit
      )
    })
  )

/**
 * The `http.client <METHOD>` span of one attempt, in place of the platform's: the same attributes
 * (method, URL, status), request headers only through the redaction list, and an exit that never
 * holds the request or the response (a success ends as `void`, a failure with the SDK's own error,
 * which carries no header). Tracers and exporters that serialise exits see no signature.
 */
const attemptSpan = (
  method: string,
  url: string,
  headers: Headers.Headers,
  /**
   * Whether the attempt runs under its span (the pipeline: the caller's middleware may log or open
   * spans). The direct path's attempt is one asynchronous step with nothing under it, and making a
   * span the parent copies the fiber's whole context: there it is left out.
   */
  parent: boolean
) =>
<A extends { readonly status: number }, E, R>(send: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(
    Effect.zip(
      Effect.makeSpan(`http.client ${method}`, { kind: "client", captureStackTrace: false }),
      FiberRef.get(Headers.currentRedactedNames)
    ),
    ([span, names]) => {
      span.attribute("http.request.method", method)
      span.attribute("url.full", url)
      const redacted = Headers.redact(headers, [...names, ...redactedHeaders])
      for (const name in redacted) span.attribute(`http.request.header.${name}`, String(redacted[name]))
      return (parent ? Effect.withParentSpan(send, span) : send).pipe(
        Effect.onExit((exit) => {
          if (Exit.isSuccess(exit)) span.attribute("http.response.status_code", exit.value.status)
          return endSpan(span, exit)
        })
      )
    }
  )

/** The call a request belongs to, seen by the middleware of the pipeline. */
interface Call {
  readonly endpoint: Endpoint<any, any>
  readonly params: Params
}

const currentCall = FiberRef.unsafeMake<Call | undefined>(undefined)

const operationOf = (call: Call | undefined) => call?.endpoint.name ?? "BackpackClient.execute"

/** Internal: refused on the client before sending (`onLimit: "fail"`); never retried. */
class Refused {
  readonly _tag = "Refused"
  constructor(readonly error: RateLimitError) {}
}

/**
 * Transport failures known to have happened before the request left (connection refused, DNS, bad
 * URL), by their original instance (see `isUncertain`).
 */
const notSent = new WeakSet<TransportError>()

type AttemptError = ApiError | AuthenticationError | RateLimitError | TransportError | TimeoutError

/** Whether an attempt's failure is retried; a 429 asking for more than `maxRetryAfterMillis` is not. */
const isRetryable = (maxRetryAfterMillis: number) => (error: AttemptError | Refused): boolean =>
  (error._tag === "RateLimitError" && (error.retryAfterMillis ?? 0) <= maxRetryAfterMillis) ||
  error._tag === "TransportError" ||
  error._tag === "TimeoutError" ||
  (error._tag === "ApiError" && error.status >= 500)

/** Whether a failure of a mutation may have happened after the exchange got it. */
const isUncertain = (error: BackpackError): boolean =>
  error._tag === "TimeoutError" || error._tag === "DecodeError" ||
  // failed inside a span, an error is a proxy of itself (Effect's `capture`): the set holds the original
  (error._tag === "TransportError" && !notSent.has(Cause.originalError(error))) ||
  (error._tag === "ApiError" && error.status >= 500)

const transportError = (operation: string, error: HttpClientError.HttpClientError): TransportError => {
  const transport = new TransportError({
    operation,
    detail: errors.describeTransport(error),
    cause: errors.transportCause(error)
  })
  if (error._tag === "RequestError" && (error.reason !== "Transport" || errors.failedBeforeSending(error.cause))) {
    notSent.add(transport)
  }
  return transport
}

const directTransportError = (operation: string, failure: DirectTransport.Failure): TransportError => {
  const transport = new TransportError({
    operation,
    detail: errors.describeFailure(failure.reason, failure.cause),
    cause: failure.cause
  })
  if (failure.reason === "Transport" && errors.failedBeforeSending(failure.cause)) notSent.add(transport)
  return transport
}

/** The prototype of Effect's live clock: with it, the direct path's deadline may be a plain timer. */
const liveClock = Object.getPrototypeOf(Clock.make())

const errorFromStatus = (
  operation: string,
  status: number,
  text: string,
  retryAfterMillis: number | undefined,
  maxRetryAfterMillis: number
): ApiError | AuthenticationError | RateLimitError => {
  const body = errors.parseErrorBody(text)
  const code = body?.code ?? "UNKNOWN"
  const message = errors.truncate(body?.message || text.trim()) || `HTTP ${status}`
  if (status === 429 || code === "TOO_MANY_REQUESTS") {
    if (retryAfterMillis !== undefined && retryAfterMillis > maxRetryAfterMillis) {
      // not retried (see `isRetryable`): the caller hears at once, with the server's value
      return new RateLimitError({
        operation,
        retryAfterMillis,
        detail: `${message} (Retry-After of ${retryAfterMillis} ms exceeds maxRetryAfter ${maxRetryAfterMillis} ms; ` +
          `not waiting)`
      })
    }
    return new RateLimitError({
      operation,
      detail: message,
      ...(retryAfterMillis === undefined ? {} : { retryAfterMillis })
    })
  }
  const authLike = code === "INVALID_SIGNATURE" || code === "UNAUTHORIZED" ||
    (code === "INVALID_CLIENT_REQUEST" && /signature|timestamp|expired|window|api key/i.test(message))
  if (status === 401 || authLike) {
    return new AuthenticationError({ operation, status, code, detail: message })
  }
  return new ApiError({ operation, status, code, message })
}

/** A refusal of the request's timestamp or window: certainly not executed, safe to re-sign and resend. */
const isClockRefusal = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "AuthenticationError" &&
  /expired|timestamp|window|clock/i.test((error as AuthenticationError).detail)

/**
 * Exponential backoff from 200 ms (capped at 5 s), jittered ×0.5–1.5, at most `retries` times,
 * never shorter than a 429's `Retry-After` (1 s when the exchange gave none).
 */
const retrySchedule = (retries: number) =>
  Schedule.exponential("200 millis").pipe(
    Schedule.union(Schedule.spaced("5 seconds")),
    Schedule.jitteredWith({ min: 0.5, max: 1.5 }),
    Schedule.intersect(Schedule.recurs(retries)),
    Schedule.intersect(Schedule.identity<AttemptError | Refused>()),
    Schedule.modifyDelay(([, error], delay) =>
      error._tag === "RateLimitError"
        ? Duration.max(delay, Duration.millis(error.retryAfterMillis ?? 1000))
        : delay
    )
  )

/**
 * Builds the executor from its dependencies.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options: Options = {}
): Effect.Effect<Service, never, HttpClient.HttpClient | Signer | RateLimiter | BackpackConfig> =>
  Effect.gen(function*() {
    const config = yield* BackpackConfig
    // informational fields reported once per operation and field by this client (and counted every time)
    const decoding: DecodingPolicy = {
      strict: config.decoding === "strict",
      report: Informational.reporter("answer")
    }
    const signer = yield* Signer
    const limiter = yield* RateLimiter
    const clockOffset = yield* Ref.make(0)
    /** When the clock was last measured (signing clock, ms); `-Infinity` before the first time. */
    const lastSync = yield* Ref.make(Number.NEGATIVE_INFINITY)
    const syncLock = yield* Effect.makeSemaphore(1)
    const timeoutMillis = Duration.toMillis(config.timeout)
    const maxRetryAfterMillis = Duration.toMillis(config.maxRetryAfter)
    const syncIntervalMillis = Option.map(config.clockSyncInterval, Duration.toMillis)
    const windowHeader = String(config.window)
    const brokerId = Option.map(config.brokerId, String)

    const now = signingTime

    /**
     * Waits for the rate limiter, then signs with a fresh timestamp (runs again on each attempt): the
     * headers to add, `undefined` for a public call.
     */
    const credentials = (call: Call): Effect.Effect<Record<string, string> | undefined, Refused> => {
      const { endpoint } = call
      return Effect.clockWith((clock) =>
        // room at once (the common case): taken synchronously, no race with a timer
        limiter.unsafeTryAcquire?.(endpoint.bucket, endpoint.weight, clock.unsafeCurrentTimeMillis())
          ? sign(call)
          : Effect.flatMap(acquireWithin(endpoint), (wait) => {
            if (Option.isSome(wait)) {
              // onLimit: "fail": refused on the client, nothing sent; not retried (the caller chose not to wait)
              return Effect.fail(
                new Refused(
                  new RateLimitError({
                    operation: endpoint.name,
                    retryAfterMillis: Duration.toMillis(wait.value),
                    detail: `client-side ${endpoint.bucket} budget exhausted; nothing was sent`
                  })
                )
              )
            }
            return sign(call)
          })
      )
    }

    /** The limiter's wait, bounded by `maxRateLimitWait` (an answer it already has cannot wait: no timer). */
    const acquireWithin = (endpoint: Endpoint<any, any>): Effect.Effect<Option.Option<Duration.Duration>, Refused> => {
      const acquiring = limiter.acquire(endpoint.bucket, endpoint.weight)
      return Exit.isExit(acquiring) ? acquiring : Effect.timeoutFail(acquiring, {
        duration: config.maxRateLimitWait,
        onTimeout: () =>
          new Refused(
            new RateLimitError({
              operation: endpoint.name,
              detail: `waited ${Duration.toMillis(config.maxRateLimitWait)} ms (maxRateLimitWait) for the ` +
                `client-side ${endpoint.bucket} budget; nothing was sent`
            })
          )
      })
    }

    /** The signed headers of a call with a fresh timestamp; `undefined` for a public call. */
    const sign = ({ endpoint, params }: Call): Effect.Effect<Record<string, string> | undefined> => {
      if (endpoint.instruction === undefined || Option.isNone(signer.publicKey)) return Effect.succeed(undefined)
      const apiKey = signer.publicKey.value
      return Effect.zipRight(
        syncWhenDue,
        Effect.flatMap(
          Effect.zipWith(now, Ref.get(clockOffset), (t, offset) => Math.floor(t + offset)),
          (timestamp) =>
            Effect.map(
              signer.sign(
                signingString({ instruction: endpoint.instruction!, params, timestamp, window: config.window })
              ),
              (signature): Record<string, string> => {
                const headers: Record<string, string> = {
                  "x-api-key": apiKey,
                  "x-signature": Redacted.value(signature),
                  "x-timestamp": String(timestamp),
                  "x-window": windowHeader
                }
                if (Option.isSome(brokerId) && endpoint.sendsBrokerId) headers["x-broker-id"] = brokerId.value
                return headers
              }
            )
        )
      )
    }

    /** The pipeline's request transform: the call's credentials on its request. */
    const authorize = (
      request: HttpClientRequest.HttpClientRequest
    ): Effect.Effect<HttpClientRequest.HttpClientRequest, Refused> =>
      Effect.flatMap(FiberRef.get(currentCall), (call) =>
        call === undefined
          ? Effect.succeed(request)
          : Effect.map(
            credentials(call),
            (headers) => headers === undefined ? request : HttpClientRequest.setHeaders(request, headers)
          ))

    /** A non-2xx answer as the SDK's error; a 429 pauses the endpoint's bucket. */
    const refusal = (
      call: Call | undefined,
      status: number,
      retryAfterHeader: string | ReadonlyArray<string> | undefined,
      text: string
    ): Effect.Effect<never, AttemptError> => {
      const operation = operationOf(call)
      return Effect.flatMap(Clock.currentTimeMillis, (t) => {
        const retryAfter = errors.parseRetryAfter(
          typeof retryAfterHeader === "string" ? retryAfterHeader : retryAfterHeader?.[0],
          t
        )
        const failure = errorFromStatus(operation, status, text, retryAfter, maxRetryAfterMillis)
        if (failure._tag !== "RateLimitError" || call === undefined) return Effect.fail(failure)
        const pause = Math.min(retryAfter ?? 1000, maxRetryAfterMillis)
        return Effect.zipRight(
          Effect.logWarning(
            `rate limited by the exchange (HTTP ${status}): pausing the ${call.endpoint.bucket} ` +
              `bucket for ${pause} ms` +
              ((retryAfter ?? 0) > maxRetryAfterMillis
                ? `; Retry-After ${retryAfter} ms exceeds maxRetryAfter, failing now`
                : "")
          ).pipe(Effect.annotateLogs({ operation, retryAfterMillis: retryAfter ?? "none" })),
          Effect.zipRight(limiter.pause(call.endpoint.bucket, Duration.millis(pause)), Effect.fail(failure))
        )
      })
    }

    /** Maps what the transport answered to the SDK's errors. */
    const classify = (
      error: HttpClientError.HttpClientError | Refused | Cause.TimeoutException
    ): Effect.Effect<never, AttemptError | Refused> => {
      if (error._tag === "Refused") return Effect.fail(error)
      return Effect.flatMap(FiberRef.get(currentCall), (call): Effect.Effect<never, AttemptError> => {
        const operation = operationOf(call)
        if (error._tag === "TimeoutException") {
          return Effect.fail(new TimeoutError({ operation, timeoutMillis, cause: error }))
        }
        if (error._tag === "ResponseError" && error.reason === "StatusCode") {
          const response = error.response
          return Effect.flatMap(
            Effect.orElseSucceed(response.text, () => ""),
            (text) => refusal(call, response.status, response.headers["retry-after"], text)
          )
        }
        return Effect.fail(transportError(operation, error))
      })
    }

    const httpClient = yield* HttpClient.HttpClient
    const transport = (options.transformClient ?? identity<HttpClient.HttpClient>)(
      httpClient.pipe(
        HttpClient.mapRequest(HttpClientRequest.prependUrl(config.host)),
        HttpClient.mapRequest(HttpClientRequest.acceptJson)
      )
    ).pipe(
      // The platform's own `http.client` span ends with an exit holding the request, signed headers
      // included (its attributes are redacted, its exit is not): it is replaced by `attemptSpan`.
      HttpClient.withTracerDisabledWhen(() => true)
    )

    /** One attempt: limiter, signature, send and read within the timeout, status mapped. */
    const client = transport.pipe(
      HttpClient.mapRequestEffect(authorize),
      // the exchange alone is timed (not the limiter wait); the body is read inside it (it is cached)
      HttpClient.transform((send) =>
        Effect.timeout(
          Effect.tap(send, (response: HttpClientResponse.HttpClientResponse) => response.text),
          config.timeout
        )
      ),
      HttpClient.filterStatusOk,
      HttpClient.catchAll(classify),
      HttpClient.transform((send, request) => attemptSpan(request.method, request.url, request.headers, true)(send))
    )

    /** Idempotent calls: the same attempt, retried on 429, 5xx, timeouts and transport failures. */
    const retrying = HttpClient.retryTransient(client, {
      mode: "errors-only",
      while: isRetryable(maxRetryAfterMillis),
      schedule: retrySchedule(config.retries)
    })

    /**
     * The direct path (`internal/directTransport.ts`): the SDK's own undici client with no caller
     * middleware. Taken per call when the fiber's clock is the live one (its deadline is a timer);
     * under `TestClock` the pipeline above runs, whose `Effect.timeout` the test clock drives.
     */
    const direct = options.transformClient === undefined ? DirectTransport.of(httpClient) : undefined
    const origin = direct === undefined ? "" : new URL(config.host).origin
    const basePath = direct === undefined ? "" : new URL(config.host).pathname.replace(/\/$/, "")
    const retryPolicy = { while: isRetryable(maxRetryAfterMillis), schedule: retrySchedule(config.retries) }

    /** One attempt on the direct path: limiter, signature, send and read within the timeout, status mapped. */
    const directAttempt = (
      transport: DirectTransport.DirectTransport,
      call: Call,
      outgoing: DirectTransport.Outgoing
    ): Effect.Effect<DirectTransport.Answer, AttemptError | Refused> =>
      Effect.flatMap(credentials(call), (signed) => {
        const request = signed === undefined ? outgoing : { ...outgoing, headers: { ...outgoing.headers, ...signed } }
        return attemptSpan(
          request.method,
          origin + request.path,
          Headers.unsafeFromRecord(request.headers),
          false
        )(
          Effect.matchEffect(transport.send(origin, request, timeoutMillis), {
            onFailure: (failure) =>
              Effect.fail(
                failure._tag === "TimeoutException"
                  ? new TimeoutError({ operation: call.endpoint.name, timeoutMillis, cause: failure })
                  : directTransportError(call.endpoint.name, failure)
              ),
            onSuccess: (answer) =>
              answer.status >= 200 && answer.status < 300
                ? Effect.succeed(answer)
                : refusal(call, answer.status, answer.headers["retry-after"], answer.text)
          })
        )
      })

    const validate = <In>(endpoint: Endpoint<In, unknown>, input: In) => compile(endpoint).validate(input)

    /** The request of a call on the direct path (the pipeline adds the same `accept` header and URL). */
    const outgoing = (endpoint: Endpoint<any, any>, params: Params): DirectTransport.Outgoing =>
      endpoint.encoding === "query"
        ? {
          method: endpoint.method,
          path: basePath + endpoint.path + queryString(params as WireParams),
          headers: { accept: "application/json" },
          body: undefined
        }
        : {
          method: endpoint.method,
          path: basePath + endpoint.path,
          headers: { accept: "application/json", "content-type": contentType },
          body: JSON.stringify(params)
        }

    const request = (endpoint: Endpoint<any, any>, params: Params): HttpClientRequest.HttpClientRequest =>
      endpoint.encoding === "query"
        ? HttpClientRequest.make(endpoint.method)(endpoint.path + queryString(params as WireParams))
        : HttpClientRequest.bodyText(
          HttpClientRequest.make(endpoint.method)(endpoint.path),
          JSON.stringify(params),
          contentType
        )

    const outcomeUnknown = (endpoint: Endpoint<any, any>, params: Params, error: BackpackError) => {
      const symbol = symbolOf(params)
      return new OutcomeUnknown({
        operation: endpoint.name,
        clientIds: clientIdsOf(params),
        request: new SentRequest({ method: endpoint.method, path: endpoint.path, params: withoutSecrets(params) }),
        reason: error.message,
        cause: error,
        ...(symbol === undefined ? {} : { symbol })
      })
    }

    const execute = <In, Out>(endpoint: Endpoint<In, Out>, input: In): Effect.Effect<Out, BackpackError> => {
      const compiled = compile(endpoint)
      return Effect.clockWith((clock) => {
        const start = clock.unsafeCurrentTimeMillis()
        // the direct path's deadline is a plain timer: only with the live clock
        const viaDirect = direct !== undefined && Object.getPrototypeOf(clock) === liveClock
        return Effect.onExit(
          run(endpoint, compiled, input, viaDirect),
          (exit) => compiled.observe(exit, clock.unsafeCurrentTimeMillis() - start)
        )
      }).pipe(callSpan(endpoint.name, compiled.span)) as Effect.Effect<Out, BackpackError>
    }

    /** Validation, then the exchange on one path or the other, the failure of a mutation made `OutcomeUnknown`. */
    const run = (
      endpoint: Endpoint<any, any>,
      compiled: Compiled,
      input: unknown,
      viaDirect: boolean
    ): Effect.Effect<unknown, BackpackError> =>
      Effect.flatMap(compiled.validate(input), (params) => {
        if (endpoint.instruction !== undefined && Option.isNone(signer.publicKey)) {
          return Effect.fail(
            new AuthenticationError({
              operation: endpoint.name,
              detail: "this call is signed but no API secret is configured (set BACKPACK_API_SECRET or pass apiSecret)"
            })
          )
        }
        const call: Call = { endpoint, params }
        const viaPipeline: Effect.Effect<unknown, AttemptError | Refused | DecodeError> = Effect.suspend(() =>
          Effect.locally(
            withRedactedHeaders(Effect.flatMap(
              (endpoint.idempotent ? retrying : client).execute(request(endpoint, params)),
              (response) =>
                Effect.flatMap(
                  Effect.mapError(response.text, (error) => transportError(endpoint.name, error)),
                  (text) => compiled.decode(response.status, text, decoding)
                )
            )),
            currentCall,
            call
          )
        )
        const once = !viaDirect ? viaPipeline : Effect.suspend(() => {
          const attempt = directAttempt(direct!, call, outgoing(endpoint, params))
          return Effect.flatMap(
            endpoint.idempotent ? Effect.retry(attempt, retryPolicy) : attempt,
            (answer) => compiled.decode(answer.status, answer.text, decoding)
          )
        })
        // refused for its timestamp: not executed, so measure the clock, re-sign and resend once
        const exchange = endpoint.instruction === undefined ? once : Effect.catchIf(
          once,
          isClockRefusal,
          (refusal) =>
            Effect.logWarning(
              `${endpoint.name}: request refused for its timestamp; measuring the server clock and resending once`
            )
              .pipe(
                Effect.zipRight(Effect.orElse(sync("refused"), () => Effect.fail(refusal))),
                Effect.zipRight(once)
              )
        )
        return Effect.catchAll(exchange, (error) =>
          Effect.fail(
            error._tag === "Refused"
              ? error.error
              : !endpoint.idempotent && isUncertain(error)
              ? outcomeUnknown(endpoint, params, error)
              : error
          ))
      })

    /** Measures the server clock against the signing clock and keeps the offset (one at a time). */
    const measure = (reason: "refused" | "interval" | "manual"): Effect.Effect<number, BackpackError> =>
      Effect.gen(function*() {
        const before = yield* now
        const server = yield* execute(getTime, {})
        const after = yield* now
        const offset = Math.round(server - (before + after) / 2)
        yield* Ref.set(clockOffset, offset)
        yield* Ref.set(lastSync, after)
        yield* Metric.increment(Metric.tagged(Metrics.clockSyncs, "reason", reason))
        yield* (Math.abs(offset) >= 1000 ? Effect.logWarning : Effect.logInfo)(
          `clock: the server clock is ${offset} ms from the signing clock (measured: ${reason})`
        ).pipe(Effect.annotateLogs({ clockOffsetMillis: offset }))
        return offset
      })

    const sync = (reason: "refused" | "interval" | "manual") => syncLock.withPermits(1)(measure(reason))

    /** With `clockSyncInterval`, a signed call first re-measures the clock once the interval has passed. */
    const syncWhenDue: Effect.Effect<void> = Option.match(syncIntervalMillis, {
      onNone: () => Effect.void,
      onSome: (interval) =>
        Effect.flatMap(Effect.zip(now, Ref.get(lastSync)), ([t, last]) =>
          t - last < interval
            ? Effect.void
            : Effect.ignore(
              syncLock.withPermits(1)(
                // measured once by whoever gets the lock first; the others find it fresh
                Effect.flatMap(Ref.get(lastSync), (again) => again === last ? measure("interval") : Effect.void)
              )
            ))
    })

    return {
      execute,
      validate,
      clockOffset,
      syncClock: Effect.withSpan(sync("manual"), "BackpackClient.syncClock"),
      config
    }
  })

/**
 * The executor from its dependencies (HTTP client, signer, limiter, configuration); `options` adds
 * your own HTTP middleware (`transformClient`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: Options = {}
): Layer.Layer<BackpackClient, never, HttpClient.HttpClient | Signer | RateLimiter | BackpackConfig> =>
  Layer.effect(BackpackClient, make(options))

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

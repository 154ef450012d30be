/**
 * The typed failures of every public SDK call.
 *
 * Every member is a `Schema.TaggedError`, so it can be matched with `Effect.catchTag`, encoded, and
 * carries a readable `message`. No message ever contains an API secret or a signature.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Error codes documented by Backpack (`ApiErrorCode`).
 *
 * @since 0.1.0
 * @category models
 */
export const ApiErrorCodes = [
  "ACCOUNT_DEACTIVATED",
  "ACCOUNT_LIQUIDATING",
  "BORROW_LIMIT",
  "BORROW_REQUIRES_LEND_REDEEM",
  "FORBIDDEN",
  "INSUFFICIENT_FUNDS",
  "INSUFFICIENT_MARGIN",
  "INSUFFICIENT_SUPPLY",
  "INVALID_ASSET",
  "INVALID_CLIENT_REQUEST",
  "INVALID_MARKET",
  "INVALID_ORDER",
  "INVALID_PRICE",
  "INVALID_POSITION_ID",
  "INVALID_QUANTITY",
  "INVALID_RANGE",
  "INVALID_SIGNATURE",
  "INVALID_SOURCE",
  "INVALID_SYMBOL",
  "INVALID_TWO_FACTOR_CODE",
  "LEND_LIMIT",
  "LEND_REQUIRES_BORROW_REPAY",
  "MAINTENANCE",
  "MAX_LEVERAGE_REACHED",
  "NOT_IMPLEMENTED",
  "ORDER_LIMIT",
  "POSITION_LIMIT",
  "PRECONDITION_FAILED",
  "RESOURCE_NOT_FOUND",
  "SERVER_ERROR",
  "TIMEOUT",
  "TOO_EARLY",
  "TOO_MANY_REQUESTS",
  "TRADING_PAUSED",
  "UNAUTHORIZED"
] as const

/**
 * A Backpack error code: one of the documented codes, or any other string the exchange adds later.
 * A plain-text error body (framework parse failures) has no code and is reported as `"UNKNOWN"`.
 *
 * @since 0.1.0
 * @category models
 */
export type ApiErrorCode = typeof ApiErrorCodes[number] | "UNKNOWN" | (string & {})

/**
 * Schema of {@link ApiErrorCode}: known codes are literals, unknown ones pass through as strings.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ApiErrorCode: Schema.Schema<ApiErrorCode> = Schema.Union(
  Schema.Literal(...ApiErrorCodes, "UNKNOWN"),
  Schema.String
)

/**
 * Input rejected by the SDK before anything was sent: a missing or malformed parameter, a value out
 * of its enum or range, or a broken exactly-one-of rule. `field` is the path of the offending input.
 *
 * @since 0.1.0
 * @category errors
 */
export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  operation: Schema.String,
  field: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: invalid input${this.field === "" ? "" : ` at "${this.field}"`}: ${this.detail}`
  }
}

/**
 * Configuration that cannot work: a malformed API secret, a key that does not match the secret, a
 * window outside 1..60000 ms. The message states what was expected and never echoes the secret.
 *
 * @since 0.1.0
 * @category errors
 */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  detail: Schema.String
}) {
  override get message(): string {
    return `Invalid Backpack configuration: ${this.detail}`
  }
}

/**
 * The exchange refused the credentials (bad signature, unknown key, expired window), or a signed
 * call was made without an API secret configured.
 *
 * @since 0.1.0
 * @category errors
 */
export class AuthenticationError extends Schema.TaggedError<AuthenticationError>()("AuthenticationError", {
  operation: Schema.String,
  status: Schema.optional(Schema.Number),
  code: Schema.optional(ApiErrorCode),
  detail: Schema.String
}) {
  override get message(): string {
    const status = this.status === undefined ? "" : ` (HTTP ${this.status}${this.code ? ` ${this.code}` : ""})`
    return `${this.operation}: authentication failed${status}: ${this.detail}`
  }
}

/**
 * The exchange answered 429 Too Many Requests, and the SDK did not (or may not) retry it.
 * `retryAfterMillis` is taken from the `Retry-After` header when present.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimitError extends Schema.TaggedError<RateLimitError>()("RateLimitError", {
  operation: Schema.String,
  retryAfterMillis: Schema.optional(Schema.Number),
  detail: Schema.String
}) {
  override get message(): string {
    const after = this.retryAfterMillis === undefined ? "" : ` (retry after ${this.retryAfterMillis} ms)`
    return `${this.operation}: rate limited${after}: ${this.detail}`
  }
}

/**
 * A non-2xx answer from the exchange. `code` is Backpack's error code (or `"UNKNOWN"` for a plain
 * text body) so a caller can branch on it, e.g. `INSUFFICIENT_FUNDS` or `INVALID_ORDER`.
 *
 * @since 0.1.0
 * @category errors
 */
export class ApiError extends Schema.TaggedError<ApiError>()("ApiError", {
  operation: Schema.String,
  status: Schema.Number,
  code: ApiErrorCode,
  message: Schema.String
}) {}

/**
 * A 2xx answer whose body does not match the documented shape. `path` points at the bad field.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  operation: Schema.String,
  path: Schema.String,
  detail: Schema.String,
  /** The parse failure behind it (a `ParseError`, or the JSON syntax error). */
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    return `${this.operation}: unexpected response${this.path === "" ? "" : ` at "${this.path}"`}: ${this.detail}`
  }
}

/**
 * The request could not be sent or its answer could not be read (connection refused, reset, DNS).
 * For order placement and cancels this becomes {@link OutcomeUnknown} when the request may have
 * reached the exchange.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  operation: Schema.String,
  detail: Schema.String,
  /**
   * The failure of the transport itself (a socket or DNS error, a failed body read). Never the
   * platform's request object, so no header or signature is kept.
   */
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    return `${this.operation}: transport failure: ${this.detail}`
  }
}

/**
 * No answer within the configured timeout.
 *
 * @since 0.1.0
 * @category errors
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>()("TimeoutError", {
  operation: Schema.String,
  timeoutMillis: Schema.Number,
  /** The `TimeoutException` that ended the attempt. */
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    return `${this.operation}: no answer within ${this.timeoutMillis} ms`
  }
}

/**
 * The description of a request whose outcome is unknown: enough to reconcile it or resend it.
 *
 * @since 0.1.0
 * @category models
 */
export class SentRequest extends Schema.Class<SentRequest>("SentRequest")({
  method: Schema.String,
  path: Schema.String,
  /** The JSON body or query parameters as sent (no headers, so no signature). */
  params: Schema.Unknown
}) {}

/**
 * An order placement or cancel that may have reached the exchange but got no answer (timeout,
 * reset connection, 5xx). It is never retried automatically. `clientIds` are the order client ids
 * (generated by the SDK when the caller gave none), so `Orders.reconcile` can find out what
 * happened.
 *
 * @since 0.1.0
 * @category errors
 */
export class OutcomeUnknown extends Schema.TaggedError<OutcomeUnknown>()("OutcomeUnknown", {
  operation: Schema.String,
  symbol: Schema.optional(Schema.String),
  clientIds: Schema.Array(Schema.Number),
  request: SentRequest,
  reason: Schema.String,
  /**
   * The failure that left the outcome open (`TimeoutError`, `TransportError`, a 5xx `ApiError`, or a
   * `DecodeError` of a 2xx answer). It carries no header, signature or two-factor token.
   */
  cause: Schema.optional(Schema.Defect)
}) {
  override get message(): string {
    const ids = this.clientIds.length === 0 ? "" : ` (clientId ${this.clientIds.join(", ")})`
    return `${this.operation}: outcome unknown${ids}: ${this.reason}; reconcile before retrying`
  }
}

/**
 * Every failure a public SDK call can produce.
 *
 * @since 0.1.0
 * @category errors
 */
export type BackpackError =
  | ValidationError
  | ConfigError
  | AuthenticationError
  | RateLimitError
  | ApiError
  | DecodeError
  | TransportError
  | TimeoutError
  | OutcomeUnknown

/**
 * Schema of {@link BackpackError}.
 *
 * @since 0.1.0
 * @category schemas
 */
export const BackpackError: Schema.Union<[
  typeof ValidationError,
  typeof ConfigError,
  typeof AuthenticationError,
  typeof RateLimitError,
  typeof ApiError,
  typeof DecodeError,
  typeof TransportError,
  typeof TimeoutError,
  typeof OutcomeUnknown
]> = Schema.Union(
  ValidationError,
  ConfigError,
  AuthenticationError,
  RateLimitError,
  ApiError,
  DecodeError,
  TransportError,
  TimeoutError,
  OutcomeUnknown
)

const errorClasses = [
  ValidationError,
  ConfigError,
  AuthenticationError,
  RateLimitError,
  ApiError,
  DecodeError,
  TransportError,
  TimeoutError,
  OutcomeUnknown
] as const

/**
 * Whether a value is one of the SDK's errors (any member of {@link BackpackError}), e.g. to tell
 * them apart from other failures in a `catchIf` or a defect handler.
 *
 * @example
 * ```ts
 * import { BackpackError } from "@effect-backpack/sdk"
 * import { Effect } from "effect"
 *
 * const handled = <A, E, R>(self: Effect.Effect<A, E, R>) =>
 *   Effect.catchIf(self, BackpackError.isBackpackError, (error) => Effect.logWarning(error.message))
 * ```
 *
 * @since 0.2.0
 * @category guards
 */
export const isBackpackError = (u: unknown): u is BackpackError => errorClasses.some((error) => u instanceof error)

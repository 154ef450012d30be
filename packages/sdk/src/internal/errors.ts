/**
 * Turning schema failures and HTTP answers into the SDK's typed errors.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as ParseResult from "effect/ParseResult"
import type { ApiErrorCode } from "../BackpackError.js"

/** Longest excerpt of an offending value quoted in an error (characters). */
export const excerptLength = 120

/** Longest `detail` / `path` of a `DecodeError` or `ValidationError` (characters). */
export const maxDetailLength = 1000
export const maxPathLength = 200

/** A value already rendered: the formatters print it as is (they call a custom `toString`). */
class Excerpt {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/**
 * A short rendering of any value, at most `max` characters, built iteratively: a 5,000-deep array or
 * a 16 MiB string costs no more than its first `max` characters (never the call stack).
 */
export const excerpt = (value: unknown, max = excerptLength): string => {
  let out = ""
  const stack: Array<unknown> = [value]
  const seen = new Set<object>()
  const emit = (text: string) => {
    out += text
  }
  while (stack.length > 0 && out.length <= max) {
    const next = stack.pop()
    if (next instanceof Excerpt) {
      emit(next.text)
      continue
    }
    if (typeof next === "string") {
      emit(JSON.stringify(next.length > max ? next.slice(0, max) : next))
      continue
    }
    if (typeof next === "bigint") {
      emit(`${next}n`)
      continue
    }
    if (next === null || typeof next !== "object") {
      emit(typeof next === "function" ? "<function>" : String(next))
      continue
    }
    if (seen.has(next)) {
      emit("<circular>")
      continue
    }
    seen.add(next)
    // push in reverse so the first member is printed first; stop pushing once enough is queued
    if (Array.isArray(next)) {
      const items: Array<unknown> = [new Excerpt("[")]
      for (let i = 0; i < next.length && i < max; i++) {
        if (i > 0) items.push(new Excerpt(","))
        items.push(next[i])
      }
      items.push(new Excerpt("]"))
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i])
      continue
    }
    const items: Array<unknown> = [new Excerpt("{")]
    let n = 0
    for (const key in next) {
      if (n >= max) break
      if (n > 0) items.push(new Excerpt(","))
      items.push(new Excerpt(`${JSON.stringify(key.length > max ? key.slice(0, max) : key)}:`))
      items.push((next as Record<string, unknown>)[key])
      n++
    }
    items.push(new Excerpt("}"))
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i])
  }
  return out.length > max ? `${out.slice(0, max)}…` : out
}

const first = (issues: ParseResult.SingleOrNonEmpty<ParseResult.ParseIssue>): ParseResult.ParseIssue =>
  Array.isArray(issues) ? (issues as ReadonlyArray<ParseResult.ParseIssue>)[0]! : issues as ParseResult.ParseIssue

/**
 * The first failure of an issue tree with every offending value replaced by a short excerpt, so any
 * formatter (ours, `ParseError.message`, a tracer serialising the cause) stays bounded. The tree is
 * as deep as the schema (not the data); the values it held are never walked.
 */
export const boundIssue = (issue: ParseResult.ParseIssue): ParseResult.ParseIssue => {
  const cut = (actual: unknown) => new Excerpt(excerpt(actual))
  switch (issue._tag) {
    case "Pointer":
      return new ParseResult.Pointer(issue.path, cut(issue.actual), boundIssue(issue.issue))
    case "Composite":
      return new ParseResult.Composite(issue.ast, cut(issue.actual), boundIssue(first(issue.issues)))
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, cut(issue.actual), issue.kind, boundIssue(issue.issue))
    case "Transformation":
      return new ParseResult.Transformation(issue.ast, cut(issue.actual), issue.kind, boundIssue(issue.issue))
    case "Type":
      return new ParseResult.Type(issue.ast, cut(issue.actual), issue.message)
    case "Forbidden":
      return new ParseResult.Forbidden(issue.ast, cut(issue.actual), issue.message)
    case "Unexpected":
      return new ParseResult.Unexpected(cut(issue.actual), issue.message)
    case "Missing":
      return issue
  }
}

/** A parse error whose issue is {@link boundIssue}d: safe to keep as a cause and to print. */
export const boundParseError = (error: ParseResult.ParseError): ParseResult.ParseError =>
  new ParseResult.ParseError({ issue: boundIssue(error.issue) })

/**
 * The path and message of the first issue of a parse error (`"filters.price.tickSize"`, `"[2].price"`),
 * each bounded (the path to {@link maxPathLength}, the message to {@link maxDetailLength} characters,
 * the offending value quoted as a short excerpt).
 */
export const describeParseError = (error: ParseResult.ParseError): { path: string; detail: string } => {
  const issues = ParseResult.ArrayFormatter.formatIssueSync(boundIssue(error.issue))
  const head = issues[0]
  if (head === undefined) return { path: "", detail: "invalid value" }
  const path = head.path
    .map((segment, i) =>
      typeof segment === "number" ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`
    )
    .join("")
  return { path: truncate(path, maxPathLength), detail: truncate(head.message, maxDetailLength) }
}

/** A Backpack error body, when the text is one: `{ "code": "...", "message": "..." }`. */
export const parseErrorBody = (text: string): { code: ApiErrorCode; message: string } | undefined => {
  const trimmed = text.trim()
  if (!trimmed.startsWith("{")) return undefined
  try {
    const body = JSON.parse(trimmed) as unknown
    if (typeof body === "object" && body !== null) {
      const code = (body as Record<string, unknown>).code
      const message = (body as Record<string, unknown>).message
      if (typeof code === "string") {
        return { code, message: typeof message === "string" ? message : "" }
      }
    }
  } catch {
    return undefined
  }
  return undefined
}

/** Reads `Retry-After` (seconds or an HTTP date) into milliseconds. */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Bodies quoted in error messages are cut to this many characters. */
export const truncate = (text: string, max = 300): string => text.length > max ? `${text.slice(0, max)}…` : text

const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"])

/** Whether a transport failure certainly happened before the request left (connection refused, DNS). */
export const failedBeforeSending = (failure: unknown): boolean => {
  let cause: unknown = failure
  for (let depth = 0; depth < 6 && cause !== undefined && cause !== null; depth++) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === "string" && notSentCodes.has(code)) return true
    const errors = (cause as { errors?: unknown }).errors
    if (Array.isArray(errors) && errors.some((e) => notSentCodes.has((e as { code?: string })?.code ?? ""))) {
      return true
    }
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}

/**
 * A short description of a transport failure without request headers: the stage (`Transport`,
 * `Decode`, …) and the messages and codes of its causes.
 */
export const describeFailure = (reason: string, failure: unknown): string => {
  const parts: Array<string> = [reason]
  let cause: unknown = failure
  for (let depth = 0; depth < 4 && cause !== undefined && cause !== null; depth++) {
    const message = (cause as { message?: unknown }).message
    const code = (cause as { code?: unknown }).code
    if (typeof message === "string" && message !== "") parts.push(message)
    if (typeof code === "string") parts.push(code)
    cause = (cause as { cause?: unknown }).cause
  }
  return parts.join(": ")
}

/** {@link describeFailure} of the platform's error. */
export const describeTransport = (error: HttpClientError.HttpClientError): string =>
  describeFailure(error.reason, error.cause)

/**
 * What a `TransportError` keeps as its cause: the failure under the platform's error (socket, DNS,
 * body read), never the platform error itself, whose request carries the signed headers.
 */
export const transportCause = (error: HttpClientError.HttpClientError): unknown => error.cause

/**
 * Turning schema failures and HTTP answers into the SDK's typed errors.
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as ParseResult from "effect/ParseResult"
import type { ApiErrorCode } from "../BackpackError.js"

/** The path and message of the first issue of a parse error (`"filters.price.tickSize"`, `"[2].price"`). */
export const describeParseError = (error: ParseResult.ParseError): { path: string; detail: string } => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  if (first === undefined) return { path: "", detail: error.message }
  const path = first.path
    .map((segment, i) =>
      typeof segment === "number" ? `[${segment}]` : i === 0 ? String(segment) : `.${String(segment)}`
    )
    .join("")
  return { path, detail: first.message }
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
export const failedBeforeSending = (error: HttpClientError.RequestError): boolean => {
  let cause: unknown = error.cause
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

/** A short description of a transport failure without request headers. */
export const describeTransport = (error: HttpClientError.HttpClientError): string => {
  const parts: Array<string> = [error.reason]
  let cause: unknown = error.cause
  for (let depth = 0; depth < 4 && cause !== undefined && cause !== null; depth++) {
    const message = (cause as { message?: unknown }).message
    const code = (cause as { code?: unknown }).code
    if (typeof message === "string" && message !== "") parts.push(message)
    if (typeof code === "string") parts.push(code)
    cause = (cause as { cause?: unknown }).cause
  }
  return parts.join(": ")
}

/**
 * What a `TransportError` keeps as its cause: the failure under the platform's error (socket, DNS,
 * body read), never the platform error itself, whose request carries the signed headers.
 */
export const transportCause = (error: HttpClientError.HttpClientError): unknown => error.cause

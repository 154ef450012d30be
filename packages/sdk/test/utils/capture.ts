/**
 * Everything the runtime emits, serialised: a tracer that records every span (name, attributes,
 * events, links, exit) and a logger at `LogLevel.All` that records every message, annotation and
 * cause. `text()` is all of it as one string, for a search for secrets in any encoding.
 */
import { Cause, Effect, Exit, Layer, Logger, LogLevel, Tracer } from "effect"

/** Every string reachable from a value (own properties, enumerable or not; bytes as latin1 and base64). */
export const strings = (value: unknown, out: Array<string> = []): Array<string> => {
  const seen = new Set<unknown>()
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const { depth, value: v } = stack.pop()!
    if (typeof v === "string") {
      out.push(v)
      continue
    }
    if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") {
      out.push(String(v))
      continue
    }
    if (v === null || (typeof v !== "object" && typeof v !== "function") || seen.has(v) || depth > 16) continue
    seen.add(v)
    if (v instanceof Uint8Array) {
      out.push(Buffer.from(v).toString("latin1"), Buffer.from(v).toString("base64"))
      continue
    }
    if (typeof v === "function") continue
    if (v instanceof Map) {
      for (const [k, x] of v) stack.push({ value: k, depth: depth + 1 }, { value: x, depth: depth + 1 })
      continue
    }
    if (v instanceof Error) out.push(v.message, v.stack ?? "")
    for (const key of Object.getOwnPropertyNames(v)) {
      out.push(key)
      let x: unknown
      try {
        x = (v as Record<string, unknown>)[key]
      } catch {
        continue
      }
      stack.push({ value: x, depth: depth + 1 })
    }
  }
  return out
}

/** What an exporter does with a value: `JSON.stringify` (bigints as strings), then the raw walk. */
export const serialise = (value: unknown): string => {
  let json = ""
  try {
    json = JSON.stringify(value, (_, x) => typeof x === "bigint" ? x.toString() : x) ?? ""
  } catch (e) {
    json = String(e)
  }
  return `${json}\n${strings(value).join("\n")}`
}

export interface Captured {
  readonly spans: Array<{ name: string; text: string }>
  readonly logs: Array<string>
  /** Every span and log line serialised, one string. */
  readonly text: () => string
}

/** A recording tracer and logger (minimum level `All`), and what they captured. */
export const capture = () => {
  const captured: Captured = {
    spans: [],
    logs: [],
    text: () => [...captured.spans.map((s) => `${s.name}\n${s.text}`), ...captured.logs].join("\n")
  }
  const layer = Layer.unwrapEffect(Effect.map(Effect.tracer, (native) => {
    const tracer = Tracer.make({
      context: native.context,
      span: (name, parent, context, links, startTime, kind, options) => {
        const span = native.span(name, parent, context, links, startTime, kind, options)
        const events: Array<unknown> = []
        const attribute = span.attribute.bind(span)
        const event = span.event.bind(span)
        const end = span.end.bind(span)
        span.attribute = (key, value) => {
          attribute(key, value)
        }
        span.event = (eventName, time, attributes) => {
          events.push({ eventName, attributes })
          event(eventName, time, attributes)
        }
        span.end = (endTime, exit) => {
          const rendered = Exit.isFailure(exit)
            ? `${Cause.pretty(exit.cause, { renderErrorCause: true })}\n${serialise(Cause.squash(exit.cause))}`
            : ""
          captured.spans.push({
            name,
            text: [
              serialise([...span.attributes]),
              serialise(events),
              serialise(span.links.map((l) => l.attributes)),
              serialise(exit),
              rendered
            ].join("\n")
          })
          end(endTime, exit)
        }
        return span
      }
    })
    return Layer.mergeAll(
      Layer.setTracer(tracer),
      Logger.replace(
        Logger.defaultLogger,
        Logger.make(({ annotations, cause, logLevel, message, spans }) => {
          captured.logs.push([
            logLevel.label,
            serialise(message),
            serialise([...annotations]),
            serialise([...spans]),
            Cause.isEmpty(cause) ? "" : `${Cause.pretty(cause, { renderErrorCause: true })}\n${serialise(cause)}`
          ].join("\n"))
        })
      ),
      Logger.minimumLogLevel(LogLevel.All)
    )
  }))
  return { captured, layer }
}

/** The encodings a secret (base64 text of some bytes) could leak in. */
export const encodingsOf = (base64: string): Array<string> => {
  const bytes = Buffer.from(base64, "base64")
  return [
    base64,
    bytes.toString("hex"),
    bytes.toString("latin1"),
    bytes.toString("base64url"),
    base64.replace(/=+$/, "")
  ]
}

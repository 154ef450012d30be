/**
 * Reading and parsing REST bodies under limits: declared and actual size, JSON validity and nesting depth.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import type { IncomingMessage } from "node:http"
import type { Controls } from "../controls.js"
import type { Reply } from "./reply.js"
import { apiError, text } from "./reply.js"

/** Outcome of reading a body. */
export type BodyRead =
  | { readonly _tag: "Text"; readonly text: string }
  | { readonly _tag: "TooLarge" }
  | { readonly _tag: "Failed" }

/**
 * Reads a request body of at most `maxBytes` bytes. A declared `Content-Length` above the limit is refused without
 * reading a byte; a longer chunked body stops being read at the limit.
 */
export const read = (incoming: IncomingMessage, maxBytes: number): Effect.Effect<BodyRead> => {
  const declared = incoming.headers["content-length"]
  if (declared !== undefined && !(Number(declared) <= maxBytes)) return Effect.succeed({ _tag: "TooLarge" })
  if (incoming.readableEnded) return Effect.succeed({ _tag: "Text", text: "" })
  return Effect.async<BodyRead>((resume) => {
    const chunks: Array<Buffer> = []
    let size = 0
    const done = (result: BodyRead) => {
      incoming.off("data", onData)
      incoming.off("end", onEnd)
      incoming.off("error", onError)
      resume(Effect.succeed(result))
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        incoming.pause()
        done({ _tag: "TooLarge" })
      } else chunks.push(chunk)
    }
    const onEnd = () => done({ _tag: "Text", text: Buffer.concat(chunks).toString("utf8") })
    const onError = () => done({ _tag: "Failed" })
    incoming.on("data", onData)
    incoming.on("end", onEnd)
    incoming.on("error", onError)
    return Effect.sync(() => {
      incoming.off("data", onData)
      incoming.off("end", onEnd)
      incoming.off("error", onError)
    })
  })
}

/** Whether JSON text nests arrays/objects deeper than `limit` (strings are skipped). Linear, no recursion. */
export const nestedDeeperThan = (text: string, limit: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // backslash: skip the escaped character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true
    } else if (c === 125 || c === 93) depth--
  }
  return false
}

/** 413 for a body over the limit; the connection is closed so the rest of it is never read. */
export const tooLarge = (controls: Controls): Reply =>
  apiError(413, "INVALID_CLIENT_REQUEST", `Request body too large (at most ${controls.limits.maxBodyBytes} bytes)`, {
    connection: "close"
  })

/** Parses a JSON body (`undefined` when empty) or answers the exchange's plain-text 400. */
export const parseJson = (
  controls: Controls,
  raw: string
): { readonly _tag: "Parsed"; readonly value: unknown } | Reply => {
  if (raw.trim().length === 0) return { _tag: "Parsed", value: undefined }
  if (nestedDeeperThan(raw, controls.limits.maxJsonDepth)) {
    return text("Bad Request parse request payload error: nested too deeply", 400)
  }
  try {
    return { _tag: "Parsed", value: JSON.parse(raw) }
  } catch {
    return text("Bad Request parse request payload error: invalid JSON", 400)
  }
}

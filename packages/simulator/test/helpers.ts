import * as Effect from "effect/Effect"
import WebSocket from "ws"
import { Signing } from "../src/index.js"

export interface HttpResult {
  readonly status: number
  readonly text: string
  readonly json: any
  readonly headers: Headers
}

const toResult = async (res: Response): Promise<HttpResult> => {
  const text = await res.text()
  let json: unknown = undefined
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, text, json, headers: res.headers }
}

/** Plain unsigned GET. */
export const get = (base: string, path: string) => Effect.promise(() => fetch(`${base}${path}`).then(toResult))

export interface SignedOptions {
  readonly secret: string
  readonly method: "GET" | "POST" | "PATCH" | "DELETE"
  readonly path: string
  readonly instruction: string
  readonly params?: Record<string, unknown> | ReadonlyArray<Record<string, unknown>>
  readonly timestamp?: number
  readonly window?: number
  /** Overrides applied to the headers after signing. */
  readonly headers?: Record<string, string | undefined>
  /** Body actually sent (defaults to the signed params). */
  readonly sendBody?: unknown
}

/** Signed request built like a real client (query for GET, JSON body otherwise). */
export const signed = (base: string, o: SignedOptions) =>
  Effect.promise(() => {
    const params = o.params ?? {}
    const signedHeaders: Record<string, string | undefined> = {
      ...Signing.headers({
        secret: o.secret,
        instruction: o.instruction,
        params,
        timestamp: o.timestamp ?? Date.now(),
        ...(o.window === undefined ? {} : { window: o.window })
      }),
      ...o.headers
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(signedHeaders)) if (v !== undefined) headers[k] = v
    let url = `${base}${o.path}`
    let body: string | undefined
    if (o.method === "GET") {
      const qs = new URLSearchParams(
        Object.entries(params as Record<string, unknown>).map(([k, v]) => [k, String(v)])
      ).toString()
      if (qs.length > 0) url += `?${qs}`
    } else {
      headers["Content-Type"] = "application/json; charset=utf-8"
      body = JSON.stringify(o.sendBody ?? params)
    }
    return fetch(url, { method: o.method, headers, ...(body === undefined ? {} : { body }) }).then(toResult)
  })

/** A WebSocket client collecting parsed frames. */
export interface WsClient {
  readonly ws: WebSocket
  readonly frames: Array<any>
  readonly raw: Array<string>
  readonly send: (msg: unknown) => void
  /** Resolves once a frame matching the predicate has arrived (checks already received frames too). */
  readonly waitFor: (predicate: (frame: any) => boolean, timeoutMs?: number) => Promise<any>
  readonly close: () => void
}

export const connect = (url: string) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      new Promise<WsClient>((resolve, reject) => {
        const ws = new WebSocket(url)
        const frames: Array<any> = []
        const raw: Array<string> = []
        const waiters: Array<{ p: (f: any) => boolean; r: (f: any) => void }> = []
        ws.on("message", (data) => {
          const text = data.toString()
          raw.push(text)
          let frame: any
          try {
            frame = JSON.parse(text)
          } catch {
            frame = { malformed: text }
          }
          frames.push(frame)
          for (const w of [...waiters]) {
            if (w.p(frame)) {
              waiters.splice(waiters.indexOf(w), 1)
              w.r(frame)
            }
          }
        })
        ws.on("error", reject)
        ws.on("open", () =>
          resolve({
            ws,
            frames,
            raw,
            send: (msg) => ws.send(JSON.stringify(msg)),
            waitFor: (p, timeoutMs = 5000) =>
              new Promise((res, rej) => {
                const found = frames.find(p)
                if (found !== undefined) return res(found)
                const timer = setTimeout(() => rej(new Error("timed out waiting for frame")), timeoutMs)
                waiters.push({
                  p,
                  r: (f) => {
                    clearTimeout(timer)
                    res(f)
                  }
                })
              }),
            close: () => ws.close()
          }))
      })
    ),
    (c) => Effect.sync(() => c.ws.terminate())
  )

/**
 * `/_simulator/faults` (read, set, reset the fault plan over HTTP: token, JSON only, origin-checked, loopback),
 * driven in-process and from outside against the bin run as a child process; and the server's request spans, which
 * must never hold the signature or the key.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"
import { spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Signing, Simulator } from "../src/index.js"
import { get, signed } from "./helpers.js"

const DEMO = Simulator.DEMO_SECRET
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const binPath = join(root, "packages", "simulator", "src", "bin.ts")

const control = (
  url: string,
  method: "GET" | "POST" | "DELETE",
  token: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {}
) =>
  Effect.promise(async () => {
    const res = await fetch(`${url}/_simulator/faults`, {
      method,
      headers: {
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
    const text = await res.text()
    return { status: res.status, json: text.length > 0 ? JSON.parse(text) : undefined }
  })

const order = (clientId: number) => ({
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  price: "100.00",
  quantity: "1",
  clientId
})

describe("fault control route", () => {
  it.live("GET reads, POST sets, DELETE resets; token, JSON body and origin are required", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 3, rateLimits: false, liquidity: false })
      const plan = { routes: { "GET /api/v1/status": { unavailable: 1 } }, clockDriftPpm: 100 }
      expect((yield* control(sim.url, "POST", undefined, plan)).status).toBe(401)
      expect((yield* control(sim.url, "POST", "wrong-token-123", plan)).status).toBe(401)
      expect(
        (yield* control(sim.url, "POST", sim.controlToken, plan, { origin: "https://evil.example" })).status
      ).toBe(403)
      expect(
        (yield* control(sim.url, "POST", sim.controlToken, JSON.stringify(plan), { "content-type": "text/plain" }))
          .status
      ).toBe(415)
      expect((yield* control(sim.url, "GET", undefined)).status).toBe(401)
      expect((yield* control(sim.url, "DELETE", "wrong-token-123")).status).toBe(401)
      // nothing of that reached the plan
      expect((yield* get(sim.url, "/api/v1/status")).status).toBe(200)
      const bad = yield* control(sim.url, "POST", sim.controlToken, { routes: { "*": { unavailable: 2 } } })
      expect(bad).toEqual({
        status: 400,
        json: { code: "INVALID_FAULT_PLAN", message: "*: unavailable must be a share in 0..1" }
      })
      const set = yield* control(sim.url, "POST", sim.controlToken, plan)
      expect(set.status).toBe(200)
      expect(set.json.plan).toEqual({ ...plan, clockOffsetMs: 0 })
      expect((yield* get(sim.url, "/api/v1/status")).status).toBe(503)
      const read = yield* control(sim.url, "GET", sim.controlToken)
      expect(read.json.stats).toEqual({
        requests: { "GET /api/v1/status": 2 },
        injected: { "GET /api/v1/status": { unavailable: 1 } }
      })
      expect(yield* sim.faults.plan).toEqual({ ...plan, clockOffsetMs: 0 })
      const reset = yield* control(sim.url, "DELETE", sim.controlToken)
      expect(reset.json).toEqual({
        plan: { routes: {}, clockDriftPpm: 0, clockOffsetMs: 0 },
        stats: { requests: {}, injected: {} }
      })
      expect((yield* get(sim.url, "/api/v1/status")).status).toBe(200)
    })))

  it.live("the bin, run as a child process, takes its fault plan from outside", () =>
    Effect.gen(function*() {
      const token = "faults-test-token-1"
      const child = yield* Effect.acquireRelease(
        Effect.sync(() =>
          spawn(process.execPath, ["--import", "tsx", binPath, "--port", "0", "--seed", "5", "--token", token], {
            cwd: root,
            env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
            stdio: ["ignore", "pipe", "pipe"]
          })
        ),
        (child) => Effect.sync(() => child.kill("SIGTERM"))
      )
      const url = yield* Effect.async<string, Error>((resume) => {
        let out = ""
        child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
          out += chunk
          const match = /REST\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)
          if (match !== null && out.includes("control")) resume(Effect.succeed(match[1]!))
        })
        child.on("exit", (code) => resume(Effect.fail(new Error(`bin exited ${code}: ${out}`))))
      }).pipe(Effect.timeout("20 seconds"))
      const set = yield* control(url, "POST", token, {
        routes: { "POST /api/v1/order": { serverError: 1 } },
        clockOffsetMs: 5_000
      })
      expect(set.status).toBe(200)
      const place = (clientId: number) =>
        signed(url, {
          secret: DEMO,
          method: "POST",
          path: "/api/v1/order",
          instruction: "orderExecute",
          params: order(clientId),
          timestamp: Date.now() + 5_000
        })
      const failed = yield* place(11)
      expect([500, 502, 504]).toContain(failed.status)
      const time = Number((yield* get(url, "/api/v1/time")).text)
      expect(time - Date.now()).toBeGreaterThan(4_000)
      const query = yield* signed(url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/order",
        instruction: "orderQuery",
        params: { symbol: "SOL_USDC", clientId: 11 },
        timestamp: Date.now() + 5_000
      })
      expect(query.json).toMatchObject({ clientId: 11, status: "New" })
      const read = yield* control(url, "GET", token)
      expect(read.json.stats.injected).toEqual({ "POST /api/v1/order": { serverError: 1 } })
      expect(read.json.plan.clockOffsetMs).toBe(5_000)
      expect((yield* control(url, "DELETE", token)).status).toBe(200)
      const ok = yield* signed(url, {
        secret: DEMO,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: order(12)
      })
      expect(ok.status).toBe(200)
      expect(ok.json).toMatchObject({ clientId: 12, status: "New" })
    }).pipe(Effect.scoped), { timeout: 40_000 })
})

describe("server spans", () => {
  it.live("the http.server spans never record the signature, the API key or the control token", () =>
    Effect.gen(function*() {
      const recorded: Array<string> = []
      const native = yield* Effect.tracer
      const tracer = Tracer.make({
        context: native.context,
        span: (name, parent, context, links, startTime, kind, options) => {
          const span = native.span(name, parent, context, links, startTime, kind, options)
          const end = span.end.bind(span)
          span.end = (endTime, exit) => {
            recorded.push(JSON.stringify({ name, attributes: Object.fromEntries(span.attributes), exit }))
            end(endTime, exit)
          }
          return span
        }
      })
      yield* Effect.scoped(Effect.gen(function*() {
        const sim = yield* Simulator.make({ seed: 3, rateLimits: false, liquidity: false })
        const headers = Signing.headers({
          secret: DEMO,
          instruction: "orderExecute",
          params: order(21),
          timestamp: Date.now()
        })
        const res = yield* Effect.promise(() =>
          fetch(`${sim.url}/api/v1/order`, {
            method: "POST",
            headers: { ...headers, "content-type": "application/json" },
            body: JSON.stringify(order(21))
          })
        )
        expect(res.status).toBe(200)
        expect((yield* control(sim.url, "GET", sim.controlToken)).status).toBe(200)
        const server = recorded.filter((s) => s.includes("http.request.method"))
        expect(server.length).toBe(2)
        const text = recorded.join("\n")
        expect(text).toContain("\"http.request.header.x-signature\":\"<redacted>\"")
        expect(text).toContain("\"http.request.header.x-api-key\":\"<redacted>\"")
        expect(text).not.toContain(headers["X-Signature"])
        expect(text).not.toContain(headers["X-API-Key"])
        expect(text).not.toContain(sim.controlToken)
      })).pipe(Effect.withTracer(tracer))
    }))
})

import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Simulator } from "../src/index.js"
import { get, signed } from "./helpers.js"

const DEMO = Simulator.DEMO_SECRET

describe("faults and rate limits", () => {
  it.live("error rates: 429 and 503 with JSON bodies", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 9, rateLimits: false, liquidity: false })
      yield* sim.faults.setErrorRates({ tooManyRequests: 1 })
      const r429 = yield* get(sim.url, "/api/v1/status")
      expect(r429.status).toBe(429)
      expect(r429.json).toEqual({ code: "TOO_MANY_REQUESTS", message: "Too many requests" })
      expect(r429.headers.get("retry-after")).toBe("1")
      yield* sim.faults.setErrorRates({ unavailable: 1 })
      const r503 = yield* get(sim.url, "/api/v1/status")
      expect(r503.status).toBe(503)
      expect(r503.json.code).toBe("MAINTENANCE")
      yield* sim.faults.setErrorRates({ unavailable: 0.5 })
      const statuses: Array<number> = []
      for (let i = 0; i < 40; i++) statuses.push((yield* get(sim.url, "/api/v1/ping")).status)
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(5)
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5)
      yield* sim.faults.reset
      expect((yield* get(sim.url, "/api/v1/status")).status).toBe(200)
    })))

  it.live("drop after accept: the order exists but the client gets no answer", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 9, rateLimits: false, liquidity: false })
      yield* sim.faults.dropAfterAccept(1)
      const outcome = yield* Effect.either(
        Effect.tryPromise(() =>
          Effect.runPromise(signed(sim.url, {
            secret: DEMO,
            method: "POST",
            path: "/api/v1/order",
            instruction: "orderExecute",
            params: {
              symbol: "SOL_USDC",
              side: "Bid",
              orderType: "Limit",
              price: "100.00",
              quantity: "1",
              clientId: 42
            }
          }))
        )
      )
      expect(outcome._tag).toBe("Left")
      const q = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/order",
        instruction: "orderQuery",
        params: { symbol: "SOL_USDC", clientId: 42 }
      })
      expect(q.status).toBe(200)
      expect(q.json).toMatchObject({ clientId: 42, status: "New" })
    })))

  it.live("latency and clock offset", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 9, rateLimits: false, liquidity: false })
      yield* sim.faults.setLatency(20)
      expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
      yield* sim.faults.setLatency(0)
      yield* sim.faults.setClockOffset(120_000)
      const time = Number((yield* get(sim.url, "/api/v1/time")).text)
      expect(time - Date.now()).toBeGreaterThan(100_000)
      // a client using its own (now 2 min behind) clock is rejected as expired
      const r = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/capital",
        instruction: "balanceQuery"
      })
      expect(r.json).toEqual({ code: "INVALID_CLIENT_REQUEST", message: "Request has expired" })
      const synced = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/capital",
        instruction: "balanceQuery",
        timestamp: time
      })
      expect(synced.status).toBe(200)
    })))

  it.live("rate limits: historical bucket per IP, standard per key, Retry-After", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({
        seed: 9,
        liquidity: false,
        rateLimits: { standard: 5, historical: 2, windowMs: 60_000 }
      })
      const start = Math.floor(Date.now() / 1000) - 60
      const k = (n: number) => get(sim.url, `/api/v1/klines?symbol=SOL_USDC&interval=1m&startTime=${start + n}`)
      expect((yield* k(0)).status).toBe(200)
      expect((yield* k(1)).status).toBe(200)
      const limited = yield* k(2)
      expect(limited.status).toBe(429)
      expect(limited.json).toEqual({ code: "TOO_MANY_REQUESTS", message: "Too many requests, please retry later" })
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
      // standard bucket is separate
      expect((yield* get(sim.url, "/api/v1/markets")).status).toBe(200)
      // signed requests count per API key
      for (let i = 0; i < 5; i++) {
        const r = yield* signed(sim.url, {
          secret: DEMO,
          method: "GET",
          path: "/api/v1/capital",
          instruction: "balanceQuery"
        })
        expect(r.status).toBe(200)
      }
      const over = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/capital",
        instruction: "balanceQuery"
      })
      expect(over.status).toBe(429)
      yield* sim.setRateLimits(false)
      expect((yield* k(3)).status).toBe(200)
    })))

  it.live("faucet route credits an account", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 9, rateLimits: false, liquidity: false })
      const acc = yield* sim.createAccount()
      const headers = { "content-type": "application/json", authorization: `Bearer ${sim.controlToken}` }
      const res = yield* Effect.promise(() =>
        fetch(`${sim.url}/_simulator/faucet`, {
          method: "POST",
          headers,
          body: JSON.stringify({ apiKey: acc.apiKey, asset: "ETH", quantity: "1.25" })
        })
      )
      expect(res.status).toBe(200)
      expect((yield* sim.balances(acc.apiKey)).ETH).toEqual({ available: "1.25", locked: "0", staked: "0" })
      const bad = yield* Effect.promise(() =>
        fetch(`${sim.url}/_simulator/faucet`, {
          method: "POST",
          headers,
          body: JSON.stringify({ apiKey: acc.apiKey, asset: "XYZ", quantity: "1" })
        })
      )
      expect(bad.status).toBe(400)
    })))

  it.live("activity moves the market deterministically", () =>
    Effect.scoped(Effect.gen(function*() {
      const a = yield* Simulator.make({ seed: 21, rateLimits: false })
      const b = yield* Simulator.make({ seed: 21, rateLimits: false })
      yield* a.runActivity(5)
      yield* b.runActivity(5)
      const ta = yield* get(a.url, "/api/v1/trades?symbol=SOL_USDC&limit=50")
      const tb = yield* get(b.url, "/api/v1/trades?symbol=SOL_USDC&limit=50")
      const strip = (rows: Array<any>) => rows.map((r) => [r.id, r.price, r.quantity, r.isBuyerMaker])
      expect(strip(ta.json)).toEqual(strip(tb.json))
      const report = yield* a.audit
      expect(report.crossedBooks).toEqual([])
      expect(report.conservationViolations).toEqual([])
      expect(report.lockMismatches).toEqual([])
    })))
})

import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Signing, Simulator } from "../src/index.js"
import { signed } from "./helpers.js"

const DEMO = Simulator.DEMO_SECRET
const capital = { method: "GET", path: "/api/v1/capital", instruction: "balanceQuery" } as const

layer(Simulator.layer({ seed: 3, rateLimits: false }), { excludeTestServices: true })("authentication", (it) => {
  it.effect("valid signature (demo key) → 200; header names are case-insensitive; X-Window optional", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const ok = yield* signed(sim.url, { secret: DEMO, ...capital })
      expect(ok.status).toBe(200)
      expect(ok.json.USDC).toEqual({ available: "100000", locked: "0", staked: "0" })
      const ts = Date.now()
      const res = yield* Effect.promise(() =>
        fetch(`${sim.url}/api/v1/capital`, {
          headers: {
            "x-api-key": Signing.publicKey(DEMO),
            "x-signature": Signing.sign(DEMO, `instruction=balanceQuery&timestamp=${ts}&window=5000`),
            "x-timestamp": String(ts)
          }
        })
      )
      expect(res.status).toBe(200)
    }))

  it.effect("missing headers → 401 UNAUTHORIZED", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const res = yield* Effect.promise(() => fetch(`${sim.url}/api/v1/capital`))
      expect(res.status).toBe(401)
      expect(yield* Effect.promise(() => res.json())).toEqual({
        code: "UNAUTHORIZED",
        message: "Missing authentication headers (X-API-Key, X-Signature, X-Timestamp)"
      })
    }))

  it.effect("bad signature → 401 INVALID_SIGNATURE", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const r = yield* signed(sim.url, {
        secret: DEMO,
        ...capital,
        headers: { "X-Signature": Signing.sign(DEMO, "instruction=balanceQuery&timestamp=1&window=5000") }
      })
      expect(r.status).toBe(401)
      expect(r.json).toEqual({ code: "INVALID_SIGNATURE", message: "Invalid signature" })
      const garbage = yield* signed(sim.url, { secret: DEMO, ...capital, headers: { "X-Signature": "not base64!" } })
      expect(garbage.status).toBe(401)
      expect(garbage.json.code).toBe("INVALID_SIGNATURE")
    }))

  it.effect("signature by another key → 401 INVALID_SIGNATURE; unknown key → 401 UNAUTHORIZED", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const other = yield* sim.createAccount()
      const wrong = yield* signed(sim.url, {
        secret: other.apiSecret,
        ...capital,
        headers: { "X-API-Key": Signing.publicKey(DEMO) }
      })
      expect(wrong.status).toBe(401)
      expect(wrong.json.code).toBe("INVALID_SIGNATURE")
      const stranger = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
      const unknown = yield* signed(sim.url, { secret: stranger, ...capital })
      expect(unknown.status).toBe(401)
      expect(unknown.json).toEqual({ code: "UNAUTHORIZED", message: "Invalid API key" })
    }))

  it.effect("expired, future, window too large", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const expired = yield* signed(sim.url, { secret: DEMO, ...capital, timestamp: Date.now() - 10_000 })
      expect(expired.status).toBe(401)
      expect(expired.json).toEqual({ code: "INVALID_CLIENT_REQUEST", message: "Request has expired" })
      const longWindow = yield* signed(sim.url, {
        secret: DEMO,
        ...capital,
        timestamp: Date.now() - 10_000,
        window: 60_000
      })
      expect(longWindow.status).toBe(200)
      const future = yield* signed(sim.url, { secret: DEMO, ...capital, timestamp: Date.now() + 30_000 })
      expect(future.status).toBe(401)
      expect(future.json.message).toBe("Request timestamp is too far in the future")
      const tooBig = yield* signed(sim.url, { secret: DEMO, ...capital, window: 60_001 })
      expect(tooBig.status).toBe(400)
      expect(tooBig.json).toEqual({ code: "INVALID_CLIENT_REQUEST", message: "Invalid window, must be at most 60000" })
    }))

  it.effect("tampered body and tampered query are rejected; batch signing verifies", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const order = { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100.00", quantity: "1" }
      const tampered = yield* signed(sim.url, {
        secret: DEMO,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: order,
        sendBody: { ...order, quantity: "2" }
      })
      expect(tampered.status).toBe(401)
      expect(tampered.json.code).toBe("INVALID_SIGNATURE")
      const wrongInstruction = yield* signed(sim.url, {
        secret: DEMO,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderCancel",
        params: order
      })
      expect(wrongInstruction.status).toBe(401)
      const ts = Date.now()
      const h = Signing.headers({
        secret: DEMO,
        instruction: "fillHistoryQueryAll",
        params: { symbol: "SOL_USDC" },
        timestamp: ts
      })
      const badQuery = yield* Effect.promise(() =>
        fetch(`${sim.url}/wapi/v1/history/fills?symbol=BTC_USDC`, { headers: h })
      )
      expect(badQuery.status).toBe(401)
      const goodQuery = yield* Effect.promise(() =>
        fetch(`${sim.url}/wapi/v1/history/fills?symbol=SOL_USDC`, { headers: h })
      )
      expect(goodQuery.status).toBe(200)
      const batch = yield* signed(sim.url, {
        secret: DEMO,
        method: "POST",
        path: "/api/v1/orders",
        instruction: "orderExecute",
        params: [order, { ...order, price: "99.00" }]
      })
      expect(batch.status).toBe(200)
      expect(batch.json.map((o: any) => o.operation)).toEqual(["Ok", "Ok"])
    }))

  it.effect("public routes need no headers", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const res = yield* Effect.promise(() => fetch(`${sim.url}/api/v1/markets`))
      expect(res.status).toBe(200)
    }))
})

describe("accounts", () => {
  it("rejects a seed that is not 32 bytes", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.scoped(
        Effect.flatMap(
          Simulator.make({ rateLimits: false, liquidity: false }),
          (sim) => sim.createAccount({ seed: "AAAA" })
        )
      )
    )
    expect(exit._tag).toBe("Failure")
  })
})

import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import WebSocket from "ws"
import { Simulator } from "../src/index.js"
import { exposureWarning, isLoopback } from "../src/internal/exposure.js"

const faucet = (url: string, headers: Record<string, string>, body: string) =>
  Effect.promise(() =>
    fetch(`${url}/_simulator/faucet`, { method: "POST", headers, body }).then(async (r) => ({
      status: r.status,
      json: await r.json().catch(() => undefined)
    }))
  )

const upgrade = (url: string, origin?: string) =>
  Effect.promise(() =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(url, origin === undefined ? {} : { origin })
      ws.on("open", () => {
        ws.close()
        resolve("open")
      })
      ws.on("unexpected-response", (_req, res) => {
        resolve(String(res.statusCode))
        ws.terminate()
      })
      ws.on("error", () => resolve("error"))
    })
  )

describe("safety", () => {
  it.live("control routes need the token, JSON and the simulator's own origin", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 4, rateLimits: false, liquidity: false, controlToken: "s3cret-token" })
      expect(sim.controlToken).toBe("s3cret-token")
      const acc = yield* sim.createAccount()
      const body = JSON.stringify({ apiKey: acc.apiKey, asset: "USDC", quantity: "5" })
      const json = { "content-type": "application/json" }
      const noToken = yield* faucet(sim.url, json, body)
      expect(noToken).toEqual({
        status: 401,
        json: {
          code: "UNAUTHORIZED",
          message: "Control routes need the simulator token (Authorization: Bearer <token>)"
        }
      })
      expect((yield* faucet(sim.url, { ...json, authorization: "Bearer wrong-token" }, body)).status).toBe(401)
      const auth = { authorization: "Bearer s3cret-token" }
      // what a page in the user's browser could send without a preflight: text/plain, or a foreign origin
      const plain = yield* faucet(sim.url, { ...auth, "content-type": "text/plain" }, body)
      expect(plain).toEqual({
        status: 415,
        json: { code: "INVALID_CLIENT_REQUEST", message: "Control routes accept application/json bodies only" }
      })
      const foreign = yield* faucet(sim.url, { ...json, ...auth, origin: "https://evil.example" }, body)
      expect(foreign).toEqual({
        status: 403,
        json: { code: "FORBIDDEN", message: "Cross-origin requests to control routes are refused" }
      })
      expect((yield* faucet(sim.url, { ...json, ...auth, "sec-fetch-site": "cross-site" }, body)).status).toBe(403)
      expect(yield* sim.balances(acc.apiKey)).toEqual({})
      // the token alone (header variant), or with the simulator's own origin
      expect((yield* faucet(sim.url, { ...json, "x-simulator-token": "s3cret-token" }, body)).status).toBe(200)
      expect((yield* faucet(sim.url, { ...json, ...auth, origin: sim.url }, body)).status).toBe(200)
      expect((yield* sim.balances(acc.apiKey)).USDC).toEqual({ available: "10", locked: "0", staked: "0" })
    })))

  it.live("a fresh random token by default", () =>
    Effect.scoped(Effect.gen(function*() {
      const a = yield* Simulator.make({ seed: 4, rateLimits: false, liquidity: false })
      const b = yield* Simulator.make({ seed: 4, rateLimits: false, liquidity: false })
      expect(a.controlToken).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(a.controlToken).not.toBe(b.controlToken)
    })))

  it.live("WebSocket upgrades check Origin; configured origins are allowed", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({
        seed: 4,
        rateLimits: false,
        liquidity: false,
        allowedOrigins: ["http://localhost:3000"]
      })
      expect(yield* upgrade(sim.wsUrl)).toBe("open")
      expect(yield* upgrade(sim.wsUrl, sim.url)).toBe("open")
      expect(yield* upgrade(sim.wsUrl, `http://localhost:${sim.port}`)).toBe("open")
      expect(yield* upgrade(sim.wsUrl, "http://localhost:3000")).toBe("open")
      expect(yield* upgrade(sim.wsUrl, "https://evil.example")).toBe("403")
      expect(yield* upgrade(sim.wsUrl, "http://localhost:3001")).toBe("403")
    })))

  it("binding beyond loopback is recognised and the warning names what becomes reachable", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1"]) expect(isLoopback(host), host).toBe(true)
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"]) expect(isLoopback(host), host).toBe(false)
    const warning = exposureWarning("0.0.0.0", 8080)
    expect(warning).toContain("listens on 0.0.0.0:8080")
    expect(warning).toContain("/_simulator/*")
    expect(warning).toContain("WebSocket streams")
    expect(warning).toContain("demo account")
  })
})

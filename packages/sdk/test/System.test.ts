import { System } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { mockHttp, sdkLayer } from "./utils/mock.js"

describe("System", () => {
  it.effect("getStatus decodes the status and a null message", () => {
    const http = mockHttp(() => ({ body: { status: "Ok", message: null } }))
    return Effect.gen(function*() {
      const system = yield* System.System
      const status = yield* system.getStatus()
      expect(status.status).toBe("Ok")
      expect(status.message).toBeUndefined()
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.url.href).toBe("https://api.test/api/v1/status")
      // public endpoints carry no signing headers
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })

  it.effect("ping reads the text/plain pong", () => {
    const http = mockHttp(() => ({ text: "pong" }))
    return Effect.gen(function*() {
      expect(yield* (yield* System.System).ping()).toBe("pong")
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })

  it.effect("getTime reads server milliseconds", () => {
    const http = mockHttp(() => ({ text: "1753131712992" }))
    return Effect.gen(function*() {
      const time = yield* (yield* System.System).getTime()
      expect(time).toBe(1753131712992)
      expect(DateTime.formatIso(DateTime.unsafeMake(time))).toBe("2025-07-21T21:01:52.992Z")
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })

  it.effect("getWallets decodes the wallet list", () => {
    const http = mockHttp(() => ({
      body: [{ blockchain: "Solana", address: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin" }]
    }))
    return Effect.gen(function*() {
      const wallets = yield* (yield* System.System).getWallets()
      expect(wallets.map((w) => [w.blockchain, w.address])).toEqual([
        ["Solana", "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin"]
      ])
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })
})

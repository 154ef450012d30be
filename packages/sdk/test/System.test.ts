import { System } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { mockHttp, sdkLayer } from "./utils/mock.js"

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("System", (it) => {
  it.effect("getStatus decodes the status and a null message", () => {
    http.respond(() => ({ body: { status: "Ok", message: null } }))
    return Effect.gen(function*() {
      const system = yield* System.System
      const status = yield* system.getStatus()
      expect(status.status).toBe("Ok")
      expect(status.message).toBeUndefined()
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.url.href).toBe("https://api.test/api/v1/status")
      // public endpoints carry no signing headers
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
    })
  })

  it.effect("ping reads the text/plain pong", () => {
    http.respond(() => ({ text: "pong" }))
    return Effect.gen(function*() {
      expect(yield* (yield* System.System).ping()).toBe("pong")
    })
  })

  it.effect("getTime reads server milliseconds", () => {
    http.respond(() => ({ text: "1753131712992" }))
    return Effect.gen(function*() {
      const time = yield* (yield* System.System).getTime()
      expect(time).toBe(1753131712992)
      expect(DateTime.formatIso(DateTime.unsafeMake(time))).toBe("2025-07-21T21:01:52.992Z")
    })
  })

  it.effect("getWallets decodes the wallet list", () => {
    http.respond(() => ({
      body: [{ blockchain: "Solana", address: "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin" }]
    }))
    return Effect.gen(function*() {
      const wallets = yield* (yield* System.System).getWallets()
      expect(wallets.map((w) => [w.blockchain, w.address])).toEqual([
        ["Solana", "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin"]
      ])
    })
  })
})

import { Vaults } from "@effect-backpack/sdk"
import { describe, expect, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect } from "effect"
import { expectSigned, mockHttp, type Recorded, sdkLayer } from "./utils/mock.js"

const fmt = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

const suffix = (request: Recorded) => `timestamp=${request.headers["x-timestamp"]}&window=5000`

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Vaults", (it) => {
  it.effect("getVaults decodes vaults (public)", () => {
    http.respond(() => ({
      body: [{
        id: 1,
        vaultToken: "BPUSDC",
        symbol: "USDC",
        mintsEnabled: true,
        redeemsEnabled: false,
        minMintQuantity: "10",
        minRedeemTokens: "0.000001",
        redeemDelayMs: 86400000,
        tokenStepSize: "0.000001",
        remainingMintQuantity: null
      }]
    }))
    return Effect.gen(function*() {
      const [vault] = yield* (yield* Vaults.Vaults).getVaults()
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/vaults")
      expect(http.requests[0]!.url.search).toBe("")
      expect(http.requests[0]!.headers["x-signature"]).toBeUndefined()
      expect([vault!.id, vault!.vaultToken, vault!.symbol]).toEqual([1, "BPUSDC", "USDC"])
      expect([vault!.mintsEnabled, vault!.redeemsEnabled]).toEqual([true, false])
      expect(fmt(vault!.minMintQuantity)).toBe("10")
      expect(fmt(vault!.minRedeemTokens)).toBe("0.000001")
      expect(vault!.redeemDelayMs).toBe(86400000)
      expect(vault!.remainingMintQuantity).toBeUndefined()
    })
  })

  it.effect("getVaultHistory sends interval and vaultId and decodes snapshots", () => {
    http.respond(() => ({
      body: [
        {
          vaultId: 1,
          timestamp: "2025-09-10T00:00:00Z",
          nav: "1.0234",
          vaultEquity: "1023400.5",
          tokenCirculatingSupply: "1000000"
        },
        { vaultId: 1, timestamp: "2025-09-09T00:00:00Z", nav: null, vaultEquity: null, tokenCirculatingSupply: null }
      ]
    }))
    return Effect.gen(function*() {
      const [first, empty] = yield* (yield* Vaults.Vaults).getVaultHistory({ interval: "1month", vaultId: 1 })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/vaults/history")
      expect(http.requests[0]!.query).toEqual({ interval: "1month", vaultId: "1" })
      expect(DateTime.formatIso(first!.timestamp)).toBe("2025-09-10T00:00:00.000Z")
      expect(fmt(first!.nav)).toBe("1.0234")
      expect(fmt(first!.vaultEquity)).toBe("1023400.5")
      expect(fmt(first!.tokenCirculatingSupply)).toBe("1000000")
      expect(empty!.nav).toBeUndefined()
    })
  })

  it.effect("getVaultNav is signed vaultNavQuery and decodes the NAV", () => {
    http.respond(() => ({
      body: {
        nav: "1.0234",
        twapNav: "1.0230",
        mintNav: "1.0234",
        redeemNav: "1.0230",
        vaultEquity: "1023400.5",
        netEquity: "1020000",
        tokenCirculatingSupply: "1000000",
        lastCrankTimestamp: 1757604778123
      }
    }))
    return Effect.gen(function*() {
      const nav = yield* (yield* Vaults.Vaults).getVaultNav()
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/vault/nav")
      expect(request.url.search).toBe("")
      expect(expectSigned(request, "vaultNavQuery", {})).toBe(`instruction=vaultNavQuery&${suffix(request)}`)
      expect(fmt(nav.nav)).toBe("1.0234")
      expect(fmt(nav.twapNav)).toBe("1.023")
      expect(fmt(nav.redeemNav)).toBe("1.023")
      expect(fmt(nav.netEquity)).toBe("1020000")
      expect(nav.lastCrankTimestamp).toBe(1757604778123)
    })
  })

  it.effect("mintVault posts the signed VaultMintRequest and succeeds on the empty 200", () => {
    http.respond(() => ({ status: 200 }))
    return Effect.gen(function*() {
      const result = yield* (yield* Vaults.Vaults).mintVault({
        vaultId: 1,
        symbol: "USDC",
        quantity: "250.50",
        autoLendRedeem: true
      })
      expect(result).toBeUndefined()
      const request = http.requests[0]!
      expect(request.method).toBe("POST")
      expect(request.path).toBe("/api/v1/vault/mint")
      expect(request.json).toEqual({ vaultId: 1, symbol: "USDC", quantity: "250.50", autoLendRedeem: true })
      expect(
        expectSigned(request, "vaultMint", { vaultId: 1, symbol: "USDC", quantity: "250.50", autoLendRedeem: true })
      ).toBe(`instruction=vaultMint&autoLendRedeem=true&quantity=250.50&symbol=USDC&vaultId=1&${suffix(request)}`)
    })
  })

  it.effect("redeemVault posts the signed VaultRedeemRequest (with and without a quantity)", () => {
    http.respond(() => ({ status: 200 }))
    return Effect.gen(function*() {
      const vaults = yield* Vaults.Vaults
      yield* vaults.redeemVault({ vaultId: 2, vaultTokenQuantity: BigDecimal.unsafeFromString("12.5") })
      yield* vaults.redeemVault({ vaultId: 2 })
      const [partial, all] = http.requests
      expect(partial!.method).toBe("POST")
      expect(partial!.path).toBe("/api/v1/vault/redeem")
      expect(partial!.json).toEqual({ vaultId: 2, vaultTokenQuantity: "12.5" })
      expect(expectSigned(partial!, "vaultRedeemRequest", { vaultId: 2, vaultTokenQuantity: "12.5" })).toBe(
        `instruction=vaultRedeemRequest&vaultId=2&vaultTokenQuantity=12.5&${suffix(partial!)}`
      )
      expect(all!.json).toEqual({ vaultId: 2 })
      expect(expectSigned(all!, "vaultRedeemRequest", { vaultId: 2 })).toBe(
        `instruction=vaultRedeemRequest&vaultId=2&${suffix(all!)}`
      )
    })
  })

  it.effect("cancelVaultRedeem sends a signed DELETE with a JSON body", () => {
    http.respond(() => ({ status: 200 }))
    return Effect.gen(function*() {
      yield* (yield* Vaults.Vaults).cancelVaultRedeem({ vaultId: 3 })
      const request = http.requests[0]!
      expect(request.method).toBe("DELETE")
      expect(request.path).toBe("/api/v1/vault/redeem")
      expect(request.url.search).toBe("")
      expect(request.headers["content-type"]).toContain("application/json")
      expect(request.json).toEqual({ vaultId: 3 })
      expect(expectSigned(request, "vaultRedeemCancel", { vaultId: 3 })).toBe(
        `instruction=vaultRedeemCancel&vaultId=3&${suffix(request)}`
      )
    })
  })

  it.effect("getVaultPendingRedeems is signed vaultPendingRedeemsQuery and decodes redeems", () => {
    http.respond(() => ({
      text:
        `[{"status":"Requested","id":"9007199254740993","vaultId":1,"vaultTokenQuantity":"100.5","vaultToken":null,` +
        `"symbol":null,"quantity":null,"nav":null,"reason":null,"timestamp":1757604778123},` +
        `{"status":"Redeemed","id":"42","vaultId":1,"vaultTokenQuantity":"10","vaultToken":"BPUSDC","symbol":"USDC",` +
        `"quantity":"10.234","nav":"1.0234","reason":null,"timestamp":1757604779000}]`
    }))
    return Effect.gen(function*() {
      const [pending, done] = yield* (yield* Vaults.Vaults).getVaultPendingRedeems({ vaultId: 1 })
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/vault/redeems/pending")
      expect(request.query).toEqual({ vaultId: "1" })
      expect(expectSigned(request, "vaultPendingRedeemsQuery", { vaultId: "1" })).toBe(
        `instruction=vaultPendingRedeemsQuery&vaultId=1&${suffix(request)}`
      )
      expect(pending!.id).toBe("9007199254740993")
      expect(pending!.status).toBe("Requested")
      expect(fmt(pending!.vaultTokenQuantity)).toBe("100.5")
      expect(pending!.quantity).toBeUndefined()
      expect(pending!.timestamp).toBe(1757604778123)
      expect(done!.status).toBe("Redeemed")
      expect(fmt(done!.quantity)).toBe("10.234")
      expect(fmt(done!.nav)).toBe("1.0234")
      expect(done!.symbol).toBe("USDC")
    })
  })

  describe("bad input is a ValidationError naming the field, nothing sent", () => {
    const cases: ReadonlyArray<[string, (v: Vaults.Service) => Effect.Effect<unknown, unknown>, string]> = [
      ["interval", (v) => v.getVaultHistory({ interval: "1h" as any }), "interval"],
      ["negative vaultId", (v) => v.cancelVaultRedeem({ vaultId: -1 }), "vaultId"],
      ["negative quantity", (v) => v.mintVault({ vaultId: 1, symbol: "USDC", quantity: "-5" }), "quantity"],
      ["malformed quantity", (v) => v.redeemVault({ vaultId: 1, vaultTokenQuantity: "1,5" }), "vaultTokenQuantity"],
      ["empty symbol", (v) => v.mintVault({ vaultId: 1, symbol: "", quantity: "5" }), "symbol"],
      ["missing vaultId", (v) => v.getVaultPendingRedeems({} as any), "vaultId"]
    ]
    for (const [label, call, field] of cases) {
      it.effect(label, () => {
        http.respond(() => ({ body: [] }))
        return Effect.gen(function*() {
          const error: any = yield* Effect.flip(call(yield* Vaults.Vaults))
          expect(error._tag).toBe("ValidationError")
          expect(error.field).toBe(field)
          expect(http.requests.length).toBe(0)
        })
      })
    }
  })
})

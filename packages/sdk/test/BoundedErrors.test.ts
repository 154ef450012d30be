import { BackpackClient, type BackpackError, Endpoints } from "@effect-backpack/sdk"
import { describe, expect, layer } from "@effect/vitest"
import { Effect } from "effect"
import { mockHttp, sdkLayer } from "./utils/mock.js"

// Hostile 2xx bodies must give a DecodeError whose message, path and serialised form stay small
// (the path plus a short excerpt), however deep or large the body is.
const http = mockHttp()
const fewKb = 4096

const decodeFailure = (text: string, ticker = false) =>
  Effect.gen(function*() {
    http.respond(() => ({ text }))
    const error = yield* Effect.flip<unknown, BackpackError.BackpackError, BackpackClient.BackpackClient>(
      ticker
        ? BackpackClient.execute(Endpoints.Markets.getTicker, { symbol: "SOL_USDC" })
        : BackpackClient.execute(Endpoints.Markets.getMarkets, {})
    )
    expect(error._tag).toBe("DecodeError")
    if (error._tag !== "DecodeError") throw error
    // serialising the whole error (cause included) stays bounded too: tracers and loggers do this
    expect(JSON.stringify(error).length).toBeLessThan(fewKb)
    expect(String(error.cause).length).toBeLessThan(fewKb)
    return error
  })

layer(sdkLayer(http.layer))("bounded error formatting", (it) => {
  it.effect("a 2xx body of 5,000 nested arrays → DecodeError at [0] with a short excerpt (no RangeError)", () =>
    Effect.gen(function*() {
      const error = yield* decodeFailure("[".repeat(5000) + "]".repeat(5000))
      expect(error.path).toBe("[0]")
      expect(error.detail).toMatch(/^Expected Struct \(Encoded side\), actual \[{100,}…$/)
      expect(error.message.length).toBeLessThan(fewKb)
    }))

  it.effect("a 16 MiB string field → DecodeError under a few KB", () =>
    Effect.gen(function*() {
      const error = yield* decodeFailure(JSON.stringify({ x: "a".repeat(16 * 1024 * 1024) }))
      expect(error.path).toBe("")
      expect(error.detail).toMatch(/^Expected ReadonlyArray<.*>, actual \{"x":"a{100,}…$/)
      expect(error.message.length).toBeLessThan(fewKb)
    }))

  it.effect("an 11 MB array where an object is expected → DecodeError under a few KB", () =>
    Effect.gen(function*() {
      const error = yield* decodeFailure(`[${Array.from({ length: 2_000_000 }, (_, i) => i % 10_000).join(",")}]`, true)
      expect(error.path).toBe("")
      expect(error.detail).toMatch(/^Expected Ticker \(Encoded side\), actual \[0,1,2,3,4,5,6,7,8,9,10,11,.*…$/)
      expect(error.message.length).toBeLessThan(fewKb)
    }))

  it.effect("an error answer with a 1 MB message → ApiError with a truncated message", () =>
    Effect.gen(function*() {
      http.respond(() => ({ status: 400, body: { code: "INVALID_ORDER", message: "m".repeat(1_000_000) } }))
      const error = yield* Effect.flip(BackpackClient.execute(Endpoints.Markets.getMarkets, {}))
      expect(error._tag).toBe("ApiError")
      if (error._tag !== "ApiError") return
      expect(error.code).toBe("INVALID_ORDER")
      expect(error.message).toBe(`${"m".repeat(300)}…`)
    }))

  describe("inputs", () => {
    it.effect("a huge, deeply nested input → ValidationError under a few KB, nothing sent", () =>
      Effect.gen(function*() {
        http.respond(() => ({ body: [] }))
        let deep: unknown = "x"
        for (let i = 0; i < 5000; i++) deep = [deep]
        const error = yield* Effect.flip(
          BackpackClient.execute(Endpoints.Markets.getTicker, { symbol: deep } as never)
        )
        expect(error._tag).toBe("ValidationError")
        expect(error.message.length).toBeLessThan(fewKb)
        expect(error.message).toMatch(/actual \[\[\[/)
        expect(http.requests.length).toBe(0)
      }))
  })
})

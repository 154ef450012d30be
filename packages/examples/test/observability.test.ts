import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { main } from "../src/observability.js"
import { capture } from "./console.js"

describe("observability example", () => {
  it.live("exports the SDK's spans and metrics through @effect/opentelemetry", () => {
    const { console, lines: printed } = capture()
    return Effect.gen(function*() {
      const lines = yield* main
      const text = lines.join("\n")
      expect(lines[0]).toMatch(
        /^spans: .*Markets\.getDepth.*Markets\.getMarkets.*Orders\.executeOrder.*http\.client GET.*http\.client POST/
      )
      expect(text).toContain(`backpack_requests_total {"operation":"Markets.getMarkets","outcome":"ok"} 1`)
      expect(text).toContain(`backpack_requests_total {"operation":"Orders.executeOrder","outcome":"ok"} 1`)
      expect(text).toContain(`backpack_requests_total {"operation":"Orders.executeOrder","outcome":"ApiError"} 1`)
      expect(text).toMatch(/backpack_request_duration_ms \{"operation":"Markets.getDepth"\} count=1/)
      expect(printed).toEqual(lines)
    }).pipe(Effect.withConsole(console))
  })
})

import { Orders } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { paper, run } from "../src/market-maker.js"
import { capture } from "./console.js"

describe("market-maker example", () => {
  it.live("quotes on the paper exchange, prints its fills and PnL, and leaves nothing open", () => {
    const { console, lines } = capture()
    return Effect.gen(function*() {
      const summary = yield* run(6, { symbol: "SOL_USDC", size: "0.5", spread: "0.0005", requoteTicks: 3 })
      expect(summary.openAfter).toBe(0)
      expect(yield* Orders.getOpenOrders({ symbol: "SOL_USDC" })).toEqual([])
      expect(summary.quotes).toBeGreaterThanOrEqual(2)
      // background takers trade against the quotes within a few seconds
      expect(summary.fills.length).toBeGreaterThan(0)
      const fillLines = lines.filter((l) => l.startsWith("fill "))
      expect(fillLines).toHaveLength(summary.fills.length)
      for (const [i, fill] of summary.fills.entries()) {
        expect(fill.symbol).toBe("SOL_USDC")
        expect(BigDecimal.format(fill.quantity)).toBe("0.5")
        expect(fillLines[i]).toContain(`@ ${BigDecimal.format(fill.price)}`)
        expect(fillLines[i]).toMatch(/PnL -?\d+(\.\d+)? USDC$/)
      }
      expect(lines).toContain("market making SOL_USDC for 6 s on the paper exchange (size 0.5)")
      expect(lines.some((l) => /^shutdown: cancelled \d+ open orders$/.test(l))).toBe(true)
      expect(lines.at(-1)).toBe(
        `${summary.fills.length} fills, ${summary.quotes} quotes, ${summary.amends} amends, PnL ${
          BigDecimal.format(BigDecimal.normalize(summary.pnl))
        }; open orders left: 0`
      )
    }).pipe(Effect.provide(paper), Effect.withConsole(console))
  }, 60_000)
})

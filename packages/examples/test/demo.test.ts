import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { simulatorLayer, tradingWorkflow } from "../src/demo.js"
import { capture } from "./console.js"

describe("demo", () => {
  it.live("runs the whole trading workflow on the embedded simulator", () => {
    const { console, lines } = capture()
    return Effect.gen(function*() {
      const result = yield* tradingWorkflow
      expect(result.resting.status).toBe("New")
      expect(result.taker.status).toBe("Filled")
      expect(BigDecimal.format(result.taker.executedQuantity)).toBe("1")
      expect(result.cancelledCount).toBe(1)
      expect(result.remaining).toBe(0)
      const text = lines.join("\n")
      expect(text).toContain("6 markets")
      expect(text).toContain("SOL_USDC        SPOT  0.01      0.01      Open")
      expect(text).toMatch(/order \d{10,} \(clientId \d+\) New at \d+\.\d{2}/)
      expect(text).toMatch(/Filled: filled 1 SOL for \d+\.\d+ USDC/)
      expect(text).toContain("open orders left: 0")
      expect(text).toContain("placed 2 orders, 1 filled (1 SOL), 1 cancelled")
      // the private stream delivered this account's own order events, in order
      const events = result.events.map((u) => [u.e, u.i])
      expect(events.slice(0, 2)).toEqual([["orderAccepted", result.resting.id], ["orderAccepted", result.taker.id]])
      expect(events.at(-1)).toEqual(["orderCancelled", result.resting.id])
      const fills = result.events.filter((u) => u.e === "orderFill")
      expect(fills.length).toBeGreaterThan(0)
      expect(fills.every((u) => u.i === result.taker.id)).toBe(true)
      expect(BigDecimal.format(fills.at(-1)!.z!)).toBe("1")
      expect(result.live).toBeGreaterThan(0)
      expect(text).toMatch(/ticker {2}last \d+\.?\d* {2}high/)
    }).pipe(Effect.provide(simulatorLayer), Effect.withConsole(console), Effect.scoped)
  })
})

import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Layer, Logger, LogLevel, Option } from "effect"
import { renderBook, view } from "../src/order-book.js"
import { monitor, simulatorLayer } from "../src/price-monitor.js"
import { capture } from "./console.js"

const quiet = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(Effect.withConsole(capture().console), Logger.withMinimumLogLevel(LogLevel.Error))

describe("examples", () => {
  it.live("price-monitor collects ticker and top of book for several symbols on one connection", () =>
    Effect.gen(function*() {
      const quotes = yield* monitor(["SOL_USDC", "BTC_USDC"], 2).pipe(Effect.provide(simulatorLayer))
      for (const symbol of ["SOL_USDC", "BTC_USDC"]) {
        const quote = quotes.get(symbol)!
        expect(quote.updates).toBeGreaterThan(0)
        expect(quote.bid !== undefined && quote.ask !== undefined).toBe(true)
        expect(BigDecimal.lessThan(quote.bid!, quote.ask!)).toBe(true)
      }
    }).pipe(quiet, Effect.scoped))

  it.live("order-book keeps an uncrossed local book and renders it", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 7, demoAccount: false, activity: { intervalMs: 100 } })
      const book = yield* view("SOL_USDC", 2, 5).pipe(
        Effect.provide(Layer.fresh(BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl })))
      )
      expect(book).toBeDefined()
      const [bid] = Option.getOrThrow(book!.bestBid)
      const [ask] = Option.getOrThrow(book!.bestAsk)
      expect(BigDecimal.lessThan(bid, ask)).toBe(true)
      const lines = renderBook(book!, 3)
      expect(lines[0]).toMatch(/^SOL_USDC {2}update \d+ {2}levels \d+\/\d+/)
      expect(lines.filter((l) => l.startsWith("ask")).length).toBe(3)
      expect(lines.filter((l) => l.startsWith("bid")).length).toBe(3)
    })).pipe(quiet))
})

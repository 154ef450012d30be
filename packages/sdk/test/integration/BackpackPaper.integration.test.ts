/**
 * BackpackPaper.layer: a program written against the SDK runs unchanged on an in-process simulator
 * with a funded account.
 */
import { AccountState, Markets, Orders } from "@effect-backpack/sdk"
import { BackpackPaper } from "@effect-backpack/sdk/node"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, Effect, Stream } from "effect"

describe("BackpackPaper", () => {
  it.live("funds the account, serves every service and the private streams; activity trades against resting orders", () =>
    Effect.gen(function*() {
      const paper = yield* BackpackPaper.BackpackPaper
      expect(paper.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const watcher = yield* AccountState.start()
      const view = yield* watcher.view
      expect([...view.balances].map(([asset, b]) => [asset, BigDecimal.format(b.available)])).toEqual([
        ["SOL", "5"],
        ["USDC", "10000"]
      ])
      const markets = yield* Markets.getMarkets()
      expect(markets.map((m) => m.symbol)).toContain("SOL_USDC")
      const book = yield* Markets.getDepth({ symbol: "SOL_USDC" })
      const [bestAsk] = [...book.asks].sort(([a], [b]) => BigDecimal.Order(a, b))
      // a taker order crosses the seeded book and fills at once
      const placed = yield* Orders.place({
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: BigDecimal.format(bestAsk![0]),
        quantity: "0.1"
      })
      const states = Chunk.toReadonlyArray(yield* placed.updates.pipe(Stream.runCollect))
      expect(states.map((s) => s._tag)).toEqual(["New", "Filled"])
      yield* paper.deposit("USDC", "5")
      const drift = yield* watcher.reconcile
      expect(drift.map((d) => `${d.kind} ${d.key} ${d.field} ${d.local} -> ${d.exchange}`)).toEqual([
        `balance USDC available ${
          BigDecimal.format(
            BigDecimal.subtract(
              BigDecimal.unsafeFromString("10000"),
              BigDecimal.multiply(bestAsk![0], BigDecimal.unsafeFromString("0.1"))
            )
          )
        } -> ${
          BigDecimal.format(
            BigDecimal.subtract(
              BigDecimal.unsafeFromString("10005"),
              BigDecimal.multiply(bestAsk![0], BigDecimal.unsafeFromString("0.1"))
            )
          )
        }`
      ])
    }).pipe(Effect.scoped, Effect.provide(BackpackPaper.layer({ balances: { USDC: "10000", SOL: "5" } }))))
})

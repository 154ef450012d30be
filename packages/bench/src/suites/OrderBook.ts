/**
 * Benchmark 5: applying depth deltas to the SDK's local order book structure.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type { Budget, Section } from "../Section.js"

/**
 * Runs benchmark 5.
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const run = (_budget: Budget): Effect.Effect<Section> =>
  Effect.succeed({
    title: "5. Local order book: 100k random deltas on a 5000-level book",
    results: [],
    notes: [],
    skipped: "the SDK's order book structure (packages/sdk/src/internal/orderbook) does not exist yet"
  })

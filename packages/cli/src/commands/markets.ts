/**
 * `bpx markets`: every market with its trading rules.
 *
 * @since 0.1.0
 */
import { Markets } from "@effect-backpack/sdk"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { json, output, withSdk } from "../internal/shared.js"
import * as Table from "../internal/table.js"

const marketTypes = ["SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ"] as const

const columns: ReadonlyArray<Table.Column<Markets.Market>> = [
  { header: "SYMBOL", cell: (m) => m.symbol },
  { header: "TYPE", cell: (m) => m.marketType },
  { header: "BASE", cell: (m) => m.baseSymbol },
  { header: "QUOTE", cell: (m) => m.quoteSymbol },
  { header: "TICK", cell: (m) => m.filters.price.tickSize, scale: "own" },
  { header: "STEP", cell: (m) => m.filters.quantity.stepSize, scale: "own" },
  { header: "MIN QTY", cell: (m) => m.filters.quantity.minQuantity, scale: "own" },
  { header: "STATE", cell: (m) => m.orderBookState }
]

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "markets",
  {
    json,
    type: Options.choice("type", marketTypes).pipe(
      Options.withDescription("Only markets of this type (default: SPOT and PERP)"),
      Options.optional
    )
  },
  ({ json, type }) =>
    Effect.gen(function*() {
      const markets = yield* Markets.Markets
      const all = yield* markets.getMarkets(
        Option.match(type, { onNone: () => ({}), onSome: (t) => ({ marketType: t }) })
      )
      const sorted = [...all].sort((a, b) => a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)
      yield* output(json, sorted, (rows) => Table.render(columns, rows))
    }).pipe(withSdk)
).pipe(Command.withDescription("List markets and their trading rules (tick size, step size, minimum quantity)"))

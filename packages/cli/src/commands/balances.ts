/**
 * `bpx balances`: the account's balances (signed).
 *
 * @since 0.1.0
 */
import { Capital } from "@effect-backpack/sdk"
import * as Command from "@effect/cli/Command"
import * as Effect from "effect/Effect"
import { json, output, withSdk } from "../internal/shared.js"
import * as Table from "../internal/table.js"

interface Row {
  readonly asset: string
  readonly balance: Capital.Balance
}

const columns: ReadonlyArray<Table.Column<Row>> = [
  { header: "ASSET", cell: (r) => r.asset },
  { header: "AVAILABLE", cell: (r) => r.balance.available },
  { header: "LOCKED", cell: (r) => r.balance.locked },
  { header: "STAKED", cell: (r) => r.balance.staked },
  { header: "TOTAL", cell: (r) => r.balance.total }
]

/** The JSON of the balances: asset → { available, locked, staked, total }. */
const toJsonShape = (rows: ReadonlyArray<Row>) =>
  Object.fromEntries(rows.map(({ asset, balance }) => [asset, {
    available: balance.available,
    locked: balance.locked,
    staked: balance.staked,
    total: balance.total
  }]))

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("balances", { json }, ({ json }) =>
  Effect.gen(function*() {
    const capital = yield* Capital.Capital
    const balances = yield* capital.getBalances()
    const rows = Object.keys(balances).sort().map((asset) => ({ asset, balance: balances[asset]! }))
    yield* json ? output(true, toJsonShape(rows), () => []) : output(false, rows, (r) => Table.render(columns, r))
  }).pipe(withSdk)).pipe(
    Command.withDescription(
      "Balances of the account: available, locked (by open orders), staked and total (needs BACKPACK_API_SECRET)"
    )
  )

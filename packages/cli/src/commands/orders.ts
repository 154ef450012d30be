/**
 * `bpx orders [--symbol S]`: the account's open orders (signed).
 *
 * @since 0.1.0
 */
import { Orders } from "@effect-backpack/sdk"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { json, output, withSdk } from "../internal/shared.js"
import * as Table from "../internal/table.js"

/**
 * The columns of an order table (shared with `bpx order`).
 *
 * @since 0.1.0
 * @category rendering
 */
export const orderColumns: ReadonlyArray<Table.Column<Orders.OrderType>> = [
  { header: "ID", cell: (o) => o.id },
  { header: "CLIENT ID", cell: (o) => o.clientId },
  { header: "SYMBOL", cell: (o) => o.symbol },
  { header: "SIDE", cell: (o) => o.side },
  { header: "TYPE", cell: (o) => o.orderType },
  { header: "PRICE", cell: (o) => o.orderType === "Limit" ? o.price : undefined },
  { header: "QUANTITY", cell: (o) => o.quantity },
  { header: "FILLED", cell: (o) => o.executedQuantity },
  { header: "STATUS", cell: (o) => o.status },
  { header: "CREATED (UTC)", cell: (o) => Table.formatTime(o.createdAt) }
]

/**
 * `--symbol`: one market only.
 *
 * @since 0.1.0
 * @category options
 */
export const symbolOption = Options.text("symbol").pipe(
  Options.withAlias("s"),
  Options.withDescription("Market symbol, e.g. SOL_USDC"),
  Options.optional
)

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "orders",
  { json, symbol: symbolOption },
  ({ json, symbol }) =>
    Effect.gen(function*() {
      const orders = yield* Orders.Orders
      const open = yield* orders.getOpenOrders(
        Option.match(symbol, { onNone: () => ({}), onSome: (s) => ({ symbol: s }) })
      )
      const sorted = [...open].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      yield* output(json, sorted, (rows) => Table.render(orderColumns, rows))
    }).pipe(withSdk)
).pipe(Command.withDescription("Open orders of the account, oldest first (needs BACKPACK_API_SECRET)"))

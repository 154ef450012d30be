/**
 * `bpx history fills …`: the account's fills, every page of them (`History.paginate`), with a
 * progress indicator on stderr.
 *
 * @since 0.1.0
 */
import { History } from "@effect-backpack/sdk"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { UsageError } from "../internal/errors.js"
import * as Progress from "../internal/progress.js"
import { json, output, withSdk } from "../internal/shared.js"
import * as Table from "../internal/table.js"
import { symbolOption } from "./orders.js"

const columns: ReadonlyArray<Table.Column<History.OrderFill>> = [
  { header: "TIME (UTC)", cell: (f) => f.timestamp },
  { header: "SYMBOL", cell: (f) => f.symbol },
  { header: "SIDE", cell: (f) => f.side },
  { header: "PRICE", cell: (f) => f.price },
  { header: "QUANTITY", cell: (f) => f.quantity },
  { header: "FEE", cell: (f) => f.fee },
  { header: "FEE ASSET", cell: (f) => f.feeSymbol },
  { header: "MAKER", cell: (f) => f.isMaker ? "yes" : "no" },
  { header: "ORDER ID", cell: (f) => f.orderId },
  { header: "TRADE ID", cell: (f) => f.tradeId }
]

const time = (name: string, description: string) =>
  Options.date(name).pipe(Options.withDescription(description), Options.optional)

const fills = Command.make(
  "fills",
  {
    symbol: symbolOption,
    from: time("from", "Only fills at or after this time (ISO-8601, e.g. 2026-01-31T00:00:00Z)"),
    to: time("to", "Only fills before this time (ISO-8601)"),
    limit: Options.integer("limit").pipe(
      Options.withDescription("At most this many fills in all (default: every fill)"),
      Options.optional
    ),
    pageSize: Options.integer("page-size").pipe(
      Options.withDescription("Fills per request (1 to 1000)"),
      Options.withDefault(1000)
    ),
    json
  },
  ({ from, json, limit, pageSize, symbol, to }) =>
    Effect.gen(function*() {
      if (pageSize < 1 || pageSize > 1000) {
        return yield* new UsageError({ message: `--page-size must be from 1 to 1000, got ${pageSize}` })
      }
      if (Option.isSome(limit) && limit.value < 1) {
        return yield* new UsageError({ message: `--limit must be at least 1, got ${limit.value}` })
      }
      const history = yield* History.History
      const progress = Progress.make()
      const pages = yield* Ref.make(0)
      const rows = yield* Ref.make(0)
      // every request goes through here: count pages and rows as they arrive
      const getFills: History.Service["getFills"] = (params) =>
        Effect.tap(history.getFills(params), (page) =>
          Effect.flatMap(
            Effect.all([Ref.updateAndGet(pages, (n) => n + 1), Ref.updateAndGet(rows, (n) => n + page.length)]),
            ([pageCount, rowCount]) => progress.update(`fills: page ${pageCount}, ${rowCount} rows`)
          ))
      const params = {
        ...Option.match(symbol, { onNone: () => ({}), onSome: (s) => ({ symbol: s }) }),
        ...Option.match(from, { onNone: () => ({}), onSome: (d) => ({ from: d.getTime() }) }),
        ...Option.match(to, { onNone: () => ({}), onSome: (d) => ({ to: d.getTime() }) })
      }
      const all = History.paginate(getFills, params, Option.isSome(limit) ? Math.min(pageSize, limit.value) : pageSize)
      const collected = yield* Stream.runCollect(Option.isSome(limit) ? Stream.take(all, limit.value) : all).pipe(
        Effect.ensuring(progress.done)
      )
      yield* output(json, Chunk.toReadonlyArray(collected), (fills) => Table.render(columns, fills))
    }).pipe(withSdk)
).pipe(Command.withDescription("Fills of the account, every page, in the exchange's order (needs BACKPACK_API_SECRET)"))

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("history").pipe(
  Command.withDescription("The account's history"),
  Command.withSubcommands([fills])
)

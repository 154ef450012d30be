/**
 * `bpx ticker [SYMBOL]`: 24 h statistics of one market, or of every market.
 *
 * @since 0.1.0
 */
import { Markets, Precision } from "@effect-backpack/sdk"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CommandFailed } from "../internal/errors.js"
import { json, output, printJson, printLines, withSdk } from "../internal/shared.js"
import * as Table from "../internal/table.js"

const columns: ReadonlyArray<Table.Column<Markets.Ticker>> = [
  { header: "SYMBOL", cell: (t) => t.symbol },
  { header: "LAST", cell: (t) => t.lastPrice },
  { header: "CHANGE", cell: (t) => t.priceChange },
  { header: "CHANGE %", cell: (t) => percent(t) },
  { header: "HIGH", cell: (t) => t.high },
  { header: "LOW", cell: (t) => t.low },
  { header: "VOLUME", cell: (t) => t.volume },
  { header: "QUOTE VOLUME", cell: (t) => t.quoteVolume },
  { header: "TRADES", cell: (t) => t.trades }
]

/**
 * `priceChangePercent` is a fraction: as a percentage (× 100 moves the point: exact), two decimals, truncated;
 * `undefined` when the exchange sent it in a form the SDK did not understand (an informational field).
 */
const percent = (t: Markets.Ticker): BigDecimal.BigDecimal | undefined => {
  const fraction = t.priceChangePercent
  return fraction === undefined ? undefined : BigDecimal.scale(BigDecimal.make(fraction.value, fraction.scale - 2), 2)
}

const record = (t: Markets.Ticker): Array<string> =>
  Table.renderRecord([
    ["symbol", t.symbol],
    ["last", t.lastPrice],
    ["first", t.firstPrice],
    ["change", t.priceChange],
    [
      "change %",
      Option.match(Option.fromNullable(percent(t)), {
        onNone: () => undefined,
        onSome: (p) => `${Precision.format(p)}%`
      })
    ],
    ["high", t.high],
    ["low", t.low],
    ["volume", t.volume],
    ["quote volume", t.quoteVolume],
    ["trades", t.trades]
  ])

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "ticker",
  {
    json,
    symbol: Args.text({ name: "symbol" }).pipe(
      Args.withDescription("Market symbol, e.g. SOL_USDC (all markets when omitted)"),
      Args.optional
    )
  },
  ({ json, symbol }) =>
    Effect.gen(function*() {
      const markets = yield* Markets.Markets
      if (Option.isSome(symbol)) {
        const ticker = yield* markets.getTicker({ symbol: symbol.value })
        if (Option.isNone(ticker)) {
          return yield* new CommandFailed({
            message: `no ticker for ${symbol.value}: the market has no statistics yet`
          })
        }
        return yield* json ? printJson(ticker.value) : printLines(record(ticker.value))
      }
      const all = yield* markets.getTickers()
      const sorted = [...all].sort((a, b) => a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0)
      yield* output(json, sorted, (rows) => Table.render(columns, rows))
    }).pipe(withSdk)
).pipe(Command.withDescription("24 h statistics of a market (last price, change, high, low, volume)"))

/**
 * `bpx`: the command line of the Backpack Exchange SDK. Every command reads the exchange and the
 * credentials from the environment (`BACKPACK_HOST`, `BACKPACK_WS_URL`, `BACKPACK_API_SECRET`, …, as
 * `BackpackNode.layerConfig`), prints plain aligned tables (or JSON with `--json`), and reports a
 * failure as one readable line on stderr with a non-zero exit code.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as balances from "./commands/balances.js"
import * as book from "./commands/book.js"
import * as history from "./commands/history.js"
import * as markets from "./commands/markets.js"
import * as order from "./commands/order.js"
import * as orders from "./commands/orders.js"
import * as stream from "./commands/stream.js"
import * as ticker from "./commands/ticker.js"
import * as Errors from "./internal/errors.js"

/**
 * The version printed by `bpx --version`.
 *
 * @since 0.1.0
 */
export const version = "0.1.0"

/**
 * The root command and its subcommands.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("bpx").pipe(
  Command.withDescription(
    "Backpack Exchange from the command line. Configure with BACKPACK_HOST, BACKPACK_WS_URL, BACKPACK_API_SECRET (signed commands), BACKPACK_API_KEY, BACKPACK_WINDOW, BACKPACK_TIMEOUT."
  ),
  Command.withSubcommands([
    markets.command,
    ticker.command,
    book.command,
    balances.command,
    orders.command,
    order.command,
    stream.command,
    history.command
  ])
)

const cli = Command.run(command, { name: "bpx", version })

/**
 * Runs the command line (`argv` as `process.argv`: node, script, arguments…) and answers the exit
 * code. Never fails: a failure is printed on stderr as one line.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (argv: ReadonlyArray<string>) =>
  cli(argv).pipe(
    Effect.as(0),
    Effect.catchAllCause((cause) => {
      const report = Errors.reportCause(cause)
      return Effect.as(
        Option.match(report.message, { onNone: () => Effect.void, onSome: (m) => Console.error(`bpx: ${m}`) }),
        report.exitCode
      )
    })
  )

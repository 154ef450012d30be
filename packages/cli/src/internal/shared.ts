/**
 * What every command shares: the `--json` flag, printing, the SDK layer read from the environment,
 * and the confirmation asked before anything that changes the account.
 *
 * @since 0.1.0
 */
import { BackpackNode } from "@effect-backpack/sdk/node"
import * as Options from "@effect/cli/Options"
import * as Prompt from "@effect/cli/Prompt"
import type * as Terminal from "@effect/platform/Terminal"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { ConfirmationRequired, Declined } from "./errors.js"
import * as Json from "./json.js"

/**
 * `--json`: machine-readable output on stdout.
 *
 * @since 0.1.0
 * @category options
 */
export const json = Options.boolean("json").pipe(
  Options.withDescription("Print JSON instead of a table (decimals and large integers as strings)")
)

/**
 * `--yes` / `-y`: skip the confirmation.
 *
 * @since 0.1.0
 * @category options
 */
export const yes = Options.boolean("yes").pipe(
  Options.withAlias("y"),
  Options.withDescription("Do not ask for confirmation (required when stdin is not a terminal)")
)

/**
 * Prints lines on stdout.
 *
 * @since 0.1.0
 * @category output
 */
export const printLines = (lines: ReadonlyArray<string>): Effect.Effect<void> =>
  lines.length === 0 ? Effect.void : Console.log(lines.join("\n"))

/**
 * Prints a value as indented JSON on stdout.
 *
 * @since 0.1.0
 * @category output
 */
export const printJson = (value: unknown): Effect.Effect<void> => Console.log(Json.stringify(value))

/**
 * Prints either the JSON of `value` or the lines rendered from it.
 *
 * @since 0.1.0
 * @category output
 */
export const output = <A>(asJson: boolean, value: A, lines: (value: A) => ReadonlyArray<string>): Effect.Effect<void> =>
  asJson ? printJson(value) : printLines(lines(value))

/**
 * Runs a command's body with every SDK service, configured from the environment like the SDK
 * (`BACKPACK_HOST`, `BACKPACK_WS_URL`, `BACKPACK_API_KEY`, `BACKPACK_API_SECRET`, `BACKPACK_WINDOW`,
 * `BACKPACK_TIMEOUT`, …). The layer is built per command, so `--help` works whatever the environment.
 *
 * @since 0.1.0
 * @category layers
 */
export const withSdk = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, BackpackNode.layerConfig)

/**
 * Asks `Are you sure you want to <action>?` on the terminal unless `yes`. Without a terminal on stdin
 * (and without `yes`) it refuses with `ConfirmationRequired`; a "no" (or Ctrl-C) fails with `Declined`.
 *
 * @since 0.1.0
 * @category confirmation
 */
export const confirm = (
  action: string,
  yes: boolean
): Effect.Effect<void, ConfirmationRequired | Declined, Terminal.Terminal> => {
  if (yes) return Effect.void
  if (process.stdin.isTTY !== true) return Effect.fail(new ConfirmationRequired({ action }))
  return Prompt.confirm({ message: `${action[0]!.toUpperCase()}${action.slice(1)}?`, initial: false }).pipe(
    Effect.catchAll(() => Effect.succeed(false)),
    Effect.flatMap((ok) => ok ? Effect.void : Effect.fail(new Declined({ action })))
  )
}

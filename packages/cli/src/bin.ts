/**
 * The `bpx` executable: runs {@link Cli.run} on Node with logs on stderr (warnings and above) and
 * exits with its code.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import type * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Cli from "./Cli.js"

/** SDK logs (reconnects, resyncs, rate-limit waits) go to stderr so stdout stays a clean table or JSON. */
const stderrLogger = Logger.replace(
  Logger.defaultLogger,
  Logger.map(Logger.logfmtLogger, (line) => void process.stderr.write(`${line}\n`))
)

/** Colour codes (from the help pages of @effect/cli) are dropped when the stream is not a terminal. */
const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g")
const plain = (stream: NodeJS.WriteStream) => (args: ReadonlyArray<unknown>) =>
  stream.isTTY === true ? args : args.map((arg) => typeof arg === "string" ? arg.replace(ansi, "") : arg)
const withPlainText = (console: Console.Console): Console.Console => ({
  ...console,
  log: (...args) => console.log(...plain(process.stdout)(args)),
  error: (...args) => console.error(...plain(process.stderr)(args))
})

Effect.flatMap(Effect.console, (console) => Effect.withConsole(Cli.run(process.argv), withPlainText(console))).pipe(
  Effect.provide(NodeContext.layer),
  Effect.provide(stderrLogger),
  Logger.withMinimumLogLevel(LogLevel.Warning),
  (program) =>
    NodeRuntime.runMain(program, {
      disableErrorReporting: true,
      teardown: (exit, onExit) => {
        const code = Exit.isSuccess(exit) && typeof exit.value === "number"
          ? exit.value
          : Exit.isInterrupted(exit)
          ? 130
          : 1
        onExit(code)
        // a code of 0 leaves the process to end by itself; make sure nothing (an idle socket) keeps it
        process.exit(code)
      }
    })
)

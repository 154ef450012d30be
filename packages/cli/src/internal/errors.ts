/**
 * The CLI's own failures and how every failure is reported: one readable line on stderr (the typed
 * error's `message`) and an exit code. Secrets never reach a message: the SDK's errors carry none, and
 * configuration errors are described by the variable name only.
 *
 * Exit codes: 0 success, 1 the operation failed (exchange or SDK error, confirmation declined),
 * 2 bad usage (invalid arguments or options, a confirmation needed without a terminal),
 * 130 interrupted (Ctrl-C).
 *
 * @since 0.1.0
 */
import * as ValidationError from "@effect/cli/ValidationError"
import * as Cause from "effect/Cause"
import * as ConfigError from "effect/ConfigError"
import * as Data from "effect/Data"
import * as Option from "effect/Option"

/**
 * Input the CLI refuses before anything is sent (a malformed decimal, a price off the tick, …).
 *
 * @since 0.1.0
 * @category errors
 */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

/**
 * The operation could not give an answer (e.g. a market without statistics).
 *
 * @since 0.1.0
 * @category errors
 */
export class CommandFailed extends Data.TaggedError("CommandFailed")<{ readonly message: string }> {}

/**
 * A mutating command needs a confirmation, and there is no terminal to ask it on (and no `--yes`).
 *
 * @since 0.1.0
 * @category errors
 */
export class ConfirmationRequired extends Data.TaggedError("ConfirmationRequired")<{ readonly action: string }> {
  override get message(): string {
    return `refusing to ${this.action} without confirmation: stdin is not a terminal (pass --yes to confirm)`
  }
}

/**
 * The user answered no to a confirmation.
 *
 * @since 0.1.0
 * @category errors
 */
export class Declined extends Data.TaggedError("Declined")<{ readonly action: string }> {
  override get message(): string {
    return `cancelled: did not ${this.action}`
  }
}

/**
 * How a failure is reported: the line to print (none when @effect/cli already printed its help) and
 * the exit code.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly message: Option.Option<string>
  readonly exitCode: number
}

const hasMessage = (error: unknown): error is { readonly _tag: string; readonly message: string } =>
  typeof error === "object" && error !== null && "_tag" in error && typeof (error as any).message === "string"

/**
 * The report of a typed failure.
 *
 * @since 0.1.0
 * @category reporting
 */
export const report = (error: unknown): Report => {
  if (ValidationError.isValidationError(error)) {
    // @effect/cli printed the problem and the usage already
    return { message: Option.none(), exitCode: 2 }
  }
  if (ConfigError.isConfigError(error)) {
    return { message: Option.some(`invalid configuration: ${String(error)}`), exitCode: 2 }
  }
  if (error instanceof UsageError || error instanceof ConfirmationRequired) {
    return { message: Option.some(error.message), exitCode: 2 }
  }
  if (hasMessage(error)) {
    if (error._tag === "ConfigError") return { message: Option.some(error.message), exitCode: 2 }
    if (error._tag === "ApiError") {
      const api = error as unknown as { operation: string; status: number; code: string; message: string }
      return { message: Option.some(`${api.message} (${api.code}, HTTP ${api.status}, ${api.operation})`), exitCode: 1 }
    }
    return { message: Option.some(error.message), exitCode: 1 }
  }
  return { message: Option.some(String(error)), exitCode: 1 }
}

/**
 * The report of a whole cause: its first typed failure, else interruption (130), else a defect.
 *
 * @since 0.1.0
 * @category reporting
 */
export const reportCause = (cause: Cause.Cause<unknown>): Report => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) return report(failure.value)
  if (Cause.isInterruptedOnly(cause)) return { message: Option.none(), exitCode: 130 }
  const defect = Cause.dieOption(cause)
  const detail = Option.match(defect, {
    onNone: () => Cause.pretty(cause),
    onSome: (d) => d instanceof Error ? d.message : String(d)
  })
  return { message: Option.some(`unexpected failure: ${detail}`), exitCode: 1 }
}

/**
 * A progress indicator on stderr (stdout stays clean for the table or JSON): on a terminal one line
 * rewritten in place and erased at the end, otherwise one line per step.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"

/**
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  /** Reports a step. */
  readonly update: (text: string) => Effect.Effect<void>
  /** Erases the in-place line (terminal only). */
  readonly done: Effect.Effect<void>
}

/**
 * A progress indicator on stderr.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (): Progress => {
  const inPlace = process.stderr.isTTY === true
  return {
    update: (text) => Effect.sync(() => void process.stderr.write(inPlace ? `\r\x1b[K${text}` : `${text}\n`)),
    done: Effect.sync(() => {
      if (inPlace) process.stderr.write("\r\x1b[K")
    })
  }
}

/**
 * A live view that redraws in place on a terminal: the alternate screen with the cursor hidden while
 * it runs (restored on exit, whatever the exit), each frame drawn from the top-left corner, and the
 * keys `q`, `Esc` and Ctrl-C to quit.
 *
 * @since 0.1.0
 */
import * as Terminal from "@effect/platform/Terminal"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"

const write = (text: string) => Effect.sync(() => void process.stdout.write(text))

/**
 * Switches to the alternate screen for the scope's lifetime.
 *
 * @since 0.1.0
 * @category screen
 */
export const enter: Effect.Effect<void, never, Scope.Scope> = Effect.acquireRelease(
  write("\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"),
  () => write("\x1b[?25h\x1b[?1049l")
)

/**
 * Draws a frame over the previous one: every line cleared to its end, everything below erased.
 *
 * @since 0.1.0
 * @category screen
 */
export const draw = (lines: ReadonlyArray<string>): Effect.Effect<void> =>
  write(`\x1b[H${lines.map((line) => `${line}\x1b[K`).join("\r\n")}\r\n\x1b[J`)

/**
 * Starts listening to the keyboard now (raw mode on a terminal) and answers an effect that completes
 * when the user presses `q`, `Esc` or Ctrl-C (or Ctrl-D, or stdin ends). Listening before the first
 * frame is drawn means no key pressed once the view is visible is lost.
 *
 * @since 0.1.0
 * @category keys
 */
export const listenForQuit: Effect.Effect<Effect.Effect<void>, never, Terminal.Terminal | Scope.Scope> = Effect.gen(
  function*() {
    const terminal = yield* Terminal.Terminal
    const input = yield* terminal.readInput
    return Effect.gen(function*() {
      while (true) {
        const next = yield* Effect.option(input.take)
        if (next._tag === "None") return
        const key = next.value.key
        if (key.name === "q" || key.name === "escape" || (key.ctrl && (key.name === "c" || key.name === "d"))) return
      }
    })
  }
)

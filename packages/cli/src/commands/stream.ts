/**
 * `bpx stream NAME [--count N]`: decoded events of one WebSocket stream (`trade.SOL_USDC`,
 * `depth.SOL_USDC`, `bookTicker.SOL_USDC`, `account.orderUpdate`, …), one per line, until `--count`
 * events or Ctrl-C. With `--json`, one JSON object per line.
 *
 * @since 0.1.0
 */
import { BackpackStream } from "@effect-backpack/sdk"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { UsageError } from "../internal/errors.js"
import * as Events from "../internal/events.js"
import * as Json from "../internal/json.js"
import { json, withSdk } from "../internal/shared.js"

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make(
  "stream",
  {
    name: Args.text({ name: "name" }).pipe(
      Args.withDescription(
        "Stream name: depth.<symbol>, bookTicker.<symbol>, ticker.<symbol>, trade.<symbol>, kline.<interval>.<symbol>, markPrice.<symbol>, openInterest.<symbol>, liquidation, account.orderUpdate[.<symbol>], account.positionUpdate[.<symbol>], account.rfqUpdate"
      )
    ),
    count: Options.integer("count").pipe(
      Options.withAlias("n"),
      Options.withDescription("Stop after this many events (default: run until Ctrl-C)"),
      Options.optional
    ),
    json
  },
  ({ count, json, name }) =>
    Effect.gen(function*() {
      if (Option.isSome(count) && count.value < 1) {
        return yield* new UsageError({ message: `--count must be at least 1, got ${count.value}` })
      }
      const events = (yield* BackpackStream.BackpackStream).subscribe(name)
      const limited = Option.isSome(count) ? Stream.take(events, count.value) : events
      yield* Stream.runForEach(
        limited,
        (event) => Console.log(json ? Json.stringify(event, true) : Events.describe(event))
      )
    }).pipe(withSdk)
).pipe(Command.withDescription("Print the decoded events of a WebSocket stream, one per line"))

/**
 * The stream catalogue (backpack-api.md §7.3): which names exist, how their payload decodes, whether
 * they are private, and how a slow consumer's buffer behaves.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ValidationError } from "../../BackpackError.js"
import { KlineInterval } from "../../models/enums.js"
import * as M from "../../models/streams.js"

/**
 * What happens when a consumer's buffer is full:
 * - `sliding`: the oldest buffered event is dropped (snapshots of state: tickers, book tickers, mark
 *   prices, open interest, klines, where only the latest value matters);
 * - `fail`: the consumer's stream fails with `BufferOverflow` (deltas and event logs: depth, trades,
 *   liquidations, private account streams; nothing is ever dropped silently).
 */
export type OverflowPolicy = "sliding" | "fail"

export interface StreamSpec {
  readonly name: string
  readonly kind: string
  readonly symbol: string | undefined
  readonly isPrivate: boolean
  readonly policy: OverflowPolicy
  readonly schema: Schema.Schema<M.StreamEvent, any>
  /** The frame decoder of `schema`, built once per stream rather than per frame. */
  readonly decode: (data: unknown) => Either.Either<M.StreamEvent, ParseResult.ParseError>
}

/** Aggregation periods of the depth stream. */
export const depthSpeeds = ["200ms", "600ms", "1000ms"] as const

const symbolPattern = /^[A-Za-z0-9.]+(_[A-Za-z0-9.]+)+$/
const intervals: ReadonlyArray<string> = KlineInterval.literals

const spec = (
  name: string,
  kind: string,
  symbol: string | undefined,
  schema: Schema.Schema<any, any>,
  policy: OverflowPolicy,
  isPrivate = false
): StreamSpec => ({ name, kind, symbol, isPrivate, policy, schema, decode: Schema.decodeUnknownEither(schema) })

const invalid = (name: string, detail: string) =>
  Either.left(
    new ValidationError({
      operation: "BackpackStream.subscribe",
      field: "stream",
      detail: `${detail}, got ${JSON.stringify(name)}`
    })
  )

const withSymbol = (name: string, rest: string): Either.Either<string, ValidationError> =>
  symbolPattern.test(rest)
    ? Either.right(rest)
    : invalid(name, "Expected a market symbol such as \"SOL_USDC\" in the stream name")

/** Parses a stream name into its spec, or a `ValidationError` naming the problem. */
export const parse = (name: string): Either.Either<StreamSpec, ValidationError> => {
  if (name === "liquidation") return Either.right(spec(name, "liquidation", undefined, M.LiquidationEvent, "fail"))
  const dot = name.indexOf(".")
  if (dot < 0) return invalid(name, "Unknown stream")
  const head = name.slice(0, dot)
  const rest = name.slice(dot + 1)
  switch (head) {
    case "bookTicker":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, M.BookTickerEvent, "sliding"))
    case "ticker":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, M.TickerEvent, "sliding"))
    case "markPrice":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, M.MarkPriceEvent, "sliding"))
    case "openInterest":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, M.OpenInterestEvent, "sliding"))
    case "trade":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, M.TradeEvent, "fail"))
    case "depth": {
      const second = rest.indexOf(".")
      const speed = second < 0 ? undefined : rest.slice(0, second)
      const symbol = speed !== undefined && (depthSpeeds as ReadonlyArray<string>).includes(speed)
        ? rest.slice(second + 1)
        : rest
      return Either.map(withSymbol(name, symbol), (s) => spec(name, head, s, M.DepthEvent, "fail"))
    }
    case "kline": {
      const second = rest.indexOf(".")
      const interval = second < 0 ? "" : rest.slice(0, second)
      if (!intervals.includes(interval)) {
        return invalid(name, `Expected a kline interval (${intervals.join(", ")}) in the stream name`)
      }
      return Either.map(withSymbol(name, rest.slice(second + 1)), (s) => spec(name, head, s, M.KlineEvent, "sliding"))
    }
    case "account": {
      const second = rest.indexOf(".")
      const event = second < 0 ? rest : rest.slice(0, second)
      const symbol = second < 0 ? undefined : rest.slice(second + 1)
      const schema = event === "orderUpdate"
        ? M.OrderUpdateEvent
        : event === "positionUpdate"
        ? M.PositionUpdateEvent
        : event === "rfqUpdate"
        ? M.RfqUpdateEvent
        : undefined
      if (schema === undefined) {
        return invalid(name, "Expected account.orderUpdate, account.positionUpdate or account.rfqUpdate")
      }
      if (symbol === undefined) return Either.right(spec(name, event, undefined, schema, "fail", true))
      return Either.map(withSymbol(name, symbol), (s) => spec(name, event, s, schema, "fail", true))
    }
    default:
      return invalid(name, "Unknown stream")
  }
}

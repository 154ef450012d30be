/**
 * The stream catalogue (backpack-api.md §7.3): which names exist, how their payload decodes, whether
 * they are private, and how a slow consumer's buffer behaves.
 *
 * @since 0.1.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ValidationError } from "../../BackpackError.js"
import { KlineInterval } from "../../models/enums.js"
import * as M from "../../models/streams.js"
import * as Dec from "../decimal.js"

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
  /** The frame decoder of the stream kind's schema, built once per kind (not per frame, not per stream). */
  readonly decode: (data: unknown) => Either.Either<M.StreamEvent, ParseResult.ParseError>
}

type Decoder = StreamSpec["decode"]

const decoders = {
  bookTicker: Schema.decodeUnknownEither(M.BookTickerEvent),
  ticker: Schema.decodeUnknownEither(M.TickerEvent),
  markPrice: Schema.decodeUnknownEither(M.MarkPriceEvent),
  openInterest: Schema.decodeUnknownEither(M.OpenInterestEvent),
  trade: Schema.decodeUnknownEither(M.TradeEvent),
  kline: Schema.decodeUnknownEither(M.KlineEvent),
  liquidation: Schema.decodeUnknownEither(M.LiquidationEvent),
  orderUpdate: Schema.decodeUnknownEither(M.OrderUpdateEvent),
  positionUpdate: Schema.decodeUnknownEither(M.PositionUpdateEvent),
  rfqUpdate: Schema.decodeUnknownEither(M.RfqUpdateEvent)
} satisfies Record<string, Decoder>

// -------------------------------------------------------------------------------------------------
// depth: the hottest stream gets a direct decoder with the Schema's exact rules; anything it does not
// accept goes through the Schema, which then reports the precise `ParseError` (or accepts a shape the
// fast path does not know, e.g. extra keys).
// -------------------------------------------------------------------------------------------------

const decodeDepthSchema = Schema.decodeUnknownEither(M.DepthEvent)

const fastDecimal = (input: unknown): BigDecimal.BigDecimal | undefined => {
  if (typeof input === "string") return Option.getOrUndefined(Dec.parse(input))
  if (typeof input === "number" && Number.isFinite(input)) return Option.getOrUndefined(Dec.parse(String(input)))
  return undefined
}

const fastMicros = (input: unknown): number | undefined => {
  const value = typeof input === "number"
    ? input
    : typeof input === "string" && /^-?\d+$/.test(input)
    ? Number(input)
    : NaN
  return Number.isSafeInteger(value) ? value : undefined
}

const fastSequence = (input: unknown): bigint | undefined =>
  typeof input === "number"
    ? (Number.isSafeInteger(input) ? BigInt(input) : undefined)
    : typeof input === "string" && /^\d+$/.test(input)
    ? BigInt(input)
    : undefined

const fastLevels = (input: unknown): Array<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]> | undefined => {
  if (!Array.isArray(input)) return undefined
  const out: Array<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]> = new Array(input.length)
  for (let i = 0; i < input.length; i++) {
    const level: unknown = input[i]
    if (!Array.isArray(level) || level.length !== 2) return undefined
    const price = fastDecimal(level[0])
    const quantity = fastDecimal(level[1])
    if (price === undefined || quantity === undefined) return undefined
    out[i] = [price, quantity]
  }
  return out
}

type DepthLevels = M.DepthEvent["asks"]

/**
 * A `DepthEvent` from fields already checked with the Schema's rules: the very object the class
 * constructor builds (same prototype, same own fields in the same order), without that constructor's
 * per-call work (copying the props, merging defaults), which showed in the profile of every frame.
 */
const DepthEventInstance = function(
  this: { -readonly [K in keyof M.DepthEvent]: M.DepthEvent[K] },
  eventTime: number,
  symbol: string,
  asks: DepthLevels,
  bids: DepthLevels,
  firstUpdateId: bigint,
  lastUpdateId: bigint,
  engineTime: number
) {
  this.eventType = "depth"
  this.eventTime = eventTime
  this.symbol = symbol
  this.asks = asks
  this.bids = bids
  this.firstUpdateId = firstUpdateId
  this.lastUpdateId = lastUpdateId
  this.engineTime = engineTime
}
DepthEventInstance.prototype = M.DepthEvent.prototype

/** Builds a `DepthEvent` without the class constructor (see `DepthEventInstance`). */
export const makeDepthEvent = (
  eventTime: number,
  symbol: string,
  asks: DepthLevels,
  bids: DepthLevels,
  firstUpdateId: bigint,
  lastUpdateId: bigint,
  engineTime: number
): M.DepthEvent =>
  new (DepthEventInstance as unknown as new(...args: Parameters<typeof DepthEventInstance>) => M.DepthEvent)(
    eventTime,
    symbol,
    asks,
    bids,
    firstUpdateId,
    lastUpdateId,
    engineTime
  )

/** Decodes a depth payload like `Schema.decodeUnknownEither(DepthEvent)`, without the Schema on the happy path. */
export const decodeDepth = (data: unknown): Either.Either<M.DepthEvent, ParseResult.ParseError> => {
  if (typeof data === "object" && data !== null && !Array.isArray(data)) {
    const d = data as Record<string, unknown>
    if (d.e === "depth" && typeof d.s === "string" && Object.keys(d).length === 8) {
      const eventTime = fastMicros(d.E)
      const engineTime = fastMicros(d.T)
      const firstUpdateId = fastSequence(d.U)
      const lastUpdateId = fastSequence(d.u)
      const asks = fastLevels(d.a)
      const bids = fastLevels(d.b)
      if (
        eventTime !== undefined && engineTime !== undefined && firstUpdateId !== undefined &&
        lastUpdateId !== undefined && asks !== undefined && bids !== undefined
      ) {
        // every field was checked above with the Schema's own rules
        return Either.right(
          makeDepthEvent(eventTime, d.s, asks, bids, firstUpdateId, lastUpdateId, engineTime)
        )
      }
    }
  }
  return decodeDepthSchema(data)
}

/** Aggregation periods of the depth stream. */
export const depthSpeeds = ["200ms", "600ms", "1000ms"] as const

const symbolPattern = /^[A-Za-z0-9.]+(_[A-Za-z0-9.]+)+$/
const intervals: ReadonlyArray<string> = KlineInterval.literals

const spec = (
  name: string,
  kind: string,
  symbol: string | undefined,
  decode: Decoder,
  policy: OverflowPolicy,
  isPrivate = false
): StreamSpec => ({ name, kind, symbol, isPrivate, policy, decode })

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
  if (name === "liquidation") return Either.right(spec(name, "liquidation", undefined, decoders.liquidation, "fail"))
  const dot = name.indexOf(".")
  if (dot < 0) return invalid(name, "Unknown stream")
  const head = name.slice(0, dot)
  const rest = name.slice(dot + 1)
  switch (head) {
    case "bookTicker":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, decoders.bookTicker, "sliding"))
    case "ticker":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, decoders.ticker, "sliding"))
    case "markPrice":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, decoders.markPrice, "sliding"))
    case "openInterest":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, decoders.openInterest, "sliding"))
    case "trade":
      return Either.map(withSymbol(name, rest), (s) => spec(name, head, s, decoders.trade, "fail"))
    case "depth": {
      const second = rest.indexOf(".")
      const speed = second < 0 ? undefined : rest.slice(0, second)
      const symbol = speed !== undefined && (depthSpeeds as ReadonlyArray<string>).includes(speed)
        ? rest.slice(second + 1)
        : rest
      return Either.map(withSymbol(name, symbol), (s) => spec(name, head, s, decodeDepth, "fail"))
    }
    case "kline": {
      const second = rest.indexOf(".")
      const interval = second < 0 ? "" : rest.slice(0, second)
      if (!intervals.includes(interval)) {
        return invalid(name, `Expected a kline interval (${intervals.join(", ")}) in the stream name`)
      }
      return Either.map(withSymbol(name, rest.slice(second + 1)), (s) => spec(name, head, s, decoders.kline, "sliding"))
    }
    case "account": {
      const second = rest.indexOf(".")
      const event = second < 0 ? rest : rest.slice(0, second)
      const symbol = second < 0 ? undefined : rest.slice(second + 1)
      const decode = event === "orderUpdate"
        ? decoders.orderUpdate
        : event === "positionUpdate"
        ? decoders.positionUpdate
        : event === "rfqUpdate"
        ? decoders.rfqUpdate
        : undefined
      if (decode === undefined) {
        return invalid(name, "Expected account.orderUpdate, account.positionUpdate or account.rfqUpdate")
      }
      if (symbol === undefined) return Either.right(spec(name, event, undefined, decode, "fail", true))
      return Either.map(withSymbol(name, symbol), (s) => spec(name, event, s, decode, "fail", true))
    }
    default:
      return invalid(name, "Unknown stream")
  }
}

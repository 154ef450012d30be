/**
 * A direct reader for the depth frames the exchange sends (`{"stream":"depth.…","data":{…}}`), straight
 * from the text to a `DepthEvent`: no `JSON.parse` tree, no intermediate strings for the levels.
 *
 * It reads a strict subset of JSON only: no whitespace, no escapes, the two frame keys and the eight
 * payload keys each exactly once (any order), `e` equal to `"depth"`, times and update ids as unsigned
 * safe integers (numbers or digit strings; longer update id strings are read exactly as `bigint`), and levels as pairs of plain decimal strings (`digits[.digits]`, at most 15 digits). For
 * each such text the result equals `JSON.parse` + the `DepthEvent` Schema (property-tested); anything
 * else gives `undefined` and takes the general path, which also reports errors.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type * as M from "../../models/streams.js"
import { makeDepthEvent } from "./catalogue.js"

type Level = readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]

const QUOTE = 34
const COMMA = 44
const COLON = 58
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const BACKSLASH = 92
const DOT = 46
const ZERO = 48
const NINE = 57

/** The reader's position; a module-level cursor instead of a tuple per token (the reader never re-enters). */
let pos = 0
let text = ""

/** Consumes `"` + a string without escapes or control characters + `"`; `undefined` if it is not one. */
const readString = (): string | undefined => {
  if (text.charCodeAt(pos) !== QUOTE) return undefined
  const start = pos + 1
  let i = start
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      pos = i + 1
      return text.slice(start, i)
    }
    if (c === BACKSLASH || c < 32) return undefined
    i++
  }
  return undefined
}

/** Digits from `pos` (at least one); the count, with the value in `digitValue` when there are at most 15. */
let digitValue = 0
const readDigits = (): number => {
  const start = pos
  let value = 0
  const n = text.length
  while (pos < n) {
    const c = text.charCodeAt(pos)
    if (c < ZERO || c > NINE) break
    value = value * 10 + (c - ZERO)
    pos++
  }
  digitValue = value
  return pos - start
}

/**
 * An unsigned safe integer (µs timestamps have 16 digits), as a JSON number (no leading zero) or a
 * digit string (leading zeros allowed, as the Schema allows them); `-1` if it is not one. Below 2^53
 * every step of the digit accumulation is exact, so the bound check is exact too.
 */
const readSmallInteger = (): number => {
  const quoted = text.charCodeAt(pos) === QUOTE
  if (quoted) pos++
  const start = pos
  const count = readDigits()
  if (count === 0 || count > 16 || digitValue > Number.MAX_SAFE_INTEGER) return -1
  if (quoted) {
    if (text.charCodeAt(pos) !== QUOTE) return -1
    pos++
  } else if (count > 1 && text.charCodeAt(start) === ZERO) {
    return -1
  }
  return digitValue
}

/** An update id: a small integer, or a digit string of any length read exactly; `undefined` otherwise. */
const readSequence = (): bigint | undefined => {
  if (text.charCodeAt(pos) === QUOTE) {
    const start = pos + 1
    pos = start
    const count = readDigits()
    if (count === 0 || text.charCodeAt(pos) !== QUOTE) return undefined
    pos++
    return count <= 15 ? BigInt(digitValue) : BigInt(text.slice(start, pos - 1))
  }
  const value = readSmallInteger()
  return value < 0 ? undefined : BigInt(value)
}

/** `"digits[.digits]"` with at most 15 digits, as the `BigDecimal` the Schema builds (same value and scale). */
const readDecimal = (): BigDecimal.BigDecimal | undefined => {
  if (text.charCodeAt(pos) !== QUOTE) return undefined
  pos++
  const whole = readDigits()
  if (whole === 0) return undefined
  let value = digitValue
  let scale = 0
  if (text.charCodeAt(pos) === DOT) {
    pos++
    const start = pos
    const n = text.length
    while (pos < n) {
      const c = text.charCodeAt(pos)
      if (c < ZERO || c > NINE) break
      value = value * 10 + (c - ZERO)
      pos++
    }
    scale = pos - start
    if (scale === 0) return undefined
  }
  if (whole + scale > 15 || text.charCodeAt(pos) !== QUOTE) return undefined
  pos++
  return BigDecimal.make(BigInt(value), scale)
}

/** `[["p","q"],…]`, possibly empty. */
const readLevels = (): Array<Level> | undefined => {
  if (text.charCodeAt(pos) !== OPEN_BRACKET) return undefined
  pos++
  const out: Array<Level> = []
  if (text.charCodeAt(pos) === CLOSE_BRACKET) {
    pos++
    return out
  }
  while (true) {
    if (text.charCodeAt(pos) !== OPEN_BRACKET) return undefined
    pos++
    const price = readDecimal()
    if (price === undefined || text.charCodeAt(pos) !== COMMA) return undefined
    pos++
    const quantity = readDecimal()
    if (quantity === undefined || text.charCodeAt(pos) !== CLOSE_BRACKET) return undefined
    pos++
    out.push([price, quantity])
    const c = text.charCodeAt(pos++)
    if (c === CLOSE_BRACKET) return out
    if (c !== COMMA) return undefined
  }
}

/** The `data` object: the eight payload keys, each once. */
const readPayload = (): M.DepthEvent | undefined => {
  if (text.charCodeAt(pos) !== OPEN_BRACE) return undefined
  pos++
  let seen = 0
  let eventTime = -1
  let engineTime = -1
  let symbol: string | undefined
  let asks: Array<Level> | undefined
  let bids: Array<Level> | undefined
  let first: bigint | undefined
  let last: bigint | undefined
  while (true) {
    // a one-letter key: `"x":`
    if (text.charCodeAt(pos) !== QUOTE || text.charCodeAt(pos + 2) !== QUOTE || text.charCodeAt(pos + 3) !== COLON) {
      return undefined
    }
    const key = text.charCodeAt(pos + 1)
    pos += 4
    let bit: number
    switch (key) {
      case 101: { // e
        bit = 1
        if (readString() !== "depth") return undefined
        break
      }
      case 69: { // E
        bit = 2
        eventTime = readSmallInteger()
        if (eventTime < 0) return undefined
        break
      }
      case 115: { // s
        bit = 4
        symbol = readString()
        if (symbol === undefined) return undefined
        break
      }
      case 97: { // a
        bit = 8
        asks = readLevels()
        if (asks === undefined) return undefined
        break
      }
      case 98: { // b
        bit = 16
        bids = readLevels()
        if (bids === undefined) return undefined
        break
      }
      case 85: { // U
        bit = 32
        first = readSequence()
        if (first === undefined) return undefined
        break
      }
      case 117: { // u
        bit = 64
        last = readSequence()
        if (last === undefined) return undefined
        break
      }
      case 84: { // T
        bit = 128
        engineTime = readSmallInteger()
        if (engineTime < 0) return undefined
        break
      }
      default:
        return undefined
    }
    if ((seen & bit) !== 0) return undefined
    seen |= bit
    const c = text.charCodeAt(pos++)
    if (c === CLOSE_BRACE) break
    if (c !== COMMA) return undefined
  }
  if (seen !== 255) return undefined
  return makeDepthEvent(eventTime, symbol!, asks!, bids!, first!, last!, engineTime)
}

/**
 * Reads a whole depth frame, or `undefined` when the text is anything but the strict form above (then
 * `JSON.parse` and the Schema decide).
 */
export const read = (
  input: string
): { readonly stream: string; readonly event: M.DepthEvent } | undefined => {
  text = input
  pos = 0
  try {
    if (text.charCodeAt(0) !== OPEN_BRACE) return undefined
    pos = 1
    let stream: string | undefined
    let event: M.DepthEvent | undefined
    for (let member = 0; member < 2; member++) {
      const key = readString()
      if (text.charCodeAt(pos) !== COLON) return undefined
      pos++
      if (key === "stream" && stream === undefined) {
        stream = readString()
        if (stream === undefined) return undefined
      } else if (key === "data" && event === undefined) {
        event = readPayload()
        if (event === undefined) return undefined
      } else {
        return undefined
      }
      const c = text.charCodeAt(pos++)
      if (c !== (member === 0 ? COMMA : CLOSE_BRACE)) return undefined
    }
    return pos === text.length ? { stream: stream!, event: event! } : undefined
  } finally {
    text = ""
  }
}

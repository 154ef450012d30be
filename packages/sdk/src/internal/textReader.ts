/**
 * The token readers shared by the hand-written decoders that read depth data straight from the JSON
 * text (the REST depth snapshot in `fastDecode.ts`, the WebSocket depth frame in
 * `stream/depthFrame.ts`): strings without escapes, unsigned integers and update ids, plain decimals
 * of at most 15 digits as exact `BigDecimal`s, and `[[price, quantity], …]` level arrays. Each reader
 * accepts only the common well-formed form and answers `undefined` (or `-1`) for anything else; the
 * decoders then give up and the Schema decides, so a reader never has to report an error.
 *
 * One text is read at a time from start to end (`read`); the position is module state instead of a
 * value threaded through every call (the readers never re-enter).
 */
import * as BigDecimal from "effect/BigDecimal"

/** A level as the models hold it: exact price and quantity. */
export type Level = readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]

export const QUOTE = 34
export const COMMA = 44
export const COLON = 58
export const OPEN_BRACKET = 91
export const CLOSE_BRACKET = 93
export const OPEN_BRACE = 123
export const CLOSE_BRACE = 125
const BACKSLASH = 92
const DOT = 46
const ZERO = 48
const NINE = 57

/** The text being read and the reader's position in it. */
export const cursor = { text: "", pos: 0 }

/** Reads `text` with `f` (from position 0), then lets the text go. */
export const read = <A>(text: string, f: () => A): A => {
  cursor.text = text
  cursor.pos = 0
  try {
    return f()
  } finally {
    cursor.text = ""
  }
}

/** The character code at the position. */
export const peek = (): number => cursor.text.charCodeAt(cursor.pos)

/** The character code at the position, and the position past it. */
export const next = (): number => cursor.text.charCodeAt(cursor.pos++)

/** Skips JSON whitespace. */
export const space = (): void => {
  const { text } = cursor
  const n = text.length
  while (cursor.pos < n) {
    const c = text.charCodeAt(cursor.pos)
    if (c === 32 || c === 10 || c === 13 || c === 9) cursor.pos++
    else return
  }
}

/** Consumes `"` + a string without escapes or control characters + `"`; `undefined` if it is not one. */
export const readString = (): string | undefined => {
  const { text } = cursor
  if (text.charCodeAt(cursor.pos) !== QUOTE) return undefined
  const start = cursor.pos + 1
  const n = text.length
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      cursor.pos = i + 1
      return text.slice(start, i)
    }
    if (c === BACKSLASH || c < 32) return undefined
  }
  return undefined
}

/** Digits from the position (at least one for a number); the count, with the value in `digitValue` up to 15 digits. */
let digitValue = 0
const readDigits = (): number => {
  const { text } = cursor
  const start = cursor.pos
  let value = 0
  const n = text.length
  while (cursor.pos < n) {
    const c = text.charCodeAt(cursor.pos)
    if (c < ZERO || c > NINE) break
    value = value * 10 + (c - ZERO)
    cursor.pos++
  }
  digitValue = value
  return cursor.pos - start
}

/**
 * An unsigned safe integer (µs timestamps have 16 digits), as a JSON number (no leading zero) or a
 * digit string (leading zeros allowed, as the Schema allows them); `-1` if it is not one. Below 2^53
 * every step of the digit accumulation is exact, so the bound check is exact too.
 */
export const readSmallInteger = (): number => {
  const quoted = peek() === QUOTE
  if (quoted) cursor.pos++
  const start = cursor.pos
  const count = readDigits()
  if (count === 0 || count > 16 || digitValue > Number.MAX_SAFE_INTEGER) return -1
  if (quoted) {
    if (peek() !== QUOTE) return -1
    cursor.pos++
  } else if (count > 1 && cursor.text.charCodeAt(start) === ZERO) {
    return -1
  }
  return digitValue
}

/** An update id: a small integer, or a digit string of any length read exactly; `undefined` otherwise. */
export const readSequence = (): bigint | undefined => {
  if (peek() === QUOTE) {
    const start = cursor.pos + 1
    cursor.pos = start
    const count = readDigits()
    if (count === 0 || peek() !== QUOTE) return undefined
    cursor.pos++
    return count <= 15 ? BigInt(digitValue) : BigInt(cursor.text.slice(start, cursor.pos - 1))
  }
  const value = readSmallInteger()
  return value < 0 ? undefined : BigInt(value)
}

const powers: ReadonlyArray<number> = Array.from({ length: 16 }, (_, i) => 10 ** i)

/** The last decimal read, as a double: exact enough to order decimals of at most 15 digits. */
let decimalKey = 0

/**
 * `"digits[.digits]"` with at most 15 digits, as the `BigDecimal` the Schema builds (same value and
 * scale); `undefined` otherwise (a sign, an exponent: the prices and quantities of a book have none,
 * and the Schema decides).
 */
const readDecimal = (): BigDecimal.BigDecimal | undefined => {
  if (peek() !== QUOTE) return undefined
  cursor.pos++
  const whole = readDigits()
  if (whole === 0) return undefined
  let value = digitValue
  let scale = 0
  if (peek() === DOT) {
    cursor.pos++
    const fraction = readDigits()
    if (fraction === 0 || whole + fraction > 15) return undefined
    value = value * powers[fraction]! + digitValue
    scale = fraction
  }
  if (whole + scale > 15 || peek() !== QUOTE) return undefined
  cursor.pos++
  decimalKey = value / powers[scale]!
  return BigDecimal.make(BigInt(value), scale)
}

/** How the prices of the last `readLevels` were ordered (equal neighbours count as both). */
export const order = { ascending: true, descending: true }

/** `[["p","q"],…]`, possibly empty, whitespace allowed between tokens; `order` tells how the prices run. */
export const readLevels = (): Array<Level> | undefined => {
  if (peek() !== OPEN_BRACKET) return undefined
  cursor.pos++
  space()
  const out: Array<Level> = []
  order.ascending = true
  order.descending = true
  if (peek() === CLOSE_BRACKET) {
    cursor.pos++
    return out
  }
  let previous = 0
  while (true) {
    if (peek() !== OPEN_BRACKET) return undefined
    cursor.pos++
    space()
    const price = readDecimal()
    if (price === undefined) return undefined
    const key = decimalKey
    space()
    if (next() !== COMMA) return undefined
    space()
    const quantity = readDecimal()
    if (quantity === undefined) return undefined
    space()
    if (next() !== CLOSE_BRACKET) return undefined
    if (out.length > 0) {
      if (key < previous) order.ascending = false
      if (key > previous) order.descending = false
    }
    previous = key
    out.push([price, quantity])
    space()
    const c = next()
    if (c === CLOSE_BRACKET) return out
    if (c !== COMMA) return undefined
    space()
  }
}

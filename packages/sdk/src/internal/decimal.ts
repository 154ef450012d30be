/**
 * Exact decimal helpers: a fixed-point formatter that never prints exponents and never drops the
 * scale the caller asked for, and strict parsing of decimal strings.
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Option from "effect/Option"

/** A plain decimal as accepted on the wire: optional sign, digits, optional fraction. No exponent. */
export const plainDecimalPattern = /^-?\d+(\.\d+)?$/

/** What response decoding accepts: plain decimals plus a leading `+` and exponent forms (`1e-8`). */
const lenientDecimalPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/**
 * The obviously-correct parser: the lenient pattern, then `BigDecimal.fromString`, then the scale
 * bound. {@link parse} gives the same results faster; tests compare the two.
 */
export const parseSlow = (input: string): Option.Option<BigDecimal.BigDecimal> => {
  if (!lenientDecimalPattern.test(input)) return Option.none()
  return Option.filter(BigDecimal.fromString(input), (value) => Math.abs(value.scale) <= maxScale)
}

/**
 * Fast path of {@link parse}: a plain decimal (`-?digits(.digits)?`) of at most 15 digits, read in
 * one pass into a double that holds its digits exactly (< 10^15 < 2^53), then into the `BigDecimal`
 * `BigDecimal.fromString` would build (same unscaled value, same scale). `undefined` for anything
 * else (longer, exponent, `+`, malformed), which goes to the slow parser.
 */
const parsePlainShort = (input: string): BigDecimal.BigDecimal | undefined => {
  const n = input.length
  if (n === 0 || n > 17) return undefined
  let i = 0
  const negative = input.charCodeAt(0) === 45
  if (negative) i++
  let digits = 0
  let value = 0
  let point = -1
  for (; i < n; i++) {
    const c = input.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48)
      digits++
    } else if (c === 46 && point === -1 && digits > 0) {
      point = digits
    } else {
      return undefined
    }
  }
  if (digits === 0 || digits > 15 || point === digits) return undefined
  return BigDecimal.make(BigInt(negative ? -value : value), point === -1 ? 0 : digits - point)
}

/** Parses a decimal string exactly, or `undefined` when it is not a decimal (see {@link parse}). */
export const parseOrUndefined = (input: string): BigDecimal.BigDecimal | undefined =>
  parsePlainShort(input) ?? Option.getOrUndefined(parseSlow(input))

/** Parses a decimal string exactly, or `None` when it is not a decimal (`" 1.5"`, `"1,5"`, `""`). */
export const parse = (input: string): Option.Option<BigDecimal.BigDecimal> => {
  const fast = parsePlainShort(input)
  return fast === undefined ? parseSlow(input) : Option.some(fast)
}

/**
 * The largest scale accepted (|exponent| after parsing). Real prices need a few dozen digits; a
 * value like `1e-100000000` would make every later comparison or format allocate huge numbers.
 */
export const maxScale = 1000

/**
 * Formats a `BigDecimal` in fixed-point notation, keeping exactly its own scale: `1.50` stays
 * `1.50`, `1e-16` prints `0.0000000000000001`, `1e16` prints `10000000000000000`.
 */
export const format = (value: BigDecimal.BigDecimal): string => {
  const negative = value.value < 0n
  const digits = (negative ? -value.value : value.value).toString()
  let out: string
  if (value.scale <= 0) {
    out = value.value === 0n ? "0" : digits + "0".repeat(-value.scale)
  } else {
    const padded = digits.padStart(value.scale + 1, "0")
    out = `${padded.slice(0, padded.length - value.scale)}.${padded.slice(padded.length - value.scale)}`
  }
  return negative ? `-${out}` : out
}

/** Formats with exactly `scale` fraction digits (scale >= 0), rounding toward zero. */
export const formatScaled = (value: BigDecimal.BigDecimal, scale: number): string =>
  format(BigDecimal.scale(value, Math.max(0, scale)))

/** Number of fraction digits of a decimal written in fixed point (`"0.010"` → 3). */
export const fractionDigits = (value: BigDecimal.BigDecimal): number => Math.max(0, BigDecimal.normalize(value).scale)

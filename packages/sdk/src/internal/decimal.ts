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

/** Parses a decimal string exactly, or `None` when it is not a decimal (`" 1.5"`, `"1,5"`, `""`). */
export const parse = (input: string): Option.Option<BigDecimal.BigDecimal> => {
  if (!lenientDecimalPattern.test(input)) return Option.none()
  return Option.filter(BigDecimal.fromString(input), (value) => Math.abs(value.scale) <= maxScale)
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

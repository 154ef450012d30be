/**
 * Exact fixed-point decimal arithmetic on `bigint` (18 fractional digits). Money never touches a JS `number`.
 *
 * @internal
 */

/** Number of fractional digits carried by every value. */
export const SCALE = 18
/** `1` in fixed-point representation. */
export const ONE = 10n ** BigInt(SCALE)
/** `0` in fixed-point representation. */
export const ZERO = 0n

const pattern = /^([+-])?(\d+)?(?:\.(\d*))?$/

/** Longest accepted decimal text (sign, digits and point). */
export const MAX_LENGTH = 64
/** Most significant integer digits accepted (values stay below 10^28, inside the exchange's 96-bit decimals). */
export const MAX_INTEGER_DIGITS = 28

/**
 * Parses a decimal string (`"180.50"`, `"-0.1"`, `".5"`). Fails (returns `undefined`) for anything else, for
 * exponent notation, for values with more than 18 fractional digits, more than 28 integer digits, or text longer
 * than 64 characters (so a million-digit input costs nothing).
 */
export const parse = (input: string): bigint | undefined => {
  if (input.length > MAX_LENGTH) return undefined
  const m = pattern.exec(input)
  if (m === null) return undefined
  const int = m[2] ?? ""
  const frac = m[3] ?? ""
  if (int === "" && frac === "") return undefined
  if (int.replace(/^0+/, "").length > MAX_INTEGER_DIGITS) return undefined
  if (frac.length > SCALE) {
    // Accept extra digits only when they are zeros.
    if (!/^0*$/.test(frac.slice(SCALE))) return undefined
  }
  const digits = BigInt((int === "" ? "0" : int) + frac.slice(0, SCALE).padEnd(SCALE, "0"))
  return m[1] === "-" ? -digits : digits
}

/** Number of fractional digits as written in a decimal string, ignoring trailing zeros. */
export const writtenDecimals = (input: string): number => {
  const dot = input.indexOf(".")
  if (dot < 0) return 0
  return input.slice(dot + 1).replace(/0+$/, "").length
}

/** Number of fractional digits needed to represent a value exactly. */
export const decimalsOf = (value: bigint): number => {
  let v = value < 0n ? -value : value
  let d = SCALE
  while (d > 0 && v % 10n === 0n) {
    v /= 10n
    d--
  }
  return d
}

/** Builds a value from an integer. */
export const fromInt = (n: number | bigint): bigint => BigInt(n) * ONE

/** Exact product when the operands' fractional digits sum to at most 18; otherwise truncated toward zero. */
export const mul = (a: bigint, b: bigint): bigint => (a * b) / ONE

/** Quotient truncated toward zero at 18 fractional digits. */
export const div = (a: bigint, b: bigint): bigint => (a * ONE) / b

/** Rounds toward zero to a multiple of `step`. */
export const floorTo = (value: bigint, step: bigint): bigint => value - (value % step)

/** Rounds up (toward +infinity) to a multiple of `step`. */
export const ceilTo = (value: bigint, step: bigint): bigint => {
  const r = ((value % step) + step) % step
  return r === 0n ? value : value - r + step
}

/** Rounds to the nearest multiple of `step` (half away from zero). */
export const roundTo = (value: bigint, step: bigint): bigint => {
  const r = value % step
  const abs = r < 0n ? -r : r
  if (abs * 2n >= step) return value - r + (value < 0n ? -step : step)
  return value - r
}

/** Absolute value. */
export const abs = (a: bigint): bigint => (a < 0n ? -a : a)

/** Smaller of two values. */
export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b)

/** Larger of two values. */
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b)

/**
 * Formats a value. With `dp` the output has exactly that many fractional digits (truncating), otherwise the
 * shortest exact representation (`"0"`, `"12.5"`, `"-0.000001"`).
 */
export const format = (value: bigint, dp?: number): string => {
  const neg = value < 0n
  const v = neg ? -value : value
  const int = v / ONE
  let frac = (v % ONE).toString().padStart(SCALE, "0")
  if (dp === undefined) {
    frac = frac.replace(/0+$/, "")
  } else {
    frac = frac.slice(0, dp)
  }
  const body = frac.length > 0 ? `${int}.${frac}` : `${int}`
  const isZero = /^[0.]*$/.test(body)
  return neg && !isZero ? `-${body}` : body
}

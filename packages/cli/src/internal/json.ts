/**
 * Plain JSON of decoded SDK values, for `--json`: decimals as fixed-point strings (their own scale,
 * never an exponent), bigints as strings, `Option` as the value or `null`, dates as ISO-8601 UTC,
 * class instances as their own fields. `JSON.stringify` alone throws on a bigint and prints the
 * internals of `BigDecimal` and `Option`.
 *
 * @since 0.1.0
 */
import { Precision } from "@effect-backpack/sdk"
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"

/**
 * A JSON value.
 *
 * @since 0.1.0
 * @category models
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * Converts a decoded value to plain JSON. Fields that are `undefined` are left out.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toJson = (value: unknown): Json => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "number":
      return Number.isFinite(value) ? value : String(value)
    case "bigint":
      return value.toString()
    case "undefined":
    case "function":
    case "symbol":
      return null
  }
  if (value === null) return null
  if (BigDecimal.isBigDecimal(value)) return Precision.format(value)
  if (Option.isOption(value)) return Option.isSome(value) ? toJson(value.value) : null
  if (DateTime.isDateTime(value)) return DateTime.formatIso(DateTime.toUtc(value))
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(toJson)
  const out: Record<string, Json> = {}
  for (const [key, field] of Object.entries(value as object)) {
    if (field !== undefined) out[key] = toJson(field)
  }
  return out
}

/**
 * The JSON text of a decoded value (two-space indentation, or one line with `compact`).
 *
 * @since 0.1.0
 * @category conversions
 */
export const stringify = (value: unknown, compact = false): string =>
  compact ? JSON.stringify(toJson(value)) : JSON.stringify(toJson(value), null, 2)

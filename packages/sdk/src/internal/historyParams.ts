/**
 * Request building blocks shared by the signed account endpoints (capital, history, RFQ,
 * strategies): pagination, time filters, the market-type filter, digit ids and cross-field rules.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { MarketType } from "../models/enums.js"
import * as S from "./schema.js"

/** Page size: 1 to 1000 (the exchange's maximum; its default is 100). */
export const Limit = Schema.Int.pipe(
  Schema.between(1, 1000, { message: (issue) => `Expected a page size from 1 to 1000, got ${String(issue.actual)}` })
).annotations({ identifier: "Limit" })

/** Rows to skip. */
export const Offset = S.Uint64

/** A time filter in epoch milliseconds. */
export const MillisParam = S.Uint64

/**
 * A market-type filter. The spec allows the key to repeat (`marketType=SPOT&marketType=PERP`), but
 * how repeated keys enter the signing string is undocumented (backpack-api.md §12.2). The SDK takes
 * one value (sent as `marketType=PERP`) or an array: a one-element array is sent as the single
 * value, a longer one as repeated keys, signed as repeated `marketType=…` pairs in the given order.
 * Prefer a single value on these signed endpoints until the exchange confirms the repeated form.
 */
export const MarketTypeParam: Schema.Schema<
  string | ReadonlyArray<string>,
  MarketType | readonly [MarketType, ...Array<MarketType>]
> = Schema.transform(
  Schema.Union(MarketType, Schema.NonEmptyArray(MarketType)),
  Schema.Union(Schema.String, Schema.Array(Schema.String)),
  {
    strict: false,
    decode: (value) => typeof value === "string" ? value : value.length === 1 ? value[0] : value,
    encode: (value) => value
  }
)

/** An id sent as digits: a digit string (kept exactly) or a non-negative safe integer. */
export const DigitsParam: Schema.Schema<string, string | number> = Schema.transform(
  Schema.Union(
    Schema.String.pipe(Schema.pattern(/^\d+$/, { message: () => "Expected an id made of digits" })),
    S.Uint64
  ),
  Schema.String,
  { strict: true, decode: (value) => String(value), encode: (value) => value }
)

/** Fails when both `a` and `b` are set or neither is. */
export const exactlyOneOf = (a: string, b: string) => (params: { readonly [key: string]: unknown }) => {
  const hasA = params[a] !== undefined
  const hasB = params[b] !== undefined
  if (hasA && hasB) return { path: [b], message: `Give either \`${a}\` or \`${b}\`, not both` }
  if (!hasA && !hasB) return { path: [a], message: `Give exactly one of \`${a}\` or \`${b}\`` }
  return true
}

/** Fails when `from` is after `to`. */
export const fromBeforeTo = (params: { readonly from?: number | undefined; readonly to?: number | undefined }) =>
  params.from !== undefined && params.to !== undefined && params.from > params.to
    ? { path: ["to"], message: `\`to\` (${params.to}) is before \`from\` (${params.from})` }
    : true

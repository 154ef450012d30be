/**
 * Schema building blocks shared by every model and request of the SDK.
 *
 * Response side (decoding what the exchange sends): decimals become `BigDecimal`, ids stay exact
 * strings, sequence numbers become `bigint`, naive datetimes are read as UTC, optional fields may be
 * absent or `null`, open enums accept values added later.
 *
 * Request side (validating what the caller passes, before anything is sent): a request schema
 * *decodes* the caller's input into the wire parameters. Decimal inputs accept a decimal string (sent
 * exactly as written) or a `BigDecimal` (sent in fixed point, never with an exponent).
 */
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type DecimalInput, Percent } from "../models/common.js"
import * as Dec from "./decimal.js"

// ---------------------------------------------------------------------------------------------
// response side
// ---------------------------------------------------------------------------------------------

/**
 * A decimal sent as a JSON string (`"180.50"`, `"1e-8"`) or, on some WebSocket fields, a JSON
 * number. Decoded exactly into a `BigDecimal`; encoded back as a fixed-point string.
 */
export const Decimal: Schema.Schema<BigDecimal.BigDecimal, string | number> = Schema.transformOrFail(
  Schema.Union(Schema.String, Schema.Number),
  Schema.BigDecimalFromSelf,
  {
    strict: true,
    decode: (input, _, ast) => {
      const text = typeof input === "number" ? (Number.isFinite(input) ? String(input) : "") : input
      const value = Dec.parseOrUndefined(text)
      return value === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, input, `Expected a decimal, got ${JSON.stringify(input)}`))
        : ParseResult.succeed(value)
    },
    encode: (value) => ParseResult.succeed(Dec.format(value))
  }
).annotations({ identifier: "Decimal" })

/**
 * A decimal that may also be a percentage string such as `"80%"` (trigger quantities). Plain
 * decimals decode to `BigDecimal`, percentages to `Percent` (`{ percent: BigDecimal }`).
 */
export const DecimalOrPercent: Schema.Schema<BigDecimal.BigDecimal | Percent, string | number> = Schema
  .transformOrFail(
    Schema.Union(Schema.String, Schema.Number),
    Schema.Union(Schema.BigDecimalFromSelf, Schema.instanceOf(Percent)),
    {
      strict: true,
      decode: (input, _, ast) => {
        const text = typeof input === "number" ? String(input) : input
        const isPercent = text.endsWith("%")
        return Option.match(Dec.parse(isPercent ? text.slice(0, -1) : text), {
          onNone: () => ParseResult.fail(new ParseResult.Type(ast, input, `Expected a decimal or a percentage`)),
          onSome: (value) => ParseResult.succeed(isPercent ? new Percent({ percent: value }) : value)
        })
      },
      encode: (value) =>
        ParseResult.succeed(
          BigDecimal.isBigDecimal(value) ? Dec.format(value) : `${Dec.format(value.percent)}%`
        )
    }
  ).annotations({ identifier: "DecimalOrPercent" })

/** A safe integer sent as a JSON number or a digit string (counts, ms and µs timestamps). */
export const Int: Schema.Schema<number, string | number> = Schema.transformOrFail(
  Schema.Union(Schema.String, Schema.Number),
  Schema.Int,
  {
    strict: true,
    decode: (input, _, ast) => {
      const value = typeof input === "number" ? input : /^-?\d+$/.test(input) ? Number(input) : Number.NaN
      return Number.isSafeInteger(value)
        ? ParseResult.succeed(value)
        : ParseResult.fail(new ParseResult.Type(ast, input, `Expected a safe integer, got ${JSON.stringify(input)}`))
    },
    encode: ParseResult.succeed
  }
).annotations({ identifier: "Int" })

/** Unix time in milliseconds (number or digit string). */
export const Millis = Int.annotations({ identifier: "Millis", description: "Unix epoch milliseconds" })

/** Unix time in microseconds (number or digit string; below 2^53 for the next centuries). */
export const Micros = Int.annotations({ identifier: "Micros", description: "Unix epoch microseconds" })

/**
 * An identifier kept exactly as a string, whether the exchange sent it as a string or as a number
 * (lossless parsing turns integers above 2^53 into strings before this sees them).
 */
export const Id: Schema.Schema<string, string | number> = Schema.transform(
  Schema.Union(Schema.String, Schema.Number),
  Schema.String,
  { strict: true, decode: (input) => String(input), encode: (value) => value }
).annotations({ identifier: "Id" })

/** A sequence number that can pass 2^53, decoded as `bigint` (from a digit string or an integer). */
export const Sequence: Schema.Schema<bigint, string | number> = Schema.transformOrFail(
  Schema.Union(Schema.String, Schema.Number),
  Schema.BigIntFromSelf,
  {
    strict: true,
    decode: (input, _, ast) =>
      (typeof input === "number" ? Number.isSafeInteger(input) : /^\d+$/.test(input))
        ? ParseResult.succeed(BigInt(input))
        : ParseResult.fail(new ParseResult.Type(ast, input, `Expected an integer sequence id`)),
    encode: (value) => ParseResult.succeed(value.toString())
  }
).annotations({ identifier: "Sequence" })

const naivePattern = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/

/**
 * A UTC timestamp written without a zone (`"2025-07-27T18:05:40.897"`, `"2025-09-11 15:34:00"`),
 * or an RFC 3339 string with one. Decoded as a `DateTime.Utc` (millisecond precision).
 */
export const NaiveDateTime: Schema.Schema<DateTime.Utc, string> = Schema.transformOrFail(
  Schema.String,
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (input, _, ast) => {
      const match = naivePattern.exec(input)
      const iso = match ? `${match[1]}T${match[2]}Z` : input
      return Option.match(DateTime.make(iso), {
        onNone: () => ParseResult.fail(new ParseResult.Type(ast, input, `Expected a UTC date-time, got ${input}`)),
        onSome: (dt) => ParseResult.succeed(DateTime.toUtc(dt))
      })
    },
    encode: (value) => ParseResult.succeed(DateTime.formatIso(value).replace(/Z$/, ""))
  }
).annotations({ identifier: "NaiveDateTime" })

/** An RFC 3339 date-time (also accepts the naive form). */
export const DateTimeString = NaiveDateTime

/**
 * An enum the exchange may extend: the documented values are typed literals, anything else passes
 * through as a string instead of failing the whole response.
 */
export const OpenEnum = <const Literals extends ReadonlyArray<string>>(
  ...literals: Literals
): Schema.Schema<Literals[number] | (string & {}), string> => Schema.Union(Schema.Literal(...literals), Schema.String)

/**
 * A value built on the first call, then kept: the module-level schemas of the endpoint tables, which
 * only their endpoints' deferred request and response schemas use (built when first needed).
 */
export const lazy = <A>(build: () => A): () => A => {
  let value: A | undefined
  let built = false
  return () => {
    if (!built) {
      value = build()
      built = true
    }
    return value as A
  }
}

/**
 * The optional field of each schema, built once and shared by every model that has one (a
 * property signature is an immutable value): most optional fields are a handful of schemas
 * (`Decimal`, `Int`, `String`…), and each field built anew cost the SDK's import time.
 */
const optionals = new WeakMap<Schema.Schema.Any, unknown>()

/**
 * An optional response field: absent or `null` on the wire, `undefined` in the decoded value.
 */
export const optional = <S extends Schema.Schema.Any>(schema: S): Schema.optionalWith<S, { nullable: true }> => {
  let field = optionals.get(schema) as Schema.optionalWith<S, { nullable: true }> | undefined
  if (field === undefined) {
    field = Schema.optionalWith(schema, { nullable: true })
    optionals.set(schema, field)
  }
  return field
}

// ---------------------------------------------------------------------------------------------
// request side
// ---------------------------------------------------------------------------------------------

/**
 * What is wrong with the text of a decimal parameter: not a plain decimal, or not strictly positive
 * where it must be; `undefined` when it is sent as is.
 */
export const decimalParamIssue = (text: string, positive: boolean): "pattern" | "positive" | undefined =>
  !Dec.plainDecimalPattern.test(text)
    ? "pattern"
    : positive && (!/[1-9]/.test(text) || text.startsWith("-"))
    ? "positive"
    : undefined

const decimalInput = (options: { readonly positive: boolean }): Schema.Schema<string, DecimalInput> =>
  Schema.transformOrFail(
    Schema.Union(Schema.String, Schema.BigDecimalFromSelf),
    Schema.String,
    {
      strict: true,
      decode: (input, _, ast) => {
        const text = typeof input === "string" ? input : Dec.format(input)
        switch (decimalParamIssue(text, options.positive)) {
          case "pattern":
            return ParseResult.fail(
              new ParseResult.Type(ast, input, `Expected a plain decimal such as "1.25", got ${JSON.stringify(text)}`)
            )
          case "positive":
            return ParseResult.fail(new ParseResult.Type(ast, input, `Expected a positive decimal, got "${text}"`))
          default:
            return ParseResult.succeed(text)
        }
      },
      encode: ParseResult.succeed
    }
  )

/** A decimal parameter (may be zero or negative): a string sent as written, or a `BigDecimal`. */
export const DecimalParam: Schema.Schema<string, DecimalInput> = decimalInput({ positive: false }).annotations({
  identifier: "DecimalParam"
})

/** A strictly positive decimal parameter (prices, quantities). */
export const PositiveDecimalParam: Schema.Schema<string, DecimalInput> = decimalInput({ positive: true })
  .annotations({ identifier: "PositiveDecimalParam" })

/** A trigger quantity: a positive decimal or a percentage of the position such as `"50%"`. */
export const QuantityOrPercentParam: Schema.Schema<string, DecimalInput> = Schema.transformOrFail(
  Schema.Union(Schema.String, Schema.BigDecimalFromSelf),
  Schema.String,
  {
    strict: true,
    decode: (input, options, ast) => {
      if (typeof input === "string" && input.endsWith("%")) {
        const value = input.slice(0, -1)
        return decimalParamIssue(value, true) === undefined
          ? ParseResult.succeed(input)
          : ParseResult.fail(new ParseResult.Type(ast, input, `Expected a percentage such as "50%"`))
      }
      return ParseResult.decodeUnknown(PositiveDecimalParam)(input, options)
    },
    encode: ParseResult.succeed
  }
)

/** An unsigned 8/16/32/64-bit integer parameter. */
export const Uint16 = Schema.Int.pipe(Schema.between(0, 65_535)).annotations({ identifier: "Uint16" })
export const Uint32 = Schema.Int.pipe(Schema.between(0, 4_294_967_295)).annotations({ identifier: "Uint32" })
export const Uint64 = Schema.Int.pipe(Schema.nonNegative()).annotations({ identifier: "Uint64" })
export const Int32 = Schema.Int.pipe(Schema.between(-2_147_483_648, 2_147_483_647)).annotations({
  identifier: "Int32"
})

/** A market symbol such as `SOL_USDC`, `SOL_USDC_PERP`, `SPCX.US_USDC`. */
export const marketSymbolPattern = /^[A-Za-z0-9.]+(_[A-Za-z0-9.]+)+$/
export const MarketSymbol = Schema.String.pipe(
  Schema.pattern(marketSymbolPattern, {
    message: (issue) => `Expected a market symbol such as "SOL_USDC", got ${JSON.stringify(issue.actual)}`
  })
).annotations({ identifier: "MarketSymbol" })

/** An asset symbol such as `SOL` or `USDC`. */
export const assetSymbolPattern = /^[A-Za-z0-9.]+$/
export const AssetSymbol = Schema.String.pipe(
  Schema.pattern(assetSymbolPattern, {
    message: (issue) => `Expected an asset symbol such as "SOL", got ${JSON.stringify(issue.actual)}`
  })
).annotations({ identifier: "AssetSymbol" })

/** A non-empty string parameter (ids, addresses). */
export const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "Expected a non-empty string" }))

/** A request with no parameters. */
export const NoParams: Schema.Schema<{}, {} | undefined> = Schema.transform(
  Schema.Union(Schema.Struct({}), Schema.Undefined),
  Schema.Struct({}),
  { strict: true, decode: () => ({}), encode: (value) => value }
)

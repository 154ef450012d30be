/**
 * Request parsing at the edge with Effect Schema: the building blocks of every route's query and body schema,
 * and the two decoders that turn a failure into the live exchange's plain-text 400 (its web framework's words):
 *
 * - query: `` failed to parse parameter `interval`: failed to parse "KlineInterval": Expect a valid enumeration value. ``
 * - body: `Bad Request parse request payload error: failed to parse "Side": Expect a valid enumeration value.
 *   (occurred while parsing "OrderExecutePayload")`
 *
 * Every building block fails with `failed to parse "<Type>": <detail>`, the type named as the exchange's API names
 * it; a missing required query parameter is `Type "<Type>" expects an input value.`, a missing body field the
 * field's parse error.
 *
 * @internal
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as SchemaAST from "effect/SchemaAST"
import * as D from "../decimal.js"
import type { DecimalInput } from "../engine/matching.js"
import { PlainFailure } from "../engine/model.js"

// ---------------------------------------------------------------------------------------------------------------
// building blocks
// ---------------------------------------------------------------------------------------------------------------

/** The API's name of a block's type (for the missing-parameter message). */
const TypeName = Symbol.for("@effect-backpack/simulator/TypeName")
/** Marks a query block that reads every value of a repeated key (`?marketType=SPOT&marketType=PERP`). */
const Repeated = Symbol.for("@effect-backpack/simulator/Repeated")

const parseMessage = (type: string, detail: string) => `failed to parse "${type}": ${detail}`

/** A `read` result that rejects the value with a detail other than the block's default one. */
class Rejected {
  constructor(readonly detail: string) {}
}
export const reject = (detail: string): Rejected => new Rejected(detail)

/**
 * A wire value read by `read`: its result, or `failed to parse "<type>": <detail>` when `read` answers
 * `undefined` (the default detail) or `reject(detail)`.
 */
export const wire = <A>(
  type: string,
  detail: string,
  read: (u: unknown) => A | Rejected | undefined
): Schema.Schema<A, unknown> =>
  Schema.transformOrFail(Schema.Unknown, Schema.Any as Schema.Schema<A>, {
    strict: true,
    decode: (u, _, ast) => {
      const a: unknown = read(u)
      if (a === undefined) return ParseResult.fail(new ParseResult.Type(ast, u, parseMessage(type, detail)))
      if (a instanceof Rejected) return ParseResult.fail(new ParseResult.Type(ast, u, parseMessage(type, a.detail)))
      return ParseResult.succeed(a as A)
    },
    encode: ParseResult.succeed
  }).annotations({ [TypeName]: type })

/** One of `values` (a string), named `type` by the API. */
export const Enum = <const A extends string>(type: string, values: ReadonlyArray<A>): Schema.Schema<A, unknown> => {
  const set = new Set<string>(values)
  return wire(
    type,
    "Expect a valid enumeration value.",
    (u) => (typeof u === "string" && set.has(u) ? u as A : undefined)
  )
}

/** Decimal text as sent (`"180.50"`, or a JSON number) with its exact value; length and scale limited. */
export const DecimalText: Schema.Schema<DecimalInput, unknown> = wire("Decimal", "Expect a valid decimal.", (u) => {
  const raw = typeof u === "number" ? String(u) : u
  if (typeof raw !== "string") return undefined
  const value = D.parse(raw)
  return value === undefined ? undefined : { raw, value }
})

/** A decimal's exact value. */
export const Dec: Schema.Schema<bigint, unknown> = wire("Decimal", "Expect a valid decimal.", (u) => {
  const raw = typeof u === "number" ? String(u) : u
  return typeof raw === "string" ? D.parse(raw) : undefined
})

/** A decimal above zero. */
export const PositiveDec: Schema.Schema<bigint, unknown> = wire("Decimal", "Expect a valid decimal.", (u) => {
  const raw = typeof u === "number" ? String(u) : u
  const value = typeof raw === "string" ? D.parse(raw) : undefined
  return value === undefined ? undefined : value > 0n ? value : reject("Expect a positive decimal.")
})

/** A JSON boolean. */
export const Bool: Schema.Schema<boolean, unknown> = wire(
  "boolean",
  "Expect a boolean value.",
  (u) => (typeof u === "boolean" ? u : undefined)
)

/** A JSON integer in 0..2^32-1. */
export const Uint32: Schema.Schema<number, unknown> = wire(
  "uint32",
  "Only integers between 0 and 4294967295 are accepted.",
  (u) => (typeof u === "number" && Number.isInteger(u) && u >= 0 && u <= 4294967295 ? u : undefined)
)

/** A JSON unsigned integer (below 2^53). */
export const Uint64: Schema.Schema<number, unknown> = wire(
  "uint64",
  "Expect an unsigned integer.",
  (u) => (typeof u === "number" && Number.isSafeInteger(u) && u >= 0 ? u : undefined)
)

/** A JSON string. */
export const Str: Schema.Schema<string, unknown> = wire(
  "String",
  "Expected a string",
  (u) => (typeof u === "string" ? u : undefined)
)

/** A non-empty JSON string. */
export const NonEmptyStr: Schema.Schema<string, unknown> = wire(
  "String",
  "Expected a non-empty string",
  (u) => (typeof u === "string" && u.length > 0 ? u : undefined)
)

/** A numeric id as a string (order, RFQ, quote and strategy ids: exact above 2^53). */
export const IdText: Schema.Schema<string, unknown> = wire(
  "String",
  "Expect a numeric id.",
  (u) => (typeof u === "string" && /^\d{1,20}$/.test(u) ? u : undefined)
)

const symbolPattern = /^[A-Z0-9.]+_[A-Z0-9]+(_[A-Z]+)?$/

/** A market symbol's syntax (`SOL_USDC`, `SOL_USDC_PERP`); whether it exists is the engine's question. */
export const MarketSymbol: Schema.Schema<string, unknown> = wire(
  "MarketSymbol",
  "Invalid market symbol",
  (u) => (typeof u === "string" && symbolPattern.test(u) ? u : undefined)
)

export const Side = Enum("Side", ["Bid", "Ask"])
export const OrderType = Enum("OrderTypeEnum", ["Limit", "Market"])
export const TimeInForce = Enum("TimeInForce", ["GTC", "IOC", "FOK"])
export const SelfTradePrevention = Enum("SelfTradePrevention", ["RejectTaker", "RejectMaker", "RejectBoth"])
export const MARKET_TYPES = ["SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ"] as const
export const MarketType = Enum("MarketType", MARKET_TYPES)

/** An optional field: absent or `null` both read as absent. */
export const opt = <A>(s: Schema.Schema<A, unknown>) => Schema.optionalWith(s, { nullable: true })

// -- query parameters (always text) ----------------------------------------------------------------------------

const INT_RANGES = {
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n]
} as const

/** An integer parameter of a Rust integer type, read as a JS number (values used are far below 2^53). */
export const QInt = (type: keyof typeof INT_RANGES): Schema.Schema<number, unknown> => {
  const [min, max] = INT_RANGES[type]
  const pattern = min < 0n ? /^-?\d+$/ : /^\d+$/
  return wire(type, "invalid digit found in string", (u) => {
    if (typeof u !== "string" || !pattern.test(u)) return undefined
    if (u.length > 24 || BigInt(u) > max) return reject("number too large to fit in target type")
    if (BigInt(u) < min) return reject("number too small to fit in target type")
    return Number(u)
  })
}

/** `true` / `false`. */
export const QBool: Schema.Schema<boolean, unknown> = wire(
  "boolean",
  "provided string was not `true` or `false`",
  (u) => (u === "true" ? true : u === "false" ? false : undefined)
)

/** Decimal text with its value. */
export const QDecimal: Schema.Schema<DecimalInput, unknown> = wire("Decimal", "Expect a valid decimal.", (u) => {
  const value = typeof u === "string" ? D.parse(u) : undefined
  return value === undefined ? undefined : { raw: u as string, value }
})

/** Any text, named `type` by the API (for the missing-parameter message). */
export const QText = (type: string): Schema.Schema<string, unknown> =>
  wire(type, "Expected a string", (u) => (typeof u === "string" ? u : undefined))

/** Every value of a repeated key, each decoded by `s`; absent when the key is. */
export const QRepeated = <A>(s: Schema.Schema<A, unknown>) =>
  Schema.optional(Schema.Array(s).annotations({ [Repeated]: true }))

/** A required query parameter: `Type "<Type>" expects an input value.` when absent. */
export const required = <A>(s: Schema.Schema<A, unknown>) => {
  const type = SchemaAST.getAnnotation<string>(s.ast, TypeName)
  const name = type._tag === "Some" ? type.value : "string"
  return Schema.propertySignature(s).annotations({ missingMessage: () => `Type "${name}" expects an input value.` })
}

/** A required body field: its own parse error when absent. */
export const field = <A>(s: Schema.Schema<A, unknown>) =>
  Schema.propertySignature(s).annotations({
    missingMessage: () => {
      const decoded = Schema.decodeUnknownEither(s)(undefined)
      return Either.isLeft(decoded) ? firstMessage(decoded.left) : "expects an input value."
    }
  })

// ---------------------------------------------------------------------------------------------------------------
// decoders
// ---------------------------------------------------------------------------------------------------------------

const firstIssue = (error: ParseResult.ParseError): { readonly field: string; readonly message: string } => {
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
  return {
    field: first === undefined || first.path.length === 0 ? "" : String(first.path[0]),
    message: first?.message ?? "invalid value"
  }
}
const firstMessage = (error: ParseResult.ParseError) => firstIssue(error).message

/** The keys of a struct schema whose values are read as lists. */
const repeatedKeys = (ast: SchemaAST.AST): ReadonlyArray<string> => {
  const node = SchemaAST.isTransformation(ast) ? ast.from : ast
  if (!SchemaAST.isTypeLiteral(node)) return []
  return node.propertySignatures.flatMap((p) => {
    const type = SchemaAST.isUnion(p.type) ? p.type.types.find((t) => !SchemaAST.isUndefinedKeyword(t)) : p.type
    return type !== undefined && SchemaAST.getAnnotation(type, Repeated)._tag === "Some" ? [String(p.name)] : []
  })
}

/** A decoder of query parameters (the first value of each key, every value of a repeated one). */
export const queryDecoder = <A, I>(schema: Schema.Schema<A, I>): (query: URLSearchParams) => A => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })
  const lists = repeatedKeys(schema.ast)
  return (query) => {
    const raw: Record<string, string | ReadonlyArray<string>> = {}
    for (const [k, v] of query) if (!(k in raw)) raw[k] = v
    for (const k of lists) if (k in raw) raw[k] = query.getAll(k)
    const result = decode(raw)
    if (Either.isRight(result)) return result.right
    const { field, message } = firstIssue(result.left)
    throw new PlainFailure(400, `failed to parse parameter \`${field}\`: ${message}`)
  }
}

/** The plain-text 400 of a body that fails to parse as `payload`. */
export const payloadFailure = (payload: string, message: string) =>
  new PlainFailure(400, `Bad Request parse request payload error: ${message} (occurred while parsing "${payload}")`)

/** A decoder of a JSON body object named `payload` by the API. */
export const bodyDecoder = <A, I>(schema: Schema.Schema<A, I>, payload: string): (body: unknown) => A => {
  const decode = Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })
  return (body) => {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw payloadFailure(payload, "expected an object")
    }
    const result = decode(body)
    if (Either.isRight(result)) return result.right
    throw payloadFailure(payload, firstMessage(result.left))
  }
}

/**
 * The decoding policy for informational fields: statistics, bands, multipliers and descriptive
 * metadata that the answer is still worth having without (a ticker's change percentage, a market's
 * price bands, an asset's display name). Such a field is declared with {@link field} (or
 * {@link fields}); when the exchange sends it in a form the SDK does not understand:
 *
 * - lenient (the default): the answer is kept, the field decodes to `undefined`, and the executor
 *   reports it (a Warning logged once per operation and field, and the
 *   `backpack_informational_field_unknown_total` counter);
 * - strict (`decoding: "strict"`): the whole answer fails with `DecodeError`, as any other field does.
 *
 * Decoding is synchronous, so the executor opens a collection around one decode ({@link collect})
 * and the fields report to it; outside a collection (a user decoding a model with `Schema` directly)
 * the fields are lenient and silent.
 *
 * @internal
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Metric from "effect/Metric"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Metrics from "../Metrics.js"
import * as errors from "./errors.js"
import * as S from "./schema.js"

/**
 * One informational field that did not decode.
 *
 * @internal
 */
export interface Note {
  /** The field's name in its model (e.g. `priceChangePercent`). */
  readonly field: string
  /** Why it did not decode, bounded (a path inside the field and a short excerpt). */
  readonly detail: string
}

interface Collection {
  readonly strict: boolean
  readonly notes: Array<Note>
}

let current: Collection | undefined = undefined

/**
 * Runs one synchronous decode with the policy; returns its result and the fields it reported.
 *
 * @internal
 */
export const collect = <A>(strict: boolean, decode: () => A): { readonly result: A; readonly notes: Array<Note> } => {
  const outer = current
  const collection: Collection = { strict, notes: [] }
  current = collection
  try {
    return { result: decode(), notes: collection.notes }
  } finally {
    current = outer
  }
}

/**
 * An informational field: `schema`, or `undefined` when the value sent does not decode with it
 * (lenient); in a strict collection the failure is the field's own.
 *
 * @internal
 */
export const field = <A, I>(
  name: string,
  schema: Schema.Schema<A, I>,
  options: { readonly nullable?: boolean } = {}
): Schema.Schema<A | undefined, unknown> => {
  const absent = options.nullable === true
  const decode = ParseResult.decodeUnknownEither(schema)
  const encode = ParseResult.encodeUnknown(schema)
  return Schema.transformOrFail(Schema.Unknown, Schema.UndefinedOr(Schema.typeSchema(schema)), {
    strict: true,
    decode: (input, parseOptions) => {
      if (absent && (input === null || input === undefined)) return ParseResult.succeed(undefined)
      const decoded = decode(input, parseOptions)
      if (Either.isRight(decoded)) return ParseResult.succeed(decoded.right)
      const collection = current
      if (collection?.strict === true) return ParseResult.fail(decoded.left)
      if (collection !== undefined) {
        const { detail, path } = errors.describeParseError(new ParseResult.ParseError({ issue: decoded.left }))
        const at = path === "" ? name : path.startsWith("[") ? `${name}${path}` : `${name}.${path}`
        collection.notes.push({ field: at, detail })
      }
      return ParseResult.succeed(undefined)
    },
    encode: (value) => value === undefined ? ParseResult.succeed(undefined) : encode(value)
  })
}

type Lenient<S extends Schema.Schema.AnyNoContext> = Schema.Schema<Schema.Schema.Type<S> | undefined, unknown>

/**
 * Informational fields, each named by its key (`...Informational.fields({ priceChangePercent: S.Decimal })`).
 *
 * @internal
 */
export const fields = <Fields extends Record<string, Schema.Schema.AnyNoContext>>(
  fields: Fields
): { readonly [K in keyof Fields]: Lenient<Fields[K]> } =>
  Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [name, field(name, schema)])
  ) as unknown as { readonly [K in keyof Fields]: Lenient<Fields[K]> }

/**
 * Optional informational fields (absent or `null` on the wire: `undefined`, like `S.optional`).
 *
 * @internal
 */
export const optionalFields = <Fields extends Record<string, Schema.Schema.AnyNoContext>>(
  fields: Fields
): { readonly [K in keyof Fields]: Schema.optionalWith<Lenient<Fields[K]>, { nullable: true }> } =>
  Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [name, S.optional(field(name, schema, { nullable: true }))])
  ) as unknown as { readonly [K in keyof Fields]: Schema.optionalWith<Lenient<Fields[K]>, { nullable: true }> }

/**
 * A reporter of unreadable informational fields: a Warning once per operation and field (for the reporter's
 * lifetime: one per client or connection), `Metrics.informationalUnknown` counted every time.
 *
 * @internal
 */
export const reporter = (what: string) => {
  const reported = new Set<string>()
  return (operation: string, notes: ReadonlyArray<Note>): Effect.Effect<void> =>
    Effect.forEach(notes, (note) => {
      const count = Metric.increment(
        Metric.tagged(Metric.tagged(Metrics.informationalUnknown, "operation", operation), "field", note.field)
      )
      const key = `${operation} ${note.field}`
      if (reported.has(key)) return count
      reported.add(key)
      return Effect.zipRight(
        Effect.logWarning(
          `${operation}: informational field ${note.field} not understood (${note.detail}); decoded as undefined, ` +
            `the ${what} kept (reported once; decoding: "strict" fails instead)`
        ),
        count
      )
    }, { discard: true })
}

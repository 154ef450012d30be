/**
 * Plain JSON for decoded results. `JSON.stringify` throws on a `bigint` and prints a `BigDecimal`'s
 * internals; {@link toJson} turns any decoded model (or anything holding them) into plain JSON data and
 * {@link stringify} into text:
 *
 * | value | JSON |
 * | --- | --- |
 * | `BigDecimal` | string in fixed-point notation, with the scale it was decoded with (`"18.70"`, never `1e-8`) |
 * | `bigint` | decimal string (ids above 2^53 stay exact) |
 * | `DateTime` / `Date` | ISO 8601 string in UTC (`"2025-01-21T06:34:54.691Z"`); an invalid `Date` is `null` |
 * | `Option` | its value, or `null` for `None` |
 * | `Redacted` | `"<redacted>"` |
 * | `Duration` | its text (`"10s"`, `"1m 30s"`) |
 * | arrays, typed arrays, `Set`, `Chunk`, `HashSet` | arrays |
 * | `RedBlackTree` (the levels of an `OrderBook.Book`) | arrays of `[key, value]` pairs, in key order |
 * | `Map`, `HashMap` | objects keyed by `String(key)` |
 * | classes (`Market`, `Order`, …), errors, plain objects | plain objects of their own enumerable fields (an error also gets `message`) |
 * | `NaN`, `±Infinity` | `null` |
 * | `undefined`, functions, symbols | left out of objects, `null` in arrays and at the top |
 *
 * Both walk the value with a heap-allocated stack, so no nesting depth can overflow the call stack; a
 * reference to an enclosing object (a cycle) is rendered as the string `"[Circular]"`.
 *
 * @example
 * ```ts
 * import { Json, Markets } from "@effect-backpack/sdk"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const depth = yield* (yield* Markets.Markets).getDepth({ symbol: "SOL_USDC", limit: "5" })
 *   console.log(Json.stringify(depth, 2)) // { "asks": [["150.25", "3.5"], …], "lastUpdateId": "1662976171", … }
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as HashMap from "effect/HashMap"
import * as HashSet from "effect/HashSet"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as RedBlackTree from "effect/RedBlackTree"
import * as Decimal from "./internal/decimal.js"

/**
 * A JSON value: what {@link toJson} returns and `JSON.parse` gives back.
 *
 * @since 0.1.0
 * @category models
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

type Container = Array<Json> | { [key: string]: Json }

/** A container being rendered: its children (and keys, for an object) and the next one to render. */
interface Frame {
  readonly source: object
  readonly out: Container
  readonly keys: ReadonlyArray<string> | undefined
  readonly values: ReadonlyArray<unknown>
  next: number
}

/** What {@link render} answers for a value that must be left out of an object. */
const omit: unique symbol = Symbol("omit")

/**
 * The collections rendered as arrays. Not every iterable: Effect's `Either`, `Exit` and `Effect` are
 * iterable too (for `yield*`), and render as objects.
 */
const isList = (value: object): value is Iterable<unknown> =>
  value instanceof Set || Chunk.isChunk(value) || HashSet.isHashSet(value) || RedBlackTree.isRedBlackTree(value) ||
  (ArrayBuffer.isView(value) && !(value instanceof DataView))

/** Renders a scalar, or opens a frame for a container (its output already allocated). */
const render = (input: unknown): Json | Frame | typeof omit => {
  let value = input
  while (Option.isOption(value)) value = Option.isSome(value) ? value.value : null
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "number":
      return Number.isFinite(value) ? value : null
    case "bigint":
      return value.toString()
    case "object":
      break
    default:
      return omit // undefined, function, symbol
  }
  if (value === null) return null
  if (Array.isArray(value)) return { source: value, out: [], keys: undefined, values: value, next: 0 }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (BigDecimal.isBigDecimal(value)) return Decimal.format(value)
    if (DateTime.isDateTime(value)) return DateTime.formatIso(value)
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
    if (Redacted.isRedacted(value)) return "<redacted>"
    if (Duration.isDuration(value)) return Duration.format(value)
    if (isList(value)) return { source: value, out: [], keys: undefined, values: Array.from(value), next: 0 }
    if (value instanceof Map || HashMap.isHashMap(value)) {
      const entries = Array.from(value as Iterable<readonly [unknown, unknown]>)
      return {
        source: value,
        out: {},
        keys: entries.map(([key]) => String(key)),
        values: entries.map(([, v]) => v),
        next: 0
      }
    }
  }
  const keys = Object.keys(value)
  const values = keys.map((key) => (value as Record<string, unknown>)[key])
  if (value instanceof Error && !keys.includes("message")) {
    keys.push("message")
    values.push(value.message)
  }
  return { source: value, out: {}, keys, values, next: 0 }
}

/** `render` answers objects only for frames (its JSON answers are scalars). */
const isFrame = (rendered: Json | Frame | typeof omit): rendered is Frame =>
  typeof rendered === "object" && rendered !== null

/**
 * Plain JSON data for a decoded result (see the module documentation for the rules). Cycles and deep
 * nesting do not make it throw.
 *
 * @example
 * ```ts
 * import { Json } from "@effect-backpack/sdk"
 * import { BigDecimal, Option } from "effect"
 *
 * Json.toJson({ price: BigDecimal.unsafeFromString("18.70"), id: 113460992315392001n, best: Option.none() })
 * // { price: "18.70", id: "113460992315392001", best: null }
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const toJson = (value: unknown): Json => walk(value).json

/** `toJson`, also answering how deeply the result nests (1 for a container of scalars, 0 for a scalar). */
const walk = (value: unknown): { readonly json: Json; readonly depth: number } => {
  const first = render(value)
  if (first === omit) return { json: null, depth: 0 }
  if (!isFrame(first)) return { json: first, depth: 0 }
  let depth = 1
  const stack: Array<Frame> = [first]
  const enclosing = new Set<object>([first.source])
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    if (frame.next === frame.values.length) {
      stack.pop()
      enclosing.delete(frame.source)
      continue
    }
    const i = frame.next++
    const child = frame.values[i]
    const rendered = typeof child === "object" && child !== null && enclosing.has(child) ? "[Circular]" : render(child)
    let json: Json
    if (rendered === omit) {
      if (frame.keys !== undefined) continue // left out of objects, null in arrays
      json = null
    } else if (isFrame(rendered)) {
      json = rendered.out
      stack.push(rendered)
      enclosing.add(rendered.source)
      if (stack.length > depth) depth = stack.length
    } else {
      json = rendered
    }
    if (frame.keys === undefined) (frame.out as Array<Json>).push(json)
    else (frame.out as { [key: string]: Json })[frame.keys[i]!] = json
  }
  return { json: first.out, depth }
}

/**
 * Nesting up to which `JSON.stringify` (recursive, and much faster than {@link write}) writes the
 * text; deeper data goes through `write`.
 */
const nativeDepth = 512

/**
 * Writes JSON data as text exactly like `JSON.stringify(json, null, indent)`, without recursion (for
 * data nested deeper than `nativeDepth`).
 */
const write = (json: Json, indent: string): string => {
  if (json === null || typeof json !== "object") return JSON.stringify(json)
  interface Open {
    readonly keys: ReadonlyArray<string> | undefined
    readonly values: ReadonlyArray<Json>
    readonly close: string
    next: number
  }
  let text = ""
  const colon = indent === "" ? ":" : ": "
  const newlines: Array<string> = []
  const newline = (depth: number) => indent === "" ? "" : (newlines[depth] ??= "\n" + indent.repeat(depth))
  const open = (value: Json): Open | undefined => {
    if (value === null || typeof value !== "object") {
      text += JSON.stringify(value)
      return undefined
    }
    const isArray = Array.isArray(value)
    const keys = isArray ? undefined : Object.keys(value)
    const values = isArray ? value as ReadonlyArray<Json> : keys!.map((key) => (value as { [key: string]: Json })[key]!)
    const [start, close] = isArray ? ["[", "]"] : ["{", "}"]
    if (values.length === 0) {
      text += start + close
      return undefined
    }
    text += start
    return { keys, values, close, next: 0 }
  }
  const stack: Array<Open> = [open(json)!]
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!
    if (top.next === top.values.length) {
      stack.pop()
      text += newline(stack.length) + top.close
      continue
    }
    const i = top.next++
    text += (i === 0 ? "" : ",") + newline(stack.length)
    if (top.keys !== undefined) text += JSON.stringify(top.keys[i]) + colon
    const child = open(top.values[i]!)
    if (child !== undefined) stack.push(child)
  }
  return text
}

/**
 * JSON text for a decoded result: {@link toJson}, then written like `JSON.stringify(json, null, space)`
 * (`space`: a number of spaces, at most 10, or a string of at most 10 characters). Unlike `JSON.stringify`,
 * it does not throw on bigints, cycles or deep nesting.
 *
 * @example
 * ```ts
 * import { Json } from "@effect-backpack/sdk"
 * import { BigDecimal } from "effect"
 *
 * Json.stringify({ id: 113460992315392001n, quantity: BigDecimal.unsafeFromString("1.50") })
 * // '{"id":"113460992315392001","quantity":"1.50"}'
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const stringify = (value: unknown, space?: number | string): string => {
  const indent = typeof space === "number"
    ? " ".repeat(Math.max(0, Math.min(10, Math.floor(space))))
    : typeof space === "string"
    ? space.slice(0, 10)
    : ""
  const { depth, json } = walk(value)
  return depth <= nativeDepth ? JSON.stringify(json, null, indent) : write(json, indent)
}

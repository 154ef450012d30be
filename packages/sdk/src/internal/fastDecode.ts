/**
 * Hand-written decoders for the hottest answers: the order object (`POST /api/v1/order` and the
 * other order endpoints) and the depth snapshot (`GET /api/v1/depth`, 1000+1000 levels).
 *
 * Each one accepts only the common, well-formed shape and builds exactly the value its Schema
 * builds (same class, same fields, same exact decimals, ids and sequence numbers); for anything
 * else it answers `undefined` and the executor runs the Schema, which then reports the precise
 * `ParseError` (or accepts a rarer shape, e.g. extra keys). Errors are therefore always the
 * Schema's. Both are property-tested against their Schema (`test/FastDecoders.test.ts`).
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import { Depth } from "../models/markets.js"
import { LimitOrder, MarketOrder, OrderType } from "../models/orders.js"
import * as Dec from "./decimal.js"

// ---------------------------------------------------------------------------------------------
// the order object, from the parsed JSON value
// ---------------------------------------------------------------------------------------------

/** A field decoder: the decoded value, `absent` to leave the key out, or `invalid` to give up. */
type Field = (input: unknown) => unknown

const invalid: unique symbol = Symbol("invalid")
const absent: unique symbol = Symbol("absent")

const decimal: Field = (input) => {
  const value = typeof input === "string"
    ? Dec.parseOrUndefined(input)
    : typeof input === "number" && Number.isFinite(input)
    ? Dec.parseOrUndefined(String(input))
    : undefined
  return value === undefined ? invalid : value
}

const int: Field = (input) => {
  const value = typeof input === "number"
    ? input
    : typeof input === "string" && /^-?\d+$/.test(input)
    ? Number(input)
    : Number.NaN
  return Number.isSafeInteger(value) ? value : invalid
}

const id: Field = (input) => (typeof input === "string" || typeof input === "number" ? String(input) : invalid)
const string: Field = (input) => (typeof input === "string" ? input : invalid)
const boolean: Field = (input) => (typeof input === "boolean" ? input : invalid)
const literal = (value: string): Field => (input) => (input === value ? input : invalid)

/** A plain decimal; a percentage (`"50%"`) is left to the Schema. */
const decimalNotPercent: Field = (input) => typeof input === "string" && input.endsWith("%") ? invalid : decimal(input)

/** `S.optional`: absent or `null` leaves the key out. */
const optional = (field: Field): Field => (input) => (input === undefined || input === null ? absent : field(input))

/** Decoders of the order fields (`orderFields` and the variant fields of `models/orders.ts`). */
const orderFieldDecoders: Record<string, Field> = {
  id,
  clientId: optional(int),
  createdAt: int,
  executedQuantity: decimal,
  executedQuoteQuantity: decimal,
  reduceOnly: optional(boolean),
  selfTradePrevention: string,
  side: string,
  status: string,
  symbol: string,
  timeInForce: string,
  stopLossTriggerPrice: optional(decimal),
  stopLossLimitPrice: optional(decimal),
  stopLossTriggerBy: optional(string),
  takeProfitTriggerPrice: optional(decimal),
  takeProfitLimitPrice: optional(decimal),
  takeProfitTriggerBy: optional(string),
  triggerBy: optional(string),
  triggerPrice: optional(decimal),
  triggerQuantity: optional(decimalNotPercent),
  triggeredAt: optional(int),
  relatedOrderId: optional(id),
  strategyId: optional(id),
  postOnly: boolean,
  quoteQuantity: optional(decimal),
  slippageTolerance: optional(decimal),
  slippageToleranceType: optional(string)
}

/**
 * The field decoders of a class, in the order of its schema's fields; `undefined` when a field has
 * no hand-written decoder (then the Schema always decodes it).
 */
const plan = (
  fields: Record<string, unknown>,
  overrides: Record<string, Field>
): ReadonlyArray<readonly [string, Field]> | undefined => {
  const out: Array<readonly [string, Field]> = []
  for (const key of Object.keys(fields)) {
    const field = overrides[key] ?? orderFieldDecoders[key]
    if (field === undefined) return undefined
    out.push([key, field])
  }
  return out
}

const limitPlan = plan(LimitOrder.fields, {
  orderType: literal("Limit"),
  price: decimal,
  quantity: decimal
})

const marketPlan = plan(MarketOrder.fields, {
  orderType: literal("Market"),
  quantity: optional(decimal)
})

const decodeWith = (plan: ReadonlyArray<readonly [string, Field]>, input: Record<string, unknown>) => {
  const out: Record<string, unknown> = {}
  for (let i = 0; i < plan.length; i++) {
    const [key, field] = plan[i]!
    const value = field(input[key])
    if (value === invalid) return undefined
    if (value !== absent) out[key] = value
  }
  return out
}

/**
 * The order object (`OrderType`: `LimitOrder` or `MarketOrder`) from a parsed JSON value, as
 * `Schema.decodeUnknown(OrderType)` builds it (excess keys ignored); `undefined` when the value is
 * not of the common shape.
 */
export const order = (input: unknown): OrderType | undefined => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined
  const record = input as Record<string, unknown>
  if (record.orderType === "Limit" && limitPlan !== undefined) {
    const fields = decodeWith(limitPlan, record)
    return fields === undefined ? undefined : new LimitOrder(fields as any, true)
  }
  if (record.orderType === "Market" && marketPlan !== undefined) {
    const fields = decodeWith(marketPlan, record)
    return fields === undefined ? undefined : new MarketOrder(fields as any, true)
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// the depth snapshot, straight from the text
// ---------------------------------------------------------------------------------------------

const powers: ReadonlyArray<number> = Array.from({ length: 16 }, (_, i) => 10 ** i)

/** A small recursive-descent reader of the depth answer's JSON text; gives up (`undefined`) on anything unusual. */
const readDepth = (text: string): Depth | undefined => {
  const n = text.length
  let i = 0

  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 10 || c === 13 || c === 9) i++
      else break
    }
  }

  /** A JSON string without escapes; `undefined` otherwise. */
  const string = (): string | undefined => {
    if (text.charCodeAt(i) !== 34) return undefined
    const end = text.indexOf("\"", i + 1)
    if (end < 0) return undefined
    const value = text.slice(i + 1, end)
    if (value.includes("\\")) return undefined
    i = end + 1
    return value
  }

  /** A JSON integer literal (optional `-`, no leading zero, no fraction or exponent) as text. */
  const integerLiteral = (): string | undefined => {
    const start = i
    if (text.charCodeAt(i) === 45) i++
    const first = i
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c >= 48 && c <= 57) i++
      else break
    }
    const digits = i - first
    if (digits === 0 || (digits > 1 && text.charCodeAt(first) === 48)) return undefined
    const next = text.charCodeAt(i)
    if (next === 46 || next === 101 || next === 69) return undefined
    return text.slice(start, i)
  }

  /**
   * A quoted plain decimal of at most 15 digits (what `Dec.parse`'s fast path reads), written into
   * `value`/`scale`/`key`; `false` otherwise.
   */
  let value = 0
  let scale = 0
  const quotedDecimal = (): boolean => {
    if (text.charCodeAt(i) !== 34) return false
    let j = i + 1
    const negative = text.charCodeAt(j) === 45
    if (negative) j++
    let digits = 0
    let v = 0
    let point = -1
    for (; j < n; j++) {
      const c = text.charCodeAt(j)
      if (c >= 48 && c <= 57) {
        v = v * 10 + (c - 48)
        digits++
      } else if (c === 46 && point === -1 && digits > 0) {
        point = digits
      } else break
    }
    if (text.charCodeAt(j) !== 34 || digits === 0 || digits > 15 || point === digits) return false
    i = j + 1
    value = negative ? -v : v
    scale = point === -1 ? 0 : digits - point
    return true
  }

  /** `[[price, quantity], …]`, checked to be sorted best first (`direction` 1: ascending prices). */
  const levels = (direction: 1 | -1): Array<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]> | undefined => {
    if (text.charCodeAt(i) !== 91) return undefined
    i++
    space()
    const out: Array<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]> = []
    if (text.charCodeAt(i) === 93) {
      i++
      return out
    }
    let previous = Number.NaN
    let ascending = true
    let descending = true
    while (true) {
      if (text.charCodeAt(i) !== 91) return undefined
      i++
      space()
      if (!quotedDecimal()) return undefined
      const key = value / powers[scale]!
      const price = BigDecimal.make(BigInt(value), scale)
      space()
      if (text.charCodeAt(i) !== 44) return undefined
      i++
      space()
      if (!quotedDecimal()) return undefined
      const quantity = BigDecimal.make(BigInt(value), scale)
      space()
      if (text.charCodeAt(i) !== 93) return undefined
      i++
      out.push([price, quantity])
      // both prices have at most 15 digits: their doubles order them exactly (equal doubles, equal prices)
      if (out.length > 1) {
        const c = direction * (previous < key ? -1 : previous > key ? 1 : 0)
        if (c > 0) ascending = false
        if (c < 0) descending = false
      }
      previous = key
      space()
      const c = text.charCodeAt(i)
      i++
      if (c === 93) break
      if (c !== 44) return undefined
      space()
    }
    // the Schema's rule: kept when in order, reversed when exactly reversed; a real sort is left to it
    if (ascending) return out
    if (descending) return out.reverse()
    return undefined
  }

  space()
  if (text.charCodeAt(i) !== 123) return undefined
  i++
  let asks: Array<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]> | undefined
  let bids: Array<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]> | undefined
  let lastUpdateId: bigint | undefined
  let timestamp: number | undefined
  space()
  while (true) {
    const key = string()
    if (key === undefined) return undefined
    space()
    if (text.charCodeAt(i) !== 58) return undefined
    i++
    space()
    switch (key) {
      case "asks": {
        if (asks !== undefined) return undefined
        asks = levels(1)
        if (asks === undefined) return undefined
        break
      }
      case "bids": {
        if (bids !== undefined) return undefined
        bids = levels(-1)
        if (bids === undefined) return undefined
        break
      }
      case "lastUpdateId": {
        if (lastUpdateId !== undefined) return undefined
        const literal = text.charCodeAt(i) === 34 ? string() : integerLiteral()
        if (literal === undefined || !/^\d+$/.test(literal)) return undefined
        lastUpdateId = BigInt(literal)
        break
      }
      case "timestamp": {
        if (timestamp !== undefined) return undefined
        const literal = text.charCodeAt(i) === 34 ? string() : integerLiteral()
        if (literal === undefined || !/^-?\d+$/.test(literal)) return undefined
        const micros = Number(literal)
        if (!Number.isSafeInteger(micros)) return undefined
        timestamp = micros
        break
      }
      default:
        return undefined
    }
    space()
    const c = text.charCodeAt(i)
    i++
    if (c === 125) break
    if (c !== 44) return undefined
    space()
  }
  space()
  if (i !== n || asks === undefined || bids === undefined || lastUpdateId === undefined || timestamp === undefined) {
    return undefined
  }
  return new Depth({ asks, bids, lastUpdateId, timestamp }, true)
}

/**
 * The depth snapshot from the answer's text, as `parseLossless` + `Schema.decodeUnknown(Depth)`
 * build it; `undefined` when the text is not of the common shape (then the Schema path runs).
 */
export const depth = (text: string): Depth | undefined => readDepth(text)

// ---------------------------------------------------------------------------------------------
// registry, by response schema
// ---------------------------------------------------------------------------------------------

/** The hand-written decoders of a response schema, when it has some. */
export interface Fast {
  /** From the answer's text (skips the JSON parse). */
  readonly text?: ((text: string) => unknown) | undefined
  /** From the parsed JSON value. */
  readonly value?: ((value: unknown) => unknown) | undefined
}

/** The fast decoders of a response schema (by identity), or `undefined`. */
export const forSchema = (schema: unknown): Fast | undefined =>
  schema === Depth ? { text: depth } : schema === OrderType ? { value: order } : undefined

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
import { Depth } from "../models/markets.js"
import { LimitOrder, MarketOrder, OrderType } from "../models/orders.js"
import * as Dec from "./decimal.js"
import * as R from "./textReader.js"
import type { Level } from "./textReader.js"

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

/** Best first: asks by rising price, bids by falling price (kept when in order, reversed when exactly reversed). */
const bestFirst = (levels: Array<Level>, rising: boolean): Array<Level> | undefined =>
  (rising ? R.order.ascending : R.order.descending)
    ? levels
    : (rising ? R.order.descending : R.order.ascending)
    ? levels.reverse()
    : undefined // a real sort is left to the Schema

/** The depth answer read from its text with the shared readers; `undefined` on anything unusual. */
const readDepth = (): Depth | undefined => {
  let asks: Array<Level> | undefined
  let bids: Array<Level> | undefined
  let lastUpdateId: bigint | undefined
  let timestamp: number | undefined
  R.space()
  if (R.next() !== R.OPEN_BRACE) return undefined
  R.space()
  while (true) {
    const key = R.readString()
    R.space()
    if (key === undefined || R.next() !== R.COLON) return undefined
    R.space()
    switch (key) {
      case "asks": {
        const levels = asks === undefined ? R.readLevels() : undefined
        asks = levels === undefined ? undefined : bestFirst(levels, true)
        if (asks === undefined) return undefined
        break
      }
      case "bids": {
        const levels = bids === undefined ? R.readLevels() : undefined
        bids = levels === undefined ? undefined : bestFirst(levels, false)
        if (bids === undefined) return undefined
        break
      }
      case "lastUpdateId": {
        lastUpdateId = lastUpdateId === undefined ? R.readSequence() : undefined
        if (lastUpdateId === undefined) return undefined
        break
      }
      case "timestamp": {
        const micros = timestamp === undefined ? R.readSmallInteger() : -1
        if (micros < 0) return undefined
        timestamp = micros
        break
      }
      default:
        return undefined
    }
    R.space()
    const c = R.next()
    if (c === R.CLOSE_BRACE) break
    if (c !== R.COMMA) return undefined
    R.space()
  }
  R.space()
  if (
    R.cursor.pos !== R.cursor.text.length || asks === undefined || bids === undefined ||
    lastUpdateId === undefined || timestamp === undefined
  ) {
    return undefined
  }
  return new Depth({ asks, bids, lastUpdateId, timestamp }, true)
}

/**
 * The depth snapshot from the answer's text, as `parseLossless` + `Schema.decodeUnknown(Depth)`
 * build it; `undefined` when the text is not of the common shape (then the Schema path runs).
 */
export const depth = (text: string): Depth | undefined => R.read(text, readDepth)

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

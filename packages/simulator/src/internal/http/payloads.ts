/**
 * JSON body parsing at the edge: the request bodies of the trading endpoints, with the real exchange's
 * plain-text rejections (`Bad Request parse request payload error: …`).
 *
 * @internal
 */
import * as D from "../decimal.js"
import type { Engine } from "../engine/engine.js"
import type { DecimalInput, OrderRequest } from "../engine/matching.js"
import type { Market, SelfTradePrevention, Side, TimeInForce } from "../engine/model.js"
import { ApiFailure, PlainFailure } from "../engine/model.js"

const SIDES = ["Bid", "Ask"] as const
const ORDER_TYPES = ["Limit", "Market"] as const
const TIFS = ["GTC", "IOC", "FOK"] as const
const STPS = ["RejectTaker", "RejectMaker", "RejectBoth"] as const
const maxU32 = 4294967295
const symbolPattern = /^[A-Z0-9.]+_[A-Z0-9]+(_[A-Z]+)?$/

type Body = Record<string, unknown>

/** The body as an object, else the plain-text rejection naming the schema. */
export const bodyObject = (body: unknown, schema: string): Body => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: expected an object (occurred while parsing "${schema}")`
    )
  }
  return body as Body
}

/** The market named by the body's `symbol`. */
export const bodyMarket = (engine: Engine, body: Body, schema: string): Market => {
  const symbol = body.symbol
  if (typeof symbol !== "string") {
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: failed to parse "MarketSymbol": Invalid market symbol (occurred while parsing "${schema}")`
    )
  }
  return engine.market(symbol)
}

/** Exactly one of `orderId` / `clientId` of a cancel body. */
export const cancelIds = (body: Body): { orderId: string | null; clientId: number | null } => {
  if (body.orderId !== undefined && body.orderId !== null && typeof body.orderId !== "string") {
    // the spec types it as a string; a JSON number above 2^53 would already have been rounded
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: failed to parse "String": Expected a string (occurred while parsing "orderId")`
    )
  }
  const orderId = body.orderId === undefined || body.orderId === null ? null : body.orderId
  const rawClient = body.clientId
  const clientId = typeof rawClient === "number" ? rawClient : null
  if ((orderId === null) === (clientId === null)) {
    throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `clientId` or `orderId`")
  }
  return { orderId, clientId }
}

const payloadError = (what: string, detail: string) =>
  new PlainFailure(
    400,
    `Bad Request parse request payload error: failed to parse "${what}": ${detail} (occurred while parsing "OrderExecutePayload")`
  )

/** Reads an enum field of an order payload; plain-text rejection for unknown values like the real exchange. */
const enumField = <A extends string>(
  body: Body,
  key: string,
  typeName: string,
  values: ReadonlyArray<A>,
  fallback?: A
): A => {
  const v = body[key]
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback
    throw payloadError(typeName, "Expect a valid enumeration value.")
  }
  if (typeof v !== "string" || !(values as ReadonlyArray<string>).includes(v)) {
    throw payloadError(typeName, "Expect a valid enumeration value.")
  }
  return v as A
}

const decimalField = (body: Body, key: string): DecimalInput | null => {
  const v = body[key]
  if (v === undefined || v === null) return null
  const raw = typeof v === "number" ? String(v) : v
  if (typeof raw !== "string") throw payloadError("Decimal", "Expect a valid decimal.")
  const value = D.parse(raw)
  if (value === undefined) throw payloadError("Decimal", "Expect a valid decimal.")
  return { raw, value }
}

const boolField = (body: Body, key: string): boolean | null => {
  const v = body[key]
  if (v === undefined || v === null) return null
  if (typeof v !== "boolean") throw payloadError("boolean", "Expect a boolean value.")
  return v
}

const given = (body: Body, key: string): boolean => body[key] !== undefined && body[key] !== null

/** Parses an `OrderExecutePayload`. */
export const orderRequest = (input: unknown): OrderRequest => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new PlainFailure(400, "Bad Request parse request payload error: expected an object")
  }
  const body = input as Body
  const symbol = body.symbol
  if (typeof symbol !== "string" || !symbolPattern.test(symbol)) {
    throw payloadError("MarketSymbol", "Invalid market symbol")
  }
  const side: Side = enumField(body, "side", "Side", SIDES)
  const orderType = enumField(body, "orderType", "OrderTypeEnum", ORDER_TYPES)
  const timeInForce: TimeInForce = enumField(body, "timeInForce", "TimeInForce", TIFS, "GTC")
  const selfTradePrevention: SelfTradePrevention = enumField(
    body,
    "selfTradePrevention",
    "SelfTradePrevention",
    STPS,
    "RejectTaker"
  )
  const price = decimalField(body, "price")
  const quantity = decimalField(body, "quantity")
  const quoteQuantity = decimalField(body, "quoteQuantity")
  const postOnly = boolField(body, "postOnly") ?? false
  const reduceOnly = boolField(body, "reduceOnly")
  const rawClientId = body.clientId
  let clientId: number | null = null
  if (rawClientId !== undefined && rawClientId !== null) {
    if (
      typeof rawClientId !== "number" || !Number.isInteger(rawClientId) || rawClientId < 0 || rawClientId > maxU32
    ) {
      throw payloadError("uint32", "Only integers between 0 and 4294967295 are accepted.")
    }
    clientId = rawClientId
  }
  return {
    symbol,
    side,
    orderType,
    timeInForce,
    selfTradePrevention,
    price,
    quantity,
    quoteQuantity,
    postOnly,
    reduceOnly,
    clientId,
    triggerPrice: given(body, "triggerPrice"),
    triggerQuantity: given(body, "triggerQuantity"),
    takeProfit: given(body, "takeProfitTriggerPrice"),
    stopLoss: given(body, "stopLossTriggerPrice")
  }
}

/**
 * Property tests of the hand-written decoders of the hottest answers and frames against their
 * Schemas: the depth snapshot (read from the text), the order object and the `depth` stream event.
 * A hand-written decoder either gives up (`undefined`, then the Schema runs and reports its own
 * error) or builds exactly the Schema's value: same class, same keys, same exact decimals (value and
 * scale), ids and sequence numbers. The common shape must take the fast path.
 */
import { BackpackStream, Model } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Either, FastCheck as fc, Schema } from "effect"
import * as Fast from "../src/internal/fastDecode.js"
import { parseLossless } from "../src/internal/json.js"
import * as Catalogue from "../src/internal/stream/catalogue.js"

/** A structural rendering that tells every difference: classes, keys, decimal scales, bigints. */
const render = (value: unknown): unknown => {
  if (BigDecimal.isBigDecimal(value)) return `BigDecimal(${value.value},${value.scale})`
  if (typeof value === "bigint") return `${value}n`
  if (Array.isArray(value)) return value.map(render)
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = { "@class": value.constructor?.name }
    for (const key of Object.keys(value).sort()) out[key] = render((value as Record<string, unknown>)[key])
    return out
  }
  return value
}

const options = { onExcessProperty: "ignore", errors: "first" } as const

// -------------------------------------------------------------------------------------------------
// decimals and integers as they may appear on the wire (JSON source text)
// -------------------------------------------------------------------------------------------------

const plainDecimal = (maxDigits: number) =>
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(maxDigits) - 1n }), fc.integer({ min: 0, max: 8 }), fc.boolean())
    .map(([v, s, negative]) => {
      const digits = v.toString().padStart(s + 1, "0")
      const text = s === 0 ? digits : `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`
      return negative ? `-${text}` : text
    })

/** Decimal source text: mostly quoted plain short decimals, sometimes anything else. */
const decimalSource: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: plainDecimal(15).map((t) => JSON.stringify(t)) },
  { weight: 1, arbitrary: plainDecimal(22).map((t) => JSON.stringify(t)) },
  { weight: 1, arbitrary: plainDecimal(12) }, // a JSON number
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "\"1e-8\"",
      "\"+1.5\"",
      "\" 1.5\"",
      "\"1,5\"",
      "\"\"",
      "\"1.\"",
      "\".5\"",
      "null",
      "1.5e3"
    )
  }
)

const integerSource: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }).map(String) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n }).map((v) => JSON.stringify(String(v))) },
  { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 64n }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("-5", "\"-5\"", "1.5", "\"abc\"", "null", "0", "\"007\"", "1e3", "\"\"") }
)

// -------------------------------------------------------------------------------------------------
// the depth snapshot
// -------------------------------------------------------------------------------------------------

const space = fc.constantFrom("", "", "", " ", "\n  ")

/** A level list: sorted ascending, descending, shuffled or with duplicates. */
const levelList = fc.tuple(
  fc.array(fc.tuple(decimalSource, decimalSource, space), { maxLength: 12 }),
  fc.constantFrom("asc", "desc", "as is", "dup"),
  fc.integer({ min: 0, max: 20 })
).map(([levels, order, extra]) => {
  const price = (source: string) => {
    try {
      return Number(JSON.parse(source))
    } catch {
      return 0
    }
  }
  const sorted = order === "as is"
    ? levels
    : [...levels].sort((a, b) => (order === "desc" ? price(b[0]) - price(a[0]) : price(a[0]) - price(b[0])))
  const items = order === "dup" && sorted.length > 0 ? [...sorted, sorted[0]!] : sorted
  const shape = extra === 0 ? (p: string, q: string) => `[${p},${q},"x"]` : (p: string, q: string) => `[${p},${q}]`
  return `[${items.map(([p, q, ws]) => `${ws}${shape(p, q)}`).join(",")}]`
})

/** Well-formed sorted levels of plain short decimals (the shape the fast path must take). */
const goodLevels = (direction: 1 | -1) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { maxLength: 30 }).chain((ticks) =>
    fc.array(plainDecimal(10), { minLength: ticks.length, maxLength: ticks.length }).map((quantities) => {
      const sorted = [...ticks].sort((a, b) => direction * (a - b))
      return `[${sorted.map((t, i) => `["${(t / 100).toFixed(2)}","${quantities[i]!.replace("-", "")}"]`).join(",")}]`
    })
  )

const depthText = fc.tuple(
  fc.oneof({ weight: 3, arbitrary: goodLevels(1) }, { weight: 2, arbitrary: levelList }),
  fc.oneof({ weight: 3, arbitrary: goodLevels(-1) }, { weight: 2, arbitrary: levelList }),
  integerSource,
  integerSource,
  fc.oneof(
    { weight: 4, arbitrary: fc.shuffledSubarray(["asks", "bids", "lastUpdateId", "timestamp"], { minLength: 4 }) },
    { weight: 1, arbitrary: fc.shuffledSubarray(["asks", "bids", "lastUpdateId", "timestamp", "extra", "asks"]) }
  ),
  space,
  fc.constantFrom("", "", "", "x", "]", " ")
).map(([asks, bids, id, ts, keys, ws, tail]) => {
  const value = (key: string) =>
    key === "asks" ? asks : key === "bids" ? bids : key === "lastUpdateId" ? id : key === "timestamp" ? ts : "[1]"
  return `${ws}{${keys.map((k) => `${ws}"${k}"${ws}:${ws}${value(k)}`).join(",")}}${tail}`
})

const decodeDepthSchema = Schema.decodeUnknownEither(Model.Depth, options)
const slowDepth = (text: string) => {
  try {
    return decodeDepthSchema(parseLossless(text))
  } catch {
    return undefined // invalid JSON: a DecodeError in the executor
  }
}

describe("depth snapshot decoder (from the text)", () => {
  it("gives up or builds exactly the Schema's Depth (3000 generated answers, many of them fast)", () => {
    let taken = 0
    for (const text of fc.sample(depthText, { numRuns: 3000, seed: 8 })) {
      const fast = Fast.depth(text)
      if (fast === undefined) continue
      taken++
      const slow = slowDepth(text)
      expect(slow !== undefined && Either.isRight(slow)).toBe(true)
      expect(fast).toBeInstanceOf(Model.Depth)
      expect(render(fast)).toEqual(render(Either.getOrThrow(slow!)))
    }
    expect(taken).toBeGreaterThan(100)
  })

  it.prop("takes the fast path for the common shape (sorted plain decimals, string id, µs timestamp)", [
    goodLevels(1),
    goodLevels(1),
    fc.bigInt({ min: 0n, max: 2n ** 64n }),
    fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
  ], ([asks, bidsAscending, id, ts]) => {
    // live bids arrive lowest first: the decoder reverses them, like the Schema
    const text = `{"asks":${asks},"bids":${bidsAscending},"lastUpdateId":"${id}","timestamp":${ts}}`
    const fast = Fast.depth(text)
    expect(fast).toBeDefined()
    expect(render(fast)).toEqual(render(Either.getOrThrow(slowDepth(text)!)))
  })

  it("reads a live-shaped answer exactly and gives up on anything else", () => {
    const text = `{"asks":[["180.01","1.50"],["180.02","0.001"]],"bids":[["179.98","3"],["179.99","2.0"]],` +
      `"lastUpdateId":"18446744073709551615","timestamp":1753102447307501}`
    const depth = Fast.depth(text)!
    expect(depth.lastUpdateId).toBe(18446744073709551615n)
    expect(depth.timestamp).toBe(1753102447307501)
    expect(depth.bids.map(([p, q]) => [BigDecimal.format(p), q.scale])).toEqual([["179.99", 1], ["179.98", 0]])
    expect(depth.asks.map(([p, q]) => [BigDecimal.format(p), q.scale])).toEqual([["180.01", 2], ["180.02", 3]])
    for (
      const other of [
        text.replace("\"180.01\"", "\"1e2\""), // exponent: the Schema reads it
        text.replace("\"180.01\"", "180.01"), // a JSON number
        text.replace("}", ",\"extra\":1}"), // an excess key: ignored by the Schema
        text.replace("[\"180.02\",\"0.001\"]", "[\"180.02\",\"0.001\"],[\"180.015\",\"1\"]"), // unsorted: the Schema sorts
        text.slice(0, -1), // truncated: invalid JSON
        text.replace("\"3\"]", "\"3\",\"x\"]") // a third element
      ]
    ) expect(Fast.depth(other)).toBeUndefined()
  })
})

// -------------------------------------------------------------------------------------------------
// the order object
// -------------------------------------------------------------------------------------------------

const json = (source: string): unknown => parseLossless(source)
/** Mostly a valid value, sometimes anything of the kind (so most objects are valid, many are not). */
const mostly = <A, B>(valid: fc.Arbitrary<A>, any: fc.Arbitrary<B>) =>
  fc.oneof({ weight: 60, arbitrary: valid }, { weight: 1, arbitrary: any })
const decimalValue = mostly(plainDecimal(15), decimalSource.map(json))
const intValue = mostly(fc.integer({ min: 0, max: 2 ** 45 }), integerSource.map(json))
const idValue = mostly(
  fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), fc.integer({ min: 0 })),
  fc.constantFrom(null, true, 1.5)
)
const enumValue = mostly(
  fc.constantFrom("New", "Bid", "Ask", "GTC", "RejectTaker", "Filled", "SomethingNew"),
  fc.constantFrom(1, null)
)
const maybe = <A>(arb: fc.Arbitrary<A>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(null) }, {
    weight: 2,
    arbitrary: arb
  })
const mostlyPresent = <A>(arb: fc.Arbitrary<A>) => mostly(arb, fc.constantFrom(undefined, null))

const orderValue = fc.record({
  orderType: mostly(fc.constantFrom("Limit", "Market"), fc.constantFrom("Stop", 1, undefined)),
  id: idValue,
  clientId: maybe(intValue),
  createdAt: intValue,
  executedQuantity: decimalValue,
  executedQuoteQuantity: decimalValue,
  reduceOnly: maybe(mostly(fc.boolean(), fc.constant("yes"))),
  selfTradePrevention: enumValue,
  side: enumValue,
  status: enumValue,
  symbol: mostly(fc.constantFrom("SOL_USDC", "BTC_USDC_PERP"), fc.constant(7)),
  timeInForce: enumValue,
  stopLossTriggerPrice: maybe(decimalValue),
  stopLossLimitPrice: maybe(decimalValue),
  stopLossTriggerBy: maybe(enumValue),
  takeProfitTriggerPrice: maybe(decimalValue),
  takeProfitLimitPrice: maybe(decimalValue),
  takeProfitTriggerBy: maybe(enumValue),
  triggerBy: maybe(enumValue),
  triggerPrice: maybe(decimalValue),
  triggerQuantity: maybe(mostly(decimalValue, fc.constantFrom("50%", "1.5%", "%"))),
  triggeredAt: maybe(intValue),
  relatedOrderId: maybe(idValue),
  strategyId: maybe(idValue),
  price: mostlyPresent(decimalValue),
  quantity: mostlyPresent(decimalValue),
  quoteQuantity: maybe(decimalValue),
  postOnly: mostlyPresent(mostly(fc.boolean(), fc.constant(0))),
  slippageTolerance: maybe(decimalValue),
  slippageToleranceType: maybe(enumValue),
  extra: maybe(fc.string({ maxLength: 4 }))
}, { requiredKeys: [] }).map((record) => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value
  return out
})

const decodeOrderSchema = Schema.decodeUnknownEither(Model.OrderType, options)

describe("order object decoder", () => {
  it("gives up or builds exactly the Schema's order (5000 generated objects, many of them fast)", () => {
    let taken = 0
    for (const value of fc.sample(orderValue, { numRuns: 5000, seed: 9 })) {
      const fast = Fast.order(value)
      if (fast === undefined) continue
      taken++
      const slow = decodeOrderSchema(value)
      expect(Either.isRight(slow)).toBe(true)
      expect(render(fast)).toEqual(render(Either.getOrThrow(slow)))
    }
    expect(taken).toBeGreaterThan(100)
  })

  it("takes the fast path for the exchange's answers (nulls, 18-digit id) and builds the same orders", () => {
    const limit = json(
      `{"orderType":"Limit","id":"114000000000000001","clientId":12345,"symbol":"SOL_USDC","side":"Bid",` +
        `"executedQuantity":"0","executedQuoteQuantity":"0","reduceOnly":null,"timeInForce":"GTC",` +
        `"selfTradePrevention":"RejectTaker","status":"New","createdAt":1753102447307,"triggerBy":null,` +
        `"triggerPrice":null,"triggerQuantity":null,"stopLossTriggerBy":null,"stopLossTriggerPrice":null,` +
        `"stopLossLimitPrice":null,"takeProfitTriggerBy":null,"takeProfitTriggerPrice":null,` +
        `"takeProfitLimitPrice":null,"triggeredAt":null,"relatedOrderId":null,"price":"1.00","quantity":"1.00",` +
        `"postOnly":true}`
    )
    const market = json(
      `{"orderType":"Market","id":111063114377265150,"symbol":"SOL_USDC","side":"Ask","executedQuantity":"1.5",` +
        `"executedQuoteQuantity":"270.75","timeInForce":"GTC","selfTradePrevention":"RejectTaker",` +
        `"status":"Filled","createdAt":"1753102447307","quoteQuantity":"300","slippageTolerance":null}`
    )
    for (const value of [limit, market]) {
      const fast = Fast.order(value)
      expect(fast).toBeDefined()
      expect(render(fast)).toEqual(render(Either.getOrThrow(decodeOrderSchema(value))))
    }
    const placed = Fast.order(limit) as Model.LimitOrder
    expect(placed).toBeInstanceOf(Model.LimitOrder)
    expect([placed.id, placed.clientId, BigDecimal.format(placed.price), placed.price.scale]).toEqual([
      "114000000000000001",
      12345,
      "1",
      2
    ])
    expect("reduceOnly" in placed).toBe(false)
    expect((Fast.order(market) as Model.MarketOrder).id).toBe("111063114377265150")
    // a percentage trigger quantity is left to the Schema
    expect(Fast.order({ ...(limit as object), triggerQuantity: "50%" })).toBeUndefined()
  })
})

// -------------------------------------------------------------------------------------------------
// the depth stream event (internal/stream/catalogue.ts)
// -------------------------------------------------------------------------------------------------

const eventValue = fc.record({
  e: fc.oneof({ weight: 5, arbitrary: fc.constant("depth") }, { weight: 1, arbitrary: fc.constantFrom("trade", 1) }),
  E: intValue,
  T: intValue,
  s: fc.oneof({ weight: 5, arbitrary: fc.constant("SOL_USDC") }, { weight: 1, arbitrary: fc.constant(null) }),
  U: intValue,
  u: intValue,
  a: levelList.map(json),
  b: fc.oneof(goodLevels(1).map(json), levelList.map(json)),
  extra: fc.constant(1)
}, { requiredKeys: ["e", "E", "T", "s", "U", "u", "a", "b"] })

const decodeEventSchema = Schema.decodeUnknownEither(BackpackStream.DepthEvent)

describe("depth stream event decoder", () => {
  it.prop("equals the Schema on any frame payload (value or error)", [eventValue], ([value]) => {
    const fast = Catalogue.decodeDepth(value)
    const slow = decodeEventSchema(value)
    expect(Either.isRight(fast)).toBe(Either.isRight(slow))
    if (Either.isRight(fast) && Either.isRight(slow)) {
      expect(fast.right).toBeInstanceOf(BackpackStream.DepthEvent)
      expect(render(fast.right)).toEqual(render(slow.right))
    } else {
      expect(fast).toEqual(slow)
    }
  }, { fastCheck: { numRuns: 2000 } })
})

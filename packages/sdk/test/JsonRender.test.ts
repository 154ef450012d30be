import { BackpackError, Json, Model } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, DateTime, Duration, HashMap, Option, Redacted, RedBlackTree, Schema } from "effect"
import { parseLossless } from "../src/internal/json.js"
import { perpMarket } from "./utils/fixtures.js"

/** Decodes a payload as the SDK does (lossless JSON text, then the model's schema). */
const decode = <A, I>(schema: Schema.Schema<A, I>, text: string): A =>
  Schema.decodeUnknownSync(schema)(parseLossless(text))

/** Both helpers agree: `toJson` gives `expected`, `stringify` its exact compact text. */
const expectJson = (value: unknown, expected: Json.Json) => {
  expect(Json.toJson(value)).toEqual(expected)
  expect(Json.stringify(value)).toBe(JSON.stringify(expected))
}

describe("Json", () => {
  it("a market: decimals as their wire text, DateTime as ISO, absent (null) fields left out", () => {
    const market = Schema.decodeUnknownSync(Model.Market)(perpMarket)
    expect(Json.stringify(market)).toBe(
      `{"symbol":"SOL_USDC_PERP","baseSymbol":"SOL","quoteSymbol":"USDC","marketType":"PERP",` +
        `"filters":{"price":{"minPrice":"0.01","maxPrice":"1000","tickSize":"0.01","maxMultiplier":"2",` +
        `"minMultiplier":"0.25","maxImpactMultiplier":"1.01","minImpactMultiplier":"0.99",` +
        `"meanMarkPriceBand":{"maxMultiplier":"1.1","minMultiplier":"0.9"},"meanPremiumBand":{"tolerancePct":"0.05"}},` +
        `"quantity":{"minQuantity":"0.01","stepSize":"0.01"}},` +
        `"imfFunction":{"type":"sqrt","base":"0.02","factor":"0.00006"},` +
        `"mmfFunction":{"type":"sqrt","base":"0.0135","factor":"0.000036"},` +
        `"fundingInterval":3600000,"fundingRateUpperBound":"100","fundingRateLowerBound":"-100",` +
        `"openInterestLimit":"4000000","orderBookState":"Open","createdAt":"2025-01-21T06:34:54.691Z",` +
        `"visible":true,"positionLimitWeight":"1"}`
    )
    // the result is plain data: parsing it back gives the same object
    expect(JSON.parse(Json.stringify(market))).toEqual(Json.toJson(market))
  })

  it("an order: exact id above 2^53, decimals keep their scale", () => {
    const order = decode(
      Model.OrderType,
      `{"orderType":"Limit","id":"111063114377265150","clientId":1001,"createdAt":1753624283415,` +
        `"executedQuantity":"0.50","executedQuoteQuantity":"90.250","postOnly":true,"price":"180.50","quantity":"1.5",` +
        `"reduceOnly":null,"selfTradePrevention":"RejectTaker","side":"Bid","status":"PartiallyFilled",` +
        `"symbol":"SOL_USDC","timeInForce":"GTC","triggerBy":null,"triggerPrice":null,"triggerQuantity":null,` +
        `"triggeredAt":null,"relatedOrderId":null,"strategyId":null}`
    )
    expect(order).toBeInstanceOf(Model.LimitOrder)
    expectJson(order, {
      orderType: "Limit",
      id: "111063114377265150",
      clientId: 1001,
      createdAt: 1753624283415,
      executedQuantity: "0.50",
      executedQuoteQuantity: "90.250",
      selfTradePrevention: "RejectTaker",
      side: "Bid",
      status: "PartiallyFilled",
      symbol: "SOL_USDC",
      timeInForce: "GTC",
      price: "180.50",
      quantity: "1.5",
      postOnly: true
    })
  })

  it("a depth: levels as [price, quantity] string pairs (sorted), update id as a string", () => {
    const depth = decode(
      Model.Depth,
      `{"asks":[["150.30","2"],["150.25","3.5"]],"bids":[["150.10","1.0"],["150.20","0.25"]],` +
        `"lastUpdateId":"1662976171","timestamp":1759338824897386}`
    )
    expectJson(depth, {
      asks: [["150.25", "3.5"], ["150.30", "2"]],
      bids: [["150.20", "0.25"], ["150.10", "1.0"]],
      lastUpdateId: "1662976171",
      timestamp: 1759338824897386
    })
  })

  it("stream events: bigint sequence ids and zero quantities with their scale", () => {
    const frame = `{"E":"1759338824897386","T":"1759338824895616","U":1662976171,"a":[],` +
      `"b":[["117357.0","0.00000"]],"e":"depth","s":"BTC_USDC_PERP","u":9007199254740993}`
    const event = decode(Model.DepthEvent, frame)
    expect(event.lastUpdateId).toBe(9007199254740993n)
    expect(Json.toJson(event)).toEqual({
      eventType: "depth",
      eventTime: 1759338824897386,
      symbol: "BTC_USDC_PERP",
      asks: [],
      bids: [["117357.0", "0.00000"]],
      firstUpdateId: "1662976171",
      lastUpdateId: "9007199254740993",
      engineTime: 1759338824895616
    })
    const ticker = decode(
      Model.BookTickerEvent,
      `{"e":"bookTicker","E":"1759338824897386","s":"SOL_USDC","a":null,"A":null,"b":"150.25","B":"3.5",` +
        `"u":1662976171,"T":"1759338824895616"}`
    )
    expect(Json.stringify(ticker)).toBe(
      `{"eventType":"bookTicker","eventTime":1759338824897386,"symbol":"SOL_USDC","bestBidPrice":"150.25",` +
        `"bestBidQuantity":"3.5","updateId":"1662976171","engineTime":1759338824895616}`
    )
  })

  it("a kline: naive exchange times as UTC ISO strings", () => {
    const kline = decode(
      Model.Kline,
      `{"start":"2025-07-27 13:00:00","end":"2025-07-27 14:00:00","open":"180.10","high":"181","low":"179.5",` +
        `"close":"180.75","volume":"1250.5","quoteVolume":"225340.125","trades":"342"}`
    )
    expectJson(kline, {
      start: "2025-07-27T13:00:00.000Z",
      end: "2025-07-27T14:00:00.000Z",
      open: "180.10",
      high: "181",
      low: "179.5",
      close: "180.75",
      volume: "1250.5",
      quoteVolume: "225340.125",
      trades: 342
    })
  })

  it("Option as value or null, and the other Effect and JS values", () => {
    expectJson({
      some: Option.some(BigDecimal.unsafeFromString("1e-8")),
      none: Option.none(),
      nested: Option.some(Option.some(12n)),
      list: [Option.none(), undefined, () => 1, Symbol("s"), Number.NaN, -Infinity],
      chunk: Chunk.make(1, 2),
      map: new Map<unknown, unknown>([[1, "one"], ["two", 2n]]),
      hashMap: HashMap.make(["k", true]),
      set: new Set(["x"]),
      tree: RedBlackTree.make(BigDecimal.Order)(
        [BigDecimal.unsafeFromString("2.50"), BigDecimal.unsafeFromString("1")],
        [BigDecimal.unsafeFromString("1.25"), BigDecimal.unsafeFromString("0.5")]
      ),
      ints: new Uint8Array([1, 255]),
      secret: Redacted.make("s3cr3t"),
      duration: Duration.seconds(10),
      date: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)),
      badDate: new Date(Number.NaN),
      zoned: DateTime.unsafeMakeZoned(Date.UTC(2025, 0, 2), { timeZone: "Europe/Paris" }),
      big: BigDecimal.unsafeFromString("12345678901234567890.000000000000000001"),
      scaled: BigDecimal.make(12n, -3),
      negative: BigDecimal.unsafeFromString("-0.050"),
      skipped: undefined,
      fn: () => 0
    }, {
      some: "0.00000001",
      none: null,
      nested: "12",
      list: [null, null, null, null, null, null],
      chunk: [1, 2],
      map: { "1": "one", two: "2" },
      hashMap: { k: true },
      set: ["x"],
      tree: [["1.25", "0.5"], ["2.50", "1"]],
      ints: [1, 255],
      secret: "<redacted>",
      duration: "10s",
      date: "2025-01-02T03:04:05.006Z",
      badDate: null,
      zoned: "2025-01-02T00:00:00.000Z",
      big: "12345678901234567890.000000000000000001",
      scaled: "12000",
      negative: "-0.050"
    })
    expect(Json.toJson(undefined)).toBe(null)
    expect(Json.stringify(Option.some(7n))).toBe(`"7"`)
  })

  it("typed errors: their fields, tag and message (never a stack)", () => {
    const error = new BackpackError.ValidationError({
      operation: "executeOrder",
      field: "price",
      detail: "not a decimal"
    })
    expect(Json.toJson(error)).toEqual({
      _tag: "ValidationError",
      operation: "executeOrder",
      field: "price",
      detail: "not a decimal",
      message: `executeOrder: invalid input at "price": not a decimal`
    })
  })

  it("stringify indents like JSON.stringify", () => {
    const value = { a: [1, { b: "x", c: [] }, []], d: {}, e: "q\"uote\n", f: [true, null] }
    for (const space of [undefined, 0, 2, 4, "\t", "--", 20, "abcdefghijklmnop"]) {
      expect(Json.stringify(value, space)).toBe(JSON.stringify(value, null, space))
    }
    expect(Json.stringify([BigDecimal.unsafeFromString("1.0")], 2)).toBe(`[\n  "1.0"\n]`)
  })

  it("cycles become \"[Circular]\"; a shared, non-cyclic object is rendered at each place", () => {
    const shared = { n: 1n }
    const cyclic: { name: string; self?: unknown; list: Array<unknown> } = { name: "c", list: [] }
    cyclic.self = cyclic
    cyclic.list.push(cyclic, shared, shared)
    expectJson(cyclic, { name: "c", list: ["[Circular]", { n: "1" }, { n: "1" }], self: "[Circular]" })
  })

  it("hostile nesting (100 000 levels) does not overflow the stack", () => {
    const depth = 100_000
    let value: unknown = BigDecimal.unsafeFromString("1.5")
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value]
    expect(() => JSON.stringify(value, (_, v) => BigDecimal.isBigDecimal(v) ? "1.5" : v)).toThrow(RangeError)
    const text = Json.stringify(value)
    expect(text).toBe(`[{"a":`.repeat(depth / 2) + `"1.5"` + `}]`.repeat(depth / 2))
    expect(text.length).toBe(depth / 2 * 8 + 5)
  })

  it("deep data (past 512 levels) is written exactly as JSON.stringify would, indented or not", () => {
    let value: unknown = { leaf: [1, "two", null, {}, []] }
    for (let i = 0; i < 600; i++) {
      value = i % 3 === 0 ? { before: i, inner: value, after: [i, { k: "v" }] } : [i, value, {}]
    }
    const plain = Json.toJson(value) // no BigDecimal: the same data JSON.stringify can print at this depth
    for (const space of [undefined, 2, "\t"]) {
      expect(Json.stringify(value, space)).toBe(JSON.stringify(plain, null, space))
    }
  })
})

/**
 * Parsing at the edge: the Schema building blocks answer the live exchange's plain-text 400s, query decoders read
 * repeated keys as lists, body decoders name the payload; `route` hands the handler decoded values.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import { Engine } from "../src/internal/engine/engine.js"
import { PlainFailure } from "../src/internal/engine/model.js"
import {
  bodyDecoder,
  DecimalText,
  field,
  MarketType,
  opt,
  PositiveDec,
  QInt,
  QRepeated,
  QText,
  queryDecoder,
  required,
  Side,
  Uint32
} from "../src/internal/http/edge.js"
import { orderPayload, toOrderRequest } from "../src/internal/http/payloads.js"
import { history, payload, route } from "../src/internal/http/route.js"

const failureText = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    if (e instanceof PlainFailure) return `${e.status} ${e.text}`
    throw e
  }
  throw new Error("expected a rejection")
}

describe("query decoding", () => {
  const decode = queryDecoder(Schema.Struct({
    symbol: required(QText("MarketSymbol")),
    limit: Schema.optional(QInt("uint16")),
    from: Schema.optional(QInt("int64")),
    marketType: QRepeated(MarketType)
  }))

  it("decodes values, repeated keys as lists, first value otherwise; ignores unknown keys", () => {
    expect(decode(new URLSearchParams("symbol=SOL_USDC&symbol=X&limit=7&from=-3&marketType=SPOT&marketType=PERP&x=1")))
      .toEqual({ symbol: "SOL_USDC", limit: 7, from: -3, marketType: ["SPOT", "PERP"] })
    expect(decode(new URLSearchParams("symbol=A"))).toEqual({ symbol: "A" })
  })

  it("answers the live texts", () => {
    const text = (qs: string) => failureText(() => decode(new URLSearchParams(qs)))
    expect(text("")).toBe("400 failed to parse parameter `symbol`: Type \"MarketSymbol\" expects an input value.")
    expect(text("symbol=A&limit=x")).toBe(
      "400 failed to parse parameter `limit`: failed to parse \"uint16\": invalid digit found in string"
    )
    expect(text("symbol=A&limit=65536")).toBe(
      "400 failed to parse parameter `limit`: failed to parse \"uint16\": number too large to fit in target type"
    )
    expect(text("symbol=A&from=-9223372036854775809")).toBe(
      "400 failed to parse parameter `from`: failed to parse \"int64\": number too small to fit in target type"
    )
    expect(text("symbol=A&marketType=SPOT&marketType=FUTURES")).toBe(
      "400 failed to parse parameter `marketType`: failed to parse \"MarketType\": Expect a valid enumeration value."
    )
  })
})

describe("body decoding", () => {
  const decode = bodyDecoder(
    Schema.Struct({ side: field(Side), price: opt(DecimalText), size: opt(PositiveDec), clientId: opt(Uint32) }),
    "SomePayload"
  )

  it("decodes values; null reads as absent", () => {
    expect(decode({ side: "Ask", price: 12.5, size: "0.1", clientId: null })).toEqual({
      side: "Ask",
      price: { raw: "12.5", value: 12_500_000_000_000_000_000n },
      size: 100_000_000_000_000_000n
    })
  })

  it("answers the live texts, naming the payload", () => {
    const text = (body: unknown) => failureText(() => decode(body))
    const live = (detail: string) =>
      `400 Bad Request parse request payload error: ${detail} (occurred while parsing "SomePayload")`
    expect(text([])).toBe(live("expected an object"))
    expect(text({})).toBe(live("failed to parse \"Side\": Expect a valid enumeration value."))
    expect(text({ side: "Bid", price: "1e3" })).toBe(live("failed to parse \"Decimal\": Expect a valid decimal."))
    expect(text({ side: "Bid", price: `1${"0".repeat(64)}` })).toBe(
      live("failed to parse \"Decimal\": Expect a valid decimal.")
    )
    expect(text({ side: "Bid", size: "0" })).toBe(live("failed to parse \"Decimal\": Expect a positive decimal."))
    expect(text({ side: "Bid", clientId: 2 ** 32 })).toBe(
      live("failed to parse \"uint32\": Only integers between 0 and 4294967295 are accepted.")
    )
  })

  it("OrderExecutePayload: the plain part becomes the engine's request, trigger fields are flagged", () => {
    const p = orderPayload({
      symbol: "SOL_USDC_PERP",
      side: "Bid",
      orderType: "Limit",
      price: "180.5",
      quantity: "2",
      triggerPrice: "185",
      triggerQuantity: "50%"
    })
    expect([p.triggerPrice, p.triggerQuantity]).toEqual([185_000_000_000_000_000_000n, "50%"])
    expect(toOrderRequest(p)).toMatchObject({
      symbol: "SOL_USDC_PERP",
      timeInForce: "GTC",
      selfTradePrevention: "RejectTaker",
      price: { raw: "180.5" },
      quoteQuantity: null,
      postOnly: false,
      reduceOnly: null,
      clientId: null,
      triggerPrice: true,
      triggerQuantity: true,
      takeProfit: false
    })
    expect(failureText(() => orderPayload({ symbol: "sol", side: "Bid", orderType: "Limit" }))).toBe(
      "400 Bad Request parse request payload error: failed to parse \"MarketSymbol\": Invalid market symbol (occurred while parsing \"OrderExecutePayload\")"
    )
  })
})

describe("route and history", () => {
  const engine = new Engine({ seed: 1, clock: () => 0, liquidity: false })
  const ctx = (query: string, body?: unknown) => ({
    engine,
    query: new URLSearchParams(query),
    body,
    account: engine.feeAccount()
  })

  it("route decodes the query and body before the handler; an empty optional body reads as {}", () => {
    const r = route({
      method: "POST",
      path: "/x",
      query: Schema.Struct({ n: required(QInt("uint32")) }),
      body: payload("XPayload", Schema.Struct({ side: opt(Side) }), true),
      handler: ({ b, q }) => ({ _tag: "json", status: 200, body: { n: q.n, side: b.side ?? null } })
    })
    expect(r.handler(ctx("n=4"))).toEqual({ _tag: "json", status: 200, body: { n: 4, side: null } })
    expect(r.handler(ctx("n=4", { side: "Ask" }))).toMatchObject({ body: { n: 4, side: "Ask" } })
    expect(failureText(() => r.handler(ctx("n=-1")))).toBe(
      "400 failed to parse parameter `n`: failed to parse \"uint32\": invalid digit found in string"
    )
  })

  it("history pages the rows newest first by default, `Asc` oldest first, limit and offset", () => {
    const rows = [1, 2, 3, 4, 5].map((id) => ({ id, even: id % 2 === 0 }))
    const h = history({
      path: "/h",
      instruction: "hQueryAll",
      query: { even: Schema.optional(Schema.Literal("true")) },
      rows: ({ q }) => rows.filter((r) => q.even === undefined || r.even),
      view: (r) => r.id
    })
    const body = (qs: string) => (h.handler(ctx(qs)) as { readonly body: unknown }).body
    expect(h.instruction).toBe("hQueryAll")
    expect(body("")).toEqual([5, 4, 3, 2, 1])
    expect(body("sortDirection=Asc&limit=2&offset=1")).toEqual([2, 3])
    expect(body("even=true")).toEqual([4, 2])
    expect(failureText(() => body("sortDirection=Up"))).toBe(
      "400 failed to parse parameter `sortDirection`: failed to parse \"SortDirection\": Expect a valid enumeration value."
    )
  })
})

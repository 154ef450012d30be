import { Rfq } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

const dec = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

const rfqId = "113460992315392000"
const quoteId = "113460992315392001"

/** An RFQ as the spec's `RequestForQuote` describes it (times in epoch ms). */
const rfqBody = (overrides: Record<string, unknown> = {}) => ({
  rfqId,
  clientId: 42,
  symbol: "SOL_USDC_RFQ",
  side: "Bid",
  price: null,
  quantity: "10.5",
  quoteQuantity: null,
  submissionTime: 1754064000000,
  systemOrderType: null,
  expiryTime: 1754064010000,
  status: "New",
  executionMode: "AwaitAccept",
  createdAt: 1754064000000,
  ...overrides
})

const quoteBody = {
  rfqId,
  quoteId,
  clientId: null,
  bidPrice: "179.90",
  askPrice: "180.10",
  status: "New",
  createdAt: 1754064001000
}

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Rfq", (it) => {
  it.effect("submitRfq posts the exact body and decodes the RFQ (exact string ids, ms times)", () => {
    http.respond(() => ({ body: rfqBody() }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const submitted = yield* rfq.submitRfq({
          symbol: "SOL_USDC_RFQ",
          side: "Bid",
          quantity: "10.50",
          clientId: 42,
          executionMode: "AwaitAccept",
          autoLendRedeem: true
        })
        expect(submitted).toBeInstanceOf(Rfq.RequestForQuote)
        expect(submitted.rfqId).toBe(rfqId)
        expect(submitted.clientId).toBe(42)
        expect(dec(submitted.quantity)).toBe("10.5")
        expect(submitted.price).toBeUndefined()
        expect(submitted.expiryTime - submitted.submissionTime).toBe(10_000)
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/api/v1/rfq")
        const body = {
          symbol: "SOL_USDC_RFQ",
          side: "Bid",
          quantity: "10.50",
          clientId: 42,
          executionMode: "AwaitAccept",
          autoLendRedeem: true
        }
        expect(request.json).toEqual(body)
        const message = expectSigned(request, "rfqSubmit", body)
        expect(message).toMatch(
          /^instruction=rfqSubmit&autoLendRedeem=true&clientId=42&executionMode=AwaitAccept&quantity=10\.50&side=Bid&symbol=SOL_USDC_RFQ&timestamp=\d+&window=5000$/
        )
      }))
  })

  it.effect("submitRfq with a quote quantity, Immediate mode and a BigDecimal price", () => {
    http.respond(() => ({ body: rfqBody({ executionMode: "Immediate", price: "181", quantity: null }) }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const submitted = yield* rfq.submitRfq({
          symbol: "SOL_USDC_RFQ",
          side: "Ask",
          quoteQuantity: "1800",
          price: BigDecimal.unsafeFromString("181.00"),
          executionMode: "Immediate"
        })
        expect(submitted.executionMode).toBe("Immediate")
        expect(dec(submitted.price)).toBe("181")
        const body = {
          symbol: "SOL_USDC_RFQ",
          side: "Ask",
          quoteQuantity: "1800",
          price: "181.00",
          executionMode: "Immediate"
        }
        expect(http.requests[0]!.json).toEqual(body)
        expectSigned(http.requests[0]!, "rfqSubmit", body)
      }))
  })

  it.effect("submitRfq rules: exactly one of quantity/quoteQuantity, Immediate needs a price; nothing sent", () => {
    http.respond(() => ({ body: rfqBody() }))
    const base = { symbol: "SOL_USDC_RFQ", side: "Bid" } as const
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const neither = yield* Effect.flip(rfq.submitRfq(base))
        expect(neither._tag === "ValidationError" && neither.field).toBe("quantity")
        expect(neither.message).toContain("exactly one of `quantity` or `quoteQuantity`")
        const both = yield* Effect.flip(rfq.submitRfq({ ...base, quantity: "1", quoteQuantity: "180" }))
        expect(both._tag === "ValidationError" && both.field).toBe("quoteQuantity")
        const immediate = yield* Effect.flip(rfq.submitRfq({ ...base, quantity: "1", executionMode: "Immediate" }))
        expect(immediate._tag === "ValidationError" && immediate.field).toBe("price")
        expect(immediate.message).toContain("requires a `price`")
        const mode = yield* Effect.flip(rfq.submitRfq({ ...base, quantity: "1", executionMode: "immediate" as any }))
        expect(mode._tag === "ValidationError" && mode.field).toBe("executionMode")
        const clientId = yield* Effect.flip(rfq.submitRfq({ ...base, quantity: "1", clientId: 4294967296 }))
        expect(clientId._tag === "ValidationError" && clientId.field).toBe("clientId")
        const quantity = yield* Effect.flip(rfq.submitRfq({ ...base, quantity: "1e3" }))
        expect(quantity._tag === "ValidationError" && quantity.field).toBe("quantity")
        expect(http.requests.length).toBe(0)
      }))
  })

  it.effect("submitQuote posts both prices exactly and decodes the quote", () => {
    http.respond(() => ({ body: quoteBody }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const quote = yield* rfq.submitQuote({ rfqId, bidPrice: "179.90", askPrice: "180.10", clientId: 0 })
        expect(quote).toBeInstanceOf(Rfq.Quote)
        expect(quote.quoteId).toBe(quoteId)
        expect(quote.clientId).toBeUndefined()
        expect(dec(quote.bidPrice)).toBe("179.9")
        expect(quote.createdAt).toBe(1754064001000)
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/api/v1/rfq/quote")
        const body = { rfqId, bidPrice: "179.90", askPrice: "180.10", clientId: 0 }
        expect(request.json).toEqual(body)
        expectSigned(request, "quoteSubmit", body)
      }))
  })

  it.effect("submitQuote needs both bidPrice and askPrice, positive; nothing sent", () => {
    http.respond(() => ({ body: quoteBody }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const noAsk = yield* Effect.flip(rfq.submitQuote({ rfqId, bidPrice: "1" } as any))
        expect(noAsk._tag === "ValidationError" && noAsk.field).toBe("askPrice")
        const noBid = yield* Effect.flip(rfq.submitQuote({ rfqId, askPrice: "1" } as any))
        expect(noBid._tag === "ValidationError" && noBid.field).toBe("bidPrice")
        const zero = yield* Effect.flip(rfq.submitQuote({ rfqId, bidPrice: "0", askPrice: "1" }))
        expect(zero._tag === "ValidationError" && zero.field).toBe("bidPrice")
        const noRfq = yield* Effect.flip(rfq.submitQuote({ rfqId: "", bidPrice: "1", askPrice: "2" }))
        expect(noRfq._tag === "ValidationError" && noRfq.field).toBe("rfqId")
        expect(http.requests.length).toBe(0)
      }))
  })

  it.effect("acceptQuote posts the quote id and decodes the RFQ", () => {
    http.respond(() => ({ body: rfqBody({ status: "Filled" }) }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const accepted = yield* rfq.acceptQuote({ quoteId, rfqId })
        expect(accepted.status).toBe("Filled")
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/api/v1/rfq/accept")
        expect(request.json).toEqual({ quoteId, rfqId })
        expectSigned(request, "quoteAccept", { quoteId, rfqId })
        const missing = yield* Effect.flip(rfq.acceptQuote({ rfqId } as any))
        expect(missing._tag === "ValidationError" && missing.field).toBe("quoteId")
        expect(http.requests.length).toBe(1)
      }))
  })

  it.effect("refreshRfq posts the RFQ id", () => {
    http.respond(() => ({ body: rfqBody({ expiryTime: 1754064020000 }) }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const refreshed = yield* rfq.refreshRfq({ rfqId })
        expect(refreshed.expiryTime).toBe(1754064020000)
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/api/v1/rfq/refresh")
        expect(request.json).toEqual({ rfqId })
        expectSigned(request, "rfqRefresh", { rfqId })
      }))
  })

  it.effect("cancelRfq takes exactly one of rfqId / clientId", () => {
    http.respond(() => ({ body: rfqBody({ status: "Cancelled" }) }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const neither = yield* Effect.flip(rfq.cancelRfq({}))
        expect(neither._tag === "ValidationError" && neither.field).toBe("rfqId")
        const both = yield* Effect.flip(rfq.cancelRfq({ rfqId, clientId: 42 }))
        expect(both._tag === "ValidationError" && both.field).toBe("clientId")
        expect(http.requests.length).toBe(0)
        const cancelled = yield* rfq.cancelRfq({ clientId: 42 })
        expect(cancelled.status).toBe("Cancelled")
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/api/v1/rfq/cancel")
        expect(request.json).toEqual({ clientId: 42 })
        expectSigned(request, "rfqCancel", { clientId: 42 })
      }))
  })

  it.effect("getOpenRfqs sends a uint64 rfqId exactly and decodes RFQs with their quotes", () => {
    http.respond(() => ({ body: [{ rfq: rfqBody(), quotes: [quoteBody] }] }))
    return Effect.flatMap(Rfq.Rfq, (rfq) =>
      Effect.gen(function*() {
        const open = yield* rfq.getOpenRfqs({
          rfqId,
          symbol: "SOL_USDC_RFQ",
          deferredSettlement: false,
          subaccountId: 2
        })
        expect(open).toHaveLength(1)
        expect(open[0]!.rfq.rfqId).toBe(rfqId)
        expect(open[0]!.quotes.map((quote) => [quote.quoteId, dec(quote.askPrice)])).toEqual([[quoteId, "180.1"]])
        const request = http.requests[0]!
        expect(request.method).toBe("GET")
        expect(request.path).toBe("/api/v1/rfqs")
        expect(request.query).toEqual({
          rfqId,
          symbol: "SOL_USDC_RFQ",
          deferredSettlement: "false",
          subaccountId: "2"
        })
        expectSigned(request, "rfqQuery", { rfqId, symbol: "SOL_USDC_RFQ", deferredSettlement: false, subaccountId: 2 })
        yield* rfq.getOpenRfqs()
        expect(http.requests[1]!.url.search).toBe("")
        expectSigned(http.requests[1]!, "rfqQuery", {})
        const bad = yield* Effect.flip(rfq.getOpenRfqs({ rfqId: "abc" }))
        expect(bad._tag === "ValidationError" && bad.field).toBe("rfqId")
        expect(http.requests.length).toBe(2)
      }))
  })
})

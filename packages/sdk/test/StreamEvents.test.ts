import { BackpackConfig, BackpackStream, Signer } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, DateTime, Effect, Fiber, Layer, Redacted, Schema, Stream } from "effect"
import { parseLossless } from "../src/internal/json.js"
import { eventually, FakeServer } from "./utils/fakeWs.js"
import { demoSecret } from "./utils/mock.js"

/** Decodes the `data` of a raw frame exactly as the socket reader does (lossless JSON). */
const decodeFrame = <A, I>(schema: Schema.Schema<A, I>, text: string): A =>
  Schema.decodeUnknownSync(schema)((parseLossless(text) as { data: unknown }).data)

const fmt = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

describe("stream events", () => {
  it("bookTicker: docs frame (numbers, u as string) and live frame (strings, u as integer)", () => {
    const docs = decodeFrame(
      BackpackStream.BookTickerEvent,
      `{"stream":"bookTicker.SOL_USD","data":{"e":"bookTicker","E":1694687692980000,"s":"SOL_USD","a":"18.70","A":"1.000","b":"18.67","B":"2.000","u":"111063070","T":1694687692980000}}`
    )
    expect([fmt(docs.a), fmt(docs.A), fmt(docs.b), fmt(docs.B)]).toEqual(["18.7", "1", "18.67", "2"])
    expect(docs.u).toBe(111063070n)
    expect(docs.E).toBe(1694687692980000)
    const live = decodeFrame(
      BackpackStream.BookTickerEvent,
      `{"stream":"bookTicker.SOL_USDC","data":{"e":"bookTicker","E":"1759338824897386","s":"SOL_USDC","a":null,"A":null,"b":"150.25","B":"3.5","u":1662976171,"T":"1759338824895616"}}`
    )
    expect(live.a).toBeUndefined()
    expect(live.u).toBe(1662976171n)
    expect(live.T).toBe(1759338824895616)
  })

  it("depth: §9 live frame with E/T strings, U/u integers, zero quantity with scale", () => {
    const event = decodeFrame(
      BackpackStream.DepthEvent,
      `{"stream":"depth.BTC_USDC_PERP","data":{"E":"1759338824897386","T":"1759338824895616","U":1662976171,"a":[],"b":[["117357.0","0.00000"]],"e":"depth","s":"BTC_USDC_PERP","u":1662976171}}`
    )
    expect(event.U).toBe(1662976171n)
    expect(event.u).toBe(1662976171n)
    expect(event.E).toBe(1759338824897386)
    expect(event.a).toEqual([])
    const [[price, quantity]] = event.b as any
    expect(BigDecimal.format(price)).toBe("117357")
    expect(BigDecimal.isZero(quantity)).toBe(true)
    // docs variant: numbers for E/T, update ids beyond 2^53 stay exact
    const big = decodeFrame(
      BackpackStream.DepthEvent,
      `{"stream":"depth.SOL_USDC","data":{"e":"depth","E":1694687965941000,"s":"SOL_USDC","a":[["18.70","0.000"]],"b":[["18.67","0.832"],["18.68","0.000"]],"U":9007199254740993,"u":9007199254740995,"T":1694687965940999}}`
    )
    expect(big.U).toBe(9007199254740993n)
    expect(big.u).toBe(9007199254740995n)
    expect(big.b.map(([p, q]) => [BigDecimal.format(p), BigDecimal.format(q)])).toEqual([["18.67", "0.832"], [
      "18.68",
      "0"
    ]])
  })

  it("kline: naive UTC candle times, integer trade count, closed flag", () => {
    const event = decodeFrame(
      BackpackStream.KlineEvent,
      `{"stream":"kline.1m.SOL_USD","data":{"e":"kline","E":"1694687692980000","s":"SOL_USD","t":"2025-08-06T22:00:00","T":"2025-08-06T22:01:00","o":"18.75","c":"19.25","h":"19.80","l":"18.50","v":"32123","n":93828,"X":false}}`
    )
    expect(DateTime.formatIso(event.t)).toBe("2025-08-06T22:00:00.000Z")
    expect(DateTime.formatIso(event.T)).toBe("2025-08-06T22:01:00.000Z")
    expect([fmt(event.o), fmt(event.c), fmt(event.h), fmt(event.l), fmt(event.v)]).toEqual([
      "18.75",
      "19.25",
      "19.8",
      "18.5",
      "32123"
    ])
    expect(event.n).toBe(93828)
    expect(event.X).toBe(false)
  })

  it("markPrice with funding fields, and a prediction market without them", () => {
    const perp = decodeFrame(
      BackpackStream.MarkPriceEvent,
      `{"stream":"markPrice.SOL_USDC_PERP","data":{"e":"markPrice","E":1694687965941000,"s":"SOL_USDC_PERP","p":"18.70","f":"0.0001","i":"19.70","n":1694688000000,"T":"1694687965940999"}}`
    )
    expect([fmt(perp.p), fmt(perp.f), fmt(perp.i)]).toEqual(["18.7", "0.0001", "19.7"])
    expect(perp.n).toBe(1694688000000)
    expect(perp.T).toBe(1694687965940999)
    const prediction = decodeFrame(
      BackpackStream.MarkPriceEvent,
      `{"stream":"markPrice.X_USDC","data":{"e":"markPrice","E":"1694687965941000","s":"X_USDC","p":"0.42","T":"1694687965940999"}}`
    )
    expect(prediction.f).toBeUndefined()
    expect(prediction.n).toBeUndefined()
  })

  it("ticker and openInterest", () => {
    const ticker = decodeFrame(
      BackpackStream.TickerEvent,
      `{"stream":"ticker.SOL_USDC","data":{"e":"ticker","E":"1694687692980000","s":"SOL_USDC","o":"18.75","c":"19.24","h":"19.80","l":"18.50","v":"32123","V":"928190","n":93828}}`
    )
    expect([fmt(ticker.o), fmt(ticker.c), fmt(ticker.V)]).toEqual(["18.75", "19.24", "928190"])
    expect(ticker.n).toBe(93828)
    const oi = decodeFrame(
      BackpackStream.OpenInterestEvent,
      `{"stream":"openInterest.SOL_USDC_PERP","data":{"e":"openInterest","E":1694687692980000,"s":"SOL_USDC_PERP","o":"81420.17"}}`
    )
    expect(fmt(oi.o)).toBe("81420.17")
  })

  it("trade: order ids and trade id exact, maker flag", () => {
    const trade = decodeFrame(
      BackpackStream.TradeEvent,
      `{"stream":"trade.SOL_USDC","data":{"e":"trade","E":"1694688638091000","s":"SOL_USDC","p":"18.68","q":"0.122","b":"111063114377265150","a":"111063114585735170","t":12345,"T":"1694688638089000","m":true}}`
    )
    expect(trade.b).toBe("111063114377265150")
    expect(trade.a).toBe("111063114585735170")
    expect(trade.t).toBe("12345")
    expect(trade.m).toBe(true)
    expect([fmt(trade.p), fmt(trade.q)]).toEqual(["18.68", "0.122"])
  })

  it("liquidation", () => {
    const event = decodeFrame(
      BackpackStream.LiquidationEvent,
      `{"stream":"liquidation","data":{"e":"liquidation","E":1694688638091000,"q":"10","p":"18.70","S":"Bid","s":"SOL_USDC_PERP","T":567}}`
    )
    expect(event.S).toBe("Bid")
    expect([fmt(event.q), fmt(event.p)]).toEqual(["10", "18.7"])
    expect(event.T).toBe(567)
  })

  it("orderUpdate: §9 live fill frame and an accepted trigger order with percent quantity", () => {
    const fill = decodeFrame(
      BackpackStream.OrderUpdateEvent,
      `{"stream":"account.orderUpdate","data":{"E":"1754939110175879","L":"4299.16","N":"ETH","O":"USER","Q":"4.30","S":"Bid","T":"1754939110174705","V":"RejectTaker","X":"Filled","Z":"4.299160","e":"orderFill","f":"GTC","i":"5406825793","l":"0.0010","m":false,"n":"0.000001","o":"MARKET","q":"0.0010","r":false,"s":"ETH_USDC","t":2888471,"z":"0.0010"}}`
    )
    expect(fill.e).toBe("orderFill")
    expect(fill.i).toBe("5406825793")
    expect(fill.t).toBe("2888471")
    expect([fmt(fill.L), fmt(fill.l), fmt(fill.n), fmt(fill.Z), fmt(fill.Q)]).toEqual([
      "4299.16",
      "0.001",
      "0.000001",
      "4.29916",
      "4.3"
    ])
    expect(fill.o).toBe("MARKET")
    expect(fill.O).toBe("USER")
    expect(fill.r).toBe(false)
    expect(fill.T).toBe(1754939110174705)
    const trigger = decodeFrame(
      BackpackStream.OrderUpdateEvent,
      `{"stream":"account.orderUpdate.SOL_USDC","data":{"e":"triggerPlaced","E":1694687692980000,"s":"SOL_USDC","c":123,"S":"Ask","o":"LIMIT","f":"GTC","p":"20","P":"19.5","B":"MarkPrice","Y":"50%","X":"TriggerPending","i":"1111343026172067","t":null,"z":"0","Z":"0","V":"RejectTaker","T":1694687692989999,"O":"USER","I":"1111343026156135","H":4812345,"y":true}}`
    )
    expect(trigger.c).toBe(123)
    expect(trigger.t).toBeUndefined()
    expect(trigger.B).toBe("MarkPrice")
    expect(trigger.Y).toMatchObject({ percent: BigDecimal.unsafeFromString("50") })
    expect(trigger.I).toBe("1111343026156135")
    expect(trigger.H).toBe("4812345")
    expect(trigger.y).toBe(true)
  })

  it("positionUpdate: live strings with integer id, docs numbers, and the snapshot without e", () => {
    const live = decodeFrame(
      BackpackStream.PositionUpdateEvent,
      `{"stream":"account.positionUpdate","data":{"e":"positionAdjusted","E":"1694687692980000","s":"ETH_USDC_PERP","b":"3831.36","B":"3826.88","f":"0.02","M":"3787.46","m":"0.0125","q":"-0.0036","Q":"0.0036","n":"13.63","i":4238420454,"p":"0","P":"-0.14","l":"0","T":"1694687692989999"}}`
    )
    expect(live.e).toBe("positionAdjusted")
    expect(live.i).toBe("4238420454")
    expect([fmt(live.q), fmt(live.b), fmt(live.P)]).toEqual(["-0.0036", "3831.36", "-0.14"])
    const docs = decodeFrame(
      BackpackStream.PositionUpdateEvent,
      `{"stream":"account.positionUpdate","data":{"E":1694687692980000,"s":"SOL_USDC_PERP","b":123.5,"B":122,"f":0.5,"M":122,"m":0.01,"q":5,"Q":6,"n":732,"i":"1111343026172067","p":"-1","P":"-1","T":1694687692989999}}`
    )
    expect(docs.e).toBeUndefined()
    expect([fmt(docs.b), fmt(docs.q), fmt(docs.n)]).toEqual(["123.5", "5", "732"])
    expect(docs.i).toBe("1111343026172067")
  })

  it("rfqUpdate: ids above 2^53 stay exact", () => {
    const event = decodeFrame(
      BackpackStream.RfqUpdateEvent,
      `{"stream":"account.rfqUpdate","data":{"e":"rfqCandidate","E":1730225420369829,"R":113392053149171712,"u":113392053149171713,"C":"123","s":"SOL_USDC_RFQ","S":"Bid","q":"10","p":"143.28","w":1730225480368,"W":1730225540368,"X":"New","T":1730225420368765}}`
    )
    expect(event.R).toBe("113392053149171712")
    expect(event.u).toBe("113392053149171713")
    expect(event.C).toBe("123")
    expect(event.w).toBe(1730225480368)
    expect(fmt(event.p)).toBe("143.28")
    expect(event.Q).toBeUndefined()
  })

  it.live("through the socket: an RFQ frame with ids above 2^53 arrives exact", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const fiber = yield* ws.rfqUpdates().pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(server.sent).toHaveLength(1))
      server.pushRaw(
        `{"stream":"account.rfqUpdate","data":{"e":"rfqActive","E":"1730225420369829","R":113392053149171712,"s":"SOL_USDC_RFQ","S":"Ask","Q":"1500.5","w":1730225480368,"W":1730225540368,"T":"1730225420368765"}}`
      )
      const [event] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(event!.R).toBe("113392053149171712")
      expect(fmt(event!.Q)).toBe("1500.5")
    }).pipe(
      Effect.provide(
        BackpackStream.layer().pipe(
          Layer.provide(Signer.layer),
          Layer.provide(BackpackConfig.layer({ wsUrl: "ws://fake.test", apiSecret: Redacted.make(demoSecret) })),
          Layer.provide(server.layer),
          Layer.orDie
        )
      )
    )
  })

  it.live("every typed helper subscribes to the documented stream name", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const streams: Array<Stream.Stream<unknown, unknown>> = [
        ws.depth("SOL_USDC"),
        ws.depth("SOL_USDC", "200ms"),
        ws.bookTicker("SOL_USDC"),
        ws.ticker("SOL_USDC"),
        ws.trades("SOL_USDC"),
        ws.klines("1m", "SOL_USDC"),
        ws.markPrice("SOL_USDC_PERP"),
        ws.openInterest("SOL_USDC_PERP"),
        ws.liquidations(),
        ws.orderUpdates(),
        ws.orderUpdates("SOL_USDC"),
        ws.positionUpdates("SOL_USDC_PERP"),
        ws.rfqUpdates(),
        ws.subscribe("depth.SPCX.US_USDC")
      ]
      for (const s of streams) yield* Effect.fork(Stream.runDrain(s))
      yield* eventually(() =>
        expect(server.sent.flatMap((f) => f.params).sort()).toEqual([
          "account.orderUpdate",
          "account.orderUpdate.SOL_USDC",
          "account.positionUpdate.SOL_USDC_PERP",
          "account.rfqUpdate",
          "bookTicker.SOL_USDC",
          "depth.200ms.SOL_USDC",
          "depth.SOL_USDC",
          "depth.SPCX.US_USDC",
          "kline.1m.SOL_USDC",
          "liquidation",
          "markPrice.SOL_USDC_PERP",
          "openInterest.SOL_USDC_PERP",
          "ticker.SOL_USDC",
          "trade.SOL_USDC"
        ])
      )
    }).pipe(
      Effect.provide(
        BackpackStream.layer().pipe(
          Layer.provide(Signer.layer),
          Layer.provide(BackpackConfig.layer({ wsUrl: "ws://fake.test", apiSecret: Redacted.make(demoSecret) })),
          Layer.provide(server.layer),
          Layer.orDie
        )
      )
    )
  })
})

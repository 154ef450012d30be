import { BackpackConfig, BackpackStream, Signer } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Chunk, DateTime, Effect, Either, Fiber, Layer, Redacted, Schema, Stream } from "effect"
import { parseLossless } from "../src/internal/json.js"
import * as Catalogue from "../src/internal/stream/catalogue.js"
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
    expect([fmt(docs.bestAskPrice), fmt(docs.bestAskQuantity), fmt(docs.bestBidPrice), fmt(docs.bestBidQuantity)])
      .toEqual(["18.7", "1", "18.67", "2"])
    expect(docs.updateId).toBe(111063070n)
    expect(docs.symbol).toBe("SOL_USD")
    expect(docs.eventTime).toBe(1694687692980000)
    const live = decodeFrame(
      BackpackStream.BookTickerEvent,
      `{"stream":"bookTicker.SOL_USDC","data":{"e":"bookTicker","E":"1759338824897386","s":"SOL_USDC","a":null,"A":null,"b":"150.25","B":"3.5","u":1662976171,"T":"1759338824895616"}}`
    )
    expect(live.bestAskPrice).toBeUndefined()
    expect(live.updateId).toBe(1662976171n)
    expect(live.engineTime).toBe(1759338824895616)
  })

  it("depth: §9 live frame with E/T strings, U/u integers, zero quantity with scale", () => {
    const event = decodeFrame(
      BackpackStream.DepthEvent,
      `{"stream":"depth.BTC_USDC_PERP","data":{"E":"1759338824897386","T":"1759338824895616","U":1662976171,"a":[],"b":[["117357.0","0.00000"]],"e":"depth","s":"BTC_USDC_PERP","u":1662976171}}`
    )
    expect(event.firstUpdateId).toBe(1662976171n)
    expect(event.lastUpdateId).toBe(1662976171n)
    expect(event.eventTime).toBe(1759338824897386)
    expect(event.engineTime).toBe(1759338824895616)
    expect(event.symbol).toBe("BTC_USDC_PERP")
    expect(event.asks).toEqual([])
    const [price, quantity] = event.bids[0]!
    expect(BigDecimal.format(price)).toBe("117357")
    expect(BigDecimal.isZero(quantity)).toBe(true)
    // docs variant: numbers for E/T, update ids beyond 2^53 stay exact
    const big = decodeFrame(
      BackpackStream.DepthEvent,
      `{"stream":"depth.SOL_USDC","data":{"e":"depth","E":1694687965941000,"s":"SOL_USDC","a":[["18.70","0.000"]],"b":[["18.67","0.832"],["18.68","0.000"]],"U":9007199254740993,"u":9007199254740995,"T":1694687965940999}}`
    )
    expect(big.firstUpdateId).toBe(9007199254740993n)
    expect(big.lastUpdateId).toBe(9007199254740995n)
    expect(big.bids.map(([p, q]) => [BigDecimal.format(p), BigDecimal.format(q)])).toEqual([["18.67", "0.832"], [
      "18.68",
      "0"
    ]])
  })

  it("kline: naive UTC candle times, integer trade count, closed flag", () => {
    const event = decodeFrame(
      BackpackStream.KlineEvent,
      `{"stream":"kline.1m.SOL_USD","data":{"e":"kline","E":"1694687692980000","s":"SOL_USD","t":"2025-08-06T22:00:00","T":"2025-08-06T22:01:00","o":"18.75","c":"19.25","h":"19.80","l":"18.50","v":"32123","n":93828,"X":false}}`
    )
    expect(DateTime.formatIso(event.start)).toBe("2025-08-06T22:00:00.000Z")
    expect(DateTime.formatIso(event.end)).toBe("2025-08-06T22:01:00.000Z")
    expect([fmt(event.open), fmt(event.close), fmt(event.high), fmt(event.low), fmt(event.volume)]).toEqual([
      "18.75",
      "19.25",
      "19.8",
      "18.5",
      "32123"
    ])
    expect(event.trades).toBe(93828)
    expect(event.closed).toBe(false)
  })

  it("markPrice with funding fields, and a prediction market without them", () => {
    const perp = decodeFrame(
      BackpackStream.MarkPriceEvent,
      `{"stream":"markPrice.SOL_USDC_PERP","data":{"e":"markPrice","E":1694687965941000,"s":"SOL_USDC_PERP","p":"18.70","f":"0.0001","i":"19.70","n":1694688000000,"T":"1694687965940999"}}`
    )
    expect([fmt(perp.markPrice), fmt(perp.fundingRate), fmt(perp.indexPrice)]).toEqual(["18.7", "0.0001", "19.7"])
    expect(perp.nextFundingTimestamp).toBe(1694688000000)
    expect(perp.engineTime).toBe(1694687965940999)
    const prediction = decodeFrame(
      BackpackStream.MarkPriceEvent,
      `{"stream":"markPrice.X_USDC","data":{"e":"markPrice","E":"1694687965941000","s":"X_USDC","p":"0.42","T":"1694687965940999"}}`
    )
    expect(prediction.fundingRate).toBeUndefined()
    expect(prediction.nextFundingTimestamp).toBeUndefined()
  })

  it("ticker and openInterest", () => {
    const ticker = decodeFrame(
      BackpackStream.TickerEvent,
      `{"stream":"ticker.SOL_USDC","data":{"e":"ticker","E":"1694687692980000","s":"SOL_USDC","o":"18.75","c":"19.24","h":"19.80","l":"18.50","v":"32123","V":"928190","n":93828}}`
    )
    expect([fmt(ticker.firstPrice), fmt(ticker.lastPrice), fmt(ticker.quoteVolume)]).toEqual([
      "18.75",
      "19.24",
      "928190"
    ])
    expect(ticker.trades).toBe(93828)
    const oi = decodeFrame(
      BackpackStream.OpenInterestEvent,
      `{"stream":"openInterest.SOL_USDC_PERP","data":{"e":"openInterest","E":1694687692980000,"s":"SOL_USDC_PERP","o":"81420.17"}}`
    )
    expect(fmt(oi.openInterest)).toBe("81420.17")
  })

  it("trade: order ids and trade id exact, maker flag", () => {
    const trade = decodeFrame(
      BackpackStream.TradeEvent,
      `{"stream":"trade.SOL_USDC","data":{"e":"trade","E":"1694688638091000","s":"SOL_USDC","p":"18.68","q":"0.122","b":"111063114377265150","a":"111063114585735170","t":12345,"T":"1694688638089000","m":true}}`
    )
    expect(trade.buyerOrderId).toBe("111063114377265150")
    expect(trade.sellerOrderId).toBe("111063114585735170")
    expect(trade.id).toBe("12345")
    expect(trade.isBuyerMaker).toBe(true)
    expect([fmt(trade.price), fmt(trade.quantity)]).toEqual(["18.68", "0.122"])
  })

  it("liquidation", () => {
    const event = decodeFrame(
      BackpackStream.LiquidationEvent,
      `{"stream":"liquidation","data":{"e":"liquidation","E":1694688638091000,"q":"10","p":"18.70","S":"Bid","s":"SOL_USDC_PERP","T":567}}`
    )
    expect(event.side).toBe("Bid")
    expect(event.symbol).toBe("SOL_USDC_PERP")
    expect([fmt(event.quantity), fmt(event.price)]).toEqual(["10", "18.7"])
    expect(event.engineTime).toBe(567)
  })

  it("orderUpdate: §9 live fill frame and an accepted trigger order with percent quantity", () => {
    const fill = decodeFrame(
      BackpackStream.OrderUpdateEvent,
      `{"stream":"account.orderUpdate","data":{"E":"1754939110175879","L":"4299.16","N":"ETH","O":"USER","Q":"4.30","S":"Bid","T":"1754939110174705","V":"RejectTaker","X":"Filled","Z":"4.299160","e":"orderFill","f":"GTC","i":"5406825793","l":"0.0010","m":false,"n":"0.000001","o":"MARKET","q":"0.0010","r":false,"s":"ETH_USDC","t":2888471,"z":"0.0010"}}`
    )
    expect(fill.eventType).toBe("orderFill")
    expect(fill.orderId).toBe("5406825793")
    expect(fill.tradeId).toBe("2888471")
    expect(fill.symbol).toBe("ETH_USDC")
    expect(fill.side).toBe("Bid")
    expect(fill.status).toBe("Filled")
    expect(fill.timeInForce).toBe("GTC")
    expect(fill.selfTradePrevention).toBe("RejectTaker")
    expect(fill.feeSymbol).toBe("ETH")
    expect(fill.isMaker).toBe(false)
    expect(fill.eventTime).toBe(1754939110175879)
    expect([fmt(fill.quantity), fmt(fill.executedQuantity)]).toEqual(["0.001", "0.001"])
    expect([
      fmt(fill.fillPrice),
      fmt(fill.fillQuantity),
      fmt(fill.fee),
      fmt(fill.executedQuoteQuantity),
      fmt(fill.quoteQuantity)
    ]).toEqual([
      "4299.16",
      "0.001",
      "0.000001",
      "4.29916",
      "4.3"
    ])
    // the stream's MARKET / LIMIT read as the REST order types
    expect(fill.orderType).toBe("Market")
    expect(fill.origin).toBe("USER")
    expect(fill.reduceOnly).toBe(false)
    expect(fill.engineTime).toBe(1754939110174705)
    const trigger = decodeFrame(
      BackpackStream.OrderUpdateEvent,
      `{"stream":"account.orderUpdate.SOL_USDC","data":{"e":"triggerPlaced","E":1694687692980000,"s":"SOL_USDC","c":123,"S":"Ask","o":"LIMIT","f":"GTC","p":"20","P":"19.5","B":"MarkPrice","Y":"50%","X":"TriggerPending","i":"1111343026172067","t":null,"z":"0","Z":"0","V":"RejectTaker","T":1694687692989999,"O":"USER","I":"1111343026156135","H":4812345,"y":true}}`
    )
    expect(trigger.clientId).toBe(123)
    expect(trigger.orderType).toBe("Limit")
    expect(trigger.tradeId).toBeUndefined()
    expect([fmt(trigger.price), fmt(trigger.triggerPrice)]).toEqual(["20", "19.5"])
    expect(trigger.triggerBy).toBe("MarkPrice")
    expect(trigger.triggerQuantity).toMatchObject({ percent: BigDecimal.unsafeFromString("50") })
    expect(trigger.relatedOrderId).toBe("1111343026156135")
    expect(trigger.strategyId).toBe("4812345")
    expect(trigger.postOnly).toBe(true)
    // encoding gives the wire keys and spellings back
    const wire = Schema.encodeSync(BackpackStream.OrderUpdateEvent)(trigger)
    expect(wire).toMatchObject({
      e: "triggerPlaced",
      c: 123,
      o: "LIMIT",
      X: "TriggerPending",
      i: "1111343026172067",
      Y: "50%"
    })
  })

  it("descriptors name the documented streams; subscribe(descriptor) is typed by the descriptor", () => {
    expect([
      BackpackStream.depth("SOL_USDC").name,
      BackpackStream.depth("SOL_USDC", "1000ms").name,
      BackpackStream.bookTicker("SOL_USDC").name,
      BackpackStream.ticker("SOL_USDC").name,
      BackpackStream.trades("SOL_USDC").name,
      BackpackStream.klines("1m", "SOL_USDC").name,
      BackpackStream.markPrice("SOL_USDC_PERP").name,
      BackpackStream.openInterest("SOL_USDC_PERP").name,
      BackpackStream.liquidations().name,
      BackpackStream.orderUpdates().name,
      BackpackStream.orderUpdates("SOL_USDC").name,
      BackpackStream.positionUpdates().name,
      BackpackStream.rfqUpdates("SOL_USDC_RFQ").name
    ]).toEqual([
      "depth.SOL_USDC",
      "depth.1000ms.SOL_USDC",
      "bookTicker.SOL_USDC",
      "ticker.SOL_USDC",
      "trade.SOL_USDC",
      "kline.1m.SOL_USDC",
      "markPrice.SOL_USDC_PERP",
      "openInterest.SOL_USDC_PERP",
      "liquidation",
      "account.orderUpdate",
      "account.orderUpdate.SOL_USDC",
      "account.positionUpdate",
      "account.rfqUpdate.SOL_USDC_RFQ"
    ])
    // compile-time: the element type follows the descriptor, no cast needed
    const typed = (ws: BackpackStream.Service): Stream.Stream<BackpackStream.TickerEvent, BackpackStream.StreamError> =>
      ws.subscribe(BackpackStream.ticker("SOL_USDC"))
    expect(typeof typed).toBe("function")
  })

  it("depth fast path: same events as the Schema, Schema errors for anything it refuses", () => {
    const frames = [
      {
        e: "depth",
        E: "1759338824897386",
        T: "1759338824895616",
        s: "BTC_USDC_PERP",
        U: 1662976171,
        u: 1662976172,
        a: [],
        b: [["117357.0", "0.00000"]]
      },
      {
        e: "depth",
        E: 1694687965941000,
        T: 1694687965940999,
        s: "SOL_USDC",
        U: "9007199254740993",
        u: "9007199254740995",
        a: [["18.70", 0.5]],
        b: [["1e-8", "+1.5"]]
      },
      // an extra key: not the fast shape, the Schema decodes it
      { e: "depth", E: 1, T: 2, s: "X_Y", U: 1, u: 1, a: [], b: [], extra: true }
    ]
    const schema = Schema.decodeUnknownEither(BackpackStream.DepthEvent)
    for (const frame of frames) {
      const fast = Catalogue.decodeDepth(frame)
      const slow = schema(frame)
      expect(Either.isRight(fast) && Either.isRight(slow)).toBe(true)
      if (Either.isRight(fast) && Either.isRight(slow)) {
        expect(fast.right).toBeInstanceOf(BackpackStream.DepthEvent)
        expect({
          ...fast.right,
          bids: fast.right.bids.map(([p, q]) => [fmt(p), fmt(q)]),
          asks: fast.right.asks.map(([p, q]) => [fmt(p), fmt(q)])
        })
          .toEqual({
            ...slow.right,
            bids: slow.right.bids.map(([p, q]) => [fmt(p), fmt(q)]),
            asks: slow.right.asks.map(([p, q]) => [fmt(p), fmt(q)])
          })
      }
    }
    for (
      const bad of [
        { e: "depth", E: 1, T: 2, s: "X_Y", U: 1, u: 1, a: [], b: [["abc", "1"]] },
        { e: "depth", E: 1, T: 2, s: "X_Y", U: "-1", u: 1, a: [], b: [] },
        { e: "depth", E: 1.5, T: 2, s: "X_Y", U: 1, u: 1, a: [], b: [] },
        { e: "depth", E: 1, T: 2, s: "X_Y", U: 1, u: 1, a: [], b: [["1", "2", "3"]] },
        { e: "depth", E: 1, T: 2, s: "X_Y", U: 1, u: 1, a: [], b: [[" 1", "2"]] }
      ]
    ) {
      const fast = Catalogue.decodeDepth(bad)
      expect(Either.isLeft(fast)).toBe(true)
      expect(fast).toEqual(schema(bad))
    }
  })

  it("positionUpdate: live strings with integer id, docs numbers, and the snapshot without e", () => {
    const live = decodeFrame(
      BackpackStream.PositionUpdateEvent,
      `{"stream":"account.positionUpdate","data":{"e":"positionAdjusted","E":"1694687692980000","s":"ETH_USDC_PERP","b":"3831.36","B":"3826.88","f":"0.02","M":"3787.46","m":"0.0125","q":"-0.0036","Q":"0.0036","n":"13.63","i":4238420454,"p":"0","P":"-0.14","l":"0","T":"1694687692989999"}}`
    )
    expect(live.eventType).toBe("positionAdjusted")
    expect(live.positionId).toBe("4238420454")
    expect([fmt(live.entryPrice), fmt(live.markPrice), fmt(live.imf), fmt(live.mmf)]).toEqual([
      "3826.88",
      "3787.46",
      "0.02",
      "0.0125"
    ])
    expect([fmt(live.netQuantity), fmt(live.breakEvenPrice), fmt(live.pnlUnrealized)]).toEqual([
      "-0.0036",
      "3831.36",
      "-0.14"
    ])
    const docs = decodeFrame(
      BackpackStream.PositionUpdateEvent,
      `{"stream":"account.positionUpdate","data":{"E":1694687692980000,"s":"SOL_USDC_PERP","b":123.5,"B":122,"f":0.5,"M":122,"m":0.01,"q":5,"Q":6,"n":732,"i":"1111343026172067","p":"-1","P":"-1","T":1694687692989999}}`
    )
    expect(docs.eventType).toBeUndefined()
    expect([fmt(docs.breakEvenPrice), fmt(docs.netQuantity), fmt(docs.netExposureNotional)]).toEqual([
      "123.5",
      "5",
      "732"
    ])
    expect(docs.positionId).toBe("1111343026172067")
  })

  it("rfqUpdate: ids above 2^53 stay exact", () => {
    const event = decodeFrame(
      BackpackStream.RfqUpdateEvent,
      `{"stream":"account.rfqUpdate","data":{"e":"rfqCandidate","E":1730225420369829,"R":113392053149171712,"u":113392053149171713,"C":"123","s":"SOL_USDC_RFQ","S":"Bid","q":"10","p":"143.28","w":1730225480368,"W":1730225540368,"X":"New","T":1730225420368765}}`
    )
    expect(event.rfqId).toBe("113392053149171712")
    expect(event.quoteId).toBe("113392053149171713")
    expect(event.clientId).toBe("123")
    expect(event.submissionDeadline).toBe(1730225480368)
    expect(event.expiryTime).toBe(1730225540368)
    expect(event.status).toBe("New")
    expect(fmt(event.price)).toBe("143.28")
    expect(event.quoteQuantity).toBeUndefined()
  })

  it.effect("through the socket: an RFQ frame with ids above 2^53 arrives exact", () => {
    const server = new FakeServer()
    return Effect.gen(function*() {
      const ws = yield* BackpackStream.BackpackStream
      const fiber = yield* ws.rfqUpdates().pipe(Stream.take(1), Stream.runCollect, Effect.fork)
      yield* eventually(() => expect(server.sent).toHaveLength(1))
      expect(server.sent[0].params).toEqual(["account.rfqUpdate"])
      server.pushRaw(
        `{"stream":"account.rfqUpdate","data":{"e":"rfqActive","E":"1730225420369829","R":113392053149171712,"s":"SOL_USDC_RFQ","S":"Ask","Q":"1500.5","w":1730225480368,"W":1730225540368,"T":"1730225420368765"}}`
      )
      const [event] = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      expect(event!.rfqId).toBe("113392053149171712")
      expect(fmt(event!.quoteQuantity)).toBe("1500.5")
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

  it.effect("every typed helper subscribes to the documented stream name", () => {
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
        ws.subscribe("depth.SPCX.US_USDC"),
        ws.subscribe(BackpackStream.trades("ETH_USDC")),
        ws.subscribe(BackpackStream.stream("kline.1h.ETH_USDC"))
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
          "kline.1h.ETH_USDC",
          "kline.1m.SOL_USDC",
          "liquidation",
          "markPrice.SOL_USDC_PERP",
          "openInterest.SOL_USDC_PERP",
          "ticker.SOL_USDC",
          "trade.ETH_USDC",
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

import { type Endpoint, Endpoints, Markets } from "@effect-backpack/sdk"
import { describe, expect, it, layer } from "@effect/vitest"
import { BigDecimal, DateTime, Effect, Option } from "effect"
import type * as AST from "effect/SchemaAST"
import { ethTicker, perpMarket } from "./utils/fixtures.js"
import { mockHttp, sdkLayer } from "./utils/mock.js"

const fmt = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)
const iso = (value: DateTime.Utc | undefined) => value === undefined ? undefined : DateTime.formatIso(value)

const spotMarket = {
  symbol: "SOL_USDC",
  baseSymbol: "SOL",
  quoteSymbol: "USDC",
  marketType: "SPOT",
  filters: { price: { minPrice: "0.0001", tickSize: "0.0001" }, quantity: { minQuantity: "0.01", stepSize: "0.01" } },
  imfFunction: null,
  mmfFunction: null,
  fundingInterval: null,
  orderBookState: "Open",
  createdAt: "2024-01-01T00:00:00",
  visible: true
}

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Markets", (it) => {
  it.effect("getMarkets decodes the §9 perp market exactly and repeats marketType keys", () => {
    http.respond(() => ({ body: [perpMarket, spotMarket] }))
    return Effect.gen(function*() {
      const markets = yield* (yield* Markets.Markets).getMarkets({ marketType: ["SPOT", "PERP"] })
      expect(http.requests).toHaveLength(1)
      const request = http.requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe("/api/v1/markets")
      expect(request.url.search).toBe("?marketType=SPOT&marketType=PERP")
      expect(request.query).toEqual({ marketType: ["SPOT", "PERP"] })
      expect(request.headers["x-signature"]).toBeUndefined()

      const perp = markets[0]!
      expect(perp).toBeInstanceOf(Markets.Market)
      expect(perp.symbol).toBe("SOL_USDC_PERP")
      expect(perp.marketType).toBe("PERP")
      expect(perp.orderBookState).toBe("Open")
      expect(fmt(perp.filters.price.tickSize)).toBe("0.01")
      expect(fmt(perp.filters.price.minPrice)).toBe("0.01")
      expect(fmt(perp.filters.price.maxPrice)).toBe("1000")
      expect(fmt(perp.filters.price.maxImpactMultiplier)).toBe("1.01")
      expect(fmt(perp.filters.price.meanMarkPriceBand?.maxMultiplier)).toBe("1.1")
      expect(fmt(perp.filters.price.meanMarkPriceBand?.minMultiplier)).toBe("0.9")
      expect(fmt(perp.filters.price.meanPremiumBand?.tolerancePct)).toBe("0.05")
      expect(perp.filters.price.borrowEntryFeeMaxMultiplier).toBeUndefined()
      expect(fmt(perp.filters.quantity.stepSize)).toBe("0.01")
      expect(fmt(perp.filters.quantity.minQuantity)).toBe("0.01")
      expect(perp.filters.quantity.maxQuantity).toBeUndefined()
      expect(perp.fundingInterval).toBe(3600000)
      expect(fmt(perp.fundingRateLowerBound)).toBe("-100")
      expect(fmt(perp.fundingRateUpperBound)).toBe("100")
      expect(perp.imfFunction?.type).toBe("sqrt")
      expect(fmt(perp.imfFunction?.base)).toBe("0.02")
      expect(fmt(perp.imfFunction?.factor)).toBe("0.00006")
      expect(fmt(perp.mmfFunction?.factor)).toBe("0.000036")
      expect(fmt(perp.openInterestLimit)).toBe("4000000")
      expect(fmt(perp.positionLimitWeight)).toBe("1")
      expect(iso(perp.createdAt)).toBe("2025-01-21T06:34:54.691Z")
      expect(perp.visible).toBe(true)

      const spot = markets[1]!
      expect(spot.marketType).toBe("SPOT")
      expect(spot.imfFunction).toBeUndefined()
      expect(spot.fundingInterval).toBeUndefined()
      expect(fmt(spot.filters.price.tickSize)).toBe("0.0001")
    })
  })

  it.effect("getMarkets accepts a single marketType and no argument at all", () => {
    http.respond(() => ({ body: [spotMarket] }))
    return Effect.gen(function*() {
      const markets = yield* Markets.Markets
      yield* markets.getMarkets({ marketType: "PERP" })
      yield* markets.getMarkets()
      expect(http.requests.map((r) => r.url.search)).toEqual(["?marketType=PERP", ""])
      const error = yield* Effect.flip(markets.getMarkets({ marketType: "perp" as any }))
      expect(error._tag).toBe("ValidationError")
      expect(error._tag === "ValidationError" && error.field).toBe("marketType")
      expect(http.requests).toHaveLength(2)
    })
  })

  it.effect("getMarket sends the symbol and decodes one market", () => {
    http.respond(() => ({ body: perpMarket }))
    return Effect.gen(function*() {
      const market = yield* (yield* Markets.Markets).getMarket({ symbol: "SOL_USDC_PERP" })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/market")
      expect(http.requests[0]!.query).toEqual({ symbol: "SOL_USDC_PERP" })
      expect(market.symbol).toBe("SOL_USDC_PERP")
      expect(fmt(market.filters.price.tickSize)).toBe("0.01")
    })
  })

  it.effect("getTicker decodes the §9 ticker exactly (priceChangePercent is a fraction)", () => {
    http.respond(() => ({ body: ethTicker }))
    return Effect.gen(function*() {
      const result = yield* (yield* Markets.Markets).getTicker({ symbol: "ETH_USDC", interval: "1d" })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/ticker")
      expect(http.requests[0]!.query).toEqual({ symbol: "ETH_USDC", interval: "1d" })
      const ticker = Option.getOrThrow(result)
      expect(ticker.symbol).toBe("ETH_USDC")
      expect(fmt(ticker.priceChangePercent)).toBe("-0.004868")
      expect(BigDecimal.equals(ticker.priceChangePercent!, BigDecimal.unsafeFromString("-0.004868"))).toBe(true)
      expect(fmt(ticker.firstPrice)).toBe("4202.87")
      expect(fmt(ticker.lastPrice)).toBe("4182.41")
      expect(fmt(ticker.priceChange)).toBe("-20.46")
      expect(fmt(ticker.high)).toBe("4349.75")
      expect(fmt(ticker.low)).toBe("4161.84")
      expect(fmt(ticker.volume)).toBe("6732.4927")
      expect(fmt(ticker.quoteVolume)).toBe("28695174.189628")
      expect(ticker.trades).toBe(24843)
    })
  })

  it.effect("getTicker answers None on 204 No Content", () => {
    http.respond(() => ({ status: 204 }))
    return Effect.gen(function*() {
      const result = yield* (yield* Markets.Markets).getTicker({ symbol: "ETH_USDC" })
      expect(Option.isNone(result)).toBe(true)
      expect(http.requests[0]!.query).toEqual({ symbol: "ETH_USDC" })
    })
  })

  it.effect("getTickers decodes every ticker and sends the interval", () => {
    http.respond(() => ({ body: [ethTicker, { ...ethTicker, symbol: "SOL_USDC", trades: "0" }] }))
    return Effect.gen(function*() {
      const tickers = yield* (yield* Markets.Markets).getTickers({ interval: "1w" })
      expect(http.requests[0]!.path).toBe("/api/v1/tickers")
      expect(http.requests[0]!.query).toEqual({ interval: "1w" })
      expect(tickers.map((t) => [t.symbol, t.trades, fmt(t.lastPrice)])).toEqual([
        ["ETH_USDC", 24843, "4182.41"],
        ["SOL_USDC", 0, "4182.41"]
      ])
    })
  })

  it.effect("getDepth decodes the §9 snapshot with an exact lastUpdateId and best-first levels", () => {
    http.respond(() => ({
      text:
        `{"asks":[["118318.3","0.00633"],["118567.2","0.08450"]],"bids":[["1.0","0.38647"],["12.9","1.00000"]],"lastUpdateId":"1504999670","timestamp":1753102447307501}`
    }))
    return Effect.gen(function*() {
      const depth = yield* (yield* Markets.Markets).getDepth({ symbol: "BTC_USDC", limit: "10" })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/depth")
      expect(http.requests[0]!.query).toEqual({ symbol: "BTC_USDC", limit: "10" })
      expect(depth.lastUpdateId).toBe(1504999670n)
      expect(depth.timestamp).toBe(1753102447307501)
      // live bids arrive ascending: best (highest) first after decoding
      expect(depth.bids.map(([p, q]) => [BigDecimal.format(p), BigDecimal.format(q)])).toEqual([
        ["12.9", "1"],
        ["1", "0.38647"]
      ])
      expect(depth.asks.map(([p]) => BigDecimal.format(p))).toEqual(["118318.3", "118567.2"])
      expect(BigDecimal.equals(depth.asks[0]![1], BigDecimal.unsafeFromString("0.00633"))).toBe(true)
    })
  })

  it.effect("getDepth keeps a lastUpdateId above 2^53 exact and sorts shuffled levels", () => {
    http.respond(() => ({
      text:
        `{"asks":[["3","1"],["1","1"],["2","1"]],"bids":[["5","1"],["7","1"],["6","1"]],"lastUpdateId":"9007199254740993","timestamp":1753102447307501}`
    }))
    return Effect.gen(function*() {
      const depth = yield* (yield* Markets.Markets).getDepth({ symbol: "BTC_USDC" })
      expect(depth.lastUpdateId).toBe(9007199254740993n)
      expect(depth.asks.map(([p]) => BigDecimal.format(p))).toEqual(["1", "2", "3"])
      expect(depth.bids.map(([p]) => BigDecimal.format(p))).toEqual(["7", "6", "5"])
      expect(http.requests[0]!.query).toEqual({ symbol: "BTC_USDC" })
    })
  })

  it.effect("getDepth: a malformed level is a DecodeError naming the side and the level", () => {
    http.respond(() => ({
      body: { asks: [["1.5", "2"], ["1,6", "1"]], bids: [], lastUpdateId: "7", timestamp: 1 }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Markets.Markets).getDepth({ symbol: "BTC_USDC" }))
      expect(error._tag).toBe("DecodeError")
      if (error._tag !== "DecodeError") return
      expect(error.path).toBe("asks")
      expect(error.detail).toContain("level [1]")
      expect(error.detail).toContain("1,6")
    })
  })

  it.effect("getDepth: a decimal with an absurd exponent is a DecodeError, not a huge number", () => {
    http.respond(() => ({
      body: { asks: [["1e-100000000", "1"]], bids: [], lastUpdateId: "7", timestamp: 1 }
    }))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* Markets.Markets).getDepth({ symbol: "BTC_USDC" }))
      expect(error._tag === "DecodeError" && error.path).toBe("asks")
    })
  })

  it.effect("getDepth keeps quantities exact and already-sorted sides in place", () => {
    http.respond(() => ({
      body: {
        asks: [["180.01", "0.000000000000000001"], ["180.02", "12.50"]],
        bids: [["179.98", "3"], ["179.99", "4"]],
        lastUpdateId: "8",
        timestamp: 2
      }
    }))
    return Effect.gen(function*() {
      const depth = yield* (yield* Markets.Markets).getDepth({ symbol: "SOL_USDC" })
      expect(depth.asks.map(([p]) => BigDecimal.format(p))).toEqual(["180.01", "180.02"])
      expect(BigDecimal.equals(depth.asks[0]![1], BigDecimal.unsafeFromString("0.000000000000000001"))).toBe(true)
      expect(depth.asks[0]![1].scale).toBe(18)
      expect(depth.bids.map(([p]) => BigDecimal.format(p))).toEqual(["179.99", "179.98"])
    })
  })

  it.effect("getKlines sends seconds, decodes naive UTC times and optional OHLC", () => {
    http.respond(() => ({
      body: [
        {
          close: "4422.62",
          end: "2025-09-11 15:34:00",
          high: "4422.75",
          low: "4422.62",
          open: "4422.62",
          quoteVolume: "77.840361",
          start: "2025-09-11 15:33:00",
          trades: "2",
          volume: "0.0176"
        },
        {
          close: null,
          end: "2025-09-11 15:35:00",
          high: null,
          low: null,
          open: null,
          quoteVolume: "0",
          start: "2025-09-11 15:34:00",
          trades: "0",
          volume: "0"
        }
      ]
    }))
    return Effect.gen(function*() {
      const markets = yield* Markets.Markets
      const klines = yield* markets.getKlines({ symbol: "ETH_USDC", interval: "1m", startTime: 1757604778 })
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/klines")
      expect(http.requests[0]!.query).toEqual({ symbol: "ETH_USDC", interval: "1m", startTime: "1757604778" })
      const [first, empty] = klines
      expect(iso(first!.start)).toBe("2025-09-11T15:33:00.000Z")
      expect(iso(first!.end)).toBe("2025-09-11T15:34:00.000Z")
      expect([fmt(first!.open), fmt(first!.high), fmt(first!.low), fmt(first!.close)]).toEqual([
        "4422.62",
        "4422.75",
        "4422.62",
        "4422.62"
      ])
      expect(fmt(first!.volume)).toBe("0.0176")
      expect(fmt(first!.quoteVolume)).toBe("77.840361")
      expect(first!.trades).toBe(2)
      expect(empty!.open).toBeUndefined()
      expect(empty!.close).toBeUndefined()
      expect(empty!.trades).toBe(0)

      // a DateTime is sent as whole seconds; endTime and priceType pass through
      yield* markets.getKlines({
        symbol: "ETH_USDC",
        interval: "1h",
        startTime: DateTime.unsafeMake("2025-09-11T15:33:00.900Z"),
        endTime: 1757608380,
        priceType: "Mark"
      })
      expect(http.requests[1]!.query).toEqual({
        symbol: "ETH_USDC",
        interval: "1h",
        startTime: "1757604780",
        endTime: "1757608380",
        priceType: "Mark"
      })
    })
  })

  it.effect("getKlines rejects milliseconds and an end before the start, nothing sent", () => {
    http.respond(() => ({ body: [] }))
    return Effect.gen(function*() {
      const markets = yield* Markets.Markets
      const ms = yield* Effect.flip(markets.getKlines({ symbol: "ETH_USDC", interval: "1m", startTime: 1757604778000 }))
      expect(ms._tag).toBe("ValidationError")
      expect(ms._tag === "ValidationError" && ms.field).toBe("startTime")
      expect(ms.message).toContain("milliseconds")
      const reversed = yield* Effect.flip(
        markets.getKlines({ symbol: "ETH_USDC", interval: "1m", startTime: 1757604778, endTime: 1757604000 })
      )
      expect(reversed._tag === "ValidationError" && reversed.field).toBe("endTime")
      expect(http.requests.length).toBe(0)
    })
  })

  it.effect("getMarkPrices decodes the §9 sample", () => {
    http.respond(() => ({
      body: [{
        fundingRate: "0.0001",
        indexPrice: "118333.18643195",
        markPrice: "118343.51853741",
        nextFundingTimestamp: 1753113600000,
        symbol: "BTC_USDC_PERP"
      }, { symbol: "SOL_USDC", markPrice: "180.5", fundingRate: null, indexPrice: null, nextFundingTimestamp: null }]
    }))
    return Effect.gen(function*() {
      const prices = yield* (yield* Markets.Markets).getMarkPrices({ symbol: "BTC_USDC_PERP", marketType: "PERP" })
      expect(http.requests[0]!.path).toBe("/api/v1/markPrices")
      expect(http.requests[0]!.query).toEqual({ symbol: "BTC_USDC_PERP", marketType: "PERP" })
      const [perp, spot] = prices
      expect(fmt(perp!.markPrice)).toBe("118343.51853741")
      expect(fmt(perp!.indexPrice)).toBe("118333.18643195")
      expect(fmt(perp!.fundingRate)).toBe("0.0001")
      expect(perp!.nextFundingTimestamp).toBe(1753113600000)
      expect(fmt(spot!.markPrice)).toBe("180.5")
      expect(spot!.fundingRate).toBeUndefined()
      expect(spot!.nextFundingTimestamp).toBeUndefined()
    })
  })

  it.effect("getOpenInterest decodes the §9 sample", () => {
    http.respond(() => ({
      body: [{ openInterest: "81420.17", symbol: "SOL_USDC_PERP", timestamp: 1743731167028 }]
    }))
    return Effect.gen(function*() {
      const markets = yield* Markets.Markets
      const [oi] = yield* markets.getOpenInterest({ symbol: "SOL_USDC_PERP" })
      expect(http.requests[0]!.path).toBe("/api/v1/openInterest")
      expect(http.requests[0]!.query).toEqual({ symbol: "SOL_USDC_PERP" })
      expect(oi!.symbol).toBe("SOL_USDC_PERP")
      expect(fmt(oi!.openInterest)).toBe("81420.17")
      expect(oi!.timestamp).toBe(1743731167028)
      yield* markets.getOpenInterest()
      expect(http.requests[1]!.url.search).toBe("")
    })
  })

  it.effect("getMarketSessions decodes sessions", () => {
    http.respond(() => ({
      body: [{
        name: "US_MARKET_HOURS",
        description: null,
        startTime: "09:30:00",
        endTime: "16:00:00",
        timezone: "America/New_York",
        startWeekday: 1,
        endWeekday: 5
      }]
    }))
    return Effect.gen(function*() {
      const [session] = yield* (yield* Markets.Markets).getMarketSessions()
      expect(http.requests[0]!.method).toBe("GET")
      expect(http.requests[0]!.path).toBe("/api/v1/market-sessions")
      expect(http.requests[0]!.url.search).toBe("")
      expect(session!.name).toBe("US_MARKET_HOURS")
      expect(session!.description).toBeUndefined()
      expect([session!.startTime, session!.endTime, session!.timezone]).toEqual([
        "09:30:00",
        "16:00:00",
        "America/New_York"
      ])
      expect([session!.startWeekday, session!.endWeekday]).toEqual([1, 5])
    })
  })

  it.effect("getSecurities decodes securities and their session rules", () => {
    http.respond(() => ({
      body: [{
        asset: "SPCX.US",
        name: "SpaceX",
        cusip: null,
        sessions: [{ name: "US_MARKET_HOURS", minQuantity: "0.001", maxQuantity: null, stepSize: "0.001" }]
      }]
    }))
    return Effect.gen(function*() {
      const [security] = yield* (yield* Markets.Markets).getSecurities({})
      expect(http.requests[0]!.path).toBe("/api/v1/securities")
      expect(security!.asset).toBe("SPCX.US")
      expect(security!.cusip).toBeUndefined()
      expect(fmt(security!.sessions[0]!.minQuantity)).toBe("0.001")
      expect(fmt(security!.sessions[0]!.stepSize)).toBe("0.001")
      expect(security!.sessions[0]!.maxQuantity).toBeUndefined()
    })
  })

  it.effect("getPredictionEvents sends its filters and decodes events with resolution conditions", () => {
    http.respond(() => ({
      body: [{
        slug: "btc-above-100k",
        title: "BTC above 100k?",
        predictionMarkets: [{
          marketSymbol: "BTCABOVE100K_USDC_PREDICTION",
          question: "Will BTC close above 100k?",
          groupLabel: null,
          yesOutcomeLabel: "Yes",
          noOutcomeLabel: "No",
          rules: "Binance BTCUSDT close",
          resolvedAt: null,
          resolutionPrice: null,
          activePrice: "0.63",
          quoteVolume: "1200.5",
          quoteVolumeLifetime: "98000",
          imgUrl: null,
          resolutionCondition: { type: "StrikePrice", condition: "above" },
          proposedResolution: null,
          proposedResolutionAt: null,
          resolutionDelaySecs: 300
        }],
        tags: [{ slug: "crypto", title: "Crypto" }],
        series: [{ slug: "btc-daily", title: "BTC daily", recurrence: "daily" }],
        description: "Daily BTC strike",
        imgUrl: null,
        quoteVolume: "1200.5",
        resolution: {
          resolved: false,
          startDate: "2025-09-11T00:00:00",
          endDate: "2025-09-12T00:00:00",
          strikePrice: "100000",
          closePrice: null,
          resolutionSourceEventIdentifier: "BTCUSDT",
          resolutionSource: "binance",
          outcome: null
        },
        resolved: false,
        resolutionDelaySecs: 300
      }]
    }))
    return Effect.gen(function*() {
      const [event] = yield* (yield* Markets.Markets).getPredictionEvents({
        tagSlug: "crypto",
        resolved: false,
        limit: 10,
        offset: 0
      })
      expect(http.requests[0]!.path).toBe("/api/v1/prediction")
      expect(http.requests[0]!.query).toEqual({ tagSlug: "crypto", resolved: "false", limit: "10", offset: "0" })
      expect(event!.slug).toBe("btc-above-100k")
      const market = event!.predictionMarkets[0]!
      expect(fmt(market.activePrice)).toBe("0.63")
      expect(market.resolutionCondition?.type).toBe("StrikePrice")
      expect(market.resolutionCondition?.type === "StrikePrice" && market.resolutionCondition.condition).toBe("above")
      expect(market.resolutionDelaySecs).toBe(300)
      expect(event!.tags.map((t) => t.slug)).toEqual(["crypto"])
      expect(event!.series[0]!.recurrence).toBe("daily")
      expect(fmt(event!.resolution.strikePrice)).toBe("100000")
      expect(iso(event!.resolution.startDate)).toBe("2025-09-11T00:00:00.000Z")
      expect(event!.resolution.closePrice).toBeUndefined()
      expect(event!.resolution.resolutionSource).toBe("binance")
    })
  })

  it.effect("getPredictionTags decodes tags", () => {
    http.respond(() => ({ body: [{ slug: "sports", title: "Sports" }, { slug: "crypto", title: "Crypto" }] }))
    return Effect.gen(function*() {
      const tags = yield* (yield* Markets.Markets).getPredictionTags()
      expect(http.requests[0]!.path).toBe("/api/v1/prediction/tags")
      expect(tags.map((t) => [t.slug, t.title])).toEqual([["sports", "Sports"], ["crypto", "Crypto"]])
    })
  })

  describe("bad input is a ValidationError naming the field, nothing sent", () => {
    const cases: ReadonlyArray<[string, (m: Markets.Service) => Effect.Effect<unknown, unknown>, string]> = [
      ["empty symbol", (m) => m.getDepth({ symbol: "" }), "symbol"],
      ["malformed symbol", (m) => m.getDepth({ symbol: "sol-usdc" }), "symbol"],
      ["depth limit 7", (m) => m.getDepth({ symbol: "SOL_USDC", limit: "7" as any }), "limit"],
      [
        "kline interval 1H",
        (m) => m.getKlines({ symbol: "SOL_USDC", interval: "1H" as any, startTime: 1757604778 }),
        "interval"
      ],
      ["ticker interval", (m) => m.getTicker({ symbol: "SOL_USDC", interval: "1h" as any }), "interval"],
      ["market symbol", (m) => m.getMarket({ symbol: "SOL/USDC" }), "symbol"],
      ["unknown key", (m) => m.getTickers({ symbol: "SOL_USDC" } as any), "symbol"]
    ]
    for (const [label, call, field] of cases) {
      it.effect(label, () => {
        http.respond(() => ({ body: {} }))
        return Effect.gen(function*() {
          const error: any = yield* Effect.flip(call(yield* Markets.Markets))
          expect(error._tag).toBe("ValidationError")
          expect(error.field).toBe(field)
          expect(http.requests.length).toBe(0)
        })
      })
    }
  })
})

// Extracted from the official spec (shared/backpack-openapi.json): operationId, method, path, the
// query parameter (GET) or body property (otherwise) names, and the documented signing instruction.
const specOperations: ReadonlyArray<
  readonly [
    operationId: string,
    method: string,
    path: string,
    params: ReadonlyArray<string>,
    instruction: string | undefined
  ]
> = [
  ["get_assets", "GET", "/api/v1/assets", ["country"], undefined],
  ["get_collateral_parameters", "GET", "/api/v1/collateral", [], undefined],
  ["get_markets", "GET", "/api/v1/markets", ["marketType"], undefined],
  ["get_market", "GET", "/api/v1/market", ["symbol"], undefined],
  ["get_ticker", "GET", "/api/v1/ticker", ["symbol", "interval"], undefined],
  ["get_tickers", "GET", "/api/v1/tickers", ["interval"], undefined],
  ["get_depth", "GET", "/api/v1/depth", ["symbol", "limit"], undefined],
  ["get_klines", "GET", "/api/v1/klines", ["symbol", "interval", "startTime", "endTime", "priceType"], undefined],
  ["get_mark_prices", "GET", "/api/v1/markPrices", ["symbol", "marketType"], undefined],
  ["get_open_interest", "GET", "/api/v1/openInterest", ["symbol"], undefined],
  ["get_market_sessions", "GET", "/api/v1/market-sessions", [], undefined],
  ["get_securities", "GET", "/api/v1/securities", [], undefined],
  ["get_prediction_events", "GET", "/api/v1/prediction", [
    "symbol",
    "tagSlug",
    "eventSlug",
    "seriesSlug",
    "resolved",
    "limit",
    "offset"
  ], undefined],
  ["get_prediction_tags", "GET", "/api/v1/prediction/tags", [], undefined],
  ["get_funding_interval_rates", "GET", "/api/v1/fundingRates", ["symbol", "limit", "offset"], undefined],
  ["get_funding_payments", "GET", "/wapi/v1/history/funding", [
    "subaccountId",
    "symbol",
    "limit",
    "offset",
    "sortDirection"
  ], "fundingHistoryQueryAll"],
  ["get_recent_trades", "GET", "/api/v1/trades", ["symbol", "limit"], undefined],
  ["get_historical_trades", "GET", "/api/v1/trades/history", ["symbol", "limit", "offset"], undefined],
  ["get_borrow_lend_markets", "GET", "/api/v1/borrowLend/markets", [], undefined],
  ["get_borrow_lend_markets_history", "GET", "/api/v1/borrowLend/markets/history", ["interval", "symbol"], undefined],
  ["get_apy_rates", "GET", "/api/v1/borrowLend/apy", ["tierId"], undefined],
  ["get_borrow_lend_positions", "GET", "/api/v1/borrowLend/positions", [], "borrowLendPositionQuery"],
  ["get_borrow_lend_estimated_liquidation_price", "GET", "/api/v1/borrowLend/position/liquidationPrice", [
    "subaccountId",
    "borrow"
  ], undefined],
  ["execute_borrow_lend", "POST", "/api/v1/borrowLend", ["quantity", "side", "symbol"], "borrowLendExecute"],
  ["get_vaults", "GET", "/api/v1/vaults", [], undefined],
  ["get_vault_history", "GET", "/api/v1/vaults/history", ["interval", "vaultId"], undefined],
  ["get_vault_nav", "GET", "/api/v1/vault/nav", [], "vaultNavQuery"],
  [
    "vault_mint",
    "POST",
    "/api/v1/vault/mint",
    ["vaultId", "symbol", "quantity", "autoBorrow", "autoLendRedeem"],
    "vaultMint"
  ],
  ["vault_redeem", "POST", "/api/v1/vault/redeem", ["vaultId", "vaultTokenQuantity"], "vaultRedeemRequest"],
  ["vault_redeem_cancel", "DELETE", "/api/v1/vault/redeem", ["vaultId"], "vaultRedeemCancel"],
  ["get_vault_pending_redeems", "GET", "/api/v1/vault/redeems/pending", ["vaultId"], "vaultPendingRedeemsQuery"]
]

describe("endpoint tables agree with the official spec", () => {
  const services = ["Markets", "Assets", "Funding", "Trades", "BorrowLend", "Vaults"] as const
  const mine = services.flatMap((service) =>
    Object.values(Endpoints.byService[service] as Record<string, Endpoint.Any>)
  )

  const fieldNames = (ast: AST.AST): Array<string> => {
    switch (ast._tag) {
      case "TypeLiteral":
        return ast.propertySignatures.map((p) => String(p.name))
      case "Refinement":
        return fieldNames(ast.from)
      case "Transformation":
        return fieldNames(ast.from)
      default:
        return []
    }
  }

  it("every operation of the six services has exactly one endpoint", () => {
    expect(mine.map((e) => e.operationId).sort()).toEqual(specOperations.map(([id]) => id).sort())
    expect(services.map((s) => Object.keys(Endpoints.byService[s]).length)).toEqual([12, 2, 2, 2, 6, 7])
  })

  for (const [operationId, method, path, params, instruction] of specOperations) {
    it(`${operationId}: ${method} ${path}`, () => {
      const endpoint = Endpoints.byOperationId(operationId)!
      expect(endpoint).toBeDefined()
      expect([endpoint.method, endpoint.path]).toEqual([method, path])
      expect(endpoint.encoding).toBe(method === "GET" ? "query" : "body")
      expect(fieldNames(endpoint.request.ast).sort()).toEqual([...params].sort())
      // signed exactly when the spec documents an instruction (liquidationPrice documents none)
      expect(endpoint.instruction).toBe(instruction)
    })
  }

  it("the klines and historical trades endpoints draw on the historical bucket", () => {
    expect(Endpoints.byService.Markets.getKlines.bucket).toBe("historical")
    expect(Endpoints.byService.Trades.getHistoricalTrades.bucket).toBe("historical")
    expect(Endpoints.byService.Markets.getDepth.bucket).toBe("standard")
    expect(mine.filter((e) => e.method !== "GET").every((e) => !e.idempotent)).toBe(true)
  })
})

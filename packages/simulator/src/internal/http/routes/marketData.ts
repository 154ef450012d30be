/**
 * Public market data: markets, tickers, depth, klines, mark prices, open interest, funding rates, trades.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as History from "../../engine/history.js"
import * as MarketData from "../../engine/marketData.js"
import * as Perps from "../../engine/perps.js"
import { klineIntervals } from "../../markets.js"
import * as Wire from "../../wire.js"
import { Enum, MarketType, QInt, QRepeated, QText, required } from "../edge.js"
import { empty, json } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { route } from "../route.js"

const Symbol_ = required(QText("MarketSymbol"))
const OptionalSymbol = Schema.optional(QText("MarketSymbol"))
const TickerInterval = Schema.optional(Enum("TickerInterval", ["1d", "1w"]))
const limitOffset = { limit: Schema.optional(QInt("uint64")), offset: Schema.optional(QInt("uint64")) }
const KlinesQuery = Schema.Struct({
  symbol: Symbol_,
  interval: required(Enum("KlineInterval", Object.keys(klineIntervals))),
  startTime: required(QInt("int64")),
  endTime: Schema.optional(QInt("int64")),
  priceType: Schema.optional(Enum("KlinePriceType", ["Last", "Index", "Mark"]))
})
const DEPTH_LIMITS = ["5", "10", "20", "50", "100", "500", "1000"] as const

const windowOf = (interval: "1d" | "1w" | undefined) => (interval === "1w" ? 7 * 86_400_000 : 86_400_000)

export const routes: RouteDomain = (engine) => [
  route({
    method: "GET",
    path: "/api/v1/markets",
    query: Schema.Struct({ marketType: QRepeated(MarketType) }),
    handler: ({ q }) => {
      const types: ReadonlyArray<string> = q.marketType ?? ["SPOT", "PERP"]
      return json([...engine.markets.values()].filter((m) => types.includes(m.def.marketType)).map(Wire.market))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/market",
    query: Schema.Struct({ symbol: Symbol_ }),
    handler: ({ q }) => json(Wire.market(engine.market(q.symbol)))
  }),
  route({
    method: "GET",
    path: "/api/v1/ticker",
    query: Schema.Struct({ symbol: Symbol_, interval: TickerInterval }),
    handler: ({ q }) => {
      const m = engine.market(q.symbol)
      const t = MarketData.ticker(engine, m, windowOf(q.interval))
      return t === undefined ? empty(204) : json(Wire.ticker(m, t), 200, { "cache-control": "max-age=1" })
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/tickers",
    query: Schema.Struct({ interval: TickerInterval }),
    handler: ({ q }) => {
      const window = windowOf(q.interval)
      const rows = [...engine.markets.values()].flatMap((m) => {
        const t = MarketData.ticker(engine, m, window)
        return t === undefined ? [] : [Wire.ticker(m, t)]
      })
      return json(rows)
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/depth",
    query: Schema.Struct({ symbol: Symbol_, limit: Schema.optional(Enum("DepthLimit", DEPTH_LIMITS)) }),
    handler: ({ q }) => json(Wire.depth(engine.market(q.symbol), Number(q.limit ?? "1000")))
  }),
  route({
    method: "GET",
    path: "/api/v1/klines",
    historical: true,
    query: KlinesQuery,
    handler: ({ q }) => {
      const m = engine.market(q.symbol)
      const end = q.endTime ?? Math.floor(engine.now() / 1000) + 1
      const from = MarketData.candleStart(q.interval, q.startTime * 1000)
      const rows = MarketData.candles(m, q.interval, from, end * 1000).slice(-1000)
      return json(rows.map((c) => Wire.kline(m, c)))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/markPrices",
    query: Schema.Struct({ symbol: OptionalSymbol, marketType: Schema.optional(MarketType) }),
    handler: ({ q }) => {
      const rows = q.symbol !== undefined ?
        [engine.market(q.symbol)] :
        [...engine.markets.values()].filter((m) => m.def.marketType === (q.marketType ?? "PERP"))
      return json(rows.map(Wire.markPrice))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/openInterest",
    query: Schema.Struct({ symbol: OptionalSymbol }),
    handler: ({ q }) => {
      const rows = q.symbol !== undefined
        ? [engine.market(q.symbol)]
        : [...engine.markets.values()].filter((m) => m.perp)
      return json(rows.map((m) => Wire.openInterest(engine, m, m.perp ? Perps.openInterest(m) : null)))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/fundingRates",
    query: Schema.Struct({ symbol: Symbol_, ...limitOffset }),
    handler: ({ q }) => {
      const m = engine.market(q.symbol)
      const offset = q.offset ?? 0
      const rows = [...m.fundingHistory].reverse().slice(offset, offset + Math.min(q.limit ?? 100, 10000))
      return json(rows.map((f) => Wire.fundingRate(m, f)))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/trades",
    query: Schema.Struct({ symbol: Symbol_, limit: Schema.optional(QInt("uint16")) }),
    handler: ({ q }) => {
      const m = engine.market(q.symbol)
      const limit = Math.min(q.limit ?? 100, 1000)
      // newest first, as the live exchange answers
      return json(History.page(m.trades, { newestFirst: true, offset: 0, limit }).map((t) => Wire.trade(m, t)))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/trades/history",
    historical: true,
    query: Schema.Struct({ symbol: Symbol_, ...limitOffset }),
    handler: ({ q }) => {
      const m = engine.market(q.symbol)
      const rows = History.page(m.trades, {
        newestFirst: true,
        offset: q.offset ?? 0,
        limit: Math.min(q.limit ?? 100, 1000)
      })
      return json(rows.reverse().map((t) => Wire.trade(m, t)))
    }
  })
]

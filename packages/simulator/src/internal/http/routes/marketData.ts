/**
 * Public market data: markets, tickers, depth, klines, mark prices, open interest, funding rates, trades.
 *
 * @internal
 */
import * as History from "../../engine/history.js"
import * as MarketData from "../../engine/marketData.js"
import * as Perps from "../../engine/perps.js"
import { klineIntervals } from "../../markets.js"
import * as Wire from "../../wire.js"
import { enumParam, intParam, MARKET_TYPES, marketTypesFilter, page, pageOf, reqString } from "../params.js"
import { empty, json } from "../reply.js"
import type { RouteDomain } from "../route.js"

const windowOf = (interval: "1d" | "1w") => (interval === "1w" ? 7 * 86_400_000 : 86_400_000)

export const routes: RouteDomain = (engine) => [
  {
    method: "GET",
    path: "/api/v1/markets",
    handler: ({ query }) => {
      const types = marketTypesFilter(query) ?? ["SPOT", "PERP"]
      return json([...engine.markets.values()].filter((m) => types.includes(m.def.marketType)).map(Wire.market))
    }
  },
  {
    method: "GET",
    path: "/api/v1/market",
    handler: ({ query }) => json(Wire.market(engine.market(reqString(query, "symbol", "MarketSymbol"))))
  },
  {
    method: "GET",
    path: "/api/v1/ticker",
    handler: ({ query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const interval = enumParam(query, "interval", "TickerInterval", ["1d", "1w"]) ?? "1d"
      const t = MarketData.ticker(engine, m, windowOf(interval))
      return t === undefined ? empty(204) : json(Wire.ticker(m, t), 200, { "cache-control": "max-age=1" })
    }
  },
  {
    method: "GET",
    path: "/api/v1/tickers",
    handler: ({ query }) => {
      const interval = enumParam(query, "interval", "TickerInterval", ["1d", "1w"]) ?? "1d"
      const rows = [...engine.markets.values()].flatMap((m) => {
        const t = MarketData.ticker(engine, m, windowOf(interval))
        return t === undefined ? [] : [Wire.ticker(m, t)]
      })
      return json(rows)
    }
  },
  {
    method: "GET",
    path: "/api/v1/depth",
    handler: ({ query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const limit = Number(
        enumParam(query, "limit", "DepthLimit", ["5", "10", "20", "50", "100", "500", "1000"]) ?? "1000"
      )
      return json(Wire.depth(m, limit))
    }
  },
  {
    method: "GET",
    path: "/api/v1/klines",
    historical: true,
    handler: ({ query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const interval = enumParam(query, "interval", "KlineInterval", Object.keys(klineIntervals), true)!
      const start = intParam(query, "startTime", "int64", true)!
      const end = intParam(query, "endTime", "int64") ?? Math.floor(engine.now() / 1000) + 1
      enumParam(query, "priceType", "KlinePriceType", ["Last", "Index", "Mark"])
      const from = MarketData.candleStart(interval, start * 1000)
      const rows = MarketData.candles(m, interval, from, end * 1000).slice(-1000)
      return json(rows.map((c) => Wire.kline(m, c)))
    }
  },
  {
    method: "GET",
    path: "/api/v1/markPrices",
    handler: ({ query }) => {
      const symbol = query.get("symbol")
      const type = enumParam(query, "marketType", "MarketType", MARKET_TYPES)
      const rows = symbol !== null ?
        [engine.market(symbol)] :
        [...engine.markets.values()].filter((m) => m.def.marketType === (type ?? "PERP"))
      return json(rows.map(Wire.markPrice))
    }
  },
  {
    method: "GET",
    path: "/api/v1/openInterest",
    handler: ({ query }) => {
      const symbol = query.get("symbol")
      const rows = symbol !== null ? [engine.market(symbol)] : [...engine.markets.values()].filter((m) => m.perp)
      return json(rows.map((m) => Wire.openInterest(engine, m, m.perp ? Perps.openInterest(m) : null)))
    }
  },
  {
    method: "GET",
    path: "/api/v1/fundingRates",
    handler: ({ query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const rows = [...m.fundingHistory].reverse().map((f) => Wire.fundingRate(m, f))
      return json(page(rows, query, 100, 10000))
    }
  },
  {
    method: "GET",
    path: "/api/v1/trades",
    handler: ({ query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const limit = Math.min(intParam(query, "limit", "uint16") ?? 100, 1000)
      // newest first, as the live exchange answers
      return json(History.page(m.trades, { newestFirst: true, offset: 0, limit }).map((t) => Wire.trade(m, t)))
    }
  },
  {
    method: "GET",
    path: "/api/v1/trades/history",
    historical: true,
    handler: ({ query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const rows = History.page(m.trades, { newestFirst: true, ...pageOf(query) })
      return json(rows.reverse().map((t) => Wire.trade(m, t)))
    }
  }
]

import { assert, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Simulator } from "../src/index.js"
import { get, signed } from "./helpers.js"

const DEMO = Simulator.DEMO_SECRET
const dec = /^-?\d+(\.\d+)?$/

layer(Simulator.layer({ seed: 7, rateLimits: false }), { excludeTestServices: true })("REST public", (it) => {
  it.effect("status, ping, time, wallets", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const status = yield* get(sim.url, "/api/v1/status")
      expect(status.json).toEqual({ status: "Ok", message: null })
      const ping = yield* get(sim.url, "/api/v1/ping")
      expect(ping.text).toBe("pong")
      expect(ping.headers.get("content-type")).toContain("text/plain")
      const time = yield* get(sim.url, "/api/v1/time")
      assert.match(time.text, /^\d{13}$/)
      const wallets = yield* get(sim.url, "/api/v1/wallets")
      expect(wallets.json[0]).toHaveProperty("blockchain")
      expect(wallets.json[0]).toHaveProperty("address")
    }))

  it.effect("assets and collateral", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const assets = yield* get(sim.url, "/api/v1/assets")
      const usdc = assets.json.find((a: any) => a.symbol === "USDC")
      expect(usdc.tokens[0]).toMatchObject({ blockchain: "Solana", nativeDecimals: 6, withdrawalFee: "1" })
      const coll = yield* get(sim.url, "/api/v1/collateral")
      expect(coll.json.find((c: any) => c.symbol === "SOL").haircutFunction.weight).toBe("0.9")
    }))

  it.effect("markets with marketType filter, single market, unknown market", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const all = yield* get(sim.url, "/api/v1/markets")
      const symbols = all.json.map((m: any) => m.symbol)
      expect(symbols).toEqual(
        expect.arrayContaining(["SOL_USDC", "BTC_USDC", "ETH_USDC", "SOL_USDC_PERP", "BTC_USDC_PERP"])
      )
      const perps = yield* get(sim.url, "/api/v1/markets?marketType=PERP")
      expect(perps.json.every((m: any) => m.marketType === "PERP")).toBe(true)
      const both = yield* get(sim.url, "/api/v1/markets?marketType=SPOT&marketType=PERP")
      expect(both.json.length).toBe(all.json.length)
      const bad = yield* get(sim.url, "/api/v1/markets?marketType=FOO")
      expect(bad.status).toBe(400)
      expect(bad.text).toBe(
        "failed to parse parameter `marketType`: failed to parse \"MarketType\": Expect a valid enumeration value."
      )
      const perp = yield* get(sim.url, "/api/v1/market?symbol=SOL_USDC_PERP")
      expect(perp.json).toMatchObject({
        symbol: "SOL_USDC_PERP",
        baseSymbol: "SOL",
        quoteSymbol: "USDC",
        marketType: "PERP",
        fundingInterval: 3600000,
        orderBookState: "Open",
        imfFunction: { type: "sqrt", base: "0.02", factor: "0.00006" },
        filters: {
          price: { tickSize: "0.01", minPrice: "0.01" },
          quantity: { stepSize: "0.01", minQuantity: "0.01", maxQuantity: null }
        }
      })
      const spot = yield* get(sim.url, "/api/v1/market?symbol=BTC_USDC")
      expect(spot.json.fundingInterval).toBeNull()
      expect(spot.json.filters.quantity.stepSize).toBe("0.00001")
      const unknown = yield* get(sim.url, "/api/v1/market?symbol=DOGE_USDC")
      expect(unknown.status).toBe(400)
      expect(unknown.json).toEqual({ code: "INVALID_MARKET", message: "Market not found" })
      const missing = yield* get(sim.url, "/api/v1/market")
      expect(missing.status).toBe(400)
      expect(missing.text).toContain("failed to parse parameter `symbol`")
    }))

  it.effect("ticker, tickers", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const t = yield* get(sim.url, "/api/v1/ticker?symbol=SOL_USDC")
      expect(t.status).toBe(200)
      expect(Object.keys(t.json).sort()).toEqual(
        [
          "firstPrice",
          "high",
          "lastPrice",
          "low",
          "priceChange",
          "priceChangePercent",
          "quoteVolume",
          "symbol",
          "trades",
          "volume"
        ]
      )
      for (const k of ["firstPrice", "high", "lastPrice", "low", "volume", "quoteVolume"]) assert.match(t.json[k], dec)
      assert.match(t.json.trades, /^\d+$/)
      const week = yield* get(sim.url, "/api/v1/ticker?symbol=SOL_USDC&interval=1w")
      expect(week.json.symbol).toBe("SOL_USDC")
      const badInterval = yield* get(sim.url, "/api/v1/ticker?symbol=SOL_USDC&interval=1h")
      expect(badInterval.status).toBe(400)
      const all = yield* get(sim.url, "/api/v1/tickers")
      expect(all.json.length).toBe(6)
    }))

  it.effect("depth: limits as strings, string lastUpdateId, µs timestamp, sorted levels", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const d = yield* get(sim.url, "/api/v1/depth?symbol=SOL_USDC&limit=5")
      expect(d.json.asks.length).toBe(5)
      expect(d.json.bids.length).toBe(5)
      expect(typeof d.json.lastUpdateId).toBe("string")
      assert.match(d.json.lastUpdateId, /^\d+$/)
      expect(d.json.timestamp).toBeGreaterThan(1_600_000_000_000_000)
      const asks = d.json.asks.map((l: Array<string>) => Number(l[0]))
      const bids = d.json.bids.map((l: Array<string>) => Number(l[0]))
      expect([...asks].sort((a, b) => a - b)).toEqual(asks)
      expect([...bids].sort((a, b) => a - b)).toEqual(bids) // live API: bids ascending too
      expect(bids[bids.length - 1]).toBeLessThan(asks[0])
      assert.match(d.json.asks[0][0], /^\d+\.\d{2}$/)
      const bad = yield* get(sim.url, "/api/v1/depth?symbol=SOL_USDC&limit=7")
      expect(bad.status).toBe(400)
      expect(bad.text).toBe(
        "failed to parse parameter `limit`: failed to parse \"DepthLimit\": Expect a valid enumeration value."
      )
    }))

  it.effect("klines: seconds, enum interval, spaced timestamps", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const start = Math.floor(Date.now() / 1000) - 3600
      const k = yield* get(sim.url, `/api/v1/klines?symbol=SOL_USDC&interval=1m&startTime=${start}`)
      expect(k.status).toBe(200)
      expect(k.json.length).toBeGreaterThan(0)
      const row = k.json[0]
      assert.match(row.start, /^\d{4}-\d\d-\d\d \d\d:\d\d:00$/)
      assert.match(row.end, /^\d{4}-\d\d-\d\d \d\d:\d\d:00$/)
      for (const key of ["open", "high", "low", "close", "volume", "quoteVolume"]) assert.match(row[key], dec)
      assert.match(row.trades, /^\d+$/)
      const bad = yield* get(sim.url, `/api/v1/klines?symbol=SOL_USDC&interval=1H&startTime=${start}`)
      expect(bad.status).toBe(400)
      expect(bad.text).toBe(
        "failed to parse parameter `interval`: failed to parse \"KlineInterval\": Expect a valid enumeration value."
      )
      const noStart = yield* get(sim.url, "/api/v1/klines?symbol=SOL_USDC&interval=1m")
      expect(noStart.status).toBe(400)
      const future = yield* get(sim.url, `/api/v1/klines?symbol=SOL_USDC&interval=1m&startTime=${start + 7200}`)
      expect(future.json).toEqual([])
    }))

  it.effect("trades, trades/history", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const t = yield* get(sim.url, "/api/v1/trades?symbol=ETH_USDC&limit=3")
      expect(t.json.length).toBe(3)
      expect(Object.keys(t.json[0]).sort()).toEqual([
        "id",
        "isBuyerMaker",
        "price",
        "quantity",
        "quoteQuantity",
        "timestamp"
      ])
      expect(typeof t.json[0].id).toBe("number")
      // newest first, as the live exchange answers
      expect(t.json[0].id).toBeGreaterThan(t.json[1].id)
      expect(t.json[1].id).toBeGreaterThan(t.json[2].id)
      expect(t.json[0].timestamp).toBeLessThan(10_000_000_000_000)
      const h = yield* get(sim.url, "/api/v1/trades/history?symbol=ETH_USDC&limit=2&offset=1")
      expect(h.json.length).toBe(2)
      expect(h.json[1].id).toBe(t.json[1].id)
    }))

  it.effect("markPrices, openInterest, fundingRates", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const mp = yield* get(sim.url, "/api/v1/markPrices?symbol=BTC_USDC_PERP")
      expect(mp.json).toEqual([
        {
          fundingRate: "0.0001",
          indexPrice: "100000.0",
          markPrice: "100000.0",
          nextFundingTimestamp: expect.any(Number),
          symbol: "BTC_USDC_PERP"
        }
      ])
      const all = yield* get(sim.url, "/api/v1/markPrices")
      expect(all.json.map((m: any) => m.symbol)).toEqual(["SOL_USDC_PERP", "BTC_USDC_PERP", "ETH_USDC_PERP"])
      const oi = yield* get(sim.url, "/api/v1/openInterest?symbol=SOL_USDC_PERP")
      expect(oi.json[0]).toMatchObject({ symbol: "SOL_USDC_PERP", openInterest: expect.stringMatching(dec) })
      yield* sim.settleFunding("SOL_USDC_PERP")
      const fr = yield* get(sim.url, "/api/v1/fundingRates?symbol=SOL_USDC_PERP")
      expect(fr.json[0]).toEqual({
        symbol: "SOL_USDC_PERP",
        intervalEndTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        fundingRate: "0.0001"
      })
    }))

  it.effect("unknown routes are 404", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const r = yield* get(sim.url, "/api/v1/nope")
      expect(r.status).toBe(404)
    }))
})

layer(Simulator.layer({ seed: 11, rateLimits: false }), { excludeTestServices: true })("REST signed", (it) => {
  it.effect("account get/patch, limits", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const acc = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/account",
        instruction: "accountQuery"
      })
      expect(acc.status).toBe(200)
      expect(acc.json).toMatchObject({
        leverageLimit: "10",
        spotMakerFee: "2",
        spotTakerFee: "5",
        limitOrders: 0,
        liquidating: false
      })
      const patch = yield* signed(sim.url, {
        secret: DEMO,
        method: "PATCH",
        path: "/api/v1/account",
        instruction: "accountUpdate",
        params: { leverageLimit: "5", autoLend: true }
      })
      expect(patch.status).toBe(200)
      expect(patch.text).toBe("")
      const again = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/account",
        instruction: "accountQuery"
      })
      expect(again.json).toMatchObject({ leverageLimit: "5", autoLend: true })
      const borrow = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/account/limits/borrow",
        instruction: "maxBorrowQuantity",
        params: { symbol: "SOL" }
      })
      // collateral-weighted equity of the demo balances / (SOL mark × (1 + borrow IMF 0.2 − weight 0.9))
      expect(borrow.json).toEqual({ maxBorrowQuantity: "11102.7538", symbol: "SOL" })
      const order = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/account/limits/order",
        instruction: "maxOrderQuantity",
        params: { symbol: "SOL_USDC", side: "Ask" }
      })
      expect(order.json).toMatchObject({ maxOrderQuantity: "1000.00", side: "Ask", symbol: "SOL_USDC" })
      const wd = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/api/v1/account/limits/withdrawal",
        instruction: "maxWithdrawalQuantity",
        params: { symbol: "BTC" }
      })
      expect(wd.json).toMatchObject({ maxWithdrawalQuantity: "2", symbol: "BTC" })
    }))

  it.effect("capital, collateral, deposits, deposit address, withdrawals", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const trader = yield* sim.createAccount({ balances: { USDC: "500" } })
      const cap = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "GET",
        path: "/api/v1/capital",
        instruction: "balanceQuery"
      })
      expect(cap.json).toEqual({ USDC: { available: "500", locked: "0", staked: "0" } })
      const coll = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "GET",
        path: "/api/v1/capital/collateral",
        instruction: "collateralQuery"
      })
      expect(coll.json).toMatchObject({ assetsValue: "500", netEquity: "500", marginFraction: null })
      expect(coll.json.collateral[0]).toMatchObject({ symbol: "USDC", totalQuantity: "500", availableQuantity: "500" })
      const deps = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "GET",
        path: "/wapi/v1/capital/deposits",
        instruction: "depositQueryAll"
      })
      expect(deps.json[0]).toMatchObject({
        symbol: "USDC",
        quantity: "500",
        status: "confirmed",
        source: "administrator"
      })
      const addr = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "GET",
        path: "/wapi/v1/capital/deposit/address",
        instruction: "depositAddressQuery",
        params: { blockchain: "Ethereum" }
      })
      assert.match(addr.json.address, /^0x[0-9a-f]{40}$/)
      const w = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "POST",
        path: "/wapi/v1/capital/withdrawals",
        instruction: "withdraw",
        params: {
          address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
          blockchain: "Ethereum",
          quantity: "10",
          symbol: "USDC"
        }
      })
      expect(w.status).toBe(200)
      expect(w.json).toMatchObject({
        blockchain: "Ethereum",
        fee: "3",
        quantity: "10",
        status: "pending",
        symbol: "USDC",
        clientId: null
      })
      const list = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "GET",
        path: "/wapi/v1/capital/withdrawals",
        instruction: "withdrawalQueryAll"
      })
      expect(list.json[0]).toMatchObject({ id: w.json.id, status: "confirmed" })
      const after = yield* sim.balances(trader.apiKey)
      expect(after.USDC).toEqual({ available: "487", locked: "0", staked: "0" })
      const tooMuch = yield* signed(sim.url, {
        secret: trader.apiSecret,
        method: "POST",
        path: "/wapi/v1/capital/withdrawals",
        instruction: "withdraw",
        params: { address: "0xabc", blockchain: "Ethereum", quantity: "1000", symbol: "USDC" }
      })
      expect(tooMuch.status).toBe(400)
      expect(tooMuch.json).toEqual({ code: "INSUFFICIENT_FUNDS", message: "Insufficient funds" })
    }))

  it.effect("order lifecycle over REST: execute, query, list, cancel, history, fills", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const t = yield* sim.createAccount({ balances: { USDC: "10000", SOL: "10" } })
      const placed = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "150.00", quantity: "2", clientId: 77 }
      })
      expect(placed.status).toBe(200)
      expect(placed.json).toMatchObject({
        orderType: "Limit",
        clientId: 77,
        symbol: "SOL_USDC",
        side: "Bid",
        price: "150",
        quantity: "2",
        executedQuantity: "0",
        executedQuoteQuantity: "0",
        status: "New",
        timeInForce: "GTC",
        selfTradePrevention: "RejectTaker",
        postOnly: false,
        reduceOnly: null,
        triggerPrice: null,
        relatedOrderId: null
      })
      // ids look like today's live ones (10 digits, e.g. "4227701917"), kept as strings
      assert.match(placed.json.id, /^\d{10}$/)
      expect(typeof placed.json.createdAt).toBe("number")
      const cap = yield* sim.balances(t.apiKey)
      expect(cap.USDC).toEqual({ available: "9700", locked: "300", staked: "0" })

      const dup = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "150.00", quantity: "1", clientId: 77 }
      })
      expect(dup.json).toEqual({ code: "INVALID_ORDER", message: "Order with client ID already exists: 77" })

      const q = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/api/v1/order",
        instruction: "orderQuery",
        params: { symbol: "SOL_USDC", clientId: 77 }
      })
      expect(q.json.id).toBe(placed.json.id)
      const open = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/api/v1/orders",
        instruction: "orderQueryAll",
        params: { symbol: "SOL_USDC" }
      })
      expect(open.json.map((o: any) => o.id)).toEqual([placed.json.id])
      const neither = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "DELETE",
        path: "/api/v1/order",
        instruction: "orderCancel",
        params: { symbol: "SOL_USDC" }
      })
      expect(neither.json).toEqual({
        code: "INVALID_CLIENT_REQUEST",
        message: "Must specify either `clientId` or `orderId`"
      })
      const cancel = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "DELETE",
        path: "/api/v1/order",
        instruction: "orderCancel",
        params: { symbol: "SOL_USDC", orderId: placed.json.id }
      })
      expect(cancel.json).toMatchObject({ id: placed.json.id, status: "Cancelled" })
      const gone = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/api/v1/order",
        instruction: "orderQuery",
        params: { symbol: "SOL_USDC", orderId: placed.json.id }
      })
      expect(gone.status).toBe(404)
      expect(gone.json).toEqual({ code: "RESOURCE_NOT_FOUND", message: "Order not found" })
      expect((yield* sim.balances(t.apiKey)).USDC).toEqual({ available: "10000", locked: "0", staked: "0" })

      // a market sell fills against the seeded book
      const sell = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: { symbol: "SOL_USDC", side: "Ask", orderType: "Market", quantity: "1.5" }
      })
      expect(sell.json).toMatchObject({
        orderType: "Market",
        status: "Filled",
        executedQuantity: "1.5",
        quantity: "1.5",
        // sized in base, it answers the quote expected from the book, rounded up to the tick
        quoteQuantity: expect.stringMatching(/^\d+(\.\d{1,2})?$/)
      })
      expect(Number(sell.json.quoteQuantity)).toBeGreaterThanOrEqual(Number(sell.json.executedQuoteQuantity))
      expect(Number(sell.json.quoteQuantity) - Number(sell.json.executedQuoteQuantity)).toBeLessThan(0.01)
      const fills = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/wapi/v1/history/fills",
        instruction: "fillHistoryQueryAll",
        params: { symbol: "SOL_USDC", limit: 100, offset: 0 }
      })
      expect(fills.json.length).toBeGreaterThan(0)
      expect(fills.json[0]).toMatchObject({
        orderId: sell.json.id,
        side: "Ask",
        isMaker: false,
        feeSymbol: "USDC",
        systemOrderType: null
      })
      assert.match(fills.json[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/)
      const hist = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/wapi/v1/history/orders",
        instruction: "orderHistoryQueryAll",
        params: { symbol: "SOL_USDC" }
      })
      expect(hist.json.map((o: any) => o.status)).toEqual(["Filled", "Cancelled"])
      assert.match(hist.json[0].createdAt, /^\d{4}-\d\d-\d\dT/)

      // batch: per-element result
      const batch = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "POST",
        path: "/api/v1/orders",
        instruction: "orderExecute",
        params: [
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100.00", quantity: "1" },
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100.001", quantity: "1" }
        ]
      })
      expect(batch.status).toBe(200)
      expect(batch.json[0]).toMatchObject({ operation: "Ok", status: "New", price: "100" })
      expect(batch.json[1]).toEqual({ code: "INVALID_PRICE", message: "Price decimal too long", operation: "Err" })
      const all = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "DELETE",
        path: "/api/v1/orders",
        instruction: "orderCancelAll",
        params: { symbol: "SOL_USDC" }
      })
      expect(all.json.map((o: any) => o.status)).toEqual(["Cancelled"])
    }))

  it.effect("perp position and funding history", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      const t = yield* sim.createAccount({ balances: { USDC: "10000" } })
      const buy = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Market", quantity: "2" }
      })
      expect(buy.json.status).toBe("Filled")
      const pos = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/api/v1/position",
        instruction: "positionQuery"
      })
      expect(pos.json.length).toBe(1)
      expect(pos.json[0]).toMatchObject({
        symbol: "SOL_USDC_PERP",
        netQuantity: "2.00",
        pnlRealized: "0",
        subaccountId: null
      })
      expect(Object.keys(pos.json[0])).toEqual(expect.arrayContaining([
        "breakEvenPrice",
        "entryPrice",
        "estLiquidationPrice",
        "imf",
        "imfFunction",
        "markPrice",
        "mmf",
        "mmfFunction",
        "netCost",
        "netExposureNotional",
        "netExposureQuantity",
        "pnlUnrealized",
        "cumulativeFundingPayment",
        "positionId",
        "userId",
        "cumulativeInterest"
      ]))
      const none = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/api/v1/position",
        instruction: "positionQuery",
        params: { symbol: "BTC_USDC_PERP" }
      })
      expect(none.status).toBe(404)
      yield* sim.setMarkPrice("SOL_USDC_PERP", "200.00")
      yield* sim.setFundingRate("SOL_USDC_PERP", "0.0001")
      yield* sim.settleFunding("SOL_USDC_PERP")
      const funding = yield* signed(sim.url, {
        secret: t.apiSecret,
        method: "GET",
        path: "/wapi/v1/history/funding",
        instruction: "fundingHistoryQueryAll"
      })
      // long 2 @ mark 200 * 0.0001 → pays 0.04
      expect(funding.json[0]).toMatchObject({
        symbol: "SOL_USDC_PERP",
        quantity: "-0.04",
        fundingRate: "0.0001",
        userId: t.userId
      })
    }))
})

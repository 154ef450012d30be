/**
 * Accessors: every service method is also a function of its module that takes the service from the
 * context (`Markets.getDepth(params)`), generated from the service's endpoint group. Calls run
 * through a mock HttpClient and assert the decoded values.
 */
import * as Sdk from "@effect-backpack/sdk"
import { BackpackError, Capital, Endpoints, History, Markets, Orders, Positions, System } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Chunk, Effect, Stream } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

const fill = (orderId: string) => ({
  clientId: null,
  fee: "0.004974",
  feeSymbol: "USDC",
  isMaker: false,
  orderId,
  price: "3826.15",
  quantity: "0.0026",
  side: "Bid",
  symbol: "ETH_USDC_PERP",
  systemOrderType: null,
  timestamp: "2025-07-27T17:39:00.092",
  tradeId: 9748827
})

const fills = ["1", "2", "3"].map(fill)

const serverTime = 1_753_624_283_415

/** One mock exchange for the suite, answering by route. */
const http = mockHttp((request) => {
  const route = `${request.method} ${request.path}`
  switch (route) {
    case "GET /api/v1/depth":
      return {
        text: `{"asks":[["118318.3","0.00633"]],"bids":[["1.0","0.38647"],["12.9","1.00000"]],` +
          `"lastUpdateId":"1504999670","timestamp":1753102447307501}`
      }
    case "GET /api/v1/capital":
      return { body: { USDC: { available: "112.847976936", locked: "2.5", staked: "0.1" } } }
    case "POST /api/v1/order": {
      const body = request.json as Record<string, unknown>
      return {
        body: {
          orderType: "Limit",
          id: "8284661092",
          clientId: body.clientId,
          createdAt: 1753624283415,
          executedQuantity: "0",
          executedQuoteQuantity: "0",
          postOnly: false,
          price: body.price,
          quantity: body.quantity,
          selfTradePrevention: "RejectTaker",
          side: body.side,
          status: "New",
          symbol: body.symbol,
          timeInForce: "GTC"
        }
      }
    }
    case "GET /api/v1/time":
      return { text: String(serverTime) }
    case "GET /wapi/v1/history/fills": {
      const offset = Number(request.query.offset)
      return { body: fills.slice(offset, offset + Number(request.query.limit)) }
    }
    case "GET /api/v1/position":
      return { status: 404, body: { code: "RESOURCE_NOT_FOUND", message: "Position not found" } }
    default:
      return { status: 500, body: { code: "INTERNAL_ERROR", message: `no route ${route}` } }
  }
})

const requestsTo = (path: string) => http.requests.filter((request) => request.path === path)

layer(sdkLayer(http.layer))("Accessors", (it) => {
  it("every method of every service is exported from its module under the same name", () => {
    const modules = Sdk as unknown as Record<string, Record<string, unknown>>
    let count = 0
    for (const [service, group] of Object.entries(Endpoints.byService)) {
      for (const method of Object.keys(group)) {
        expect(typeof modules[service]![method], `${service}.${method}`).toBe("function")
        count++
      }
    }
    expect(count).toBe(81)
    expect(typeof Orders.reconcile).toBe("function")
    expect(Effect.isEffect(System.syncClock)).toBe(true)
  })

  it.effect("Markets.getDepth sends the params and decodes the book", () =>
    Effect.gen(function*() {
      const depth = yield* Markets.getDepth({ symbol: "BTC_USDC", limit: "10" })
      expect(requestsTo("/api/v1/depth").at(-1)!.query).toEqual({ symbol: "BTC_USDC", limit: "10" })
      expect(depth.lastUpdateId).toBe(1504999670n)
      expect(depth.bids.map(([price]) => BigDecimal.format(price))).toEqual(["12.9", "1"])
      expect(depth.asks.map(([price, quantity]) => [BigDecimal.format(price), BigDecimal.format(quantity)])).toEqual([
        ["118318.3", "0.00633"]
      ])
    }))

  it.effect("Capital.getBalances() takes no argument and is signed", () =>
    Effect.gen(function*() {
      const balances = yield* Capital.getBalances()
      expect(balances.USDC!.total).toEqual(BigDecimal.unsafeFromString("115.447976936"))
      expect(balances.USDC).toBeInstanceOf(Capital.Balance)
      expectSigned(requestsTo("/api/v1/capital").at(-1)!, "balanceQuery", {})
    }))

  it.effect("Orders.executeOrder runs the service's own logic (generated clientId)", () =>
    Effect.gen(function*() {
      const order = yield* Orders.executeOrder({
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        quantity: "1.50",
        price: "20.50"
      })
      const sent = requestsTo("/api/v1/order").at(-1)!.json as Record<string, unknown>
      expect(sent.quantity).toBe("1.50")
      expect(typeof sent.clientId).toBe("number")
      expect(order.clientId).toBe(sent.clientId)
      expect(order.orderType).toBe("Limit")
      expect(order.symbol).toBe("SOL_USDC")
    }))

  it.effect("System.syncClock sets the offset used by later signed calls", () =>
    Effect.gen(function*() {
      // TestClock: the local clock reads 0, so the offset is the server time
      const offset = yield* System.syncClock
      expect(offset).toBe(serverTime)
      yield* Capital.getBalances()
      expect(requestsTo("/api/v1/capital").at(-1)!.headers["x-timestamp"]).toBe(String(serverTime))
      expect(yield* System.getTime()).toBe(serverTime)
    }))

  it.effect("History.paginate walks the pages of an accessor", () =>
    Effect.gen(function*() {
      const rows = yield* Stream.runCollect(History.paginate(History.getFills, { symbol: "ETH_USDC_PERP" }, 2))
      expect(Chunk.toReadonlyArray(rows).map((row) => row.orderId)).toEqual(["1", "2", "3"])
      expect(requestsTo("/wapi/v1/history/fills").map((request) => request.query.offset)).toEqual(["0", "2"])
    }))

  it.effect("Positions.getPositions keeps the 404-as-empty rule; other failures are BackpackErrors", () =>
    Effect.gen(function*() {
      expect(yield* Positions.getPositions({ symbol: "SOL_USDC_PERP" })).toEqual([])
      const error = yield* Effect.flip(Positions.getPositions())
      expect(BackpackError.isBackpackError(error)).toBe(true)
      expect(error._tag === "ApiError" && [error.status, error.code]).toEqual([404, "RESOURCE_NOT_FOUND"])
      expect(BackpackError.isBackpackError(new Error("other"))).toBe(false)
      expect(BackpackError.isBackpackError({ _tag: "ApiError" })).toBe(false)
    }))
})

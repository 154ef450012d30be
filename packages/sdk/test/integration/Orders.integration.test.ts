/**
 * The SDK against the real simulator (127.0.0.1, port 0): undici HTTP client, Node signer, real
 * signatures and timestamps. Places, lists, cancels and fills orders, checks balances, and drives
 * `OutcomeUnknown` + `Orders.reconcile` through the simulator's "drop connection after the order was
 * accepted" fault.
 */
import { Account, BackpackError, Orders, Positions } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Layer, Redacted } from "effect"

type Sim = Simulator.SimulatorService

/** A simulator with empty books, a funded trader and a funded maker; `body` runs the SDK as the trader. */
const withTrader = <A, E>(
  body: (
    sim: Sim,
    trader: Simulator.AccountCredentials,
    maker: Simulator.AccountCredentials
  ) => Effect.Effect<A, E, Orders.Orders | Account.Account | Positions.Positions>,
  options: { readonly retries?: number; readonly usdc?: string } = {}
) =>
  Effect.scoped(
    Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 7, rateLimits: false, liquidity: false, demoAccount: false })
      const trader = yield* sim.createAccount({ balances: { USDC: options.usdc ?? "10000" } })
      const maker = yield* sim.createAccount({ balances: { SOL: "50", USDC: "10000" } })
      const sdk = BackpackNode.layer({
        host: sim.url,
        apiSecret: Redacted.make(trader.apiSecret),
        retries: options.retries ?? 0
      })
      return yield* body(sim, trader, maker).pipe(Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock)))
    })
  )

const dec = (s: string) => BigDecimal.unsafeFromString(s)

describe("Orders against the simulator", () => {
  it.effect("places a resting order, finds it open, cancels it; locked funds follow", () =>
    withTrader((sim, trader) =>
      Effect.gen(function*() {
        const orders = yield* Orders.Orders
        const placed = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "100.00",
          quantity: "2.00"
        })
        expect(placed.orderType).toBe("Limit")
        expect(placed.status).toBe("New")
        expect(typeof placed.clientId).toBe("number")
        const locked = yield* sim.balances(trader.apiKey)
        expect(BigDecimal.equals(dec(locked.USDC!.locked), dec("200"))).toBe(true)
        expect(BigDecimal.equals(dec(locked.USDC!.available), dec("9800"))).toBe(true)

        const open = yield* orders.getOpenOrders({ symbol: "SOL_USDC" })
        expect(open.map((o) => o.id)).toEqual([placed.id])
        const byClientId = yield* orders.getOrder({ symbol: "SOL_USDC", clientId: placed.clientId! })
        expect(byClientId.id).toBe(placed.id)

        const cancelled = yield* orders.cancelOrder({ symbol: "SOL_USDC", orderId: placed.id })
        if (Orders.isCancelAccepted(cancelled)) throw new Error("the simulator answers the cancelled order")
        expect(cancelled.status).toBe("Cancelled")
        expect(yield* orders.getOpenOrders({ symbol: "SOL_USDC" })).toEqual([])
        const gone = yield* Effect.flip(orders.getOrder({ symbol: "SOL_USDC", orderId: placed.id }))
        expect(gone._tag === "ApiError" && gone.status).toBe(404)
        const after = yield* sim.balances(trader.apiKey)
        expect(BigDecimal.equals(dec(after.USDC!.locked), dec("0"))).toBe(true)
        expect(BigDecimal.equals(dec(after.USDC!.available), dec("10000"))).toBe(true)
      })
    ))

  it.effect("fills a market order against a maker; fills and balances are exact", () =>
    withTrader((sim, trader, maker) =>
      Effect.gen(function*() {
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "150.00",
          quantity: "3.00"
        })
        const orders = yield* Orders.Orders
        const order = yield* orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Market",
          quantity: "2.00"
        })
        expect(order.orderType).toBe("Market")
        expect(order.status).toBe("Filled")
        expect(BigDecimal.equals(order.executedQuantity, dec("2"))).toBe(true)
        expect(BigDecimal.equals(order.executedQuoteQuantity, dec("300"))).toBe(true)
        // taker fee (5 bps) is paid in the base asset by a spot buyer
        const balances = yield* sim.balances(trader.apiKey)
        expect(BigDecimal.equals(dec(balances.SOL!.available), dec("1.999"))).toBe(true)
        expect(BigDecimal.equals(dec(balances.USDC!.available), dec("9700"))).toBe(true)
        const account = yield* (yield* Account.Account).getAccount()
        expect(account.limitOrders).toBe(0)
        const open = yield* orders.getOpenOrders({ symbol: "SOL_USDC" })
        expect(open).toEqual([])
      })
    ))

  it.effect("batch: one order placed, one refused, decoded per element; cancel-all clears the book", () =>
    withTrader((sim, trader) =>
      Effect.gen(function*() {
        const orders = yield* Orders.Orders
        const results = yield* orders.executeOrders([
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100.00", quantity: "1.00" },
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100.00", quantity: "500.00" },
          { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "99.00", quantity: "1.00" }
        ])
        expect(results).toHaveLength(3)
        expect(results[0]).toBeInstanceOf(Orders.LimitOrder)
        expect(Orders.isBatchOrderError(results[1]!)).toBe(true)
        expect((results[1] as Orders.BatchOrderError).code).toBe("INSUFFICIENT_FUNDS")
        expect(results[2]).toBeInstanceOf(Orders.LimitOrder)
        const cancelled = yield* orders.cancelOpenOrders({ symbol: "SOL_USDC" })
        if (Orders.isCancelAccepted(cancelled)) throw new Error("the simulator answers the cancelled orders")
        expect(cancelled.map((o) => o.status)).toEqual(["Cancelled", "Cancelled"])
        expect(yield* orders.getOpenOrders()).toEqual([])
        const balances = yield* sim.balances(trader.apiKey)
        expect(BigDecimal.equals(dec(balances.USDC!.available), dec("1000"))).toBe(true)
      }), { usdc: "1000" }))

  it.effect("a connection dropped after the order was accepted: OutcomeUnknown, then reconcile finds it", () =>
    withTrader((sim, trader, maker) =>
      Effect.gen(function*() {
        const orders = yield* Orders.Orders

        // a resting order: found among the open orders
        yield* sim.faults.dropAfterAccept(1)
        const resting = yield* Effect.flip(orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          price: "100.00",
          quantity: "1.00"
        }))
        expect(resting).toBeInstanceOf(BackpackError.OutcomeUnknown)
        if (resting._tag !== "OutcomeUnknown") throw resting
        expect(resting.clientIds).toHaveLength(1)
        const [open] = yield* orders.reconcile(resting)
        if (open?._tag !== "OrderPlaced") throw new Error(`expected OrderPlaced, got ${open?._tag}`)
        expect(open.source).toBe("open")
        expect(open.order.clientId).toBe(resting.clientIds[0])
        expect((yield* orders.getOpenOrders({ symbol: "SOL_USDC" })).length).toBe(1)

        // a filled order: gone from the book, found in the history
        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC",
          side: "Ask",
          orderType: "Limit",
          price: "101.00",
          quantity: "5.00"
        })
        yield* sim.faults.dropAfterAccept(1)
        const filled = yield* Effect.flip(orders.executeOrder({
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Market",
          quantity: "2.00"
        }))
        if (filled._tag !== "OutcomeUnknown") throw filled
        const [fromHistory] = yield* orders.reconcile(filled)
        if (fromHistory?._tag !== "OrderPlaced") throw new Error(`expected OrderPlaced, got ${fromHistory?._tag}`)
        expect(fromHistory.source).toBe("history")
        expect(fromHistory.order.status).toBe("Filled")
        const balances = yield* sim.balances(trader.apiKey)
        expect(BigDecimal.greaterThan(dec(balances.SOL!.available), dec("1.99"))).toBe(true)

        // a request that never created anything: not placed
        const [notPlaced] = yield* orders.reconcile(
          new BackpackError.OutcomeUnknown({
            operation: "Orders.executeOrder",
            symbol: "SOL_USDC",
            clientIds: [4_000_000_000],
            request: new BackpackError.SentRequest({
              method: "POST",
              path: "/api/v1/order",
              params: { symbol: "SOL_USDC", clientId: 4_000_000_000 }
            }),
            reason: "socket hang up"
          })
        )
        expect(notPlaced).toEqual(new Orders.OrderNotPlaced({ clientId: 4_000_000_000, symbol: "SOL_USDC" }))
      }), { retries: 3 }))

  it.effect("account settings, limits and perp positions", () =>
    withTrader((sim, trader, maker) =>
      Effect.gen(function*() {
        const account = yield* Account.Account
        yield* account.updateAccountSettings({ leverageLimit: "5" })
        const summary = yield* account.getAccount()
        expect(BigDecimal.equals(summary.leverageLimit, dec("5"))).toBe(true)
        const max = yield* account.getMaxOrderQuantity({ symbol: "SOL_USDC", side: "Bid", price: "100.00" })
        expect(BigDecimal.equals(max.maxOrderQuantity, dec("100"))).toBe(true)
        const withdrawable = yield* account.getMaxWithdrawalQuantity({ symbol: "USDC" })
        expect(BigDecimal.equals(withdrawable.maxWithdrawalQuantity, dec("10000"))).toBe(true)

        yield* sim.executeOrder(maker.apiKey, {
          symbol: "SOL_USDC_PERP",
          side: "Ask",
          orderType: "Limit",
          price: "150.00",
          quantity: "5.00"
        })
        yield* (yield* Orders.Orders).executeOrder({
          symbol: "SOL_USDC_PERP",
          side: "Bid",
          orderType: "Market",
          quantity: "1.00"
        })
        const positions = yield* Positions.Positions
        const all = yield* positions.getPositions()
        expect(all.map((p) => [p.symbol, BigDecimal.format(p.netQuantity)])).toEqual([["SOL_USDC_PERP", "1"]])
        expect(BigDecimal.equals(all[0]!.entryPrice, dec("150"))).toBe(true)
        // the simulator, like the exchange, answers 404 for a market without a position: read as []
        expect(yield* positions.getPositions({ symbol: "BTC_USDC_PERP" })).toEqual([])
        expect(trader.apiKey).not.toBe(maker.apiKey)
      })
    ))
})

/**
 * The SDK's mapping of each simulator fault, over real HTTP: a post-execution 5xx, cut, dropped, late or malformed
 * answer to a placement or a withdrawal is `OutcomeUnknown`, the request sent once, and `Orders.reconcile` finds the
 * order; a 202 on a cancel is `CancelAccepted` and the cancel took effect; pre-execution 429/503 on a read are
 * retried; with the exchange's clock offset and drifting, the SDK's automatic clock handling keeps signed calls
 * going.
 */
import { Capital, Orders } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, type Duration, Effect, Either, Redacted } from "effect"

const start = Effect.gen(function*() {
  const sim = yield* Simulator.make({ seed: 12, rateLimits: false, liquidity: false, demoAccount: false })
  const trader = yield* sim.createAccount({ balances: { USDC: "100000", SOL: "100" } })
  return { sim, trader }
})

const sdk = (
  url: string,
  secret: string,
  options: { readonly timeout?: Duration.DurationInput; readonly window?: number } = {}
) =>
  BackpackNode.layer({
    host: url,
    apiSecret: Redacted.make(secret),
    timeout: options.timeout ?? "2 seconds",
    window: options.window ?? 5000,
    rateLimits: "unlimited"
  })

const bid = (clientId: number) =>
  ({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100", quantity: "1", clientId }) as const

const postExecution = [
  { kind: "serverError", faults: { serverError: 1 } },
  { kind: "cutMidBody", faults: { cutMidBody: 1 } },
  { kind: "dropAnswer", faults: { dropAnswer: 1 } },
  { kind: "lateAnswer", faults: { lateAnswer: 1, lateAnswerMs: 1500 } },
  { kind: "truncatedJson", faults: { truncatedJson: 1 } },
  { kind: "htmlPage", faults: { htmlPage: 1 } },
  { kind: "emptyBody", faults: { emptyBody: 1 } }
] as const

/** One placement under a post-execution fault: OutcomeUnknown, sent once, reconciled as placed. */
const placement = (
  sim: Simulator.SimulatorService,
  trader: Simulator.AccountCredentials,
  faults: Simulator.RouteFaults,
  kind: string,
  clientId: number
) =>
  Effect.gen(function*() {
    yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": faults } })
    const outcome = yield* Effect.flip(Orders.executeOrder(bid(clientId)))
    expect(outcome._tag).toBe("OutcomeUnknown")
    if (outcome._tag !== "OutcomeUnknown") return
    expect(outcome.operation).toBe("Orders.executeOrder")
    expect(outcome.clientIds).toEqual([clientId])
    const stats = yield* sim.faults.stats
    expect(stats.requests["POST /api/v1/order"]).toBe(1)
    expect(stats.injected["POST /api/v1/order"]).toEqual({ [kind]: 1 })
    yield* sim.faults.reset
    const [settled] = yield* Orders.reconcile(outcome)
    expect(settled?._tag).toBe("OrderPlaced")
    if (settled?._tag === "OrderPlaced") {
      expect(settled.source).toBe("open")
      expect(settled.order.clientId).toBe(clientId)
    }
    expect((yield* sim.balances(trader.apiKey)).USDC).toEqual({ available: "99900", locked: "100", staked: "0" })
  })

describe("SDK under simulator faults", () => {
  for (const [i, { faults, kind }] of postExecution.entries()) {
    it.live(
      `${kind} after a placement: OutcomeUnknown, sent once, reconciled as placed`,
      () =>
        Effect.scoped(Effect.gen(function*() {
          const { sim, trader } = yield* start
          // a held answer outlives the client's timeout
          const layer = sdk(sim.url, trader.apiSecret, { timeout: kind === "lateAnswer" ? "500 millis" : "2 seconds" })
          return yield* Effect.provide(placement(sim, trader, faults, kind, 900 + i), layer)
        })),
      20_000
    )
  }

  it.live("a batch cut mid-body is one OutcomeUnknown carrying every clientId, settled item by item", () =>
    Effect.scoped(Effect.gen(function*() {
      const { sim, trader } = yield* start
      return yield* Effect.gen(function*() {
        yield* sim.faults.setPlan({ routes: { "POST /api/v1/orders": { cutMidBody: 1 } } })
        // the second item is refused by the exchange (below the minimum quantity), the first placed
        const outcome = yield* Effect.flip(Orders.executeOrders([bid(980), { ...bid(981), price: "0.001" }]))
        expect(outcome._tag).toBe("OutcomeUnknown")
        if (outcome._tag !== "OutcomeUnknown") return
        expect(outcome.clientIds).toEqual([980, 981])
        expect((yield* sim.faults.stats).requests["POST /api/v1/orders"]).toBe(1)
        yield* sim.faults.reset
        const settled = yield* Orders.reconcile(outcome)
        expect(settled.map((r) => [r._tag, r.clientId])).toEqual([["OrderPlaced", 980], ["OrderNotPlaced", 981]])
      }).pipe(Effect.provide(sdk(sim.url, trader.apiSecret)))
    })))

  it.live("a withdrawal whose answer is a 502 is OutcomeUnknown, sent once; it is found by its clientId", () =>
    Effect.scoped(Effect.gen(function*() {
      const { sim, trader } = yield* start
      return yield* Effect.gen(function*() {
        yield* sim.faults.setPlan({ routes: { "POST /wapi/v1/capital/withdrawals": { serverError: 1 } } })
        const outcome = yield* Effect.flip(Capital.requestWithdrawal({
          address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
          blockchain: "Ethereum",
          symbol: "USDC",
          quantity: "10",
          clientId: "w-outcome-1"
        }))
        expect(outcome._tag).toBe("OutcomeUnknown")
        expect((yield* sim.faults.stats).requests["POST /wapi/v1/capital/withdrawals"]).toBe(1)
        yield* sim.faults.reset
        const found = yield* Capital.getWithdrawals({ clientId: "w-outcome-1" })
        expect(found.map((w) => [w.clientId, w.status])).toEqual([["w-outcome-1", "confirmed"]])
        expect((yield* sim.balances(trader.apiKey)).USDC?.available).toBe("99987")
      }).pipe(Effect.provide(sdk(sim.url, trader.apiSecret)))
    })))

  it.live("202 on a cancel is CancelAccepted, and the cancel took effect", () =>
    Effect.scoped(Effect.gen(function*() {
      const { sim, trader } = yield* start
      return yield* Effect.gen(function*() {
        const placed = yield* Orders.executeOrder(bid(950))
        yield* Orders.executeOrder(bid(951))
        yield* sim.faults.setPlan({
          routes: { "DELETE /api/v1/order": { cancelAccepted: 1 }, "DELETE /api/v1/orders": { cancelAccepted: 1 } }
        })
        const one = yield* Orders.cancelOrder({ symbol: "SOL_USDC", orderId: placed.id })
        expect(Orders.isCancelAccepted(one)).toBe(true)
        expect((yield* Orders.getOpenOrders({ symbol: "SOL_USDC" })).map((o) => o.clientId)).toEqual([951])
        const all = yield* Orders.cancelOpenOrders({ symbol: "SOL_USDC" })
        expect(Orders.isCancelAccepted(all)).toBe(true)
        expect(yield* Orders.getOpenOrders({ symbol: "SOL_USDC" })).toEqual([])
        expect((yield* sim.balances(trader.apiKey)).USDC).toEqual({ available: "100000", locked: "0", staked: "0" })
      }).pipe(Effect.provide(sdk(sim.url, trader.apiSecret)))
    })))

  it.live("429 and 503 before execution: a read is retried; a placement is OutcomeUnknown, reconciled not placed", () =>
    Effect.scoped(Effect.gen(function*() {
      const { sim, trader } = yield* start
      return yield* Effect.gen(function*() {
        yield* sim.faults.setPlan({
          routes: {
            "GET /api/v1/orders": { unavailable: 0.5, tooManyRequests: 0.3, retryAfterSeconds: 0 },
            "POST /api/v1/order": { unavailable: 1 }
          }
        })
        // a 5xx on a mutation is never taken for a refusal: the SDK cannot tell it from a proxy's after execution
        const refused = yield* Effect.flip(Orders.executeOrder(bid(960)))
        expect(refused._tag).toBe("OutcomeUnknown")
        if (refused._tag !== "OutcomeUnknown") return
        expect((yield* sim.faults.stats).requests["POST /api/v1/order"]).toBe(1)
        for (let i = 0; i < 5; i++) {
          const open = yield* Effect.either(Orders.getOpenOrders({ symbol: "SOL_USDC" }))
          if (Either.isRight(open)) expect(open.right).toEqual([])
        }
        const stats = yield* sim.faults.stats
        const injected = stats.injected["GET /api/v1/orders"] ?? {}
        expect((injected.unavailable ?? 0) + (injected.tooManyRequests ?? 0)).toBeGreaterThan(0)
        expect(stats.requests["GET /api/v1/orders"]).toBeGreaterThan(5)
        yield* sim.faults.reset
        const [settled] = yield* Orders.reconcile(refused)
        expect(settled).toMatchObject({ _tag: "OrderNotPlaced", clientId: 960 })
      }).pipe(Effect.provide(sdk(sim.url, trader.apiSecret)))
    })))

  it.live("clock offset and drift: the SDK resyncs by itself and every signed call succeeds", () =>
    Effect.scoped(Effect.gen(function*() {
      const { sim, trader } = yield* start
      return yield* Effect.gen(function*() {
        // the exchange's clock 20 s ahead and running 30 % fast: a sync goes stale within the 600 ms window
        yield* sim.faults.setPlan({ clockOffsetMs: 20_000, clockDriftPpm: 300_000 })
        for (let i = 0; i < 12; i++) {
          const balances = yield* Capital.getBalances()
          expect(BigDecimal.format(balances.USDC!.available)).toBe("100000")
          yield* Effect.sleep("200 millis")
        }
        const placed = yield* Orders.executeOrder(bid(970))
        expect(placed.clientId).toBe(970)
        const stats = yield* sim.faults.stats
        // the first refusal and at least one more after the drift outgrew the window: each measured the clock
        expect(stats.requests["GET /api/v1/time"]).toBeGreaterThanOrEqual(2)
        expect(stats.requests["POST /api/v1/order"]).toBeLessThanOrEqual(2)
      }).pipe(Effect.provide(sdk(sim.url, trader.apiSecret, { window: 600 })))
    })))
})

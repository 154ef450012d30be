/**
 * The user-facing test kit (`@effect-backpack/sdk/testing`): partial mock layers, the recording
 * HTTP client, and the live signing clock that lets `it.effect` tests call the in-process simulator.
 */
import {
  Backpack,
  BackpackClient,
  BackpackConfig,
  BackpackError,
  Capital,
  Orders,
  RateLimiter,
  Signer,
  System
} from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Testing } from "@effect-backpack/sdk/testing"
import { Simulator } from "@effect-backpack/simulator"
import { describe, expect, it, layer } from "@effect/vitest"
import { BigDecimal, Cause, Clock, Effect, Exit, Layer, Redacted, TestClock } from "effect"
import { demoSecret } from "./utils/mock.js"

const defectMessage = <A, E>(exit: Exit.Exit<A, E>): string => {
  if (Exit.isSuccess(exit)) return "succeeded"
  const defect = Cause.dieOption(exit.cause)
  return defect._tag === "Some" ? String((defect.value as Error).message) : Cause.pretty(exit.cause)
}

describe("Testing.layerMock", () => {
  it.effect("implements what is given; any other member is a defect naming it", () =>
    Effect.gen(function*() {
      const orders = yield* Orders.Orders
      const refused = yield* Effect.flip(orders.cancelOrder({ symbol: "SOL_USDC", orderId: "1" }))
      expect(refused._tag === "ApiError" && refused.code).toBe("RESOURCE_NOT_FOUND")
      const exit = yield* Effect.exit(orders.executeOrders([]))
      expect(defectMessage(exit)).toBe(`@effect-backpack/sdk/Orders: Unimplemented method "executeOrders"`)

      const system = yield* System.System
      expect(yield* system.getTime()).toBe(42)
      expect(defectMessage(yield* Effect.exit(system.ping()))).toContain(`Unimplemented method "ping"`)
      // a member that is an Effect, not a function
      expect(defectMessage(yield* Effect.exit(system.syncClock))).toContain(`Unimplemented method "syncClock"`)
    }).pipe(
      Effect.provide(Layer.mergeAll(
        Testing.layerMock(Orders.Orders, {
          cancelOrder: () =>
            Effect.fail(
              new BackpackError.ApiError({
                operation: "Orders.cancelOrder",
                status: 404,
                code: "RESOURCE_NOT_FOUND",
                message: "Order not found"
              })
            )
        }),
        Testing.layerMock(System.System, { getTime: () => Effect.succeed(42) })
      ))
    ))
})

/** The real SDK on the recording client: one `layerHttp` value, so both uses share one recorder. */
const http = Testing.layerHttp({ "GET /api/v1/ping": { text: "pong" } })
const sdk = Layer.merge(
  Backpack.layerWith({
    config: BackpackConfig.layer({ host: "https://api.test", apiSecret: Redacted.make(demoSecret), retries: 2 }),
    signer: Signer.layer,
    httpClient: http,
    rateLimiter: RateLimiter.layerUnlimited
  }),
  http
).pipe(Layer.orDie)

layer(sdk)("Testing.layerHttp", (it) => {
  it.effect("answers from recorded responses and records each request", () =>
    Effect.gen(function*() {
      expect(yield* (yield* System.System).ping()).toBe("pong")
      const [request] = yield* Testing.requests
      expect([request!.method, request!.url.href, request!.headers.accept]).toEqual([
        "GET",
        "https://api.test/api/v1/ping",
        "application/json"
      ])
    }))

  it.effect("respond replaces the answers and forgets the requests; a list is answered in order", () =>
    Effect.gen(function*() {
      yield* Testing.respond({
        "/api/v1/time": [{ status: 503, text: "busy" }, { text: "1700000000000" }],
        "POST /wapi/v1/capital/withdrawals": "reset"
      })
      expect(yield* Testing.requests).toEqual([])
      const fiber = yield* Effect.fork((yield* System.System).getTime())
      yield* TestClock.adjust("10 seconds") // the retry's backoff
      expect(yield* fiber.await).toEqual(Exit.succeed(1700000000000))
      const withdrawal = yield* Effect.flip((yield* Capital.Capital).requestWithdrawal({
        address: "addr",
        blockchain: "Solana",
        symbol: "USDC",
        quantity: "1"
      }))
      expect(withdrawal._tag).toBe("OutcomeUnknown")
      expect((yield* Testing.requests).map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /api/v1/time",
        "GET /api/v1/time",
        "POST /wapi/v1/capital/withdrawals"
      ])
    }))

  it.effect("a request with no recorded answer is a defect naming it", () =>
    Effect.gen(function*() {
      yield* Testing.respond({ "GET /api/v1/ping": { text: "pong" } })
      const exit = yield* Effect.exit((yield* System.System).getTime())
      expect(defectMessage(exit)).toBe(
        "Testing.layerHttp: no recorded response for GET /api/v1/time (recorded: GET /api/v1/ping)"
      )
    }))
})

describe("the in-process simulator under it.effect (TestClock)", () => {
  /** A simulator with a funded account, and the Node wiring pointed at it. */
  const withSimulator = <A, E, R>(body: (sdk: ReturnType<typeof BackpackNode.layer>) => Effect.Effect<A, E, R>) =>
    Effect.gen(function*() {
      const sim = yield* Simulator.make({ seed: 9, rateLimits: false, liquidity: false, demoAccount: false })
      const account = yield* sim.createAccount({ balances: { USDC: "1000" } })
      return yield* body(BackpackNode.layer({ host: sim.url, apiSecret: Redacted.make(account.apiSecret), retries: 0 }))
    })

  const placeOrder = Effect.flatMap(
    Orders.Orders,
    (orders) =>
      orders.executeOrder({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "100", quantity: "2" })
  )

  it.scoped("without the live signing clock, the test clock's X-Timestamp is refused, then the SDK measures the clock and resends once", () =>
    withSimulator((sdk) =>
      Effect.gen(function*() {
        const order = yield* placeOrder
        expect([order.symbol, order.side, order.status]).toEqual(["SOL_USDC", "Bid", "New"])
        // the offset now bridges the test clock (near 0) and the server's wall clock
        const offset = yield* Effect.flatMap(BackpackClient.BackpackClient, (client) => client.clockOffset.get)
        expect(offset).toBeGreaterThan(1_000_000_000_000)
        const balances = yield* (yield* Capital.Capital).getBalances()
        expect(BigDecimal.equals(balances.USDC!.locked, BigDecimal.unsafeFromString("200"))).toBe(true)
      }).pipe(Effect.provide(sdk))
    ))

  it.scoped("with Testing.layerLiveSigningClock, signed calls succeed while the test clock stays", () =>
    withSimulator((sdk) =>
      Effect.gen(function*() {
        const order = yield* placeOrder
        expect([order.symbol, order.side, order.status]).toEqual(["SOL_USDC", "Bid", "New"])
        const balances = yield* (yield* Capital.Capital).getBalances()
        expect(BigDecimal.equals(balances.USDC!.locked, BigDecimal.unsafeFromString("200"))).toBe(true)
        // the fiber's clock is still the test clock (near 0, decades behind the wall clock)
        expect(Date.now() - (yield* Clock.currentTimeMillis)).toBeGreaterThan(1_000_000_000_000)
      }).pipe(Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock)))
    ))
})

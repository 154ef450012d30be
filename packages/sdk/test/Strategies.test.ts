import { Orders, Strategies } from "@effect-backpack/sdk"
import { expect, layer } from "@effect/vitest"
import { BigDecimal, Effect } from "effect"
import { expectSigned, mockHttp, sdkLayer } from "./utils/mock.js"

const dec = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

/** A `ScheduledStrategy` as the spec's `StrategyType` union sends it (tagged `strategyType`). */
const strategyBody = (overrides: Record<string, unknown> = {}) => ({
  strategyType: "Scheduled",
  id: "9007199254740995",
  clientStrategyId: 17,
  createdAt: 1754064000000,
  executedQuantity: "2.5",
  executedQuoteQuantity: "450.125",
  quantity: "10",
  reduceOnly: null,
  selfTradePrevention: "RejectTaker",
  status: "Running",
  side: "Bid",
  symbol: "SOL_USDC",
  timeInForce: "GTC",
  duration: 3600000,
  interval: 60000,
  randomizedIntervalQuantity: true,
  slippageTolerance: null,
  slippageToleranceType: null,
  ...overrides
})

/** One recording client for the file; each test gives it its answers with `respond`. */
const http = mockHttp()

layer(sdkLayer(http.layer))("Strategies", (it) => {
  it.effect("getStrategy queries by strategyId and decodes the scheduled strategy", () => {
    http.respond(() => ({ body: strategyBody() }))
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const strategy = yield* strategies.getStrategy({ symbol: "SOL_USDC", strategyId: "9007199254740995" })
        expect(strategy).toBeInstanceOf(Strategies.ScheduledStrategy)
        expect(strategy.id).toBe("9007199254740995")
        expect(strategy.strategyType).toBe("Scheduled")
        expect(strategy.clientStrategyId).toBe(17)
        expect(dec(strategy.executedQuoteQuantity)).toBe("450.125")
        expect(strategy.duration).toBe(3600000)
        expect(strategy.reduceOnly).toBeUndefined()
        const request = http.requests[0]!
        expect(request.method).toBe("GET")
        expect(request.path).toBe("/api/v1/strategy")
        expect(request.query).toEqual({ symbol: "SOL_USDC", strategyId: "9007199254740995" })
        expectSigned(request, "strategyQuery", { symbol: "SOL_USDC", strategyId: "9007199254740995" })
      }))
  })

  it.effect("getStrategy needs exactly one of strategyId / clientStrategyId (uint32); nothing sent", () => {
    http.respond(() => ({ body: strategyBody() }))
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const neither = yield* Effect.flip(strategies.getStrategy({ symbol: "SOL_USDC" }))
        expect(neither._tag === "ValidationError" && neither.field).toBe("strategyId")
        const both = yield* Effect.flip(
          strategies.getStrategy({ symbol: "SOL_USDC", strategyId: "1", clientStrategyId: 1 })
        )
        expect(both._tag === "ValidationError" && both.field).toBe("clientStrategyId")
        expect(both.message).toContain("not both")
        const negative = yield* Effect.flip(strategies.getStrategy({ symbol: "SOL_USDC", clientStrategyId: -1 }))
        expect(negative._tag === "ValidationError" && negative.field).toBe("clientStrategyId")
        const noSymbol = yield* Effect.flip(strategies.getStrategy({ strategyId: "1" } as any))
        expect(noSymbol._tag === "ValidationError" && noSymbol.field).toBe("symbol")
        expect(http.requests.length).toBe(0)
        yield* strategies.getStrategy({ symbol: "SOL_USDC", clientStrategyId: 17 })
        expect(http.requests[0]!.query).toEqual({ symbol: "SOL_USDC", clientStrategyId: "17" })
        expectSigned(http.requests[0]!, "strategyQuery", { symbol: "SOL_USDC", clientStrategyId: 17 })
      }))
  })

  it.effect("createStrategy posts the exact body and decodes the new strategy", () => {
    http.respond(() => ({ body: strategyBody({ executedQuantity: "0", executedQuoteQuantity: "0" }) }))
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const created = yield* strategies.createStrategy({
          symbol: "SOL_USDC",
          side: "Bid",
          strategyType: "Scheduled",
          quantity: "10.0",
          duration: 3600000,
          interval: 60000,
          randomizedIntervalQuantity: true,
          clientStrategyId: 17,
          slippageTolerance: BigDecimal.unsafeFromString("0.5"),
          slippageToleranceType: "Percent"
        })
        expect(created.status).toBe("Running")
        expect(dec(created.executedQuantity)).toBe("0")
        const request = http.requests[0]!
        expect(request.method).toBe("POST")
        expect(request.path).toBe("/api/v1/strategy")
        const body = {
          symbol: "SOL_USDC",
          side: "Bid",
          strategyType: "Scheduled",
          quantity: "10.0",
          duration: 3600000,
          interval: 60000,
          randomizedIntervalQuantity: true,
          clientStrategyId: 17,
          slippageTolerance: "0.5",
          slippageToleranceType: "Percent"
        }
        expect(request.json).toEqual(body)
        const message = expectSigned(request, "strategyCreate", body)
        expect(message).toContain("&quantity=10.0&randomizedIntervalQuantity=true&")
      }))
  })

  it.effect("createStrategy validation: enums, interval within duration, slippage type; nothing sent", () => {
    http.respond(() => ({ body: strategyBody() }))
    const base = { symbol: "SOL_USDC", side: "Bid", strategyType: "Scheduled", quantity: "1" } as const
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const type = yield* Effect.flip(strategies.createStrategy({ ...base, strategyType: "Twap" as any }))
        expect(type._tag === "ValidationError" && type.field).toBe("strategyType")
        const side = yield* Effect.flip(strategies.createStrategy({ ...base, side: "Buy" as any }))
        expect(side._tag === "ValidationError" && side.field).toBe("side")
        const interval = yield* Effect.flip(strategies.createStrategy({ ...base, duration: 1000, interval: 2000 }))
        expect(interval._tag === "ValidationError" && interval.field).toBe("interval")
        const slippage = yield* Effect.flip(strategies.createStrategy({ ...base, slippageTolerance: "1" }))
        expect(slippage._tag === "ValidationError" && slippage.field).toBe("slippageToleranceType")
        const typeOnly = yield* Effect.flip(strategies.createStrategy({ ...base, slippageToleranceType: "Percent" }))
        expect(typeOnly._tag === "ValidationError" && typeOnly.field).toBe("slippageTolerance")
        const quantity = yield* Effect.flip(strategies.createStrategy({ ...base, quantity: "abc" }))
        expect(quantity._tag === "ValidationError" && quantity.field).toBe("quantity")
        const duration = yield* Effect.flip(strategies.createStrategy({ ...base, duration: 1.5 }))
        expect(duration._tag === "ValidationError" && duration.field).toBe("duration")
        expect(http.requests.length).toBe(0)
      }))
  })

  it.effect("cancelStrategy sends a DELETE JSON body; 200 decodes the strategy, 202 is CancelAccepted", () => {
    http.respond((_, attempt) => attempt === 1 ? { body: strategyBody({ status: "Cancelled" }) } : { status: 202 })
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const cancelled = yield* strategies.cancelStrategy({ symbol: "SOL_USDC", strategyId: "9007199254740995" })
        expect(cancelled).toBeInstanceOf(Strategies.ScheduledStrategy)
        expect((cancelled as Strategies.ScheduledStrategy).status).toBe("Cancelled")
        const pending = yield* strategies.cancelStrategy({ symbol: "SOL_USDC", clientStrategyId: 17 })
        expect(Orders.isCancelAccepted(pending)).toBe(true)
        expect((pending as Orders.CancelAccepted).status).toBe(202)
        const [first, second] = http.requests
        expect(first!.method).toBe("DELETE")
        expect(first!.path).toBe("/api/v1/strategy")
        expect(first!.json).toEqual({ symbol: "SOL_USDC", strategyId: "9007199254740995" })
        expectSigned(first!, "strategyCancel", { symbol: "SOL_USDC", strategyId: "9007199254740995" })
        expect(second!.json).toEqual({ symbol: "SOL_USDC", clientStrategyId: 17 })
        expectSigned(second!, "strategyCancel", { symbol: "SOL_USDC", clientStrategyId: 17 })
        const neither = yield* Effect.flip(strategies.cancelStrategy({ symbol: "SOL_USDC" }))
        expect(neither._tag === "ValidationError" && neither.field).toBe("strategyId")
        expect(http.requests.length).toBe(2)
      }))
  })

  it.effect("getOpenStrategies sends the filters and decodes the list", () => {
    http.respond(() => ({ body: [strategyBody(), strategyBody({ id: "2", side: "Ask" })] }))
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const open = yield* strategies.getOpenStrategies({
          marketType: "SPOT",
          strategyType: "Scheduled",
          symbol: "SOL_USDC"
        })
        expect(open.map((strategy) => [strategy.id, strategy.side])).toEqual([
          ["9007199254740995", "Bid"],
          ["2", "Ask"]
        ])
        const request = http.requests[0]!
        expect(request.method).toBe("GET")
        expect(request.path).toBe("/api/v1/strategies")
        expect(request.query).toEqual({ marketType: "SPOT", strategyType: "Scheduled", symbol: "SOL_USDC" })
        expectSigned(request, "strategyQueryAll", { marketType: "SPOT", strategyType: "Scheduled", symbol: "SOL_USDC" })
        yield* strategies.getOpenStrategies()
        expect(http.requests[1]!.url.search).toBe("")
        expectSigned(http.requests[1]!, "strategyQueryAll", {})
        const bad = yield* Effect.flip(strategies.getOpenStrategies({ marketType: "spot" as any }))
        expect(bad._tag === "ValidationError" && bad.field).toBe("marketType")
        expect(http.requests.length).toBe(2)
      }))
  })

  it.effect("cancelOpenStrategies sends a DELETE body; 200 decodes the list, 202 is CancelAccepted", () => {
    http.respond((_, attempt) =>
      attempt === 1 ? { body: [strategyBody({ status: "Cancelled" })] } : { status: 202, text: "" }
    )
    return Effect.flatMap(Strategies.Strategies, (strategies) =>
      Effect.gen(function*() {
        const cancelled = yield* strategies.cancelOpenStrategies({ symbol: "SOL_USDC", strategyType: "Scheduled" })
        expect(Array.isArray(cancelled)).toBe(true)
        expect((cancelled as ReadonlyArray<Strategies.ScheduledStrategy>).map((s) => s.status)).toEqual(["Cancelled"])
        const pending = yield* strategies.cancelOpenStrategies({ symbol: "SOL_USDC" })
        expect(Orders.isCancelAccepted(pending)).toBe(true)
        const [first, second] = http.requests
        expect(first!.method).toBe("DELETE")
        expect(first!.path).toBe("/api/v1/strategies")
        expect(first!.json).toEqual({ symbol: "SOL_USDC", strategyType: "Scheduled" })
        expectSigned(first!, "strategyCancelAll", { symbol: "SOL_USDC", strategyType: "Scheduled" })
        expect(second!.json).toEqual({ symbol: "SOL_USDC" })
        expectSigned(second!, "strategyCancelAll", { symbol: "SOL_USDC" })
        const noSymbol = yield* Effect.flip(strategies.cancelOpenStrategies({} as any))
        expect(noSymbol._tag === "ValidationError" && noSymbol.field).toBe("symbol")
        expect(http.requests.length).toBe(2)
      }))
  })
})

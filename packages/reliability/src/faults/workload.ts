/**
 * The order intents of the fault workload and the client that runs them through the SDK's public API, keeping
 * what it believes happened to each: placed (with the exchange's order id), refused, or unknown until settled the
 * way the README tells users (`Orders.reconcile` by clientId after the signing window; a lost cancel by reading the
 * order; a lost withdrawal by `Capital.getWithdrawals({ clientId })`).
 */
import type { BackpackError } from "@effect-backpack/sdk"
import { Capital, Orders } from "@effect-backpack/sdk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Prng } from "./prng.js"

/** Waits (a bounded number of reads) until none of `clientIds` is open on `symbol`: a 202 cancel has run. */
const untilGone = (symbol: string, clientIds: ReadonlyArray<number>) =>
  Effect.gen(function*() {
    for (let i = 0; i < 200; i++) {
      const open = yield* Effect.either(Orders.getOpenOrders({ symbol }))
      if (Either.isRight(open) && !open.right.some((o) => o.clientId !== undefined && clientIds.includes(o.clientId))) {
        return
      }
      yield* Effect.sleep("10 millis")
    }
  })

/** A market of the workload: reference price and sizes in integer ticks and steps. */
export interface MarketSpec {
  readonly symbol: string
  readonly base: string
  /** Reference price in ticks. */
  readonly refTicks: number
  readonly tickDecimals: number
  readonly stepDecimals: number
  /** Smallest and largest taker size, in steps. */
  readonly minSteps: number
  readonly maxSteps: number
  /** Resting size, in steps. */
  readonly restSteps: number
  /** Quote spent by a market order by quote, USDC. */
  readonly quoteSpend: string
}

export const markets: ReadonlyArray<MarketSpec> = [
  {
    symbol: "SOL_USDC",
    base: "SOL",
    refTicks: 18_000,
    tickDecimals: 2,
    stepDecimals: 2,
    minSteps: 10,
    maxSteps: 200,
    restSteps: 100,
    quoteSpend: "150"
  },
  {
    symbol: "BTC_USDC",
    base: "BTC",
    refTicks: 1_000_000,
    tickDecimals: 1,
    stepDecimals: 5,
    minSteps: 10,
    maxSteps: 500,
    restSteps: 100,
    quoteSpend: "250"
  },
  {
    symbol: "ETH_USDC",
    base: "ETH",
    refTicks: 350_000,
    tickDecimals: 2,
    stepDecimals: 4,
    minSteps: 10,
    maxSteps: 500,
    restSteps: 200,
    quoteSpend: "200"
  }
]

/** An integer count of 10^-decimals units as a decimal string. */
export const units = (n: number, decimals: number): string => {
  if (decimals === 0) return String(n)
  const digits = String(n).padStart(decimals + 1, "0")
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
}

export type Kind =
  | "limit"
  | "ioc"
  | "marketQty"
  | "marketQuote"
  | "batch"
  | "cancel"
  | "cancelAll"
  | "withdrawal"

/** What the client believes happened to one request after settlement. */
export type Outcome = "ok" | "refused" | "unknownPlaced" | "unknownNotPlaced" | "unresolved"

/** One order the client sent (alone or in a batch) and what it believes of it. */
export interface SentOrder {
  readonly clientId: number
  readonly symbol: string
  readonly scenario: string
  readonly resting: boolean
  readonly side: "Bid" | "Ask"
  readonly price: string | undefined
  readonly quantity: string | undefined
  /** placed: the exchange has it; notPlaced: it has not; unknown: not settled. */
  belief: "placed" | "notPlaced" | "unknown"
  /** The client believes it rests on the book now. */
  open: boolean
  /** The outcome of the request that carried it. */
  outcome: Outcome
}

export interface SentWithdrawal {
  readonly clientId: string
  readonly scenario: string
  readonly quantity: string
  belief: "made" | "notMade" | "unknown"
  outcome: Outcome
}

/** A cancel (or cancel-all) whose answer was lost: settled by reading the orders again. */
interface LostCancel {
  readonly symbol: string
  readonly clientIds: ReadonlyArray<number>
}

export interface ScenarioCounts {
  intents: number
  readonly byKind: Record<string, number>
  /** Why requests were refused: `kind: tag code`. */
  readonly refusals: Record<string, number>
  readonly outcomes: Record<Outcome, number>
}

const emptyCounts = (): ScenarioCounts => ({
  intents: 0,
  byKind: {},
  refusals: {},
  outcomes: { ok: 0, refused: 0, unknownPlaced: 0, unknownNotPlaced: 0, unresolved: 0 }
})

/** The client's whole belief. */
export interface Belief {
  readonly orders: Map<number, SentOrder>
  readonly withdrawals: Map<string, SentWithdrawal>
  readonly counts: Map<string, ScenarioCounts>
  nextClientId: number
}

export const makeBelief = (): Belief => ({
  orders: new Map(),
  withdrawals: new Map(),
  counts: new Map(),
  nextClientId: 10_000
})

/** The withdrawal every withdrawal intent asks for (the simulator's Ethereum USDC fee is 3). */
export const withdrawalQuantity = "10"

type Env = Orders.Orders | Capital.Capital

/** The mix of intents: limit 30 %, IOC 12 %, market by quantity 10 %, by quote 8 %, batch 12 %, cancel 16 %, … */
export const defaultWeights: Readonly<Record<Kind, number>> = {
  limit: 30,
  ioc: 12,
  marketQty: 10,
  marketQuote: 8,
  batch: 12,
  cancel: 16,
  cancelAll: 5,
  withdrawal: 7
}

const pickKind = (prng: Prng, weights: Readonly<Record<Kind, number>>): Kind => {
  const entries = Object.entries(weights) as Array<[Kind, number]>
  let u = prng.next() * entries.reduce((n, [, w]) => n + w, 0)
  for (const [kind, w] of entries) {
    if (u < w) return kind
    u -= w
  }
  return entries[entries.length - 1]![0]
}

/**
 * Runs `intents` intents of one scenario, then settles what is unknown (after `settleAfterMs`, the signing window
 * plus a margin). `between` runs every few intents (the exchange's background activity refilling the books).
 */
export const runScenario = (options: {
  readonly scenario: string
  readonly intents: number
  readonly prng: Prng
  readonly belief: Belief
  readonly settleAfterMs: number
  readonly between: Effect.Effect<void>
  /** How often each kind of intent comes (default `defaultWeights`). */
  readonly weights?: Readonly<Record<Kind, number>> | undefined
}): Effect.Effect<ScenarioCounts, never, Env> =>
  Effect.gen(function*() {
    const { belief, prng, scenario } = options
    const counts = emptyCounts()
    belief.counts.set(scenario, counts)
    const lostOrders: Array<
      { readonly outcome: BackpackError.OutcomeUnknown; readonly orders: ReadonlyArray<SentOrder> }
    > = []
    const lostCancels: Array<LostCancel> = []
    const lostWithdrawals: Array<SentWithdrawal> = []
    const count = (outcome: Outcome) => counts.outcomes[outcome]++
    const refusal = (kind: Kind, error: BackpackError.BackpackError) => {
      const why = `${kind}: ${error._tag}${"code" in error && error.code !== undefined ? ` ${error.code}` : ""}`
      counts.refusals[why] = (counts.refusals[why] ?? 0) + 1
      count("refused")
    }

    const newOrder = (
      market: MarketSpec,
      style: "limit" | "ioc" | "marketQty" | "marketQuote"
    ): { readonly sent: SentOrder; readonly params: Orders.ExecuteOrderParams } => {
      const side = prng.next() < 0.5 ? "Bid" as const : "Ask" as const
      const clientId = belief.nextClientId++
      const steps = prng.int(market.minSteps, market.maxSteps)
      let params: Orders.ExecuteOrderParams
      let price: string | undefined
      let quantity: string | undefined
      switch (style) {
        case "limit": {
          // rests 5..9 % away from the reference: never reached by the workload's own takers
          const away = Math.round(market.refTicks * (0.05 + prng.next() * 0.04))
          price = units(side === "Bid" ? market.refTicks - away : market.refTicks + away, market.tickDecimals)
          quantity = units(market.restSteps, market.stepDecimals)
          params = { symbol: market.symbol, side, orderType: "Limit", price, quantity, clientId }
          break
        }
        case "ioc": {
          // mostly marketable (1 % through the reference), sometimes 3 % short of it (expires unfilled)
          const through = prng.next() < 0.75
          const delta = Math.round(market.refTicks * (through ? 0.01 : -0.03))
          const p = units(side === "Bid" ? market.refTicks + delta : market.refTicks - delta, market.tickDecimals)
          quantity = units(steps, market.stepDecimals)
          params = {
            symbol: market.symbol,
            side,
            orderType: "Limit",
            price: p,
            quantity,
            timeInForce: "IOC",
            clientId
          }
          break
        }
        case "marketQty":
          quantity = units(steps, market.stepDecimals)
          params = { symbol: market.symbol, side, orderType: "Market", quantity, clientId }
          break
        case "marketQuote":
          params = { symbol: market.symbol, side, orderType: "Market", quoteQuantity: market.quoteSpend, clientId }
          break
      }
      const sent: SentOrder = {
        clientId,
        symbol: market.symbol,
        scenario,
        resting: style === "limit",
        side,
        price,
        quantity,
        belief: "unknown",
        open: false,
        outcome: "unresolved"
      }
      belief.orders.set(clientId, sent)
      return { sent, params }
    }

    const placedAs = (sent: SentOrder, order: { readonly status: string }) => {
      sent.belief = "placed"
      sent.open = sent.resting && (order.status === "New" || order.status === "PartiallyFilled")
    }

    const openOf = (symbol: string) =>
      [...belief.orders.values()].filter((o) => o.symbol === symbol && o.open && o.belief === "placed")

    for (let i = 0; i < options.intents; i++) {
      if (i % 8 === 7) yield* options.between
      const market = prng.pick(markets)
      const kind = pickKind(prng, options.weights ?? defaultWeights)
      counts.intents++
      counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1
      switch (kind) {
        case "limit":
        case "ioc":
        case "marketQty":
        case "marketQuote": {
          const { params, sent } = newOrder(market, kind)
          const result = yield* Effect.either(Orders.executeOrder(params))
          if (Either.isRight(result)) {
            placedAs(sent, result.right)
            sent.outcome = "ok"
            count("ok")
          } else if (result.left._tag === "OutcomeUnknown") {
            lostOrders.push({ outcome: result.left, orders: [sent] })
          } else {
            sent.belief = "notPlaced"
            sent.outcome = "refused"
            refusal(kind, result.left)
          }
          break
        }
        case "batch": {
          const size = prng.int(2, 5)
          const items = Array.from({ length: size }, () => {
            const r = prng.next()
            return newOrder(prng.pick(markets), r < 0.6 ? "limit" : r < 0.85 ? "ioc" : "marketQty")
          })
          const result = yield* Effect.either(Orders.executeOrders(items.map((x) => x.params)))
          if (Either.isRight(result)) {
            result.right.forEach((answer, k) => {
              const sent = items[k]!.sent
              if (Orders.isBatchOrderError(answer)) {
                sent.belief = "notPlaced"
                sent.outcome = "refused"
              } else {
                placedAs(sent, answer)
                sent.outcome = "ok"
              }
            })
            count("ok")
          } else if (result.left._tag === "OutcomeUnknown") {
            lostOrders.push({ outcome: result.left, orders: items.map((x) => x.sent) })
          } else {
            for (const { sent } of items) {
              sent.belief = "notPlaced"
              sent.outcome = "refused"
            }
            refusal(kind, result.left)
          }
          break
        }
        case "cancel": {
          const open = openOf(market.symbol)
          if (open.length === 0) {
            counts.byKind[kind]!--
            counts.intents--
            i--
            break
          }
          const target = prng.pick(open)
          const result = yield* Effect.either(Orders.cancelOrder({ symbol: target.symbol, clientId: target.clientId }))
          if (Either.isRight(result)) {
            // the cancelled order, or 202: accepted, executed shortly after (wait for it, as a user must)
            target.open = false
            if (Orders.isCancelAccepted(result.right)) yield* untilGone(target.symbol, [target.clientId])
            count("ok")
          } else if (result.left._tag === "OutcomeUnknown") {
            lostCancels.push({ symbol: target.symbol, clientIds: [target.clientId] })
          } else {
            refusal(kind, result.left)
          }
          break
        }
        case "cancelAll": {
          const open = openOf(market.symbol)
          const result = yield* Effect.either(Orders.cancelOpenOrders({ symbol: market.symbol }))
          if (Either.isRight(result)) {
            for (const o of open) o.open = false
            // a 202 cancel-all runs shortly after: an order placed before it runs would be cancelled too, so wait
            // until the orders it was for are gone before placing more (as a user must)
            if (Orders.isCancelAccepted(result.right)) yield* untilGone(market.symbol, open.map((o) => o.clientId))
            count("ok")
          } else if (result.left._tag === "OutcomeUnknown") {
            lostCancels.push({ symbol: market.symbol, clientIds: open.map((o) => o.clientId) })
          } else {
            refusal(kind, result.left)
          }
          break
        }
        case "withdrawal": {
          const sent: SentWithdrawal = {
            clientId: `w-${belief.nextClientId++}`,
            scenario,
            quantity: withdrawalQuantity,
            belief: "unknown",
            outcome: "unresolved"
          }
          belief.withdrawals.set(sent.clientId, sent)
          const result = yield* Effect.either(Capital.requestWithdrawal({
            address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
            blockchain: "Ethereum",
            symbol: "USDC",
            quantity: sent.quantity,
            clientId: sent.clientId
          }))
          if (Either.isRight(result)) {
            sent.belief = "made"
            sent.outcome = "ok"
            count("ok")
          } else if (result.left._tag === "OutcomeUnknown") {
            lostWithdrawals.push(sent)
          } else {
            sent.belief = "notMade"
            sent.outcome = "refused"
            refusal(kind, result.left)
          }
          break
        }
      }
    }

    if (lostOrders.length + lostCancels.length + lostWithdrawals.length === 0) return counts
    // settle: once the signing window has passed, a request still in flight is refused, so what is found is final
    yield* Effect.sleep(options.settleAfterMs)
    for (const lost of lostOrders) {
      const settled = yield* settle(Orders.reconcile(lost.outcome))
      if (settled === undefined) {
        count("unresolved")
        continue
      }
      let placed = false
      for (const sent of lost.orders) {
        const found = settled.find((r) => r.clientId === sent.clientId)
        if (found === undefined) continue
        if (found._tag === "OrderPlaced") {
          placed = true
          placedAs(sent, found.order)
          sent.outcome = "unknownPlaced"
        } else {
          sent.belief = "notPlaced"
          sent.outcome = "unknownNotPlaced"
        }
      }
      count(placed ? "unknownPlaced" : "unknownNotPlaced")
    }
    for (const lost of lostCancels) {
      const open = yield* settle(Orders.getOpenOrders({ symbol: lost.symbol }))
      if (open === undefined) {
        count("unresolved")
        continue
      }
      const still = new Set(open.map((o) => o.clientId))
      let executed = false
      for (const clientId of lost.clientIds) {
        const sent = belief.orders.get(clientId)!
        sent.open = still.has(clientId)
        if (!sent.open) executed = true
      }
      count(executed || lost.clientIds.length === 0 ? "unknownPlaced" : "unknownNotPlaced")
    }
    for (const sent of lostWithdrawals) {
      const found = yield* settle(Capital.getWithdrawals({ clientId: sent.clientId }))
      if (found === undefined) {
        count("unresolved")
        continue
      }
      const made = found.some((w) => w.clientId === sent.clientId)
      sent.belief = made ? "made" : "notMade"
      sent.outcome = made ? "unknownPlaced" : "unknownNotPlaced"
      count(sent.outcome)
    }
    return counts
  })

/**
 * A settling read under the same faults: the SDK retries it; should it still fail (every retry refused), the user
 * tries again a little later, as many as 5 times. `undefined` when it never succeeded.
 */
const settle = <A, R>(read: Effect.Effect<A, BackpackError.BackpackError, R>): Effect.Effect<A | undefined, never, R> =>
  Effect.gen(function*() {
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = yield* Effect.either(read)
      if (Either.isRight(result)) return result.right
      yield* Effect.sleep(200)
    }
    return undefined
  })

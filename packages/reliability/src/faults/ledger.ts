/**
 * The exchange's ledger, read straight from the simulator once every fault is cleared (raw signed HTTP, not the
 * SDK: the judge does not share the code it judges), and its comparison with the client's belief: lost, phantom,
 * duplicated and unresolved intents, open orders, locked balances.
 */
import { Signing, type Simulator } from "@effect-backpack/simulator"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import type { Belief } from "./workload.js"
import { markets } from "./workload.js"

interface LedgerOrder {
  readonly id: string
  readonly clientId: number | null
  readonly symbol: string
  readonly status: string
}

export interface Ledger {
  /** Every order of the account (open and history, by order id). */
  readonly orders: ReadonlyArray<LedgerOrder>
  /** Client ids of the orders resting now. */
  readonly open: ReadonlySet<number>
  /** Client ids of the withdrawals, one per withdrawal. */
  readonly withdrawals: ReadonlyArray<string | null>
  readonly balances: Readonly<Record<string, Simulator.BalanceView>>
}

const signedGet = (url: string, secret: string, path: string, params: Record<string, string>) =>
  Effect.promise(async () => {
    const headers = Signing.headers({
      secret,
      instruction: path === "/api/v1/orders"
        ? "orderQueryAll"
        : path === "/wapi/v1/history/orders"
        ? "orderHistoryQueryAll"
        : "withdrawalQueryAll",
      params,
      // the simulator's own clock, whatever offset the last scenario left
      timestamp: Number(await (await fetch(`${url}/api/v1/time`)).text())
    })
    const qs = new URLSearchParams(params).toString()
    const res = await fetch(`${url}${path}${qs === "" ? "" : `?${qs}`}`, { headers })
    if (res.status !== 200) throw new Error(`ledger read ${path} answered ${res.status}: ${await res.text()}`)
    return (await res.json()) as ReadonlyArray<Record<string, unknown>>
  })

const paged = (url: string, secret: string, path: string) =>
  Effect.gen(function*() {
    const rows: Array<Record<string, unknown>> = []
    for (let offset = 0;; offset += 1000) {
      const page = yield* signedGet(url, secret, path, { limit: "1000", offset: String(offset) })
      rows.push(...page)
      if (page.length < 1000) return rows
    }
  })

/** Reads the ledger of one account. */
export const read = (sim: Simulator.SimulatorService, apiKey: string, secret: string): Effect.Effect<Ledger> =>
  Effect.gen(function*() {
    const open = yield* signedGet(sim.url, secret, "/api/v1/orders", {})
    const history = yield* paged(sim.url, secret, "/wapi/v1/history/orders")
    const withdrawals = yield* paged(sim.url, secret, "/wapi/v1/capital/withdrawals")
    const byId = new Map<string, LedgerOrder>()
    for (const row of [...history, ...open]) {
      byId.set(String(row.id), {
        id: String(row.id),
        clientId: typeof row.clientId === "number" ? row.clientId : null,
        symbol: String(row.symbol),
        status: String(row.status)
      })
    }
    const balances = yield* Effect.orDie(sim.balances(apiKey))
    return {
      orders: [...byId.values()],
      open: new Set(open.map((o) => o.clientId as number)),
      withdrawals: withdrawals.map((w) => (typeof w.clientId === "string" ? w.clientId : null)),
      balances
    }
  })

export interface Verdict {
  readonly lost: Array<string>
  readonly phantom: Array<string>
  readonly duplicated: Array<string>
  readonly unresolved: Array<string>
  readonly openMismatches: Array<string>
  readonly balanceMismatches: Array<string>
  /** Per scenario: lost, phantom, duplicated, unresolved. */
  readonly byScenario: Map<string, { lost: number; phantom: number; duplicated: number; unresolved: number }>
}

/** Compares the client's belief with the ledger. */
export const compare = (belief: Belief, ledger: Ledger, clientBalances: Readonly<Record<string, BalanceLike>>) => {
  const verdict: Verdict = {
    lost: [],
    phantom: [],
    duplicated: [],
    unresolved: [],
    openMismatches: [],
    balanceMismatches: [],
    byScenario: new Map()
  }
  const tally = (scenario: string, what: "lost" | "phantom" | "duplicated" | "unresolved") => {
    let row = verdict.byScenario.get(scenario)
    if (row === undefined) {
      row = { lost: 0, phantom: 0, duplicated: 0, unresolved: 0 }
      verdict.byScenario.set(scenario, row)
    }
    row[what]++
  }
  const perClientId = new Map<number, number>()
  for (const o of ledger.orders) {
    if (o.clientId !== null) perClientId.set(o.clientId, (perClientId.get(o.clientId) ?? 0) + 1)
  }
  for (const sent of belief.orders.values()) {
    const n = perClientId.get(sent.clientId) ?? 0
    const label = `order clientId ${sent.clientId} (${sent.scenario})`
    if (sent.belief === "unknown") {
      verdict.unresolved.push(label)
      tally(sent.scenario, "unresolved")
    } else if (sent.belief === "placed" && n === 0) {
      verdict.lost.push(label)
      tally(sent.scenario, "lost")
    } else if (sent.belief === "notPlaced" && n > 0) {
      verdict.phantom.push(label)
      tally(sent.scenario, "phantom")
    }
    if (n > 1) {
      verdict.duplicated.push(`${label}: ${n} orders`)
      tally(sent.scenario, "duplicated")
    }
  }
  for (const o of ledger.orders) {
    if (o.clientId === null || !belief.orders.has(o.clientId)) {
      verdict.phantom.push(`order ${o.id} (clientId ${o.clientId}) that no intent sent`)
    }
  }
  const perWithdrawal = new Map<string | null, number>()
  for (const w of ledger.withdrawals) perWithdrawal.set(w, (perWithdrawal.get(w) ?? 0) + 1)
  for (const sent of belief.withdrawals.values()) {
    const n = perWithdrawal.get(sent.clientId) ?? 0
    const label = `withdrawal ${sent.clientId} (${sent.scenario})`
    if (sent.belief === "unknown") {
      verdict.unresolved.push(label)
      tally(sent.scenario, "unresolved")
    } else if (sent.belief === "made" && n === 0) {
      verdict.lost.push(label)
      tally(sent.scenario, "lost")
    } else if (sent.belief === "notMade" && n > 0) {
      verdict.phantom.push(label)
      tally(sent.scenario, "phantom")
    }
    if (n > 1) {
      verdict.duplicated.push(`${label}: ${n} withdrawals`)
      tally(sent.scenario, "duplicated")
    }
  }
  for (const w of ledger.withdrawals) {
    if (w === null || !belief.withdrawals.has(w)) verdict.phantom.push(`withdrawal ${w} that no intent sent`)
  }
  // open orders: what the client believes rests equals what rests
  const believedOpen = new Set([...belief.orders.values()].filter((o) => o.open).map((o) => o.clientId))
  for (const id of believedOpen) {
    if (!ledger.open.has(id)) verdict.openMismatches.push(`clientId ${id} believed open, not open`)
  }
  for (const id of ledger.open) {
    if (!believedOpen.has(id)) verdict.openMismatches.push(`clientId ${id} open, not believed open`)
  }
  // locked balances: exactly what the believed-open orders lock (bids price × quantity of USDC, asks their base)
  const locks = new Map<string, BigDecimal.BigDecimal>()
  const add = (asset: string, amount: BigDecimal.BigDecimal) =>
    locks.set(asset, BigDecimal.sum(locks.get(asset) ?? BigDecimal.fromBigInt(0n), amount))
  for (const o of belief.orders.values()) {
    if (!o.open) continue
    const quantity = BigDecimal.unsafeFromString(o.quantity!)
    const base = markets.find((m) => m.symbol === o.symbol)!.base
    if (o.side === "Bid") add("USDC", BigDecimal.multiply(BigDecimal.unsafeFromString(o.price!), quantity))
    else add(base, quantity)
  }
  for (const asset of new Set([...Object.keys(ledger.balances), ...locks.keys()])) {
    const locked = BigDecimal.unsafeFromString(ledger.balances[asset]?.locked ?? "0")
    const expected = locks.get(asset) ?? BigDecimal.fromBigInt(0n)
    if (!BigDecimal.equals(locked, expected)) {
      verdict.balanceMismatches.push(
        `${asset} locked ${BigDecimal.format(locked)}, the believed open orders lock ${BigDecimal.format(expected)}`
      )
    }
  }
  // the client's balances (read through the SDK) equal the ledger's
  for (const asset of new Set([...Object.keys(ledger.balances), ...Object.keys(clientBalances)])) {
    const mine = clientBalances[asset]
    const theirs = ledger.balances[asset]
    const same = mine !== undefined && theirs !== undefined &&
      BigDecimal.equals(mine.available, BigDecimal.unsafeFromString(theirs.available)) &&
      BigDecimal.equals(mine.locked, BigDecimal.unsafeFromString(theirs.locked))
    const zero = (mine === undefined || BigDecimal.isZero(mine.available) && BigDecimal.isZero(mine.locked)) &&
      (theirs === undefined || theirs.available === "0" && theirs.locked === "0")
    if (!same && !zero) verdict.balanceMismatches.push(`${asset}: the client reads a balance the ledger does not hold`)
  }
  return verdict
}

/** A balance as the SDK decodes it. */
export interface BalanceLike {
  readonly available: BigDecimal.BigDecimal
  readonly locked: BigDecimal.BigDecimal
}

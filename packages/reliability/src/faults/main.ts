/**
 * `pnpm test:faults [--orders N] [--seed S]`: a randomized, seeded workload of N order intents (limit, IOC, market
 * by quantity and by quote, batches, cancels, cancel-all, withdrawals) on SOL_USDC, BTC_USDC and ETH_USDC of an
 * in-process simulator, driven through the SDK's public API under each fault alone and all combined (the N intents
 * are shared equally among the scenarios). Every `OutcomeUnknown` is settled as the README tells users. At the end
 * the client's belief is compared with the exchange's ledger: 0 lost, 0 phantom, 0 duplicated, 0 unresolved, open
 * orders and balances equal; the exit code is 1 otherwise.
 */
import { Capital } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import * as Effect from "effect/Effect"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Ledger from "./ledger.js"
import * as Prng from "./prng.js"
import type { Timing } from "./scenarios.js"
import { scenarios } from "./scenarios.js"
import type { Outcome, ScenarioCounts } from "./workload.js"
import { makeBelief, runScenario } from "./workload.js"

interface Args {
  readonly orders: number
  readonly seed: number
}

const usage = "usage: pnpm test:faults [--orders N (default 300)] [--seed S (default 1)]"

const parseArgs = (argv: ReadonlyArray<string>): Args => {
  let orders = 300
  let seed = 1
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = Number(argv[++i])
      if (!Number.isInteger(v) || v < 0) throw new Error(`${arg} needs a non-negative integer\n${usage}`)
      return v
    }
    if (arg === "--") continue
    else if (arg === "--orders") orders = value()
    else if (arg === "--seed") seed = value()
    else throw new Error(`unknown argument ${arg}\n${usage}`)
  }
  if (orders < scenarios.length) throw new Error(`--orders must be at least ${scenarios.length}\n${usage}`)
  return { orders, seed }
}

/** Short client timeout, a held answer past it, a short signing window: the CI form stays well under a minute. */
const timing: Timing = { timeoutMs: 500, lateAnswerMs: 800 }
const windowMs = 600

const pad = (s: string | number, n: number) => String(s).padEnd(n)
const padLeft = (s: string | number, n: number) => String(s).padStart(n)

const injectedSummary = (stats: Simulator.FaultStats): { readonly total: number; readonly text: string } => {
  const byKind = new Map<string, number>()
  for (const kinds of Object.values(stats.injected)) {
    for (const [kind, n] of Object.entries(kinds)) byKind.set(kind, (byKind.get(kind) ?? 0) + (n ?? 0))
  }
  const total = [...byKind.entries()].filter(([k]) => k !== "latency").reduce((n, [, v]) => n + v, 0)
  // each clock measurement of the SDK (after a timestamp refusal) reads /api/v1/time
  const clock = stats.requests["GET /api/v1/time"] ?? 0
  const text = [...byKind.entries()].map(([k, v]) => `${k} ${v}`)
  if (clock > 0) text.push(`clock reads ${clock}`)
  return { total, text: text.join(", ") || "-" }
}

const program = (args: Args) =>
  Effect.scoped(Effect.gen(function*() {
    const started = Date.now()
    const sim = yield* Simulator.make({ seed: args.seed, rateLimits: false, demoAccount: false })
    const trader = yield* sim.createAccount({
      balances: { USDC: "100000000", SOL: "1000000", BTC: "10000", ETH: "100000" }
    })
    const sdk = BackpackNode.layer({
      host: sim.url,
      apiSecret: Redacted.make(trader.apiSecret),
      window: windowMs,
      timeout: `${timing.timeoutMs} millis`,
      retries: 3,
      rateLimits: "unlimited"
    })
    const prng = Prng.make(args.seed)
    const belief = makeBelief()
    const rows: Array<{
      readonly name: string
      readonly description: string
      readonly counts: ScenarioCounts
      readonly injected: { readonly total: number; readonly text: string }
      readonly seconds: number
    }> = []
    const per = Math.floor(args.orders / scenarios.length)
    let remainder = args.orders - per * scenarios.length
    return yield* Effect.gen(function*() {
      for (const scenario of scenarios) {
        const intents = per + (remainder-- > 0 ? 1 : 0)
        const t0 = Date.now()
        yield* sim.faults.reset
        yield* Effect.orDie(sim.faults.setPlan(scenario.plan(timing)))
        const counts = yield* runScenario({
          scenario: scenario.name,
          intents,
          prng,
          belief,
          settleAfterMs: windowMs + 400,
          between: sim.runActivity(1),
          weights: scenario.weights
        })
        const stats = yield* sim.faults.stats
        rows.push({
          name: scenario.name,
          description: scenario.description,
          counts,
          injected: injectedSummary(stats),
          seconds: (Date.now() - t0) / 1000
        })
        console.log(
          `${pad(scenario.name, 20)} ${padLeft(intents, 5)} intents  ${
            padLeft(((Date.now() - t0) / 1000).toFixed(1), 6)
          } s  ${Object.entries(counts.byKind).map(([k, n]) => `${k} ${n}`).join(", ")}`
        )
      }
      // every fault cleared: the client reads its balances, the judge reads the ledger
      yield* sim.faults.reset
      const clientBalances = yield* Capital.getBalances().pipe(
        Effect.retry({ times: 5 }),
        Effect.orDie
      )
      const ledger = yield* Ledger.read(sim, trader.apiKey, trader.apiSecret)
      const verdict = Ledger.compare(belief, ledger, clientBalances)
      const audit = yield* sim.audit
      return { rows, verdict, audit, ledger, seconds: (Date.now() - started) / 1000 }
    }).pipe(Effect.provide(sdk))
  }))

const report = (result: Effect.Effect.Success<ReturnType<typeof program>>, args: Args): boolean => {
  const { audit, ledger, rows, seconds, verdict } = result
  const outcomes: ReadonlyArray<Outcome> = ["ok", "refused", "unknownPlaced", "unknownNotPlaced", "unresolved"]
  console.log("")
  console.log(
    `${pad("scenario", 20)} ${padLeft("intents", 7)} ${padLeft("faults", 6)} ${padLeft("ok", 5)} ${
      padLeft("refused", 7)
    } ${padLeft("unk→done", 10)} ${padLeft("unk→not", 7)} ${padLeft("unres", 5)} ${padLeft("lost", 4)} ${
      padLeft("phantom", 7)
    } ${padLeft("dup", 3)} ${padLeft("s", 6)}  injected`
  )
  const totals = { intents: 0, faults: 0, ok: 0, refused: 0, unknownPlaced: 0, unknownNotPlaced: 0, unresolved: 0 }
  for (const row of rows) {
    const bad = verdict.byScenario.get(row.name) ?? { lost: 0, phantom: 0, duplicated: 0, unresolved: 0 }
    totals.intents += row.counts.intents
    totals.faults += row.injected.total
    for (const o of outcomes) totals[o] += row.counts.outcomes[o]
    console.log(
      `${pad(row.name, 20)} ${padLeft(row.counts.intents, 7)} ${padLeft(row.injected.total, 6)} ${
        padLeft(row.counts.outcomes.ok, 5)
      } ${padLeft(row.counts.outcomes.refused, 7)} ${padLeft(row.counts.outcomes.unknownPlaced, 10)} ${
        padLeft(row.counts.outcomes.unknownNotPlaced, 7)
      } ${padLeft(row.counts.outcomes.unresolved, 5)} ${padLeft(bad.lost, 4)} ${padLeft(bad.phantom, 7)} ${
        padLeft(bad.duplicated, 3)
      } ${padLeft(row.seconds.toFixed(1), 6)}  ${row.injected.text}`
    )
  }
  console.log(
    `${pad("total", 20)} ${padLeft(totals.intents, 7)} ${padLeft(totals.faults, 6)} ${padLeft(totals.ok, 5)} ${
      padLeft(totals.refused, 7)
    } ${padLeft(totals.unknownPlaced, 10)} ${padLeft(totals.unknownNotPlaced, 7)} ${padLeft(totals.unresolved, 5)}`
  )
  console.log("")
  const kinds = new Map<string, number>()
  for (const row of rows) for (const [k, n] of Object.entries(row.counts.byKind)) kinds.set(k, (kinds.get(k) ?? 0) + n)
  console.log(`intents by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}`)
  const refusals = new Map<string, number>()
  for (const row of rows) {
    for (const [k, n] of Object.entries(row.counts.refusals)) refusals.set(k, (refusals.get(k) ?? 0) + n)
  }
  console.log(`refusals: ${[...refusals].map(([k, n]) => `${k} ×${n}`).join(", ") || "none"}`)
  console.log(
    `ledger: ${ledger.orders.length} orders (${ledger.open.size} open), ${ledger.withdrawals.length} withdrawals`
  )
  const auditProblems = [
    ...audit.conservationViolations.map((a) => `conservation ${a}`),
    ...audit.negativeBalances.map((a) => `negative ${a}`),
    ...audit.crossedBooks.map((a) => `crossed ${a}`),
    ...audit.lockMismatches.map((a) => `locks ${a}`)
  ]
  const problems: Array<[string, ReadonlyArray<string>]> = [
    ["lost", verdict.lost],
    ["phantom", verdict.phantom],
    ["duplicated", verdict.duplicated],
    ["unresolved", verdict.unresolved],
    ["open orders differ", verdict.openMismatches],
    ["balances differ", verdict.balanceMismatches],
    ["exchange audit", auditProblems]
  ]
  console.log(
    `verdict: ${verdict.lost.length} lost, ${verdict.phantom.length} phantom, ${verdict.duplicated.length} duplicated, ${verdict.unresolved.length} unresolved; ${verdict.openMismatches.length} open-order and ${verdict.balanceMismatches.length} balance differences; ${auditProblems.length} audit problems`
  )
  console.log(`seed ${args.seed}, ${args.orders} intents, ${seconds.toFixed(1)} s`)
  let ok = true
  for (const [what, list] of problems) {
    if (list.length === 0) continue
    ok = false
    console.log(`\n${what} (${list.length}):`)
    for (const line of list.slice(0, 20)) console.log(`  ${line}`)
  }
  return ok
}

const main = async () => {
  let args: Args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e))
    process.exitCode = 2
    return
  }
  console.log(`fault workload: ${args.orders} intents, seed ${args.seed}, ${scenarios.length} scenarios`)
  const result = await Effect.runPromise(
    program(args).pipe(Logger.withMinimumLogLevel(LogLevel.Error))
  )
  process.exitCode = report(result, args) ? 0 : 1
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})

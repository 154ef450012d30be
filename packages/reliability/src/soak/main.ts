/**
 * `pnpm test:soak [--minutes N] [--seconds N] [--warm-up S] [--max-growth-mb M] [--seed S]`: the soak of
 * issue 12 (60 s by default, the CI form).
 *
 * Starts an in-process simulator (background activity every 20 ms, bounded history) and the SDK, runs a
 * first workload for the warm-up (10 s, or a sixth of the run when shorter) and closes it, then runs the
 * measured workload of `workload.ts` (depth books, trades and private events of four markets, an order
 * loop, a forced reconnect every 10 s, a sequence gap every 30 s, lost private events every 40 s) until
 * the run's time is up. It measures:
 *
 * - the heap after `global.gc()` 5 s into the measured workload, every 10 s (every minute past 2
 *   minutes) and at the end: fails when it grew by more than `--max-growth-mb` (default 10 MB);
 * - live fibers (a `Supervisor` tracking every fiber of the soak), sockets, servers and timers
 *   (`process.getActiveResourcesInfo()`) and the simulator's WebSocket connections, after the warm-up
 *   and once the measured workload stopped (the simulator and the SDK still up): fails when fibers,
 *   timers, servers or WebSocket connections stay above their count after the warm-up (sockets are
 *   reported only: the HTTP pool keeps idle keep-alive connections for up to a minute);
 * - the same counts before anything started and after everything closed: fails when any is above.
 *
 * Counts are compared after up to 15 s for them to come down. It prints a summary table and exits
 * non-zero on any failure. With `SOAK_HEAP_SNAPSHOTS=<dir>` it also writes heap snapshots at the first
 * and last heap sample (`start.heapsnapshot`, `end.heapsnapshot`).
 *
 * @since 0.1.0
 */
import { Metrics } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Metric from "effect/Metric"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import * as Supervisor from "effect/Supervisor"
import * as os from "node:os"
import * as path from "node:path"
import * as v8 from "node:v8"
import * as Resources from "./resources.js"
import * as Workload from "./workload.js"

interface Args {
  readonly seconds: number
  readonly warmUp: number | undefined
  readonly maxGrowthMb: number
  readonly seed: number
}

const parseArgs = (argv: ReadonlyArray<string>): Args => {
  let seconds = 60
  let maxGrowthMb = 10
  let seed = 7
  let warmUp: number | undefined
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = Number(argv[i + 1])
    const known = flag === "--minutes" || flag === "--seconds" || flag === "--max-growth-mb" || flag === "--seed" ||
      flag === "--warm-up"
    if (flag === "--") continue
    if (!known || !Number.isFinite(value) || value <= 0) {
      throw new Error(
        `usage: soak [--minutes N] [--seconds N] [--warm-up S] [--max-growth-mb M] [--seed S] (got ${
          JSON.stringify(argv)
        })`
      )
    }
    if (flag === "--minutes") seconds = value * 60
    if (flag === "--seconds") seconds = value
    if (flag === "--max-growth-mb") maxGrowthMb = value
    if (flag === "--seed") seed = Math.trunc(value)
    if (flag === "--warm-up") warmUp = value
    i++
  }
  return { seconds, warmUp, maxGrowthMb, seed }
}

type Tracker = Parameters<typeof Resources.count>[0]

/** Polls until no count is above `target` (at most 15 s); the last counts. */
const settle = (supervisor: Tracker, target: Resources.Resources) =>
  Effect.gen(function*() {
    let now = yield* Resources.count(supervisor)
    for (let i = 0; i < 150 && Resources.leaks(target, now).length > 0; i++) {
      yield* Effect.sleep("100 millis")
      now = yield* Resources.count(supervisor)
    }
    return now
  })

const mb = (n: number) => n.toFixed(2)

const table = (rows: ReadonlyArray<readonly [string, string]>) => {
  const width = Math.max(...rows.map(([k]) => k.length))
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")
}

const program = (args: Args, supervisor: Tracker) =>
  Effect.gen(function*() {
    const total = Duration.seconds(args.seconds)
    const warmUp = Duration.seconds(args.warmUp ?? Math.min(10, args.seconds / 6))
    /** From the start of the measured workload to the first heap sample (its streams are live by then). */
    const settling = Duration.seconds(Math.min(5, args.seconds / 12))
    const sampleEvery = Duration.seconds(args.seconds <= 120 ? 10 : 60)
    const started = Date.now()

    // after one turn of the event loop: the runtime's own keep-alive timer is there from now on
    yield* Effect.sleep("10 millis")
    const initial = yield* Resources.count(supervisor)
    const outer = yield* Scope.make()
    const sim = yield* Simulator.make({
      seed: args.seed,
      activity: { intervalMs: 20 },
      rateLimits: false,
      demoAccount: false,
      // bounded history: the exchange's own memory stops growing during the warm-up
      history: { account: 500, trades: 500, candles: 100 }
    }).pipe(Scope.extend(outer))
    const trader = yield* sim.createAccount({ balances: { USDC: "10000000", SOL: "100000", BTC: "100", ETH: "2000" } })
    const sdk = yield* Layer.buildWithScope(
      BackpackNode.layer({
        host: sim.url,
        apiSecret: Redacted.make(trader.apiSecret),
        stream: { reconnectInitialDelay: "50 millis", reconnectMaxDelay: "200 millis" }
      }),
      outer
    )
    const workload = (scope: Scope.Scope, seed: number) =>
      Workload.start(sim, {
        seed,
        markets: Workload.defaultPlan,
        orderEvery: "100 millis",
        faultEvery: "10 seconds",
        maxOpen: 40
      }).pipe(Effect.provide(sdk), Scope.extend(scope))

    // warm-up: a first workload, then closed: the SDK's connection and HTTP pool, the simulator's
    // bounded histories and the JIT are in their steady state; what is left running is the baseline
    const first = yield* Scope.make()
    yield* workload(first, args.seed + 1)
    yield* Effect.sleep(warmUp)
    yield* Scope.close(first, Exit.void)
    yield* Effect.sleep("1 second")
    const idle = yield* Resources.count(supervisor)
    const idleConnections = (yield* sim.faults.webSocketConnections).length

    const reconnectsBefore = (yield* Metric.value(Metrics.reconnects)).count
    const resyncsBefore = (yield* Metric.value(Metrics.resyncs)).count
    const inner = yield* Scope.make()
    const { account, counters } = yield* workload(inner, args.seed)
    const soakStart = Date.now()
    yield* Effect.sleep(settling)
    const heapStart = yield* Resources.heapAfterGc
    const samples: Array<{ readonly at: number; readonly heap: number; readonly counts: string }> = []
    const sample = (heap: number) =>
      samples.push({
        at: Math.round((Date.now() - soakStart) / 1000),
        heap,
        counts:
          `books ${counters.books} (${counters.bookLevels} levels now), trades ${counters.trades}, order events ${counters.orderEvents}`
      })
    sample(heapStart)
    const snapshots = process.env.SOAK_HEAP_SNAPSHOTS
    if (snapshots !== undefined) v8.writeHeapSnapshot(path.join(snapshots, "start.heapsnapshot"))
    const end = started + Duration.toMillis(total)
    while (Date.now() < end) {
      yield* Effect.sleep(Duration.millis(Math.min(Duration.toMillis(sampleEvery), end - Date.now())))
      if (Date.now() < end - 1000) sample(yield* Resources.heapAfterGc)
    }
    const running = yield* Resources.count(supervisor)
    const runningConnections = (yield* sim.faults.webSocketConnections).length
    const heapEnd = yield* Resources.heapAfterGc
    sample(heapEnd)
    if (snapshots !== undefined) v8.writeHeapSnapshot(path.join(snapshots, "end.heapsnapshot"))
    const drift = yield* Effect.either(account.reconcile)
    const stoppedEarly = yield* Effect.either(Effect.timeout(account.await, "1 millis"))
    const reconnects = (yield* Metric.value(Metrics.reconnects)).count - reconnectsBefore
    const resyncs = (yield* Metric.value(Metrics.resyncs)).count - resyncsBefore

    yield* Scope.close(inner, Exit.void)
    const afterWorkload = yield* settle(supervisor, idle)
    const afterConnections = (yield* sim.faults.webSocketConnections).length
    yield* Scope.close(outer, Exit.void)
    const afterAll = yield* settle(supervisor, initial)

    const growth = heapEnd - heapStart
    const failures: Array<string> = []
    if (growth > args.maxGrowthMb) failures.push(`heap grew ${mb(growth)} MB (> ${args.maxGrowthMb} MB)`)
    // sockets are left out here: the HTTP pool keeps idle keep-alive connections (as many as the peak
    // of concurrent requests) for up to a minute; the simulator's count of WebSocket connections, and
    // every socket once everything is closed, are exact
    for (const leak of Resources.leaks(idle, afterWorkload)) {
      if (!leak.startsWith("sockets")) failures.push(`after the workload: ${leak}`)
    }
    if (afterConnections > idleConnections) {
      failures.push(`after the workload: WebSocket connections ${idleConnections} -> ${afterConnections}`)
    }
    for (const leak of Resources.leaks(initial, afterAll)) failures.push(`after shutdown: ${leak}`)
    if (counters.crossedBooks > 0) failures.push(`${counters.crossedBooks} crossed books`)
    if (counters.books === 0 || counters.trades === 0 || counters.orderEvents === 0 || counters.placed === 0) {
      failures.push("the workload made no progress")
    }
    if (stoppedEarly._tag === "Right") failures.push("the account view stopped")

    const counts = (r: Resources.Resources) =>
      `fibers ${r.fibers}, sockets ${r.sockets}, servers ${r.servers}, timers ${r.timers}`
    console.log(
      `\nsoak: ${args.seconds} s (warm-up workload ${
        Duration.toSeconds(warmUp).toFixed(1)
      } s), seed ${args.seed}, node ${process.version}, ${os.cpus().length} cpus (${
        os.cpus()[0]?.model ?? "?"
      }), load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}, ${os.platform()} ${os.arch()}`
    )
    console.log("\nheap after GC:")
    console.log(table(samples.map((s) => [`${s.at} s`, `${mb(s.heap)} MB  (${s.counts})`])))
    console.log("\nsummary:")
    console.log(table([
      ["heap start / end", `${mb(heapStart)} MB / ${mb(heapEnd)} MB`],
      ["heap growth", `${growth >= 0 ? "+" : ""}${mb(growth)} MB (limit ${args.maxGrowthMb} MB)`],
      ["before anything", counts(initial)],
      ["up, after the warm-up", `${counts(idle)}; ${idleConnections} WebSocket connections`],
      ["workload running", `${counts(running)}; ${runningConnections} WebSocket connections`],
      ["workload stopped", `${counts(afterWorkload)}; ${afterConnections} WebSocket connections`],
      ["everything closed", counts(afterAll)],
      ["books / crossed", `${counters.books} / ${counters.crossedBooks}`],
      ["trades", String(counters.trades)],
      ["order events / account views", `${counters.orderEvents} / ${counters.views}`],
      [
        "orders placed / IOC / cancels",
        `${counters.placed} / ${counters.iocs} / ${counters.cancels} (lifecycles followed to the end: ${counters.trackersEnded})`
      ],
      ["order loop errors", JSON.stringify(counters.errors)],
      [
        "faults injected",
        `${counters.reconnectsInjected} reconnects, ${counters.gapsInjected} gaps, ${counters.privateEventsDropped} private events lost`
      ],
      ["reconnects / resyncs (SDK metrics)", `${reconnects} / ${resyncs}`],
      [
        "final reconcile",
        drift._tag === "Right" ? `${drift.right.length} drift items` : `failed: ${drift.left._tag}`
      ],
      ["result", failures.length === 0 ? "PASS" : `FAIL: ${failures.join("; ")}`]
    ]))
    if (failures.length > 0) return yield* Effect.fail(new Error(failures.join("; ")))
  })

const main = Effect.gen(function*() {
  const args = parseArgs(process.argv.slice(2))
  const supervisor = yield* Supervisor.track
  yield* program(args, supervisor).pipe(Effect.supervised(supervisor))
}).pipe(Logger.withMinimumLogLevel(LogLevel.Error))

NodeRuntime.runMain(main, { disableErrorReporting: false })

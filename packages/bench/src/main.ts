/**
 * `pnpm bench`: the client-side benchmark. Starts the loopback Backpack server in its own process,
 * then measures every figure for the raw floor, CCXT and the SDK, each measurement in a fresh child
 * process, repetitions interleaved (the order of the three clients rotates per repetition). Prints
 * the medians with min–max and peak RSS, the ratios and the goals of issue 8.
 *
 * Options:
 * - `--quick`: small counts, one repetition (development; the numbers only show it runs)
 * - `--only a,b`: figures whose id starts with one of these (`getDepth`, `executeOrder16`, `watch`,
 *   `scaling`, `footprint`, `heap`, …); see `--list`
 * - `--impl sdk,raw`: only these clients (ratios need `raw`/`ccxt` beside `sdk`)
 * - `--reps N`: repetitions (default 3, quick 1)
 * - `--deltas N`: deltas of the `watch` figure (default 100,000; quick 20,000)
 * - `--timeout S`: seconds before a measurement is abandoned (default 240; watch 120 + 2 ms a delta)
 * - `--json [file]`: also write the results as JSON (default `packages/bench/results.json`)
 * - `--profile [dir]`: CPU-profile the SDK's timed phase (V8's sampling profiler, what
 *   `node --cpu-prof` runs) into `<dir>/<figure>-sdk-<rep>.cpuprofile` (default dir
 *   `packages/bench/profiles`); summarise with `tsx src/profile.ts <file or dir>`
 *
 * Only 127.0.0.1 is contacted (servers on port 0; every child installs the loopback guard).
 *
 * @since 0.1.0
 */
import * as Child from "node:child_process"
import * as Crypto from "node:crypto"
import { mkdirSync, writeFileSync } from "node:fs"
import * as Os from "node:os"
import * as Path from "node:path"
import { performance } from "node:perf_hooks"
import { fileURLToPath } from "node:url"
import * as Ccxt from "./Ccxt.js"
import type { Outcome, Task } from "./client/worker.js"
import * as Footprint from "./footprint/build.js"
import * as Canned from "./loopback/Canned.js"
import * as NetGuard from "./NetGuard.js"

NetGuard.install()

type Impl = "raw" | "ccxt" | "sdk"
const allImpls: ReadonlyArray<Impl> = ["raw", "ccxt", "sdk"]

const here = Path.dirname(fileURLToPath(import.meta.url))
const benchDir = Path.resolve(here, "..")

// ---------------------------------------------------------------------------------------------
// arguments
// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2)
const flag = (name: string) => argv.includes(name)
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name)
  const next = i >= 0 ? argv[i + 1] : undefined
  return next !== undefined && !next.startsWith("--") ? next : undefined
}
const quick = flag("--quick")
const reps = Number(option("--reps") ?? (quick ? "1" : "3"))
const only = option("--only")?.split(",").filter((s) => s !== "")
const impls = (option("--impl")?.split(",") ?? allImpls) as ReadonlyArray<Impl>
const jsonPath = flag("--json") ? Path.resolve(option("--json") ?? Path.join(benchDir, "results.json")) : undefined
const profileDir = flag("--profile") ? Path.resolve(option("--profile") ?? Path.join(benchDir, "profiles")) : undefined
const pick = (full: number, q: number) => (quick ? q : full)
const timeoutOption = option("--timeout")
const timeoutSeconds = timeoutOption === undefined ? undefined : Number(timeoutOption)

// ---------------------------------------------------------------------------------------------
// figures
// ---------------------------------------------------------------------------------------------

type Job =
  | { readonly kind: "worker"; readonly task: Task }
  | { readonly kind: "footprint"; readonly impl: Impl }

interface Metric {
  readonly key: string
  readonly label: string
  readonly unit: string
  readonly higherIsBetter: boolean
}

interface Figure {
  readonly id: string
  readonly title: string
  readonly metrics: ReadonlyArray<Metric>
  readonly job: (impl: Impl) => Job
  /** Repetitions (defaults to the run's). */
  readonly reps?: number
  /** Clients measured (defaults to the run's). */
  readonly impls?: ReadonlyArray<Impl>
  /** Throws when the outcome is wrong: a figure only counts when its check passes. */
  readonly check: (impl: Impl, outcome: Outcome) => void
}

const opsPerSec: Metric = { key: "opsPerSec", label: "calls/s", unit: "/s", higherIsBetter: true }
const deltasPerSec: Metric = { key: "deltasPerSec", label: "deltas/s", unit: "/s", higherIsBetter: true }
const lag: Metric = { key: "lagMs", label: "last delta → final book", unit: "ms", higherIsBetter: false }
const emitted: Metric = { key: "emitted", label: "books emitted", unit: "", higherIsBetter: false }
const perEmission: Metric = {
  key: "usPerEmission",
  label: "wall µs per emitted book",
  unit: "µs",
  higherIsBetter: false
}

const expectedDepth = (() => {
  const book = Canned.initialBook(1000, 1)
  const bid = Canned.midTick - 1
  const ask = Canned.midTick + 1
  return {
    bestBid: [Canned.ticks(bid), Canned.ticks(book.bids.get(bid)!)].map(normText),
    bestAsk: [Canned.ticks(ask), Canned.ticks(book.asks.get(ask)!)].map(normText),
    bids: 1000,
    asks: 1000
  }
})()

function normText(s: string): string {
  if (!s.includes(".")) return s
  const t = s.replace(/0+$/, "")
  return t.endsWith(".") ? t.slice(0, -1) : t
}

const fail = (message: string): never => {
  throw new Error(message)
}

const checkDepth = (_: Impl, outcome: Outcome) => {
  for (const which of ["first", "last"] as const) {
    const got = JSON.stringify(outcome.check[which])
    if (got !== JSON.stringify(expectedDepth)) fail(`${which} depth ${got} ≠ server ${JSON.stringify(expectedDepth)}`)
  }
}

const checkOrder = (_: Impl, outcome: Outcome) => {
  const { first, last, rejected, verified } = outcome.check as {
    first: { id: string; status: string; price: string }
    last: { id: string; status: string; price: string }
    rejected: number
    verified: number
  }
  if (rejected !== 0) fail(`${rejected} order(s) rejected by the server (bad signature or headers)`)
  if (verified < 32) fail(`only ${verified} signatures verified`)
  for (const order of [first, last]) {
    if (!/^\d{18}$/.test(order.id) || order.price !== "1" || !["New", "open"].includes(order.status)) {
      fail(`unexpected decoded order ${JSON.stringify(order)}`)
    }
  }
}

const checkWatch = (deltas: number) => (_: Impl, outcome: Outcome) => {
  if (outcome.check["sent"] !== deltas) fail(`server sent ${String(outcome.check["sent"])} of ${deltas} deltas`)
  if (outcome.check["allEqual"] !== true) {
    fail(`final book differs from the server's: ${JSON.stringify(outcome.check["books"])}`)
  }
}

const rest = (
  id: string,
  op: "getDepth" | "executeOrder",
  concurrency: number,
  counts: { readonly warmup: number; readonly iterations: number }
): Figure => ({
  id,
  title: `${op === "getDepth" ? "getDepth 1000+1000 levels" : "executeOrder (signed)"}, ${
    concurrency === 1 ? "sequential" : `${concurrency} concurrent`
  }`,
  metrics: [opsPerSec],
  job: (impl) => ({ kind: "worker", task: { kind: "rest", impl, op, concurrency, ...counts } }),
  check: op === "getDepth" ? checkDepth : checkOrder
})

const watchFigure = (
  id: string,
  title: string,
  config: { readonly symbols: number; readonly levels: number; readonly deltas: number; readonly heap?: boolean },
  metrics: ReadonlyArray<Metric>,
  restrict?: { readonly reps: number; readonly impls: ReadonlyArray<Impl> }
): Figure => ({
  id,
  title,
  metrics,
  ...restrict,
  job: (impl) => ({
    kind: "worker",
    task: {
      kind: "watch",
      impl,
      symbols: Canned.symbols.slice(0, config.symbols),
      levels: config.levels,
      deltas: config.deltas,
      heap: config.heap ?? false
    }
  }),
  check: checkWatch(config.deltas)
})

const depthCounts = { warmup: pick(50, 20), iterations: pick(300, 100) }
const orderCounts = { warmup: pick(50, 20), iterations: pick(600, 200) }
const watchDeltas = Number(option("--deltas") ?? pick(100_000, 20_000))
const scalingDeltas = pick(25_000, 10_000)
const heapDeltas = pick(1_000_000, 100_000)

const figures: ReadonlyArray<Figure> = [
  rest("getDepth", "getDepth", 1, depthCounts),
  rest("getDepth16", "getDepth", 16, depthCounts),
  rest("executeOrder", "executeOrder", 1, orderCounts),
  rest("executeOrder16", "executeOrder", 16, orderCounts),
  watchFigure(
    "watch",
    `OrderBook.watch: ${watchDeltas.toLocaleString("en-US")} deltas, 1000+1000 levels, 1 symbol`,
    { symbols: 1, levels: 1000, deltas: watchDeltas },
    [deltasPerSec, lag, emitted, perEmission]
  ),
  {
    id: "footprint",
    title: "import, then RSS after import + one markets request (plain node, fresh process)",
    metrics: [
      { key: "importMs", label: "import time", unit: "ms", higherIsBetter: false },
      { key: "rssMb", label: "RSS after import + getMarkets", unit: "MB", higherIsBetter: false }
    ],
    job: (impl) => ({ kind: "footprint", impl }),
    check: (_, outcome) => {
      if (outcome.check["markets"] !== Canned.symbols.length) fail(`markets: ${String(outcome.check["markets"])}`)
    }
  },
  ...[100, 1000, 10_000].map((levels) =>
    watchFigure(
      `scaling-levels-${levels}`,
      `watch scaling: ${levels.toLocaleString("en-US")}+${levels.toLocaleString("en-US")} levels, 1 symbol, ${
        scalingDeltas.toLocaleString("en-US")
      } deltas`,
      { symbols: 1, levels, deltas: scalingDeltas },
      [deltasPerSec]
    )
  ),
  ...[10, 50].map((symbols) =>
    watchFigure(
      `scaling-symbols-${symbols}`,
      `watch scaling: ${symbols} symbols on one connection, 1000+1000 levels each, ${
        scalingDeltas.toLocaleString("en-US")
      } deltas in all`,
      { symbols, levels: 1000, deltas: scalingDeltas },
      [deltasPerSec]
    )
  ),
  watchFigure(
    "heap",
    `heap growth over ${heapDeltas.toLocaleString("en-US")} deltas (after GC, before vs after the watch)`,
    { symbols: 1, levels: 1000, deltas: heapDeltas, heap: true },
    [{ key: "heapGrowthMb", label: "heap growth", unit: "MB", higherIsBetter: false }, deltasPerSec],
    { reps: 1, impls: ["sdk"] }
  )
]

const selected = figures.filter((f) => only === undefined || only.some((o) => f.id.startsWith(o)))

// ---------------------------------------------------------------------------------------------
// processes
// ---------------------------------------------------------------------------------------------

const seed = Crypto.createHash("sha256").update("effect-backpack bench key").digest()
const keys = (() => {
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed])
  const privateKey = Crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })
  const spki = Crypto.createPublicKey(privateKey).export({ format: "der", type: "spki" })
  return { secret: seed.toString("base64"), apiKey: spki.subarray(12).toString("base64") }
})()

const tsxArgs = ["--import", "tsx"]

const startServer = (): Promise<{ readonly port: number; readonly child: Child.ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = Child.fork(Path.join(here, "loopback/main.ts"), [], {
      execArgv: tsxArgs,
      env: { ...process.env, BENCH_API_KEY: keys.apiKey },
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    child.once("message", (message) => resolve({ port: (message as { port: number }).port, child }))
    child.once("exit", (code) => reject(new Error(`loopback server exited (${code})`)))
  })

const runJob = (
  job: Job,
  env: NodeJS.ProcessEnv,
  footprint: { readonly script: string; readonly sdkJs: string } | undefined,
  label: string
): Promise<Outcome> =>
  new Promise((resolve, reject) => {
    const impl = job.kind === "worker" ? job.task.impl : job.impl
    const profiling = profileDir !== undefined && impl === "sdk"
    // workers profile their timed phase only (BENCH_PROFILE_FILE); footprint runs the whole process
    const profileArgs = profiling && job.kind === "footprint"
      ? ["--cpu-prof", "--cpu-prof-dir", profileDir, "--cpu-prof-name", `${label}.cpuprofile`]
      : []
    const child = job.kind === "worker"
      ? Child.fork(Path.join(here, "client/worker.ts"), [JSON.stringify(job.task)], {
        execArgv: [...tsxArgs, "--expose-gc"],
        env: profiling ? { ...env, BENCH_PROFILE_FILE: Path.join(profileDir, `${label}.cpuprofile`) } : env,
        stdio: ["ignore", "inherit", "inherit", "ipc"]
      })
      : Child.fork(footprint!.script, [job.impl], {
        execArgv: profileArgs,
        env: { ...env, BENCH_SDK_JS: footprint!.sdkJs },
        stdio: ["ignore", "inherit", "inherit", "ipc"]
      })
    let outcome: Outcome | undefined
    const timer = setTimeout(
      () => {
        child.kill("SIGKILL")
        reject(new Error(`${label}: timed out`))
      },
      timeoutSeconds !== undefined
        ? timeoutSeconds * 1000
        : job.kind === "worker" && job.task.kind === "watch"
        ? 120_000 + job.task.deltas * 2
        : 240_000
    )
    child.on("message", (message) => {
      outcome = message as Outcome
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      if (outcome !== undefined) resolve(outcome)
      else reject(new Error(`${label}: exited with ${code} without a result`))
    })
  })

// ---------------------------------------------------------------------------------------------
// statistics and output
// ---------------------------------------------------------------------------------------------

interface Cell {
  readonly samples: ReadonlyArray<number>
  readonly median: number
  readonly min: number
  readonly max: number
}

const cell = (samples: ReadonlyArray<number>): Cell => {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { samples, median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

const fmt = (x: number, unit: string): string => {
  if (!Number.isFinite(x)) return "n/a"
  if (unit === "/s") return Math.round(x).toLocaleString("en-US")
  if (Math.abs(x) >= 100) return x.toFixed(0)
  if (Math.abs(x) >= 10) return x.toFixed(1)
  return x.toFixed(2)
}

const fmtCell = (c: Cell | undefined, unit: string) =>
  c === undefined ? "–" : `${fmt(c.median, unit)} (${fmt(c.min, unit)}–${fmt(c.max, unit)})`

interface Goal {
  readonly figure: string
  readonly text: string
  readonly value: (get: (figure: string, metric: string, impl: Impl) => number | undefined) => number | undefined
  readonly met: (value: number) => boolean
  readonly unit: string
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b

const speedGoals = (figure: string, ccxt: number, raw: number): ReadonlyArray<Goal> => [
  {
    figure,
    text: `${figure}: SDK ≥ ${ccxt}× CCXT`,
    value: (get) =>
      ratio(
        get(figure, figure.startsWith("watch") ? "deltasPerSec" : "opsPerSec", "sdk"),
        get(figure, figure.startsWith("watch") ? "deltasPerSec" : "opsPerSec", "ccxt")
      ),
    met: (v) => v >= ccxt,
    unit: "×"
  },
  {
    figure,
    text: `${figure}: SDK ≥ ${raw}× raw`,
    value: (get) =>
      ratio(
        get(figure, figure.startsWith("watch") ? "deltasPerSec" : "opsPerSec", "sdk"),
        get(figure, figure.startsWith("watch") ? "deltasPerSec" : "opsPerSec", "raw")
      ),
    met: (v) => v >= raw,
    unit: "×"
  }
]

const goals: ReadonlyArray<Goal> = [
  ...speedGoals("getDepth", 1.5, 0.7),
  ...speedGoals("getDepth16", 1.5, 0.7),
  ...speedGoals("executeOrder", 3, 0.6),
  ...speedGoals("executeOrder16", 5, 0.6),
  ...speedGoals("watch", 1.5, 0.6),
  {
    figure: "watch",
    text: "watch: SDK consumer sees the final book ≤ 100 ms after the last delta",
    value: (get) => get("watch", "lagMs", "sdk"),
    met: (v) => v <= 100,
    unit: "ms"
  },
  {
    figure: "footprint",
    text: "RSS after import + getMarkets ≤ 100 MB",
    value: (get) => get("footprint", "rssMb", "sdk"),
    met: (v) => v <= 100,
    unit: "MB"
  },
  {
    figure: "footprint",
    text: "SDK import time ≤ CCXT's (SDK / CCXT)",
    value: (get) => ratio(get("footprint", "importMs", "sdk"), get("footprint", "importMs", "ccxt")),
    met: (v) => v <= 1,
    unit: "×"
  },
  {
    figure: "heap",
    text: `heap growth < 10 MB over ${heapDeltas.toLocaleString("en-US")} deltas`,
    value: (get) => get("heap", "heapGrowthMb", "sdk"),
    met: (v) => v < 10,
    unit: "MB"
  },
  {
    figure: "scaling-levels-10000",
    text: "per-delta cost at 10,000 levels ≤ 2× at 100 levels (O(log n): log 10⁴ / log 10² = 2)",
    value: (get) =>
      ratio(get("scaling-levels-100", "deltasPerSec", "sdk"), get("scaling-levels-10000", "deltasPerSec", "sdk")),
    met: (v) => v <= 2,
    unit: "×"
  },
  {
    figure: "scaling-symbols-50",
    text: "per-delta cost with 50 symbols ≤ 1.5× with 1 (linear in symbols)",
    value: (get) =>
      ratio(get("scaling-levels-1000", "deltasPerSec", "sdk"), get("scaling-symbols-50", "deltasPerSec", "sdk")),
    met: (v) => v <= 1.5,
    unit: "×"
  }
]

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

const main = async () => {
  const started = performance.now()
  const loadAtStart = Os.loadavg().map((x) => x.toFixed(2)).join(" / ")
  if (selected.length === 0) {
    console.error(`no figure matches --only ${only?.join(",")}; figures: ${figures.map((f) => f.id).join(", ")}`)
    process.exit(2)
  }
  if (flag("--list")) {
    for (const f of figures) console.log(`${f.id.padEnd(22)} ${f.title}`)
    return
  }
  if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true })
  const server = await startServer()
  const url = `http://127.0.0.1:${server.port}`
  NetGuard.checkUrl(url)
  const env = {
    ...process.env,
    BENCH_URL: url,
    BENCH_WS_URL: `ws://127.0.0.1:${server.port}`,
    BENCH_API_KEY: keys.apiKey,
    BENCH_SECRET: keys.secret
  }
  const footprint = selected.some((f) => f.id === "footprint") ? await Footprint.build(benchDir) : undefined
  console.log(
    `effect-backpack client benchmark (${quick ? "quick" : "full"}): loopback server ${url}, ${reps} repetition(s), ` +
      `clients ${
        impls.join(", ")
      }; node ${process.version}, ${Os.availableParallelism()} cores, load ${loadAtStart}, ccxt ${Ccxt.version}`
  )

  const samples = new Map<string, Array<number>>() // `${figure}|${metric}|${impl}`
  const peak = new Map<string, Array<number>>() // `${figure}|${impl}`
  const failures: Array<string> = []
  const push = <K, V>(m: Map<K, Array<V>>, k: K, v: V) => m.set(k, [...(m.get(k) ?? []), v])
  const maxReps = Math.max(...selected.map((f) => f.reps ?? reps))
  for (let rep = 0; rep < maxReps; rep++) {
    for (const figure of selected) {
      if (rep >= (figure.reps ?? reps)) continue
      const mine = impls.filter((impl) => figure.impls === undefined || figure.impls.includes(impl))
      const order = mine.map((_, i) => mine[(i + rep) % mine.length]!)
      for (const impl of order) {
        const label = `${figure.id}-${impl}-${rep + 1}`
        process.stdout.write(`  ${label} … `)
        try {
          const outcome = await runJob(figure.job(impl), env, footprint, label)
          figure.check(impl, outcome)
          for (const m of figure.metrics) push(samples, `${figure.id}|${m.key}|${impl}`, outcome.metrics[m.key]!)
          push(peak, `${figure.id}|${impl}`, outcome.peakRssMb)
          process.stdout.write(
            `${figure.metrics.map((m) => `${fmt(outcome.metrics[m.key]!, m.unit)} ${m.label}`).join(", ")}\n`
          )
        } catch (error) {
          const message = `${label}: ${error instanceof Error ? error.message : String(error)}`
          failures.push(message)
          process.stdout.write(`FAILED (${message})\n`)
        }
      }
    }
  }
  server.child.kill("SIGTERM")

  const get = (figure: string, metric: string, impl: Impl) => {
    const s = samples.get(`${figure}|${metric}|${impl}`)
    return s === undefined || s.length === 0 ? undefined : cell(s).median
  }
  const rows: Array<Record<string, unknown>> = []
  const lines: Array<string> = [
    "| figure | metric | raw | CCXT | SDK | SDK / CCXT | SDK / raw | peak RSS MB (raw / CCXT / SDK) |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  ]
  for (const figure of selected) {
    for (const m of figure.metrics) {
      const cells = Object.fromEntries(allImpls.map((impl) => {
        const s = samples.get(`${figure.id}|${m.key}|${impl}`)
        return [impl, s === undefined || s.length === 0 ? undefined : cell(s)]
      })) as Record<Impl, Cell | undefined>
      const vs = (other: Impl) => {
        const r = ratio(cells.sdk?.median, cells[other]?.median)
        return r === undefined ? "–" : `${r.toFixed(2)}×`
      }
      const peaks = allImpls.map((impl) => {
        const p = peak.get(`${figure.id}|${impl}`)
        return p === undefined ? "–" : Math.max(...p).toFixed(0)
      }).join(" / ")
      lines.push(
        `| ${figure.title} | ${m.label}${m.unit === "/s" || m.unit === "" ? "" : ` (${m.unit})`} | ${
          fmtCell(cells.raw, m.unit)
        } | ${fmtCell(cells.ccxt, m.unit)} | ${fmtCell(cells.sdk, m.unit)} | ${vs("ccxt")} | ${vs("raw")} | ${peaks} |`
      )
      rows.push({ figure: figure.id, title: figure.title, metric: m.key, unit: m.unit, ...cells })
    }
  }
  const goalLines = ["| goal | value | met |", "| --- | ---: | :---: |"]
  const goalRows: Array<Record<string, unknown>> = []
  for (const goal of goals) {
    if (!selected.some((f) => f.id === goal.figure)) continue
    const value = goal.value(get)
    goalLines.push(
      `| ${goal.text} | ${value === undefined ? "–" : `${value.toFixed(2)} ${goal.unit}`} | ${
        value === undefined ? "–" : goal.met(value) ? "yes" : "**no**"
      } |`
    )
    goalRows.push({ goal: goal.text, value, met: value === undefined ? null : goal.met(value) })
  }
  const elapsed = (performance.now() - started) / 1000
  console.log(
    `\nMedian (min–max) of ${reps} repetition(s), each in a fresh process. Ratios divide the SDK's median by the ` +
      "other client's: above 1 is better for rates (/s), below 1 for times and sizes.\n"
  )
  console.log(lines.join("\n"))
  console.log(`\nGoals (issue 8), SDK medians:\n`)
  console.log(goalLines.join("\n"))
  const contacted = NetGuard.report()
  console.log(
    `\nTotal ${elapsed.toFixed(0)} s. Connections from this process: ${
      contacted.connections.map(([h, n]) => `${h} ×${n}`).join(", ") || "none"
    } (children abort on any non-loopback destination).`
  )
  if (jsonPath !== undefined) {
    writeFileSync(
      jsonPath,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          mode: quick ? "quick" : "full",
          reps,
          node: process.version,
          cores: Os.availableParallelism(),
          loadAtStart,
          ccxt: Ccxt.version,
          elapsedSeconds: elapsed,
          figures: rows,
          goals: goalRows,
          failures
        },
        null,
        2
      )
    )
    console.log(`Wrote ${jsonPath}`)
  }
  if (failures.length > 0) {
    console.error(`\n${failures.length} measurement(s) failed their check and were not counted:`)
    for (const f of failures) console.error(`  - ${f}`)
    process.exitCode = 1
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error("benchmark failed:", error)
    process.exit(1)
  }
)

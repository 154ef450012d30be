/**
 * One measurement in a fresh process: `tsx src/client/worker.ts '<task json>'` (forked by
 * `main.ts` with an IPC channel). Builds one client (raw, CCXT or SDK), checks its answers, times
 * the task and sends one {@link Outcome} to the parent.
 *
 * @since 0.1.0
 */
import { writeFileSync } from "node:fs"
import * as Inspector from "node:inspector"
import { performance } from "node:perf_hooks"
import * as NetGuard from "../NetGuard.js"
import type { Client, DepthSummary, Endpoint, OrderSummary } from "./Client.js"

NetGuard.install()

/**
 * @since 0.1.0
 * @category models
 */
export type Impl = "raw" | "ccxt" | "sdk"

/**
 * @since 0.1.0
 * @category models
 */
export type Task =
  | {
    readonly kind: "rest"
    readonly impl: Impl
    readonly op: "getDepth" | "executeOrder"
    readonly concurrency: number
    readonly warmup: number
    readonly iterations: number
  }
  | {
    readonly kind: "watch"
    readonly impl: Impl
    readonly symbols: ReadonlyArray<string>
    readonly levels: number
    readonly deltas: number
    readonly heap: boolean
  }

/**
 * What a worker reports. `metrics` are the figure's numbers; `check` is what the parent compares
 * (a figure only counts when its check passes).
 *
 * @since 0.1.0
 * @category models
 */
export interface Outcome {
  readonly metrics: Readonly<Record<string, number>>
  readonly check: Readonly<Record<string, unknown>>
  readonly peakRssMb: number
}

const endpoint: Endpoint = {
  url: process.env["BENCH_URL"]!,
  wsUrl: process.env["BENCH_WS_URL"]!,
  apiKey: process.env["BENCH_API_KEY"]!,
  secret: process.env["BENCH_SECRET"]!
}

const makeClient = async (impl: Impl, loadMarkets: boolean): Promise<Client> => {
  switch (impl) {
    case "raw":
      return (await import("./Raw.js")).make(endpoint)
    case "ccxt":
      return (await import("./CcxtClient.js")).make(endpoint, { loadMarkets })
    case "sdk":
      return (await import("./SdkClient.js")).make(endpoint)
  }
}

const control = async (method: "GET" | "POST", path: string, body?: unknown): Promise<any> => {
  const response = await fetch(`${endpoint.url}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
  return response.json()
}

/**
 * With `BENCH_PROFILE_FILE` set, the V8 CPU profiler (what `node --cpu-prof` runs) records only the
 * timed phase and writes a `.cpuprofile` there: module loading and setup stay out of the profile.
 */
const profiled = async <A>(body: () => Promise<A>): Promise<A> => {
  const file = process.env["BENCH_PROFILE_FILE"]
  if (file === undefined) return body()
  const session = new Inspector.Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)))
    )
  await post("Profiler.enable")
  await post("Profiler.setSamplingInterval", { interval: 200 })
  await post("Profiler.start")
  const result = await body()
  const { profile } = await post("Profiler.stop")
  writeFileSync(file, JSON.stringify(profile))
  session.disconnect()
  return result
}

const wall = () => performance.timeOrigin + performance.now()

const gc = () => {
  const collect = (globalThis as { gc?: () => void }).gc
  if (collect === undefined) throw new Error("run the worker with --expose-gc")
  collect()
  collect()
}

const rest = async (task: Extract<Task, { kind: "rest" }>): Promise<Outcome> => {
  await control("POST", "/bench/session", { symbols: [], levels: 0, deltas: 0 })
  const client = await makeClient(task.impl, true)
  const call = task.op === "getDepth" ? client.getDepth : client.executeOrder
  const summarize = (value: unknown): DepthSummary | OrderSummary =>
    task.op === "getDepth" ? client.summarizeDepth(value) : client.summarizeOrder(value)
  const first = summarize(await call())
  for (let i = 1; i < task.warmup; i++) await call()
  let last: unknown
  const lanes = Math.max(1, task.concurrency)
  const perLane = Math.ceil(task.iterations / lanes)
  const started = performance.now()
  await profiled(() =>
    Promise.all(Array.from({ length: lanes }, async () => {
      for (let i = 0; i < perLane; i++) last = await call()
    }))
  )
  const elapsed = performance.now() - started
  const stats = task.op === "executeOrder" ? await control("GET", "/bench/stats") : undefined
  await client.close()
  return {
    metrics: { opsPerSec: (perLane * lanes) / (elapsed / 1000), meanMs: elapsed / perLane },
    check: {
      first,
      last: summarize(last),
      ...(stats === undefined ? {} : { verified: stats.verified, rejected: stats.rejected, orders: stats.orders })
    },
    peakRssMb: process.resourceUsage().maxRSS / 1024
  }
}

const watch = async (task: Extract<Task, { kind: "watch" }>): Promise<Outcome> => {
  const { final } = await control("POST", "/bench/session", {
    symbols: task.symbols,
    levels: task.levels,
    deltas: task.deltas
  }) as { final: Record<string, string> }
  const client = await makeClient(task.impl, true)
  let heapBefore = 0
  if (task.heap) {
    gc()
    heapBefore = process.memoryUsage().heapUsed
  }
  let startedAt = 0
  const outcome = await profiled(() =>
    client.watch(final, () => {
      startedAt = wall()
    })
  )
  const elapsedMs = outcome.finalSeenAt - startedAt
  let heapGrowthMb: number | undefined
  if (task.heap) {
    gc()
    heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
  }
  const stats = await control("GET", "/bench/stats")
  const server: Record<string, unknown> = {}
  const books: Record<string, boolean> = {}
  for (const symbol of task.symbols) {
    const expected = await control("GET", `/bench/book?symbol=${symbol}`) as { lastUpdateId: string; book: string }
    server[symbol] = expected.lastUpdateId
    books[symbol] = expected.lastUpdateId === final[symbol] && expected.book === outcome.books[symbol]
    if (!books[symbol]) {
      process.stderr.write(
        `book mismatch ${symbol}:\n  server ${expected.book.slice(0, 300)}\n  client ${
          outcome.books[symbol]?.slice(0, 300)
        }\n`
      )
    }
  }
  await client.close()
  return {
    metrics: {
      deltasPerSec: task.deltas / (elapsedMs / 1000),
      elapsedMs,
      lagMs: outcome.finalSeenAt - stats.lastSentAt,
      emitted: outcome.emitted,
      usPerEmission: (elapsedMs * 1000) / Math.max(1, outcome.emitted),
      ...(heapGrowthMb === undefined ? {} : { heapGrowthMb })
    },
    check: { sent: stats.sent, books, allEqual: Object.values(books).every(Boolean) },
    peakRssMb: process.resourceUsage().maxRSS / 1024
  }
}

const task = JSON.parse(process.argv[2] ?? "{}") as Task
const run = task.kind === "rest" ? rest(task) : watch(task)
run.then(
  (outcome) => {
    if (process.send !== undefined) process.send(outcome, () => process.exit(0))
    else {
      console.log(JSON.stringify(outcome))
      process.exit(0)
    }
  },
  (error) => {
    process.stderr.write(`worker failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  }
)

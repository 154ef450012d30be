/**
 * The measuring harness: fixed iteration counts after a warm-up, timings from `performance.now()`,
 * and the summary statistics printed in every table (ops/s, mean, p50, p99).
 *
 * Very fast operations (sub-microsecond) are timed in batches: one sample is the mean duration of
 * `batch` consecutive calls, so the timer's own cost and resolution do not dominate. p50 and p99
 * are then percentiles of those batch means (per operation), which hides tail latency inside a
 * batch; the README says so.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { performance } from "node:perf_hooks"

/**
 * How many times to run an operation.
 *
 * @since 0.1.0
 * @category models
 */
export interface Plan {
  /** Untimed calls before measuring (JIT warm-up, connection pools, caches). */
  readonly warmup: number
  /** Timed calls. */
  readonly iterations: number
  /** Calls per timed sample (1 for anything that takes more than a few microseconds). */
  readonly batch?: number | undefined
}

/**
 * Summary of one measured case. Durations are in milliseconds.
 *
 * @since 0.1.0
 * @category models
 */
export interface Result {
  readonly name: string
  readonly iterations: number
  readonly batch: number
  readonly totalMs: number
  readonly meanMs: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly opsPerSec: number
}

/**
 * The `q`-quantile (0..1) of sorted samples, nearest-rank.
 *
 * @since 0.1.0
 * @category statistics
 */
export const quantile = (sorted: ReadonlyArray<number>, q: number): number => {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/**
 * Builds a {@link Result} from per-operation samples (ms) and the total wall time of the timed loop.
 *
 * @since 0.1.0
 * @category statistics
 */
export const summarize = (
  name: string,
  samples: ReadonlyArray<number>,
  options: { readonly batch: number; readonly totalMs: number }
): Result => {
  const sorted = [...samples].sort((a, b) => a - b)
  const iterations = samples.length * options.batch
  const sum = samples.reduce((acc, x) => acc + x, 0)
  return {
    name,
    iterations,
    batch: options.batch,
    totalMs: options.totalMs,
    meanMs: samples.length === 0 ? Number.NaN : sum / samples.length,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    opsPerSec: options.totalMs > 0 ? iterations / (options.totalMs / 1000) : Number.POSITIVE_INFINITY
  }
}

const batches = (plan: Plan) => {
  const batch = Math.max(1, plan.batch ?? 1)
  return { batch, count: Math.max(1, Math.ceil(plan.iterations / batch)) }
}

/**
 * Measures a synchronous operation. The operation's result is kept in a sink so the JIT cannot
 * drop the call.
 *
 * @since 0.1.0
 * @category measuring
 */
export const measureSync = (name: string, plan: Plan, op: () => unknown): Result => {
  let sink: unknown
  for (let i = 0; i < plan.warmup; i++) sink = op()
  const { batch, count } = batches(plan)
  const samples = new Array<number>(count)
  const start = performance.now()
  for (let s = 0; s < count; s++) {
    const t0 = performance.now()
    for (let i = 0; i < batch; i++) sink = op()
    samples[s] = (performance.now() - t0) / batch
  }
  const totalMs = performance.now() - start
  keep(sink)
  return summarize(name, samples, { batch, totalMs })
}

/**
 * Measures an asynchronous operation, one call at a time (no concurrency).
 *
 * @since 0.1.0
 * @category measuring
 */
export const measureAsync = async (name: string, plan: Plan, op: () => Promise<unknown>): Promise<Result> => {
  let sink: unknown
  for (let i = 0; i < plan.warmup; i++) sink = await op()
  const { batch, count } = batches(plan)
  const samples = new Array<number>(count)
  const start = performance.now()
  for (let s = 0; s < count; s++) {
    const t0 = performance.now()
    for (let i = 0; i < batch; i++) sink = await op()
    samples[s] = (performance.now() - t0) / batch
  }
  const totalMs = performance.now() - start
  keep(sink)
  return summarize(name, samples, { batch, totalMs })
}

/**
 * Measures an Effect, one run at a time, inside one running fiber (the way an Effect program calls
 * the SDK: no `runPromise` per call).
 *
 * @since 0.1.0
 * @category measuring
 */
export const measureEffect = <A, E, R>(
  name: string,
  plan: Plan,
  op: Effect.Effect<A, E, R>
): Effect.Effect<Result, E, R> =>
  Effect.gen(function*() {
    let sink: unknown
    for (let i = 0; i < plan.warmup; i++) sink = yield* op
    const { batch, count } = batches(plan)
    const samples = new Array<number>(count)
    const start = performance.now()
    for (let s = 0; s < count; s++) {
      const t0 = performance.now()
      for (let i = 0; i < batch; i++) sink = yield* op
      samples[s] = (performance.now() - t0) / batch
    }
    const totalMs = performance.now() - start
    keep(sink)
    return summarize(name, samples, { batch, totalMs })
  })

let kept: unknown
const keep = (value: unknown) => {
  kept = value
}

/**
 * The last value a measured operation returned (read so the optimiser keeps every call).
 *
 * @since 0.1.0
 * @category measuring
 */
export const lastKept = (): unknown => kept

// ---------------------------------------------------------------------------------------------
// formatting
// ---------------------------------------------------------------------------------------------

/**
 * A duration in ms rendered with a readable unit (ns, µs, ms, s).
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms)) return "n/a"
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : 1)} µs`
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`
  return `${(ms / 1000).toFixed(2)} s`
}

/**
 * Operations per second with thousands separators.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatOps = (ops: number): string => Number.isFinite(ops) ? Math.round(ops).toLocaleString("en-US") : "n/a"

const headers = ["case", "ops/s", "mean", "p50", "p99", "iterations"] as const

const rows = (results: ReadonlyArray<Result>): Array<Array<string>> =>
  results.map((r) => [
    r.name,
    formatOps(r.opsPerSec),
    formatDuration(r.meanMs),
    formatDuration(r.p50Ms),
    formatDuration(r.p99Ms),
    r.batch > 1 ? `${r.iterations.toLocaleString("en-US")} (×${r.batch})` : r.iterations.toLocaleString("en-US")
  ])

/**
 * A fixed-width text table for the terminal.
 *
 * @since 0.1.0
 * @category formatting
 */
export const textTable = (results: ReadonlyArray<Result>): string => {
  const body = rows(results)
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ")
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n")
}

/**
 * A Markdown table (for RESULTS.md).
 *
 * @since 0.1.0
 * @category formatting
 */
export const markdownTable = (results: ReadonlyArray<Result>): string => {
  const body = rows(results)
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...body.map((row) => `| ${row.join(" | ")} |`)
  ].join("\n")
}

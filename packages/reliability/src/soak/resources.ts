/**
 * What the soak measures: the heap after a full collection, live fibers (an Effect `Supervisor` tracking
 * every fiber the soak starts) and the process's active handles (`process.getActiveResourcesInfo()`:
 * sockets, servers, timers).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import type * as Supervisor from "effect/Supervisor"

/**
 * Counts taken at one moment.
 *
 * @since 0.1.0
 * @category models
 */
export interface Resources {
  /** Fibers alive under the soak's supervisor. */
  readonly fibers: number
  /** TCP sockets (client and server ends of every HTTP and WebSocket connection in this process). */
  readonly sockets: number
  /** Listening servers. */
  readonly servers: number
  /** Active `setTimeout` / `setInterval` timers. */
  readonly timers: number
  /** Every active resource by kind, as Node names it. */
  readonly byKind: Readonly<Record<string, number>>
}

/**
 * Megabytes (10^6 bytes) of heap in use after `global.gc()`, collected twice so that objects freed by
 * finalizers of the first pass go too. Fails when Node was started without `--expose-gc`.
 *
 * @since 0.1.0
 * @category measurements
 */
export const heapAfterGc: Effect.Effect<number, Error> = Effect.suspend(() => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) return Effect.fail(new Error("global.gc is missing: run node with --expose-gc"))
  gc()
  gc()
  return Effect.succeed(process.memoryUsage().heapUsed / 1e6)
})

/**
 * Live fibers and active handles now.
 *
 * @since 0.1.0
 * @category measurements
 */
export const count = (
  supervisor: Supervisor.Supervisor<ReadonlyArray<Fiber.RuntimeFiber<unknown, unknown>>>
): Effect.Effect<Resources> =>
  Effect.map(supervisor.value, (fibers) => {
    const byKind: Record<string, number> = {}
    for (const kind of process.getActiveResourcesInfo()) byKind[kind] = (byKind[kind] ?? 0) + 1
    return {
      fibers: fibers.length,
      sockets: byKind["TCPSocketWrap"] ?? 0,
      servers: byKind["TCPServerWrap"] ?? 0,
      timers: byKind["Timeout"] ?? 0,
      byKind
    }
  })

/**
 * The kinds that grew from `before` to `after` (fibers, sockets, servers, timers), with both counts.
 *
 * @since 0.1.0
 * @category measurements
 */
export const leaks = (before: Resources, after: Resources): ReadonlyArray<string> =>
  (["fibers", "sockets", "servers", "timers"] as const)
    .filter((kind) => after[kind] > before[kind])
    .map((kind) => `${kind} ${before[kind]} -> ${after[kind]}`)

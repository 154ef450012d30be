/**
 * The fault scenarios of the workload: each fault alone, then all combined. Pre-execution faults (latency, 429, 503)
 * hit every route, reads included (the SDK retries reads); post-execution faults hit the mutating routes (orders,
 * batches, cancels, cancel-all, withdrawals); a 202 hits the cancels; clock offset and drift hit the exchange's clock.
 */
import type { Simulator } from "@effect-backpack/simulator"
import type { Kind } from "./workload.js"
import { defaultWeights } from "./workload.js"

/** Client timeout and the held answer that outlives it, ms. */
export interface Timing {
  readonly timeoutMs: number
  readonly lateAnswerMs: number
}

export interface Scenario {
  readonly name: string
  /** What the scenario injects, for the table. */
  readonly description: string
  readonly plan: (timing: Timing) => Simulator.FaultPlan
  /** The mix of intents, when not the default one. */
  readonly weights?: Readonly<Record<Kind, number>>
}

/** The mutating routes the workload drives. */
export const mutatingRoutes = [
  "POST /api/v1/order",
  "POST /api/v1/orders",
  "DELETE /api/v1/order",
  "DELETE /api/v1/orders",
  "POST /wapi/v1/capital/withdrawals"
] as const

const onMutations = (faults: Simulator.RouteFaults): Record<string, Simulator.RouteFaults> =>
  Object.fromEntries(mutatingRoutes.map((route) => [route, faults]))

const cancels = (faults: Simulator.RouteFaults): Record<string, Simulator.RouteFaults> => ({
  "DELETE /api/v1/order": faults,
  "DELETE /api/v1/orders": faults
})

export const scenarios: ReadonlyArray<Scenario> = [
  {
    name: "latency",
    description: "every route 2 ms + jitter 0..20 ms",
    plan: () => ({ routes: { "*": { latencyMs: 2, jitterMs: 20 } } })
  },
  {
    name: "429",
    description: "15 % of every route 429 (Retry-After 0)",
    plan: () => ({ routes: { "*": { tooManyRequests: 0.15, retryAfterSeconds: 0 } } })
  },
  {
    name: "503",
    description: "10 % of every route 503",
    plan: () => ({ routes: { "*": { unavailable: 0.1 } } })
  },
  {
    name: "late answer",
    description: "20 % of mutations executed, answer held past the client timeout",
    plan: (t) => ({ routes: onMutations({ lateAnswer: 0.2, lateAnswerMs: t.lateAnswerMs }) })
  },
  {
    name: "5xx after execution",
    description: "25 % of mutations executed, answered 500/502/504 (proxy page)",
    plan: () => ({ routes: onMutations({ serverError: 0.25 }) })
  },
  {
    name: "cut mid-body",
    description: "25 % of mutations executed, connection cut mid-body",
    plan: () => ({ routes: onMutations({ cutMidBody: 0.25 }) })
  },
  {
    name: "dropped answer",
    description: "25 % of mutations executed, connection dropped without an answer",
    plan: () => ({ routes: onMutations({ dropAnswer: 0.25 }) })
  },
  {
    name: "malformed body",
    description: "30 % of mutation 2xx answers truncated JSON / HTML page / empty (10 % each)",
    plan: () => ({ routes: onMutations({ truncatedJson: 0.1, htmlPage: 0.1, emptyBody: 0.1 }) })
  },
  {
    name: "202 on cancel",
    description: "50 % of cancels and cancel-alls answered 202, executed 0..30 ms later",
    plan: () => ({ routes: cancels({ cancelAccepted: 0.5, cancelDelayMs: 30 }) }),
    // resting orders to cancel, and cancels
    weights: { ...defaultWeights, limit: 35, batch: 15, cancel: 30, cancelAll: 10, withdrawal: 2 }
  },
  {
    name: "clock drift",
    description: "exchange clock +8 s, drifting 800,000 ppm (a refusal every ~0.75 s)",
    plan: () => ({ clockOffsetMs: 8_000, clockDriftPpm: 800_000 })
  },
  {
    name: "all combined",
    description: "every fault above at lower shares, together",
    plan: (t) => {
      // a route's own entry inherits the "*" fields (latency, 429, 503)
      const post = {
        lateAnswer: 0.04,
        lateAnswerMs: t.lateAnswerMs,
        serverError: 0.05,
        cutMidBody: 0.05,
        dropAnswer: 0.05,
        truncatedJson: 0.02,
        htmlPage: 0.02,
        emptyBody: 0.02
      }
      return {
        clockOffsetMs: -6_000,
        clockDriftPpm: 100_000,
        routes: {
          "*": { latencyMs: 1, jitterMs: 10, tooManyRequests: 0.03, retryAfterSeconds: 0, unavailable: 0.03 },
          ...onMutations(post),
          ...cancels({ ...post, cancelAccepted: 0.2, cancelDelayMs: 30 })
        }
      }
    }
  }
]

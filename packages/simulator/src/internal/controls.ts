/**
 * Mutable runtime knobs shared by the HTTP and WebSocket layers: fault injection and rate limits.
 *
 * @internal
 */
import type { Engine } from "./engine/engine.js"
import type * as Prng from "./prng.js"

/** Rate-limit settings; `undefined` disables. */
export interface RateLimitSettings {
  /** Requests per window on standard endpoints (real: 2000/min). */
  readonly standard: number
  /** Requests per window on historical endpoints (klines, trades/history; real: 30/min). */
  readonly historical: number
  /** Window length in ms (real: 60000). */
  readonly windowMs: number
}

/** Size limits that keep the server up whatever a client sends. */
export interface Limits {
  /** Largest accepted REST body in bytes (413 above; signed routes check their headers before reading it). */
  readonly maxBodyBytes: number
  /** Deepest accepted JSON nesting of a REST body. */
  readonly maxJsonDepth: number
  /** Largest accepted WebSocket frame from a client in bytes (the connection is closed with 1009 above). */
  readonly maxFrameBytes: number
  /** Streams one connection may subscribe to. */
  readonly maxSubscriptions: number
  /** Bytes queued for a connection that does not read before it is dropped as a slow consumer. */
  readonly maxBufferedBytes: number
}

export const defaultLimits: Limits = {
  maxBodyBytes: 64 * 1024,
  maxJsonDepth: 32,
  maxFrameBytes: 64 * 1024,
  maxSubscriptions: 1000,
  maxBufferedBytes: 4 * 1024 * 1024
}

/** Who may use the control routes and open WebSocket connections from a browser. */
export interface Access {
  /** Token the control routes (`/_simulator/*`) require (`Authorization: Bearer …` or `X-Simulator-Token`). */
  readonly token: string
  /** Origins accepted on control routes and WebSocket upgrades (the simulator's own, plus configured ones). */
  readonly origins: Set<string>
}

/**
 * Faults of one route (or of every route, under `"*"`). Each share is a probability in 0..1 drawn per request
 * from the simulator's seeded fault generator. The pre-execution shares (`tooManyRequests`, `unavailable`) are
 * exclusive and at most 1 together; so are the post-execution ones (`lateAnswer` … `emptyBody`).
 */
export interface RouteFaults {
  /** Fixed delay before the request is handled, ms. */
  readonly latencyMs?: number | undefined
  /** Further delay drawn uniformly in 0..`jitterMs`, ms. */
  readonly jitterMs?: number | undefined
  /** Share answered 429 `TOO_MANY_REQUESTS` before execution. */
  readonly tooManyRequests?: number | undefined
  /** `Retry-After` of those 429 answers, seconds (default 1). */
  readonly retryAfterSeconds?: number | undefined
  /** Share answered 503 `MAINTENANCE` before execution. */
  readonly unavailable?: number | undefined
  /** Mutating routes: share executed, then answered `lateAnswerMs` late (past a client's timeout). */
  readonly lateAnswer?: number | undefined
  /** Delay of a late answer, ms (default 15 000). */
  readonly lateAnswerMs?: number | undefined
  /** Mutating routes: share executed, then answered 500, 502 or 504 with a proxy's HTML page. */
  readonly serverError?: number | undefined
  /** Mutating routes: share executed, then answered with the headers and part of the body before the cut. */
  readonly cutMidBody?: number | undefined
  /** Mutating routes: share executed, then the connection is destroyed without any answer. */
  readonly dropAnswer?: number | undefined
  /** Share of 2xx JSON answers sent truncated (after execution on a mutating route). */
  readonly truncatedJson?: number | undefined
  /** Share of 2xx JSON answers replaced by an HTML error page with status 200. */
  readonly htmlPage?: number | undefined
  /** Share of 2xx JSON answers replaced by an empty body with status 200. */
  readonly emptyBody?: number | undefined
  /** Cancel routes: share answered 202 with an empty body (the cancel is still executed, `cancelDelayMs` later). */
  readonly cancelAccepted?: number | undefined
  /** How long after a 202 the cancel takes effect, ms (default 0: before the answer leaves). */
  readonly cancelDelayMs?: number | undefined
}

/**
 * A fault plan: faults per route (`"POST /api/v1/order"`, `"DELETE /api/v1/orders"`, … as `METHOD path`) and for
 * every route (`"*"`; a route's own entry overrides it field by field), plus clock drift.
 */
export interface FaultPlan {
  readonly routes?: Readonly<Record<string, RouteFaults>> | undefined
  /** Fixed offset of the server clock, ms (the same as `setClockOffset`). */
  readonly clockOffsetMs?: number | undefined
  /** Drift of the server clock in parts per million (its offset grows by `ppm` µs per second), on top of the offset. */
  readonly clockDriftPpm?: number | undefined
}

/** What a fault did to one request. */
export type FaultKind =
  | "latency"
  | "tooManyRequests"
  | "unavailable"
  | "lateAnswer"
  | "serverError"
  | "cutMidBody"
  | "dropAnswer"
  | "dropAfterAccept"
  | "truncatedJson"
  | "htmlPage"
  | "emptyBody"
  | "cancelAccepted"

/** Requests seen and faults injected, per route (`METHOD path`). */
export interface FaultStats {
  readonly requests: Readonly<Record<string, number>>
  readonly injected: Readonly<Record<string, Readonly<Partial<Record<FaultKind, number>>>>>
}

/** The kinds drawn before execution, in draw order. */
export const preKinds = ["tooManyRequests", "unavailable"] as const
/** The kinds drawn after a successful execution, in draw order (the first four on mutating routes only). */
export const postKinds = [
  "lateAnswer",
  "serverError",
  "cutMidBody",
  "dropAnswer",
  "truncatedJson",
  "htmlPage",
  "emptyBody"
] as const
const shareKeys = [...preKinds, ...postKinds, "cancelAccepted"] as const
const delayKeys = ["latencyMs", "jitterMs", "lateAnswerMs", "cancelDelayMs"] as const

/** Why a plan is refused, or `undefined` when it is valid. */
export const invalidPlan = (plan: FaultPlan): string | undefined => {
  if (typeof plan !== "object" || plan === null || Array.isArray(plan)) return "a fault plan is an object"
  for (const key of Object.keys(plan)) {
    if (key !== "routes" && key !== "clockDriftPpm" && key !== "clockOffsetMs") return `unknown fault plan field ${key}`
  }
  const offset = plan.clockOffsetMs
  if (
    offset !== undefined &&
    (typeof offset !== "number" || !Number.isInteger(offset) || Math.abs(offset) > 86_400_000)
  ) {
    return "clockOffsetMs must be an integer in -86400000..86400000"
  }
  const ppm = plan.clockDriftPpm
  if (ppm !== undefined && (typeof ppm !== "number" || !Number.isFinite(ppm) || Math.abs(ppm) > 1_000_000)) {
    return "clockDriftPpm must be a number in -1000000..1000000"
  }
  const routes = plan.routes ?? {}
  if (typeof routes !== "object" || routes === null || Array.isArray(routes)) return "routes is an object"
  for (const [route, faults] of Object.entries(routes)) {
    if (route !== "*" && !/^(GET|POST|PATCH|DELETE) \/\S*$/.test(route)) {
      return `route ${JSON.stringify(route.slice(0, 80))} is neither "*" nor "METHOD /path"`
    }
    if (typeof faults !== "object" || faults === null || Array.isArray(faults)) return `${route}: faults are an object`
    for (const [key, value] of Object.entries(faults)) {
      if (value === undefined) continue
      if ((shareKeys as ReadonlyArray<string>).includes(key)) {
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) return `${route}: ${key} must be a share in 0..1`
      } else if ((delayKeys as ReadonlyArray<string>).includes(key)) {
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 600_000) {
          return `${route}: ${key} must be an integer number of ms in 0..600000`
        }
      } else if (key === "retryAfterSeconds") {
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 86_400) {
          return `${route}: retryAfterSeconds must be an integer in 0..86400`
        }
      } else {
        return `${route}: unknown fault ${key}`
      }
    }
    const sum = (keys: ReadonlyArray<string>) =>
      keys.reduce((n, k) => n + ((faults as Record<string, number | undefined>)[k] ?? 0), 0)
    if (sum(preKinds) > 1 + 1e-9) return `${route}: the pre-execution shares add up to more than 1`
    if (sum(postKinds) > 1 + 1e-9) return `${route}: the post-execution shares add up to more than 1`
  }
  return undefined
}

/** The faults that apply to a route: its own entry over the `"*"` entry. */
export const faultsFor = (plan: FaultPlan, route: string): RouteFaults => {
  const all = plan.routes?.["*"]
  const own = plan.routes?.[route]
  if (own === undefined) return all ?? {}
  if (all === undefined) return own
  const merged: Record<string, unknown> = { ...all }
  for (const [k, v] of Object.entries(own)) if (v !== undefined) merged[k] = v
  return merged as RouteFaults
}

/** Draws one of `kinds` by their shares (exclusive), or `undefined`. */
export const draw = <K extends string>(
  controls: Controls,
  faults: RouteFaults,
  kinds: ReadonlyArray<K>
): K | undefined => {
  const shares = faults as Readonly<Record<string, number | undefined>>
  if (!kinds.some((k) => (shares[k] ?? 0) > 0)) return undefined
  const u = controls.faultPrng.next()
  let acc = 0
  for (const k of kinds) {
    acc += shares[k] ?? 0
    if (u < acc) return k
  }
  return undefined
}

/** Counts a request of a route. */
export const countRequest = (controls: Controls, route: string): void => {
  controls.stats.requests.set(route, (controls.stats.requests.get(route) ?? 0) + 1)
}

/** Counts an injected fault. */
export const countFault = (controls: Controls, route: string, kind: FaultKind): void => {
  let kinds = controls.stats.injected.get(route)
  if (kinds === undefined) {
    kinds = new Map()
    controls.stats.injected.set(route, kinds)
  }
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
}

/** A snapshot of the counters. */
export const statsOf = (controls: Controls): FaultStats => ({
  requests: Object.fromEntries(controls.stats.requests),
  injected: Object.fromEntries([...controls.stats.injected].map(([route, kinds]) => [route, Object.fromEntries(kinds)]))
})

/** Clock drift: the offset it adds at base time `t`. */
export const driftAt = (drift: Drift, t: number): number =>
  drift.ppm === 0 ? drift.accumulated : drift.accumulated + Math.round(((t - drift.since) * drift.ppm) / 1_000_000)

/** Changes the drift rate at base time `t`, keeping the offset accumulated so far. */
export const setDrift = (drift: Drift, ppm: number, t: number): void => {
  drift.accumulated = driftAt(drift, t)
  drift.since = t
  drift.ppm = ppm
}

/** Clock drift state (base-clock ms). */
export interface Drift {
  /** The clock the simulator was given, before offset and drift. */
  readonly clock: () => number
  ppm: number
  since: number
  accumulated: number
}

/** Puts a (valid) plan in force: route faults, drift from now on, and the fixed offset when it names one. */
export const applyPlan = (controls: Controls, engine: Engine, plan: FaultPlan): void => {
  controls.plan = { routes: plan.routes ?? {}, clockDriftPpm: plan.clockDriftPpm ?? 0 }
  setDrift(controls.drift, plan.clockDriftPpm ?? 0, controls.drift.clock())
  if (plan.clockOffsetMs !== undefined) engine.clockOffset = plan.clockOffsetMs
}

/** The plan in force, with the clock offset as it is now. */
export const currentPlan = (controls: Controls, engine: Engine): FaultPlan => ({
  routes: controls.plan.routes ?? {},
  clockDriftPpm: controls.drift.ppm,
  clockOffsetMs: engine.clockOffset
})

/** Clears every fault (REST plan, drift and offset, counters, WebSocket and private-event faults, depth gaps). */
export const resetFaults = (controls: Controls, engine: Engine): void => {
  controls.plan = {}
  controls.dropAfterAccept = 0
  controls.malformedFrames = 0
  controls.dropPrivateEvents = 0
  controls.privateDelayMs = 0
  controls.drift.ppm = 0
  controls.drift.accumulated = 0
  controls.drift.since = controls.drift.clock()
  engine.clockOffset = 0
  for (const m of engine.markets.values()) m.pendingGap = 0
  controls.stats.requests.clear()
  controls.stats.injected.clear()
}

/** Writes fields of the `"*"` entry (the legacy `setLatency` / `setErrorRates`). */
export const updateAllRoutes = (controls: Controls, update: RouteFaults): void => {
  const routes = controls.plan.routes ?? {}
  controls.plan = { ...controls.plan, routes: { ...routes, "*": { ...routes["*"], ...update } } }
}

export interface Controls {
  readonly limits: Limits
  readonly access: Access
  /** The fault plan in force (the legacy `setLatency` / `setErrorRates` write its `"*"` entry). */
  plan: FaultPlan
  readonly stats: {
    readonly requests: Map<string, number>
    readonly injected: Map<string, Map<FaultKind, number>>
  }
  readonly drift: Drift
  /** Order-mutating requests that are executed and then answered by destroying the socket. */
  dropAfterAccept: number
  /** WS frames to corrupt (sent as malformed JSON) before normal service resumes. */
  malformedFrames: number
  /** Private (`account.*`) events to drop, the next ones first: a lost event reaches no stream. */
  dropPrivateEvents: number
  /** Delay of every private event, ms (the same for all, so their order is kept). */
  privateDelayMs: number
  rateLimits: RateLimitSettings | undefined
  /** Accepted clock skew of `X-Timestamp` ahead of the server clock, ms. */
  futureToleranceMs: number
  readonly faultPrng: Prng.Prng
  readonly buckets: Map<string, { start: number; count: number }>
}

/** Consumes one unit of a rate-limit bucket; returns seconds to wait when exhausted. */
export const consume = (controls: Controls, key: string, limit: number, now: number): number | undefined => {
  const settings = controls.rateLimits
  if (settings === undefined) return undefined
  let bucket = controls.buckets.get(key)
  if (bucket === undefined || now - bucket.start >= settings.windowMs) {
    bucket = { start: now, count: 0 }
    controls.buckets.set(key, bucket)
  }
  if (bucket.count >= limit) return Math.max(1, Math.ceil((bucket.start + settings.windowMs - now) / 1000))
  bucket.count++
  return undefined
}

/** Whether a request's `Origin` (absent for non-browser clients) is one the simulator accepts. */
export const originAllowed = (access: Access, origin: string | undefined): boolean =>
  origin === undefined || access.origins.has(origin.toLowerCase())

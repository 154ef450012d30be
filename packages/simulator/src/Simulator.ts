/**
 * A local Backpack-compatible exchange: REST and WebSocket on one port, seeded markets and market makers, signed
 * accounts, a matching engine, perp positions and funding, rate limits and fault injection.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Headers from "@effect/platform/Headers"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { randomBytes } from "node:crypto"
import { createServer } from "node:http"
import * as Auth from "./internal/auth.js"
import * as BookRecorder from "./internal/bookRecorder.js"
import type { Controls, Drift, FaultPlan, FaultStats, Limits, RateLimitSettings } from "./internal/controls.js"
import {
  applyPlan,
  currentPlan,
  defaultLimits,
  driftAt,
  invalidPlan,
  resetFaults,
  setDrift,
  statsOf,
  updateAllRoutes
} from "./internal/controls.js"
import * as D from "./internal/decimal.js"
import * as Accounts from "./internal/engine/accounts.js"
import * as Activity from "./internal/engine/activity.js"
import * as Book from "./internal/engine/book.js"
import type { HistoryLimits } from "./internal/engine/engine.js"
import { Engine } from "./internal/engine/engine.js"
import type { Account, Market } from "./internal/engine/model.js"
import { ApiFailure, PlainFailure } from "./internal/engine/model.js"
import * as Perps from "./internal/engine/perps.js"
import { exposureWarning, isLoopback } from "./internal/exposure.js"
import { orderPayload } from "./internal/http/payloads.js"
import { router } from "./internal/http/server.js"
import type { MarketDefinition } from "./internal/markets.js"
import { conditionalOrders } from "./internal/orderOps.js"
import * as Prng from "./internal/prng.js"
import { attach } from "./internal/venue.js"
import { makeHub } from "./internal/ws/hub.js"

/**
 * Types named by the options and the service below.
 *
 * @since 0.1.0
 * @category models
 */
export type { Limits, RateLimitSettings } from "./internal/controls.js"
/**
 * The fault plan (`Faults.setPlan`, `POST /_simulator/faults`), its per-route faults, and the counters of what was
 * injected (`Faults.stats`).
 *
 * @since 0.3.0
 * @category models
 */
export type { FaultKind, FaultPlan, FaultStats, RouteFaults } from "./internal/controls.js"
/**
 * @since 0.1.0
 * @category models
 */
export type { MarketDefinition } from "./internal/markets.js"
/**
 * The markets a simulator lists unless `markets` is given (start from these to adjust one, e.g. its
 * `referencePrice`).
 *
 * @since 0.2.0
 * @category constants
 */
export { defaultMarkets } from "./internal/markets.js"
/**
 * @since 0.1.0
 * @category models
 */
export type { HistoryLimits } from "./internal/engine/engine.js"

/**
 * The demo seed printed in Backpack's own support guides (public; for tests and demos only).
 *
 * @since 0.1.0
 * @category constants
 */
export const DEMO_SECRET = "4odxgSUxFrC/zsKWZF4OQwYAgnNu9hnWH3NxWfLAPz4="

/**
 * Credentials of a simulator account: base64 public key (`X-API-Key`) and base64 32-byte Ed25519 seed.
 *
 * @since 0.1.0
 * @category models
 */
export interface AccountCredentials {
  readonly apiKey: string
  readonly apiSecret: string
  readonly userId: number
}

/**
 * An account to register on start (e.g. from an `--accounts` JSON file).
 *
 * @since 0.1.0
 * @category models
 */
export interface AccountSeed {
  /** Base64 32-byte seed; a seeded random one when omitted. */
  readonly apiSecret?: string | undefined
  /** Initial balances, asset → decimal string. */
  readonly balances?: Readonly<Record<string, string>> | undefined
}

/**
 * Options of `make` / `layer`.
 *
 * @since 0.1.0
 * @category models
 */
export interface SimulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number | undefined
  /** Bind address (default `127.0.0.1`). */
  readonly host?: string | undefined
  /** PRNG seed for books, ids, keys, activity and random faults (default 42). */
  readonly seed?: number | undefined
  /** Injected wall clock in ms (default `Date.now`). */
  readonly clock?: (() => number) | undefined
  /** Seed market-maker books and a few trades per market (default true). */
  readonly liquidity?: boolean | undefined
  /** Background seeded makers/takers; off by default. */
  readonly activity?: { readonly intervalMs: number } | false | undefined
  /** Rate limits; default the real ones (2000/min standard, 30/min historical); `false` disables. */
  readonly rateLimits?: RateLimitSettings | false | undefined
  /** Server WebSocket Ping interval (default 60 000 ms, as the live service). */
  readonly pingIntervalMs?: number | undefined
  /** Register and fund the support-guide demo account (default true). */
  readonly demoAccount?: boolean | undefined
  /** Further accounts to register on start. */
  readonly accounts?: ReadonlyArray<AccountSeed> | undefined
  /** Replace the seeded markets. */
  readonly markets?: ReadonlyArray<MarketDefinition> | undefined
  /** Maker / taker fee rates as decimal fractions (default `0.0002` / `0.0005`). */
  readonly makerFee?: string | undefined
  readonly takerFee?: string | undefined
  /** Accepted skew of `X-Timestamp` ahead of the server clock, ms (default 1000). */
  readonly futureToleranceMs?: number | undefined
  /**
   * Limits that keep the server up whatever a client sends (defaults: 64 KiB bodies, JSON nested at most 32
   * deep, 64 KiB WebSocket frames, 1000 streams per connection, 4 MiB queued per connection before a slow
   * consumer is dropped).
   */
  readonly limits?: Partial<SimulatorLimits> | undefined
  /**
   * Token the control routes (`/_simulator/*`) require as `Authorization: Bearer <token>` (default: a fresh random
   * one, see `SimulatorService.controlToken`).
   */
  readonly controlToken?: string | undefined
  /**
   * Browser origins (`http://localhost:3000`) allowed to open WebSocket connections and call the control routes,
   * besides the simulator's own. Requests without an `Origin` (non-browser clients) are always allowed.
   */
  readonly allowedOrigins?: ReadonlyArray<string> | undefined
  /**
   * History retained, newest kept (defaults: 100 000 orders, fills, deposits, withdrawals and funding payments
   * per account; 100 000 public trades per market; 5 000 candles per market and kline interval).
   */
  readonly history?: Partial<SimulatorHistoryLimits> | undefined
}

/**
 * History retention (see `SimulatorOptions.history`).
 *
 * @since 0.1.0
 * @category models
 */
export type SimulatorHistoryLimits = HistoryLimits

/**
 * Server limits (see `SimulatorOptions.limits`).
 *
 * @since 0.1.0
 * @category models
 */
export type SimulatorLimits = Limits

/**
 * Failure of a control-API call (unknown account, bad asset or quantity, rejected order).
 *
 * @since 0.1.0
 * @category errors
 */
export class SimulatorError extends Data.TaggedError("SimulatorError")<{
  readonly message: string
  readonly code?: string | undefined
}> {}

/**
 * Balance of one asset, decimal strings.
 *
 * @since 0.1.0
 * @category models
 */
export interface BalanceView {
  readonly available: string
  readonly locked: string
  readonly staked: string
}

/**
 * Result of `audit`: per-asset totals across all accounts (including the fee collector and open perp cash)
 * against net deposits, plus invariant violations.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuditReport {
  readonly totals: Readonly<Record<string, string>>
  readonly netFlows: Readonly<Record<string, string>>
  readonly fees: Readonly<Record<string, string>>
  /** Assets whose total differs from the net flows. */
  readonly conservationViolations: ReadonlyArray<string>
  /** `apiKey:asset` pairs with a negative available or locked balance (spot assets only; USDC can carry PnL). */
  readonly negativeBalances: ReadonlyArray<string>
  /** Markets whose best bid is at or above the best ask. */
  readonly crossedBooks: ReadonlyArray<string>
  /** Accounts whose locked balances differ from the sum of their open orders' locks. */
  readonly lockMismatches: ReadonlyArray<string>
}

/**
 * A market's complete book at one sequence id (see `recordBooks`).
 *
 * @since 0.2.0
 * @category models
 */
export type { RecordedBook } from "./internal/bookRecorder.js"

/**
 * The book of one market after every depth event since recording started (see `recordBooks`).
 *
 * @since 0.2.0
 * @category models
 */
export interface BookRecording {
  /**
   * The book when its last update id was `lastUpdateId` (a depth event's `u`, or the id current when recording
   * started): what a client's local book with that `lastUpdateId` must equal. `None` when never recorded or
   * already forgotten.
   */
  readonly at: (lastUpdateId: bigint | string) => Effect.Effect<Option.Option<BookRecorder.RecordedBook>>
  /** Versions recorded so far. */
  readonly recorded: Effect.Effect<number>
}

/**
 * Fault injection controls. Random faults draw from the seeded fault generator (shares, not counters), so a seed
 * and the same request sequence reproduce a run.
 *
 * The plan (`setPlan`) names faults per route (`"POST /api/v1/order"`, `"DELETE /api/v1/orders"`,
 * `"POST /wapi/v1/capital/withdrawals"`, … or `"*"` for all): before execution latency with jitter, 429 with
 * `Retry-After`, 503; after execution on every signed POST/PATCH/DELETE route an answer held `lateAnswerMs`, a
 * proxy's 500/502/504 page, a connection cut mid-body, or no answer at all; malformed 2xx bodies (truncated JSON, an
 * HTML page with 200, an empty body); 202 with an empty body on cancels (the cancel still takes effect); and clock
 * drift on top of the fixed offset. `stats` counts what was injected.
 *
 * @since 0.1.0
 * @category models
 */
export interface Faults {
  /**
   * Puts a fault plan in force, replacing the previous one (fails with `SimulatorError` `INVALID_FAULT_PLAN` when a
   * share is outside 0..1, shares of one phase add up to more than 1, or a field is unknown). The counters go on.
   *
   * @since 0.3.0
   */
  readonly setPlan: (plan: FaultPlan) => Effect.Effect<void, SimulatorError>
  /**
   * The plan in force (with the clock offset and drift as they are now).
   *
   * @since 0.3.0
   */
  readonly plan: Effect.Effect<FaultPlan>
  /**
   * Requests seen and faults injected per route and kind since the last `reset`.
   *
   * @since 0.3.0
   */
  readonly stats: Effect.Effect<FaultStats>
  /**
   * Drifts the server clock by `ppm` parts per million from now on (its offset grows by `ppm` µs per second), on
   * top of `setClockOffset`; the drift accumulated so far is kept.
   *
   * @since 0.3.0
   */
  readonly setClockDrift: (ppm: number) => Effect.Effect<void>
  /** Delay every REST answer by `ms` (the `"*"` entry's `latencyMs`). */
  readonly setLatency: (ms: number) => Effect.Effect<void>
  /** Answer a share (0..1) of REST requests with 429 `TOO_MANY_REQUESTS` and another share with 503 `MAINTENANCE`. */
  readonly setErrorRates: (
    rates: { readonly tooManyRequests?: number; readonly unavailable?: number }
  ) => Effect.Effect<void>
  /**
   * The next `count` successful order mutations (POST/DELETE `/api/v1/order(s)`) are executed, then the
   * connection is destroyed without an answer (the client sees an outcome-unknown failure).
   */
  readonly dropAfterAccept: (count?: number) => Effect.Effect<void>
  /** Terminates one WebSocket connection (by id) or all; returns how many were closed. */
  readonly disconnectWebSockets: (connectionId?: number) => Effect.Effect<number>
  /** Ids of the open WebSocket connections, oldest first. */
  readonly webSocketConnections: Effect.Effect<ReadonlyArray<number>>
  /** Skips `ids` sequence ids before the next depth event of `symbol` (a gap for clients). */
  readonly depthGap: (symbol: string, ids?: number) => Effect.Effect<void, SimulatorError>
  /** Sends a malformed (truncated JSON) frame now to one connection or all; returns how many got it. */
  readonly sendMalformedFrame: (connectionId?: number) => Effect.Effect<number>
  /** Corrupts the next `count` outgoing data frames (truncated JSON). */
  readonly corruptNextFrames: (count: number) => Effect.Effect<void>
  /**
   * Loses the next `count` private events (`account.orderUpdate`, `account.positionUpdate`): they reach
   * no connection, while the connection and every public stream go on.
   */
  readonly dropPrivateEvents: (count: number) => Effect.Effect<void>
  /** Delivers every private event `ms` late (0: on time); their order is kept. */
  readonly setPrivateEventDelay: (ms: number) => Effect.Effect<void>
  /** Shifts the server clock (REST `/time`, timestamp checks, event times) by `ms`. */
  readonly setClockOffset: (ms: number) => Effect.Effect<void>
  /** Clears every fault (the plan, drift and offset, counters, WebSocket and private-event faults). */
  readonly reset: Effect.Effect<void>
}

/**
 * The running simulator and its control API.
 *
 * @since 0.1.0
 * @category models
 */
export interface SimulatorService {
  /** REST base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** Token of the control routes (`/_simulator/faucet`): send it as `Authorization: Bearer <token>`. */
  readonly controlToken: string
  /** WebSocket URL (same port, root path), e.g. `ws://127.0.0.1:41234`. */
  readonly wsUrl: string
  readonly port: number
  /** The funded demo account (when enabled). */
  readonly demoAccount: AccountCredentials | undefined
  /** Accounts registered from `options.accounts`, in order. */
  readonly seededAccounts: ReadonlyArray<AccountCredentials>
  /** Registers an account (from a base64 32-byte seed, or a seeded random one) with optional balances. */
  readonly createAccount: (
    options?: { readonly seed?: string; readonly balances?: Readonly<Record<string, string>> }
  ) => Effect.Effect<AccountCredentials, SimulatorError>
  /**
   * The credentials of a vault's own account (for the vault-only routes `GET /api/v1/vault/nav` and
   * `/api/v1/vault/redeems/pending`): a fresh random key per run, never printed or served.
   */
  readonly vaultAccount: (vaultId: number) => Effect.Effect<AccountCredentials, SimulatorError>
  /** Faucet: credits `quantity` of `asset` to the account (recorded as a confirmed deposit). */
  readonly deposit: (apiKey: string, asset: string, quantity: string) => Effect.Effect<void, SimulatorError>
  /** Balances of an account, like `GET /api/v1/capital`. */
  readonly balances: (apiKey: string) => Effect.Effect<Readonly<Record<string, BalanceView>>, SimulatorError>
  /**
   * Executes an order for an account without signing (`OrderExecutePayload` fields, trigger, take-profit and
   * stop-loss included, as `POST /api/v1/order` takes them); returns the order JSON.
   */
  readonly executeOrder: (
    apiKey: string,
    order: Readonly<Record<string, unknown>>
  ) => Effect.Effect<Readonly<Record<string, unknown>>, SimulatorError>
  /** Sets mark and index price of a market (perp PnL, margin, funding use it). */
  readonly setMarkPrice: (symbol: string, price: string) => Effect.Effect<void, SimulatorError>
  /** Sets the current funding rate of a perp (decimal fraction, 6 dp). */
  readonly setFundingRate: (symbol: string, rate: string) => Effect.Effect<void, SimulatorError>
  /** Settles funding now for one perp or all; returns the number of payments. */
  readonly settleFunding: (symbol?: string) => Effect.Effect<number, SimulatorError>
  /** Runs `steps` rounds of seeded background activity now. */
  readonly runActivity: (steps?: number) => Effect.Effect<void>
  /** Replaces the rate limits (`false` disables) and clears the counters. */
  readonly setRateLimits: (limits: RateLimitSettings | false) => Effect.Effect<void>
  /** Invariant check across the whole exchange. */
  readonly audit: Effect.Effect<AuditReport>
  /**
   * Records the book of `symbol` after every depth event until the scope closes, the newest `limit` versions
   * kept (default 100 000): the reference for checking a client's order book at any sequence id.
   */
  readonly recordBooks: (
    symbol: string,
    options?: { readonly limit?: number | undefined }
  ) => Effect.Effect<BookRecording, SimulatorError, Scope.Scope>
  /** Fault injection. */
  readonly faults: Faults
}

/**
 * Service tag.
 *
 * @since 0.1.0
 * @category tags
 */
export class Simulator extends Context.Tag("@effect-backpack/simulator/Simulator")<Simulator, SimulatorService>() {}

/**
 * The real rate limits of §8.3.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultRateLimits: RateLimitSettings = { standard: 2000, historical: 30, windowMs: 60_000 }

const fail = (message: string, code?: string) => new SimulatorError({ message, code })

const decodeSeed = (seed: string): Uint8Array | undefined => {
  const bytes = Auth.fromBase64(seed)
  if (bytes === undefined) return undefined
  if (bytes.length === 32) return bytes
  if (bytes.length === 64) return bytes.slice(0, 32)
  return undefined
}

/**
 * Starts a simulator in the current scope; it stops when the scope closes.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * ```ts
 * import { Simulator } from "@effect-backpack/simulator"
 * import { Effect } from "effect"
 *
 * const program = Effect.scoped(Effect.gen(function*() {
 *   const sim = yield* Simulator.make({ seed: 7 })
 *   const trader = yield* sim.createAccount({ balances: { USDC: "10000" } })
 *   // point a Backpack client at sim.url / sim.wsUrl with trader.apiKey / trader.apiSecret
 * }))
 * ```
 */
export const make = (
  options: SimulatorOptions = {}
): Effect.Effect<SimulatorService, HttpServerError.ServeError | SimulatorError, Scope.Scope> =>
  Effect.gen(function*() {
    const seed = options.seed ?? 42
    const baseClock = options.clock ?? Date.now
    const drift: Drift = { clock: baseClock, ppm: 0, since: baseClock(), accumulated: 0 }
    const engine = new Engine({
      seed,
      clock: () => {
        const t = baseClock()
        return t + driftAt(drift, t)
      },
      markets: options.markets,
      liquidity: options.liquidity,
      makerFee: options.makerFee,
      takerFee: options.takerFee,
      history: options.history
    })
    const controlToken = options.controlToken ?? randomBytes(24).toString("base64url")
    if (controlToken.length < 8) return yield* Effect.fail(fail("controlToken must have at least 8 characters"))
    const controls: Controls = {
      limits: { ...defaultLimits, ...options.limits },
      access: { token: controlToken, origins: new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase())) },
      plan: {},
      stats: { requests: new Map(), injected: new Map() },
      drift,
      dropAfterAccept: 0,
      malformedFrames: 0,
      dropPrivateEvents: 0,
      privateDelayMs: 0,
      rateLimits: options.rateLimits === false ? undefined : options.rateLimits ?? defaultRateLimits,
      futureToleranceMs: options.futureToleranceMs ?? 1000,
      faultPrng: Prng.make(seed ^ 0x5eed),
      buckets: new Map()
    }

    const accountOf = (apiKey: string): Effect.Effect<Account, SimulatorError> => {
      const account = engine.accountsByKey.get(apiKey)
      return account === undefined || account.internal ?
        Effect.fail(fail(`Unknown account ${apiKey}`, "RESOURCE_NOT_FOUND")) :
        Effect.succeed(account)
    }
    const marketOf = (symbol: string): Effect.Effect<Market, SimulatorError> => {
      const m = engine.markets.get(symbol)
      return m === undefined ? Effect.fail(fail(`Unknown market ${symbol}`, "INVALID_MARKET")) : Effect.succeed(m)
    }
    const parseDecimal = (value: string, what: string): Effect.Effect<bigint, SimulatorError> => {
      const d = D.parse(value)
      return d === undefined
        ? Effect.fail(fail(`Invalid ${what}: ${value}`, "INVALID_CLIENT_REQUEST"))
        : Effect.succeed(d)
    }

    const deposit = (apiKey: string, asset: string, quantity: string) =>
      Effect.gen(function*() {
        const account = yield* accountOf(apiKey)
        if (!engine.assets.some((a) => a.symbol === asset)) {
          return yield* Effect.fail(fail(`Unknown asset ${asset}`, "INVALID_ASSET"))
        }
        const q = yield* parseDecimal(quantity, "quantity")
        if (q <= 0n) return yield* Effect.fail(fail("Quantity must be positive", "INVALID_QUANTITY"))
        Accounts.deposit(engine, account, asset, q)
      })

    const createAccount = (
      opts: { readonly seed?: string | undefined; readonly balances?: Readonly<Record<string, string>> | undefined } =
        {}
    ) =>
      Effect.gen(function*() {
        let created: { readonly account: Account; readonly apiSecret: string }
        if (opts.seed !== undefined) {
          const bytes = decodeSeed(opts.seed)
          if (bytes === undefined) {
            return yield* Effect.fail(
              fail("apiSecret must be base64 of a 32-byte Ed25519 seed", "INVALID_CLIENT_REQUEST")
            )
          }
          created = Accounts.create(engine, bytes)
        } else {
          created = Accounts.createRandom(engine)
        }
        for (const [asset, qty] of Object.entries(opts.balances ?? {})) {
          yield* deposit(created.account.apiKey, asset, qty)
        }
        return { apiKey: created.account.apiKey, apiSecret: created.apiSecret, userId: created.account.id }
      })

    const demoAccount = options.demoAccount === false ? undefined : yield* createAccount({
      seed: DEMO_SECRET,
      balances: { USDC: "100000", SOL: "1000", BTC: "2", ETH: "50" }
    })
    const seededAccounts: Array<AccountCredentials> = []
    for (const a of options.accounts ?? []) {
      seededAccounts.push(yield* createAccount({ seed: a.apiSecret, balances: a.balances }))
    }

    // HTTP server (Effect router on platform-node) + WebSocket hub on the same node server
    const nodeServer = createServer()
    // idle keep-alive connections live 65 s (Node's 5 s default races clients whose event loop stalled: they
    // reuse a socket the server has just closed and see ECONNRESET)
    nodeServer.keepAliveTimeout = 65_000
    nodeServer.headersTimeout = 66_000
    const server = yield* NodeHttpServer.make(() => nodeServer, {
      port: options.port ?? 0,
      host: options.host ?? "127.0.0.1"
    })
    // the request spans of the platform's tracer never record the signature, the key or the control token
    yield* HttpServer.serveEffect(router(engine, controls)).pipe(
      Effect.provideService(HttpServer.HttpServer, server),
      Effect.locally(Headers.currentRedactedNames, [
        "authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "x-signature",
        "x-simulator-token"
      ])
    )
    const hub = yield* Effect.acquireRelease(
      Effect.sync(() => makeHub(engine, controls, { pingIntervalMs: options.pingIntervalMs ?? 60_000 })),
      (hub) => Effect.promise(() => hub.close())
    )
    // The platform installs its own upgrade handler (for HttpServerRequest.upgrade); ours serves `/` with
    // server pings and raw frame control, so it replaces it.
    nodeServer.removeAllListeners("upgrade")
    nodeServer.on("upgrade", hub.handleUpgrade)

    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const host = options.host ?? "127.0.0.1"
    for (const name of ["127.0.0.1", "localhost", "[::1]", host.includes(":") ? `[${host}]` : host]) {
      controls.access.origins.add(`http://${name}:${port}`)
    }
    if (!isLoopback(host)) yield* Console.error(exposureWarning(host, port))

    // background work survives its own defects (logged), so funding and activity never silently stop
    const resilient = (what: string, step: () => void) =>
      Effect.sync(step).pipe(Effect.catchAllDefect((defect) => Effect.logError(`simulator ${what} failed`, defect)))
    yield* Effect.forkScoped(
      resilient("funding", () => Perps.settleDueFunding(engine)).pipe(Effect.repeat(Schedule.spaced("1 second")))
    )
    if (options.activity !== undefined && options.activity !== false) {
      yield* Effect.forkScoped(
        resilient("activity", () => Activity.activityStep(engine)).pipe(
          Effect.repeat(Schedule.spaced(`${options.activity.intervalMs} millis`))
        )
      )
    }

    const faults: Faults = {
      setPlan: (plan) =>
        Effect.suspend(() => {
          const invalid = invalidPlan(plan)
          if (invalid !== undefined) return Effect.fail(fail(invalid, "INVALID_FAULT_PLAN"))
          applyPlan(controls, engine, plan)
          return Effect.void
        }),
      plan: Effect.sync(() => currentPlan(controls, engine)),
      stats: Effect.sync(() => statsOf(controls)),
      setClockDrift: (ppm) => Effect.sync(() => setDrift(controls.drift, ppm, baseClock())),
      setLatency: (ms) => Effect.sync(() => updateAllRoutes(controls, { latencyMs: Math.max(0, Math.round(ms)) })),
      setErrorRates: (rates) =>
        Effect.sync(() =>
          updateAllRoutes(controls, {
            tooManyRequests: rates.tooManyRequests ?? 0,
            unavailable: rates.unavailable ?? 0
          })
        ),
      dropAfterAccept: (count = 1) => Effect.sync(() => void (controls.dropAfterAccept = count)),
      disconnectWebSockets: (id) => Effect.sync(() => hub.disconnect(id)),
      webSocketConnections: Effect.sync(() => hub.connections()),
      depthGap: (symbol, ids = 1) => Effect.map(marketOf(symbol), (m) => void (m.pendingGap += ids)),
      sendMalformedFrame: (id) => Effect.sync(() => hub.sendMalformed(id)),
      corruptNextFrames: (count) => Effect.sync(() => void (controls.malformedFrames = count)),
      dropPrivateEvents: (count) => Effect.sync(() => void (controls.dropPrivateEvents = Math.max(0, count))),
      setPrivateEventDelay: (ms) => Effect.sync(() => void (controls.privateDelayMs = Math.max(0, ms))),
      setClockOffset: (ms) => Effect.sync(() => void (engine.clockOffset = ms)),
      reset: Effect.sync(() => resetFaults(controls, engine))
    }

    const conditional = conditionalOrders(engine, attach(engine))
    const service: SimulatorService = {
      url: `http://${host}:${port}`,
      controlToken,
      wsUrl: `ws://${host}:${port}`,
      port,
      demoAccount,
      seededAccounts,
      createAccount,
      vaultAccount: (vaultId) =>
        Effect.suspend(() => {
          const vault = attach(engine).vaults.vaults.get(vaultId)
          return vault === undefined
            ? Effect.fail(fail(`Unknown vault ${vaultId}`, "RESOURCE_NOT_FOUND"))
            : Effect.succeed({ apiKey: vault.account.apiKey, apiSecret: vault.apiSecret, userId: vault.account.id })
        }),
      deposit,
      balances: (apiKey) =>
        Effect.map(accountOf(apiKey), (account) => {
          const out: Record<string, BalanceView> = {}
          for (const [asset, b] of account.balances) {
            out[asset] = { available: D.format(b.available), locked: D.format(b.locked), staked: D.format(b.staked) }
          }
          return out
        }),
      executeOrder: (apiKey, order) =>
        Effect.flatMap(accountOf(apiKey), (account) =>
          Effect.try({
            try: () =>
              conditional.execute(account, orderPayload({ ...order })) as Readonly<
                Record<string, unknown>
              >,
            catch: (e) =>
              e instanceof ApiFailure ?
                fail(e.message, e.code) :
                e instanceof PlainFailure ?
                fail(e.text, "INVALID_CLIENT_REQUEST") :
                fail(String(e))
          })),
      setMarkPrice: (symbol, price) =>
        Effect.gen(function*() {
          const m = yield* marketOf(symbol)
          const p = yield* parseDecimal(price, "price")
          if (p < m.tick) return yield* Effect.fail(fail("Price must be at least the tick size", "INVALID_PRICE"))
          Perps.setMarkPrice(engine, m, p)
        }),
      setFundingRate: (symbol, rate) =>
        Effect.gen(function*() {
          const m = yield* marketOf(symbol)
          Perps.setFundingRate(engine, m, yield* parseDecimal(rate, "rate"))
        }),
      settleFunding: (symbol) =>
        symbol === undefined ?
          Effect.sync(() => [...engine.markets.values()].reduce((n, m) => n + Perps.settleFunding(engine, m), 0)) :
          Effect.map(marketOf(symbol), (m) => Perps.settleFunding(engine, m)),
      runActivity: (steps = 1) =>
        Effect.sync(() => {
          for (let i = 0; i < steps; i++) Activity.activityStep(engine)
        }),
      setRateLimits: (limits) =>
        Effect.sync(() => {
          controls.rateLimits = limits === false ? undefined : limits
          controls.buckets.clear()
        }),
      audit: Effect.sync(() => audit(engine)),
      recordBooks: (symbol, opts) =>
        Effect.map(
          marketOf(symbol).pipe(Effect.flatMap((m) =>
            Effect.acquireRelease(
              Effect.sync(() => BookRecorder.record(engine, m, Math.max(1, opts?.limit ?? 100_000))),
              (r) => Effect.sync(r.stop)
            )
          )),
          (r): BookRecording => ({
            at: (id) => Effect.sync(() => Option.fromNullable(r.at(String(id)))),
            recorded: Effect.sync(r.recorded)
          })
        ),
      faults
    }
    return service
  })

const audit = (engine: Engine): AuditReport => {
  const totals = Accounts.totals(engine)
  const flows = Accounts.netFlows(engine)
  const fmt = (m: Map<string, bigint>) => Object.fromEntries([...m].map(([k, v]) => [k, D.format(v)]))
  const conservationViolations: Array<string> = []
  for (const asset of new Set([...totals.keys(), ...flows.keys()])) {
    if ((totals.get(asset) ?? 0n) !== (flows.get(asset) ?? 0n)) conservationViolations.push(asset)
  }
  const perpQuotes = new Set<string>()
  for (const m of engine.markets.values()) if (m.perp) perpQuotes.add(m.def.quoteSymbol)
  const negativeBalances: Array<string> = []
  const lockMismatches: Array<string> = []
  for (const account of engine.accounts.values()) {
    const hasPositions = [...account.positions.values()].some((p) => p.netQuantity !== 0n || p.pnlRealized !== 0n)
    for (const [asset, b] of account.balances) {
      if (b.locked < 0n || (b.available < 0n && !(hasPositions && perpQuotes.has(asset)))) {
        negativeBalances.push(`${account.apiKey}:${asset}`)
      }
    }
    const expected = new Map<string, bigint>()
    for (const o of Accounts.openOrders(account)) {
      if (o.lockAsset !== null) expected.set(o.lockAsset, (expected.get(o.lockAsset) ?? 0n) + o.locked)
    }
    for (const [asset, b] of account.balances) {
      if (b.locked !== (expected.get(asset) ?? 0n)) lockMismatches.push(`${account.apiKey}:${asset}`)
    }
  }
  const crossedBooks: Array<string> = []
  for (const m of engine.markets.values()) {
    const bid = Book.bestBid(m)
    const ask = Book.bestAsk(m)
    if (bid !== null && ask !== null && bid >= ask) crossedBooks.push(m.symbol)
  }
  return {
    totals: fmt(totals),
    netFlows: fmt(flows),
    fees: Object.fromEntries([...engine.feeAccount().balances].map(([k, b]) => [k, D.format(b.available)])),
    conservationViolations,
    negativeBalances,
    crossedBooks,
    lockMismatches
  }
}

/**
 * A layer running a simulator for the lifetime of the layer (port 0 by default).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: SimulatorOptions = {}
): Layer.Layer<Simulator, HttpServerError.ServeError | SimulatorError> => Layer.scoped(Simulator, make(options))

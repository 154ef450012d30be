/**
 * Paper trading: every SDK service wired to an in-process simulator (`@effect-backpack/simulator`)
 * with a funded account, so a program written against the SDK runs unchanged and offline. This is the
 * way to test a strategy: same layers, same calls, same streams, a local exchange with a matching
 * engine, seeded books and optional background activity (makers and takers that move the prices and
 * trade against your orders).
 *
 * The simulator is an optional peer dependency of the SDK, loaded only when this layer is built:
 * install `@effect-backpack/simulator` next to the SDK to use it.
 *
 * @example
 * ```ts
 * import { AccountState, Orders } from "@effect-backpack/sdk"
 * import { BackpackPaper } from "@effect-backpack/sdk/node"
 * import { Effect } from "effect"
 *
 * const strategy = Effect.gen(function*() {
 *   yield* Orders.executeOrder({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "140", quantity: "1" })
 * })
 * strategy.pipe(Effect.provide(BackpackPaper.layer({ balances: { USDC: "10000" }, activity: true })), Effect.runPromise)
 * ```
 *
 * @since 0.3.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { ConfigError } from "./BackpackError.js"
import * as BackpackNode from "./BackpackNode.js"

/**
 * A market of the paper exchange (the simulator's market definition): decimals as strings.
 *
 * @since 0.3.0
 * @category models
 */
export interface PaperMarket {
  readonly symbol: string
  readonly baseSymbol: string
  readonly quoteSymbol: string
  readonly marketType: "SPOT" | "PERP"
  readonly tickSize: string
  readonly stepSize: string
  readonly minQuantity: string
  readonly maxQuantity: string | null
  readonly minPrice: string
  readonly maxPrice: string | null
  /** Price the seeded book is built around. */
  readonly referencePrice: string
  /** Quantity per seeded book level. */
  readonly levelQuantity: string
  readonly fundingInterval?: number
  readonly createdAt: string
}

/**
 * Options of {@link layer}.
 *
 * @since 0.3.0
 * @category models
 */
export interface Options {
  /** Funds of the paper account, asset → decimal string (`{ USDC: "10000", SOL: "50" }`). */
  readonly balances: Readonly<Record<string, string>>
  /** Markets of the paper exchange; the simulator's seeded markets (SOL, BTC, ETH spot and perps) when omitted. */
  readonly markets?: ReadonlyArray<PaperMarket> | undefined
  /**
   * Background activity: seeded makers and takers trade every `intervalMs` (`true`: every 250 ms).
   * Off by default: then only your own orders move the books.
   */
  readonly activity?: boolean | { readonly intervalMs: number } | undefined
  /** Seed of books, ids and activity (default 42): the same seed replays the same market. */
  readonly seed?: number | undefined
  /** Stream options (buffer sizes, reconnect backoff) for the paper connection. */
  readonly stream?: BackpackNode.Extras["stream"]
}

/**
 * The paper exchange behind the layer: its address, the account's key, and controls that only a
 * local exchange has.
 *
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /** REST base URL of the local exchange (`http://127.0.0.1:<port>`). */
  readonly url: string
  /** WebSocket URL of the local exchange. */
  readonly wsUrl: string
  /** The paper account's API key (public key). */
  readonly apiKey: string
  /** Credits funds to the paper account. */
  readonly deposit: (asset: string, quantity: string) => Effect.Effect<void, ConfigError>
  /** Runs `steps` rounds of background activity now (also when `activity` is off). */
  readonly runActivity: (steps?: number) => Effect.Effect<void>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class BackpackPaper extends Context.Tag("@effect-backpack/sdk/BackpackPaper")<BackpackPaper, Service>() {}

const load = Effect.tryPromise({
  try: () => import("@effect-backpack/simulator"),
  catch: (cause) =>
    new ConfigError({
      detail: `BackpackPaper needs the simulator: install @effect-backpack/simulator (${String(cause)})`
    })
})

const failure = (e: { readonly message: string }) => new ConfigError({ detail: `paper exchange: ${e.message}` })

/**
 * Every SDK service (as `BackpackNode.layer` provides them, plus {@link BackpackPaper}) on an
 * in-process simulator with a funded account; the exchange lives as long as the layer.
 *
 * @since 0.3.0
 * @category layers
 */
export const layer = (options: Options) =>
  Layer.unwrapScoped(Effect.gen(function*() {
    const { Simulator } = yield* load
    const activity = options.activity === true
      ? { intervalMs: 250 }
      : options.activity === false || options.activity === undefined
      ? false
      : options.activity
    const sim = yield* Simulator.make({
      seed: options.seed ?? 42,
      rateLimits: false,
      demoAccount: false,
      activity,
      ...(options.markets === undefined ? {} : { markets: options.markets.map((m) => ({ ...m })) })
    }).pipe(Effect.mapError(failure))
    const account = yield* sim.createAccount({ balances: options.balances }).pipe(Effect.mapError(failure))
    const paper: Service = {
      url: sim.url,
      wsUrl: sim.wsUrl,
      apiKey: account.apiKey,
      deposit: (asset, quantity) => sim.deposit(account.apiKey, asset, quantity).pipe(Effect.mapError(failure)),
      runActivity: (steps) => sim.runActivity(steps)
    }
    return Layer.merge(
      BackpackNode.layer({
        host: sim.url,
        wsUrl: sim.wsUrl,
        apiSecret: Redacted.make(account.apiSecret),
        rateLimits: "unlimited",
        stream: options.stream
      }),
      Layer.succeed(BackpackPaper, paper)
    )
  }))

/**
 * Wiring of the portable entry: every REST service on top of one `BackpackClient`, with
 * `FetchHttpClient` and the `@noble/curves` signer. The Node wiring is `BackpackNode`.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Socket from "@effect/platform/Socket"
import * as Layer from "effect/Layer"
import * as Account from "./Account.js"
import * as AccountState from "./AccountState.js"
import * as Assets from "./Assets.js"
import * as BackpackClient from "./BackpackClient.js"
import * as BackpackConfig from "./BackpackConfig.js"
import type { ConfigError } from "./BackpackError.js"
import * as BackpackStream from "./BackpackStream.js"
import * as BorrowLend from "./BorrowLend.js"
import * as Capital from "./Capital.js"
import * as Funding from "./Funding.js"
import * as History from "./History.js"
import * as Markets from "./Markets.js"
import * as OrderBook from "./OrderBook.js"
import * as Orders from "./Orders.js"
import * as Positions from "./Positions.js"
import * as RateLimiter from "./RateLimiter.js"
import * as Rfq from "./Rfq.js"
import * as Signer from "./Signer.js"
import * as Strategies from "./Strategies.js"
import * as System from "./System.js"
import * as Trades from "./Trades.js"
import * as Vaults from "./Vaults.js"

/**
 * Every REST service of the SDK.
 *
 * @since 0.1.0
 * @category models
 */
export type Services =
  | Vaults.Vaults
  | BorrowLend.BorrowLend
  | Trades.Trades
  | Funding.Funding
  | Assets.Assets
  | Markets.Markets
  | System.System
  | Orders.Orders
  | Account.Account
  | Positions.Positions
  | Capital.Capital
  | History.History
  | Rfq.Rfq
  | Strategies.Strategies

/**
 * Every REST service, given a `BackpackClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerServices: Layer.Layer<Services, never, BackpackClient.BackpackClient> = Layer.mergeAll(
  Vaults.layer,
  BorrowLend.layer,
  Trades.layer,
  Funding.layer,
  Assets.layer,
  Markets.layer,
  System.layer,
  Orders.layer,
  Account.layer,
  Positions.layer,
  Capital.layer,
  History.layer,
  Rfq.layer,
  Strategies.layer
)

/**
 * Every REST service plus the client, signer, limiter and configuration they share, given an
 * `HttpClient` and a `Signer` layer built from the configuration.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options: {
  readonly config: Layer.Layer<BackpackConfig.BackpackConfig, ConfigError>
  readonly signer: Layer.Layer<Signer.Signer, ConfigError, BackpackConfig.BackpackConfig>
  readonly httpClient: Layer.Layer<HttpClient.HttpClient>
  readonly rateLimiter?: Layer.Layer<RateLimiter.RateLimiter> | undefined
  /** Your own HTTP middleware (see `BackpackClient.Options`). */
  readonly transformClient?: BackpackClient.Options["transformClient"]
}): Layer.Layer<
  Services | BackpackClient.BackpackClient | Signer.Signer | RateLimiter.RateLimiter | BackpackConfig.BackpackConfig,
  ConfigError
> => {
  const base = Layer.mergeAll(
    options.signer,
    options.rateLimiter ?? RateLimiter.layer(),
    options.httpClient
  ).pipe(Layer.provideMerge(options.config))
  const client = BackpackClient.layer({ transformClient: options.transformClient }).pipe(Layer.provideMerge(base))
  return layerServices.pipe(Layer.provideMerge(client))
}

/**
 * The portable wiring from plain options: `FetchHttpClient`, the `@noble/curves` signer,
 * Backpack's rate limits.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: BackpackConfig.Options & BackpackClient.Options = {}) => {
  const { transformClient, ...config } = options
  return layerWith({
    config: BackpackConfig.layer(config),
    signer: Signer.layer,
    httpClient: FetchHttpClient.layer,
    transformClient
  })
}

/**
 * The portable wiring from the environment (see `BackpackConfig.fromEnv`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config?: Parameters<typeof BackpackConfig.layerConfig>[0],
  options: BackpackClient.Options = {}
) =>
  layerWith({
    config: BackpackConfig.layerConfig(config),
    signer: Signer.layer,
    httpClient: FetchHttpClient.layer,
    transformClient: options.transformClient
  })

/**
 * The WebSocket services, `BackpackStream` (one shared socket) and `OrderBook`, given the
 * configuration, the signer, `Markets` and a WebSocket constructor.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerStreams = (
  options: BackpackStream.Options = {}
): Layer.Layer<
  BackpackStream.BackpackStream | OrderBook.OrderBook,
  never,
  BackpackConfig.BackpackConfig | Signer.Signer | Markets.Markets | Socket.WebSocketConstructor
> => OrderBook.layer.pipe(Layer.provideMerge(BackpackStream.layer(options)))

/**
 * Adds the WebSocket services (and `AccountState`, which follows the private streams) to a wiring (`layer`, `layerConfig`, `layerWith`), by default on the
 * global `WebSocket` (browsers, Deno, Bun, Node 22+; on Node 20 use `BackpackNode`, which brings the
 * `ws` package).
 *
 * @example
 * ```ts
 * import { Backpack } from "@effect-backpack/sdk"
 *
 * const Live = Backpack.withStreams(Backpack.layer({ wsUrl: "wss://ws.backpack.exchange" }))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const withStreams = <ROut, E, RIn>(
  base: Layer.Layer<
    ROut | BackpackConfig.BackpackConfig | Signer.Signer | Markets.Markets | BackpackClient.BackpackClient,
    E,
    RIn
  >,
  options: {
    readonly webSocket?: Layer.Layer<Socket.WebSocketConstructor> | undefined
    readonly stream?: BackpackStream.Options | undefined
  } = {}
): Layer.Layer<
  | ROut
  | BackpackConfig.BackpackConfig
  | Signer.Signer
  | Markets.Markets
  | BackpackStream.BackpackStream
  | OrderBook.OrderBook
  | AccountState.AccountState
  | BackpackClient.BackpackClient
  | Socket.WebSocketConstructor,
  E,
  RIn
> =>
  AccountState.layer.pipe(
    Layer.provideMerge(layerStreams(options.stream)),
    Layer.provideMerge(options.webSocket ?? Socket.layerWebSocketConstructorGlobal),
    Layer.provideMerge(base)
  )

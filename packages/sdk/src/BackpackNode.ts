/**
 * The Node wiring: every service of the SDK in one layer, on undici's HTTP client, the
 * `node:crypto` signer and the `ws` WebSocket (for `BackpackStream` and `OrderBook`).
 *
 * `layerConfig` reads the `BACKPACK_*` environment variables through Effect's `Config`; `layer` takes
 * plain values (a secret as `Redacted`).
 *
 * @example
 * ```ts
 * import { Capital, Markets } from "@effect-backpack/sdk"
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Effect, Redacted } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const markets = yield* (yield* Markets.Markets).getMarkets()
 *   const balances = yield* (yield* Capital.Capital).getBalances() // signed
 *   yield* Effect.log(`${markets.length} markets; assets held: ${Object.keys(balances).join(", ")}`)
 * })
 *
 * // configuration from BACKPACK_API_SECRET, BACKPACK_HOST, …
 * program.pipe(Effect.provide(BackpackNode.layerConfig), NodeRuntime.runMain)
 *
 * // or from plain values, e.g. against a local simulator
 * const local = BackpackNode.layer({
 *   host: "http://127.0.0.1:8080",
 *   wsUrl: "ws://127.0.0.1:8080",
 *   apiSecret: Redacted.make("4odxgSUxFrC/zsKWZF4OQwYAgnNu9hnWH3NxWfLAPz4="),
 *   rateLimits: "unlimited"
 * })
 * program.pipe(Effect.provide(local), NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 */
import type * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Backpack from "./Backpack.js"
import type * as BackpackClient from "./BackpackClient.js"
import * as BackpackConfig from "./BackpackConfig.js"
import type * as BackpackStream from "./BackpackStream.js"
import * as DirectTransport from "./internal/directTransport.js"
import * as NodeSigner from "./NodeSigner.js"
import * as RateLimiter from "./RateLimiter.js"

// undici merges these into each request's own options (path, method, body are filled in by the client)
const keepConnection = { reset: false } as unknown as NodeHttpClient.UndiciRequestOptions["Type"]

// The platform's Node modules (undici, `ws`) load when the layer is built, not when this module is
// imported: importing the SDK stays cheap (issue 8: import time), and a program that never builds
// the layer never loads them.
const nodeHttpClient = Effect.promise(() => import("@effect/platform-node/NodeHttpClient"))

/**
 * undici's HTTP client, keeping the connection after requests that carry a body with a method undici
 * does not expect one on (Backpack's cancels are `DELETE` with a JSON body): by default undici closes
 * the socket after those, so every cancel would cost a new TCP (and TLS) handshake on the next call.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient> = Layer.unwrapEffect(
  Effect.map(nodeHttpClient, (NodeHttpClient) =>
    Layer.scoped(
      HttpClient.HttpClient,
      Effect.map(NodeHttpClient.makeDispatcher, (dispatcher) =>
        // the executor's direct path to the same connection pool (see `internal/directTransport.ts`)
        DirectTransport.attach(
          HttpClient.transform(
            NodeHttpClient.makeUndici(dispatcher),
            (effect) => Effect.provideService(effect, NodeHttpClient.UndiciRequestOptions, keepConnection)
          ),
          DirectTransport.make(dispatcher)
        ))
    ))
)

/**
 * The WebSocket constructor of `@effect/platform-node` (the global `WebSocket` where Node has one,
 * else `ws`), loaded when the layer is built.
 *
 * @since 0.2.0
 * @category layers
 */
export const layerWebSocketConstructor: Layer.Layer<Socket.WebSocketConstructor> = Layer.unwrapEffect(
  Effect.map(
    Effect.promise(() => import("@effect/platform-node/NodeSocket")),
    (NodeSocket) => NodeSocket.layerWebSocketConstructor
  )
)

/**
 * Node-only extras of {@link layer}, beside the configuration fields.
 *
 * @since 0.1.0
 * @category models
 */
export interface Extras {
  /** Client-side rate limits (`RateLimiter.layer` options), or `"unlimited"`. Default: Backpack's limits. */
  readonly rateLimits?: RateLimiter.Options | "unlimited" | undefined
  /** WebSocket options (buffer sizes, idle timeout, decode-failure policy, backoff). */
  readonly stream?: BackpackStream.Options | undefined
  /**
   * Your own HTTP middleware (proxy, metrics, logging), applied to every attempt of every REST
   * call; see `BackpackClient.Options`.
   */
  readonly transformClient?: BackpackClient.Options["transformClient"]
}

/**
 * Everything, from plain values:
 * `{ host?, wsUrl?, apiKey?: Redacted<string>, apiSecret?: Redacted<string>, window?, timeout? }`,
 * plus the optional {@link Extras} (`rateLimits`, `stream`, `transformClient`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: BackpackConfig.Options & Extras = {}) => {
  const { rateLimits, stream, transformClient, ...config } = options
  return wire(BackpackConfig.layer(config), { rateLimits, stream, transformClient })
}

const wire = (config: ReturnType<typeof BackpackConfig.layer>, extras: Extras) =>
  Backpack.withStreams(
    Backpack.layerWith({
      config,
      signer: NodeSigner.layer,
      httpClient: layerHttpClient,
      rateLimiter: extras.rateLimits === "unlimited"
        ? RateLimiter.layerUnlimited
        : RateLimiter.layer(extras.rateLimits),
      transformClient: extras.transformClient
    }),
    { webSocket: layerWebSocketConstructor, stream: extras.stream }
  )

/**
 * Everything, from the environment (`BACKPACK_HOST`, `BACKPACK_WS_URL`, `BACKPACK_API_KEY`,
 * `BACKPACK_API_SECRET`, `BACKPACK_WINDOW`, `BACKPACK_TIMEOUT`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = wire(BackpackConfig.layerConfig(), {})

/**
 * {@link layerConfig} with the Node-only {@link Extras} (`rateLimits`, `stream`, `transformClient`).
 *
 * @example
 * ```ts
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * const Live = BackpackNode.layerConfigWith({
 *   transformClient: HttpClient.tapRequest((request) => Effect.logDebug(request.method, request.url))
 * })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfigWith = (extras: Extras) => wire(BackpackConfig.layerConfig(), extras)

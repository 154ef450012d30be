/**
 * The Node wiring: every service of the SDK in one layer, on undici's HTTP client, the
 * `node:crypto` signer and the `ws` WebSocket (for `BackpackStream` and `OrderBook`).
 *
 * @since 0.1.0
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Backpack from "./Backpack.js"
import * as BackpackConfig from "./BackpackConfig.js"
import * as NodeSigner from "./NodeSigner.js"

/**
 * Everything, from plain values:
 * `{ host?, wsUrl?, apiKey?: Redacted<string>, apiSecret?: Redacted<string>, window?, timeout? }`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: BackpackConfig.Options = {}) =>
  Backpack.withStreams(
    Backpack.layerWith({
      config: BackpackConfig.layer(options),
      signer: NodeSigner.layer,
      httpClient: NodeHttpClient.layerUndici
    }),
    { webSocket: NodeSocket.layerWebSocketConstructor }
  )

/**
 * Everything, from the environment (`BACKPACK_HOST`, `BACKPACK_WS_URL`, `BACKPACK_API_KEY`,
 * `BACKPACK_API_SECRET`, `BACKPACK_WINDOW`, `BACKPACK_TIMEOUT`).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = Backpack.withStreams(
  Backpack.layerWith({
    config: BackpackConfig.layerConfig(),
    signer: NodeSigner.layer,
    httpClient: NodeHttpClient.layerUndici
  }),
  { webSocket: NodeSocket.layerWebSocketConstructor }
)

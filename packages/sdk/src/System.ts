/**
 * Exchange status, connectivity, server time and hot wallets.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import * as endpoints from "./internal/endpoints/system.js"
import type { Status, Wallet } from "./models/system.js"

export * from "./models/system.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/status`: `Ok` or `Maintenance`. */
  readonly getStatus: (params?: {}) => Effect.Effect<Status, BackpackError>
  /** `GET /api/v1/ping`: answers `"pong"`. */
  readonly ping: (params?: {}) => Effect.Effect<"pong", BackpackError>
  /** `GET /api/v1/time`: the server time in epoch milliseconds. */
  readonly getTime: (params?: {}) => Effect.Effect<number, BackpackError>
  /** `GET /api/v1/wallets`: the exchange's hot-wallet addresses per chain. */
  readonly getWallets: (params?: {}) => Effect.Effect<ReadonlyArray<Wallet>, BackpackError>
  /**
   * Measures the offset between the server clock and the local one (half the round trip
   * compensated) and makes every later signed request use it for `X-Timestamp`. Returns the offset
   * in milliseconds.
   */
  readonly syncClock: Effect.Effect<number, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class System extends Context.Tag("@effect-backpack/sdk/System")<System, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => {
  const getTime = (params?: {}) => client.execute(endpoints.getTime, params)
  return {
    getStatus: (params) => client.execute(endpoints.getStatus, params),
    ping: (params) => client.execute(endpoints.ping, params),
    getTime,
    getWallets: (params) => client.execute(endpoints.getWallets, params),
    syncClock: Effect.gen(function*() {
      // the same clock the executor stamps X-Timestamp with
      const before = yield* Clock.currentTimeMillis
      const server = yield* getTime()
      const after = yield* Clock.currentTimeMillis
      const offset = Math.round(server - (before + after) / 2)
      yield* Ref.set(client.clockOffset, offset)
      return offset
    }).pipe(Effect.withSpan("System.syncClock"))
  }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<System, never, BackpackClient> = Layer.effect(System, make)

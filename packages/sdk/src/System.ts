/**
 * Exchange status, connectivity, server time and hot wallets.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/system.js"
import * as service from "./internal/service.js"

export * from "./models/system.js"

/**
 * The methods of `System`, one per endpoint of `Endpoints.System` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {
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
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.zipWith(
  BackpackClient,
  service.make(endpoints),
  (client, methods): Service => ({
    ...methods,
    // measured against the signing clock, the one `X-Timestamp` and WebSocket subscribes are read from
    syncClock: Effect.withSpan(client.syncClock, "System.syncClock")
  })
)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<System, never, BackpackClient> = Layer.effect(System, make)

/**
 * Every method of `System` as a function that takes the service from the context
 * (`System.getStatus(params)` is `Effect.flatMap(System.System, (s) => s.getStatus(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getStatus,
  ping,
  getTime,
  getWallets
} = Effect.serviceFunctions(System)

/**
 * `syncClock` with the service taken from the context.
 *
 * @since 0.2.0
 * @category accessors
 */
export const syncClock: Effect.Effect<number, BackpackError, System> = Effect.flatMap(
  System,
  (system) => system.syncClock
)

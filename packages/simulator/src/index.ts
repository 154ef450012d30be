/**
 * `@effect-backpack/simulator`: a local Backpack-compatible exchange (REST + WebSocket) for tests, demos and paper
 * trading.
 *
 * @since 0.1.0
 */

/**
 * The simulator service, its options, control API and layers.
 *
 * @since 0.1.0
 */
export * as Simulator from "./Simulator.js"

/**
 * Request signing helpers compatible with the exchange (for tests and scripts talking to the simulator).
 *
 * @since 0.1.0
 */
export * as Signing from "./Signing.js"

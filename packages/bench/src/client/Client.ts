/**
 * What each benchmarked client (raw floor, CCXT, SDK) provides to the worker: one call of each REST
 * figure, and a depth watch over one connection that reports when every book reached its final
 * update id.
 *
 * @since 0.1.0
 */

/**
 * Where the loopback server is and the trading key (base64 32-byte Ed25519 seed and public key).
 *
 * @since 0.1.0
 * @category models
 */
export interface Endpoint {
  readonly url: string
  readonly wsUrl: string
  readonly apiKey: string
  readonly secret: string
}

/**
 * Best levels of a decoded depth answer, normalised decimal text (for the "same best levels" check).
 *
 * @since 0.1.0
 * @category models
 */
export interface DepthSummary {
  readonly bestBid: readonly [string, string]
  readonly bestAsk: readonly [string, string]
  readonly bids: number
  readonly asks: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface OrderSummary {
  readonly id: string
  readonly status: string
  readonly price: string
}

/**
 * Result of a watch over one connection.
 *
 * @since 0.1.0
 * @category models
 */
export interface WatchOutcome {
  /** Wall time (ms since the epoch) when the consumer saw the last final book. */
  readonly finalSeenAt: number
  /** Books handed to the consumer (all symbols). */
  readonly emitted: number
  /** Canonical text (see `Canned.canonical`) of each symbol's final book. */
  readonly books: Readonly<Record<string, string>>
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Client {
  readonly getDepth: () => Promise<unknown>
  readonly summarizeDepth: (value: unknown) => DepthSummary
  readonly executeOrder: () => Promise<unknown>
  readonly summarizeOrder: (value: unknown) => OrderSummary
  /** Watches `finals`' symbols on one connection until each book's update id equals its final one. */
  readonly watch: (finals: Readonly<Record<string, string>>, onStart: () => void) => Promise<WatchOutcome>
  readonly close: () => Promise<void>
}

/** Normalised decimal text: no trailing fraction zeros, no lone point. */
export const norm = (s: string): string => {
  if (!s.includes(".")) return s
  const t = s.replace(/0+$/, "")
  return t.endsWith(".") ? t.slice(0, -1) : t
}

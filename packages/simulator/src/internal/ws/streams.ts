/**
 * WebSocket stream names (§7.3): which names exist, and which are private.
 *
 * @internal
 */
import type { Engine } from "../engine/engine.js"
import { klineIntervals } from "../markets.js"

export const AGGREGATIONS = ["200ms", "600ms", "1000ms"] as const
const PUBLIC_PREFIXES = ["bookTicker", "ticker", "trade", "markPrice", "openInterest"]
const ACCOUNT_STREAMS = ["orderUpdate", "positionUpdate", "rfqUpdate"]

/** Whether a stream name exists (public or private) for the engine's markets. */
export const isValidStream = (engine: Engine, stream: string): boolean => {
  if (stream === "liquidation") return true
  const parts = stream.split(".")
  const known = (s: string | undefined) => s !== undefined && engine.markets.has(s)
  if (parts[0] === "account") {
    if (!ACCOUNT_STREAMS.includes(parts[1] ?? "")) return false
    return parts.length === 2 || (parts.length === 3 && known(parts[2]))
  }
  if (parts[0] === "depth") {
    if (parts.length === 2) return known(parts[1])
    return parts.length === 3 && (AGGREGATIONS as ReadonlyArray<string>).includes(parts[1]!) && known(parts[2])
  }
  if (parts[0] === "kline") return parts.length === 3 && Object.hasOwn(klineIntervals, parts[1]!) && known(parts[2])
  return parts.length === 2 && PUBLIC_PREFIXES.includes(parts[0]!) && known(parts[1])
}

/** Private streams need a signature on SUBSCRIBE. */
export const isPrivateStream = (stream: string): boolean => stream.startsWith("account.")

/**
 * What the simulator exposes when it listens on something other than loopback.
 *
 * @internal
 */

/** Whether a bind address is a loopback one. */
export const isLoopback = (host: string): boolean =>
  host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host)

/** What binding to a non-loopback address exposes. */
export const exposureWarning = (host: string, port: number): string =>
  [
    `WARNING: the Backpack simulator listens on ${host}:${port}, not on loopback. Reachable from other machines:`,
    "  - the REST API and WebSocket streams: every account's orders, balances, positions and withdrawals, to anyone",
    "    holding its API key (the demo account's key and secret are public);",
    "  - the control routes /_simulator/* (faucet), protected by the control token only;",
    "  - unauthenticated market data and every WebSocket stream without a signature.",
    "Bind to 127.0.0.1 unless other machines must reach it."
  ].join("\n")

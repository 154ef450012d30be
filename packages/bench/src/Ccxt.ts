/**
 * CCXT's Backpack client pointed at the local simulator. Every URL in `exchange.urls.api` is
 * replaced by the simulator's, the result is checked, and every URL CCXT requests goes through the
 * loopback guard first. CCXT's client-side throttle is off (`enableRateLimit: false`) so neither
 * side waits on a rate limiter (the SDK side uses an unlimited limiter too).
 *
 * @since 0.1.0
 */
import ccxt from "ccxt"
import { readFileSync } from "node:fs"
import * as NetGuard from "./NetGuard.js"

/**
 * The CCXT Backpack exchange class.
 *
 * @since 0.1.0
 * @category models
 */
export type Exchange = InstanceType<typeof ccxt.backpack>

/**
 * The installed CCXT version, from its package.json (the `ccxt.version` constant of the 4.5.84
 * package still says 4.5.83).
 *
 * @since 0.1.0
 * @category constants
 */
export const version: string = (() => {
  try {
    const manifest = new URL("../package.json", import.meta.resolve("ccxt"))
    return (JSON.parse(readFileSync(manifest, "utf8")) as { readonly version: string }).version
  } catch {
    return ccxt.version
  }
})()

const rewriteUrls = (value: unknown, url: string): unknown => {
  if (typeof value === "string") return url
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) record[key] = rewriteUrls(record[key], url)
  }
  return value
}

const collectUrls = (value: unknown, into: Array<string>): Array<string> => {
  if (typeof value === "string") into.push(value)
  else if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value as Record<string, unknown>)) collectUrls(inner, into)
  }
  return into
}

/**
 * A CCXT Backpack client whose every API URL is `url` (which must be a loopback URL).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeExchange = (options: {
  readonly url: string
  readonly apiKey?: string | undefined
  readonly secret?: string | undefined
}): Exchange => {
  NetGuard.checkUrl(options.url)
  const exchange = new ccxt.backpack({
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    ...(options.secret === undefined ? {} : { secret: options.secret }),
    enableRateLimit: false
  })
  rewriteUrls(exchange.urls["api"], options.url)
  const apiUrls = collectUrls(exchange.urls["api"], [])
  if (apiUrls.length === 0 || apiUrls.some((u) => u !== options.url)) {
    throw new Error(`CCXT still has API URLs other than the simulator: ${JSON.stringify(exchange.urls["api"])}`)
  }
  const fetch = exchange.fetch.bind(exchange)
  exchange.fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => {
    NetGuard.checkUrl(url)
    return fetch(url, method, headers, body)
  }
  return exchange
}

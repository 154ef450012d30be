/**
 * The loopback guard: every outgoing TCP/TLS connection of the process (undici, node:http, the
 * global `fetch`, CCXT's transport, the SDK's transport) goes through `net.Socket#connect`, which
 * is wrapped here to record the destination and to abort the whole benchmark if anything targets a
 * host other than the loopback interface. A second, URL-level check ({@link checkUrl}) is applied
 * to every URL CCXT builds.
 *
 * @since 0.1.0
 */
import * as Net from "node:net"

const loopbackHosts = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"])

/**
 * True for the loopback interface only.
 *
 * @since 0.1.0
 * @category guards
 */
export const isLoopback = (host: string): boolean => loopbackHosts.has(host.replace(/^\[|\]$/g, "").toLowerCase())

const connections = new Map<string, number>()
const urls = new Map<string, number>()
let installed = false

const abort = (what: string): never => {
  process.stderr.write(`\nABORT: the benchmark tried to reach ${what}, which is not 127.0.0.1. Nothing was sent.\n`)
  process.exit(3)
}

const describeTarget = (args: ReadonlyArray<unknown>): { readonly host: string; readonly port: string } | undefined => {
  const first = Array.isArray(args[0]) ? (args[0] as ReadonlyArray<unknown>)[0] : args[0]
  if (typeof first === "object" && first !== null) {
    const options = first as { readonly host?: unknown; readonly port?: unknown; readonly path?: unknown }
    if (typeof options.path === "string" && options.port === undefined) return undefined // unix socket / pipe
    return { host: typeof options.host === "string" ? options.host : "localhost", port: String(options.port) }
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return { host: typeof args[1] === "string" ? args[1] : "localhost", port: String(first) }
  }
  return undefined
}

/**
 * Wraps `net.Socket.prototype.connect` (idempotent). Any non-loopback destination ends the process
 * with exit code 3 before the socket is opened.
 *
 * @since 0.1.0
 * @category guards
 */
export const install = (): void => {
  if (installed) return
  installed = true
  const original = Net.Socket.prototype.connect
  const guarded = function(this: Net.Socket, ...args: Array<unknown>) {
    const target = describeTarget(args)
    if (target !== undefined) {
      if (!isLoopback(target.host)) abort(`${target.host}:${target.port}`)
      const key = `${target.host}:${target.port}`
      connections.set(key, (connections.get(key) ?? 0) + 1)
    }
    return (original as (...a: Array<unknown>) => Net.Socket).apply(this, args)
  }
  Net.Socket.prototype.connect = guarded as typeof Net.Socket.prototype.connect
}

/**
 * Checks (and records) one URL about to be requested; aborts on a non-loopback host.
 *
 * @since 0.1.0
 * @category guards
 */
export const checkUrl = (url: string): void => {
  const parsed = new URL(url)
  if (!isLoopback(parsed.hostname)) abort(parsed.host)
  urls.set(parsed.host, (urls.get(parsed.host) ?? 0) + 1)
}

/**
 * What was contacted so far: TCP connections opened per `host:port`, and URLs requested per host
 * (from the URL-level checks).
 *
 * @since 0.1.0
 * @category guards
 */
export const report = (): {
  readonly connections: ReadonlyArray<readonly [string, number]>
  readonly urls: ReadonlyArray<readonly [string, number]>
} => ({ connections: [...connections.entries()], urls: [...urls.entries()] })

/**
 * Total TCP connections opened so far (all destinations).
 *
 * @since 0.1.0
 * @category guards
 */
export const connectionCount = (): number => [...connections.values()].reduce((acc, n) => acc + n, 0)

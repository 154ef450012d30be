/**
 * CCXT's Backpack connector (`ccxt.pro.backpack`, pinned), `enableRateLimit: false`, every REST and
 * WebSocket URL pointed at the loopback server (checked). Markets are loaded once before timing,
 * as a CCXT program does.
 *
 * @since 0.1.0
 */
import ccxt from "ccxt"
import * as Canned from "../loopback/Canned.js"
import * as NetGuard from "../NetGuard.js"
import { type Client, type Endpoint, norm, type WatchOutcome } from "./Client.js"

type ProExchange = InstanceType<typeof ccxt.pro.backpack>

interface CcxtBook {
  readonly bids: ReadonlyArray<readonly [number, number]>
  readonly asks: ReadonlyArray<readonly [number, number]>
  readonly nonce?: number | undefined
}

const pointAt = (exchange: ProExchange, url: string, wsUrl: string) => {
  const api = exchange.urls["api"] as Record<string, unknown>
  for (const key of Object.keys(api)) {
    api[key] = key === "ws" ? { public: wsUrl, private: wsUrl } : url
  }
  const seen: Array<string> = []
  const collect = (v: unknown): void => {
    if (typeof v === "string") seen.push(v)
    else if (typeof v === "object" && v !== null) Object.values(v).forEach(collect)
  }
  collect(api)
  for (const u of seen) NetGuard.checkUrl(u)
  const fetch = exchange.fetch.bind(exchange)
  exchange.fetch = (u: string, method?: string, headers?: unknown, body?: unknown) => {
    NetGuard.checkUrl(u)
    return fetch(u, method, headers, body)
  }
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = async (endpoint: Endpoint, options: { readonly loadMarkets: boolean }): Promise<Client> => {
  const exchange = new ccxt.pro.backpack({
    apiKey: endpoint.apiKey,
    secret: endpoint.secret,
    enableRateLimit: false
  })
  pointAt(exchange, endpoint.url, endpoint.wsUrl)
  if (options.loadMarkets) await exchange.loadMarkets()

  const fixed = (x: number) => norm(x.toFixed(8))
  const watch = async (finals: Readonly<Record<string, string>>, onStart: () => void): Promise<WatchOutcome> => {
    const symbols = Object.keys(finals).map(Canned.unified)
    const target = new Map(Object.entries(finals).map(([s, u]) => [Canned.unified(s), Number(u)]))
    const books = exchange.orderbooks as unknown as Record<string, CcxtBook | undefined>
    const done = () => symbols.every((s) => books[s]?.nonce === target.get(s))
    let emitted = 0
    // CCXT opens ws:// (non-TLS) URLs only through its node:http agent, loaded on demand
    await exchange.loadHttpProxyAgent()
    onStart()
    while (true) {
      await exchange.watchOrderBookForSymbols(symbols)
      emitted++
      if (done()) break
    }
    const finalSeenAt = performance.timeOrigin + performance.now()
    const out: Record<string, string> = {}
    for (const [symbol] of Object.entries(finals)) {
      const book = books[Canned.unified(symbol)]!
      out[symbol] = Canned.canonical(
        book.bids.map(([p, q]) => [fixed(p), fixed(q)] as const),
        book.asks.map(([p, q]) => [fixed(p), fixed(q)] as const)
      )
    }
    return { finalSeenAt, emitted, books: out }
  }

  return {
    getDepth: () => exchange.fetchOrderBook("SOL/USDC"),
    summarizeDepth: (value) => {
      const book = value as CcxtBook
      const bid = book.bids[0]!
      const ask = book.asks[0]!
      return {
        bestBid: [fixed(bid[0]), fixed(bid[1])],
        bestAsk: [fixed(ask[0]), fixed(ask[1])],
        bids: book.bids.length,
        asks: book.asks.length
      }
    },
    executeOrder: () => exchange.createOrder("SOL/USDC", "limit", "buy", 1, 1, { postOnly: true }),
    summarizeOrder: (value) => {
      const order = value as { readonly id: string; readonly status: string; readonly price: number }
      return { id: order.id, status: order.status, price: fixed(order.price) }
    },
    watch,
    close: () => exchange.close()
  }
}

/**
 * The physical floor of Node here: hand-written undici requests + `JSON.parse`, `node:crypto`
 * Ed25519 with a cached key, and `ws` + `JSON.parse` + a `Map` book keyed by the price text.
 * No validation and no exact decimals: what any client has to pay at least.
 *
 * @since 0.1.0
 */
import * as Crypto from "node:crypto"
import { Agent, request } from "undici"
import WebSocket from "ws"
import * as Canned from "../loopback/Canned.js"
import { type Client, type Endpoint, norm, type WatchOutcome } from "./Client.js"

const pkcs8Prefix = Buffer.from("302e020100300506032b657004220420", "hex")

interface RawDepth {
  readonly asks: ReadonlyArray<readonly [string, string]>
  readonly bids: ReadonlyArray<readonly [string, string]>
  readonly lastUpdateId: string
}

interface RawDelta {
  readonly s: string
  readonly a: ReadonlyArray<readonly [string, string]>
  readonly b: ReadonlyArray<readonly [string, string]>
  readonly U: number
  readonly u: number
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = (endpoint: Endpoint): Client => {
  const dispatcher = new Agent({ keepAliveTimeout: 60_000 })
  const key = Crypto.createPrivateKey({
    key: Buffer.concat([pkcs8Prefix, Buffer.from(endpoint.secret, "base64")]),
    format: "der",
    type: "pkcs8"
  })
  const depthUrl = `${endpoint.url}/api/v1/depth?symbol=SOL_USDC`
  const orderUrl = `${endpoint.url}/api/v1/order`

  const getJson = async (url: string): Promise<unknown> => {
    const response = await request(url, { dispatcher })
    const text = await response.body.text()
    if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${text}`)
    return JSON.parse(text)
  }

  const executeOrder = async (): Promise<unknown> => {
    const timestamp = String(Date.now())
    const body = `{"symbol":"SOL_USDC","side":"Bid","orderType":"Limit","quantity":"1","price":"1.00","postOnly":true}`
    const message = "instruction=orderExecute&orderType=Limit&postOnly=true&price=1.00&quantity=1&side=Bid" +
      `&symbol=SOL_USDC&timestamp=${timestamp}&window=5000`
    const signature = Crypto.sign(null, Buffer.from(message), key).toString("base64")
    const response = await request(orderUrl, {
      dispatcher,
      method: "POST",
      headers: {
        "content-type": "application/json; charset=utf-8",
        "x-api-key": endpoint.apiKey,
        "x-signature": signature,
        "x-timestamp": timestamp,
        "x-window": "5000"
      },
      body
    })
    const text = await response.body.text()
    if (response.statusCode !== 200) throw new Error(`POST /api/v1/order: ${response.statusCode} ${text}`)
    return JSON.parse(text)
  }

  const watch = (finals: Readonly<Record<string, string>>, onStart: () => void): Promise<WatchOutcome> =>
    new Promise((resolve, reject) => {
      interface State {
        bids: Map<string, string>
        asks: Map<string, string>
        lastUpdateId: number
        live: boolean
        fetching: boolean
        buffer: Array<RawDelta>
        final: number
        done: boolean
      }
      const states = new Map<string, State>()
      for (const [symbol, final] of Object.entries(finals)) {
        states.set(symbol, {
          bids: new Map(),
          asks: new Map(),
          lastUpdateId: 0,
          live: false,
          fetching: false,
          buffer: [],
          final: Number(final),
          done: false
        })
      }
      let remaining = states.size
      let emitted = 0
      const apply = (state: State, delta: RawDelta) => {
        for (const [p, q] of delta.b) {
          if (Number(q) === 0) state.bids.delete(p)
          else state.bids.set(p, q)
        }
        for (const [p, q] of delta.a) {
          if (Number(q) === 0) state.asks.delete(p)
          else state.asks.set(p, q)
        }
        state.lastUpdateId = delta.u
        emitted++
      }
      const check = (state: State) => {
        if (!state.done && state.lastUpdateId === state.final) {
          state.done = true
          remaining--
          if (remaining === 0) finish()
        }
      }
      const ws = new WebSocket(endpoint.wsUrl, { perMessageDeflate: false })
      const finish = () => {
        const finalSeenAt = performance.timeOrigin + performance.now()
        const books: Record<string, string> = {}
        for (const [symbol, state] of states) {
          const sorted = (m: Map<string, string>, desc: boolean) =>
            [...m.entries()].sort((a, b) => desc ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0]))
          books[symbol] = Canned.canonical(sorted(state.bids, true), sorted(state.asks, false))
        }
        ws.close()
        resolve({ finalSeenAt, emitted, books })
      }
      const snapshot = (symbol: string, state: State) => {
        state.fetching = true
        getJson(`${endpoint.url}/api/v1/depth?symbol=${symbol}&limit=1000`).then((json) => {
          const depth = json as RawDepth
          const id = Number(depth.lastUpdateId)
          for (const [p, q] of depth.bids) state.bids.set(p, q)
          for (const [p, q] of depth.asks) state.asks.set(p, q)
          state.lastUpdateId = id
          state.live = true
          for (const delta of state.buffer) {
            if (delta.u <= id) continue
            if (delta.U !== state.lastUpdateId + 1) throw new Error(`raw: gap at ${delta.U}`)
            apply(state, delta)
          }
          state.buffer = []
          check(state)
        }).catch(reject)
      }
      ws.on("open", () => {
        onStart()
        ws.send(JSON.stringify({ method: "SUBSCRIBE", params: Object.keys(finals).map((s) => `depth.${s}`) }))
      })
      ws.on("error", reject)
      ws.on("message", (data) => {
        const frame = JSON.parse(String(data)) as { readonly data: RawDelta }
        const delta = frame.data
        const state = states.get(delta.s)
        if (state === undefined) return
        if (!state.live) {
          state.buffer.push(delta)
          if (!state.fetching) snapshot(delta.s, state)
          return
        }
        if (delta.u <= state.lastUpdateId) return
        if (delta.U !== state.lastUpdateId + 1) return reject(new Error(`raw: gap at ${delta.U}`))
        apply(state, delta)
        check(state)
      })
    })

  return {
    getDepth: () => getJson(depthUrl),
    summarizeDepth: (value) => {
      const depth = value as RawDepth
      // the wire sends both sides ascending: best bid is the last one, best ask the first
      const bid = depth.bids[depth.bids.length - 1]!
      const ask = depth.asks[0]!
      return {
        bestBid: [norm(bid[0]), norm(bid[1])],
        bestAsk: [norm(ask[0]), norm(ask[1])],
        bids: depth.bids.length,
        asks: depth.asks.length
      }
    },
    executeOrder,
    summarizeOrder: (value) => {
      const order = value as { readonly id: string; readonly status: string; readonly price: string }
      return { id: order.id, status: order.status, price: norm(order.price) }
    },
    watch,
    close: () => dispatcher.close()
  }
}

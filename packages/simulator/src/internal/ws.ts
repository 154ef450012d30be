/**
 * WebSocket API (§7): SUBSCRIBE/UNSUBSCRIBE, public and private streams, server pings, fault injection.
 *
 * @internal
 */
import type { IncomingMessage } from "node:http"
import type { Duplex } from "node:stream"
import { WebSocket, WebSocketServer } from "ws"
import * as Auth from "./auth.js"
import type { Controls } from "./controls.js"
import * as D from "./decimal.js"
import type { Account, Engine, EngineEvent, Market, Payload } from "./engine.js"
import { ApiFailure, naiveSeconds } from "./engine.js"
import { checkTimestamp } from "./http.js"
import { klineIntervals } from "./markets.js"

interface Connection {
  readonly id: number
  readonly ws: WebSocket
  readonly subs: Set<string>
  account: Account | undefined
  alive: boolean
  missedPongs: number
}

interface Aggregate {
  U: number | undefined
  u: number
  T: number
  readonly bids: Map<string, string>
  readonly asks: Map<string, string>
}

/** A running WebSocket hub attached to the HTTP server's `upgrade` event. */
export interface Hub {
  readonly handleUpgrade: (request: IncomingMessage, socket: Duplex, head: Buffer) => void
  readonly connections: () => ReadonlyArray<number>
  readonly disconnect: (id?: number) => number
  readonly sendMalformed: (id?: number) => number
  readonly close: () => Promise<void>
}

const AGGREGATIONS = ["200ms", "600ms", "1000ms"] as const
const PUBLIC_PREFIXES = ["bookTicker", "ticker", "trade", "markPrice", "openInterest"]

/** Error frame for an unknown stream (observed live). */
const invalidStream = (id: unknown) => ({ id: id ?? null, error: { code: 4006, message: "Invalid stream" } })

export const makeHub = (engine: Engine, controls: Controls, options: { readonly pingIntervalMs: number }): Hub => {
  const wss = new WebSocketServer({ noServer: true })
  const conns = new Map<number, Connection>()
  const aggregates = new Map<string, Aggregate>()
  const lastCandle = new Map<string, number>()
  let nextId = 1

  const micros = () => String(engine.micros())

  const rawSend = (c: Connection, text: string) => {
    if (c.ws.readyState !== WebSocket.OPEN) return
    if (controls.malformedFrames > 0) {
      controls.malformedFrames--
      c.ws.send(text.slice(0, Math.max(1, Math.floor(text.length / 2))))
      return
    }
    c.ws.send(text)
  }

  const send = (c: Connection, stream: string, data: Payload) => {
    rawSend(c, JSON.stringify({ stream, data: { ...data, E: micros() } }))
  }

  const publish = (stream: string, data: Payload, accountId?: number) => {
    for (const c of conns.values()) {
      if (!c.subs.has(stream)) continue
      if (accountId !== undefined && c.account?.id !== accountId) continue
      send(c, stream, data)
    }
  }

  const subscribed = (stream: string) => {
    for (const c of conns.values()) if (c.subs.has(stream)) return true
    return false
  }

  // -------------------------------------------------------------------------------------------------------------
  // payloads
  // -------------------------------------------------------------------------------------------------------------

  const tickerPayload = (m: Market): Payload | undefined => {
    const t = engine.ticker(m, 86_400_000)
    if (t === undefined) return undefined
    return {
      e: "ticker",
      E: 0,
      s: m.symbol,
      o: t.firstPrice,
      c: t.lastPrice,
      h: t.high,
      l: t.low,
      v: t.volume,
      V: t.quoteVolume,
      n: Number(t.trades)
    }
  }

  const markPayload = (m: Market): Payload => {
    const data: Payload = { e: "markPrice", E: 0, s: m.symbol, p: D.format(engine.markPrice(m), m.priceDp) }
    if (m.perp) {
      data.f = D.format(m.fundingRate)
      data.i = D.format(m.indexPrice, m.priceDp)
      data.n = m.nextFunding
    }
    data.T = micros()
    return data
  }

  const openInterestPayload = (m: Market): Payload => ({
    e: "openInterest",
    E: 0,
    s: m.symbol,
    o: D.format(engine.openInterest(m), m.qtyDp)
  })

  const bookTickerPayload = (m: Market): Payload => {
    const ask = m.asks[0]
    const bid = m.bids[0]
    return {
      e: "bookTicker",
      E: 0,
      s: m.symbol,
      a: ask === undefined ? null : D.format(ask.price, m.priceDp),
      A: ask === undefined ? null : D.format(engine.levelQuantity(ask), m.qtyDp),
      b: bid === undefined ? null : D.format(bid.price, m.priceDp),
      B: bid === undefined ? null : D.format(engine.levelQuantity(bid), m.qtyDp),
      u: m.seq,
      T: String(m.lastEngineMicros)
    }
  }

  const klinePayload = (m: Market, interval: string, start: number, closed: boolean): Payload | undefined => {
    const candle = engine.candles(m, interval, start, engine.candleEnd(interval, start))[0]
    if (candle === undefined) return undefined
    return {
      e: "kline",
      E: 0,
      s: m.symbol,
      t: naiveSeconds(candle.start),
      T: naiveSeconds(candle.end),
      o: D.format(candle.open, m.priceDp),
      c: D.format(candle.close, m.priceDp),
      h: D.format(candle.high, m.priceDp),
      l: D.format(candle.low, m.priceDp),
      v: D.format(candle.volume, m.qtyDp),
      n: candle.trades,
      X: closed
    }
  }

  const publishKlines = (m: Market) => {
    for (const interval of Object.keys(klineIntervals)) {
      const stream = `kline.${interval}.${m.symbol}`
      if (!subscribed(stream)) continue
      const start = engine.candleStart(interval, engine.now())
      const previous = lastCandle.get(stream)
      if (previous !== undefined && previous !== start) {
        const closed = klinePayload(m, interval, previous, true)
        if (closed !== undefined) publish(stream, closed)
      }
      lastCandle.set(stream, start)
      const current = klinePayload(m, interval, start, false)
      if (current !== undefined) publish(stream, current)
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // engine events
  // -------------------------------------------------------------------------------------------------------------

  /** A private event on its two streams, unless the fault controls drop or delay it. */
  const publishPrivate = (
    kind: string,
    event: { readonly accountId: number; readonly symbol: string; readonly data: Payload }
  ) => {
    if (controls.dropPrivateEvents > 0) {
      controls.dropPrivateEvents--
      return
    }
    const out = () => {
      publish(`account.${kind}`, event.data, event.accountId)
      publish(`account.${kind}.${event.symbol}`, event.data, event.accountId)
    }
    if (controls.privateDelayMs > 0) setTimeout(out, controls.privateDelayMs)
    else out()
  }

  const onEvent = (event: EngineEvent) => {
    switch (event._tag) {
      case "Depth": {
        const data: Payload = {
          e: "depth",
          E: 0,
          s: event.symbol,
          a: event.asks,
          b: event.bids,
          U: event.U,
          u: event.u,
          T: String(event.T)
        }
        publish(`depth.${event.symbol}`, data)
        for (const period of AGGREGATIONS) {
          const key = `depth.${period}.${event.symbol}`
          if (!subscribed(key)) continue
          let agg = aggregates.get(key)
          if (agg === undefined) {
            agg = { U: undefined, u: 0, T: 0, bids: new Map(), asks: new Map() }
            aggregates.set(key, agg)
          }
          agg.U ??= event.U
          agg.u = event.u
          agg.T = event.T
          for (const [p, q] of event.bids) agg.bids.set(p, q)
          for (const [p, q] of event.asks) agg.asks.set(p, q)
        }
        const m = engine.markets.get(event.symbol)!
        if (subscribed(`bookTicker.${event.symbol}`)) publish(`bookTicker.${event.symbol}`, bookTickerPayload(m))
        return
      }
      case "Trade": {
        const t = event.trade
        publish(`trade.${event.symbol}`, {
          e: "trade",
          E: 0,
          s: event.symbol,
          p: D.format(t.price, engine.markets.get(event.symbol)!.priceDp),
          q: D.format(t.quantity, engine.markets.get(event.symbol)!.qtyDp),
          b: t.buyerOrderId,
          a: t.sellerOrderId,
          t: t.id,
          T: String(t.micros),
          m: t.isBuyerMaker
        })
        const m = engine.markets.get(event.symbol)!
        if (subscribed(`ticker.${m.symbol}`)) {
          const p = tickerPayload(m)
          if (p !== undefined) publish(`ticker.${m.symbol}`, p)
        }
        if (m.perp && subscribed(`openInterest.${m.symbol}`)) {
          publish(`openInterest.${m.symbol}`, openInterestPayload(m))
        }
        publishKlines(m)
        return
      }
      case "OrderUpdate":
        return publishPrivate("orderUpdate", event)
      case "PositionUpdate":
        return publishPrivate("positionUpdate", event)
      case "MarkPrice": {
        const m = engine.markets.get(event.symbol)!
        if (subscribed(`markPrice.${m.symbol}`)) publish(`markPrice.${m.symbol}`, markPayload(m))
        return
      }
      case "Liquidation":
        publish("liquidation", event.data)
        return
    }
  }
  engine.listeners.add(onEvent)

  const timers: Array<ReturnType<typeof setInterval>> = []
  for (const period of AGGREGATIONS) {
    timers.push(setInterval(() => {
      for (const [key, agg] of aggregates) {
        if (!key.startsWith(`depth.${period}.`) || agg.U === undefined) continue
        const symbol = key.slice(`depth.${period}.`.length)
        const sortDesc = (a: [string, string], b: [string, string]) => (D.parse(b[0])! > D.parse(a[0])! ? 1 : -1)
        publish(key, {
          e: "depth",
          E: 0,
          s: symbol,
          a: [...agg.asks].sort((x, y) => -sortDesc(x, y)),
          b: [...agg.bids].sort(sortDesc),
          U: agg.U,
          u: agg.u,
          T: String(agg.T)
        })
        agg.U = undefined
        agg.bids.clear()
        agg.asks.clear()
      }
    }, Number.parseInt(period, 10)))
  }
  // ticker and mark price are pushed every second, like the live service
  timers.push(setInterval(() => {
    for (const m of engine.markets.values()) {
      if (subscribed(`ticker.${m.symbol}`)) {
        const p = tickerPayload(m)
        if (p !== undefined) publish(`ticker.${m.symbol}`, p)
      }
      if (subscribed(`markPrice.${m.symbol}`)) publish(`markPrice.${m.symbol}`, markPayload(m))
    }
  }, 1000))
  timers.push(setInterval(() => {
    for (const c of conns.values()) {
      if (!c.alive) {
        c.missedPongs++
        if (c.missedPongs >= 2) {
          c.ws.close(1000, "pong timeout")
          continue
        }
      }
      c.alive = false
      try {
        c.ws.ping()
      } catch {
        // socket closing
      }
    }
  }, options.pingIntervalMs))

  // -------------------------------------------------------------------------------------------------------------
  // client messages
  // -------------------------------------------------------------------------------------------------------------

  const validStream = (stream: string): boolean => {
    if (stream === "liquidation") return true
    const parts = stream.split(".")
    const known = (s: string | undefined) => s !== undefined && engine.markets.has(s)
    if (parts[0] === "account") {
      if (!["orderUpdate", "positionUpdate", "rfqUpdate"].includes(parts[1] ?? "")) return false
      return parts.length === 2 || (parts.length === 3 && known(parts[2]))
    }
    if (parts[0] === "depth") {
      if (parts.length === 2) return known(parts[1])
      return parts.length === 3 && (AGGREGATIONS as ReadonlyArray<string>).includes(parts[1]!) && known(parts[2])
    }
    if (parts[0] === "kline") return parts.length === 3 && parts[1]! in klineIntervals && known(parts[2])
    return parts.length === 2 && PUBLIC_PREFIXES.includes(parts[0]!) && known(parts[1])
  }

  const authError = (id: unknown, message: string) => ({ id: id ?? null, error: { code: 4003, message } })

  const verifySignature = (c: Connection, signature: unknown): string | undefined => {
    if (!Array.isArray(signature) || signature.length < 3) return "Signature required for private streams"
    const [apiKey, sig, timestamp, window = "5000"] = signature.map((v) => String(v))
    try {
      checkTimestamp(engine, controls, timestamp!, window)
    } catch (e) {
      return e instanceof ApiFailure ? e.message : "Invalid timestamp"
    }
    const account = engine.accountsByKey.get(apiKey!)
    if (account === undefined || account.internal) return "Invalid API key"
    if (!Auth.verify(sig!, `instruction=subscribe&timestamp=${timestamp}&window=${window}`, account.publicKey)) {
      return "Invalid signature"
    }
    c.account = account
    return undefined
  }

  const onSubscribe = (c: Connection, stream: string) => {
    if (c.subs.has(stream)) return
    c.subs.add(stream)
    const parts = stream.split(".")
    const m = engine.markets.get(parts[parts.length - 1]!)
    if (parts[0] === "account" && parts[1] === "positionUpdate" && c.account !== undefined) {
      for (const market of engine.markets.values()) {
        if (!market.perp || (m !== undefined && market !== m)) continue
        const pos = c.account.positions.get(market.symbol)
        if (pos !== undefined && pos.netQuantity !== 0n) {
          send(c, stream, engine.positionPayload(c.account, market))
        }
      }
      return
    }
    if (m === undefined) return
    if (parts[0] === "bookTicker") send(c, stream, bookTickerPayload(m))
    if (parts[0] === "markPrice") send(c, stream, markPayload(m))
    if (parts[0] === "openInterest" && m.perp) send(c, stream, openInterestPayload(m))
    if (parts[0] === "ticker") {
      const p = tickerPayload(m)
      if (p !== undefined) send(c, stream, p)
    }
  }

  const onMessage = (c: Connection, raw: string) => {
    let msg: { method?: unknown; params?: unknown; signature?: unknown; id?: unknown }
    try {
      msg = JSON.parse(raw)
    } catch {
      c.ws.send(JSON.stringify({ id: null, error: { code: 4000, message: "Invalid message" } }))
      return
    }
    const method = typeof msg.method === "string" ? msg.method.toUpperCase() : ""
    const params = Array.isArray(msg.params) ? msg.params.filter((p): p is string => typeof p === "string") : []
    if ((method !== "SUBSCRIBE" && method !== "UNSUBSCRIBE") || params.length === 0) {
      c.ws.send(JSON.stringify({ id: msg.id ?? null, error: { code: 4000, message: "Invalid message" } }))
      return
    }
    if (method === "UNSUBSCRIBE") {
      for (const p of params) c.subs.delete(p)
      return
    }
    const valid = params.filter(validStream)
    if (valid.length < params.length) c.ws.send(JSON.stringify(invalidStream(msg.id)))
    const privateStreams = valid.filter((s) => s.startsWith("account."))
    if (privateStreams.length > 0) {
      const problem = verifySignature(c, msg.signature)
      if (problem !== undefined) {
        c.ws.send(JSON.stringify(authError(msg.id, problem)))
        for (const s of valid) if (!s.startsWith("account.")) onSubscribe(c, s)
        return
      }
    }
    for (const s of valid) onSubscribe(c, s)
  }

  return {
    handleUpgrade: (request, socket, head) => {
      const path = (request.url ?? "/").split("?")[0]
      if (path !== "/" && path !== "") {
        socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return
      }
      wss.handleUpgrade(request, socket, head, (ws) => {
        const c: Connection = { id: nextId++, ws, subs: new Set(), account: undefined, alive: true, missedPongs: 0 }
        conns.set(c.id, c)
        ws.on("pong", () => {
          c.alive = true
          c.missedPongs = 0
        })
        ws.on("message", (data, isBinary) => {
          if (isBinary) return
          onMessage(c, data.toString())
        })
        ws.on("close", () => conns.delete(c.id))
        ws.on("error", () => conns.delete(c.id))
      })
    },
    connections: () => [...conns.keys()],
    disconnect: (id) => {
      let n = 0
      for (const c of [...conns.values()]) {
        if (id !== undefined && c.id !== id) continue
        c.ws.terminate()
        conns.delete(c.id)
        n++
      }
      return n
    },
    sendMalformed: (id) => {
      let n = 0
      for (const c of conns.values()) {
        if (id !== undefined && c.id !== id) continue
        if (c.ws.readyState === WebSocket.OPEN) {
          c.ws.send("{\"stream\":\"depth.SOL_USDC\",\"data\":{\"e\":\"depth\",")
          n++
        }
      }
      return n
    },
    close: () =>
      new Promise<void>((resolve) => {
        engine.listeners.delete(onEvent)
        for (const t of timers) clearInterval(t)
        for (const c of conns.values()) c.ws.terminate()
        conns.clear()
        wss.close(() => resolve())
      })
  }
}

/**
 * WebSocket API (§7): connections, SUBSCRIBE/UNSUBSCRIBE, public and private streams fed by the engine's event
 * bus, server pings, fault injection.
 *
 * @internal
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { IncomingMessage } from "node:http"
import type { Duplex } from "node:stream"
import { WebSocket, WebSocketServer } from "ws"
import * as Auth from "../auth.js"
import type { Controls } from "../controls.js"
import { originAllowed } from "../controls.js"
import * as D from "../decimal.js"
import type { Engine } from "../engine/engine.js"
import type { EventOf } from "../engine/events.js"
import * as MarketData from "../engine/marketData.js"
import type { Account, Market } from "../engine/model.js"
import { ApiFailure } from "../engine/model.js"
import { openInterest } from "../engine/perps.js"
import { checkTimestamp } from "../http/authenticate.js"
import { klineIntervals } from "../markets.js"
import { stringifyFrame } from "../rfq.js"
import type { Payload } from "../wire.js"
import * as Wire from "../wire.js"
import { AGGREGATIONS, isPrivateStream, isValidStream } from "./streams.js"

/**
 * A client frame at the edge: `{"method":"SUBSCRIBE"|"UNSUBSCRIBE" (any case),"params":[stream, ...],
 * "signature"?:[key, signature, timestamp, window?],"id"?}`. The signature's shape and value are checked with
 * the subscription's authentication (its own error texts); anything else malformed is "Invalid message".
 */
const ClientMessage = Schema.Struct({
  method: Schema.transform(Schema.String, Schema.Literal("SUBSCRIBE", "UNSUBSCRIBE"), {
    strict: false,
    decode: (method) => method.toUpperCase(),
    encode: (method) => method
  }),
  params: Schema.NonEmptyArray(Schema.String),
  signature: Schema.optional(Schema.Unknown),
  id: Schema.optional(Schema.Unknown)
})

const decodeClientMessage = Schema.decodeUnknownEither(ClientMessage)

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

/** Error frame for an unknown stream (observed live). */
const invalidStream = (id: unknown) => ({ id: id ?? null, error: { code: 4006, message: "Invalid stream" } })

export const makeHub = (engine: Engine, controls: Controls, options: { readonly pingIntervalMs: number }): Hub => {
  const limits = controls.limits
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes })
  const conns = new Map<number, Connection>()
  const aggregates = new Map<string, Aggregate>()
  const lastCandle = new Map<string, number>()
  let nextId = 1

  const micros = () => String(engine.micros())

  /** Runs a callback of the hub; a defect is logged and never reaches the process. */
  const guarded = (where: string, f: () => void) => {
    try {
      f()
    } catch (e) {
      console.error(`[simulator] defect in ${where}:`, e)
    }
  }

  /**
   * Drops a slow consumer: a connection with more than `maxBufferedBytes` queued is terminated (no close frame,
   * which would only queue behind the unsent data), like the live service disconnects clients that do not read.
   */
  const overflowing = (c: Connection): boolean => {
    if (c.ws.bufferedAmount <= limits.maxBufferedBytes) return false
    c.ws.terminate()
    conns.delete(c.id)
    return true
  }

  const rawSend = (c: Connection, text: string) => {
    if (c.ws.readyState !== WebSocket.OPEN || overflowing(c)) return
    if (controls.malformedFrames > 0) {
      controls.malformedFrames--
      c.ws.send(text.slice(0, Math.max(1, Math.floor(text.length / 2))))
      return
    }
    c.ws.send(text)
  }

  const send = (c: Connection, stream: string, data: Payload) => {
    rawSend(c, stringifyFrame({ stream, data: { ...data, E: micros() } }))
  }

  const publish = (stream: string, data: Payload, accountId?: number) => {
    for (const c of [...conns.values()]) {
      if (!c.subs.has(stream)) continue
      if (accountId !== undefined && c.account?.id !== accountId) continue
      send(c, stream, data)
    }
  }

  const subscribed = (stream: string) => {
    for (const c of conns.values()) if (c.subs.has(stream)) return true
    return false
  }

  const subscribedAs = (accountId: number, streams: ReadonlyArray<string>) => {
    for (const c of conns.values()) {
      if (c.account?.id !== accountId) continue
      for (const s of streams) if (c.subs.has(s)) return true
    }
    return false
  }

  // -------------------------------------------------------------------------------------------------------------
  // payloads
  // -------------------------------------------------------------------------------------------------------------

  const tickerPayload = (m: Market): Payload | undefined => {
    const t = MarketData.ticker(engine, m, 86_400_000)
    return t === undefined ? undefined : Wire.tickerFrame(m, t)
  }

  const klinePayload = (m: Market, interval: string, start: number, closed: boolean): Payload | undefined => {
    const latest = MarketData.latestCandle(m, interval)
    const candle = latest !== undefined && latest.start === start ?
      latest :
      MarketData.candles(m, interval, start, MarketData.candleEnd(interval, start))[0]
    return candle === undefined ? undefined : Wire.klineFrame(m, candle, closed)
  }

  const publishKlines = (m: Market) => {
    for (const interval of Object.keys(klineIntervals)) {
      const stream = `kline.${interval}.${m.symbol}`
      if (!subscribed(stream)) continue
      const start = MarketData.candleStart(interval, engine.now())
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

  const onBookChanged = (event: EventOf<"BookChanged">) => {
    const m = event.market
    publish(`depth.${m.symbol}`, Wire.depthFrame(m, event))
    for (const period of AGGREGATIONS) {
      const key = `depth.${period}.${m.symbol}`
      if (!subscribed(key)) continue
      let agg = aggregates.get(key)
      if (agg === undefined) {
        agg = { U: undefined, u: 0, T: 0, bids: new Map(), asks: new Map() }
        aggregates.set(key, agg)
      }
      agg.U ??= event.U
      agg.u = event.u
      agg.T = event.T
      for (const l of event.bids) agg.bids.set(...Wire.depthRow(m, l))
      for (const l of event.asks) agg.asks.set(...Wire.depthRow(m, l))
    }
    if (subscribed(`bookTicker.${m.symbol}`)) publish(`bookTicker.${m.symbol}`, Wire.bookTickerFrame(m))
  }

  const onTradePrinted = (event: EventOf<"TradePrinted">) => {
    const m = event.market
    publish(`trade.${m.symbol}`, Wire.tradeFrame(m, event.trade))
    if (subscribed(`ticker.${m.symbol}`)) {
      const p = tickerPayload(m)
      if (p !== undefined) publish(`ticker.${m.symbol}`, p)
    }
    if (m.perp && subscribed(`openInterest.${m.symbol}`)) {
      publish(`openInterest.${m.symbol}`, Wire.openInterestFrame(m, openInterest(m)))
    }
    publishKlines(m)
  }

  /**
   * A private event on its streams, unless the fault controls lose it (`dropPrivateEvents`) or hold it back
   * (`privateDelayMs`, delivered later in the same order).
   */
  const publishPrivate = (streams: ReadonlyArray<string>, data: Payload, accountId: number) => {
    if (controls.dropPrivateEvents > 0) {
      controls.dropPrivateEvents--
      return
    }
    const out = () => {
      for (const s of streams) publish(s, data, accountId)
    }
    if (controls.privateDelayMs > 0) setTimeout(() => guarded("a delayed private event", out), controls.privateDelayMs)
    else out()
  }

  const onOrderUpdated = (event: EventOf<"OrderUpdated">) => {
    // internal market makers cannot authenticate, so nobody can subscribe to their updates
    const { account, order } = event
    if (account.internal) return
    const streams = ["account.orderUpdate", `account.orderUpdate.${order.symbol}`]
    if (!subscribedAs(account.id, streams)) return
    const m = engine.markets.get(order.symbol)!
    const data = Wire.orderUpdateFrame(m, order, event.kind, event.fill, engine.micros())
    publishPrivate(streams, data, account.id)
  }

  const onPositionChanged = (event: EventOf<"PositionChanged">) => {
    const { account, market } = event
    if (account.internal) return
    const streams = ["account.positionUpdate", `account.positionUpdate.${market.symbol}`]
    if (!subscribedAs(account.id, streams)) return
    const data = Wire.positionFrame(account, market, event.kind, engine.micros())
    publishPrivate(streams, data, account.id)
  }

  const onPriceChanged = (event: EventOf<"PriceChanged">) => {
    const m = event.market
    if (subscribed(`markPrice.${m.symbol}`)) publish(`markPrice.${m.symbol}`, Wire.markPriceFrame(m, engine.micros()))
  }

  const onLiquidation = (event: EventOf<"Liquidation">) => {
    publish("liquidation", Wire.liquidationFrame(event.market, event.side, event.price, event.quantity, event.T))
  }

  const onPrivateFrame = (stream: string) => (event: EventOf<"ConditionalUpdated" | "RfqUpdated">) => {
    if (event.account.internal) return
    const streams = [stream, `${stream}.${event.symbol}`]
    if (!subscribedAs(event.account.id, streams)) return
    publishPrivate(streams, event.data, event.account.id)
  }

  const unsubscribers = [
    engine.bus.on("BookChanged", onBookChanged),
    engine.bus.on("TradePrinted", onTradePrinted),
    engine.bus.on("OrderUpdated", onOrderUpdated),
    engine.bus.on("PositionChanged", onPositionChanged),
    engine.bus.on("PriceChanged", onPriceChanged),
    engine.bus.on("Liquidation", onLiquidation),
    engine.bus.on("ConditionalUpdated", onPrivateFrame("account.orderUpdate")),
    engine.bus.on("RfqUpdated", onPrivateFrame("account.rfqUpdate"))
  ]

  const timers: Array<ReturnType<typeof setInterval>> = []
  for (const period of AGGREGATIONS) {
    timers.push(setInterval(() =>
      guarded("the depth aggregation timer", () => {
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
      }), Number.parseInt(period, 10)))
  }
  // ticker and mark price are pushed every second, like the live service
  timers.push(setInterval(() =>
    guarded("the ticker timer", () => {
      for (const m of engine.markets.values()) {
        if (subscribed(`ticker.${m.symbol}`)) {
          const p = tickerPayload(m)
          if (p !== undefined) publish(`ticker.${m.symbol}`, p)
        }
        if (subscribed(`markPrice.${m.symbol}`)) {
          publish(`markPrice.${m.symbol}`, Wire.markPriceFrame(m, engine.micros()))
        }
      }
    }), 1000))
  timers.push(setInterval(() =>
    guarded("the ping timer", () => {
      for (const c of [...conns.values()]) {
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
    }), options.pingIntervalMs))

  // -------------------------------------------------------------------------------------------------------------
  // client messages
  // -------------------------------------------------------------------------------------------------------------

  const authError = (id: unknown, message: string) => ({ id: id ?? null, error: { code: 4003, message } })
  const errorFrame = (id: unknown, code: number, message: string) => JSON.stringify({ id, error: { code, message } })
  const reply = (c: Connection, frame: string) => {
    if (c.ws.readyState === WebSocket.OPEN && !overflowing(c)) c.ws.send(frame)
  }

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
          send(c, stream, Wire.positionFrame(c.account, market, undefined, engine.micros()))
        }
      }
      return
    }
    if (m === undefined) return
    if (parts[0] === "bookTicker") send(c, stream, Wire.bookTickerFrame(m))
    if (parts[0] === "markPrice") send(c, stream, Wire.markPriceFrame(m, engine.micros()))
    if (parts[0] === "openInterest" && m.perp) send(c, stream, Wire.openInterestFrame(m, openInterest(m)))
    if (parts[0] === "ticker") {
      const p = tickerPayload(m)
      if (p !== undefined) send(c, stream, p)
    }
  }

  /** Handles one client text frame (decoded with {@link ClientMessage}); every malformed frame gets an error frame. */
  const onMessage = (c: Connection, raw: string) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(raw)
    } catch {
      return reply(c, errorFrame(null, 4000, "Invalid message"))
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return reply(c, errorFrame(null, 4000, "Invalid message"))
    }
    const rawId = (parsed as { readonly id?: unknown }).id
    // only a number or a string is echoed back as the request id
    const id = typeof rawId === "number" || typeof rawId === "string" ? rawId : null
    const decoded = decodeClientMessage(parsed)
    if (Either.isLeft(decoded)) return reply(c, errorFrame(id, 4000, "Invalid message"))
    const { method, params, signature } = decoded.right
    if (method === "UNSUBSCRIBE") {
      for (const p of params) c.subs.delete(p)
      return
    }
    const valid = params.filter((s) => isValidStream(engine, s))
    if (valid.length < params.length) reply(c, JSON.stringify(invalidStream(id)))
    const fresh = new Set(valid.filter((s) => !c.subs.has(s)))
    if (c.subs.size + fresh.size > limits.maxSubscriptions) {
      return reply(
        c,
        errorFrame(id, 4005, `Too many subscriptions (at most ${limits.maxSubscriptions} per connection)`)
      )
    }
    const privateStreams = valid.filter(isPrivateStream)
    if (privateStreams.length > 0) {
      const problem = verifySignature(c, signature)
      if (problem !== undefined) {
        reply(c, JSON.stringify(authError(id, problem)))
        for (const s of valid) if (!isPrivateStream(s)) onSubscribe(c, s)
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
      // a browser page from another origin may not stream the user's account (Node clients send no Origin)
      if (!originAllowed(controls.access, request.headers.origin)) {
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
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
          if (isBinary) return reply(c, errorFrame(null, 4000, "Invalid message"))
          guarded("a WebSocket message handler", () => {
            try {
              onMessage(c, data.toString())
            } catch (e) {
              reply(c, errorFrame(null, 5000, "Internal error"))
              throw e
            }
          })
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
        for (const unsubscribe of unsubscribers) unsubscribe()
        for (const t of timers) clearInterval(t)
        for (const c of conns.values()) c.ws.terminate()
        conns.clear()
        wss.close(() => resolve())
      })
  }
}

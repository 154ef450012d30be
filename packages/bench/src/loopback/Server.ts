/**
 * A minimal, fast Backpack server on 127.0.0.1 (port 0) for the client-side benchmark: it does as
 * little as possible per request so the clients' own costs dominate the timings.
 *
 * - `GET /api/v1/markets`, `GET /api/v1/assets`: canned answers (64 spot markets).
 * - `GET /api/v1/depth`: a canned 1000+1000-level book, or, for a symbol of the running stream
 *   session, the live book at its current update id (always the whole book: `limit` is ignored so
 *   every client's book can be compared with the server's level by level).
 * - `POST /api/v1/order`: checks the signed headers, verifies the Ed25519 signature of every
 *   `verifyEvery`-th request (and of the first ones) with `node:crypto`, answers a canned resting order.
 * - WebSocket `/`: `SUBSCRIBE` to `depth.<symbol>`; once every symbol of the session is subscribed on
 *   a connection, sends the session's deltas (one level each, round robin over the symbols) as fast
 *   as the socket takes them (waits for `drain` above a high-water mark). After the first 16 deltas
 *   of each symbol it waits (at most 5 s) until the client fetched each symbol's snapshot: on a live
 *   market deltas keep coming after a snapshot, and a finite session must not end before it.
 * - `POST /bench/session` configures the next stream session (symbols, levels, deltas) and resets
 *   the counters; `GET /bench/stats` returns them; `GET /bench/book?symbol=` the server's book
 *   (canonical text) with its update id, to check a client's final book.
 *
 * @since 0.1.0
 */
import * as Crypto from "node:crypto"
import * as Http from "node:http"
import type * as Net from "node:net"
import type { AddressInfo } from "node:net"
import { performance } from "node:perf_hooks"
import { WebSocketServer } from "ws"
import type { WebSocket } from "ws"
import * as Canned from "./Canned.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface SessionConfig {
  readonly symbols: ReadonlyArray<string>
  readonly levels: number
  readonly deltas: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Stats {
  readonly orders: number
  readonly verified: number
  readonly rejected: number
  readonly sent: number
  /** Wall time (ms since the epoch, sub-ms) when the last delta was handed to the socket. */
  readonly lastSentAt: number
  readonly sessionDone: boolean
}

/** Wall-clock ms with sub-ms resolution, comparable across processes of one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now()

/** Deltas sent per symbol before waiting for the clients' snapshots (CCXT asks after 10). */
const leadDeltas = 16

const ed25519SpkiPrefix = Buffer.from("302a300506032b6570032100", "hex")

const signingString = (instruction: string, body: Record<string, unknown>, timestamp: string, window: string) => {
  const pairs = Object.keys(body).sort().map((k) => `${k}=${String(body[k])}`)
  return [`instruction=${instruction}`, ...pairs, `timestamp=${timestamp}`, `window=${window}`].join("&")
}

interface Session {
  readonly config: SessionConfig
  readonly books: Map<string, Canned.LevelBook>
  readonly updateIds: Map<string, number>
  started: boolean
  done: boolean
  /** Symbols whose depth snapshot was served during this session. */
  readonly snapshotted: Set<string>
  onSnapshot: () => void
}

/**
 * Starts the server; resolves with its port and a close function.
 *
 * @since 0.1.0
 * @category constructors
 */
export const start = async (options: {
  /** Base64 raw 32-byte Ed25519 public key the order signatures must verify against. */
  readonly apiKey: string
  /** Verify one signature in this many (the first 32 are always verified). */
  readonly verifyEvery: number
}): Promise<{ readonly port: number; readonly close: () => Promise<void> }> => {
  const publicKey = Crypto.createPublicKey({
    key: Buffer.concat([ed25519SpkiPrefix, Buffer.from(options.apiKey, "base64")]),
    format: "der",
    type: "spki"
  })
  const cannedBook = Canned.initialBook(1000, 1)
  const cannedDepth = Canned.depthJson(cannedBook, Canned.firstUpdateId, 1_753_000_000_000_000)
  let session: Session | undefined
  let stats = { orders: 0, verified: 0, rejected: 0, sent: 0, lastSentAt: 0 }
  let nextOrderId = 114_000_000_000_000_000n

  const send = (res: Http.ServerResponse, status: number, body: string) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    res.end(body)
  }

  const readBody = (req: Http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
      req.on("error", reject)
    })

  const placeOrder = (req: Http.IncomingMessage, text: string): [number, string] => {
    const key = req.headers["x-api-key"]
    const signature = req.headers["x-signature"]
    const timestamp = req.headers["x-timestamp"]
    const window = req.headers["x-window"] ?? "5000"
    if (key !== options.apiKey || typeof signature !== "string" || typeof timestamp !== "string") {
      stats.rejected++
      return [401, `{"code":"UNAUTHORIZED","message":"missing or wrong signed headers"}`]
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(text) as Record<string, unknown>
    } catch {
      return [400, `{"code":"INVALID_CLIENT_REQUEST","message":"body is not JSON"}`]
    }
    stats.orders++
    if (stats.orders <= 32 || stats.orders % options.verifyEvery === 0) {
      const message = signingString("orderExecute", body, timestamp, String(window))
      const ok = Crypto.verify(null, Buffer.from(message), publicKey, Buffer.from(signature, "base64"))
      if (!ok) {
        stats.rejected++
        return [401, `{"code":"INVALID_SIGNATURE","message":"signature does not verify"}`]
      }
      stats.verified++
    }
    nextOrderId++
    return [200, Canned.orderJson(String(nextOrderId), body, Date.now())]
  }

  const server = Http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const route = `${req.method} ${url.pathname}`
    switch (route) {
      case "GET /api/v1/markets":
        return send(res, 200, Canned.marketsJson)
      case "GET /api/v1/assets":
        return send(res, 200, Canned.assetsJson)
      case "GET /api/v1/depth": {
        const symbol = url.searchParams.get("symbol") ?? ""
        const book = session?.books.get(symbol)
        if (session !== undefined && book !== undefined) {
          session.snapshotted.add(symbol)
          session.onSnapshot()
          return send(res, 200, Canned.depthJson(book, session.updateIds.get(symbol)!, Math.round(wallNow() * 1000)))
        }
        return send(res, 200, cannedDepth)
      }
      case "POST /api/v1/order":
        return void readBody(req).then((text) => {
          const [status, body] = placeOrder(req, text)
          send(res, status, body)
        })
      case "POST /bench/session":
        return void readBody(req).then((text) => {
          const config = (text === "" ? { symbols: [], levels: 0, deltas: 0 } : JSON.parse(text)) as SessionConfig
          stats = { orders: 0, verified: 0, rejected: 0, sent: 0, lastSentAt: 0 }
          const books = new Map<string, Canned.LevelBook>()
          const updateIds = new Map<string, number>()
          config.symbols.forEach((symbol, i) => {
            books.set(symbol, Canned.initialBook(config.levels, 100 + i))
            updateIds.set(symbol, Canned.firstUpdateId)
          })
          session = {
            config,
            books,
            updateIds,
            started: false,
            done: false,
            snapshotted: new Set(),
            onSnapshot: () => {}
          }
          const final: Record<string, string> = {}
          const k = config.symbols.length
          config.symbols.forEach((symbol, i) => {
            final[symbol] = String(
              Canned.firstUpdateId + Math.floor(config.deltas / k) + (i < config.deltas % k ? 1 : 0)
            )
          })
          send(res, 200, JSON.stringify({ final }))
        })
      case "GET /bench/stats":
        return send(res, 200, JSON.stringify({ ...stats, sessionDone: session?.done ?? false } satisfies Stats))
      case "GET /bench/book": {
        const symbol = url.searchParams.get("symbol") ?? ""
        const book = session?.books.get(symbol)
        if (session === undefined || book === undefined) return send(res, 404, `{"code":"NOT_FOUND"}`)
        return send(
          res,
          200,
          JSON.stringify({ lastUpdateId: String(session.updateIds.get(symbol)), book: Canned.canonicalOf(book) })
        )
      }
      default:
        return send(res, 404, `{"code":"NOT_FOUND","message":"${route.replace(/"/g, "")}"}`)
    }
  })

  const wss = new WebSocketServer({ server, perMessageDeflate: false })
  wss.on("connection", (ws: WebSocket) => {
    const subscribed = new Set<string>()
    ws.on("message", (data) => {
      let message: { readonly method?: unknown; readonly params?: unknown }
      try {
        message = JSON.parse(String(data)) as typeof message
      } catch {
        return ws.send(`{"error":{"code":4000,"message":"malformed"}}`)
      }
      if (message.method !== "SUBSCRIBE" || !Array.isArray(message.params)) return
      for (const name of message.params) if (typeof name === "string") subscribed.add(name)
      const current = session
      if (
        current !== undefined && !current.started && current.config.symbols.length > 0 &&
        current.config.symbols.every((s) => subscribed.has(`depth.${s}`))
      ) {
        current.started = true
        void pump(ws, current)
      }
    })
  })

  /**
   * Waits until every symbol's snapshot was served (at most 5 s): a live market keeps sending
   * deltas after a client's snapshot, so the session's end never races ahead of it.
   */
  const snapshotsServed = (current: Session) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (current.config.symbols.every((s) => current.snapshotted.has(s))) {
          clearTimeout(timer)
          resolve()
        }
      }
      const timer = setTimeout(resolve, 5000)
      current.onSnapshot = check
      check()
    })

  /** Sends the session's deltas as fast as the socket takes them. */
  const pump = async (ws: WebSocket, current: Session) => {
    const { symbols, deltas } = current.config
    const priceRange = Math.max(1, Math.round(current.config.levels / 0.8))
    const random = Canned.prng(7)
    const socket = (ws as unknown as { readonly _socket: Net.Socket })._socket
    const highWater = 1 << 20
    const opening = leadDeltas * symbols.length
    for (let i = 0; i < deltas; i++) {
      if (ws.readyState !== ws.OPEN) return
      if (i === opening) {
        socket.uncork()
        await snapshotsServed(current)
        socket.cork()
      }
      if ((i & 255) === 0) {
        // frames go out in corked batches of 256 (one writev instead of one write per frame)
        if (i > 0) socket.uncork()
        if (ws.bufferedAmount > highWater || socket.writableLength > highWater) {
          await new Promise<void>((resolve) => socket.once("drain", () => resolve()))
        } else if ((i & 1023) === 0) {
          await new Promise<void>((resolve) => setImmediate(resolve))
        }
        if (ws.readyState !== ws.OPEN) return
        socket.cork()
      }
      const symbol = symbols[i % symbols.length]!
      const book = current.books.get(symbol)!
      const u = current.updateIds.get(symbol)! + 1
      current.updateIds.set(symbol, u)
      const bid = random() < 0.5
      const offset = 1 + Math.floor(random() * priceRange)
      const price = bid ? Canned.midTick - offset : Canned.midTick + offset
      const quantity = random() < 0.2 ? 0 : Canned.randomQuantity(random)
      const side = bid ? book.bids : book.asks
      if (quantity === 0) side.delete(price)
      else side.set(price, quantity)
      const level = `[["${Canned.ticks(price)}","${Canned.ticks(quantity)}"]]`
      const now = Math.round(wallNow() * 1000)
      ws.send(
        `{"stream":"depth.${symbol}","data":{"e":"depth","E":"${now}","s":"${symbol}","a":${bid ? "[]" : level},"b":${
          bid ? level : "[]"
        },"U":${u},"u":${u},"T":"${now}"}}`
      )
      stats.sent++
    }
    socket.uncork()
    stats.lastSentAt = wallNow()
    current.done = true
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

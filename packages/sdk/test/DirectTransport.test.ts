/**
 * The executor's direct path (`internal/directTransport.ts`: `BackpackNode.layer` with the live
 * clock and no `transformClient`) against the `HttpClient` pipeline it stands in for (the same layer
 * with `transformClient`, which always takes the pipeline): over a real socket, every answer a
 * server can give, the same call must end the same way on both: the same decoded value, or the same
 * typed error (tag, operation, status, code, retry hints, `OutcomeUnknown` with its client ids), and
 * the same number of requests on the wire (retries only for idempotent calls).
 */
import { Markets, Orders } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Redacted } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import * as DirectTransport from "../src/internal/directTransport.js"
import { capture, encodingsOf } from "./utils/capture.js"
import { demoSecret } from "./utils/mock.js"

type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string, attempt: number) => void

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(text)
}

const orderAnswer = (body: string) => {
  const order = JSON.parse(body) as Record<string, unknown>
  return {
    id: "114000000000000123",
    clientId: order.clientId,
    createdAt: 1_753_000_000_000,
    executedQuantity: "0",
    executedQuoteQuantity: "0",
    orderType: "Limit",
    postOnly: true,
    price: order.price,
    quantity: order.quantity,
    reduceOnly: false,
    selfTradePrevention: "RejectTaker",
    side: order.side,
    status: "New",
    symbol: order.symbol,
    timeInForce: "GTC"
  }
}

const depthAnswer = {
  asks: [["21.5", "3"]],
  bids: [["21.4", "10.25"]],
  lastUpdateId: "987",
  timestamp: 1_753_000_000_000_000
}

/** A server on port 0 answering with `behaviour`; counts requests. */
const server = (behaviour: Behaviour) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly requests: () => number; readonly close: () => void }>((resume) => {
      let requests = 0
      const sockets = new Set<Socket>()
      const http = createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => behaviour(req, res, Buffer.concat(chunks).toString("utf8"), ++requests))
      })
      http.on("connection", (socket) => {
        sockets.add(socket)
        socket.on("close", () => sockets.delete(socket))
      })
      http.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
          requests: () => requests,
          close: () => {
            for (const socket of sockets) socket.destroy()
            http.close()
          }
        })))
    }),
    (s) => Effect.sync(s.close)
  )

/** What must agree between the two paths: the value, or the error's identifying fields. */
const summary = (exit: Exit.Exit<unknown, unknown>): unknown => {
  if (Exit.isSuccess(exit)) {
    return { ok: JSON.parse(JSON.stringify(exit.value, (_, v) => (typeof v === "bigint" ? String(v) : v))) }
  }
  const failure = exit.cause._tag === "Fail" ? exit.cause.error as Record<string, unknown> : undefined
  if (failure === undefined) return { defect: String(exit.cause) }
  const pick = (error: Record<string, unknown>) => ({
    _tag: error._tag,
    operation: error.operation,
    status: error.status,
    code: error.code,
    retryAfterMillis: error.retryAfterMillis,
    timeoutMillis: error.timeoutMillis
  })
  return failure._tag === "OutcomeUnknown"
    ? { ...pick(failure), clientIds: failure.clientIds, cause: pick(failure.cause as Record<string, unknown>) }
    : pick(failure)
}

const options = { apiSecret: Redacted.make(demoSecret), rateLimits: "unlimited", timeout: "400 millis" } as const
const order = {
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  quantity: "1",
  price: "21.5",
  postOnly: true,
  clientId: 77
} as const

/** Runs `call` on the direct path and on the pipeline against fresh servers; both summaries and request counts. */
const bothPaths = <A, E>(
  behaviour: Behaviour,
  call: Effect.Effect<A, E, Orders.Orders | Markets.Markets>,
  extra: { readonly retries?: number } = {}
) =>
  Effect.gen(function*() {
    const run = (transformClient: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined) =>
      Effect.gen(function*() {
        const s = yield* server(behaviour)
        const layer = BackpackNode.layer({ ...options, ...extra, host: s.url, transformClient })
        const exit = yield* Effect.exit(call).pipe(Effect.provide(layer))
        return { summary: summary(exit), requests: s.requests() }
      }).pipe(Effect.scoped)
    const direct = yield* run(undefined)
    const pipeline = yield* run((client) => client)
    expect(direct.summary).toStrictEqual(pipeline.summary)
    expect(direct.requests).toBe(pipeline.requests)
    return direct
  })

const placeOrder = Effect.flatMap(Orders.Orders, (orders) => orders.executeOrder(order))
const getDepth = Effect.flatMap(Markets.Markets, (markets) => markets.getDepth({ symbol: "SOL_USDC" }))
const cancel = Effect.flatMap(Orders.Orders, (orders) => orders.cancelOrder({ symbol: "SOL_USDC", clientId: 77 }))

describe("the direct path ends every call as the HttpClient pipeline does", () => {
  it.scoped("BackpackNode's HTTP client carries the direct path (a transformClient makes the executor leave it)", () =>
    Effect.gen(function*() {
      const client = yield* Effect.provide(HttpClient.HttpClient, BackpackNode.layerHttpClient)
      expect(DirectTransport.of(client)).toBeDefined()
      expect(DirectTransport.of(HttpClient.mapRequest(client, (request) => request))).toBeUndefined()
    }))

  it.live("200: the decoded order", () =>
    Effect.gen(function*() {
      const { summary, requests } = yield* bothPaths((_, res, body) => json(res, 200, orderAnswer(body)), placeOrder)
      expect(summary).toMatchObject({ ok: { id: "114000000000000123", clientId: 77, status: "New" } })
      expect(requests).toBe(1)
    }))

  it.live("200: the decoded depth; 202 with an empty body: the cancel accepted", () =>
    Effect.gen(function*() {
      const depth = yield* bothPaths((_, res) => json(res, 200, depthAnswer), getDepth)
      expect(depth.summary).toMatchObject({ ok: { lastUpdateId: "987" } })
      const accepted = yield* bothPaths((_, res) => {
        res.writeHead(202)
        res.end()
      }, cancel)
      expect(accepted.summary).toMatchObject({ ok: { status: 202 } })
    }))

  it.live("4xx: ApiError and AuthenticationError with the exchange's code, never retried", () =>
    Effect.gen(function*() {
      const refused = yield* bothPaths(
        (_, res) => json(res, 400, { code: "INVALID_ORDER", message: "Price out of bounds" }),
        placeOrder
      )
      expect(refused.summary).toMatchObject({ _tag: "ApiError", status: 400, code: "INVALID_ORDER" })
      const auth = yield* bothPaths(
        (_, res) => json(res, 401, { code: "UNAUTHORIZED", message: "bad key" }),
        getDepth
      )
      expect(auth.summary).toMatchObject({ _tag: "AuthenticationError", status: 401 })
      expect(auth.requests).toBe(1)
    }))

  it.live("429 then 200 on an idempotent call: retried once after Retry-After; a mutation's 429 is not retried", () =>
    Effect.gen(function*() {
      const retried = yield* bothPaths(
        (_, res, _body, attempt) =>
          attempt === 1
            ? json(res, 429, { code: "TOO_MANY_REQUESTS", message: "slow down" }, { "retry-after": "0" })
            : json(res, 200, depthAnswer),
        getDepth
      )
      expect(retried.summary).toMatchObject({ ok: { lastUpdateId: "987" } })
      expect(retried.requests).toBe(2)
      const limited = yield* bothPaths(
        (_, res) => json(res, 429, { code: "TOO_MANY_REQUESTS", message: "slow down" }, { "retry-after": "1" }),
        placeOrder
      )
      expect(limited.summary).toMatchObject({ _tag: "RateLimitError", retryAfterMillis: 1000 })
      expect(limited.requests).toBe(1)
    }))

  it.live("503, a reset, a malformed body and silence on an order: OutcomeUnknown with its client id", () =>
    Effect.gen(function*() {
      const unavailable = yield* bothPaths((_, res) => json(res, 503, "Service Unavailable"), placeOrder)
      expect(unavailable.summary).toMatchObject({
        _tag: "OutcomeUnknown",
        clientIds: [77],
        cause: { _tag: "ApiError" }
      })
      const reset = yield* bothPaths((req) => req.socket.destroy(), placeOrder)
      expect(reset.summary).toMatchObject({ _tag: "OutcomeUnknown", cause: { _tag: "TransportError" } })
      const malformed = yield* bothPaths((_, res) => json(res, 200, "{\"id\": "), placeOrder)
      expect(malformed.summary).toMatchObject({ _tag: "OutcomeUnknown", cause: { _tag: "DecodeError" } })
      const silent = yield* bothPaths(() => undefined, placeOrder)
      expect(silent.summary).toMatchObject({
        _tag: "OutcomeUnknown",
        cause: { _tag: "TimeoutError", timeoutMillis: 400 }
      })
      expect(silent.requests).toBe(1)
    }))

  it.live("silence on an idempotent call: TimeoutError after the configured retries", () =>
    Effect.gen(function*() {
      const silent = yield* bothPaths(() => undefined, getDepth, { retries: 1 })
      expect(silent.summary).toMatchObject({ _tag: "TimeoutError", timeoutMillis: 400 })
      expect(silent.requests).toBe(2)
    }))

  it.live("a refused connection: TransportError, known not sent (not OutcomeUnknown)", () =>
    Effect.gen(function*() {
      const port = yield* Effect.scoped(Effect.map(server(() => undefined), (s) => s.url))
      const run = (transformClient: ((client: HttpClient.HttpClient) => HttpClient.HttpClient) | undefined) =>
        Effect.exit(placeOrder).pipe(
          Effect.provide(BackpackNode.layer({ ...options, host: port, transformClient })),
          Effect.map(summary)
        )
      const direct = yield* run(undefined)
      expect(direct).toStrictEqual(yield* run((client) => client))
      expect(direct).toMatchObject({ _tag: "TransportError", operation: "Orders.executeOrder" })
    }))

  it.live("no secret or signature reaches a span, an event, an exit or a log on the direct path", () =>
    Effect.gen(function*() {
      const signatures: Array<string> = []
      const answers: Array<Behaviour> = [
        (_, res, body) => json(res, 200, orderAnswer(body)),
        (_, res) => json(res, 401, { code: "INVALID_SIGNATURE", message: "Invalid signature" }),
        (_, res) => json(res, 503, "Service Unavailable"),
        (req) => req.socket.destroy(),
        () => undefined
      ]
      const s = yield* server((req, res, body, attempt) => {
        const signature = req.headers["x-signature"]
        if (typeof signature === "string") signatures.push(signature)
        answers[(attempt - 1) % answers.length]!(req, res, body, attempt)
      })
      const { captured, layer } = capture()
      yield* Effect.gen(function*() {
        for (let i = 0; i < answers.length; i++) yield* Effect.exit(placeOrder)
      }).pipe(Effect.provide(Layer.merge(BackpackNode.layer({ ...options, host: s.url }), layer)))
      expect(signatures).toHaveLength(answers.length)
      // the capture saw the direct path's spans and the failures
      expect(captured.spans.some((span) => span.name === "http.client POST")).toBe(true)
      const text = captured.text()
      expect(text).toContain("INVALID_SIGNATURE")
      for (
        const needle of [
          ...encodingsOf(demoSecret),
          ...signatures,
          ...signatures.map((sig) => encodingsOf(sig)[1]!)
        ]
      ) {
        expect(text.includes(needle!), `leaked ${needle}`).toBe(false)
      }
    }).pipe(Effect.scoped))
})

/**
 * The fault plan over real HTTP: each fault kind on the wire (status, content type, bytes), what the exchange did
 * behind it (the order or withdrawal exists after a post-execution fault, the cancel took effect behind a 202), the
 * counters, shares drawn from the seeded generator, clock drift, and the control API's `executeOrder` with triggers.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as net from "node:net"
import { Signing, Simulator } from "../src/index.js"
import { get, signed } from "./helpers.js"

const DEMO = Simulator.DEMO_SECRET

const start = (options: Simulator.SimulatorOptions = {}) =>
  Simulator.make({ seed: 9, rateLimits: false, liquidity: false, ...options })

const limitBid = (clientId: number, price = "100.00") => ({
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  price,
  quantity: "1",
  clientId
})

const placeOrder = (url: string, clientId: number) =>
  signed(url, {
    secret: DEMO,
    method: "POST",
    path: "/api/v1/order",
    instruction: "orderExecute",
    params: limitBid(clientId)
  })

const queryOrder = (url: string, clientId: number) =>
  signed(url, {
    secret: DEMO,
    method: "GET",
    path: "/api/v1/order",
    instruction: "orderQuery",
    params: { symbol: "SOL_USDC", clientId }
  })

/** A raw request whose failure (a cut or a dropped connection) is a value. */
const attempt = <A>(effect: Effect.Effect<A>) => Effect.exit(Effect.tryPromise(() => Effect.runPromise(effect)))

const withdrawal = (url: string, clientId: string) =>
  signed(url, {
    secret: DEMO,
    method: "POST",
    path: "/wapi/v1/capital/withdrawals",
    instruction: "withdraw",
    params: {
      address: "0x0ad42b8e602c2d3d475ae52d678cf63d84ab2749",
      blockchain: "Ethereum",
      quantity: "10",
      symbol: "USDC",
      clientId
    }
  })

describe("fault plan", () => {
  it.live("latency, 429 with its Retry-After and 503 per route; other routes untouched; counted", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      yield* sim.faults.setPlan({
        routes: {
          "GET /api/v1/status": { tooManyRequests: 1, retryAfterSeconds: 7, latencyMs: 5, jitterMs: 10 },
          "GET /api/v1/markets": { unavailable: 1 }
        }
      })
      const limited = yield* get(sim.url, "/api/v1/status")
      expect(limited.status).toBe(429)
      expect(limited.headers.get("retry-after")).toBe("7")
      expect(limited.json).toEqual({ code: "TOO_MANY_REQUESTS", message: "Too many requests" })
      const down = yield* get(sim.url, "/api/v1/markets")
      expect(down.status).toBe(503)
      expect(down.json).toEqual({ code: "MAINTENANCE", message: "Service unavailable" })
      expect((yield* get(sim.url, "/api/v1/ping")).text).toBe("pong")
      const stats = yield* sim.faults.stats
      expect(stats.injected).toEqual({
        "GET /api/v1/status": { latency: 1, tooManyRequests: 1 },
        "GET /api/v1/markets": { unavailable: 1 }
      })
      expect(stats.requests).toEqual({ "GET /api/v1/status": 1, "GET /api/v1/markets": 1, "GET /api/v1/ping": 1 })
      yield* sim.faults.reset
      expect((yield* get(sim.url, "/api/v1/status")).status).toBe(200)
      expect((yield* sim.faults.stats).injected).toEqual({})
    })))

  it.live("a route's own entry overrides \"*\" field by field", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      yield* sim.faults.setPlan({
        routes: { "*": { unavailable: 1 }, "GET /api/v1/ping": { unavailable: 0 } }
      })
      expect((yield* get(sim.url, "/api/v1/ping")).status).toBe(200)
      expect((yield* get(sim.url, "/api/v1/status")).status).toBe(503)
    })))

  it.live("5xx after execution: a proxy's page, and the order was placed", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": { serverError: 1 } } })
      const r = yield* placeOrder(sim.url, 501)
      expect([500, 502, 504]).toContain(r.status)
      expect(r.headers.get("content-type")).toBe("text/html")
      expect(r.text).toMatch(/^<html>\r\n<head><title>50[024] [A-Za-z -]+<\/title><\/head>/)
      expect(r.text).toContain("<center>nginx</center>")
      const q = yield* queryOrder(sim.url, 501)
      expect(q.json).toMatchObject({ clientId: 501, status: "New", price: "100", quantity: "1" })
      expect((yield* sim.faults.stats).injected).toEqual({ "POST /api/v1/order": { serverError: 1 } })
    })))

  it.live("cut mid-body after execution: headers and part of the body, then the connection is gone", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": { cutMidBody: 1 } } })
      const outcome = yield* attempt(placeOrder(sim.url, 502))
      expect(Exit.isFailure(outcome)).toBe(true)
      // a raw client sees the status line and a prefix of the order's JSON before the cut
      const raw = yield* Effect.promise(() => rawExchange(sim.url, limitBid(503)))
      expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
      const [head, body] = raw.split("\r\n\r\n") as [string, string]
      const length = Number(/content-length: (\d+)/i.exec(head)![1])
      expect(body.length).toBe(Math.floor(length / 2))
      expect(body.startsWith("{\"")).toBe(true)
      expect((yield* queryOrder(sim.url, 502)).json).toMatchObject({ clientId: 502, status: "New" })
      expect((yield* queryOrder(sim.url, 503)).json).toMatchObject({ clientId: 503, status: "New" })
      expect((yield* sim.faults.stats).injected).toEqual({ "POST /api/v1/order": { cutMidBody: 2 } })
    })))

  it.live("answer dropped after execution; answer held past the client's timeout", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": { dropAnswer: 1 } } })
      expect(Exit.isFailure(yield* attempt(placeOrder(sim.url, 504)))).toBe(true)
      expect((yield* queryOrder(sim.url, 504)).json).toMatchObject({ clientId: 504, status: "New" })
      yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": { lateAnswer: 1, lateAnswerMs: 400 } } })
      const impatient = yield* Effect.exit(
        Effect.tryPromise(() =>
          fetch(`${sim.url}/api/v1/order`, {
            method: "POST",
            headers: signedHeaders("orderExecute", limitBid(505)),
            body: JSON.stringify(limitBid(505)),
            signal: AbortSignal.timeout(50)
          })
        )
      )
      expect(Exit.isFailure(impatient)).toBe(true)
      // executed although the client gave up; a patient client gets the real answer, late
      expect((yield* queryOrder(sim.url, 505)).json).toMatchObject({ clientId: 505, status: "New" })
      const patient = yield* placeOrder(sim.url, 506)
      expect(patient.status).toBe(200)
      expect(patient.json).toMatchObject({ clientId: 506, status: "New" })
      expect((yield* sim.faults.stats).injected).toEqual({ "POST /api/v1/order": { dropAnswer: 1, lateAnswer: 2 } })
    })))

  it.live("malformed 2xx bodies: truncated JSON, an HTML page with 200, an empty body", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      const whole = (yield* get(sim.url, "/api/v1/markets")).text
      yield* sim.faults.setPlan({ routes: { "GET /api/v1/markets": { truncatedJson: 1 } } })
      const cut = yield* get(sim.url, "/api/v1/markets")
      expect(cut.status).toBe(200)
      expect(cut.headers.get("content-type")).toBe("application/json; charset=utf-8")
      expect(cut.text).toBe(whole.slice(0, Math.floor(whole.length / 2)))
      expect(cut.json).toBeUndefined()
      yield* sim.faults.setPlan({ routes: { "GET /api/v1/markets": { htmlPage: 1 } } })
      const page = yield* get(sim.url, "/api/v1/markets")
      expect(page.status).toBe(200)
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
      expect(page.text).toMatch(/^<!DOCTYPE html>.*<h1>Something went wrong<\/h1>/)
      yield* sim.faults.setPlan({ routes: { "GET /api/v1/markets": { emptyBody: 1 } } })
      const nothing = yield* get(sim.url, "/api/v1/markets")
      expect(nothing.status).toBe(200)
      expect(nothing.text).toBe("")
      // on a mutation the malformed body comes after execution
      yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": { truncatedJson: 1 } } })
      const placed = yield* placeOrder(sim.url, 507)
      expect(placed.status).toBe(200)
      expect(placed.json).toBeUndefined()
      expect(placed.text.startsWith("{\"")).toBe(true)
      expect((yield* queryOrder(sim.url, 507)).json).toMatchObject({ clientId: 507, status: "New" })
      // an error answer is never replaced by a malformed success
      const refused = yield* signed(sim.url, {
        secret: DEMO,
        method: "POST",
        path: "/api/v1/order",
        instruction: "orderExecute",
        params: { ...limitBid(508), symbol: "NOPE_USDC" }
      })
      expect(refused.status).toBe(400)
      expect(refused.json.code).toBe("INVALID_MARKET")
    })))

  it.live("202 with an empty body on cancels: the cancel takes effect, at once or shortly after", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      for (const id of [601, 602, 603]) expect((yield* placeOrder(sim.url, id)).status).toBe(200)
      yield* sim.faults.setPlan({ routes: { "DELETE /api/v1/order": { cancelAccepted: 1 } } })
      const cancel = (clientId: number) =>
        signed(sim.url, {
          secret: DEMO,
          method: "DELETE",
          path: "/api/v1/order",
          instruction: "orderCancel",
          params: { symbol: "SOL_USDC", clientId }
        })
      const accepted = yield* cancel(601)
      expect(accepted.status).toBe(202)
      expect(accepted.text).toBe("")
      expect(yield* statusOf(sim.url, 601)).toBe("Cancelled")
      yield* sim.faults.setPlan({ routes: { "DELETE /api/v1/order": { cancelAccepted: 1, cancelDelayMs: 150 } } })
      expect((yield* cancel(602)).status).toBe(202)
      expect(yield* statusOf(sim.url, 602)).toBe("New")
      let later = yield* statusOf(sim.url, 602)
      for (let i = 0; i < 100 && later !== "Cancelled"; i++) {
        yield* Effect.sleep("20 millis")
        later = yield* statusOf(sim.url, 602)
      }
      expect(later).toBe("Cancelled")
      yield* sim.faults.setPlan({ routes: { "DELETE /api/v1/orders": { cancelAccepted: 1 } } })
      const all = yield* signed(sim.url, {
        secret: DEMO,
        method: "DELETE",
        path: "/api/v1/orders",
        instruction: "orderCancelAll",
        params: { symbol: "SOL_USDC" }
      })
      expect(all.status).toBe(202)
      expect(all.text).toBe("")
      expect(yield* statusOf(sim.url, 603)).toBe("Cancelled")
      expect((yield* sim.faults.stats).injected).toEqual({
        "DELETE /api/v1/order": { cancelAccepted: 2 },
        "DELETE /api/v1/orders": { cancelAccepted: 1 }
      })
    })))

  it.live("withdrawals: a 5xx, a cut or a dropped answer after execution leaves the withdrawal made", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      const route = "POST /wapi/v1/capital/withdrawals"
      yield* sim.faults.setPlan({ routes: { [route]: { serverError: 1 } } })
      expect([500, 502, 504]).toContain((yield* withdrawal(sim.url, "w-1")).status)
      yield* sim.faults.setPlan({ routes: { [route]: { cutMidBody: 1 } } })
      expect(Exit.isFailure(yield* attempt(withdrawal(sim.url, "w-2")))).toBe(true)
      yield* sim.faults.setPlan({ routes: { [route]: { dropAnswer: 1 } } })
      expect(Exit.isFailure(yield* attempt(withdrawal(sim.url, "w-3")))).toBe(true)
      yield* sim.faults.reset
      const list = yield* signed(sim.url, {
        secret: DEMO,
        method: "GET",
        path: "/wapi/v1/capital/withdrawals",
        instruction: "withdrawalQueryAll"
      })
      expect(list.json.map((w: { clientId: string }) => w.clientId)).toEqual(["w-3", "w-2", "w-1"])
      // 100000 USDC - 3 × (10 + 3 fee)
      expect((yield* sim.balances(yield* demoKey(sim))).USDC!.available).toBe("99961")
    })))

  it.live("shares are drawn from the seeded generator: the same seed gives the same faults", () =>
    Effect.gen(function*() {
      const run = Effect.scoped(Effect.gen(function*() {
        const sim = yield* start({ seed: 21 })
        yield* sim.faults.setPlan({ routes: { "POST /api/v1/order": { serverError: 0.3, emptyBody: 0.2 } } })
        const statuses: Array<string> = []
        for (let i = 0; i < 40; i++) {
          const r = yield* placeOrder(sim.url, 700 + i)
          statuses.push(r.status === 200 && r.text === "" ? "empty" : String(r.status))
        }
        return { statuses, stats: yield* sim.faults.stats }
      }))
      const a = yield* run
      const b = yield* run
      expect(a.statuses).toEqual(b.statuses)
      const fivexx = a.statuses.filter((s) => s.startsWith("5")).length
      const empty = a.statuses.filter((s) => s === "empty").length
      expect(a.stats.injected["POST /api/v1/order"]).toEqual({ serverError: fivexx, emptyBody: empty })
      expect(a.stats.requests["POST /api/v1/order"]).toBe(40)
      expect(fivexx).toBeGreaterThan(4)
      expect(empty).toBeGreaterThan(2)
      expect(a.statuses.filter((s) => s === "200").length).toBeGreaterThan(10)
    }))

  it.live("clock drift grows the offset by ppm, on top of the fixed offset", () =>
    Effect.scoped(Effect.gen(function*() {
      let now = 1_800_000_000_000
      const sim = yield* start({ clock: () => now })
      yield* sim.faults.setClockOffset(2_000)
      yield* sim.faults.setClockDrift(500)
      const time = () => Effect.map(get(sim.url, "/api/v1/time"), (r) => Number(r.text))
      expect(yield* time()).toBe(now + 2_000)
      now += 1_000_000
      expect(yield* time()).toBe(now + 2_000 + 500)
      yield* sim.faults.setClockDrift(-1_000)
      now += 1_000_000
      expect(yield* time()).toBe(now + 2_000 + 500 - 1_000)
      expect((yield* sim.faults.plan).clockDriftPpm).toBe(-1_000)
      yield* sim.faults.reset
      expect(yield* time()).toBe(now)
    })))

  it.live("a plan that is not one is refused with INVALID_FAULT_PLAN", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      const refused = (plan: unknown) => Effect.flip(sim.faults.setPlan(plan as Simulator.FaultPlan))
      expect(yield* refused({ routes: { "*": { serverError: 1.5 } } })).toMatchObject({
        code: "INVALID_FAULT_PLAN",
        message: "*: serverError must be a share in 0..1"
      })
      expect((yield* refused({ routes: { "*": { serverError: 0.6, dropAnswer: 0.6 } } })).message).toBe(
        "*: the post-execution shares add up to more than 1"
      )
      expect((yield* refused({ routes: { "POST /api/v1/order": { explode: 1 } } })).message).toBe(
        "POST /api/v1/order: unknown fault explode"
      )
      expect((yield* refused({ routes: { "order": {} } })).message).toBe(
        "route \"order\" is neither \"*\" nor \"METHOD /path\""
      )
      expect((yield* refused({ clockDriftPpm: "fast" })).message).toBe(
        "clockDriftPpm must be a number in -1000000..1000000"
      )
      expect((yield* sim.faults.plan).routes).toEqual({})
    })))

  it.live("the control API's executeOrder takes trigger, take-profit and stop-loss fields", () =>
    Effect.scoped(Effect.gen(function*() {
      const sim = yield* start()
      const key = yield* demoKey(sim)
      const trigger = yield* sim.executeOrder(key, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "90",
        quantity: "1",
        triggerPrice: "95",
        triggerQuantity: "1",
        clientId: 801
      })
      expect(trigger).toMatchObject({ clientId: 801, status: "TriggerPending", triggerPrice: "95" })
      const bracket = yield* sim.executeOrder(key, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: "90",
        quantity: "1",
        takeProfitTriggerPrice: "120",
        stopLossTriggerPrice: "80",
        clientId: 802
      })
      expect(bracket).toMatchObject({
        clientId: 802,
        status: "New",
        takeProfitTriggerPrice: "120",
        stopLossTriggerPrice: "80"
      })
    })))
})

/** An order's status: open (`GET /api/v1/order`) or else from the order history. */
const statusOf = (url: string, clientId: number) =>
  Effect.gen(function*() {
    const open = yield* queryOrder(url, clientId)
    if (open.status === 200) return open.json.status as string
    const history = yield* signed(url, {
      secret: DEMO,
      method: "GET",
      path: "/wapi/v1/history/orders",
      instruction: "orderHistoryQueryAll",
      params: { symbol: "SOL_USDC" }
    })
    return (history.json as Array<{ clientId: number; status: string }>).find((o) => o.clientId === clientId)?.status
  })

const demoKey = (sim: Simulator.SimulatorService) => Effect.succeed(sim.demoAccount!.apiKey)

const signedHeaders = (instruction: string, params: Record<string, unknown>): Record<string, string> => ({
  ...Signing.headers({ secret: DEMO, instruction, params, timestamp: Date.now() }),
  "content-type": "application/json; charset=utf-8"
})

/** Sends a signed order over a raw socket and returns every byte received until the server closes. */
const rawExchange = (url: string, params: Record<string, unknown>): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const body = JSON.stringify(params)
    const headers = signedHeaders("orderExecute", params)
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST /api/v1/order HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("") + `\r\n${body}`
      )
    })
    let received = ""
    socket.setEncoding("utf8")
    socket.on("data", (chunk: string) => (received += chunk))
    socket.on("close", () => resolve(received))
    socket.on("error", reject)
  })

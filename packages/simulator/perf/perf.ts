/**
 * Simulator performance, measured against the simulator alone (no SDK): raw signed HTTP requests (keys signed
 * with node:crypto before each timed window) and in-process control calls to build up history.
 *
 *   pnpm --filter @effect-backpack/simulator perf [--quick] [--only 1a,1b,2,2b,3,3b]
 *     [--activity-seconds 120] [--activity-window 10]
 *
 * 1. Orders placed + cancelled per second, by the engine alone (1a) and over HTTP (1b: two simulator processes
 *    whose account holds 1,000 and 100,000 orders, windows interleaved; wall rate and the server's CPU per pair),
 *    after 1,000 and after 100,000 orders in the account.
 * 2. `GET /api/v1/orders` and `GET /api/v1/tickers` latency of an empty simulator and of one after 400,000 orders
 *    (200,000 trades), two processes, requests interleaved, min and median (2); the handlers in-process (2b).
 * 3. Background activity every 20 ms over HTTP: CPU share, `/tickers` latency and heap per window (3); its
 *    retained memory in-process until the history rings are full (3b).
 */
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import { createPrivateKey, sign as cryptoSign } from "node:crypto"
import { readFileSync } from "node:fs"
import { Signing, Simulator } from "../src/index.js"
import * as D from "../src/internal/decimal.js"
import * as Accounts from "../src/internal/engine/accounts.js"
import * as Activity from "../src/internal/engine/activity.js"
import { Engine } from "../src/internal/engine/engine.js"
import * as Matching from "../src/internal/engine/matching.js"
import { allRoutes } from "../src/internal/http/server.js"
import { attach } from "../src/internal/venue.js"

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback
}
const activitySeconds = flag("--activity-seconds", quick ? 30 : 120)
/** The length of one activity window (`--activity-window 60` reports per minute). */
const activityWindow = flag("--activity-window", 10)
/**
 * `--only 1a,2b` runs some sections: 1a engine throughput, 1b HTTP throughput, 2 HTTP latency, 2b handler latency,
 * 3 activity over HTTP, 3b activity's memory in-process.
 */
const only = args.includes("--only") ? (args[args.indexOf("--only") + 1] ?? "").split(",") : undefined
const section = (name: string) => only === undefined || only.includes(name)

// ---------------------------------------------------------------------------------------------------------------
// signed requests (node:crypto so that client signing never dominates a timed window)
// ---------------------------------------------------------------------------------------------------------------

const signerOf = (secret: string) => {
  const seed = Buffer.from(secret, "base64").subarray(0, 32)
  const key = createPrivateKey({
    key: Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]),
    format: "der",
    type: "pkcs8"
  })
  const apiKey = Signing.publicKey(secret)
  return (instruction: string, params: Record<string, unknown>): Record<string, string> => {
    const timestamp = Date.now()
    const message = Signing.signingString(instruction, params, timestamp, 60_000)
    return {
      "X-API-Key": apiKey,
      "X-Signature": cryptoSign(null, Buffer.from(message), key).toString("base64"),
      "X-Timestamp": String(timestamp),
      "X-Window": "60000"
    }
  }
}

interface Prepared {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body?: string
}

const prepare = (
  sign: ReturnType<typeof signerOf>,
  method: "GET" | "POST" | "DELETE",
  path: string,
  instruction: string,
  params: Record<string, unknown>
): Prepared => {
  const headers = sign(instruction, params)
  if (method === "GET") {
    const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
    return { method, path: qs.length > 0 ? `${path}?${qs}` : path, headers }
  }
  return {
    method,
    path,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(params)
  }
}

const send = async (base: string, r: Prepared): Promise<number> => {
  const res = await fetch(`${base}${r.path}`, {
    method: r.method,
    headers: r.headers,
    ...(r.body === undefined ? {} : { body: r.body })
  })
  await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${r.method} ${r.path}: ${res.status}`)
  return res.status
}

/** A full collection before a timed window when node runs with --expose-gc (the `perf` script does). */
const collect = () => (globalThis as { gc?: () => void }).gc?.()

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/**
 * After a long in-process stall (building history), a pooled keep-alive socket may be one the server closed
 * meanwhile; a few idempotent pings retire it before anything is timed.
 */
const settle = async (base: string) => {
  for (let i = 0; i < 3; i++) await fetch(`${base}/api/v1/ping`).then((r) => r.text()).catch(() => "")
}

/** Times `n` sequential requests (after 20 unmeasured ones); every time in ms. */
const samples = async (base: string, r: Prepared, n: number): Promise<Array<number>> => {
  collect()
  await settle(base)
  for (let i = 0; i < 20; i++) await send(base, r)
  const times: Array<number> = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await send(base, r)
    times.push(performance.now() - t0)
  }
  return times
}

// ---------------------------------------------------------------------------------------------------------------
// 1. place + cancel throughput
// ---------------------------------------------------------------------------------------------------------------

let clientIds = 0

/** Place + cancel pairs per second over HTTP (by client id, so every request is signed before the window). */
const placeCancelRate = async (base: string, sign: ReturnType<typeof signerOf>, pairs: number) => {
  const prepared: Array<[Prepared, Prepared]> = []
  for (let i = 0; i < pairs; i++) {
    const clientId = (clientIds = (clientIds + 1) % 4_000_000_000)
    const price = `${100 + (i % 50)}.00`
    prepared.push([
      prepare(sign, "POST", "/api/v1/order", "orderExecute", {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price,
        quantity: "0.10",
        clientId
      }),
      prepare(sign, "DELETE", "/api/v1/order", "orderCancel", { symbol: "SOL_USDC", clientId })
    ])
  }
  collect()
  await settle(base)
  const t0 = performance.now()
  for (const [place, cancel] of prepared) {
    await send(base, place)
    await send(base, cancel)
  }
  return pairs / ((performance.now() - t0) / 1000)
}

// ---------------------------------------------------------------------------------------------------------------
// 2. a simulator in a child process, optionally after N orders (`--child N`)
// ---------------------------------------------------------------------------------------------------------------

interface Child {
  readonly pid: number
  readonly url: string
  readonly secret: string
  readonly buildSeconds: number
  readonly heapMb: number
  readonly stop: () => void
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** Starts `perf.ts --child <orders>` and waits for its ready line. */
const child = (orders: number): Promise<Child> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--child", String(orders)], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    proc.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split("\n").find((l) => l.startsWith("{"))
      if (line !== undefined) {
        const ready = JSON.parse(line) as Omit<Child, "stop">
        resolve({ ...ready, pid: proc.pid!, stop: () => proc.kill() })
      }
    })
    proc.on("exit", (code) => reject(new Error(`child exited with ${code}`)))
  })

/**
 * The child: a simulator whose maker has 10 resting bids and one trade on every spot ticker, then `orders`
 * more orders (half resting asks of the maker, each taken by a market order of a taker).
 */
const serveChild = (orders: number) =>
  Effect.gen(function*() {
    const sim = yield* Simulator.make({ seed: 2, rateLimits: false, liquidity: false })
    const maker = yield* sim.createAccount({ balances: { USDC: "1000000000", SOL: "100000000" } })
    const taker = yield* sim.createAccount({ balances: { USDC: "1000000000", SOL: "100000000" } })
    for (let i = 0; i < 10; i++) {
      yield* sim.executeOrder(maker.apiKey, {
        symbol: "SOL_USDC",
        side: "Bid",
        orderType: "Limit",
        price: `${50 + i}.00`,
        quantity: "1.00"
      })
    }
    const t0 = performance.now()
    for (let i = 0; i < Math.max(1, orders / 2); i++) {
      yield* sim.executeOrder(maker.apiKey, {
        symbol: "SOL_USDC",
        side: "Ask",
        orderType: "Limit",
        price: `${100 + (i % 20)}.00`,
        quantity: "0.01"
      })
      yield* sim.executeOrder(taker.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", quantity: "0.01" })
    }
    collect()
    console.log(JSON.stringify({
      url: sim.url,
      secret: maker.apiSecret,
      buildSeconds: (performance.now() - t0) / 1000,
      heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20)
    }))
    return yield* Effect.never
  })

const main = Effect.scoped(Effect.gen(function*() {
  const lines: Array<string> = []
  const say = (line: string) => {
    lines.push(line)
    console.log(line)
  }
  say(`# simulator perf (node ${process.version}, ${new Date().toISOString()})`)

  // -- 1a: the engine alone (no HTTP) -------------------------------------------------------------------------------
  const engineRun = () => {
    const engine = new Engine({ seed: 1, clock: Date.now })
    const { account } = Accounts.createRandom(engine)
    Accounts.deposit(engine, account, "USDC", D.fromInt(1_000_000_000))
    let placed = 0
    return (n: number) => {
      collect()
      const t0 = performance.now()
      for (let i = 0; i < n; i++) {
        const order = Matching.execute(engine, account, {
          symbol: "SOL_USDC",
          side: "Bid",
          orderType: "Limit",
          timeInForce: "GTC",
          selfTradePrevention: "RejectTaker",
          price: { raw: "", value: D.fromInt(100 + (placed % 50)) },
          quantity: { raw: "", value: D.ONE / 10n },
          quoteQuantity: null,
          postOnly: false,
          reduceOnly: null,
          clientId: placed % 4_000_000_000,
          triggerPrice: false,
          triggerQuantity: false,
          takeProfit: false,
          stopLoss: false
        })
        Matching.cancel(engine, account, "SOL_USDC", order.id, null)
        placed++
      }
      return n / ((performance.now() - t0) / 1000)
    }
  }
  if (section("1a")) {
    const window = quick ? 5_000 : 20_000
    // the JIT warms up on a throwaway engine first, so both points measure the same compiled code
    engineRun()(30_000)
    const pairs = engineRun()
    pairs(1_000)
    const early = [pairs(window), pairs(window), pairs(window)]
    pairs(100_000 - 1_000 - 3 * window)
    const late = [pairs(window), pairs(window), pairs(window)]
    say("")
    say(`| orders placed (and cancelled) | engine alone: place + cancel pairs / s (median of 3 windows of ${window}) |`)
    say("| ---: | ---: |")
    say(`| 1,000 | ${median(early).toFixed(0)} (${early.map((x) => x.toFixed(0)).join(", ")}) |`)
    say(`| 100,000 | ${median(late).toFixed(0)} (${late.map((x) => x.toFixed(0)).join(", ")}) |`)
    say(`| ratio | ${(median(late) / median(early)).toFixed(2)} |`)
  }

  // -- 1b: over HTTP ---------------------------------------------------------------------------------------------
  if (section("1b")) {
    // two simulator processes whose account has 1,000 and 100,000 orders; windows interleaved between them
    const [early, late] = yield* Effect.promise(() => Promise.all([child(1_000), child(100_000)]))
    const pairs = quick ? 200 : 400
    const windows = quick ? 3 : 7
    const rates = { early: [] as Array<number>, late: [] as Array<number> }
    // the server's own CPU per pair (from /proc), which machine load does not inflate as it does wall time
    const cpu = { early: [] as Array<number>, late: [] as Array<number> }
    for (let w = 0; w < windows; w++) {
      for (const which of w % 2 === 0 ? (["early", "late"] as const) : (["late", "early"] as const)) {
        const c = which === "early" ? early : late
        const c0 = cpuSeconds(c.pid)
        rates[which].push(yield* Effect.promise(() => placeCancelRate(c.url, signerOf(c.secret), pairs)))
        cpu[which].push(((cpuSeconds(c.pid) - c0) / pairs) * 1e6)
      }
    }
    early.stop()
    late.stop()
    const a = median(rates.early)
    const b = median(rates.late)
    say("")
    say(
      `| orders in the account | place + cancel pairs / s over HTTP (median of ${windows} interleaved windows of ${pairs}; all windows) |`
    )
    say("| ---: | ---: |")
    say(`| 1,000 | ${a.toFixed(0)} (${rates.early.map((x) => x.toFixed(0)).join(", ")}) |`)
    say(`| 100,000 | ${b.toFixed(0)} (${rates.late.map((x) => x.toFixed(0)).join(", ")}) |`)
    say(`| ratio | ${(b / a).toFixed(2)} |`)
    const ca = median(cpu.early)
    const cb = median(cpu.late)
    say("")
    say(
      "| orders in the account | server CPU per place + cancel pair (µs, median; all windows) | pairs per server CPU second |"
    )
    say("| ---: | ---: | ---: |")
    say(`| 1,000 | ${ca.toFixed(0)} (${cpu.early.map((x) => x.toFixed(0)).join(", ")}) | ${(1e6 / ca).toFixed(0)} |`)
    say(`| 100,000 | ${cb.toFixed(0)} (${cpu.late.map((x) => x.toFixed(0)).join(", ")}) | ${(1e6 / cb).toFixed(0)} |`)
    say(`| ratio (pairs per CPU second) | | ${(ca / cb).toFixed(2)} |`)
  }

  // -- 2 ---------------------------------------------------------------------------------------------------------
  if (section("2")) {
    // two simulator processes, one empty, one after 400,000 orders; requests interleaved between them so machine
    // load falls on both alike, and each has its own heap (a large heap's GC cost counts against the full one)
    const [empty, full] = yield* Effect.promise(() => Promise.all([child(0), child(400_000)]))
    const n = quick ? 30 : 50
    const rounds = quick ? 4 : 10
    const at = { empty, full }
    const times: Record<string, Array<number>> = {}
    const record = (key: string, xs: Array<number>) => (times[key] = [...(times[key] ?? []), ...xs])
    for (let r = 0; r < rounds; r++) {
      // alternate which goes first, so neither always follows the other's garbage
      const order = r % 2 === 0 ? (["empty", "full"] as const) : (["full", "empty"] as const)
      for (const which of order) {
        const c = at[which]
        const orders = prepare(signerOf(c.secret), "GET", "/api/v1/orders", "orderQueryAll", {})
        record(`orders ${which}`, yield* Effect.promise(() => samples(c.url, orders, n)))
        const tickers: Prepared = { method: "GET", path: "/api/v1/tickers", headers: {} }
        record(`tickers ${which}`, yield* Effect.promise(() => samples(c.url, tickers, n)))
      }
    }
    empty.stop()
    full.stop()
    say("")
    say(
      `| endpoint (over HTTP, ${rounds} interleaved rounds of ${n}) | empty: min, median (ms) | after 400,000 orders: min, median (ms) | ratio of medians | ratio of mins |`
    )
    say("| --- | ---: | ---: | ---: | ---: |")
    for (const k of ["orders", "tickers"] as const) {
      const e = times[`${k} empty`]!
      const f = times[`${k} full`]!
      say(
        `| GET /api/v1/${k} | ${Math.min(...e).toFixed(2)}, ${median(e).toFixed(2)} | ${Math.min(...f).toFixed(2)}, ${
          median(f).toFixed(2)
        } | ${(median(f) / median(e)).toFixed(2)} | ${(Math.min(...f) / Math.min(...e)).toFixed(2)} |`
      )
    }
    say(
      `(building the full simulator took ${
        full.buildSeconds.toFixed(1)
      } s; its heap ${full.heapMb} MB, the empty one's ${empty.heapMb} MB)`
    )
  }

  // -- 2b: the same handlers in-process (no HTTP, so machine load and sockets do not blur the comparison) ----------
  if (section("2b")) {
    const engine = new Engine({ seed: 2, clock: Date.now, liquidity: false })
    const maker = Accounts.createRandom(engine).account
    const taker = Accounts.createRandom(engine).account
    for (const a of [maker, taker]) {
      Accounts.deposit(engine, a, "USDC", D.fromInt(1_000_000_000))
      Accounts.deposit(engine, a, "SOL", D.fromInt(100_000_000))
    }
    const limit = (price: bigint, side: "Bid" | "Ask", quantity: bigint) => ({
      symbol: "SOL_USDC",
      side,
      orderType: "Limit" as const,
      timeInForce: "GTC" as const,
      selfTradePrevention: "RejectTaker" as const,
      price: { raw: "", value: price },
      quantity: { raw: "", value: quantity },
      quoteQuantity: null,
      postOnly: false,
      reduceOnly: null,
      clientId: null,
      triggerPrice: false,
      triggerQuantity: false,
      takeProfit: false,
      stopLoss: false
    })
    const market = (quantity: bigint) => ({ ...limit(0n, "Bid", quantity), orderType: "Market" as const, price: null })
    for (let i = 0; i < 10; i++) Matching.execute(engine, maker, limit(D.fromInt(100 + i), "Bid", D.ONE))
    const routes = allRoutes(engine)
    const handler = (path: string) => routes.find((r) => r.method === "GET" && r.path === path)!.handler
    const time = (path: string) => {
      const h = handler(path)
      const ctx = { engine, query: new URLSearchParams(), body: undefined, account: maker }
      for (let i = 0; i < 200; i++) h(ctx)
      collect()
      const times: Array<number> = []
      for (let i = 0; i < 2000; i++) {
        const t0 = performance.now()
        h(ctx)
        times.push(performance.now() - t0)
      }
      return median(times) * 1000
    }
    const cent = D.ONE / 100n
    Matching.execute(engine, maker, limit(D.fromInt(150), "Ask", cent))
    Matching.execute(engine, taker, market(cent))
    const before = { orders: time("/api/v1/orders"), tickers: time("/api/v1/tickers") }
    for (let i = 0; i < 200_000; i++) {
      Matching.execute(engine, maker, limit(D.fromInt(150 + (i % 20)), "Ask", cent))
      Matching.execute(engine, taker, market(cent))
    }
    const after = { orders: time("/api/v1/orders"), tickers: time("/api/v1/tickers") }
    say("")
    say("| handler, in-process | empty (µs, median of 2000) | after 400,000 orders (µs) | ratio |")
    say("| --- | ---: | ---: | ---: |")
    for (const k of ["orders", "tickers"] as const) {
      say(
        `| GET /api/v1/${k} | ${before[k].toFixed(1)} | ${after[k].toFixed(1)} | ${(after[k] / before[k]).toFixed(2)} |`
      )
    }
  }

  // -- 3b: memory of background activity, in-process (3,000 steps = one minute at 20 ms), until the rings are full --
  if (section("3b")) {
    const engine = new Engine({ seed: 3, clock: Date.now })
    attach(engine)
    const tickers = allRoutes(engine).find((r) => r.method === "GET" && r.path === "/api/v1/tickers")!.handler
    const ctx = { engine, query: new URLSearchParams(), body: undefined, account: engine.feeAccount() }
    /** The `/tickers` handler's median time over 500 calls (µs). */
    const handlerTime = () => {
      const times: Array<number> = []
      for (let i = 0; i < 500; i++) {
        const t0 = performance.now()
        tickers(ctx)
        times.push(performance.now() - t0)
      }
      return median(times) * 1000
    }
    const minutes = quick ? 12 : 48
    say("")
    say(
      "| activity steps (minutes at 20 ms) | orders kept | fills kept | public trades kept | heap after GC (MB) | /tickers handler (µs, median of 500) |"
    )
    say("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for (let minute = 1; minute <= minutes; minute++) {
      for (let i = 0; i < 3000; i++) Activity.activityStep(engine)
      if (minute % (quick ? 3 : 6) !== 0) continue
      let orders = 0
      let fills = 0
      let trades = 0
      for (const a of engine.accounts.values()) {
        orders += a.orders.size
        fills += a.fills.size
      }
      for (const m of engine.markets.values()) trades += m.trades.size
      collect()
      const heap = process.memoryUsage().heapUsed / 2 ** 20
      say(
        `| ${minute * 3000} (${minute}) | ${orders} | ${fills} | ${trades} | ${heap.toFixed(0)} | ${
          handlerTime().toFixed(1)
        } |`
      )
    }
  }

  // -- 3 ---------------------------------------------------------------------------------------------------------
  if (section("3")) {
    const sim = yield* Simulator.make({ seed: 3, rateLimits: false, activity: { intervalMs: 20 } })
    const tickers: Prepared = { method: "GET", path: "/api/v1/tickers", headers: {} }
    const windows = Math.max(1, Math.round(activitySeconds / activityWindow))
    say("")
    say(
      `| activity at 20 ms, window of ${activityWindow} s | CPU of the process | /tickers (ms): min, median of 50 | heap after GC (MB) | trades so far (SOL_USDC) |`
    )
    say("| ---: | ---: | ---: | ---: | ---: |")
    const cpu: Array<number> = []
    const lat: Array<number> = []
    for (let w = 1; w <= windows; w++) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      yield* Effect.sleep(`${activityWindow} seconds`)
      const used = process.cpuUsage(c0)
      const share = (used.user + used.system) / 1000 / (performance.now() - t0)
      collect()
      const heap = process.memoryUsage().heapUsed / 2 ** 20
      const times = yield* Effect.promise(() => samples(sim.url, tickers, 50))
      const ms = median(times)
      const trades = yield* Effect.promise(() =>
        fetch(`${sim.url}/api/v1/ticker?symbol=SOL_USDC`).then((r) => r.json() as Promise<{ trades: string }>)
      )
      cpu.push(share)
      lat.push(ms)
      say(
        `| ${w * activityWindow} s | ${(share * 100).toFixed(1)} % | ${Math.min(...times).toFixed(2)}, ${
          ms.toFixed(2)
        } | ${heap.toFixed(0)} | ${trades.trades} |`
      )
    }
    say(
      `| last / first | ${(cpu[cpu.length - 1]! / cpu[0]!).toFixed(2)} | ${
        (lat[lat.length - 1]! / lat[0]!).toFixed(2)
      } | | |`
    )
  }
}))

const childOrders = args.includes("--child") ? Number(args[args.indexOf("--child") + 1]) : undefined

Effect.runPromise(childOrders === undefined ? main : Effect.scoped(serveChild(childOrders))).then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)

/**
 * `pnpm --filter @effect-backpack/bench micro:executor`: the SDK's executor in process, without a
 * socket. `Backpack.layerWith` with the `node:crypto` signer, no client-side rate limiting and an
 * `HttpClient` answering the loopback server's canned order and depth bodies; one `ManagedRuntime`,
 * one `runPromise` per call (as a user drives it). Prints the CPU time per call (user + system of
 * this process) and the wall time, minimum and median of rounds, for `Orders.executeOrder`
 * (sequential and 16 concurrent) and `Markets.getDepth` (1000+1000 levels).
 *
 * @since 0.1.0
 */
import { Backpack, BackpackConfig, Markets, Orders, RateLimiter } from "@effect-backpack/sdk"
import { NodeSigner } from "@effect-backpack/sdk/node"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Crypto from "node:crypto"
import { performance } from "node:perf_hooks"
import * as Canned from "../loopback/Canned.js"
import { depthJson } from "../Payloads.js"
// the SDK's internal direct transport (not exported by the package): this micro benchmark measures it
import * as DirectTransport from "../../../sdk/src/internal/directTransport.js"

const quick = process.argv.includes("--quick")
const onlyAt = process.argv.indexOf("--only")
/** `--only order|order16|depth`: one case (for a profile of it alone). */
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined
const rounds = quick ? 2 : 5
const calls = quick ? 500 : 3000

const seed = Crypto.randomBytes(32)
const depthText = depthJson(1000)
let nextId = 114_000_000_000_000_000n

const answer = (path: string) =>
  path.includes("/api/v1/depth")
    ? depthText
    : Canned.orderJson(String(nextId++), { price: "1.00", quantity: "1", symbol: "SOL_USDC" }, Date.now())

const pipelineClient = HttpClient.make((request) =>
  Effect.sync(() =>
    HttpClientResponse.fromWeb(
      request,
      new Response(answer(request.url), { status: 200, headers: { "content-type": "application/json" } })
    )
  )
)

/**
 * `--path direct`: the same answers through the executor's direct path (what `BackpackNode.layer`
 * uses with the live clock), the transport answering at once; `--path pipeline` (default): the
 * `HttpClient` pipeline.
 */
const pathAt = process.argv.indexOf("--path")
const direct = pathAt >= 0 && process.argv[pathAt + 1] === "direct"
const http = direct
  ? DirectTransport.attach(pipelineClient, {
    send: (_origin, request) =>
      Effect.succeed({ status: 200, headers: { "content-type": "application/json" }, text: answer(request.path) })
  })
  : pipelineClient

const layer = Backpack.layerWith({
  config: BackpackConfig.layer({
    host: "http://127.0.0.1:1",
    apiSecret: Redacted.make(seed.toString("base64"))
  }),
  signer: NodeSigner.layer,
  httpClient: Layer.succeed(HttpClient.HttpClient, http),
  rateLimiter: RateLimiter.layerUnlimited
})

const runtime = ManagedRuntime.make(layer)
const orders = await runtime.runPromise(Orders.Orders)
const markets = await runtime.runPromise(Markets.Markets)
const order = {
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  quantity: "1",
  price: "1.00",
  postOnly: true
} as const

const placed = await runtime.runPromise(orders.executeOrder(order))
if (placed.status !== "New" || placed.orderType !== "Limit" || BigDecimal.format(placed.price) !== "1") {
  throw new Error("unexpected order answer")
}
const depth = await runtime.runPromise(markets.getDepth({ symbol: "SOL_USDC" }))
if (depth.bids.length !== 1000 || depth.asks.length !== 1000) throw new Error("unexpected depth answer")

const measure = async (id: string, name: string, n: number, lanes: number, op: () => Promise<unknown>) => {
  if (only !== undefined && only !== id) return
  for (let i = 0; i < Math.min(200, n); i++) await op()
  const cpu: Array<number> = []
  const wall: Array<number> = []
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await Promise.all(Array.from({ length: lanes }, async () => {
      for (let i = 0; i < n / lanes; i++) await op()
    }))
    const t = performance.now() - t0
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / n)
    wall.push((t * 1000) / n)
  }
  const sorted = (xs: Array<number>) => [...xs].sort((a, b) => a - b)
  const [cs, ws] = [sorted(cpu), sorted(wall)]
  console.log(
    `| ${name} | ${cs[0]!.toFixed(0)} | ${cs[Math.floor(rounds / 2)]!.toFixed(0)} | ${ws[0]!.toFixed(0)} | ${
      ws[Math.floor(rounds / 2)]!.toFixed(0)
    } | ${n} × ${rounds} |`
  )
}

console.log(`executor path: ${direct ? "direct" : "HttpClient pipeline"}`)
console.log("| case | CPU µs/call min | median | wall µs/call min | median | calls |")
console.log("| --- | ---: | ---: | ---: | ---: | ---: |")
await measure("order", "executeOrder, sequential", calls, 1, () => runtime.runPromise(orders.executeOrder(order)))
await measure("order16", "executeOrder, 16 concurrent", calls, 16, () => runtime.runPromise(orders.executeOrder(order)))
await measure(
  "depth",
  "getDepth 1000+1000, sequential",
  Math.floor(calls / 10),
  1,
  () => runtime.runPromise(markets.getDepth({ symbol: "SOL_USDC" }))
)
await runtime.dispose()

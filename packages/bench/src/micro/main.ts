/**
 * `pnpm --filter @effect-backpack/bench micro`: before/after of each hot-path optimisation of
 * issue 8, in one process, on the same inputs (the "before" of each row is the slow, exact version
 * the fast path is property-tested against, or the former store kept in `RbtBook.ts`):
 *
 * - lossless JSON parse of a 1000+1000-level depth answer and of an order answer;
 * - decimal parsing of the 4000 decimals of that answer;
 * - the whole `Markets.Depth` decode of the parsed answer;
 * - the depth answer and the order answer: lossless parse + Schema (before) against the hand-written
 *   decoders of `internal/fastDecode.ts` (after);
 * - the level store: a 1000+1000-level snapshot, then 100,000 one-level deltas.
 *
 * @since 0.1.0
 */
import { Model } from "@effect-backpack/sdk"
import * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"
import { performance } from "node:perf_hooks"
import * as Dec from "../../../sdk/src/internal/decimal.js"
import * as Fast from "../../../sdk/src/internal/fastDecode.js"
import { parseLossless, parseLosslessSlow } from "../../../sdk/src/internal/json.js"
import * as Book from "../../../sdk/src/internal/orderbook/book.js"
import * as Canned from "../loopback/Canned.js"
import { depthJson, prng } from "../Payloads.js"
import * as Rbt from "./RbtBook.js"

const quick = process.argv.includes("--quick")
const n = (full: number, q: number) => (quick ? q : full)

const depthText = depthJson(1000)
const orderText = JSON.stringify({
  orderType: "Limit",
  id: "114000000000000001",
  clientId: 12345,
  symbol: "SOL_USDC",
  side: "Bid",
  executedQuantity: "0",
  executedQuoteQuantity: "0",
  status: "New",
  createdAt: 1753102447307,
  price: "1.00",
  quantity: "1.00",
  postOnly: true,
  timeInForce: "GTC",
  selfTradePrevention: "RejectTaker"
})
const decimals = JSON.parse(depthText) as { bids: Array<[string, string]>; asks: Array<[string, string]> }
const decimalTexts = [...decimals.bids, ...decimals.asks].flat()

const check = (what: string, ok: boolean) => {
  if (!ok) throw new Error(`check failed: ${what}`)
}
check("JSON", JSON.stringify(parseLossless(depthText)) === JSON.stringify(parseLosslessSlow(depthText)))
check(
  "decimals",
  decimalTexts.every((t) => {
    const a = Dec.parseOrUndefined(t)!
    const b = BigDecimal.unsafeFromString(t)
    return a.value === b.value && a.scale === b.scale
  })
)

const decodeDepth = Schema.decodeUnknownSync(Model.Depth)
const parsedDepth = JSON.parse(depthText) as unknown
const decodeOrder = Schema.decodeUnknownSync(Model.OrderType, { onExcessProperty: "ignore" })
const orderAnswer = Canned.orderJson("114000000000000001", { price: "1.00", quantity: "1", clientId: 7 }, 1753102447307)
const same = (a: unknown, b: unknown) =>
  JSON.stringify(a, (_, v) => (typeof v === "bigint" ? `${v}n` : v)) ===
    JSON.stringify(b, (_, v) => (typeof v === "bigint" ? `${v}n` : v))
check("depth decoder", same(Fast.depth(depthText), decodeDepth(parseLossless(depthText))))
check("order decoder", same(Fast.order(JSON.parse(orderAnswer)), decodeOrder(parseLossless(orderAnswer))))

// the book: a snapshot of 1000+1000 levels, then random one-level deltas near the top (20% deletes)
const snapshot = decodeDepth(parsedDepth)
const random = prng(3)
const deltas: Array<readonly [boolean, Book.Level]> = Array.from({ length: 100_000 }, () => {
  const bid = random() < 0.5
  const offset = 1 + Math.floor(random() * 1250)
  const price = bid ? 18_000 - offset : 18_001 + offset
  const quantity = random() < 0.2 ? "0" : (1 + Math.floor(random() * 50_000)) / 100
  return [bid, [BigDecimal.unsafeFromString((price / 100).toFixed(2)), BigDecimal.unsafeFromString(String(quantity))]]
})
const runNew = () => {
  let bids = Book.applyLevels(Book.emptyBids, snapshot.bids)
  let asks = Book.applyLevels(Book.emptyAsks, snapshot.asks)
  for (const [bid, level] of deltas) {
    if (bid) bids = Book.setLevel(bids, level)
    else asks = Book.setLevel(asks, level)
  }
  return [Book.top(bids, 1), Book.top(asks, 1), Book.size(bids), Book.size(asks)] as const
}
const runOld = () => {
  let bids = Rbt.applyLevels(Rbt.emptyBids, snapshot.bids)
  let asks = Rbt.applyLevels(Rbt.emptyAsks, snapshot.asks)
  for (const [bid, level] of deltas) {
    if (bid) bids = Rbt.applyLevels(bids, [level])
    else asks = Rbt.applyLevels(asks, [level])
  }
  const first = (side: Rbt.Side) => {
    for (const entry of side) return [entry]
    return []
  }
  return [first(bids), first(asks), [...bids].length, [...asks].length] as const
}
const a = runNew()
const b = runOld()
const text = (levels: ReadonlyArray<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>) =>
  levels.map(([p, q]) => `${BigDecimal.format(p)}:${BigDecimal.format(q)}`).join()
check("book", text(a[0]) === text(b[0]) && text(a[1]) === text(b[1]) && a[2] === b[2] && a[3] === b[3])

/**
 * Per-call times of `op` (batches of `batch` calls for tiny ones): the minimum and the median. On a
 * loaded machine the minimum is the steadiest estimate of what the code costs.
 */
const measure = (name: string, iterations: number, op: () => unknown, batch = 1) => {
  let sink: unknown
  for (let i = 0; i < Math.min(iterations, 50); i++) sink = op()
  const samples: Array<number> = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    for (let j = 0; j < batch; j++) sink = op()
    samples.push((performance.now() - t0) / batch)
  }
  samples.sort((x, y) => x - y)
  void sink
  return { name, min: samples[0]!, median: samples[Math.floor(samples.length / 2)]!, iterations: iterations * batch }
}

const rows = [
  measure("JSON: full scan + JSON.parse (before), depth 1000+1000", n(400, 50), () => parseLosslessSlow(depthText)),
  measure("JSON: regex check + JSON.parse (after), depth 1000+1000", n(400, 50), () => parseLossless(depthText)),
  measure("JSON.parse alone, depth 1000+1000", n(400, 50), () => JSON.parse(depthText)),
  measure("JSON: full scan (before), order answer", n(400, 50), () => parseLosslessSlow(orderText), 50),
  measure("JSON: fast path (after), order answer", n(400, 50), () => parseLossless(orderText), 50),
  measure("Dec.parse slow (before), 4000 decimals", n(200, 20), () => decimalTexts.map(Dec.parseSlow)),
  measure("Dec.parse fast path (after), 4000 decimals", n(200, 20), () => decimalTexts.map(Dec.parse)),
  measure("Markets.Depth decode of the parsed answer (current code)", n(200, 20), () => decodeDepth(parsedDepth)),
  measure("depth answer: parseLossless + Schema (before)", n(200, 20), () => decodeDepth(parseLossless(depthText))),
  measure("depth answer: hand-written decoder from the text (after)", n(200, 20), () => Fast.depth(depthText)),
  measure(
    "order answer: parseLossless + Schema (before)",
    n(400, 50),
    () => decodeOrder(parseLossless(orderAnswer)),
    20
  ),
  measure(
    "order answer: JSON.parse + hand-written decoder (after)",
    n(400, 50),
    () => Fast.order(JSON.parse(orderAnswer)),
    20
  ),
  measure("book before: RBT + BigDecimal keys, snapshot + 100k deltas", n(5, 1), runOld),
  measure("book after: AVL + double keys, snapshot + 100k deltas", n(5, 1), runNew)
]
const ms = (x: number) => (x >= 1 ? `${x.toFixed(2)} ms` : `${(x * 1000).toFixed(1)} µs`)
console.log("| case | min | median | calls |\n| --- | ---: | ---: | ---: |")
for (const r of rows) {
  console.log(`| ${r.name} | ${ms(r.min)} | ${ms(r.median)} | ${r.iterations.toLocaleString("en-US")} |`)
}

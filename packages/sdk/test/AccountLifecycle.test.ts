/**
 * The order lifecycle state machine and the local balance model behind AccountState and the order
 * trackers: stale, duplicated and skipped updates, snapshots that reveal missed events, and the funds a
 * spot order locks, pays and releases.
 */
import { AccountState } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Schema } from "effect"
import { Balances } from "../src/internal/account/balances.js"
import * as L from "../src/internal/account/lifecycle.js"
import { Balance } from "../src/models/capital.js"
import { OrderUpdateEvent } from "../src/models/streams.js"

const decode = Schema.decodeUnknownSync(OrderUpdateEvent)
const dec = BigDecimal.unsafeFromString

let engineTime = 1_700_000_000_000_000
/** An `account.orderUpdate` payload of a limit bid (10 @ 20) as the exchange sends it. */
const update = (e: string, fields: Record<string, unknown> = {}) =>
  decode({
    e,
    E: engineTime,
    s: "SOL_USDC",
    c: 7,
    S: "Bid",
    o: "LIMIT",
    f: "GTC",
    q: "10",
    p: "20",
    X: "New",
    i: "111",
    z: "0",
    Z: "0",
    V: "RejectTaker",
    T: (engineTime += 1000),
    O: "USER",
    ...fields
  })

const fillUpdate = (tradeId: number, qty: string, executed: string, status = "PartiallyFilled") =>
  update("orderFill", { t: tradeId, l: qty, L: "20", m: true, n: "0.01", N: "SOL", z: executed, X: status })

const fill = (tradeId: number, qty: string) =>
  new AccountState.AccountFill({
    tradeId: String(tradeId),
    orderId: "111",
    clientId: 7,
    symbol: "SOL_USDC",
    side: "Bid",
    price: dec("20"),
    quantity: dec(qty),
    fee: dec("0.01"),
    feeSymbol: "SOL",
    isMaker: true,
    timestamp: 1
  })

const newLife = () => new L.Life(L.fromUpdate(update("orderAccepted"), undefined), false)

const describeAll = (events: ReadonlyArray<AccountState.OrderEvent>) =>
  events.map((e) =>
    `${e._tag}${"fill" in e && e.fill !== undefined ? `#${e.fill.tradeId}` : ""} ${
      BigDecimal.format(e.order.executedQuantity)
    }${e.derived ? " derived" : ""}`
  )

/** A fill history that fails the test when read. */
const noFetch: L.FetchFills = () => Effect.die("the fill history was read")

describe("order lifecycle", () => {
  it.effect("live updates: New, one event per fill, terminal; duplicates and later stale updates are dropped", () =>
    Effect.gen(function*() {
      const life = newLife()
      const run = (e: OrderUpdateEvent) => L.onUpdate(life, e, noFetch)
      const out = [
        ...yield* run(update("orderAccepted")),
        ...yield* run(update("orderAccepted")),
        ...yield* run(fillUpdate(1, "4", "4")),
        ...yield* run(fillUpdate(1, "4", "4")),
        ...yield* run(fillUpdate(2, "6", "10", "Filled")),
        ...yield* run(update("orderCancelled", { X: "Cancelled", z: "10" }))
      ]
      expect(describeAll(out)).toEqual(["New 0", "PartiallyFilled#1 4", "Filled#2 10"])
      expect(life.terminal).toBe(true)
    }))

  it.effect("a skipped fill (executed quantity jumps) is read from the fill history, in trade order, before the update", () =>
    Effect.gen(function*() {
      const life = newLife()
      let reads = 0
      const history: L.FetchFills = () => Effect.sync(() => (reads++, [fill(3, "5"), fill(2, "1")]))
      yield* L.onUpdate(life, update("orderAccepted"), history)
      const out = yield* L.onUpdate(life, update("orderCancelled", { X: "Cancelled", z: "6" }), history)
      expect(describeAll(out)).toEqual(["PartiallyFilled#2 1 derived", "PartiallyFilled#3 6 derived", "Cancelled 6"])
      expect(reads).toBe(1)
      expect(out.at(-1)!.order.status).toBe("Cancelled")
    }))

  it.effect("a fill before the accepted update (accepted lost) makes a derived New first", () =>
    Effect.gen(function*() {
      const life = newLife()
      const out = yield* L.onUpdate(life, fillUpdate(5, "10", "10", "Filled"), noFetch)
      expect(describeAll(out)).toEqual(["New 0 derived", "Filled#5 10"])
    }))

  it.effect("a snapshot reveals what was missed; the late live updates are then dropped", () =>
    Effect.gen(function*() {
      const life = newLife()
      yield* L.onUpdate(life, update("orderAccepted"), noFetch)
      const target = new AccountState.AccountOrder({
        ...life.order,
        executedQuantity: dec("10"),
        executedQuoteQuantity: dec("200"),
        status: "Filled"
      })
      const caught = yield* L.onSnapshot(life, target, () => Effect.succeed([fill(8, "3"), fill(9, "7")]))
      expect(describeAll(caught)).toEqual(["PartiallyFilled#8 3 derived", "Filled#9 10 derived"])
      const late = [
        ...yield* L.onUpdate(life, fillUpdate(8, "3", "3"), noFetch),
        ...yield* L.onUpdate(life, fillUpdate(9, "7", "10", "Filled"), noFetch)
      ]
      expect(late).toEqual([])
    }))

  it.effect("an order known only from a snapshot (accepted, partly filled) skips updates its executed quantity includes", () =>
    Effect.gen(function*() {
      const known = new AccountState.AccountOrder({
        ...L.fromUpdate(update("orderAccepted"), undefined),
        executedQuantity: dec("4"),
        status: "PartiallyFilled"
      })
      const life = new L.Life(known, true)
      const stale = yield* L.onUpdate(life, fillUpdate(1, "4", "4"), noFetch)
      expect(stale).toEqual([])
      const next = yield* L.onUpdate(life, fillUpdate(2, "6", "10", "Filled"), noFetch)
      expect(describeAll(next)).toEqual(["Filled#2 10"])
    }))
})

describe("local balances", () => {
  it("a resting bid locks price × quantity; fills pay at the fill price and release at the limit; a cancel releases the rest", () => {
    const balances = new Balances()
    balances.reset({
      USDC: new Balance({ available: dec("1000"), locked: dec("0"), staked: dec("0") }),
      SOL: new Balance({ available: dec("0"), locked: dec("0"), staked: dec("0") })
    })
    const market = { base: "SOL", quote: "USDC", spot: true }
    const order = (executed: string, status: string) =>
      new AccountState.AccountOrder({
        ...L.fromUpdate(update("orderAccepted"), undefined),
        executedQuantity: dec(executed),
        status
      })
    balances.apply(new AccountState.OrderNew({ order: order("0", "New"), derived: false }), market)
    const better = new AccountState.AccountFill({ ...fill(1, "4"), price: dec("19.5"), fee: dec("0.004") })
    balances.apply(
      new AccountState.OrderPartiallyFilled({ order: order("4", "PartiallyFilled"), fill: better, derived: false }),
      market
    )
    balances.apply(new AccountState.OrderCancelled({ order: order("4", "Cancelled"), derived: false }), market)
    const view = balances.view()
    expect([...view].map(([asset, b]) => `${asset} ${BigDecimal.format(b.available)} ${BigDecimal.format(b.locked)}`))
      .toEqual(["SOL 3.996 0", "USDC 922 0"])
  })
})

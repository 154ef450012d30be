/**
 * The exchange services around the matching engine: borrow/lend, conditional orders, RFQ, strategies, vaults,
 * dust and withdrawal delays, position/settlement history and liquidations. `attach` builds them once per
 * engine, subscribes them to the engine's events (prices and trades re-evaluate triggers and margin) and to
 * its clock (interest, strategy slices, redeems, expiries run whenever the engine's clock is checked).
 *
 * @internal
 */
import { CapitalOps } from "./capitalOps.js"
import * as Accounts from "./engine/accounts.js"
import type { Engine } from "./engine/engine.js"
import { defaultPools, Lending } from "./lending.js"
import { Liquidations } from "./liquidation.js"
import { PositionHistory } from "./positionHistory.js"
import { Rfqs } from "./rfq.js"
import { Strategies } from "./strategies.js"
import { Triggers } from "./triggers.js"
import { defaultVaults, Vaults } from "./vaults.js"

export interface Venue {
  readonly lending: Lending
  readonly triggers: Triggers
  readonly rfqs: Rfqs
  readonly strategies: Strategies
  readonly vaults: Vaults
  readonly capital: CapitalOps
  readonly positions: PositionHistory
  readonly liquidations: Liquidations
  /** Runs everything due on the clock and every pending price reaction now. */
  readonly tick: () => void
}

const venues = new WeakMap<Engine, Venue>()

/** Fixed seeds of the internal accounts (no draw from the engine's generator, so seeded runs are unchanged). */
const internalSeed = (tag: number) => new Uint8Array(32).fill(tag)

/** The venue of an engine, created (and wired to the engine) on first use. */
export const attach = (engine: Engine): Venue => {
  const existing = venues.get(engine)
  if (existing !== undefined) return existing
  const treasury = Accounts.create(engine, internalSeed(0x71), true).account
  const quoter = Accounts.create(engine, internalSeed(0x72), true).account
  const poolAccount = Accounts.create(engine, internalSeed(0x73), true).account
  Accounts.deposit(engine, treasury, "USDC", 10_000_000n * 10n ** 18n, "internal")
  if (engine.assets.some((a) => a.symbol !== "USDC")) {
    for (const a of engine.assets) {
      Accounts.deposit(
        engine,
        quoter,
        a.symbol,
        (a.symbol === "USDC" ? 100_000_000n : 100_000n) * 10n ** 18n,
        "internal"
      )
    }
  }
  const lending = new Lending(engine, poolAccount, defaultPools)
  const triggers = new Triggers(engine)
  const rfqs = new Rfqs(engine, quoter)
  const strategies = new Strategies(engine)
  const vaults = new Vaults(engine, lending, treasury, defaultVaults)
  const capital = new CapitalOps(engine, treasury)
  const positions = new PositionHistory(engine)
  const liquidations = new Liquidations(engine, lending)

  let busy = false
  const tick = () => {
    if (busy) return
    busy = true
    try {
      lending.accrue()
      strategies.run()
      triggers.evaluate()
      liquidations.check()
      vaults.crank()
      rfqs.expireDue()
      capital.release()
    } finally {
      busy = false
    }
  }
  // price reactions run after the engine operation that moved the price has finished (one per operation);
  // a trade moves the last price (triggers), a mark/index change can also move margin (liquidations)
  let scheduled: "triggers" | "all" | undefined
  const react = (what: "triggers" | "all") => {
    if (scheduled !== undefined) {
      if (what === "all") scheduled = "all"
      return
    }
    scheduled = what
    queueMicrotask(() => {
      const work = scheduled
      scheduled = undefined
      if (busy) return
      busy = true
      try {
        triggers.evaluate()
        if (work === "all") liquidations.check()
      } finally {
        busy = false
      }
    })
  }
  engine.bus.on("TradePrinted", () => react("triggers"))
  engine.bus.on("PriceChanged", () => react("all"))
  engine.bus.on("PositionChanged", (event) => positions.onPosition(event.account, event.market.symbol))
  engine.equityAdjustments.push((account) => lending.equityAdjustment(account))
  engine.clockHooks.push(tick)
  const venue: Venue = { lending, triggers, rfqs, strategies, vaults, capital, positions, liquidations, tick }
  venues.set(engine, venue)
  return venue
}

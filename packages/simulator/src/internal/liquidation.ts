/**
 * Liquidations: when an account's equity (USDC, unrealised perp PnL, lends and borrows) falls below its
 * maintenance margin (perp notional × the market's MMF plus the borrows' maintenance margin), its perp
 * positions are closed on the book with reduce-only market orders and each close is published on the public
 * `liquidation` stream; borrows are then repaid from whatever balance of the borrowed asset remains.
 *
 * @internal
 */
import * as D from "./decimal.js"
import * as Accounts from "./engine/accounts.js"
import type { Engine } from "./engine/engine.js"
import * as MarketData from "./engine/marketData.js"
import * as Matching from "./engine/matching.js"
import type { Account } from "./engine/model.js"
import * as Perps from "./engine/perps.js"
import type { Lending } from "./lending.js"
import { orderRequest } from "./systemOrders.js"

export interface LiquidationRecord {
  readonly accountId: number
  readonly symbol: string
  readonly side: "Bid" | "Ask"
  readonly quantity: bigint
  readonly price: bigint
  readonly timestamp: number
}

export class Liquidations {
  readonly records: Array<LiquidationRecord> = []
  private running = false

  constructor(readonly engine: Engine, readonly lending: Lending) {}

  /** Equity and maintenance margin of an account, in USDC. */
  health(account: Account): { readonly equity: bigint; readonly maintenance: bigint } {
    const { equity } = Perps.marginState(this.engine, account)
    let maintenance = this.lending.borrowMargin(account, "maintenance")
    for (const m of this.engine.markets.values()) {
      if (!m.perp) continue
      const net = account.positions.get(m.symbol)?.netQuantity ?? 0n
      if (net === 0n) continue
      maintenance += D.mul(D.mul(D.abs(net), MarketData.markPrice(m)), D.parse(m.def.mmfBase ?? "0.0125")!)
    }
    return { equity, maintenance }
  }

  /** Liquidates every account below maintenance; returns the number of positions closed. */
  check(): number {
    if (this.running) return 0
    this.running = true
    let closed = 0
    try {
      for (const account of this.engine.accounts.values()) {
        if (account.internal) continue
        let exposed = false
        for (const p of account.positions.values()) if (p.netQuantity !== 0n) exposed = true
        if (!exposed && this.lending.liability(account) === 0n) continue
        const { equity, maintenance } = this.health(account)
        if (maintenance === 0n || equity >= maintenance) continue
        closed += this.liquidate(account)
      }
    } finally {
      this.running = false
    }
    return closed
  }

  private liquidate(account: Account): number {
    let closed = 0
    for (const pos of [...account.positions.values()]) {
      if (pos.netQuantity === 0n) continue
      const m = this.engine.markets.get(pos.symbol)!
      const side = pos.netQuantity > 0n ? "Ask" : "Bid"
      for (const o of Accounts.openOrders(account, m.symbol)) {
        Matching.cancel(this.engine, account, m.symbol, o.id, null)
      }
      try {
        const order = Matching.execute(
          this.engine,
          account,
          orderRequest({
            symbol: m.symbol,
            side,
            orderType: "Market",
            quantity: D.abs(pos.netQuantity),
            reduceOnly: true
          })
        )
        if (order.executedQuantity === 0n) continue
        const price = D.floorTo(D.div(order.executedQuoteQuantity, order.executedQuantity), m.tick)
        const record: LiquidationRecord = {
          accountId: account.id,
          symbol: m.symbol,
          side,
          quantity: order.executedQuantity,
          price,
          timestamp: this.engine.now()
        }
        this.records.push(record)
        this.engine.bus.emit({
          _tag: "Liquidation",
          market: m,
          side,
          price,
          quantity: record.quantity,
          T: this.engine.micros()
        })
        closed++
      } catch {
        // no liquidity now: retried at the next price change or tick
      }
    }
    for (const pool of this.lending.pools.values()) {
      const net = this.lending.net(account, pool.params.symbol)
      if (net >= 0n) continue
      const available = Accounts.balance(account, pool.params.symbol).available
      const repay = D.floorTo(D.min(available, -net), pool.params.stepSize)
      if (repay > 0n) this.lending.execute(account, pool.params.symbol, "Lend", repay, "Liquidation")
    }
    return closed
  }

  /** Quantity liquidated in a market for an account. */
  liquidatedQuantity(accountId: number, symbol: string, since: number): bigint {
    let q = 0n
    for (const r of this.records) {
      if (r.accountId === accountId && r.symbol === symbol && r.timestamp >= since) q += r.quantity
    }
    return q
  }
}

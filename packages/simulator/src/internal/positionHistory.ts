/**
 * Position lifecycles and settlements, recorded from the engine's own position events: a row per position from
 * the trade that opens it to the trade that closes it (`/wapi/v1/history/position`), and the realised PnL,
 * funding and perp trading fees settled into the account (`/wapi/v1/history/settlement`).
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { Engine } from "./engine/engine.js"
import type { Account } from "./engine/model.js"

export interface PositionRow {
  readonly id: string
  readonly accountId: number
  readonly symbol: string
  readonly openedAt: number
  closedAt: number | null
  /** Position counters when the row opened (the engine keeps one running position per market). */
  readonly basePnl: bigint
  readonly baseFunding: bigint
  readonly fillsBefore: number
  netQuantity: bigint
  netCost: bigint
  pnlRealized: bigint
  funding: bigint
  closingPrice: bigint | null
  liquidated: bigint
}

export interface SettlementRecord {
  readonly accountId: number
  readonly quantity: bigint
  readonly source: "RealizePnl" | "FundingPayment" | "TradingFees"
  readonly positionId: string | null
  readonly timestamp: number
  readonly engineSequence: number
}

/** Position and settlement history. */
export class PositionHistory {
  readonly rows: Array<PositionRow> = []
  readonly open = new Map<string, PositionRow>()
  readonly settlements: Array<SettlementRecord> = []
  /** Counters already settled per `accountId:symbol`. */
  private readonly seen = new Map<string, { pnl: bigint; funding: bigint; fills: number }>()
  private sequence = 0

  constructor(readonly engine: Engine) {}

  /** Called for every position event of an account. */
  onPosition(account: Account, symbol: string): void {
    const pos = account.positions.get(symbol)
    if (pos === undefined) return
    const key = `${account.id}:${symbol}`
    const now = this.engine.now()
    let seen = this.seen.get(key)
    if (seen === undefined) {
      seen = { pnl: 0n, funding: 0n, fills: 0 }
      this.seen.set(key, seen)
    }
    // settlements: realised PnL, funding, and the fees of the perp fills since the last event
    if (pos.pnlRealized !== seen.pnl) {
      this.settle(account, pos.pnlRealized - seen.pnl, "RealizePnl", pos.positionId, now)
      seen.pnl = pos.pnlRealized
    }
    if (pos.cumulativeFundingPayment !== seen.funding) {
      this.settle(account, pos.cumulativeFundingPayment - seen.funding, "FundingPayment", pos.positionId, now)
      seen.funding = pos.cumulativeFundingPayment
    }
    for (let i = seen.fills; i < account.fills.length; i++) {
      const f = account.fills[i]!
      if (f.symbol === symbol && f.fee !== 0n) this.settle(account, -f.fee, "TradingFees", pos.positionId, now)
    }
    seen.fills = account.fills.length
    // lifecycle rows
    let row = this.open.get(key)
    if (row === undefined && pos.netQuantity !== 0n) {
      row = {
        id: pos.positionId,
        accountId: account.id,
        symbol,
        openedAt: now,
        closedAt: null,
        basePnl: pos.pnlRealized,
        baseFunding: pos.cumulativeFundingPayment,
        fillsBefore: account.fills.length - 1,
        netQuantity: 0n,
        netCost: 0n,
        pnlRealized: 0n,
        funding: 0n,
        closingPrice: null,
        liquidated: 0n
      }
      this.rows.push(row)
      this.open.set(key, row)
    }
    if (row === undefined) return
    row.netQuantity = pos.netQuantity
    row.netCost = pos.netCost
    row.pnlRealized = pos.pnlRealized - row.basePnl
    row.funding = pos.cumulativeFundingPayment - row.baseFunding
    if (pos.netQuantity === 0n) {
      row.closedAt = now
      row.closingPrice = null
      for (let i = account.fills.length - 1; i >= 0 && row.closingPrice === null; i--) {
        if (account.fills[i]!.symbol === symbol) row.closingPrice = account.fills[i]!.price
      }
      this.open.delete(key)
    }
  }

  private settle(
    account: Account,
    quantity: bigint,
    source: SettlementRecord["source"],
    positionId: string,
    at: number
  ) {
    this.settlements.push({
      accountId: account.id,
      quantity,
      source,
      positionId,
      timestamp: at,
      engineSequence: ++this.sequence
    })
  }

  /** Fees and traded volume of a row (from the account's fills in its lifetime). */
  fillsOf(account: Account, row: PositionRow): { readonly fees: bigint; readonly volume: bigint } {
    let fees = 0n
    let volume = 0n
    for (let i = Math.max(0, row.fillsBefore); i < account.fills.length; i++) {
      const f = account.fills[i]!
      if (f.symbol !== row.symbol) continue
      if (row.closedAt !== null && f.timestamp > row.closedAt) break
      fees += f.fee
      volume += f.quantity
    }
    return { fees, volume }
  }
}

/** Closed volume of a row: what was traded minus what is still open, halved (opening and closing legs). */
export const closedVolume = (volume: bigint, net: bigint): bigint => (volume - D.abs(net)) / 2n

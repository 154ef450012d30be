/**
 * Position lifecycles and settlements, recorded from the engine's own position events: a row per position from
 * the trade that opens it to the trade that closes it (`/wapi/v1/history/position`), and the realised PnL,
 * funding and perp trading fees settled into the account (`/wapi/v1/history/settlement`).
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { Engine } from "./engine/engine.js"
import { Ring } from "./engine/history.js"
import type { Account, Fill } from "./engine/model.js"

export interface PositionRow {
  readonly id: string
  readonly accountId: number
  readonly symbol: string
  readonly openedAt: number
  closedAt: number | null
  /** Position counters when the row opened (the engine keeps one running position per market). */
  readonly basePnl: bigint
  readonly baseFunding: bigint
  /** Fees and traded quantity of the fills in the row's lifetime. */
  fees: bigint
  volume: bigint
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

/**
 * Position and settlement history, per account in bounded rings (the engine's per-account history cap); the
 * internal accounts (market makers, treasury) keep none, so background activity adds nothing here.
 */
export class PositionHistory {
  private readonly rowRings = new Map<number, Ring<PositionRow>>()
  readonly open = new Map<string, PositionRow>()
  private readonly settlementRings = new Map<number, Ring<SettlementRecord>>()
  /** Counters already settled per `accountId:symbol`. */
  private readonly seen = new Map<string, { pnl: bigint; funding: bigint; lastFill: Fill | undefined }>()
  private sequence = 0

  constructor(readonly engine: Engine) {}

  /** The account's position rows, oldest first. */
  rows(accountId: number): ReadonlyArray<PositionRow> {
    return [...(this.rowRings.get(accountId)?.oldestFirst() ?? [])]
  }

  /** The account's settlements, oldest first. */
  settlements(accountId: number): ReadonlyArray<SettlementRecord> {
    return [...(this.settlementRings.get(accountId)?.oldestFirst() ?? [])]
  }

  private ring<A>(rings: Map<number, Ring<A>>, accountId: number): Ring<A> {
    let ring = rings.get(accountId)
    if (ring === undefined) {
      ring = new Ring(this.engine.history.account)
      rings.set(accountId, ring)
    }
    return ring
  }

  /** Called for every position event of an account. */
  onPosition(account: Account, symbol: string): void {
    if (account.internal) return
    const pos = account.positions.get(symbol)
    if (pos === undefined) return
    const key = `${account.id}:${symbol}`
    const now = this.engine.now()
    let seen = this.seen.get(key)
    if (seen === undefined) {
      seen = { pnl: 0n, funding: 0n, lastFill: undefined }
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
    // the account's fills since the last event of this position (the fill history is a bounded ring: walk back
    // from the newest to the last one seen)
    const fresh: Array<Fill> = []
    for (const f of account.fills.newestFirst()) {
      if (f === seen.lastFill) break
      if (f.symbol === symbol) fresh.push(f)
    }
    fresh.reverse()
    seen.lastFill = account.fills.last()
    for (const f of fresh) {
      if (f.fee !== 0n) this.settle(account, -f.fee, "TradingFees", pos.positionId, now)
    }
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
        fees: 0n,
        volume: 0n,
        netQuantity: 0n,
        netCost: 0n,
        pnlRealized: 0n,
        funding: 0n,
        closingPrice: null,
        liquidated: 0n
      }
      this.ring(this.rowRings, account.id).push(row)
      this.open.set(key, row)
    }
    if (row === undefined) return
    for (const f of fresh) {
      row.fees += f.fee
      row.volume += f.quantity
    }
    row.netQuantity = pos.netQuantity
    row.netCost = pos.netCost
    row.pnlRealized = pos.pnlRealized - row.basePnl
    row.funding = pos.cumulativeFundingPayment - row.baseFunding
    if (pos.netQuantity === 0n) {
      row.closedAt = now
      row.closingPrice = fresh.at(-1)?.price ?? null
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
    this.ring(this.settlementRings, account.id).push({
      accountId: account.id,
      quantity,
      source,
      positionId,
      timestamp: at,
      engineSequence: ++this.sequence
    })
  }
}

/** Closed volume of a row: what was traded minus what is still open, halved (opening and closing legs). */
export const closedVolume = (volume: bigint, net: bigint): bigint => (volume - D.abs(net)) / 2n

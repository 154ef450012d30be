/**
 * Capital operations beyond deposits and withdrawals: dust conversion (small balances to USDC at the mark price)
 * and the account's withdrawal delay (raising it applies at once, lowering it only after the current delay has
 * passed; withdrawals of an account with a delay stay `pending` until their `triggerAt`).
 *
 * @internal
 */
import * as D from "./decimal.js"
import * as Accounts from "./engine/accounts.js"
import type { Engine } from "./engine/engine.js"
import * as MarketData from "./engine/marketData.js"
import type { Account, WithdrawalRecord } from "./engine/model.js"
import { ApiFailure } from "./engine/model.js"

/** A balance whose value is below this many USDC is dust. */
export const DUST_THRESHOLD_USDC = D.parse("1")!
const HOUR = 3_600_000

export interface DustRecord {
  readonly id: number
  readonly accountId: number
  readonly symbol: string
  readonly quantity: bigint
  readonly usdcReceived: bigint
  readonly timestamp: number
}

export interface WithdrawalDelayState {
  current: number | null
  pending: number | null
  pendingEnabledAt: number | null
}

/** Dust and withdrawal-delay state. */
export class CapitalOps {
  readonly dust: Array<DustRecord> = []
  readonly delays = new Map<number, WithdrawalDelayState>()
  /** Withdrawals held by a delay: record → release time. */
  readonly held = new Map<WithdrawalRecord, number>()
  private nextDustId = 41_000

  constructor(readonly engine: Engine, readonly treasury: Account) {}

  /** `POST /api/v1/account/convertDust`: converts one asset, or every dust balance, to USDC. */
  convertDust(account: Account, symbol: string | undefined): Array<DustRecord> {
    if (symbol !== undefined && !this.engine.assets.some((a) => a.symbol === symbol)) {
      throw new ApiFailure(400, "INVALID_ASSET", "Invalid asset")
    }
    if (symbol === "USDC") throw new ApiFailure(400, "INVALID_ASSET", "USDC cannot be converted")
    const out: Array<DustRecord> = []
    for (const [asset, b] of [...account.balances]) {
      if (asset === "USDC" || b.available <= 0n || (symbol !== undefined && asset !== symbol)) continue
      if (!this.engine.assets.some((a) => a.symbol === asset)) continue
      const price = MarketData.assetPrice(this.engine, asset)
      const value = D.floorTo(D.mul(b.available, price), D.parse("0.000001")!)
      if (value >= DUST_THRESHOLD_USDC) continue
      const cash = Accounts.balance(this.treasury, "USDC")
      if (cash.available < value) continue
      Accounts.balance(this.treasury, asset).available += b.available
      cash.available -= value
      Accounts.balance(account, "USDC").available += value
      const record: DustRecord = {
        id: this.nextDustId++,
        accountId: account.id,
        symbol: asset,
        quantity: b.available,
        usdcReceived: value,
        timestamp: this.engine.now()
      }
      b.available = 0n
      this.dust.push(record)
      out.push(record)
    }
    if (symbol !== undefined && out.length === 0) {
      throw new ApiFailure(400, "INVALID_QUANTITY", "Balance is not dust")
    }
    return out
  }

  delay(account: Account): WithdrawalDelayState | undefined {
    const d = this.delays.get(account.id)
    if (d === undefined) return undefined
    this.applyPending(d)
    return d
  }

  private applyPending(d: WithdrawalDelayState): void {
    if (d.pending !== null && d.pendingEnabledAt !== null && this.engine.now() >= d.pendingEnabledAt) {
      d.current = d.pending === 0 ? null : d.pending
      d.pending = null
      d.pendingEnabledAt = null
    }
  }

  /** `POST …/withdrawals/delay`: sets a first delay. */
  createDelay(account: Account, hours: number): void {
    const existing = this.delay(account)
    if (existing !== undefined && existing.current !== null) {
      throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Withdrawal delay already exists")
    }
    this.delays.set(account.id, { current: hours === 0 ? null : hours, pending: null, pendingEnabledAt: null })
  }

  /** `PATCH …/withdrawals/delay`: a longer delay applies now, a shorter one after the current delay. */
  updateDelay(account: Account, hours: number): WithdrawalDelayState {
    const d = this.delay(account)
    if (d === undefined || d.current === null) {
      throw new ApiFailure(404, "RESOURCE_NOT_FOUND", "No withdrawal delay")
    }
    if (hours >= d.current) {
      d.current = hours
      d.pending = null
      d.pendingEnabledAt = null
    } else {
      d.pending = hours
      d.pendingEnabledAt = this.engine.now() + d.current * HOUR
    }
    return d
  }

  /** Holds a new withdrawal when the account has a delay; returns the release time. */
  hold(account: Account, record: WithdrawalRecord): number | null {
    const d = this.delay(account)
    if (d === undefined || d.current === null) return null
    const at = record.createdAt + d.current * HOUR
    this.held.set(record, at)
    return at
  }

  /** Confirms held withdrawals whose delay has passed; applies due delay changes. */
  release(): number {
    const now = this.engine.now()
    let n = 0
    for (const [record, at] of this.held) {
      if (now < at) continue
      record.status = "confirmed"
      this.held.delete(record)
      n++
    }
    for (const d of this.delays.values()) this.applyPending(d)
    return n
  }
}

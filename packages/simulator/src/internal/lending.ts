/**
 * Borrow / lend: one pool per asset, a signed position per account and asset (positive = lent, negative =
 * borrowed), a kinked utilisation rate curve, hourly interest accrual on the simulator's clock, and the margin
 * the positions add to or take from an account. Pool funds sit in an internal account so balances are conserved.
 *
 * @internal
 */
import * as D from "./decimal.js"
import * as Accounts from "./engine/accounts.js"
import type { Engine } from "./engine/engine.js"
import * as MarketData from "./engine/marketData.js"
import type { Account } from "./engine/model.js"
import { ApiFailure } from "./engine/model.js"
import * as Perps from "./engine/perps.js"

/** Interest is paid at every whole hour of the exchange clock. */
export const INTEREST_INTERVAL_MS = 3_600_000
/** A clock jump pays at most this many intervals (about 14 months), the rest is skipped. */
const MAX_CATCH_UP = 10_000
const HOURS_PER_YEAR = 8760n

/** Rate-curve and risk parameters of one borrow/lend market. */
export interface PoolParams {
  readonly symbol: string
  /** Annual borrow rate at zero utilisation. */
  readonly baseRate: bigint
  /** Annual borrow rate at the optimal utilisation. */
  readonly optimalRate: bigint
  /** Annual borrow rate at full utilisation. */
  readonly maxRate: bigint
  readonly optimalUtilization: bigint
  readonly maxUtilization: bigint
  /** Share of borrow interest the exchange keeps. */
  readonly fee: bigint
  readonly stepSize: bigint
  /** Seeded supply from other lenders. */
  readonly seedSupply: bigint
  /** Initial-margin fraction of a borrow (maintenance is half of it). */
  readonly imf: bigint
}

const p = (s: string) => D.parse(s)!

/** Pools of the seeded assets. */
export const defaultPools: ReadonlyArray<PoolParams> = [
  ["USDC", "0.02", "0.1", "1", "0.8", "0.9", "0.2", "0.000001", "5000000", "0.1"],
  ["SOL", "0.01", "0.06", "1", "0.7", "0.9", "0.2", "0.0001", "50000", "0.2"],
  ["BTC", "0.005", "0.04", "1", "0.7", "0.9", "0.2", "0.00000001", "100", "0.2"],
  ["ETH", "0.008", "0.05", "1", "0.7", "0.9", "0.2", "0.000001", "2000", "0.2"]
].map(([symbol, base, opt, max, ou, mu, fee, step, supply, imf]) => ({
  symbol: symbol!,
  baseRate: p(base!),
  optimalRate: p(opt!),
  maxRate: p(max!),
  optimalUtilization: p(ou!),
  maxUtilization: p(mu!),
  fee: p(fee!),
  stepSize: p(step!),
  seedSupply: p(supply!),
  imf: p(imf!)
}))

export interface Pool {
  readonly params: PoolParams
  /** Total lent, seeded supply and accrued lend interest included. */
  lent: bigint
  /** Total owed by borrowers, accrued borrow interest included. */
  borrowed: bigint
  /** Hourly snapshots for `/borrowLend/markets/history`. */
  readonly history: Array<PoolSnapshot>
}

export interface PoolSnapshot {
  readonly timestamp: number
  readonly borrowRate: bigint
  readonly lendRate: bigint
  readonly borrowed: bigint
  readonly lent: bigint
  readonly utilization: bigint
}

export interface LendPosition {
  readonly id: string
  readonly accountId: number
  readonly symbol: string
  /** Positive: lent; negative: borrowed. */
  net: bigint
  cumulativeInterest: bigint
  /** Sum of interest rates applied (for the average in the history rows). */
  rateSum: bigint
  rateCount: number
  readonly createdAt: number
  closedAt: number | null
}

export type MovementType = "Borrow" | "BorrowRepay" | "Lend" | "LendRedeem"

export interface Movement {
  readonly accountId: number
  readonly eventType: MovementType
  readonly positionId: string
  readonly positionQuantity: bigint
  readonly quantity: bigint
  readonly source: string
  readonly symbol: string
  readonly timestamp: number
}

export interface InterestRecord {
  readonly accountId: number
  readonly paymentType: "Borrow" | "Lend"
  readonly interestRate: bigint
  readonly positionId: string
  readonly quantity: bigint
  readonly symbol: string
  readonly timestamp: number
}

/** Utilisation `borrowed / lent` (0 for an empty pool). */
export const utilization = (pool: Pool): bigint => (pool.lent === 0n ? 0n : D.div(pool.borrowed, pool.lent))

/** Annual borrow rate of the kinked curve at the pool's utilisation. */
export const borrowRate = (pool: Pool): bigint => {
  const u = utilization(pool)
  const { baseRate, maxRate, optimalRate, optimalUtilization } = pool.params
  if (u <= optimalUtilization) return baseRate + D.div(D.mul(optimalRate - baseRate, u), optimalUtilization)
  const over = D.div(u - optimalUtilization, D.ONE - optimalUtilization)
  return optimalRate + D.mul(maxRate - optimalRate, D.min(over, D.ONE))
}

/** Annual lend rate: the borrow interest spread over the lenders, minus the exchange's fee. */
export const lendRate = (pool: Pool): bigint =>
  D.mul(D.mul(borrowRate(pool), utilization(pool)), D.ONE - pool.params.fee)

const insufficient = (code: string, message: string) => new ApiFailure(400, code, message)

/** Borrow/lend state of the exchange. */
export class Lending {
  readonly pools = new Map<string, Pool>()
  /** Open position per `accountId:symbol`. */
  readonly open = new Map<string, LendPosition>()
  readonly positions: Array<LendPosition> = []
  readonly movements: Array<Movement> = []
  readonly interest: Array<InterestRecord> = []
  nextAccrual: number
  private nextPositionId = 28_300_000_000n

  constructor(readonly engine: Engine, readonly poolAccount: Account, params: ReadonlyArray<PoolParams>) {
    for (const params_ of params) {
      if (!engine.assets.some((a) => a.symbol === params_.symbol)) continue
      this.pools.set(params_.symbol, { params: params_, lent: 0n, borrowed: 0n, history: [] })
      if (params_.seedSupply > 0n) {
        Accounts.deposit(engine, poolAccount, params_.symbol, params_.seedSupply)
        this.pools.get(params_.symbol)!.lent = params_.seedSupply
      }
    }
    const now = engine.now()
    this.nextAccrual = (Math.floor(now / INTEREST_INTERVAL_MS) + 1) * INTEREST_INTERVAL_MS
    for (const pool of this.pools.values()) {
      this.snapshot(pool, Math.floor(now / INTEREST_INTERVAL_MS) * INTEREST_INTERVAL_MS)
    }
  }

  pool(symbol: string): Pool {
    const pool = this.pools.get(symbol)
    if (pool === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Asset is not available for borrow or lend")
    return pool
  }

  position(account: Account, symbol: string): LendPosition | undefined {
    return this.open.get(`${account.id}:${symbol}`)
  }

  /** Net lent (positive) or borrowed (negative) quantity of an asset. */
  net(account: Account, symbol: string): bigint {
    return this.position(account, symbol)?.net ?? 0n
  }

  private positionFor(account: Account, symbol: string): LendPosition {
    const key = `${account.id}:${symbol}`
    let pos = this.open.get(key)
    if (pos === undefined) {
      pos = {
        id: (this.nextPositionId++).toString(),
        accountId: account.id,
        symbol,
        net: 0n,
        cumulativeInterest: 0n,
        rateSum: 0n,
        rateCount: 0,
        createdAt: this.engine.now(),
        closedAt: null
      }
      this.open.set(key, pos)
      this.positions.push(pos)
    }
    return pos
  }

  private closeIfFlat(pos: LendPosition): void {
    if (pos.net !== 0n) return
    pos.closedAt = this.engine.now()
    this.open.delete(`${pos.accountId}:${pos.symbol}`)
  }

  private move(account: Account, pos: LendPosition, eventType: MovementType, quantity: bigint, source: string) {
    this.movements.push({
      accountId: account.id,
      eventType,
      positionId: pos.id,
      positionQuantity: pos.net,
      quantity,
      source,
      symbol: pos.symbol,
      timestamp: this.engine.now()
    })
  }

  /**
   * `POST /api/v1/borrowLend`. `Lend` repays an open borrow first, then lends; `Borrow` redeems an open lend
   * first, then borrows against the account's margin.
   */
  execute(account: Account, symbol: string, side: "Borrow" | "Lend", quantity: bigint, source = "Manual"): void {
    const pool = this.pool(symbol)
    if (quantity <= 0n) throw insufficient("INVALID_QUANTITY", "Quantity must be positive")
    if (quantity % pool.params.stepSize !== 0n) throw insufficient("INVALID_QUANTITY", "Quantity decimal too long")
    const balance = Accounts.balance(account, symbol)
    const poolBalance = Accounts.balance(this.poolAccount, symbol)
    let pos = this.positionFor(account, symbol)
    // a repay or redeem that flattens the position closes it; what is left opens a new one
    const turn = () => {
      this.closeIfFlat(pos)
      pos = this.positionFor(account, symbol)
    }
    try {
      if (side === "Lend") {
        if (balance.available < quantity) throw insufficient("INSUFFICIENT_FUNDS", "Insufficient funds")
        const repay = pos.net < 0n ? D.min(-pos.net, quantity) : 0n
        const lend = quantity - repay
        balance.available -= quantity
        poolBalance.available += quantity
        if (repay > 0n) {
          pos.net += repay
          pool.borrowed -= repay
          this.move(account, pos, "BorrowRepay", repay, source)
        }
        if (lend > 0n) {
          if (repay > 0n) turn()
          pos.net += lend
          pool.lent += lend
          this.move(account, pos, "Lend", lend, source)
        }
      } else {
        const redeem = pos.net > 0n ? D.min(pos.net, quantity) : 0n
        const borrow = quantity - redeem
        if (borrow > 0n) {
          const max = this.maxBorrow(account, symbol)
          if (borrow > max) {
            const short = D.mul(pool.lent - redeem, pool.params.maxUtilization) - pool.borrowed < borrow
            throw short
              ? insufficient("INSUFFICIENT_SUPPLY", "Insufficient supply")
              : insufficient("INSUFFICIENT_MARGIN", "Insufficient margin")
          }
        }
        if (redeem > 0n && poolBalance.available < redeem) {
          throw insufficient("INSUFFICIENT_SUPPLY", "Insufficient supply")
        }
        if (redeem > 0n) {
          pos.net -= redeem
          pool.lent -= redeem
          this.move(account, pos, "LendRedeem", redeem, source)
        }
        if (borrow > 0n) {
          if (redeem > 0n) turn()
          pos.net -= borrow
          pool.borrowed += borrow
          this.move(account, pos, "Borrow", borrow, source)
        }
        poolBalance.available -= quantity
        balance.available += quantity
      }
    } finally {
      this.closeIfFlat(pos)
    }
  }

  /** Value of the account's lend positions (haircut) minus its borrow liabilities, in USDC. */
  equityAdjustment(account: Account): bigint {
    let total = 0n
    for (const pool of this.pools.values()) {
      const net = this.net(account, pool.params.symbol)
      if (net === 0n) continue
      const price = MarketData.assetPrice(this.engine, pool.params.symbol)
      total += net > 0n ? D.mul(D.mul(net, price), this.weight(pool.params.symbol)) : D.mul(net, price)
    }
    return total
  }

  /** Initial margin the account's borrows require, in USDC. */
  borrowMargin(account: Account, fraction: "initial" | "maintenance" = "initial"): bigint {
    let total = 0n
    for (const pool of this.pools.values()) {
      const net = this.net(account, pool.params.symbol)
      if (net >= 0n) continue
      const imf = fraction === "initial" ? pool.params.imf : pool.params.imf / 2n
      total += D.mul(D.mul(-net, MarketData.assetPrice(this.engine, pool.params.symbol)), imf)
    }
    return total
  }

  /** Borrow liability in USDC (sum of borrowed quantity × price). */
  liability(account: Account): bigint {
    let total = 0n
    for (const pool of this.pools.values()) {
      const net = this.net(account, pool.params.symbol)
      if (net < 0n) total += D.mul(-net, MarketData.assetPrice(this.engine, pool.params.symbol))
    }
    return total
  }

  weight(symbol: string): bigint {
    return D.parse(this.engine.assets.find((a) => a.symbol === symbol)?.collateralWeight ?? "0")!
  }

  /**
   * Free margin of the account in USDC: collateral-weighted balances and lends, minus borrow liabilities, plus
   * unrealised perp PnL, minus the initial margin of perps and borrows.
   */
  freeMargin(account: Account): bigint {
    let collateral = 0n
    for (const [asset, b] of account.balances) {
      if (!this.engine.assets.some((a) => a.symbol === asset)) continue
      const total = b.available + b.locked + b.staked
      collateral += D.mul(D.mul(total, MarketData.assetPrice(this.engine, asset)), this.weight(asset))
    }
    const { initialMargin, unrealized } = Perps.marginState(this.engine, account)
    return collateral + this.equityAdjustment(account) + unrealized - initialMargin - this.borrowMargin(account)
  }

  /**
   * Largest quantity of `symbol` the account can borrow now: the free margin divided by what one unit costs
   * in margin (`price × (1 + imf − weight)`: the liability plus its margin, less the haircut value of the
   * borrowed coins), capped by the pool's supply at its maximum utilisation. Redeeming a lend into the balance
   * leaves the free margin unchanged (both count at the same haircut), so a borrow that redeems first has the
   * same cap.
   */
  maxBorrow(account: Account, symbol: string): bigint {
    const pool = this.pool(symbol)
    const price = MarketData.assetPrice(this.engine, symbol)
    if (price === 0n) return 0n
    const free = this.freeMargin(account)
    const perUnit = D.mul(price, D.ONE + pool.params.imf - this.weight(symbol))
    const byMargin = free <= 0n || perUnit <= 0n ? 0n : D.div(free, perUnit)
    const cap = D.mul(pool.lent, pool.params.maxUtilization) - pool.borrowed
    return D.max(0n, D.floorTo(D.min(byMargin, cap), pool.params.stepSize))
  }

  private snapshot(pool: Pool, timestamp: number): void {
    pool.history.push({
      timestamp,
      borrowRate: borrowRate(pool),
      lendRate: lendRate(pool),
      borrowed: pool.borrowed,
      lent: pool.lent,
      utilization: utilization(pool)
    })
    if (pool.history.length > 10_000) pool.history.splice(0, pool.history.length - 10_000)
  }

  /** Accrues interest for every whole hour elapsed on the exchange clock; returns the number of payments. */
  accrue(): number {
    let n = 0
    const now = this.engine.now()
    const oldest = now - MAX_CATCH_UP * INTEREST_INTERVAL_MS
    if (this.nextAccrual < oldest) {
      this.nextAccrual += Math.ceil((oldest - this.nextAccrual) / INTEREST_INTERVAL_MS) * INTEREST_INTERVAL_MS
    }
    while (this.nextAccrual <= now) {
      const at = this.nextAccrual
      for (const pool of this.pools.values()) {
        const bRate = borrowRate(pool)
        const lRate = lendRate(pool)
        for (const pos of this.open.values()) {
          if (pos.symbol !== pool.params.symbol || pos.net === 0n) continue
          const rate = pos.net < 0n ? bRate : lRate
          const amount = D.floorTo(D.mul(pos.net, rate) / HOURS_PER_YEAR, 1n)
          if (amount === 0n) continue
          pos.net += amount
          if (amount < 0n) pool.borrowed -= amount
          else pool.lent += amount
          pos.cumulativeInterest += amount
          pos.rateSum += rate
          pos.rateCount++
          this.interest.push({
            accountId: pos.accountId,
            paymentType: amount < 0n ? "Borrow" : "Lend",
            interestRate: rate,
            positionId: pos.id,
            quantity: amount,
            symbol: pos.symbol,
            timestamp: at
          })
          n++
        }
        // the seeded supply earns interest too (it is part of `lent`)
        this.snapshot(pool, at)
      }
      this.nextAccrual += INTEREST_INTERVAL_MS
    }
    return n
  }
}

/**
 * Vaults: an account of its own that holds the vault's equity (USDC it lends in the borrow/lend pool, so the
 * NAV grows with the interest it earns), and a vault token. Minting pays USDC in and receives tokens at the
 * current NAV; a redeem request locks the tokens and pays out at the NAV when the vault's redeem delay has
 * passed on the clock, unless cancelled before. The token supply is pre-minted into the vault account, so
 * minting and redeeming only move balances.
 *
 * @internal
 */
import { randomBytes } from "node:crypto"
import * as D from "./decimal.js"
import * as Accounts from "./engine/accounts.js"
import type { Engine } from "./engine/engine.js"
import type { Account } from "./engine/model.js"
import { ApiFailure } from "./engine/model.js"
import type { Lending } from "./lending.js"

export interface VaultDefinition {
  readonly id: number
  readonly vaultToken: string
  readonly symbol: string
  readonly minMintQuantity: string
  readonly minRedeemTokens: string
  readonly redeemDelayMs: number
  readonly tokenStepSize: string
  /** Maximum equity the vault accepts. */
  readonly capacity: string
}

/**
 * Vaults of the simulator. Each vault's own account has a fresh random key per run (never the engine's seeded
 * generator, so seeded runs are unchanged): nobody can sign as the vault over the network; in-process code
 * reads the secret from `Vault.apiSecret` (`SimulatorService.vaultAccount` for tests of the vault-only routes).
 */
export const defaultVaults: ReadonlyArray<VaultDefinition> = [
  {
    id: 1,
    vaultToken: "SIMVLT",
    symbol: "USDC",
    minMintQuantity: "10",
    minRedeemTokens: "1",
    redeemDelayMs: 60_000,
    tokenStepSize: "0.000001",
    capacity: "10000000"
  }
]

/** Tokens pre-minted into each vault account. */
const TOKEN_SUPPLY = D.fromInt(1_000_000_000_000)

export interface VaultRedeemRecord {
  readonly id: string
  readonly accountId: number
  readonly vaultId: number
  readonly vaultTokenQuantity: bigint
  status: "Requested" | "Redeemed" | "Cancelled"
  quantity: bigint | null
  nav: bigint | null
  reason: string | null
  readonly requestedAt: number
  timestamp: number
}

export interface VaultMintRecord {
  readonly id: string
  readonly accountId: number
  readonly vaultId: number
  readonly quantity: bigint
  readonly tokens: bigint
  readonly nav: bigint
  readonly timestamp: number
}

export interface Vault {
  readonly def: VaultDefinition
  readonly account: Account
  /** Base64 seed of the vault's own account: random per run, known only in-process. */
  readonly apiSecret: string
  readonly step: bigint
  readonly history: Array<
    { readonly timestamp: number; readonly nav: bigint; readonly equity: bigint; readonly supply: bigint }
  >
  lastCrank: number
}

const fail = (code: string, message: string, status = 400) => new ApiFailure(status, code, message)

/** Vault state of the exchange. */
export class Vaults {
  readonly vaults = new Map<number, Vault>()
  readonly redeems: Array<VaultRedeemRecord> = []
  readonly mints: Array<VaultMintRecord> = []
  /** Redeems not yet paid or cancelled: what the clock looks at. */
  private readonly pending = new Set<VaultRedeemRecord>()
  private nextId = 7_700_000_000n

  /** `escrow` (an internal account) holds the tokens of pending redeems; they still count as circulating. */
  constructor(
    readonly engine: Engine,
    readonly lending: Lending,
    readonly escrow: Account,
    defs: ReadonlyArray<VaultDefinition>
  ) {
    for (const def of defs) {
      const { account, apiSecret } = Accounts.create(engine, randomBytes(32))
      Accounts.deposit(engine, account, def.vaultToken, TOKEN_SUPPLY, "internal")
      const vault: Vault = {
        def,
        account,
        apiSecret,
        step: D.parse(def.tokenStepSize)!,
        history: [],
        lastCrank: engine.now()
      }
      this.vaults.set(def.id, vault)
      this.record(vault)
    }
  }

  vault(id: number): Vault {
    const v = this.vaults.get(id)
    if (v === undefined) throw fail("RESOURCE_NOT_FOUND", "Vault not found", 404)
    return v
  }

  /** The vault whose own account this is. */
  ownVault(account: Account): Vault {
    for (const v of this.vaults.values()) if (v.account === account) return v
    throw fail("FORBIDDEN", "Only the vault account can query this", 403)
  }

  /** Equity of the vault in its asset: balance plus what it lends. */
  equity(v: Vault): bigint {
    const b = Accounts.balance(v.account, v.def.symbol)
    return b.available + b.locked + D.max(0n, this.lending.net(v.account, v.def.symbol))
  }

  /** Tokens held outside the vault account. */
  supply(v: Vault): bigint {
    const b = Accounts.balance(v.account, v.def.vaultToken)
    return TOKEN_SUPPLY - b.available - b.locked
  }

  /** Net asset value per token (1 before the first mint). */
  nav(v: Vault): bigint {
    const supply = this.supply(v)
    return supply === 0n ? D.ONE : D.div(this.equity(v), supply)
  }

  /** Time-weighted NAV over the last 24 h of hourly points and the current NAV. */
  twapNav(v: Vault): bigint {
    const since = this.engine.now() - 86_400_000
    const points = v.history.filter((h) => h.timestamp >= since).map((h) => h.nav)
    points.push(this.nav(v))
    return points.reduce((a, b) => a + b, 0n) / BigInt(points.length)
  }

  /** `POST /api/v1/vault/mint`: at `max(nav, twapNav)`. */
  mint(account: Account, vaultId: number, symbol: string, quantity: bigint): void {
    const v = this.vault(vaultId)
    if (symbol !== v.def.symbol) throw fail("INVALID_ASSET", `Vault ${vaultId} mints with ${v.def.symbol}`)
    if (quantity < D.parse(v.def.minMintQuantity)!) {
      throw fail("INVALID_QUANTITY", "Quantity is below the minimum mint quantity")
    }
    if (this.equity(v) + quantity > D.parse(v.def.capacity)!) throw fail("INVALID_QUANTITY", "Vault capacity reached")
    const nav = D.max(this.nav(v), this.twapNav(v))
    const tokens = D.floorTo(D.div(quantity, nav), v.step)
    if (tokens <= 0n) throw fail("INVALID_QUANTITY", "Quantity too small")
    const paid = Accounts.balance(account, symbol)
    if (paid.available < quantity) throw fail("INSUFFICIENT_FUNDS", "Insufficient funds")
    paid.available -= quantity
    Accounts.balance(v.account, symbol).available += quantity
    Accounts.balance(v.account, v.def.vaultToken).available -= tokens
    Accounts.balance(account, v.def.vaultToken).available += tokens
    // the vault puts its cash to work in the lending pool
    this.lending.execute(
      v.account,
      symbol,
      "Lend",
      D.floorTo(quantity, this.lending.pool(symbol).params.stepSize),
      "AutoLend"
    )
    this.nextId += 1n
    this.mints.push({
      id: this.nextId.toString(),
      accountId: account.id,
      vaultId,
      quantity,
      tokens,
      nav,
      timestamp: this.engine.now()
    })
  }

  /** `POST /api/v1/vault/redeem`: escrows the tokens (all when no quantity) until the redeem delay has passed. */
  requestRedeem(account: Account, vaultId: number, tokens: bigint | undefined): VaultRedeemRecord {
    const v = this.vault(vaultId)
    if (this.pendingOf(account, vaultId) !== undefined) {
      throw fail("INVALID_CLIENT_REQUEST", "A redeem is already pending")
    }
    const b = Accounts.balance(account, v.def.vaultToken)
    const qty = tokens ?? b.available
    if (qty <= 0n || qty < D.parse(v.def.minRedeemTokens)!) {
      throw fail("INVALID_QUANTITY", "Quantity is below the minimum redeem quantity")
    }
    if (qty % v.step !== 0n) throw fail("INVALID_QUANTITY", "Quantity decimal too long")
    if (b.available < qty) throw fail("INSUFFICIENT_FUNDS", "Insufficient funds")
    b.available -= qty
    Accounts.balance(this.escrow, v.def.vaultToken).available += qty
    this.nextId += 1n
    const now = this.engine.now()
    const r: VaultRedeemRecord = {
      id: this.nextId.toString(),
      accountId: account.id,
      vaultId,
      vaultTokenQuantity: qty,
      status: "Requested",
      quantity: null,
      nav: null,
      reason: null,
      requestedAt: now,
      timestamp: now
    }
    this.redeems.push(r)
    this.pending.add(r)
    return r
  }

  pendingOf(account: Account, vaultId: number): VaultRedeemRecord | undefined {
    return this.redeems.find((r) => r.accountId === account.id && r.vaultId === vaultId && r.status === "Requested")
  }

  /** `DELETE /api/v1/vault/redeem`. */
  cancelRedeem(account: Account, vaultId: number): void {
    const v = this.vault(vaultId)
    const r = this.pendingOf(account, vaultId)
    if (r === undefined) throw fail("RESOURCE_NOT_FOUND", "No pending redeem", 404)
    Accounts.balance(this.escrow, v.def.vaultToken).available -= r.vaultTokenQuantity
    Accounts.balance(account, v.def.vaultToken).available += r.vaultTokenQuantity
    r.status = "Cancelled"
    r.timestamp = this.engine.now()
  }

  /** Pays out every redeem whose delay has passed; records an hourly NAV point. Returns redeems executed. */
  crank(): number {
    const now = this.engine.now()
    let n = 0
    for (const r of this.pending) {
      if (r.status !== "Requested") {
        this.pending.delete(r)
        continue
      }
      const v = this.vault(r.vaultId)
      if (now < r.requestedAt + v.def.redeemDelayMs) continue
      const nav = D.min(this.nav(v), this.twapNav(v))
      const payout = D.floorTo(D.mul(r.vaultTokenQuantity, nav), this.lending.pool(v.def.symbol).params.stepSize)
      const cash = Accounts.balance(v.account, v.def.symbol)
      if (cash.available < payout) {
        const lent = D.max(0n, this.lending.net(v.account, v.def.symbol))
        this.lending.execute(v.account, v.def.symbol, "Borrow", D.min(lent, payout - cash.available), "AutoLend")
      }
      const account = this.engine.accounts.get(r.accountId)!
      Accounts.balance(this.escrow, v.def.vaultToken).available -= r.vaultTokenQuantity
      Accounts.balance(v.account, v.def.vaultToken).available += r.vaultTokenQuantity
      cash.available -= payout
      Accounts.balance(account, v.def.symbol).available += payout
      r.status = "Redeemed"
      this.pending.delete(r)
      r.quantity = payout
      r.nav = nav
      r.timestamp = now
      n++
    }
    for (const v of this.vaults.values()) {
      v.lastCrank = now
      const last = v.history[v.history.length - 1]
      if (last === undefined || now - last.timestamp >= 3_600_000) this.record(v)
    }
    return n
  }

  private record(v: Vault): void {
    v.history.push({ timestamp: this.engine.now(), nav: this.nav(v), equity: this.equity(v), supply: this.supply(v) })
    if (v.history.length > 10_000) v.history.shift()
  }
}

/**
 * Accounts and balances: registration from Ed25519 keys, balances, deposits (faucet), withdrawals, the open
 * orders of an account, and the exchange-wide totals the audit checks.
 *
 * @internal
 */
import * as Auth from "../auth.js"
import * as D from "../decimal.js"
import { blockchains } from "../markets.js"
import type { Engine } from "./engine.js"
import type { Account, Balance, DepositRecord, Order, WithdrawalRecord } from "./model.js"
import { ApiFailure, invalidClient, PlainFailure } from "./model.js"

/** Registers an account for a public key. */
export const register = (engine: Engine, publicKey: Uint8Array, internal: boolean, id?: number): Account => {
  const apiKey = Auth.toBase64(publicKey)
  const account: Account = {
    id: id ?? engine.nextAccountId++,
    apiKey,
    publicKey,
    balances: new Map(),
    settings: {
      autoBorrowSettlements: false,
      autoLend: false,
      autoRepayBorrows: false,
      leverageLimit: D.fromInt(10)
    },
    positions: new Map(),
    fills: [],
    orders: [],
    deposits: [],
    withdrawals: [],
    fundingPayments: [],
    internal
  }
  engine.accounts.set(account.id, account)
  if (!internal) engine.accountsByKey.set(apiKey, account)
  return account
}

/** Creates (or returns the existing) account for a 32-byte Ed25519 seed. */
export const create = (
  engine: Engine,
  seed: Uint8Array,
  internal = false
): { readonly account: Account; readonly apiSecret: string } => {
  const publicKey = Auth.publicKeyFromSeed(seed)
  const existing = engine.accountsByKey.get(Auth.toBase64(publicKey))
  const account = existing ?? register(engine, publicKey, internal)
  if (internal && existing === undefined) engine.accountsByKey.set(account.apiKey, account)
  return { account, apiSecret: Auth.toBase64(seed) }
}

/** Creates an account from a fresh seed drawn from the seeded generator. */
export const createRandom = (
  engine: Engine,
  internal = false
): { readonly account: Account; readonly apiSecret: string } => create(engine, engine.prng.bytes32(), internal)

/** The balance of an asset (created at zero). */
export const balance = (account: Account, asset: string): Balance => {
  let b = account.balances.get(asset)
  if (b === undefined) {
    b = { available: 0n, locked: 0n, staked: 0n }
    account.balances.set(asset, b)
  }
  return b
}

/** Credits `quantity` of `asset` and records a confirmed deposit. */
export const deposit = (
  engine: Engine,
  account: Account,
  asset: string,
  quantity: bigint,
  source = "administrator"
): DepositRecord => {
  if (quantity <= 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity must be positive")
  balance(account, asset).available += quantity
  const record: DepositRecord = { id: engine.nextDepositId++, symbol: asset, quantity, source, createdAt: engine.now() }
  account.deposits.push(record)
  return record
}

/** Open orders of an account, optionally in one market, oldest first. */
export const openOrders = (account: Account, symbol?: string): Array<Order> =>
  account.orders.filter((o) =>
    (o.status === "New" || o.status === "PartiallyFilled") && (symbol === undefined || o.symbol === symbol)
  )

/** The open order with that id (or client id) in a market. */
export const findOpenOrder = (
  account: Account,
  symbol: string,
  orderId: string | null,
  clientId: number | null
): Order | undefined =>
  openOrders(account, symbol).find((o) =>
    orderId !== null ? o.id === orderId : clientId !== null && o.clientId === clientId
  )

/** Total of each asset across every account (including the fee collector) plus open perp cash. */
export const totals = (engine: Engine): Map<string, bigint> => {
  const out = new Map<string, bigint>()
  for (const account of engine.accounts.values()) {
    for (const [asset, b] of account.balances) {
      out.set(asset, (out.get(asset) ?? 0n) + b.available + b.locked + b.staked)
    }
    for (const p of account.positions.values()) {
      const quote = engine.markets.get(p.symbol)!.def.quoteSymbol
      out.set(quote, (out.get(quote) ?? 0n) - p.netCost)
    }
  }
  return out
}

/** Net deposits minus withdrawals (including withdrawal fees kept by the exchange) per asset. */
export const netFlows = (engine: Engine): Map<string, bigint> => {
  const out = new Map<string, bigint>()
  for (const account of engine.accounts.values()) {
    for (const d of account.deposits) out.set(d.symbol, (out.get(d.symbol) ?? 0n) + d.quantity)
    for (const w of account.withdrawals) out.set(w.symbol, (out.get(w.symbol) ?? 0n) - w.quantity)
  }
  return out
}

/** Executes a withdrawal request (`AccountWithdrawalPayload`); the fee goes to the fee collector. */
export const withdraw = (engine: Engine, account: Account, body: Record<string, unknown>): WithdrawalRecord => {
  const symbol = body.symbol
  const blockchain = body.blockchain
  const address = body.address
  if (typeof blockchain !== "string" || !blockchains.includes(blockchain)) {
    throw new PlainFailure(
      400,
      "Bad Request parse request payload error: failed to parse \"Blockchain\": Expect a valid enumeration value. (occurred while parsing \"AccountWithdrawalPayload\")"
    )
  }
  if (typeof address !== "string" || address.length === 0) throw invalidClient("Invalid address")
  const asset = engine.assets.find((a) => a.symbol === symbol)
  if (asset === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Invalid asset")
  const token = asset.tokens.find((t) => t.blockchain === blockchain)
  if (token === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Asset is not supported on this blockchain")
  const raw = body.quantity
  const qty = typeof raw === "string" ? D.parse(raw) : typeof raw === "number" ? D.parse(String(raw)) : undefined
  if (raw !== undefined && raw !== null && qty === undefined) {
    throw new PlainFailure(
      400,
      "Bad Request parse request payload error: failed to parse \"Decimal\": Expect a valid decimal. (occurred while parsing \"OrderExecutePayload\")"
    )
  }
  if (qty === undefined || qty <= 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Invalid quantity")
  if (qty < D.parse(token.minimumWithdrawal)!) {
    throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity is below the minimum withdrawal")
  }
  const fee = D.parse(token.withdrawalFee)!
  const b = balance(account, asset.symbol)
  if (b.available < qty + fee) throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
  b.available -= qty + fee
  balance(engine.feeAccount(), asset.symbol).available += fee
  const clientId = body.clientId
  const record: WithdrawalRecord = {
    id: engine.nextWithdrawalId++,
    blockchain,
    clientId: typeof clientId === "string" ? clientId : null,
    quantity: qty,
    fee,
    symbol: asset.symbol,
    status: "pending",
    toAddress: address,
    createdAt: engine.now()
  }
  account.withdrawals.push(record)
  return record
}

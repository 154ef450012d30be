/**
 * Accounts and balances: registration from Ed25519 keys, balances, deposits (faucet), withdrawals, the open
 * orders of an account, and the exchange-wide totals the audit checks.
 *
 * @internal
 */
import * as Auth from "../auth.js"
import * as D from "../decimal.js"
import type { Engine } from "./engine.js"
import { Ring } from "./history.js"
import type { Account, Balance, DepositRecord, Order, WithdrawalRecord } from "./model.js"
import { ApiFailure, invalidClient } from "./model.js"

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
    open: new Map(),
    openBySymbol: new Map(),
    openByClientId: new Map(),
    orders: new Ring(engine.history.account),
    fills: new Ring(engine.history.account),
    deposits: new Ring(engine.history.account),
    withdrawals: new Ring(engine.history.account),
    fundingPayments: new Ring(engine.history.account),
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
  engine.flows.set(asset, (engine.flows.get(asset) ?? 0n) + quantity)
  const record: DepositRecord = { id: engine.nextDepositId++, symbol: asset, quantity, source, createdAt: engine.now() }
  account.deposits.push(record)
  return record
}

/** Open orders of an account, optionally in one market, oldest first (from the open-order index). */
export const openOrders = (account: Account, symbol?: string): Array<Order> =>
  symbol === undefined ? [...account.open.values()] : [...(account.openBySymbol.get(symbol)?.values() ?? [])]

/** The open order with that id (or client id) in a market. */
export const findOpenOrder = (
  account: Account,
  symbol: string,
  orderId: string | null,
  clientId: number | null
): Order | undefined => {
  const o = orderId !== null
    ? account.open.get(orderId)
    : clientId !== null
    ? account.openByClientId.get(clientId)
    : undefined
  return o !== undefined && o.symbol === symbol ? o : undefined
}

/** Records a new order in the history and, while it is open, in the open-order index. */
export const recordOrder = (account: Account, order: Order): void => {
  account.orders.push(order)
  account.open.set(order.id, order)
  let inMarket = account.openBySymbol.get(order.symbol)
  if (inMarket === undefined) {
    inMarket = new Map()
    account.openBySymbol.set(order.symbol, inMarket)
  }
  inMarket.set(order.id, order)
  if (order.clientId !== null) account.openByClientId.set(order.clientId, order)
}

/** Takes an order that is no longer open out of the open-order index. */
export const closeOrder = (account: Account, order: Order): void => {
  if (!account.open.delete(order.id)) return
  account.openBySymbol.get(order.symbol)?.delete(order.id)
  if (order.clientId !== null && account.openByClientId.get(order.clientId) === order) {
    account.openByClientId.delete(order.clientId)
  }
}

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
export const netFlows = (engine: Engine): Map<string, bigint> => new Map(engine.flows)

/** Executes a parsed withdrawal request (`AccountWithdrawalPayload`); the fee goes to the fee collector. */
export const withdraw = (
  engine: Engine,
  account: Account,
  request: {
    readonly symbol: string
    readonly blockchain: string
    readonly address: string
    readonly quantity?: { readonly value: bigint } | undefined
    readonly clientId?: string | undefined
  }
): WithdrawalRecord => {
  const { address, blockchain, symbol } = request
  if (address.length === 0) throw invalidClient("Invalid address")
  const asset = engine.assets.find((a) => a.symbol === symbol)
  if (asset === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Invalid asset")
  const token = asset.tokens.find((t) => t.blockchain === blockchain)
  if (token === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Asset is not supported on this blockchain")
  const qty = request.quantity?.value
  if (qty === undefined || qty <= 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Invalid quantity")
  if (qty < D.parse(token.minimumWithdrawal)!) {
    throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity is below the minimum withdrawal")
  }
  const fee = D.parse(token.withdrawalFee)!
  const b = balance(account, asset.symbol)
  if (b.available < qty + fee) throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
  b.available -= qty + fee
  balance(engine.feeAccount(), asset.symbol).available += fee
  engine.flows.set(asset.symbol, (engine.flows.get(asset.symbol) ?? 0n) - qty)
  const record: WithdrawalRecord = {
    id: engine.nextWithdrawalId++,
    blockchain,
    clientId: request.clientId ?? null,
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

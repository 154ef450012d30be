/**
 * Models of the capital endpoints: balances, margin summary, deposits, deposit addresses,
 * withdrawals and the withdrawal delay.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import {
  Blockchain,
  DepositSource,
  DepositStatus,
  EqualsMoneyWithdrawalState,
  FiatAsset,
  WithdrawalStatus
} from "./enums.js"

/**
 * The balance of one asset (`GET /api/v1/capital`).
 *
 * @since 0.1.0
 * @category models
 */
export class Balance extends Schema.Class<Balance>("Balance")({
  /** Free to trade or withdraw. */
  available: S.Decimal,
  /** Held by open orders. */
  locked: S.Decimal,
  /** Staked. */
  staked: S.Decimal
}) {
  /** `available + locked + staked`. */
  get total(): BigDecimal.BigDecimal {
    return BigDecimal.sum(BigDecimal.sum(this.available, this.locked), this.staked)
  }
}

/**
 * Balances keyed by asset symbol (`{ "USDC": Balance, … }`).
 *
 * @since 0.1.0
 * @category models
 */
export const Balances = Schema.Record({ key: Schema.String, value: Balance })

/**
 * @since 0.1.0
 * @category models
 */
export type Balances = typeof Balances.Type

/**
 * One collateral asset of the margin account.
 *
 * @since 0.1.0
 * @category models
 */
export class Collateral extends Schema.Class<Collateral>("Collateral")({
  /** Asset symbol. */
  symbol: Schema.String,
  /** Mark price of the asset. */
  assetMarkPrice: S.Decimal,
  /** Total quantity held. */
  totalQuantity: S.Decimal,
  /** Notional value of the balance. */
  balanceNotional: S.Decimal,
  /** Weight applied to the notional (haircut). */
  collateralWeight: S.Decimal,
  /** Value counted as collateral. */
  collateralValue: S.Decimal,
  /** Quantity held by open orders. */
  openOrderQuantity: S.Decimal,
  /** Quantity lent out. */
  lendQuantity: S.Decimal,
  /** Quantity available. */
  availableQuantity: S.Decimal
}) {}

/**
 * Margin summary of the account (`GET /api/v1/capital/collateral`).
 *
 * @since 0.1.0
 * @category models
 */
export class MarginAccountSummary extends Schema.Class<MarginAccountSummary>("MarginAccountSummary")({
  /** Value of the assets. */
  assetsValue: S.Decimal,
  /** Borrow liability. */
  borrowLiability: S.Decimal,
  /** Per-asset collateral. */
  collateral: Schema.Array(Collateral),
  /** Initial margin fraction. */
  imf: S.Decimal,
  /** Unsettled equity. */
  unsettledEquity: S.Decimal,
  /** Value of the liabilities. */
  liabilitiesValue: S.Decimal,
  /** Margin fraction (absent when the account has no liabilities). */
  marginFraction: S.optional(S.Decimal),
  /** Maintenance margin fraction. */
  mmf: S.Decimal,
  /** Net equity. */
  netEquity: S.Decimal,
  /** Net equity available. */
  netEquityAvailable: S.Decimal,
  /** Net equity locked. */
  netEquityLocked: S.Decimal,
  /** Net exposure of futures positions. */
  netExposureFutures: S.Decimal,
  /** Unrealized PnL. */
  pnlUnrealized: S.Decimal
}) {}

/**
 * A deposit (`GET /wapi/v1/capital/deposits`).
 *
 * @since 0.1.0
 * @category models
 */
export class Deposit extends Schema.Class<Deposit>("Deposit")({
  /** Deposit id. */
  id: S.Int,
  /** Receiving address. */
  toAddress: S.optional(Schema.String),
  /** Sending address. */
  fromAddress: S.optional(Schema.String),
  /** Where the deposit came from (`ethereum`, `solana`, `banxa`, …). */
  source: DepositSource.open,
  /** `pending`, `confirmed`, … */
  status: DepositStatus.open,
  /** On-chain transaction hash. */
  transactionHash: S.optional(Schema.String),
  /** Asset symbol. */
  symbol: Schema.String,
  /** Quantity deposited. */
  quantity: S.Decimal,
  /** Creation time (UTC, from a naive date-time, ms precision). */
  createdAt: S.NaiveDateTime,
  /** Fiat amount (sent as a JSON number; decoded exactly from its text). */
  fiatAmount: S.optional(S.Decimal),
  /** Fiat currency of `fiatAmount`. */
  fiatCurrency: S.optional(FiatAsset.open),
  /** Bank identifier code of the sending institution. */
  institutionBic: S.optional(Schema.String),
  /** Platform memo. */
  platformMemo: S.optional(Schema.String)
}) {}

/**
 * A deposit address (`GET /wapi/v1/capital/deposit/address`).
 *
 * @since 0.1.0
 * @category models
 */
export class DepositAddress extends Schema.Class<DepositAddress>("DepositAddress")({
  /** The address to send funds to. */
  address: Schema.String
}) {}

/**
 * A withdrawal (`GET`/`POST /wapi/v1/capital/withdrawals`).
 *
 * @since 0.1.0
 * @category models
 */
export class Withdrawal extends Schema.Class<Withdrawal>("Withdrawal")({
  /** Withdrawal id. */
  id: S.Int,
  /** Destination chain. */
  blockchain: Blockchain.open,
  /** Caller's id for the withdrawal (a string here, unlike orders). */
  clientId: S.optional(Schema.String),
  /** Identifier (e.g. transaction reference). */
  identifier: S.optional(Schema.String),
  /** Quantity withdrawn. */
  quantity: S.Decimal,
  /** Fee charged. */
  fee: S.Decimal,
  /** Fee in fiat (fiat withdrawals). */
  fiatFee: S.optional(S.Decimal),
  /** State of a fiat withdrawal. */
  fiatState: S.optional(EqualsMoneyWithdrawalState.open),
  /** Fiat currency. */
  fiatSymbol: S.optional(FiatAsset.open),
  /** Provider id. */
  providerId: S.optional(Schema.String),
  /** Asset symbol. */
  symbol: Schema.String,
  /** `pending`, `confirmed`, … */
  status: WithdrawalStatus.open,
  /** Subaccount id. */
  subaccountId: S.optional(S.Int),
  /** Destination address. */
  toAddress: Schema.String,
  /** On-chain transaction hash. */
  transactionHash: S.optional(Schema.String),
  /** Creation time (UTC, from a naive date-time, ms precision). */
  createdAt: S.NaiveDateTime,
  /** Internal transfer between Backpack accounts. */
  isInternal: Schema.Boolean,
  /** Bank name (fiat withdrawals). */
  bankName: S.optional(Schema.String),
  /** Bank identifier (fiat withdrawals). */
  bankIdentifier: S.optional(Schema.String),
  /** Account identifier (fiat withdrawals). */
  accountIdentifier: S.optional(Schema.String),
  /** When a delayed withdrawal executes (UTC, from a naive date-time). */
  triggerAt: S.optional(S.NaiveDateTime)
}) {}

/**
 * The withdrawal delay of the account (`GET`/`PATCH /wapi/v1/capital/withdrawals/delay`).
 *
 * @since 0.1.0
 * @category models
 */
export class WithdrawalDelay extends Schema.Class<WithdrawalDelay>("WithdrawalDelay")({
  /** Delay in force, in hours. */
  currentWithdrawalDelayHours: S.optional(S.Int),
  /** Delay that will take effect, in hours. */
  pendingWithdrawalDelayHours: S.optional(S.Int),
  /** When the pending delay takes effect (UTC, from a naive date-time). */
  pendingWithdrawalDelayHoursEnabledAt: S.optional(S.NaiveDateTime)
}) {}

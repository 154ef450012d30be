/**
 * Models of the account endpoints: the account summary (settings, fee tiers, order counts), the
 * settings update body, and the maximum borrow / order / withdrawal quantities.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import { Side } from "./enums.js"

/**
 * The account's settings, limits and fee tiers (`GET /api/v1/account`).
 *
 * Fee fields are in **basis points** (1 bp = 0.01 %), e.g. `"8.5"` = 0.085 %; a negative fee is a
 * rebate.
 *
 * @since 0.1.0
 * @category models
 */
export class AccountSummary extends Schema.Class<AccountSummary>("AccountSummary")({
  /** Borrow automatically to settle negative balances. */
  autoBorrowSettlements: Schema.Boolean,
  /** Lend idle balances automatically. */
  autoLend: Schema.Boolean,
  /** Realise futures PnL automatically. */
  autoRealizePnl: Schema.Boolean,
  /** Repay borrows automatically when funds arrive. */
  autoRepayBorrows: Schema.Boolean,
  /** Borrow limit of the account. */
  borrowLimit: S.Decimal,
  /** Futures maker fee, basis points (negative = rebate). */
  futuresMakerFee: S.Decimal,
  /** Futures taker fee, basis points. */
  futuresTakerFee: S.Decimal,
  /** Maximum leverage the account allows itself (e.g. `"10"`). */
  leverageLimit: S.Decimal,
  /** Number of open limit orders. */
  limitOrders: S.Int,
  /** The account is being liquidated. */
  liquidating: Schema.Boolean,
  /** Position limit of the account. */
  positionLimit: S.Decimal,
  /** Spot maker fee, basis points (negative = rebate). */
  spotMakerFee: S.Decimal,
  /** Spot taker fee, basis points. */
  spotTakerFee: S.Decimal,
  /** Number of open trigger (conditional) orders. */
  triggerOrders: S.Int
}) {}

/**
 * Body of `Account.updateAccountSettings` (`UpdateAccountSettingsRequest`): at least one setting.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UpdateAccountSettingsRequest = Schema.Struct({
  /** Borrow automatically to settle negative balances. */
  autoBorrowSettlements: Schema.optional(Schema.Boolean),
  /** Lend idle balances automatically. */
  autoLend: Schema.optional(Schema.Boolean),
  /** Repay borrows automatically when funds arrive. */
  autoRepayBorrows: Schema.optional(Schema.Boolean),
  /** Maximum leverage, a positive decimal such as `"10"`. */
  leverageLimit: Schema.optional(S.PositiveDecimalParam)
}).pipe(
  Schema.filter((settings) =>
    Object.values(settings).some((value) => value !== undefined) ||
    { path: [], message: "Specify at least one setting to update" }
  ),
  Schema.annotations({ identifier: "UpdateAccountSettingsRequest" })
)

/**
 * How much of an asset the account can still borrow (`GET /api/v1/account/limits/borrow`).
 *
 * @since 0.1.0
 * @category models
 */
export class MaxBorrowQuantity extends Schema.Class<MaxBorrowQuantity>("MaxBorrowQuantity")({
  /** Maximum quantity that can be borrowed, in units of the asset. */
  maxBorrowQuantity: S.Decimal,
  /** The asset, e.g. `SOL`. */
  symbol: Schema.String
}) {}

/**
 * The largest order the account can place (`GET /api/v1/account/limits/order`); echoes the inputs.
 *
 * @since 0.1.0
 * @category models
 */
export class MaxOrderQuantity extends Schema.Class<MaxOrderQuantity>("MaxOrderQuantity")({
  /** Echo of the `autoBorrow` input. */
  autoBorrow: S.optional(Schema.Boolean),
  /** Echo of the `autoBorrowRepay` input. */
  autoBorrowRepay: S.optional(Schema.Boolean),
  /** Echo of the `autoLendRedeem` input. */
  autoLendRedeem: S.optional(Schema.Boolean),
  /** Maximum order quantity, in units of the base asset. */
  maxOrderQuantity: S.Decimal,
  /** Echo of the `price` input. */
  price: S.optional(S.Decimal),
  /** Echo of the side, `Bid` or `Ask` (open). */
  side: Side.open,
  /** The market, e.g. `SOL_USDC`. */
  symbol: Schema.String,
  /** Echo of the `reduceOnly` input. */
  reduceOnly: S.optional(Schema.Boolean)
}) {}

/**
 * How much of an asset the account can withdraw (`GET /api/v1/account/limits/withdrawal`).
 *
 * @since 0.1.0
 * @category models
 */
export class MaxWithdrawalQuantity extends Schema.Class<MaxWithdrawalQuantity>("MaxWithdrawalQuantity")({
  /** Echo of the `autoBorrow` input. */
  autoBorrow: S.optional(Schema.Boolean),
  /** Echo of the `autoLendRedeem` input. */
  autoLendRedeem: S.optional(Schema.Boolean),
  /** Maximum quantity that can be withdrawn, in units of the asset. */
  maxWithdrawalQuantity: S.Decimal,
  /** The asset, e.g. `USDC`. */
  symbol: Schema.String
}) {}

/**
 * Query of `Account.getMaxBorrowQuantity`. `symbol` is an **asset** (`SOL`), not a market.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MaxBorrowQuantityParams = Schema.Struct({
  /** The asset to borrow, e.g. `SOL`. */
  symbol: S.AssetSymbol
}).annotations({ identifier: "MaxBorrowQuantityParams" })

/**
 * Query of `Account.getMaxOrderQuantity`. `symbol` is a **market** (`SOL_USDC`).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MaxOrderQuantityParams = Schema.Struct({
  /** The market, e.g. `SOL_USDC`. */
  symbol: S.MarketSymbol,
  /** `Bid` or `Ask`. */
  side: Side,
  /** Limit price to size the order at (market price when absent). */
  price: Schema.optional(S.PositiveDecimalParam),
  /** Size a reduce-only order. */
  reduceOnly: Schema.optional(Schema.Boolean),
  /** Allow borrowing to fund the order. */
  autoBorrow: Schema.optional(Schema.Boolean),
  /** Allow repaying borrows with the proceeds. */
  autoBorrowRepay: Schema.optional(Schema.Boolean),
  /** Allow redeeming lent assets to fund the order. */
  autoLendRedeem: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "MaxOrderQuantityParams" })

/**
 * Query of `Account.getMaxWithdrawalQuantity`. `symbol` is an **asset** (`USDC`), not a market.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MaxWithdrawalQuantityParams = Schema.Struct({
  /** The asset to withdraw, e.g. `USDC`. */
  symbol: S.AssetSymbol,
  /** Allow borrowing to fund the withdrawal. */
  autoBorrow: Schema.optional(Schema.Boolean),
  /** Allow redeeming lent assets to fund the withdrawal. */
  autoLendRedeem: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "MaxWithdrawalQuantityParams" })

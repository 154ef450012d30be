/**
 * The exchange's enumerations (backpack-api.md §6), exactly as on the wire, one export each.
 *
 * An enumeration `X` is the strict schema itself (a value outside the enum is a `ValidationError`
 * on a request parameter, before anything is sent) and carries:
 * - `X.values`: the documented values, in the spec's order;
 * - `X.schema`: the strict schema (`X` itself);
 * - `X.open`: the schema used when decoding responses, where a value the exchange adds later passes
 *   through as a string instead of failing the whole response;
 * - `type X`: the union of the values.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An enumeration of the exchange: its strict schema, with the value list and the open schema.
 *
 * @since 0.2.0
 * @category models
 */
export interface Enumeration<Values extends readonly [string, ...Array<string>]> extends Schema.Literal<[...Values]> {
  /** The documented values, in the spec's order. */
  readonly values: Values
  /** The strict schema (the enumeration itself): a value outside `values` fails. */
  readonly schema: Schema.Literal<[...Values]>
  /** The open schema for responses: the documented values typed, any other string passed through. */
  readonly open: Schema.Schema<Values[number] | (string & {}), string>
}

/**
 * Declares an enumeration from its values.
 *
 * @example
 * ```ts
 * import { Model } from "@effect-backpack/sdk"
 *
 * Model.Side.values // ["Bid", "Ask"]
 * const side: Model.Side = "Bid"
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const enumeration = <const Values extends readonly [string, ...Array<string>]>(
  values: Values
): Enumeration<Values> => {
  const schema = Schema.Literal(...values)
  const open: Schema.Schema<Values[number] | (string & {}), string> = Schema.Union(schema, Schema.String)
  return Object.assign(schema, { values, schema, open })
}

/**
 * One of `Bid`, `Ask`.
 *
 * @since 0.1.0
 * @category enums
 */
export const Side = enumeration(["Bid", "Ask"])

/**
 * @since 0.1.0
 * @category enums
 */
export type Side = typeof Side.Type

/**
 * One of `Limit`, `Market`.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderTypeEnum = enumeration(["Limit", "Market"])

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderTypeEnum = typeof OrderTypeEnum.Type

/**
 * One of `GTC`, `IOC`, `FOK`.
 *
 * @since 0.1.0
 * @category enums
 */
export const TimeInForce = enumeration(["GTC", "IOC", "FOK"])

/**
 * @since 0.1.0
 * @category enums
 */
export type TimeInForce = typeof TimeInForce.Type

/**
 * One of `RejectTaker`, `RejectMaker`, `RejectBoth`.
 *
 * @since 0.1.0
 * @category enums
 */
export const SelfTradePrevention = enumeration(["RejectTaker", "RejectMaker", "RejectBoth"])

/**
 * @since 0.1.0
 * @category enums
 */
export type SelfTradePrevention = typeof SelfTradePrevention.Type

/**
 * One of `New`, `PartiallyFilled`, `Filled`, `Cancelled`, `Expired`, `TriggerPending`, `TriggerFailed`.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderStatus = enumeration([
  "New",
  "PartiallyFilled",
  "Filled",
  "Cancelled",
  "Expired",
  "TriggerPending",
  "TriggerFailed"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderStatus = typeof OrderStatus.Type

/**
 * One of `MarkPrice`, `LastPrice`, `IndexPrice`.
 *
 * @since 0.1.0
 * @category enums
 */
export const TriggerBy = enumeration(["MarkPrice", "LastPrice", "IndexPrice"])

/**
 * @since 0.1.0
 * @category enums
 */
export type TriggerBy = typeof TriggerBy.Type

/**
 * One of `TickSize`, `Percent`.
 *
 * @since 0.1.0
 * @category enums
 */
export const SlippageToleranceType = enumeration(["TickSize", "Percent"])

/**
 * @since 0.1.0
 * @category enums
 */
export type SlippageToleranceType = typeof SlippageToleranceType.Type

/**
 * One of `RestingLimitOrder`, `ConditionalOrder`.
 *
 * @since 0.1.0
 * @category enums
 */
export const CancelOrderType = enumeration(["RestingLimitOrder", "ConditionalOrder"])

/**
 * @since 0.1.0
 * @category enums
 */
export type CancelOrderType = typeof CancelOrderType.Type

/**
 * 24 values (see `OrderExpiryReason.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderExpiryReason = enumeration([
  "AccountTradingSuspended",
  "BorrowRequiresLendRedeem",
  "FillOrKill",
  "InsufficientBorrowableQuantity",
  "InsufficientFunds",
  "InsufficientLiquidity",
  "InvalidPrice",
  "InvalidQuantity",
  "ImmediateOrCancel",
  "InsufficientMargin",
  "Liquidation",
  "NegativeEquity",
  "PostOnlyMode",
  "PostOnlyTaker",
  "PriceOutOfBounds",
  "ReduceOnlyNotReduced",
  "SelfTradePrevention",
  "StopWithoutPosition",
  "PriceImpact",
  "Unknown",
  "UserPermissions",
  "MaxStopOrdersPerPosition",
  "PositionLimit",
  "SlippageToleranceExceeded"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderExpiryReason = typeof OrderExpiryReason.Type

/**
 * One of `CollateralConversion`, `FutureExpiry`, `LiquidatePositionOnAdl`, `LiquidatePositionOnBook`, `LiquidatePositionOnBackstop`, `OrderBookClosed`.
 *
 * @since 0.1.0
 * @category enums
 */
export const SystemOrderType = enumeration([
  "CollateralConversion",
  "FutureExpiry",
  "LiquidatePositionOnAdl",
  "LiquidatePositionOnBook",
  "LiquidatePositionOnBackstop",
  "OrderBookClosed"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type SystemOrderType = typeof SystemOrderType.Type

/**
 * One of `User`, `BookLiquidation`, `Adl`, `Backstop`, `Liquidation`, `AllLiquidation`, `CollateralConversion`, `CollateralConversionAndSpotLiquidation`.
 *
 * @since 0.1.0
 * @category enums
 */
export const FillType = enumeration([
  "User",
  "BookLiquidation",
  "Adl",
  "Backstop",
  "Liquidation",
  "AllLiquidation",
  "CollateralConversion",
  "CollateralConversionAndSpotLiquidation"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type FillType = typeof FillType.Type

/**
 * One of `SPOT`, `PERP`, `IPERP`, `DATED`, `PREDICTION`, `RFQ`.
 *
 * @since 0.1.0
 * @category enums
 */
export const MarketType = enumeration(["SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ"])

/**
 * @since 0.1.0
 * @category enums
 */
export type MarketType = typeof MarketType.Type

/**
 * One of `Open`, `Closed`, `CancelOnly`, `LimitOnly`, `PostOnly`.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderBookState = enumeration(["Open", "Closed", "CancelOnly", "LimitOnly", "PostOnly"])

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderBookState = typeof OrderBookState.Type

/**
 * 16 values (see `KlineInterval.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const KlineInterval = enumeration([
  "1s",
  "1m",
  "3m",
  "5m",
  "15m",
  "30m",
  "1h",
  "2h",
  "4h",
  "6h",
  "8h",
  "12h",
  "1d",
  "3d",
  "1w",
  "1month"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type KlineInterval = typeof KlineInterval.Type

/**
 * One of `Last`, `Index`, `Mark`.
 *
 * @since 0.1.0
 * @category enums
 */
export const KlinePriceType = enumeration(["Last", "Index", "Mark"])

/**
 * @since 0.1.0
 * @category enums
 */
export type KlinePriceType = typeof KlinePriceType.Type

/**
 * One of `1d`, `1w`.
 *
 * @since 0.1.0
 * @category enums
 */
export const TickerInterval = enumeration(["1d", "1w"])

/**
 * @since 0.1.0
 * @category enums
 */
export type TickerInterval = typeof TickerInterval.Type

/**
 * One of `5`, `10`, `20`, `50`, `100`, `500`, `1000`.
 *
 * @since 0.1.0
 * @category enums
 */
export const DepthLimit = enumeration(["5", "10", "20", "50", "100", "500", "1000"])

/**
 * @since 0.1.0
 * @category enums
 */
export type DepthLimit = typeof DepthLimit.Type

/**
 * One of `Asc`, `Desc`.
 *
 * @since 0.1.0
 * @category enums
 */
export const SortDirection = enumeration(["Asc", "Desc"])

/**
 * @since 0.1.0
 * @category enums
 */
export type SortDirection = typeof SortDirection.Type

/**
 * One of `Open`, `Closed`.
 *
 * @since 0.1.0
 * @category enums
 */
export const PositionState = enumeration(["Open", "Closed"])

/**
 * @since 0.1.0
 * @category enums
 */
export type PositionState = typeof PositionState.Type

/**
 * 32 values (see `Blockchain.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const Blockchain = enumeration([
  "0G",
  "Aptos",
  "Arbitrum",
  "Avalanche",
  "Base",
  "Berachain",
  "Bitcoin",
  "BitcoinCash",
  "Bsc",
  "Cardano",
  "Dogecoin",
  "Eclipse",
  "EqualsMoney",
  "Ethereum",
  "Fogo",
  "HyperEVM",
  "Hyperliquid",
  "Linea",
  "Litecoin",
  "Monad",
  "Near",
  "Optimism",
  "Plasma",
  "Polygon",
  "Sei",
  "Sui",
  "Solana",
  "Stable",
  "Story",
  "Tron",
  "XRP",
  "Zcash"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type Blockchain = typeof Blockchain.Type

/**
 * 35 values (see `DepositSource.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const DepositSource = enumeration([
  "administrator",
  "0G",
  "aptos",
  "arbitrum",
  "avalanche",
  "base",
  "berachain",
  "bitcoin",
  "bitcoinCash",
  "bsc",
  "cardano",
  "dogecoin",
  "eclipse",
  "ethereum",
  "fogo",
  "hyperEVM",
  "hyperliquid",
  "linea",
  "litecoin",
  "monad",
  "near",
  "polygon",
  "optimism",
  "plasma",
  "sei",
  "stable",
  "sui",
  "solana",
  "story",
  "tron",
  "xRP",
  "zcash",
  "equalsMoney",
  "banxa",
  "internal"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type DepositSource = typeof DepositSource.Type

/**
 * 10 values (see `DepositStatus.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const DepositStatus = enumeration([
  "cancelled",
  "confirmed",
  "declined",
  "expired",
  "initiated",
  "ownershipVerificationRequired",
  "pending",
  "refunded",
  "senderVerificationCompleted",
  "senderVerificationRequired"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type DepositStatus = typeof DepositStatus.Type

/**
 * One of `confirmed`, `ownershipVerificationRequired`, `pending`, `recipientInformationProvided`, `recipientInformationRequired`.
 *
 * @since 0.1.0
 * @category enums
 */
export const WithdrawalStatus = enumeration([
  "confirmed",
  "ownershipVerificationRequired",
  "pending",
  "recipientInformationProvided",
  "recipientInformationRequired"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type WithdrawalStatus = typeof WithdrawalStatus.Type

/**
 * 12 values (see `EqualsMoneyWithdrawalState.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const EqualsMoneyWithdrawalState = enumeration([
  "initialized",
  "pending",
  "fulfilling",
  "processing",
  "complete",
  "declined",
  "cancelled",
  "review",
  "awaitingDocuments",
  "awaitingComplianceQuestions",
  "refundedInternal",
  "refundedExternal"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type EqualsMoneyWithdrawalState = typeof EqualsMoneyWithdrawalState.Type

/**
 * One of `Borrow`, `Lend`.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSide = enumeration(["Borrow", "Lend"])

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendSide = typeof BorrowLendSide.Type

/**
 * One of `Borrow`, `BorrowRepay`, `Lend`, `LendRedeem`.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendEventType = enumeration(["Borrow", "BorrowRepay", "Lend", "LendRedeem"])

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendEventType = typeof BorrowLendEventType.Type

/**
 * 14 values (see `BorrowLendSource.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSource = enumeration([
  "AdlProvider",
  "AutoBorrowRepay",
  "AutoLend",
  "BackstopProvider",
  "DustConversion",
  "Interest",
  "Liquidation",
  "LiquidationAdl",
  "LiquidationBackstop",
  "Manual",
  "Reconciliation",
  "Rfq",
  "SpotMargin",
  "Withdrawal"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendSource = typeof BorrowLendSource.Type

/**
 * One of `Open`, `Closed`.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendPositionState = enumeration(["Open", "Closed"])

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendPositionState = typeof BorrowLendPositionState.Type

/**
 * One of `Open`, `Closed`, `RepayOnly`.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendBookState = enumeration(["Open", "Closed", "RepayOnly"])

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendBookState = typeof BorrowLendBookState.Type

/**
 * One of `1d`, `1w`, `1month`, `1year`.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendMarketHistoryInterval = enumeration(["1d", "1w", "1month", "1year"])

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendMarketHistoryInterval = typeof BorrowLendMarketHistoryInterval.Type

/**
 * One of `EntryFee`, `Borrow`, `Lend`, `UnrealizedPositivePnl`, `UnrealizedNegativePnl`.
 *
 * @since 0.1.0
 * @category enums
 */
export const PaymentType = enumeration(["EntryFee", "Borrow", "Lend", "UnrealizedPositivePnl", "UnrealizedNegativePnl"])

/**
 * @since 0.1.0
 * @category enums
 */
export type PaymentType = typeof PaymentType.Type

/**
 * One of `UnrealizedPnl`, `BorrowLend`.
 *
 * @since 0.1.0
 * @category enums
 */
export const InterestPaymentSource = enumeration(["UnrealizedPnl", "BorrowLend"])

/**
 * @since 0.1.0
 * @category enums
 */
export type InterestPaymentSource = typeof InterestPaymentSource.Type

/**
 * 13 values (see `SettlementSource.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const SettlementSource = enumeration([
  "TradingFees",
  "TradingFeesSystem",
  "FundingPayment",
  "CulledBorrowInterest",
  "CulledRealizePnlAuto",
  "CulledRealizePnlBookUtilisation",
  "CulledRealizePnlAccountThreshold",
  "CulledRealizePnlSystemThreshold",
  "RealizePnl",
  "BackstopProviderLiquidation",
  "BackstopAdlLiquidation",
  "BackstopLiquidityFundProceeds",
  "SystemLiabilityTransfer"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type SettlementSource = typeof SettlementSource.Type

/**
 * One of `BackstopLiquidation`, `CulledBorrowInterest`, `CulledRealizePnl`, `CulledRealizePnlBookUtilization`, `FundingPayment`, `RealizePnl`, `TradingFees`, `TradingFeesSystem`.
 *
 * @since 0.1.0
 * @category enums
 */
export const SettlementSourceFilter = enumeration([
  "BackstopLiquidation",
  "CulledBorrowInterest",
  "CulledRealizePnl",
  "CulledRealizePnlBookUtilization",
  "FundingPayment",
  "RealizePnl",
  "TradingFees",
  "TradingFeesSystem"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type SettlementSourceFilter = typeof SettlementSourceFilter.Type

/**
 * One of `AwaitAccept`, `Immediate`.
 *
 * @since 0.1.0
 * @category enums
 */
export const RfqExecutionMode = enumeration(["AwaitAccept", "Immediate"])

/**
 * @since 0.1.0
 * @category enums
 */
export type RfqExecutionMode = typeof RfqExecutionMode.Type

/**
 * One of `User`, `CollateralConversion`.
 *
 * @since 0.1.0
 * @category enums
 */
export const RfqFillType = enumeration(["User", "CollateralConversion"])

/**
 * @since 0.1.0
 * @category enums
 */
export type RfqFillType = typeof RfqFillType.Type

/**
 * One of `Scheduled`.
 *
 * @since 0.1.0
 * @category enums
 */
export const StrategyType = enumeration(["Scheduled"])

/**
 * @since 0.1.0
 * @category enums
 */
export type StrategyType = typeof StrategyType.Type

/**
 * One of `Running`, `Completed`, `Cancelled`, `Terminated`.
 *
 * @since 0.1.0
 * @category enums
 */
export const StrategyStatus = enumeration(["Running", "Completed", "Cancelled", "Terminated"])

/**
 * @since 0.1.0
 * @category enums
 */
export type StrategyStatus = typeof StrategyStatus.Type

/**
 * 14 values (see `StrategyCrankCancelReason.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const StrategyCrankCancelReason = enumeration([
  "Expired",
  "FillOrKill",
  "InsufficientBorrowableQuantity",
  "InsufficientFunds",
  "InsufficientLiquidity",
  "InvalidPrice",
  "InvalidQuantity",
  "InsufficientMargin",
  "Liquidation",
  "PriceOutOfBounds",
  "ReduceOnlyNotReduced",
  "SelfTradePrevention",
  "Unknown",
  "UserPermissions"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type StrategyCrankCancelReason = typeof StrategyCrankCancelReason.Type

/**
 * One of `1d`, `1w`, `1month`, `1year`.
 *
 * @since 0.1.0
 * @category enums
 */
export const VaultHistoryInterval = enumeration(["1d", "1w", "1month", "1year"])

/**
 * @since 0.1.0
 * @category enums
 */
export type VaultHistoryInterval = typeof VaultHistoryInterval.Type

/**
 * One of `Requested`, `Redeemed`, `Cancelled`.
 *
 * @since 0.1.0
 * @category enums
 */
export const VaultRedeemStatus = enumeration(["Requested", "Redeemed", "Cancelled"])

/**
 * @since 0.1.0
 * @category enums
 */
export type VaultRedeemStatus = typeof VaultRedeemStatus.Type

/**
 * 36 values (see `FiatAsset.values`).
 *
 * @since 0.1.0
 * @category enums
 */
export const FiatAsset = enumeration([
  "AED",
  "AUD",
  "BGN",
  "BHD",
  "CAD",
  "CHF",
  "CNH",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "GBP",
  "HKD",
  "HUF",
  "ILS",
  "JOD",
  "JPY",
  "KES",
  "KWD",
  "MUR",
  "MXN",
  "NOK",
  "NZD",
  "OMR",
  "PLN",
  "QAR",
  "RON",
  "SAR",
  "SEK",
  "SGD",
  "THB",
  "TND",
  "TRY",
  "USD",
  "ZAR",
  "ZMW"
])

/**
 * @since 0.1.0
 * @category enums
 */
export type FiatAsset = typeof FiatAsset.Type

// Names kept for code not yet moved to `X.open` (the stream models).

/**
 * @deprecated Use `Side.open`.
 * @since 0.1.0
 * @category enums
 */
export const SideOpen = Side.open

/**
 * @deprecated Use `OrderTypeEnum.open`.
 * @since 0.1.0
 * @category enums
 */
export const OrderTypeEnumOpen = OrderTypeEnum.open

/**
 * @deprecated Use `TimeInForce.open`.
 * @since 0.1.0
 * @category enums
 */
export const TimeInForceOpen = TimeInForce.open

/**
 * @deprecated Use `SelfTradePrevention.open`.
 * @since 0.1.0
 * @category enums
 */
export const SelfTradePreventionOpen = SelfTradePrevention.open

/**
 * @deprecated Use `OrderStatus.open`.
 * @since 0.1.0
 * @category enums
 */
export const OrderStatusOpen = OrderStatus.open

/**
 * @deprecated Use `TriggerBy.open`.
 * @since 0.1.0
 * @category enums
 */
export const TriggerByOpen = TriggerBy.open

/**
 * @deprecated Use `OrderExpiryReason.open`.
 * @since 0.1.0
 * @category enums
 */
export const OrderExpiryReasonOpen = OrderExpiryReason.open

/**
 * The exchange's enumerations (backpack-api.md §6), exactly as on the wire.
 *
 * Each enum `X` comes in two forms:
 * - `X`: the strict schema, used to validate request parameters (a value outside the enum is a
 *   `ValidationError` before anything is sent);
 * - `XOpen`: the open schema used when decoding responses, where values the exchange adds later
 *   pass through as strings instead of failing the whole response.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { OpenEnum } from "../internal/schema.js"

/**
 * @since 0.1.0
 * @category enums
 */
export const Side = Schema.Literal("Bid", "Ask")

/**
 * @since 0.1.0
 * @category enums
 */
export type Side = typeof Side.Type

/**
 * Side in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SideOpen = OpenEnum("Bid", "Ask")

/**
 * @since 0.1.0
 * @category enums
 */
export const OrderTypeEnum = Schema.Literal("Limit", "Market")

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderTypeEnum = typeof OrderTypeEnum.Type

/**
 * OrderTypeEnum in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderTypeEnumOpen = OpenEnum("Limit", "Market")

/**
 * @since 0.1.0
 * @category enums
 */
export const TimeInForce = Schema.Literal("GTC", "IOC", "FOK")

/**
 * @since 0.1.0
 * @category enums
 */
export type TimeInForce = typeof TimeInForce.Type

/**
 * TimeInForce in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const TimeInForceOpen = OpenEnum("GTC", "IOC", "FOK")

/**
 * @since 0.1.0
 * @category enums
 */
export const SelfTradePrevention = Schema.Literal("RejectTaker", "RejectMaker", "RejectBoth")

/**
 * @since 0.1.0
 * @category enums
 */
export type SelfTradePrevention = typeof SelfTradePrevention.Type

/**
 * SelfTradePrevention in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SelfTradePreventionOpen = OpenEnum("RejectTaker", "RejectMaker", "RejectBoth")

/**
 * @since 0.1.0
 * @category enums
 */
export const OrderStatus = Schema.Literal(
  "New",
  "PartiallyFilled",
  "Filled",
  "Cancelled",
  "Expired",
  "TriggerPending",
  "TriggerFailed"
)

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderStatus = typeof OrderStatus.Type

/**
 * OrderStatus in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderStatusOpen = OpenEnum(
  "New",
  "PartiallyFilled",
  "Filled",
  "Cancelled",
  "Expired",
  "TriggerPending",
  "TriggerFailed"
)

/**
 * @since 0.1.0
 * @category enums
 */
export const TriggerBy = Schema.Literal("MarkPrice", "LastPrice", "IndexPrice")

/**
 * @since 0.1.0
 * @category enums
 */
export type TriggerBy = typeof TriggerBy.Type

/**
 * TriggerBy in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const TriggerByOpen = OpenEnum("MarkPrice", "LastPrice", "IndexPrice")

/**
 * @since 0.1.0
 * @category enums
 */
export const SlippageToleranceType = Schema.Literal("TickSize", "Percent")

/**
 * @since 0.1.0
 * @category enums
 */
export type SlippageToleranceType = typeof SlippageToleranceType.Type

/**
 * SlippageToleranceType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SlippageToleranceTypeOpen = OpenEnum("TickSize", "Percent")

/**
 * @since 0.1.0
 * @category enums
 */
export const CancelOrderType = Schema.Literal("RestingLimitOrder", "ConditionalOrder")

/**
 * @since 0.1.0
 * @category enums
 */
export type CancelOrderType = typeof CancelOrderType.Type

/**
 * CancelOrderType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const CancelOrderTypeOpen = OpenEnum("RestingLimitOrder", "ConditionalOrder")

/**
 * @since 0.1.0
 * @category enums
 */
export const OrderExpiryReason = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderExpiryReason = typeof OrderExpiryReason.Type

/**
 * OrderExpiryReason in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderExpiryReasonOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const SystemOrderType = Schema.Literal(
  "CollateralConversion",
  "FutureExpiry",
  "LiquidatePositionOnAdl",
  "LiquidatePositionOnBook",
  "LiquidatePositionOnBackstop",
  "OrderBookClosed"
)

/**
 * @since 0.1.0
 * @category enums
 */
export type SystemOrderType = typeof SystemOrderType.Type

/**
 * SystemOrderType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SystemOrderTypeOpen = OpenEnum(
  "CollateralConversion",
  "FutureExpiry",
  "LiquidatePositionOnAdl",
  "LiquidatePositionOnBook",
  "LiquidatePositionOnBackstop",
  "OrderBookClosed"
)

/**
 * @since 0.1.0
 * @category enums
 */
export const FillType = Schema.Literal(
  "User",
  "BookLiquidation",
  "Adl",
  "Backstop",
  "Liquidation",
  "AllLiquidation",
  "CollateralConversion",
  "CollateralConversionAndSpotLiquidation"
)

/**
 * @since 0.1.0
 * @category enums
 */
export type FillType = typeof FillType.Type

/**
 * FillType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const FillTypeOpen = OpenEnum(
  "User",
  "BookLiquidation",
  "Adl",
  "Backstop",
  "Liquidation",
  "AllLiquidation",
  "CollateralConversion",
  "CollateralConversionAndSpotLiquidation"
)

/**
 * @since 0.1.0
 * @category enums
 */
export const MarketType = Schema.Literal("SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ")

/**
 * @since 0.1.0
 * @category enums
 */
export type MarketType = typeof MarketType.Type

/**
 * MarketType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const MarketTypeOpen = OpenEnum("SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ")

/**
 * @since 0.1.0
 * @category enums
 */
export const OrderBookState = Schema.Literal("Open", "Closed", "CancelOnly", "LimitOnly", "PostOnly")

/**
 * @since 0.1.0
 * @category enums
 */
export type OrderBookState = typeof OrderBookState.Type

/**
 * OrderBookState in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const OrderBookStateOpen = OpenEnum("Open", "Closed", "CancelOnly", "LimitOnly", "PostOnly")

/**
 * @since 0.1.0
 * @category enums
 */
export const KlineInterval = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type KlineInterval = typeof KlineInterval.Type

/**
 * KlineInterval in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const KlineIntervalOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const KlinePriceType = Schema.Literal("Last", "Index", "Mark")

/**
 * @since 0.1.0
 * @category enums
 */
export type KlinePriceType = typeof KlinePriceType.Type

/**
 * KlinePriceType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const KlinePriceTypeOpen = OpenEnum("Last", "Index", "Mark")

/**
 * @since 0.1.0
 * @category enums
 */
export const TickerInterval = Schema.Literal("1d", "1w")

/**
 * @since 0.1.0
 * @category enums
 */
export type TickerInterval = typeof TickerInterval.Type

/**
 * TickerInterval in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const TickerIntervalOpen = OpenEnum("1d", "1w")

/**
 * @since 0.1.0
 * @category enums
 */
export const DepthLimit = Schema.Literal("5", "10", "20", "50", "100", "500", "1000")

/**
 * @since 0.1.0
 * @category enums
 */
export type DepthLimit = typeof DepthLimit.Type

/**
 * DepthLimit in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const DepthLimitOpen = OpenEnum("5", "10", "20", "50", "100", "500", "1000")

/**
 * @since 0.1.0
 * @category enums
 */
export const SortDirection = Schema.Literal("Asc", "Desc")

/**
 * @since 0.1.0
 * @category enums
 */
export type SortDirection = typeof SortDirection.Type

/**
 * SortDirection in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SortDirectionOpen = OpenEnum("Asc", "Desc")

/**
 * @since 0.1.0
 * @category enums
 */
export const PositionState = Schema.Literal("Open", "Closed")

/**
 * @since 0.1.0
 * @category enums
 */
export type PositionState = typeof PositionState.Type

/**
 * PositionState in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const PositionStateOpen = OpenEnum("Open", "Closed")

/**
 * @since 0.1.0
 * @category enums
 */
export const Blockchain = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type Blockchain = typeof Blockchain.Type

/**
 * Blockchain in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BlockchainOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const DepositSource = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type DepositSource = typeof DepositSource.Type

/**
 * DepositSource in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const DepositSourceOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const DepositStatus = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type DepositStatus = typeof DepositStatus.Type

/**
 * DepositStatus in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const DepositStatusOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const WithdrawalStatus = Schema.Literal(
  "confirmed",
  "ownershipVerificationRequired",
  "pending",
  "recipientInformationProvided",
  "recipientInformationRequired"
)

/**
 * @since 0.1.0
 * @category enums
 */
export type WithdrawalStatus = typeof WithdrawalStatus.Type

/**
 * WithdrawalStatus in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const WithdrawalStatusOpen = OpenEnum(
  "confirmed",
  "ownershipVerificationRequired",
  "pending",
  "recipientInformationProvided",
  "recipientInformationRequired"
)

/**
 * @since 0.1.0
 * @category enums
 */
export const EqualsMoneyWithdrawalState = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type EqualsMoneyWithdrawalState = typeof EqualsMoneyWithdrawalState.Type

/**
 * EqualsMoneyWithdrawalState in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const EqualsMoneyWithdrawalStateOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSide = Schema.Literal("Borrow", "Lend")

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendSide = typeof BorrowLendSide.Type

/**
 * BorrowLendSide in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSideOpen = OpenEnum("Borrow", "Lend")

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendEventType = Schema.Literal("Borrow", "BorrowRepay", "Lend", "LendRedeem")

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendEventType = typeof BorrowLendEventType.Type

/**
 * BorrowLendEventType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendEventTypeOpen = OpenEnum("Borrow", "BorrowRepay", "Lend", "LendRedeem")

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSource = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendSource = typeof BorrowLendSource.Type

/**
 * BorrowLendSource in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSourceOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendPositionState = Schema.Literal("Open", "Closed")

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendPositionState = typeof BorrowLendPositionState.Type

/**
 * BorrowLendPositionState in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendPositionStateOpen = OpenEnum("Open", "Closed")

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendBookState = Schema.Literal("Open", "Closed", "RepayOnly")

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendBookState = typeof BorrowLendBookState.Type

/**
 * BorrowLendBookState in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendBookStateOpen = OpenEnum("Open", "Closed", "RepayOnly")

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendMarketHistoryInterval = Schema.Literal("1d", "1w", "1month", "1year")

/**
 * @since 0.1.0
 * @category enums
 */
export type BorrowLendMarketHistoryInterval = typeof BorrowLendMarketHistoryInterval.Type

/**
 * BorrowLendMarketHistoryInterval in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendMarketHistoryIntervalOpen = OpenEnum("1d", "1w", "1month", "1year")

/**
 * @since 0.1.0
 * @category enums
 */
export const PaymentType = Schema.Literal(
  "EntryFee",
  "Borrow",
  "Lend",
  "UnrealizedPositivePnl",
  "UnrealizedNegativePnl"
)

/**
 * @since 0.1.0
 * @category enums
 */
export type PaymentType = typeof PaymentType.Type

/**
 * PaymentType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const PaymentTypeOpen = OpenEnum("EntryFee", "Borrow", "Lend", "UnrealizedPositivePnl", "UnrealizedNegativePnl")

/**
 * @since 0.1.0
 * @category enums
 */
export const InterestPaymentSource = Schema.Literal("UnrealizedPnl", "BorrowLend")

/**
 * @since 0.1.0
 * @category enums
 */
export type InterestPaymentSource = typeof InterestPaymentSource.Type

/**
 * InterestPaymentSource in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const InterestPaymentSourceOpen = OpenEnum("UnrealizedPnl", "BorrowLend")

/**
 * @since 0.1.0
 * @category enums
 */
export const SettlementSource = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type SettlementSource = typeof SettlementSource.Type

/**
 * SettlementSource in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SettlementSourceOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const SettlementSourceFilter = Schema.Literal(
  "BackstopLiquidation",
  "CulledBorrowInterest",
  "CulledRealizePnl",
  "CulledRealizePnlBookUtilization",
  "FundingPayment",
  "RealizePnl",
  "TradingFees",
  "TradingFeesSystem"
)

/**
 * @since 0.1.0
 * @category enums
 */
export type SettlementSourceFilter = typeof SettlementSourceFilter.Type

/**
 * SettlementSourceFilter in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const SettlementSourceFilterOpen = OpenEnum(
  "BackstopLiquidation",
  "CulledBorrowInterest",
  "CulledRealizePnl",
  "CulledRealizePnlBookUtilization",
  "FundingPayment",
  "RealizePnl",
  "TradingFees",
  "TradingFeesSystem"
)

/**
 * @since 0.1.0
 * @category enums
 */
export const RfqExecutionMode = Schema.Literal("AwaitAccept", "Immediate")

/**
 * @since 0.1.0
 * @category enums
 */
export type RfqExecutionMode = typeof RfqExecutionMode.Type

/**
 * RfqExecutionMode in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const RfqExecutionModeOpen = OpenEnum("AwaitAccept", "Immediate")

/**
 * @since 0.1.0
 * @category enums
 */
export const RfqFillType = Schema.Literal("User", "CollateralConversion")

/**
 * @since 0.1.0
 * @category enums
 */
export type RfqFillType = typeof RfqFillType.Type

/**
 * RfqFillType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const RfqFillTypeOpen = OpenEnum("User", "CollateralConversion")

/**
 * @since 0.1.0
 * @category enums
 */
export const StrategyType = Schema.Literal("Scheduled")

/**
 * @since 0.1.0
 * @category enums
 */
export type StrategyType = typeof StrategyType.Type

/**
 * StrategyType in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const StrategyTypeOpen = OpenEnum("Scheduled")

/**
 * @since 0.1.0
 * @category enums
 */
export const StrategyStatus = Schema.Literal("Running", "Completed", "Cancelled", "Terminated")

/**
 * @since 0.1.0
 * @category enums
 */
export type StrategyStatus = typeof StrategyStatus.Type

/**
 * StrategyStatus in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const StrategyStatusOpen = OpenEnum("Running", "Completed", "Cancelled", "Terminated")

/**
 * @since 0.1.0
 * @category enums
 */
export const StrategyCrankCancelReason = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type StrategyCrankCancelReason = typeof StrategyCrankCancelReason.Type

/**
 * StrategyCrankCancelReason in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const StrategyCrankCancelReasonOpen = OpenEnum(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export const VaultHistoryInterval = Schema.Literal("1d", "1w", "1month", "1year")

/**
 * @since 0.1.0
 * @category enums
 */
export type VaultHistoryInterval = typeof VaultHistoryInterval.Type

/**
 * VaultHistoryInterval in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const VaultHistoryIntervalOpen = OpenEnum("1d", "1w", "1month", "1year")

/**
 * @since 0.1.0
 * @category enums
 */
export const VaultRedeemStatus = Schema.Literal("Requested", "Redeemed", "Cancelled")

/**
 * @since 0.1.0
 * @category enums
 */
export type VaultRedeemStatus = typeof VaultRedeemStatus.Type

/**
 * VaultRedeemStatus in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const VaultRedeemStatusOpen = OpenEnum("Requested", "Redeemed", "Cancelled")

/**
 * @since 0.1.0
 * @category enums
 */
export const FiatAsset = Schema.Literal(
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
)

/**
 * @since 0.1.0
 * @category enums
 */
export type FiatAsset = typeof FiatAsset.Type

/**
 * FiatAsset in responses: open to values added later.
 *
 * @since 0.1.0
 * @category enums
 */
export const FiatAssetOpen = OpenEnum(
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
)

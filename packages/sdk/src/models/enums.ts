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

const enumOf = <const Values extends readonly [string, ...Array<string>]>(values: Values) => ({
  strict: Schema.Literal(...values) as Schema.Literal<Values>,
  open: OpenEnum(...values)
})

const side = enumOf(["Bid", "Ask"])

/**
 * @since 0.1.0
 * @category enums
 */
export const Side = side.strict

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
export const SideOpen = side.open

const orderTypeEnum = enumOf(["Limit", "Market"])

/**
 * @since 0.1.0
 * @category enums
 */
export const OrderTypeEnum = orderTypeEnum.strict

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
export const OrderTypeEnumOpen = orderTypeEnum.open

const timeInForce = enumOf(["GTC", "IOC", "FOK"])

/**
 * @since 0.1.0
 * @category enums
 */
export const TimeInForce = timeInForce.strict

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
export const TimeInForceOpen = timeInForce.open

const selfTradePrevention = enumOf(["RejectTaker", "RejectMaker", "RejectBoth"])

/**
 * @since 0.1.0
 * @category enums
 */
export const SelfTradePrevention = selfTradePrevention.strict

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
export const SelfTradePreventionOpen = selfTradePrevention.open

const orderStatus = enumOf([
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
export const OrderStatus = orderStatus.strict

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
export const OrderStatusOpen = orderStatus.open

const triggerBy = enumOf(["MarkPrice", "LastPrice", "IndexPrice"])

/**
 * @since 0.1.0
 * @category enums
 */
export const TriggerBy = triggerBy.strict

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
export const TriggerByOpen = triggerBy.open

const slippageToleranceType = enumOf(["TickSize", "Percent"])

/**
 * @since 0.1.0
 * @category enums
 */
export const SlippageToleranceType = slippageToleranceType.strict

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
export const SlippageToleranceTypeOpen = slippageToleranceType.open

const cancelOrderType = enumOf(["RestingLimitOrder", "ConditionalOrder"])

/**
 * @since 0.1.0
 * @category enums
 */
export const CancelOrderType = cancelOrderType.strict

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
export const CancelOrderTypeOpen = cancelOrderType.open

const orderExpiryReason = enumOf([
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
export const OrderExpiryReason = orderExpiryReason.strict

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
export const OrderExpiryReasonOpen = orderExpiryReason.open

const systemOrderType = enumOf([
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
export const SystemOrderType = systemOrderType.strict

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
export const SystemOrderTypeOpen = systemOrderType.open

const fillType = enumOf([
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
export const FillType = fillType.strict

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
export const FillTypeOpen = fillType.open

const marketType = enumOf(["SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ"])

/**
 * @since 0.1.0
 * @category enums
 */
export const MarketType = marketType.strict

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
export const MarketTypeOpen = marketType.open

const orderBookState = enumOf(["Open", "Closed", "CancelOnly", "LimitOnly", "PostOnly"])

/**
 * @since 0.1.0
 * @category enums
 */
export const OrderBookState = orderBookState.strict

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
export const OrderBookStateOpen = orderBookState.open

const klineInterval = enumOf([
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
export const KlineInterval = klineInterval.strict

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
export const KlineIntervalOpen = klineInterval.open

const klinePriceType = enumOf(["Last", "Index", "Mark"])

/**
 * @since 0.1.0
 * @category enums
 */
export const KlinePriceType = klinePriceType.strict

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
export const KlinePriceTypeOpen = klinePriceType.open

const tickerInterval = enumOf(["1d", "1w"])

/**
 * @since 0.1.0
 * @category enums
 */
export const TickerInterval = tickerInterval.strict

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
export const TickerIntervalOpen = tickerInterval.open

const depthLimit = enumOf(["5", "10", "20", "50", "100", "500", "1000"])

/**
 * @since 0.1.0
 * @category enums
 */
export const DepthLimit = depthLimit.strict

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
export const DepthLimitOpen = depthLimit.open

const sortDirection = enumOf(["Asc", "Desc"])

/**
 * @since 0.1.0
 * @category enums
 */
export const SortDirection = sortDirection.strict

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
export const SortDirectionOpen = sortDirection.open

const positionState = enumOf(["Open", "Closed"])

/**
 * @since 0.1.0
 * @category enums
 */
export const PositionState = positionState.strict

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
export const PositionStateOpen = positionState.open

const blockchain = enumOf([
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
export const Blockchain = blockchain.strict

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
export const BlockchainOpen = blockchain.open

const depositSource = enumOf([
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
export const DepositSource = depositSource.strict

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
export const DepositSourceOpen = depositSource.open

const depositStatus = enumOf([
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
export const DepositStatus = depositStatus.strict

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
export const DepositStatusOpen = depositStatus.open

const withdrawalStatus = enumOf([
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
export const WithdrawalStatus = withdrawalStatus.strict

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
export const WithdrawalStatusOpen = withdrawalStatus.open

const equalsMoneyWithdrawalState = enumOf([
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
export const EqualsMoneyWithdrawalState = equalsMoneyWithdrawalState.strict

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
export const EqualsMoneyWithdrawalStateOpen = equalsMoneyWithdrawalState.open

const borrowLendSide = enumOf(["Borrow", "Lend"])

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendSide = borrowLendSide.strict

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
export const BorrowLendSideOpen = borrowLendSide.open

const borrowLendEventType = enumOf(["Borrow", "BorrowRepay", "Lend", "LendRedeem"])

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendEventType = borrowLendEventType.strict

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
export const BorrowLendEventTypeOpen = borrowLendEventType.open

const borrowLendSource = enumOf([
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
export const BorrowLendSource = borrowLendSource.strict

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
export const BorrowLendSourceOpen = borrowLendSource.open

const borrowLendPositionState = enumOf(["Open", "Closed"])

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendPositionState = borrowLendPositionState.strict

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
export const BorrowLendPositionStateOpen = borrowLendPositionState.open

const borrowLendBookState = enumOf(["Open", "Closed", "RepayOnly"])

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendBookState = borrowLendBookState.strict

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
export const BorrowLendBookStateOpen = borrowLendBookState.open

const borrowLendMarketHistoryInterval = enumOf(["1d", "1w", "1month", "1year"])

/**
 * @since 0.1.0
 * @category enums
 */
export const BorrowLendMarketHistoryInterval = borrowLendMarketHistoryInterval.strict

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
export const BorrowLendMarketHistoryIntervalOpen = borrowLendMarketHistoryInterval.open

const paymentType = enumOf([
  "EntryFee",
  "Borrow",
  "Lend",
  "UnrealizedPositivePnl",
  "UnrealizedNegativePnl"
])

/**
 * @since 0.1.0
 * @category enums
 */
export const PaymentType = paymentType.strict

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
export const PaymentTypeOpen = paymentType.open

const interestPaymentSource = enumOf(["UnrealizedPnl", "BorrowLend"])

/**
 * @since 0.1.0
 * @category enums
 */
export const InterestPaymentSource = interestPaymentSource.strict

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
export const InterestPaymentSourceOpen = interestPaymentSource.open

const settlementSource = enumOf([
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
export const SettlementSource = settlementSource.strict

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
export const SettlementSourceOpen = settlementSource.open

const settlementSourceFilter = enumOf([
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
export const SettlementSourceFilter = settlementSourceFilter.strict

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
export const SettlementSourceFilterOpen = settlementSourceFilter.open

const rfqExecutionMode = enumOf(["AwaitAccept", "Immediate"])

/**
 * @since 0.1.0
 * @category enums
 */
export const RfqExecutionMode = rfqExecutionMode.strict

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
export const RfqExecutionModeOpen = rfqExecutionMode.open

const rfqFillType = enumOf(["User", "CollateralConversion"])

/**
 * @since 0.1.0
 * @category enums
 */
export const RfqFillType = rfqFillType.strict

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
export const RfqFillTypeOpen = rfqFillType.open

const strategyType = enumOf(["Scheduled"])

/**
 * @since 0.1.0
 * @category enums
 */
export const StrategyType = strategyType.strict

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
export const StrategyTypeOpen = strategyType.open

const strategyStatus = enumOf(["Running", "Completed", "Cancelled", "Terminated"])

/**
 * @since 0.1.0
 * @category enums
 */
export const StrategyStatus = strategyStatus.strict

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
export const StrategyStatusOpen = strategyStatus.open

const strategyCrankCancelReason = enumOf([
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
export const StrategyCrankCancelReason = strategyCrankCancelReason.strict

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
export const StrategyCrankCancelReasonOpen = strategyCrankCancelReason.open

const vaultHistoryInterval = enumOf(["1d", "1w", "1month", "1year"])

/**
 * @since 0.1.0
 * @category enums
 */
export const VaultHistoryInterval = vaultHistoryInterval.strict

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
export const VaultHistoryIntervalOpen = vaultHistoryInterval.open

const vaultRedeemStatus = enumOf(["Requested", "Redeemed", "Cancelled"])

/**
 * @since 0.1.0
 * @category enums
 */
export const VaultRedeemStatus = vaultRedeemStatus.strict

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
export const VaultRedeemStatusOpen = vaultRedeemStatus.open

const fiatAsset = enumOf([
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
export const FiatAsset = fiatAsset.strict

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
export const FiatAssetOpen = fiatAsset.open

/**
 * Rows of the account history endpoints (`/wapi/v1/history/*`): orders, fills, positions,
 * settlements, dust conversions, borrow/lend movements and positions, interest, RFQs, quotes and
 * their fills, strategies.
 *
 * History rows carry naive date-time strings (UTC, no zone) where the live objects carry epoch
 * milliseconds; they are all decoded to `DateTime.Utc`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import {
  BorrowLendEventType,
  BorrowLendSide,
  BorrowLendSource,
  OrderExpiryReason,
  OrderStatus,
  OrderTypeEnum,
  PaymentType,
  PositionState,
  RfqExecutionMode,
  SelfTradePrevention,
  SettlementSource,
  Side,
  SlippageToleranceType,
  StrategyCrankCancelReason,
  StrategyStatus,
  StrategyType,
  SystemOrderType,
  TimeInForce,
  TriggerBy
} from "./enums.js"

/**
 * An order of the order history (`GET /wapi/v1/history/orders`). Unlike an open order, its
 * `createdAt` is a naive date-time.
 *
 * @since 0.1.0
 * @category models
 */
export class Order extends Schema.Class<Order>("Order")({
  /** Order id (exact string). */
  id: S.Id,
  /** Creation time (UTC, from a naive date-time, ms precision). */
  createdAt: S.NaiveDateTime,
  /** Base quantity filled. */
  executedQuantity: S.optional(S.Decimal),
  /** Quote quantity filled. */
  executedQuoteQuantity: S.optional(S.Decimal),
  /** Why the order expired. */
  expiryReason: S.optional(OrderExpiryReason.open),
  /** `Limit` or `Market`. */
  orderType: OrderTypeEnum.open,
  /** Post-only flag (limit orders). */
  postOnly: S.optional(Schema.Boolean),
  /** Limit price. */
  price: S.optional(S.Decimal),
  /** Base quantity. */
  quantity: S.optional(S.Decimal),
  /** Quote quantity (reverse market orders). */
  quoteQuantity: S.optional(S.Decimal),
  /** Self-trade prevention mode. */
  selfTradePrevention: SelfTradePrevention.open,
  /** Final or current status. */
  status: OrderStatus.open,
  /** `Bid` (buy) or `Ask` (sell). */
  side: Side.open,
  /** Stop-loss trigger price. */
  stopLossTriggerPrice: S.optional(S.Decimal),
  /** Stop-loss limit price. */
  stopLossLimitPrice: S.optional(S.Decimal),
  /** Reference price of the stop loss. */
  stopLossTriggerBy: S.optional(TriggerBy.open),
  /** Market symbol. */
  symbol: Schema.String,
  /** Take-profit trigger price. */
  takeProfitTriggerPrice: S.optional(S.Decimal),
  /** Take-profit limit price. */
  takeProfitLimitPrice: S.optional(S.Decimal),
  /** Reference price of the take profit. */
  takeProfitTriggerBy: S.optional(TriggerBy.open),
  /** Time in force. */
  timeInForce: TimeInForce.open,
  /** Reference price of the trigger. */
  triggerBy: S.optional(TriggerBy.open),
  /** Trigger price. */
  triggerPrice: S.optional(S.Decimal),
  /** Trigger quantity: a decimal or a percentage of the position. */
  triggerQuantity: S.optional(S.DecimalOrPercent),
  /** Caller's uint32 id. */
  clientId: S.optional(S.Int),
  /** Set on orders the system placed (liquidations, collateral conversion, …). */
  systemOrderType: S.optional(SystemOrderType.open),
  /** Strategy that placed the order (exact string). */
  strategyId: S.optional(S.Id),
  /** Maximum slippage (market orders). */
  slippageTolerance: S.optional(S.Decimal),
  /** Unit of `slippageTolerance`. */
  slippageToleranceType: S.optional(SlippageToleranceType.open)
}) {}

/**
 * A fill (`GET /wapi/v1/history/fills`).
 *
 * @since 0.1.0
 * @category models
 */
export class OrderFill extends Schema.Class<OrderFill>("OrderFill")({
  /** Caller's id of the order (a string in this schema; kept exact). */
  clientId: S.optional(S.Id),
  /** Fee paid. */
  fee: S.Decimal,
  /** Asset of the fee. */
  feeSymbol: Schema.String,
  /** The order was the maker. */
  isMaker: Schema.Boolean,
  /** Order id (exact string). */
  orderId: S.Id,
  /** Fill price. */
  price: S.Decimal,
  /** Base quantity filled. */
  quantity: S.Decimal,
  /** `Bid` (buy) or `Ask` (sell). */
  side: Side.open,
  /** Market symbol. */
  symbol: Schema.String,
  /** Set on fills of system orders. */
  systemOrderType: S.optional(SystemOrderType.open),
  /** Fill time (UTC, from a naive date-time, ms precision). */
  timestamp: S.NaiveDateTime,
  /** Trade id (int64 on the wire; kept as an exact string). */
  tradeId: S.optional(S.Id)
}) {}

/**
 * A row of the futures position history (`GET /wapi/v1/history/position`).
 *
 * @since 0.1.0
 * @category models
 */
export class PositionHistoryRow extends Schema.Class<PositionHistoryRow>("PositionHistoryRow")({
  /** Position id (exact string). */
  id: S.Id,
  /** Market symbol. */
  symbol: Schema.String,
  /** Signed net quantity. */
  netQuantity: S.Decimal,
  /** Net exposure quantity. */
  netExposureQuantity: S.Decimal,
  /** Net exposure notional. */
  netExposureNotional: S.Decimal,
  /** Net cost. */
  netCost: S.Decimal,
  /** Mark price. */
  markPrice: S.Decimal,
  /** Entry price. */
  entryPrice: S.Decimal,
  /** Realized PnL so far. */
  cumulativePnlRealized: S.Decimal,
  /** Unrealized PnL. */
  unrealizedPnl: S.Decimal,
  /** Funding paid or received. */
  fundingQuantity: S.Decimal,
  /** Interest. */
  interest: S.Decimal,
  /** Quantity liquidated. */
  liquidated: S.Decimal,
  /** Initial margin fraction. */
  imf: S.Decimal,
  /** Fees paid. */
  fees: S.Decimal,
  /** `Open` or `Closed`. */
  state: PositionState.open,
  /** Volume closed. */
  closedVolume: S.Decimal,
  /** Liquidation fees. */
  liquidationFees: S.Decimal,
  /** Closing price. */
  closingPrice: S.optional(S.Decimal),
  /** Account leverage. */
  accountLeverage: S.optional(S.Decimal),
  /** Opening time (UTC, from a naive date-time). */
  openedAt: S.optional(S.NaiveDateTime),
  /** Closing time (UTC, from a naive date-time). */
  closedAt: S.optional(S.NaiveDateTime)
}) {}

/**
 * A settlement (`GET /wapi/v1/history/settlement`).
 *
 * @since 0.1.0
 * @category models
 */
export class Settlement extends Schema.Class<Settlement>("Settlement")({
  /** Signed quantity settled. */
  quantity: S.Decimal,
  /** What was settled (`TradingFees`, `FundingPayment`, …). */
  source: SettlementSource.open,
  /** Subaccount id. */
  subaccountId: S.optional(S.Int),
  /** Settlement time (UTC, from a naive date-time). */
  timestamp: S.NaiveDateTime,
  /** User id. */
  userId: S.Int,
  /** Position id (exact string). */
  positionId: S.optional(S.Id),
  /** Engine sequence number (uint64, exact). */
  engineSequence: S.optional(S.Sequence)
}) {}

/**
 * A dust conversion (`GET /wapi/v1/history/dust`).
 *
 * @since 0.1.0
 * @category models
 */
export class DustConversion extends Schema.Class<DustConversion>("DustConversion")({
  /** Conversion id (uint64; kept as an exact string). */
  id: S.Id,
  /** Quantity of dust converted. */
  quantity: S.Decimal,
  /** Asset converted. */
  symbol: Schema.String,
  /** USDC received. */
  usdcReceived: S.Decimal,
  /** Conversion time (UTC, from a naive date-time). */
  timestamp: S.NaiveDateTime
}) {}

/**
 * A borrow/lend movement (`GET /wapi/v1/history/borrowLend`).
 *
 * @since 0.1.0
 * @category models
 */
export class BorrowLendMovement extends Schema.Class<BorrowLendMovement>("BorrowLendMovement")({
  /** `Borrow`, `BorrowRepay`, `Lend`, `LendRedeem`. */
  eventType: BorrowLendEventType.open,
  /** Position id (exact string). */
  positionId: S.Id,
  /** Position quantity after the movement. */
  positionQuantity: S.optional(S.Decimal),
  /** Quantity moved. */
  quantity: S.Decimal,
  /** What caused the movement. */
  source: BorrowLendSource.open,
  /** Asset symbol. */
  symbol: Schema.String,
  /** Movement time (UTC, from a naive date-time). */
  timestamp: S.NaiveDateTime,
  /** Spot-margin order that caused it (exact string). */
  spotMarginOrderId: S.optional(S.Id)
}) {}

/**
 * A row of the borrow/lend position history (`GET /wapi/v1/history/borrowLend/positions`).
 *
 * @since 0.1.0
 * @category models
 */
export class BorrowLendPositionRow extends Schema.Class<BorrowLendPositionRow>("BorrowLendPositionRow")({
  /** Position id (exact string). */
  positionId: S.Id,
  /** Quantity. */
  quantity: S.Decimal,
  /** Asset symbol. */
  symbol: Schema.String,
  /** What opened the position. */
  source: BorrowLendSource.open,
  /** Interest accrued. */
  cumulativeInterest: S.Decimal,
  /** Average interest rate. */
  avgInterestRate: S.Decimal,
  /** `Borrow` or `Lend`. */
  side: BorrowLendSide.open,
  /** Opening time (UTC, from a naive date-time). */
  createdAt: S.NaiveDateTime
}) {}

/**
 * An interest payment (`GET /wapi/v1/history/interest`).
 *
 * @since 0.1.0
 * @category models
 */
export class InterestPayment extends Schema.Class<InterestPayment>("InterestPayment")({
  /** `EntryFee`, `Borrow`, `Lend`, `UnrealizedPositivePnl`, `UnrealizedNegativePnl`. */
  paymentType: PaymentType.open,
  /** Rate applied. */
  interestRate: S.Decimal,
  /** Length of the interval the payment covers (uint64; the spec gives no unit, ms in practice). */
  interval: S.Int,
  /** Market the position belongs to. */
  marketSymbol: Schema.String,
  /** Position id (exact string). */
  positionId: S.Id,
  /** Quantity paid (negative) or received. */
  quantity: S.Decimal,
  /** Asset of the payment. */
  symbol: Schema.String,
  /** Payment time (UTC, from a naive date-time). */
  timestamp: S.NaiveDateTime
}) {}

/**
 * An RFQ of the RFQ history (`GET /wapi/v1/history/rfq`).
 *
 * @since 0.1.0
 * @category models
 */
export class RequestForQuoteHistorical extends Schema.Class<RequestForQuoteHistorical>("RequestForQuoteHistorical")({
  /** RFQ id (exact string). */
  rfqId: S.Id,
  /** Caller's uint32 id. */
  clientId: S.optional(S.Int),
  /** Market symbol. */
  symbol: Schema.String,
  /** `Bid` or `Ask`. */
  side: Side.open,
  /** Limit price. */
  price: S.optional(S.Decimal),
  /** Base quantity. */
  quantity: S.optional(S.Decimal),
  /** Quote quantity. */
  quoteQuantity: S.optional(S.Decimal),
  /** Submission time (UTC, from a naive date-time). */
  submissionTime: S.NaiveDateTime,
  /** Expiry time (UTC, from a naive date-time). */
  expiryTime: S.NaiveDateTime,
  /** Status. */
  status: OrderStatus.open,
  /** `AwaitAccept` or `Immediate`. */
  executionMode: RfqExecutionMode.open,
  /** Creation time (UTC, from a naive date-time). */
  createdAt: S.NaiveDateTime,
  /** Quote chosen for deferred settlement (exact string). */
  deferredSettlementQuoteId: S.optional(S.Id)
}) {}

/**
 * A quote of the quote history (`GET /wapi/v1/history/quote`).
 *
 * @since 0.1.0
 * @category models
 */
export class QuoteHistorical extends Schema.Class<QuoteHistorical>("QuoteHistorical")({
  /** RFQ id (exact string). */
  rfqId: S.Id,
  /** Quote id (exact string). */
  quoteId: S.Id,
  /** Caller's uint32 id. */
  clientId: S.optional(S.Int),
  /** Bid price quoted. */
  bidPrice: S.Decimal,
  /** Ask price quoted. */
  askPrice: S.Decimal,
  /** Status. */
  status: OrderStatus.open,
  /** Creation time (UTC, from a naive date-time). */
  createdAt: S.NaiveDateTime,
  /** Deferred settlement. */
  deferredSettlement: Schema.Boolean
}) {}

/**
 * A fill of an RFQ, seen by the requester (`GET /wapi/v1/history/rfq/fill`).
 *
 * @since 0.1.0
 * @category models
 */
export class RequestForQuoteFillHistorical
  extends Schema.Class<RequestForQuoteFillHistorical>("RequestForQuoteFillHistorical")({
    /** RFQ id (exact string). */
    rfqId: S.Id,
    /** Caller's uint32 id. */
    clientId: S.optional(S.Int),
    /** Quote id (exact string). */
    quoteId: S.Id,
    /** Market symbol. */
    symbol: Schema.String,
    /** `Bid` or `Ask`. */
    side: Side.open,
    /** Base quantity. */
    quantity: S.optional(S.Decimal),
    /** Quote quantity. */
    quoteQuantity: S.optional(S.Decimal),
    /** Fill price. */
    fillPrice: S.Decimal,
    /** RFQ creation time (UTC, from a naive date-time). */
    createdAt: S.NaiveDateTime,
    /** Fill time (UTC, from a naive date-time). */
    filledAt: S.NaiveDateTime,
    /** Set on RFQs the system placed (collateral conversion). */
    systemOrderType: S.optional(SystemOrderType.open)
  })
{}

/**
 * A fill of a quote, seen by the quoter (`GET /wapi/v1/history/quote/fill`).
 *
 * @since 0.1.0
 * @category models
 */
export class QuoteFillHistorical extends Schema.Class<QuoteFillHistorical>("QuoteFillHistorical")({
  /** Caller's uint32 id. */
  clientId: S.optional(S.Int),
  /** Quote id (exact string). */
  quoteId: S.Id,
  /** RFQ id (exact string). */
  rfqId: S.Id,
  /** Market symbol. */
  symbol: Schema.String,
  /** `Bid` or `Ask`. */
  side: Side.open,
  /** Base quantity. */
  quantity: S.Decimal,
  /** Fill price. */
  fillPrice: S.Decimal,
  /** Fee paid. */
  fee: S.Decimal,
  /** Asset of the fee. */
  feeSymbol: Schema.String,
  /** Quote creation time (UTC, from a naive date-time). */
  createdAt: S.NaiveDateTime,
  /** Fill time (UTC, from a naive date-time). */
  filledAt: S.NaiveDateTime
}) {}

/**
 * A strategy of the strategy history (`GET /wapi/v1/history/strategies`).
 *
 * @since 0.1.0
 * @category models
 */
export class Strategy extends Schema.Class<Strategy>("Strategy")({
  /** Strategy id (exact string). */
  id: S.Id,
  /** Creation time (UTC, from a naive date-time). */
  createdAt: S.NaiveDateTime,
  /** Base quantity executed. */
  executedQuantity: S.optional(S.Decimal),
  /** Quote quantity executed. */
  executedQuoteQuantity: S.optional(S.Decimal),
  /** Why the strategy was cancelled. */
  cancelReason: S.optional(StrategyCrankCancelReason.open),
  /** `Scheduled`. */
  strategyType: StrategyType.open,
  /** Total base quantity. */
  quantity: S.optional(S.Decimal),
  /** Self-trade prevention mode. */
  selfTradePrevention: SelfTradePrevention.open,
  /** `Running`, `Completed`, `Cancelled`, `Terminated`. */
  status: StrategyStatus.open,
  /** `Bid` or `Ask`. */
  side: Side.open,
  /** Market symbol. */
  symbol: Schema.String,
  /** Time in force of the child orders. */
  timeInForce: TimeInForce.open,
  /** Caller's uint32 id. */
  clientStrategyId: S.optional(S.Int),
  /** Duration in milliseconds. */
  duration: S.Int,
  /** Interval between child orders in milliseconds. */
  interval: S.Int,
  /** Child order quantities are randomised. */
  randomizedIntervalQuantity: Schema.Boolean,
  /** Maximum slippage. */
  slippageTolerance: S.optional(S.Decimal),
  /** Unit of `slippageTolerance`. */
  slippageToleranceType: S.optional(SlippageToleranceType.open)
}) {}

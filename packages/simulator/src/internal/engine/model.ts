/**
 * The exchange's data model: accounts, balances, orders, fills, trades, positions, markets, and the two kinds of
 * rejection (JSON `{code, message}` and plain text). Plain mutable records; the domain modules beside this one
 * (`book`, `matching`, `accounts`, `perps`, `marketData`, `activity`) operate on them.
 *
 * @internal
 */
import type { MarketDefinition } from "../markets.js"
import type { Ring } from "./history.js"

// ---------------------------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------------------------

/** A rejection answered with a JSON `{code, message}` body. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** A rejection answered with a plain-text body (request parsing failures of the real exchange). */
export class PlainFailure extends Error {
  constructor(readonly status: number, readonly text: string) {
    super(text)
  }
}

/** 400 `INVALID_CLIENT_REQUEST`. */
export const invalidClient = (message: string) => new ApiFailure(400, "INVALID_CLIENT_REQUEST", message)

// ---------------------------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------------------------

export type Side = "Bid" | "Ask"
export type TimeInForce = "GTC" | "IOC" | "FOK"
export type SelfTradePrevention = "RejectTaker" | "RejectMaker" | "RejectBoth"
export type OrderStatus = "New" | "PartiallyFilled" | "Filled" | "Cancelled" | "Expired"

export const SIDES = ["Bid", "Ask"] as const

export interface Balance {
  available: bigint
  locked: bigint
  staked: bigint
}

export interface Order {
  readonly id: string
  readonly clientId: number | null
  readonly accountId: number
  readonly symbol: string
  readonly side: Side
  readonly orderType: "Limit" | "Market"
  readonly price: bigint | null
  readonly quantity: bigint | null
  readonly quoteQuantity: bigint | null
  executedQuantity: bigint
  executedQuoteQuantity: bigint
  readonly timeInForce: TimeInForce
  readonly postOnly: boolean
  readonly reduceOnly: boolean | null
  readonly selfTradePrevention: SelfTradePrevention
  status: OrderStatus
  expiryReason: string | null
  readonly createdAt: number
  /** Amount still locked for this order (spot limit orders), in `lockAsset`. */
  locked: bigint
  readonly lockAsset: string | null
}

export interface Fill {
  readonly tradeId: number
  readonly orderId: string
  readonly clientId: number | null
  readonly symbol: string
  readonly side: Side
  readonly price: bigint
  readonly quantity: bigint
  readonly fee: bigint
  readonly feeSymbol: string
  readonly isMaker: boolean
  readonly timestamp: number
}

export interface PublicTrade {
  readonly id: number
  readonly price: bigint
  readonly quantity: bigint
  readonly quoteQuantity: bigint
  readonly timestamp: number
  readonly isBuyerMaker: boolean
  readonly buyerOrderId: string
  readonly sellerOrderId: string
  readonly micros: number
}

export interface Position {
  readonly symbol: string
  readonly positionId: string
  netQuantity: bigint
  /** Cash paid for the open quantity (positive for longs). */
  netCost: bigint
  pnlRealized: bigint
  cumulativeFundingPayment: bigint
}

export interface FundingPaymentRecord {
  readonly userId: number
  readonly symbol: string
  readonly quantity: bigint
  readonly fundingRate: bigint
  readonly intervalEnd: number
}

export interface DepositRecord {
  readonly id: number
  readonly symbol: string
  readonly quantity: bigint
  readonly source: string
  readonly createdAt: number
}

export interface WithdrawalRecord {
  readonly id: number
  readonly blockchain: string
  readonly clientId: string | null
  readonly quantity: bigint
  readonly fee: bigint
  readonly symbol: string
  status: string
  readonly toAddress: string
  readonly createdAt: number
}

export interface AccountSettings {
  autoBorrowSettlements: boolean
  autoLend: boolean
  autoRepayBorrows: boolean
  leverageLimit: bigint
}

export interface Account {
  readonly id: number
  readonly apiKey: string
  readonly publicKey: Uint8Array
  readonly balances: Map<string, Balance>
  readonly settings: AccountSettings
  readonly positions: Map<string, Position>
  /** Open orders by id, oldest first (the index every open-order lookup uses; never the history). */
  readonly open: Map<string, Order>
  /** Open orders per market, by id, oldest first. */
  readonly openBySymbol: Map<string, Map<string, Order>>
  /** Open orders by client id (unique among open orders). */
  readonly openByClientId: Map<number, Order>
  /** History, newest `historyLimit` kept. */
  readonly orders: Ring<Order>
  readonly fills: Ring<Fill>
  readonly deposits: Ring<DepositRecord>
  readonly withdrawals: Ring<WithdrawalRecord>
  readonly fundingPayments: Ring<FundingPaymentRecord>
  readonly internal: boolean
}

export interface Level {
  readonly price: bigint
  readonly orders: Array<Order>
}

export interface Market {
  readonly def: MarketDefinition
  readonly symbol: string
  readonly perp: boolean
  readonly tick: bigint
  readonly step: bigint
  readonly minQuantity: bigint
  readonly maxQuantity: bigint | null
  readonly minPrice: bigint
  readonly maxPrice: bigint | null
  readonly priceDp: number
  readonly qtyDp: number
  /** Price band multipliers of the mark price (`filters.price.minMultiplier` / `maxMultiplier`). */
  readonly bands: { readonly min: bigint; readonly max: bigint }
  readonly bids: Array<Level>
  readonly asks: Array<Level>
  /** Last applied book update id (REST `lastUpdateId`, WS depth `u`). */
  seq: number
  /** Extra ids to skip on the next depth event (fault injection). */
  pendingGap: number
  tradeId: number
  /** Public trades, oldest first, newest `tradeHistory` kept. */
  readonly trades: Ring<PublicTrade>
  /** Candles per kline interval, oldest first, newest `klineHistory` kept; updated on every trade. */
  readonly candles: Map<string, Ring<Candle>>
  /** Rolling ticker statistics over 24 h and 1 week; updated on every trade. */
  readonly rolling: { readonly day: Rolling; readonly week: Rolling }
  /** Sum of long positions (kept up to date by every perp trade). */
  openInterest: bigint
  indexPrice: bigint
  markOverride: bigint | null
  fundingRate: bigint
  nextFunding: number
  readonly fundingHistory: Array<{ readonly rate: bigint; readonly intervalEnd: number }>
  lastEngineMicros: number
}

/** An OHLCV candle. */
export interface Candle {
  readonly start: number
  readonly end: number
  open: bigint
  high: bigint
  low: bigint
  close: bigint
  volume: bigint
  quoteVolume: bigint
  trades: number
}

/** Rolling statistics over a time window, kept in time buckets (see `marketData.ts`). */
export interface Rolling {
  readonly windowMs: number
  readonly bucketMs: number
  /** Buckets oldest first from `head`. */
  readonly buckets: Array<Bucket>
  head: number
  volume: bigint
  quoteVolume: bigint
  trades: number
  /** Buckets with decreasing `high` (front = window maximum). */
  readonly highs: Array<Bucket>
  highsHead: number
  /** Buckets with increasing `low` (front = window minimum). */
  readonly lows: Array<Bucket>
  lowsHead: number
}

/** Trades of one time bucket. */
export interface Bucket {
  readonly start: number
  readonly open: bigint
  high: bigint
  low: bigint
  volume: bigint
  quoteVolume: bigint
  trades: number
}

/** Unfilled base quantity of an order (a large sentinel for quote-sized market orders until done). */
export const remaining = (o: Order): bigint => {
  if (o.quantity === null) return o.status === "Filled" ? 0n : 10n ** 27n
  return o.quantity - o.executedQuantity
}

/** Whether the order can still trade. */
export const isOpen = (o: Order): boolean => o.status === "New" || o.status === "PartiallyFilled"

// ---------------------------------------------------------------------------------------------------------------
// time formats
// ---------------------------------------------------------------------------------------------------------------

/** Naive UTC datetime with millisecond precision (`2025-07-27T17:39:00.092`). */
export const naiveMs = (ms: number): string => new Date(ms).toISOString().slice(0, 23)
/** Naive UTC datetime without fraction (`2025-07-27T17:39:00`). */
export const naiveSeconds = (ms: number): string => new Date(ms).toISOString().slice(0, 19)
/** Kline REST format `YYYY-MM-DD HH:MM:SS`. */
export const spaced = (ms: number): string => naiveSeconds(ms).replace("T", " ")

/**
 * Every wire-JSON shape the simulator sends, REST bodies (§11 schemas) and WebSocket payloads (§7.4), built from
 * engine objects. Optional fields are serialised as `null` like the live API, decimals as strings, ids as strings,
 * `clientId` as a number. Nothing else in the simulator formats a decimal for a client.
 *
 * @internal
 */
import type { DustRecord } from "./capitalOps.js"
import * as D from "./decimal.js"
import { openOrders } from "./engine/accounts.js"
import { levelQuantity } from "./engine/book.js"
import type { Engine } from "./engine/engine.js"
import type { LevelChange, OrderEventKind, PositionEventKind } from "./engine/events.js"
import type { TickerStats } from "./engine/marketData.js"
import { assetPrice, markPrice as markOf } from "./engine/marketData.js"
import type {
  Account,
  Candle,
  DepositRecord,
  Fill,
  FundingPaymentRecord,
  Level,
  Market,
  Order,
  PublicTrade,
  Side,
  WithdrawalRecord
} from "./engine/model.js"
import { naiveMs, naiveSeconds, spaced } from "./engine/model.js"
import { marginState, positionStats } from "./engine/perps.js"
import type { InterestRecord, LendPosition, Movement, Pool, PoolSnapshot } from "./lending.js"
import { borrowRate, lendRate, utilization } from "./lending.js"
import type { PositionRow, SettlementRecord } from "./positionHistory.js"
import { closedVolume } from "./positionHistory.js"
import type { Rfq, RfqFill, RfqQuote } from "./rfq.js"
import type { Strategies, Strategy } from "./strategies.js"
import type { Attachment, Conditional } from "./triggers.js"
import type { Vault, VaultMintRecord, VaultRedeemRecord, Vaults } from "./vaults.js"
import type { Venue } from "./venue.js"

export type Payload = Record<string, unknown>

const triggerNulls = {
  triggerPrice: null,
  triggerQuantity: null,
  triggerBy: null,
  takeProfitTriggerPrice: null,
  takeProfitLimitPrice: null,
  takeProfitTriggerBy: null,
  stopLossTriggerPrice: null,
  stopLossLimitPrice: null,
  stopLossTriggerBy: null,
  strategyId: null
}

/** `OrderType` (LimitOrder | MarketOrder) as returned by order execute/query/cancel. */
export const order = (engine: Engine, o: Order): Record<string, unknown> => {
  const common = {
    id: o.id,
    clientId: o.clientId,
    symbol: o.symbol,
    side: o.side,
    executedQuantity: D.format(o.executedQuantity),
    executedQuoteQuantity: D.format(o.executedQuoteQuantity),
    reduceOnly: o.reduceOnly,
    timeInForce: o.timeInForce,
    selfTradePrevention: o.selfTradePrevention,
    status: o.status,
    createdAt: o.createdAt,
    ...triggerNulls,
    triggeredAt: null,
    relatedOrderId: null
  }
  if (o.orderType === "Limit") {
    return {
      orderType: "Limit",
      ...common,
      price: D.format(o.price!),
      quantity: D.format(o.quantity!),
      postOnly: o.postOnly
    }
  }
  return {
    orderType: "Market",
    ...common,
    quantity: o.quantity === null ? null : D.format(o.quantity),
    quoteQuantity: o.quoteQuantity === null ? null : D.format(o.quoteQuantity),
    slippageTolerance: null,
    slippageToleranceType: null
  }
}

/** `Order` row of `/wapi/v1/history/orders`. */
export const historyOrder = (engine: Engine, o: Order): Record<string, unknown> => {
  return {
    id: o.id,
    createdAt: naiveMs(o.createdAt),
    executedQuantity: D.format(o.executedQuantity),
    executedQuoteQuantity: D.format(o.executedQuoteQuantity),
    expiryReason: o.expiryReason,
    orderType: o.orderType,
    postOnly: o.orderType === "Limit" ? o.postOnly : null,
    price: o.price === null ? null : D.format(o.price),
    quantity: o.quantity === null ? null : D.format(o.quantity),
    quoteQuantity: o.quoteQuantity === null ? null : D.format(o.quoteQuantity),
    selfTradePrevention: o.selfTradePrevention,
    status: o.status,
    side: o.side,
    symbol: o.symbol,
    timeInForce: o.timeInForce,
    ...triggerNulls,
    clientId: o.clientId,
    systemOrderType: null,
    slippageTolerance: null,
    slippageToleranceType: null
  }
}

/** `OrderFill` row of `/wapi/v1/history/fills`. */
export const fill = (engine: Engine, f: Fill): Record<string, unknown> => {
  return {
    clientId: f.clientId === null ? null : String(f.clientId),
    fee: D.format(f.fee),
    feeSymbol: f.feeSymbol,
    isMaker: f.isMaker,
    orderId: f.orderId,
    price: D.format(f.price),
    quantity: D.format(f.quantity),
    side: f.side,
    symbol: f.symbol,
    systemOrderType: null,
    timestamp: naiveMs(f.timestamp),
    tradeId: f.tradeId
  }
}

const sqrtFn = (base: string | undefined, factor: string | undefined) =>
  base === undefined ? null : { type: "sqrt", base, factor: factor ?? "0" }

/** `Market`. */
export const market = (m: Market): Record<string, unknown> => {
  const d = m.def
  return {
    symbol: d.symbol,
    baseSymbol: d.baseSymbol,
    quoteSymbol: d.quoteSymbol,
    marketType: d.marketType,
    filters: {
      price: {
        minPrice: d.minPrice,
        maxPrice: d.maxPrice,
        tickSize: d.tickSize,
        maxMultiplier: D.format(m.bands.max),
        minMultiplier: D.format(m.bands.min),
        maxImpactMultiplier: m.perp ? "1.01" : "1.05",
        minImpactMultiplier: m.perp ? "0.99" : "0.95",
        meanMarkPriceBand: m.perp ? { maxMultiplier: "1.1", minMultiplier: "0.9" } : null,
        meanPremiumBand: m.perp ? { tolerancePct: "0.05" } : null,
        borrowEntryFeeMaxMultiplier: null,
        borrowEntryFeeMinMultiplier: null
      },
      quantity: { minQuantity: d.minQuantity, maxQuantity: d.maxQuantity, stepSize: d.stepSize }
    },
    imfFunction: sqrtFn(d.imfBase, d.imfFactor),
    mmfFunction: sqrtFn(d.mmfBase, d.mmfFactor),
    fundingInterval: d.fundingInterval ?? null,
    fundingRateUpperBound: m.perp ? "100" : null,
    fundingRateLowerBound: m.perp ? "-100" : null,
    openInterestLimit: d.openInterestLimit ?? null,
    orderBookState: "Open",
    createdAt: d.createdAt,
    visible: true,
    positionLimitWeight: m.perp ? "1" : null
  }
}

/** `MarkPrice`. */
export const markPrice = (m: Market): Record<string, unknown> => ({
  fundingRate: m.perp ? D.format(m.fundingRate) : null,
  indexPrice: m.perp ? D.format(m.indexPrice, m.priceDp) : null,
  markPrice: D.format(markOf(m), m.priceDp),
  nextFundingTimestamp: m.perp ? m.nextFunding : null,
  symbol: m.symbol
})

/** `Withdrawal`. */
export const withdrawal = (w: WithdrawalRecord): Record<string, unknown> => ({
  id: w.id,
  blockchain: w.blockchain,
  clientId: w.clientId,
  identifier: null,
  quantity: D.format(w.quantity),
  fee: D.format(w.fee),
  fiatFee: null,
  fiatState: null,
  fiatSymbol: null,
  providerId: null,
  symbol: w.symbol,
  status: w.status,
  subaccountId: null,
  toAddress: w.toAddress,
  transactionHash: null,
  createdAt: naiveMs(w.createdAt),
  isInternal: false,
  bankName: null,
  bankIdentifier: null,
  accountIdentifier: null,
  triggerAt: null
})

/** `FuturePositionWithMargin`. */
export const position = (account: Account, m: Market): Record<string, unknown> => {
  const pos = account.positions.get(m.symbol)!
  const v = positionView(account, m)
  return {
    breakEvenPrice: v.breakEvenPrice,
    cumulativeFundingPayment: v.cumulativeFundingPayment,
    cumulativeInterest: "0",
    entryPrice: v.entryPrice,
    estLiquidationPrice: v.estLiquidationPrice,
    imf: v.imf,
    imfFunction: sqrtFn(m.def.imfBase, m.def.imfFactor),
    markPrice: v.markPrice,
    mmf: v.mmf,
    mmfFunction: sqrtFn(m.def.mmfBase, m.def.mmfFactor),
    netCost: v.netCost,
    netExposureNotional: v.netExposureNotional,
    netExposureQuantity: v.netExposureQuantity,
    netQuantity: v.netQuantity,
    pnlRealized: v.pnlRealized,
    pnlUnrealized: v.pnlUnrealized,
    positionId: pos.positionId,
    subaccountId: null,
    symbol: m.symbol,
    userId: account.id
  }
}

/** `MarginAccountSummary` of `/api/v1/capital/collateral`. */
export const collateral = (engine: Engine, account: Account): Record<string, unknown> => {
  const rows: Array<Record<string, unknown>> = []
  let assetsValue = 0n
  let collateralTotal = 0n
  let lockedValue = 0n
  for (const [asset, b] of account.balances) {
    const total = b.available + b.locked + b.staked
    if (total === 0n) continue
    const price = assetPrice(engine, asset)
    const weight = D.parse(engine.assets.find((a) => a.symbol === asset)?.collateralWeight ?? "0")!
    const notional = D.mul(total, price)
    const value = D.mul(notional, weight)
    assetsValue += notional
    collateralTotal += value
    lockedValue += D.mul(D.mul(b.locked, price), weight)
    rows.push({
      symbol: asset,
      assetMarkPrice: D.format(price),
      totalQuantity: D.format(total),
      balanceNotional: D.format(notional),
      collateralWeight: D.format(weight),
      collateralValue: D.format(value),
      openOrderQuantity: D.format(b.locked),
      lendQuantity: "0",
      availableQuantity: D.format(b.available)
    })
  }
  const { initialMargin, unrealized } = marginState(engine, account)
  let exposure = 0n
  for (const m of engine.markets.values()) {
    const p = account.positions.get(m.symbol)
    if (m.perp && p !== undefined) exposure += D.mul(D.abs(p.netQuantity), markOf(m))
  }
  let unsettled = 0n
  for (const p of account.positions.values()) unsettled -= p.netCost
  const netEquity = collateralTotal + unrealized
  return {
    assetsValue: D.format(assetsValue),
    borrowLiability: "0",
    collateral: rows,
    imf: D.format(initialMargin),
    unsettledEquity: D.format(unsettled),
    liabilitiesValue: "0",
    marginFraction: exposure === 0n ? null : D.format(D.div(netEquity, exposure)),
    mmf: D.format(D.mul(initialMargin, D.parse("0.5")!)),
    netEquity: D.format(netEquity),
    netEquityAvailable: D.format(netEquity - lockedValue - initialMargin),
    netEquityLocked: D.format(lockedValue + initialMargin),
    netExposureFutures: D.format(exposure),
    pnlUnrealized: D.format(unrealized)
  }
}

/** Naive datetime (seconds) used for funding interval ends. */
export const intervalEnd = (ms: number): string => naiveSeconds(ms)

/** REST view of a position's figures (`FuturePositionWithMargin` subset), all strings. */
export const positionView = (account: Account, m: Market): Record<string, string> => {
  const pos = account.positions.get(m.symbol)!
  const s = positionStats(account, m, pos)
  return {
    breakEvenPrice: D.format(s.breakEvenPrice),
    entryPrice: D.format(s.entryPrice),
    estLiquidationPrice: "0",
    imf: D.format(s.imf),
    markPrice: D.format(s.markPrice, m.priceDp),
    mmf: m.def.mmfBase ?? "0.0125",
    netCost: D.format(s.netCost),
    netQuantity: D.format(s.netQuantity, m.qtyDp),
    netExposureQuantity: D.format(s.netExposureQuantity, m.qtyDp),
    netExposureNotional: D.format(s.netExposureNotional),
    pnlRealized: D.format(s.pnlRealized),
    pnlUnrealized: D.format(s.pnlUnrealized),
    cumulativeFundingPayment: D.format(s.cumulativeFundingPayment)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// REST rows
// ---------------------------------------------------------------------------------------------------------------

/** `MarketAsset[]` of `/api/v1/assets`. */
export const assets = (engine: Engine): Array<Payload> =>
  engine.assets.map((a) => ({
    symbol: a.symbol,
    displayName: a.displayName,
    coingeckoId: a.coingeckoId,
    tokens: a.tokens.map((t) => ({
      displayName: a.displayName,
      blockchain: t.blockchain,
      contractAddress: t.contractAddress,
      depositEnabled: true,
      minimumDeposit: t.minimumDeposit,
      withdrawEnabled: true,
      minimumWithdrawal: t.minimumWithdrawal,
      maximumWithdrawal: null,
      withdrawalFee: t.withdrawalFee,
      nativeDecimals: t.nativeDecimals
    }))
  }))

/** `Ticker`. */
export const ticker = (m: Market, t: TickerStats): Record<string, string> => {
  const change = t.last - t.first
  const pct = t.first === 0n ? 0n : D.roundTo(D.div(change, t.first), D.parse("0.000001")!)
  return {
    symbol: m.symbol,
    firstPrice: D.format(t.first),
    lastPrice: D.format(t.last),
    priceChange: D.format(change),
    priceChangePercent: D.format(pct),
    high: D.format(t.high),
    low: D.format(t.low),
    volume: D.format(t.volume),
    quoteVolume: D.format(t.quoteVolume),
    trades: String(t.trades)
  }
}

/** `Depth` of `/api/v1/depth` (`limit` levels per side; asks ascending, bids ascending like the live answer). */
export const depth = (m: Market, limit: number): Payload => {
  const side = (levels: ReadonlyArray<Level>) =>
    levels.slice(0, limit).map((l) => [D.format(l.price, m.priceDp), D.format(levelQuantity(l), m.qtyDp)])
  return {
    asks: side(m.asks),
    bids: side(m.bids).reverse(),
    lastUpdateId: String(m.seq),
    timestamp: m.lastEngineMicros
  }
}

/** `Kline`. */
export const kline = (m: Market, c: Candle): Payload => ({
  start: spaced(c.start),
  end: spaced(c.end),
  open: D.format(c.open),
  high: D.format(c.high),
  low: D.format(c.low),
  close: D.format(c.close),
  volume: D.format(c.volume),
  quoteVolume: D.format(c.quoteVolume),
  trades: String(c.trades)
})

/** `OpenInterest`. */
export const openInterest = (engine: Engine, m: Market, oi: bigint | null): Payload => ({
  symbol: m.symbol,
  openInterest: oi === null ? null : D.format(oi, m.qtyDp),
  timestamp: engine.now()
})

/** `FundingIntervalRate`. */
export const fundingRate = (m: Market, f: { readonly rate: bigint; readonly intervalEnd: number }): Payload => ({
  symbol: m.symbol,
  intervalEndTimestamp: intervalEnd(f.intervalEnd),
  fundingRate: D.format(f.rate)
})

/** Public `Trade`. */
export const trade = (m: Market, t: PublicTrade): Payload => ({
  id: t.id,
  isBuyerMaker: t.isBuyerMaker,
  price: D.format(t.price),
  quantity: D.format(t.quantity),
  quoteQuantity: D.format(t.quoteQuantity),
  timestamp: t.timestamp
})

/** `AccountSummary` of `GET /api/v1/account`. */
export const accountSummary = (engine: Engine, account: Account): Payload => ({
  autoBorrowSettlements: account.settings.autoBorrowSettlements,
  autoLend: account.settings.autoLend,
  autoRealizePnl: true,
  autoRepayBorrows: account.settings.autoRepayBorrows,
  borrowLimit: "0",
  futuresMakerFee: D.format(engine.makerFee * 10000n),
  futuresTakerFee: D.format(engine.takerFee * 10000n),
  leverageLimit: D.format(account.settings.leverageLimit),
  limitOrders: openOrders(account).length,
  liquidating: false,
  positionLimit: "1000000",
  spotMakerFee: D.format(engine.makerFee * 10000n),
  spotTakerFee: D.format(engine.takerFee * 10000n),
  triggerOrders: 0
})

/** `MaxOrderQuantity` of `/api/v1/account/limits/order`. */
export const maxOrderQuantity = (
  m: Market,
  max: bigint,
  q: {
    readonly rawPrice: string | null
    readonly side: string
    readonly reduceOnly: boolean | undefined
    readonly autoBorrow: boolean | undefined
    readonly autoBorrowRepay: boolean | undefined
    readonly autoLendRedeem: boolean | undefined
  }
): Payload => ({
  autoBorrow: q.autoBorrow ?? null,
  autoBorrowRepay: q.autoBorrowRepay ?? null,
  autoLendRedeem: q.autoLendRedeem ?? null,
  maxOrderQuantity: D.format(D.floorTo(max, m.step), m.qtyDp),
  price: q.rawPrice,
  side: q.side,
  symbol: m.symbol,
  reduceOnly: q.reduceOnly ?? null
})

/** `MaxWithdrawalQuantity` of `/api/v1/account/limits/withdrawal`. */
export const maxWithdrawalQuantity = (
  symbol: string,
  max: bigint,
  q: { readonly autoBorrow: boolean | undefined; readonly autoLendRedeem: boolean | undefined }
): Payload => ({
  autoBorrow: q.autoBorrow ?? null,
  autoLendRedeem: q.autoLendRedeem ?? null,
  maxWithdrawalQuantity: D.format(max),
  symbol
})

/** `MapAssetBalance` of `/api/v1/capital` (assets with a non-zero total, sorted). */
export const balances = (account: Account): Payload => {
  const out: Payload = {}
  for (const [asset, b] of [...account.balances].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (b.available + b.locked + b.staked === 0n) continue
    out[asset] = { available: D.format(b.available), locked: D.format(b.locked), staked: D.format(b.staked) }
  }
  return out
}

/** `Deposit`. */
export const deposit = (d: DepositRecord): Payload => ({
  id: d.id,
  toAddress: null,
  fromAddress: null,
  source: d.source,
  status: "confirmed",
  transactionHash: null,
  symbol: d.symbol,
  quantity: D.format(d.quantity),
  createdAt: naiveMs(d.createdAt),
  fiatAmount: null,
  fiatCurrency: null,
  institutionBic: null,
  platformMemo: null
})

/** `FundingPayment` row of `/wapi/v1/history/funding`. */
export const fundingPayment = (f: FundingPaymentRecord): Payload => ({
  userId: f.userId,
  subaccountId: 0,
  symbol: f.symbol,
  quantity: D.format(f.quantity),
  intervalEndTimestamp: intervalEnd(f.intervalEnd),
  fundingRate: D.format(f.fundingRate)
})

// ---------------------------------------------------------------------------------------------------------------
// WebSocket payloads (`E` is filled in by the hub at send time)
// ---------------------------------------------------------------------------------------------------------------

/** `depth` payload of a book change. */
export const depthFrame = (
  m: Market,
  change: {
    readonly bids: ReadonlyArray<LevelChange>
    readonly asks: ReadonlyArray<LevelChange>
    readonly U: number
    readonly u: number
    readonly T: number
  }
): Payload => ({
  e: "depth",
  E: 0,
  s: m.symbol,
  a: change.asks.map((l) => depthRow(m, l)),
  b: change.bids.map((l) => depthRow(m, l)),
  U: change.U,
  u: change.u,
  T: String(change.T)
})

/** One `[price, quantity]` row of a depth payload. */
export const depthRow = (m: Market, l: LevelChange): [string, string] => [
  D.format(l.price, m.priceDp),
  D.format(l.quantity, m.qtyDp)
]

/** `trade` payload. */
export const tradeFrame = (m: Market, t: PublicTrade): Payload => ({
  e: "trade",
  E: 0,
  s: m.symbol,
  p: D.format(t.price),
  q: D.format(t.quantity),
  b: t.buyerOrderId,
  a: t.sellerOrderId,
  t: t.id,
  T: String(t.micros),
  m: t.isBuyerMaker
})

/** `ticker` payload. */
export const tickerFrame = (m: Market, t: TickerStats): Payload => {
  const r = ticker(m, t)
  return {
    e: "ticker",
    E: 0,
    s: m.symbol,
    o: r.firstPrice,
    c: r.lastPrice,
    h: r.high,
    l: r.low,
    v: r.volume,
    V: r.quoteVolume,
    n: t.trades
  }
}

/** `markPrice` payload. */
export const markPriceFrame = (m: Market, T: number): Payload => {
  const data: Payload = { e: "markPrice", E: 0, s: m.symbol, p: D.format(markOf(m), m.priceDp) }
  if (m.perp) {
    data.f = D.format(m.fundingRate)
    data.i = D.format(m.indexPrice, m.priceDp)
    data.n = m.nextFunding
  }
  data.T = String(T)
  return data
}

/** `openInterest` payload. */
export const openInterestFrame = (m: Market, oi: bigint): Payload => ({
  e: "openInterest",
  E: 0,
  s: m.symbol,
  o: D.format(oi, m.qtyDp)
})

/** `bookTicker` payload. */
export const bookTickerFrame = (m: Market): Payload => {
  const ask = m.asks[0]
  const bid = m.bids[0]
  return {
    e: "bookTicker",
    E: 0,
    s: m.symbol,
    a: ask === undefined ? null : D.format(ask.price, m.priceDp),
    A: ask === undefined ? null : D.format(levelQuantity(ask), m.qtyDp),
    b: bid === undefined ? null : D.format(bid.price, m.priceDp),
    B: bid === undefined ? null : D.format(levelQuantity(bid), m.qtyDp),
    u: m.seq,
    T: String(m.lastEngineMicros)
  }
}

/** `kline` payload. */
export const klineFrame = (m: Market, candle: Candle, closed: boolean): Payload => ({
  e: "kline",
  E: 0,
  s: m.symbol,
  t: naiveSeconds(candle.start),
  T: naiveSeconds(candle.end),
  o: D.format(candle.open),
  c: D.format(candle.close),
  h: D.format(candle.high),
  l: D.format(candle.low),
  v: D.format(candle.volume),
  n: candle.trades,
  X: closed
})

/** `account.orderUpdate` payload. */
export const orderUpdateFrame = (
  m: Market,
  order: Order,
  kind: OrderEventKind,
  fill: Fill | undefined,
  T: number
): Payload => {
  const data: Payload = { e: kind, E: 0, s: order.symbol }
  if (order.clientId !== null) data.c = order.clientId
  data.S = order.side
  data.o = order.orderType === "Limit" ? "LIMIT" : "MARKET"
  data.f = order.timeInForce
  if (order.quantity !== null) data.q = D.format(order.quantity, m.qtyDp)
  if (order.quoteQuantity !== null) data.Q = D.format(order.quoteQuantity)
  else if (order.price !== null && order.quantity !== null) data.Q = D.format(D.mul(order.price, order.quantity))
  if (order.price !== null) data.p = D.format(order.price, m.priceDp)
  data.X = order.status
  if (kind === "orderExpired" && order.expiryReason !== null) data.R = order.expiryReason
  data.i = order.id
  data.t = fill === undefined ? null : fill.tradeId
  if (fill !== undefined) {
    data.l = D.format(fill.quantity, m.qtyDp)
    data.L = D.format(fill.price, m.priceDp)
    data.m = fill.isMaker
    data.n = D.format(fill.fee)
    data.N = fill.feeSymbol
  }
  data.z = D.format(order.executedQuantity, m.qtyDp)
  data.Z = D.format(order.executedQuoteQuantity)
  data.V = order.selfTradePrevention
  data.T = String(T)
  data.O = "USER"
  data.y = order.postOnly
  data.r = order.reduceOnly ?? false
  return data
}

/** `account.positionUpdate` payload (`e` omitted for the on-subscribe snapshot). */
export const positionFrame = (account: Account, m: Market, kind: PositionEventKind | undefined, T: number): Payload => {
  const pos = account.positions.get(m.symbol)!
  const view = positionView(account, m)
  const data: Payload = {}
  if (kind !== undefined) data.e = kind
  Object.assign(data, {
    E: 0,
    s: m.symbol,
    b: view.breakEvenPrice,
    B: view.entryPrice,
    f: view.imf,
    M: view.markPrice,
    m: view.mmf,
    q: view.netQuantity,
    Q: view.netExposureQuantity,
    n: view.netExposureNotional,
    i: Number(pos.positionId),
    p: view.pnlRealized,
    P: view.pnlUnrealized,
    l: "0",
    T: String(T)
  })
  return data
}

/** `liquidation` payload. */
export const liquidationFrame = (m: Market, side: string, price: bigint, quantity: bigint, T: number): Payload => ({
  e: "liquidation",
  E: 0,
  q: D.format(quantity, m.qtyDp),
  p: D.format(price, m.priceDp),
  S: side,
  s: m.symbol,
  T: String(T)
})

// ---------------------------------------------------------------------------------------------------------------
// venue services (borrow/lend, RFQ, strategies, vaults, dust, withdrawal delay, position and settlement history)
// ---------------------------------------------------------------------------------------------------------------

const fmtOrNull = (v: bigint | null) => (v === null ? null : D.format(v))
const imfSqrt = (base: bigint) => ({ type: "sqrt", base: D.format(base), factor: "0" })

/** `BorrowLendMarket`. */
export const borrowLendMarket = (engine: Engine, pool: Pool): Payload => ({
  state: "Open",
  assetMarkPrice: D.format(assetPrice(engine, pool.params.symbol)),
  borrowInterestRate: D.format(D.roundTo(borrowRate(pool), 1n)),
  borrowedQuantity: D.format(pool.borrowed),
  fee: D.format(pool.params.fee),
  lendInterestRate: D.format(lendRate(pool)),
  lentQuantity: D.format(pool.lent),
  maxUtilization: D.format(pool.params.maxUtilization),
  openBorrowLendLimit: D.format(D.max(0n, D.mul(pool.lent, pool.params.maxUtilization) - pool.borrowed)),
  optimalUtilization: D.format(pool.params.optimalUtilization),
  symbol: pool.params.symbol,
  timestamp: naiveSeconds(engine.now()),
  throttleUtilizationThreshold: D.format(pool.params.maxUtilization),
  throttleUtilizationBound: D.format(pool.params.maxUtilization),
  throttleUpdateFraction: "0",
  utilization: D.format(utilization(pool)),
  stepSize: D.format(pool.params.stepSize)
})

/** `BorrowLendHistory` (one hourly pool snapshot). */
export const borrowLendMarketHistory = (h: PoolSnapshot): Payload => ({
  borrowInterestRate: D.format(h.borrowRate),
  borrowedQuantity: D.format(h.borrowed),
  lendInterestRate: D.format(h.lendRate),
  lentQuantity: D.format(h.lent),
  timestamp: naiveSeconds(h.timestamp),
  utilization: D.format(h.utilization)
})

/** `BorrowLendPositionWithMargin`. */
export const borrowLendPosition = (pool: Pool, price: bigint, pos: LendPosition): Payload => ({
  cumulativeInterest: D.format(pos.cumulativeInterest),
  id: pos.id,
  imf: pos.net < 0n ? D.format(pool.params.imf) : "0",
  imfFunction: imfSqrt(pos.net < 0n ? pool.params.imf : 0n),
  netQuantity: D.format(pos.net),
  markPrice: D.format(price),
  mmf: pos.net < 0n ? D.format(pool.params.imf / 2n) : "0",
  mmfFunction: imfSqrt(pos.net < 0n ? pool.params.imf / 2n : 0n),
  netExposureQuantity: D.format(D.abs(pos.net)),
  netExposureNotional: D.format(D.mul(D.abs(pos.net), price)),
  symbol: pos.symbol,
  estLiquidationPrice: "0"
})

/** `BorrowLendMovement`. */
export const borrowLendMovement = (m: Movement): Payload => ({
  eventType: m.eventType,
  positionId: m.positionId,
  positionQuantity: D.format(m.positionQuantity),
  quantity: D.format(m.quantity),
  source: m.source,
  symbol: m.symbol,
  timestamp: naiveMs(m.timestamp),
  spotMarginOrderId: null
})

/** `InterestPayment`. */
export const interestPayment = (r: InterestRecord): Payload => ({
  paymentType: r.paymentType,
  interestRate: D.format(r.interestRate),
  interval: 3_600_000,
  marketSymbol: r.symbol,
  positionId: r.positionId,
  quantity: D.format(r.quantity),
  symbol: r.symbol,
  timestamp: naiveMs(r.timestamp)
})

/** `BorrowLendPositionRow` of the position history. */
export const borrowLendPositionHistory = (p: LendPosition, side: "Borrow" | "Lend"): Payload => ({
  positionId: p.id,
  quantity: D.format(D.abs(p.net)),
  symbol: p.symbol,
  source: "Manual",
  cumulativeInterest: D.format(p.cumulativeInterest),
  avgInterestRate: D.format(p.rateCount === 0 ? 0n : p.rateSum / BigInt(p.rateCount)),
  side,
  createdAt: naiveMs(p.createdAt)
})

/** `DustConversion`. */
export const dustConversion = (d: DustRecord): Payload => ({
  id: d.id,
  quantity: D.format(d.quantity),
  symbol: d.symbol,
  usdcReceived: D.format(d.usdcReceived),
  timestamp: naiveMs(d.timestamp)
})

/** `WithdrawalDelay`. */
export const withdrawalDelay = (
  d: { readonly current: number | null; readonly pending: number | null; readonly pendingEnabledAt: number | null }
): Payload => ({
  currentWithdrawalDelayHours: d.current,
  pendingWithdrawalDelayHours: d.pending,
  pendingWithdrawalDelayHoursEnabledAt: d.pendingEnabledAt === null ? null : naiveMs(d.pendingEnabledAt)
})

/** `account.rfqUpdate` frame for `account` (`R`/`u` are exact integers above 2^53: `bigint`, see `stringifyFrame`). */
export const rfqFrame = (
  account: Account,
  r: Rfq,
  e: string,
  quote: RfqQuote | undefined,
  price: bigint | null,
  micros: number
): Payload => {
  const data: Payload = { e, E: 0, R: BigInt(r.id) }
  if (quote !== undefined) data.u = BigInt(quote.id)
  const clientId = quote !== undefined && quote.accountId === account.id
    ? quote.clientId
    : r.accountId === account.id
    ? r.clientId
    : null
  if (clientId !== null) data.C = String(clientId)
  data.s = r.symbol
  data.S = r.side
  if (r.quantity !== null) data.q = D.format(r.quantity)
  else data.Q = D.format(r.quoteQuantity!)
  if (price !== null) data.p = D.format(price)
  data.w = r.submissionTime
  data.W = r.expiryTime
  data.X = quote !== undefined && account.id === quote.accountId ? quote.status : r.status
  data.T = String(micros)
  return data
}

/** `RequestForQuote` (times in ms). */
export const rfq = (r: Rfq): Payload => ({
  rfqId: r.id,
  clientId: r.clientId,
  symbol: r.symbol,
  side: r.side,
  price: fmtOrNull(r.price),
  quantity: fmtOrNull(r.quantity),
  quoteQuantity: fmtOrNull(r.quoteQuantity),
  submissionTime: r.submissionTime,
  systemOrderType: null,
  expiryTime: r.expiryTime,
  status: r.status,
  executionMode: r.executionMode,
  createdAt: r.createdAt
})

/** `Quote` (time in ms). */
export const quote = (q: RfqQuote): Payload => ({
  rfqId: q.rfqId,
  quoteId: q.id,
  clientId: q.clientId,
  bidPrice: D.format(q.bidPrice),
  askPrice: D.format(q.askPrice),
  status: q.status,
  createdAt: q.createdAt
})

/** `RfqHistory` (naive times). */
export const rfqHistory = (r: Rfq): Payload => ({
  ...rfq(r),
  submissionTime: naiveMs(r.submissionTime),
  expiryTime: naiveMs(r.expiryTime),
  createdAt: naiveMs(r.createdAt),
  deferredSettlementQuoteId: null
})

/** `QuoteHistory` (naive time). */
export const quoteHistory = (q: RfqQuote): Payload => ({
  ...quote(q),
  createdAt: naiveMs(q.createdAt),
  deferredSettlement: false
})

/** The quoter's side of a fill (it trades against the requester). */
export const quoterSide = (s: Side): Side => (s === "Bid" ? "Ask" : "Bid")

/** `RfqFillHistory`: the requester's side of an RFQ fill. */
export const rfqFill = (f: RfqFill): Payload => ({
  rfqId: f.rfq.id,
  clientId: f.rfq.clientId,
  quoteId: f.quote.id,
  symbol: f.rfq.symbol,
  side: f.side,
  quantity: D.format(f.quantity),
  quoteQuantity: D.format(f.quoteQuantity),
  fillPrice: D.format(f.price),
  createdAt: naiveMs(f.rfq.createdAt),
  filledAt: naiveMs(f.filledAt),
  systemOrderType: null
})

/** `QuoteFillHistory`: the quoter's side of an RFQ fill. */
export const quoteFill = (f: RfqFill): Payload => ({
  clientId: f.quote.clientId,
  quoteId: f.quote.id,
  rfqId: f.rfq.id,
  symbol: f.rfq.symbol,
  side: quoterSide(f.side),
  quantity: D.format(f.quantity),
  fillPrice: D.format(f.price),
  fee: D.format(f.quoterFee),
  feeSymbol: f.quoterFeeSymbol,
  createdAt: naiveMs(f.quote.createdAt),
  filledAt: naiveMs(f.filledAt)
})

const strategyCommon = (strategies: Strategies, s: Strategy) => ({
  id: s.id,
  clientStrategyId: s.clientStrategyId,
  executedQuantity: D.format(strategies.executedQuantity(s)),
  executedQuoteQuantity: D.format(strategies.executedQuoteQuantity(s)),
  quantity: D.format(s.quantity),
  selfTradePrevention: s.selfTradePrevention,
  status: s.status,
  side: s.side,
  symbol: s.symbol,
  timeInForce: s.timeInForce,
  duration: s.duration,
  interval: s.interval,
  randomizedIntervalQuantity: s.randomizedIntervalQuantity,
  slippageTolerance: fmtOrNull(s.slippageTolerance),
  slippageToleranceType: s.slippageToleranceType
})

/** `Strategy` (create, query, cancel, open strategies). */
export const strategy = (strategies: Strategies, s: Strategy): Payload => ({
  strategyType: "Scheduled",
  ...strategyCommon(strategies, s),
  createdAt: s.createdAt,
  reduceOnly: s.reduceOnly
})

/** `StrategyHistory`. */
export const strategyHistory = (strategies: Strategies, s: Strategy): Payload => ({
  ...strategyCommon(strategies, s),
  createdAt: naiveMs(s.createdAt),
  cancelReason: s.cancelReason,
  strategyType: "Scheduled"
})

/** `Vault`. */
export const vault = (vaults: Vaults, v: Vault): Payload => {
  const d = v.def
  return {
    id: d.id,
    vaultToken: d.vaultToken,
    symbol: d.symbol,
    mintsEnabled: true,
    redeemsEnabled: true,
    minMintQuantity: d.minMintQuantity,
    minRedeemTokens: d.minRedeemTokens,
    redeemDelayMs: d.redeemDelayMs,
    tokenStepSize: d.tokenStepSize,
    remainingMintQuantity: D.format(D.max(0n, D.parse(d.capacity)! - vaults.equity(v)))
  }
}

/** `VaultHistory` (one hourly snapshot). */
export const vaultHistory = (
  v: Vault,
  h: { readonly timestamp: number; readonly nav: bigint; readonly equity: bigint; readonly supply: bigint }
): Payload => ({
  vaultId: v.def.id,
  timestamp: naiveSeconds(h.timestamp),
  nav: D.format(h.nav),
  vaultEquity: D.format(h.equity),
  tokenCirculatingSupply: D.format(h.supply)
})

/** `VaultNav` of the vault's own account. */
export const vaultNav = (vaults: Vaults, v: Vault): Payload => {
  const nav = vaults.nav(v)
  const twap = vaults.twapNav(v)
  const equity = vaults.equity(v)
  return {
    nav: D.format(nav),
    twapNav: D.format(twap),
    mintNav: D.format(D.max(nav, twap)),
    redeemNav: D.format(D.min(nav, twap)),
    vaultEquity: D.format(equity),
    netEquity: D.format(equity),
    tokenCirculatingSupply: D.format(vaults.supply(v)),
    lastCrankTimestamp: v.lastCrank
  }
}

/** `VaultRedeem`. */
export const vaultRedeem = (vaults: Vaults, r: VaultRedeemRecord): Payload => {
  const v = vaults.vault(r.vaultId)
  return {
    status: r.status,
    id: r.id,
    vaultId: r.vaultId,
    vaultTokenQuantity: D.format(r.vaultTokenQuantity),
    vaultToken: v.def.vaultToken,
    symbol: v.def.symbol,
    quantity: fmtOrNull(r.quantity),
    nav: fmtOrNull(r.nav),
    reason: r.reason,
    timestamp: r.timestamp
  }
}

/** `VaultMint` (Rust client's history row). */
export const vaultMint = (vaults: Vaults, m: VaultMintRecord): Payload => {
  const v = vaults.vault(m.vaultId)
  return {
    id: m.id,
    vaultId: m.vaultId,
    vaultToken: v.def.vaultToken,
    symbol: v.def.symbol,
    quantity: D.format(m.quantity),
    vaultTokensMinted: D.format(m.tokens),
    nav: D.format(m.nav),
    timestamp: m.timestamp
  }
}

/** `PositionHistoryRow`. */
export const positionHistory = (
  account: Account,
  m: Market,
  r: PositionRow,
  liquidated: bigint,
  imf: bigint
): Payload => {
  const mark = markOf(m)
  const exposure = D.abs(r.netQuantity)
  return {
    id: r.id,
    symbol: r.symbol,
    netQuantity: D.format(r.netQuantity),
    netExposureQuantity: D.format(exposure),
    netExposureNotional: D.format(D.mul(exposure, mark)),
    netCost: D.format(r.netCost),
    markPrice: D.format(mark),
    entryPrice: D.format(r.netQuantity === 0n ? 0n : D.div(r.netCost, r.netQuantity)),
    cumulativePnlRealized: D.format(r.pnlRealized),
    unrealizedPnl: D.format(r.netQuantity === 0n ? 0n : D.mul(r.netQuantity, mark) - r.netCost),
    fundingQuantity: D.format(r.funding),
    interest: "0",
    liquidated: D.format(liquidated),
    imf: D.format(imf),
    fees: D.format(r.fees),
    state: r.closedAt === null ? "Open" : "Closed",
    closedVolume: D.format(closedVolume(r.volume, r.netQuantity)),
    liquidationFees: "0",
    closingPrice: fmtOrNull(r.closingPrice),
    accountLeverage: D.format(account.settings.leverageLimit),
    openedAt: naiveMs(r.openedAt),
    closedAt: r.closedAt === null ? null : naiveMs(r.closedAt)
  }
}

/** `SettlementHistory` row. */
export const settlement = (account: Account, s: SettlementRecord): Payload => ({
  quantity: D.format(s.quantity),
  source: s.source,
  subaccountId: null,
  timestamp: naiveMs(s.timestamp),
  userId: account.id,
  positionId: s.positionId,
  engineSequence: s.engineSequence
})

// ---------------------------------------------------------------------------------------------------------------
// conditional orders (trigger, take-profit, stop-loss)
// ---------------------------------------------------------------------------------------------------------------

/** `account.orderUpdate` frame of a conditional order (`triggerPlaced`, `triggerFailed`, `orderCancelled`). */
export const conditionalFrame = (c: Conditional, e: string, micros: number | bigint): Payload => {
  const data: Payload = { e, E: 0, s: c.symbol }
  if (c.clientId !== null) data.c = c.clientId
  data.S = c.side
  data.o = c.orderType === "Limit" ? "LIMIT" : "MARKET"
  data.f = c.timeInForce
  if (c.quantity !== null) data.q = D.format(c.quantity)
  if (c.price !== null) data.p = D.format(c.price)
  data.P = D.format(c.triggerPrice)
  data.B = c.triggerBy
  data.Y = c.triggerQuantity
  data.X = c.status
  data.i = c.id
  data.t = null
  data.z = "0"
  data.Z = "0"
  data.V = c.selfTradePrevention
  data.T = String(micros)
  data.O = "USER"
  if (c.parentId !== null) data.I = c.parentId
  data.y = c.postOnly
  data.r = c.reduceOnly ?? false
  return data
}

/** `OrderType` view of a pending conditional order (quantity `"0"` until it fires, like the live API). */
export const conditionalView = (c: Conditional): Record<string, unknown> => {
  const common = {
    id: c.id,
    clientId: c.clientId,
    symbol: c.symbol,
    side: c.side,
    executedQuantity: "0",
    executedQuoteQuantity: "0",
    reduceOnly: c.reduceOnly,
    timeInForce: c.timeInForce,
    selfTradePrevention: c.selfTradePrevention,
    status: c.status === "Triggered" ? "New" : c.status,
    createdAt: c.createdAt,
    triggerPrice: D.format(c.triggerPrice),
    triggerQuantity: c.triggerQuantity,
    triggerBy: c.triggerBy,
    ...attachmentFields(c.takeProfit, c.stopLoss),
    strategyId: null,
    triggeredAt: c.triggeredAt,
    relatedOrderId: c.parentId
  }
  if (c.orderType === "Limit") {
    return { orderType: "Limit", ...common, price: D.format(c.price!), quantity: "0", postOnly: c.postOnly }
  }
  return {
    orderType: "Market",
    ...common,
    quantity: null,
    quoteQuantity: null,
    slippageTolerance: null,
    slippageToleranceType: null
  }
}

/** The TP/SL fields of an order view. */
export const attachmentFields = (takeProfit: Attachment | null, stopLoss: Attachment | null) => ({
  takeProfitTriggerPrice: takeProfit === null ? null : D.format(takeProfit.triggerPrice),
  takeProfitLimitPrice: takeProfit?.limitPrice == null ? null : D.format(takeProfit.limitPrice),
  takeProfitTriggerBy: takeProfit?.triggerBy ?? null,
  stopLossTriggerPrice: stopLoss === null ? null : D.format(stopLoss.triggerPrice),
  stopLossLimitPrice: stopLoss?.limitPrice == null ? null : D.format(stopLoss.limitPrice),
  stopLossTriggerBy: stopLoss?.triggerBy ?? null
})

/** `Order` row of `/wapi/v1/history/orders` for a conditional order that never reached the book. */
export const conditionalHistoryView = (c: Conditional): Record<string, unknown> => ({
  id: c.id,
  createdAt: naiveMs(c.createdAt),
  executedQuantity: "0",
  executedQuoteQuantity: "0",
  expiryReason: null,
  orderType: c.orderType,
  postOnly: c.orderType === "Limit" ? c.postOnly : null,
  price: c.price === null ? null : D.format(c.price),
  quantity: c.orderType === "Limit" ? "0" : null,
  quoteQuantity: null,
  selfTradePrevention: c.selfTradePrevention,
  status: c.status,
  side: c.side,
  symbol: c.symbol,
  timeInForce: c.timeInForce,
  triggerPrice: D.format(c.triggerPrice),
  triggerQuantity: c.triggerQuantity,
  triggerBy: c.triggerBy,
  ...attachmentFields(c.takeProfit, c.stopLoss),
  strategyId: null,
  clientId: c.clientId,
  systemOrderType: null,
  slippageTolerance: null,
  slippageToleranceType: null
})

// ---------------------------------------------------------------------------------------------------------------
// collateral with the lending pools
// ---------------------------------------------------------------------------------------------------------------

/**
 * `CollateralSummary` per asset from the margin the simulator applies: the haircut is the asset's flat
 * collateral weight, the IMF of a borrow of the asset is its lending pool's IMF and the MMF half of it.
 */
export const collateralParameters = (engine: Engine, venue: Venue) =>
  engine.assets.map((a) => {
    const imf = venue.lending.pools.get(a.symbol)?.params.imf ?? D.ONE
    return {
      symbol: a.symbol,
      imfFunction: { type: "sqrt", base: D.format(imf), factor: "0" },
      mmfFunction: { type: "sqrt", base: D.format(imf / 2n), factor: "0" },
      haircutFunction: { weight: a.collateralWeight, kind: { type: "identity" } }
    }
  })

/**
 * `MarginAccountSummary` with the account's lends (counted as collateral, `lendQuantity`) and borrows
 * (`borrowLiability`, their initial margin in `imf` and `netEquityLocked`).
 */
export const collateralSummary = (engine: Engine, venue: Venue, account: Account): Record<string, unknown> => {
  const base = collateral(engine, account)
  const lending = venue.lending
  const rows = (base.collateral as Array<Record<string, unknown>>).map((r) => ({ ...r }))
  for (const pool of lending.pools.values()) {
    const symbol = pool.params.symbol
    const lent = lending.net(account, symbol)
    if (lent <= 0n) continue
    let row = rows.find((r) => r.symbol === symbol)
    if (row === undefined) {
      row = {
        symbol,
        assetMarkPrice: D.format(assetPrice(engine, symbol)),
        totalQuantity: "0",
        balanceNotional: "0",
        collateralWeight: D.format(lending.weight(symbol)),
        collateralValue: "0",
        openOrderQuantity: "0",
        lendQuantity: "0",
        availableQuantity: "0"
      }
      rows.push(row)
    }
    const price = assetPrice(engine, symbol)
    const total = D.parse(row.totalQuantity as string)! + lent
    const notional = D.mul(total, price)
    row.totalQuantity = D.format(total)
    row.balanceNotional = D.format(notional)
    row.collateralValue = D.format(D.mul(notional, lending.weight(symbol)))
    row.lendQuantity = D.format(lent)
  }
  const liability = lending.liability(account)
  const borrowMargin = lending.borrowMargin(account)
  const adjust = (key: string, delta: bigint) => D.format(D.parse(base[key] as string)! + delta)
  return {
    ...base,
    collateral: rows,
    assetsValue: adjust("assetsValue", lendValue(engine, venue, account)),
    borrowLiability: D.format(liability),
    liabilitiesValue: D.format(liability),
    imf: adjust("imf", borrowMargin),
    netEquity: adjust("netEquity", lending.equityAdjustment(account)),
    netEquityAvailable: adjust("netEquityAvailable", lending.equityAdjustment(account) - borrowMargin),
    netEquityLocked: adjust("netEquityLocked", borrowMargin),
    mmf: adjust("mmf", lending.borrowMargin(account, "maintenance"))
  }
}

const lendValue = (engine: Engine, venue: Venue, account: Account): bigint => {
  let total = 0n
  for (const pool of venue.lending.pools.values()) {
    const lent = venue.lending.net(account, pool.params.symbol)
    if (lent > 0n) total += D.mul(lent, assetPrice(engine, pool.params.symbol))
  }
  return total
}

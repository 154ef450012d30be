/**
 * Every wire-JSON shape the simulator sends, REST bodies (§11 schemas) and WebSocket payloads (§7.4), built from
 * engine objects. Optional fields are serialised as `null` like the live API, decimals as strings, ids as strings,
 * `clientId` as a number. Nothing else in the simulator formats a decimal for a client.
 *
 * @internal
 */
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
  WithdrawalRecord
} from "./engine/model.js"
import { naiveMs, naiveSeconds, spaced } from "./engine/model.js"
import { marginState, positionStats } from "./engine/perps.js"

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

/** `CollateralSummary[]` of `/api/v1/collateral`. */
export const collateralParameters = (engine: Engine): Array<Payload> =>
  engine.assets.map((a) => ({
    symbol: a.symbol,
    imfFunction: { type: "sqrt", base: "0.02", factor: "0.0000235" },
    mmfFunction: { type: "sqrt", base: "0.0125", factor: "0.000014" },
    haircutFunction: {
      weight: a.collateralWeight,
      kind: a.symbol === "USDC"
        ? { type: "identity" }
        : { type: "inverseSqrt", base: "1", positiveCurvePenalty: "0.00001" }
    }
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

/**
 * Wire representations (§11 schemas) of engine objects. Optional fields are serialised as `null` like the live
 * API, decimals as strings, ids as strings, `clientId` as a number.
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { Account, Engine, Fill, Market, Order, WithdrawalRecord } from "./engine.js"
import { naiveMs, naiveSeconds } from "./engine.js"

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
  const m = engine.markets.get(o.symbol)!
  const common = {
    id: o.id,
    clientId: o.clientId,
    symbol: o.symbol,
    side: o.side,
    executedQuantity: D.format(o.executedQuantity, m.qtyDp),
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
      price: D.format(o.price!, m.priceDp),
      quantity: D.format(o.quantity!, m.qtyDp),
      postOnly: o.postOnly
    }
  }
  return {
    orderType: "Market",
    ...common,
    quantity: o.quantity === null ? null : D.format(o.quantity, m.qtyDp),
    quoteQuantity: o.quoteQuantity === null ? null : D.format(o.quoteQuantity),
    slippageTolerance: null,
    slippageToleranceType: null
  }
}

/** `Order` row of `/wapi/v1/history/orders`. */
export const historyOrder = (engine: Engine, o: Order): Record<string, unknown> => {
  const m = engine.markets.get(o.symbol)!
  return {
    id: o.id,
    createdAt: naiveMs(o.createdAt),
    executedQuantity: D.format(o.executedQuantity, m.qtyDp),
    executedQuoteQuantity: D.format(o.executedQuoteQuantity),
    expiryReason: o.expiryReason,
    orderType: o.orderType,
    postOnly: o.orderType === "Limit" ? o.postOnly : null,
    price: o.price === null ? null : D.format(o.price, m.priceDp),
    quantity: o.quantity === null ? null : D.format(o.quantity, m.qtyDp),
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
  const m = engine.markets.get(f.symbol)!
  return {
    clientId: f.clientId === null ? null : String(f.clientId),
    fee: D.format(f.fee),
    feeSymbol: f.feeSymbol,
    isMaker: f.isMaker,
    orderId: f.orderId,
    price: D.format(f.price, m.priceDp),
    quantity: D.format(f.quantity, m.qtyDp),
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
        maxMultiplier: m.perp ? "2" : "1.25",
        minMultiplier: m.perp ? "0.25" : "0.75",
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
export const markPrice = (engine: Engine, m: Market): Record<string, unknown> => ({
  fundingRate: m.perp ? D.format(m.fundingRate) : null,
  indexPrice: m.perp ? D.format(m.indexPrice, m.priceDp) : null,
  markPrice: D.format(engine.markPrice(m), m.priceDp),
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
export const position = (engine: Engine, account: Account, m: Market): Record<string, unknown> => {
  const pos = account.positions.get(m.symbol)!
  const v = engine.positionView(account, m, pos)
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
    const price = engine.assetPrice(asset)
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
  const { initialMargin, unrealized } = engine.marginState(account)
  let exposure = 0n
  for (const m of engine.markets.values()) {
    const p = account.positions.get(m.symbol)
    if (m.perp && p !== undefined) exposure += D.mul(D.abs(p.netQuantity), engine.markPrice(m))
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

/**
 * Perpetuals: positions (realised PnL settled to the quote balance), initial margin, mark/index prices, open
 * interest and funding.
 *
 * @internal
 */
import * as D from "../decimal.js"
import { balance } from "./accounts.js"
import type { Engine } from "./engine.js"
import type { PositionEventKind } from "./events.js"
import { markPrice } from "./marketData.js"
import type { Account, Market, Position, Side } from "./model.js"
import { ApiFailure, remaining } from "./model.js"

/** Initial-margin fraction used for a market and account. */
export const imf = (account: Account, m: Market): bigint => {
  const base = D.parse(m.def.imfBase ?? "0.02")!
  const byLeverage = D.div(D.ONE, account.settings.leverageLimit)
  return D.max(base, byLeverage)
}

/** Base quantity of the account's open bids and asks in one market (its open orders there, never the history). */
export const openQuantities = (account: Account, symbol: string): { bids: bigint; asks: bigint } => {
  let bids = 0n
  let asks = 0n
  const open = account.openBySymbol.get(symbol)
  if (open === undefined) return { bids, asks }
  for (const o of open.values()) {
    if (o.side === "Bid") bids += remaining(o)
    else asks += remaining(o)
  }
  return { bids, asks }
}

/** Equity and initial-margin requirement of the account's perp book (optionally with an extra order). */
export const marginState = (
  engine: Engine,
  account: Account,
  extra?: { readonly market: Market; readonly side: Side; readonly quantity: bigint }
): { readonly equity: bigint; readonly initialMargin: bigint; readonly unrealized: bigint } => {
  const usdc = balance(account, "USDC")
  let unrealized = 0n
  let initialMargin = 0n
  for (const m of engine.perps) {
    const pos = account.positions.get(m.symbol)
    const net = pos?.netQuantity ?? 0n
    if (pos !== undefined) unrealized += D.mul(net, markPrice(m)) - pos.netCost
    let { asks, bids } = openQuantities(account, m.symbol)
    if (extra !== undefined && extra.market === m) {
      if (extra.side === "Bid") bids += extra.quantity
      else asks += extra.quantity
    }
    const exposure = D.max(D.abs(net + bids), D.abs(net - asks))
    initialMargin += D.mul(D.mul(exposure, markPrice(m)), imf(account, m))
  }
  let adjustment = 0n
  for (const f of engine.equityAdjustments) adjustment += f(account)
  return { equity: usdc.available + unrealized + adjustment, initialMargin, unrealized }
}

/** Rejects an order that would take the account's initial margin above its equity. */
export const checkMargin = (
  engine: Engine,
  account: Account,
  m: Market,
  side: Side,
  quantity: bigint | null,
  quoteQuantity: bigint | null,
  limit: bigint | null
): void => {
  const refPrice = limit ?? markPrice(m)
  const qty = quantity ?? D.div(quoteQuantity!, refPrice)
  const { equity, initialMargin } = marginState(engine, account, { market: m, side, quantity: qty })
  if (initialMargin > equity) throw new ApiFailure(400, "INSUFFICIENT_MARGIN", "Insufficient margin")
}

/**
 * Applies a signed perp trade to a position, realising PnL on the reducing part into the quote balance. Returns the
 * live event it makes: `positionOpened` from flat, `positionClosed` to flat, else `positionAdjusted`.
 */
export const applyPosition = (
  engine: Engine,
  account: Account,
  m: Market,
  signedQty: bigint,
  price: bigint
): PositionEventKind => {
  let pos = account.positions.get(m.symbol)
  if (pos === undefined) {
    pos = {
      symbol: m.symbol,
      positionId: (engine.nextPositionId++).toString(),
      netQuantity: 0n,
      netCost: 0n,
      pnlRealized: 0n,
      cumulativeFundingPayment: 0n
    }
    account.positions.set(m.symbol, pos)
  }
  const before = pos.netQuantity
  m.openInterest += D.max(before + signedQty, 0n) - D.max(before, 0n)
  let realized = 0n
  if (before !== 0n && (before > 0n) !== (signedQty > 0n)) {
    const closeQty = D.min(D.abs(before), D.abs(signedQty))
    const entry = D.div(pos.netCost, before)
    realized = before > 0n ? D.mul(closeQty, price - entry) : D.mul(closeQty, entry - price)
  }
  pos.netQuantity = before + signedQty
  pos.netCost += D.mul(signedQty, price) + realized
  if (pos.netQuantity === 0n) {
    // flat: whatever cost remains is realised too
    realized -= pos.netCost
    pos.netCost = 0n
  }
  pos.pnlRealized += realized
  balance(account, m.def.quoteSymbol).available += realized
  return before === 0n ? "positionOpened" : pos.netQuantity === 0n ? "positionClosed" : "positionAdjusted"
}

/** Publishes a position change (`positionClosed` when flat, else `kind`, default `positionAdjusted`). */
export const emitPosition = (engine: Engine, account: Account, m: Market, forced?: PositionEventKind): void => {
  const pos = account.positions.get(m.symbol)
  if (pos === undefined) return
  const kind = forced ?? (pos.netQuantity === 0n ? "positionClosed" : "positionAdjusted")
  engine.bus.emit({ _tag: "PositionChanged", account, market: m, kind })
}

/** Sets mark and index price of a market. */
export const setMarkPrice = (engine: Engine, m: Market, price: bigint): void => {
  m.indexPrice = D.floorTo(price, m.tick)
  m.markOverride = m.perp ? null : m.indexPrice
  engine.bus.emit({ _tag: "PriceChanged", market: m })
  for (const account of engine.accounts.values()) {
    if (account.positions.has(m.symbol)) emitPosition(engine, account, m, "positionAdjusted")
  }
}

/** Sets the (estimated) funding rate of a perp, quantised to 6 decimals. */
export const setFundingRate = (engine: Engine, m: Market, rate: bigint): void => {
  m.fundingRate = D.roundTo(rate, D.parse("0.000001")!)
  engine.bus.emit({ _tag: "PriceChanged", market: m })
}

/** Sum of long positions in a market (kept up to date by every trade). */
export const openInterest = (m: Market): bigint => m.openInterest

/** Settles funding of a perp at its current mark and rate; returns the number of payments made. */
export const settleFunding = (engine: Engine, m: Market, intervalEnd = engine.now()): number => {
  if (!m.perp) return 0
  const perUnit = D.mul(markPrice(m), m.fundingRate)
  let n = 0
  for (const account of engine.accounts.values()) {
    const pos = account.positions.get(m.symbol)
    if (pos === undefined || pos.netQuantity === 0n) continue
    const payment = -D.mul(pos.netQuantity, perUnit)
    balance(account, m.def.quoteSymbol).available += payment
    pos.cumulativeFundingPayment += payment
    account.fundingPayments.push({
      userId: account.id,
      symbol: m.symbol,
      quantity: payment,
      fundingRate: m.fundingRate,
      intervalEnd
    })
    n++
    emitPosition(engine, account, m, "positionAdjusted")
  }
  m.fundingHistory.push({ rate: m.fundingRate, intervalEnd })
  return n
}

/** Settles every funding interval that has elapsed by the current clock. */
export const settleDueFunding = (engine: Engine): void => {
  const now = engine.now()
  for (const m of engine.markets.values()) {
    const interval = m.def.fundingInterval
    if (!m.perp || interval === undefined) continue
    while (m.nextFunding <= now) {
      settleFunding(engine, m, m.nextFunding)
      m.nextFunding += interval
    }
  }
  for (const hook of engine.clockHooks) hook()
}

/** Derived figures of a position (REST `FuturePositionWithMargin`, WS `account.positionUpdate`). */
export interface PositionStats {
  readonly breakEvenPrice: bigint
  readonly entryPrice: bigint
  readonly imf: bigint
  readonly markPrice: bigint
  readonly netCost: bigint
  readonly netQuantity: bigint
  /** Absolute net exposure including open orders on the growing side. */
  readonly netExposureQuantity: bigint
  readonly netExposureNotional: bigint
  readonly pnlRealized: bigint
  readonly pnlUnrealized: bigint
  readonly cumulativeFundingPayment: bigint
}

export const positionStats = (account: Account, m: Market, pos: Position): PositionStats => {
  const mark = markPrice(m)
  const net = pos.netQuantity
  const { asks, bids } = openQuantities(account, m.symbol)
  const exposureQty = D.abs(net >= 0n ? net + bids : net - asks)
  return {
    breakEvenPrice: net === 0n ? 0n : D.div(pos.netCost - pos.cumulativeFundingPayment, net),
    entryPrice: net === 0n ? 0n : D.div(pos.netCost, net),
    imf: imf(account, m),
    markPrice: mark,
    netCost: pos.netCost,
    netQuantity: net,
    netExposureQuantity: exposureQty,
    netExposureNotional: D.mul(exposureQty, mark),
    pnlRealized: pos.pnlRealized,
    pnlUnrealized: D.mul(net, mark) - pos.netCost,
    cumulativeFundingPayment: pos.cumulativeFundingPayment
  }
}

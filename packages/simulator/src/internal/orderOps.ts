/**
 * How the order routes see conditional orders (trigger, take-profit, stop-loss) next to the book's orders, and
 * the collateral parameters implied by the modelled margin (`/api/v1/collateral`).
 *
 * @internal
 */
import * as D from "./decimal.js"
import type { Engine } from "./engine/engine.js"
import * as History from "./engine/history.js"
import * as MarketData from "./engine/marketData.js"
import * as Matching from "./engine/matching.js"
import type { Account, Order } from "./engine/model.js"
import { ApiFailure } from "./engine/model.js"
import type { OrderPayload } from "./http/payloads.js"
import { isConditional, toOrderRequest } from "./http/payloads.js"
import type { Conditional } from "./triggers.js"
import type { Venue } from "./venue.js"
import { attach } from "./venue.js"
import * as Wire from "./wire.js"

const notFound = () => new ApiFailure(404, "RESOURCE_NOT_FOUND", "Order not found")

/** Conditional-order handling for the order routes. */
export const conditionalOrders = (engine: Engine, venue: Venue) => {
  const view = (o: Order | Conditional, attachments: ReadonlyArray<Conditional>) => {
    if (!("executedQuantity" in o) || "kind" in o) return Wire.conditionalView(o as Conditional)
    const base = Wire.order(engine, o)
    const tp = attachments.find((c) => c.kind === "TakeProfit")
    const sl = attachments.find((c) => c.kind === "StopLoss")
    if (tp === undefined && sl === undefined) return base
    return {
      ...base,
      ...Wire.attachmentFields(
        tp === undefined ? null : { triggerPrice: tp.triggerPrice, limitPrice: tp.price, triggerBy: tp.triggerBy },
        sl === undefined ? null : { triggerPrice: sl.triggerPrice, limitPrice: sl.price, triggerBy: sl.triggerBy }
      )
    }
  }
  return {
    /** `POST /api/v1/order(s)`: plain orders go to the engine, conditional ones to the trigger book. */
    execute: (account: Account, payload: OrderPayload): Record<string, unknown> => {
      if (!isConditional(payload)) {
        return Wire.order(engine, Matching.execute(engine, account, toOrderRequest(payload)))
      }
      const { attachments, order } = venue.triggers.place(account, payload)
      return view(order, attachments)
    },
    find: (account: Account, symbol: string, orderId: string | null, clientId: number | null) => {
      const c = venue.triggers.find(account, symbol, orderId, clientId)
      if (c === undefined) throw notFound()
      return Wire.conditionalView(c)
    },
    cancel: (account: Account, symbol: string, orderId: string | null, clientId: number | null) => {
      const c = venue.triggers.find(account, symbol, orderId, clientId)
      if (c === undefined) throw notFound()
      return Wire.conditionalView(venue.triggers.cancel(account, c))
    },
    open: (account: Account, symbol: string | undefined, marketType: string | undefined) =>
      venue.triggers.open(account, symbol)
        .filter((c) => marketType === undefined || engine.markets.get(c.symbol)!.def.marketType === marketType)
        .map(Wire.conditionalView),
    cancelAll: (account: Account, symbol: string) => venue.triggers.cancelAll(account, symbol).map(Wire.conditionalView)
  }
}

/** Ids of the child orders of a strategy (`undefined` without a filter). */
export const strategyOrders = (engine: Engine, strategyId: string | null): ReadonlySet<string> | undefined => {
  if (strategyId === null) return undefined
  const s = attach(engine).strategies.all.find((x) => x.id === strategyId)
  return new Set(s?.orders.map((o) => o.id) ?? [])
}

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
  const base = Wire.collateral(engine, account)
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
        assetMarkPrice: D.format(MarketData.assetPrice(engine, symbol)),
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
    const price = MarketData.assetPrice(engine, symbol)
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
    if (lent > 0n) total += D.mul(lent, MarketData.assetPrice(engine, pool.params.symbol))
  }
  return total
}

/**
 * One page of `/wapi/v1/history/orders`: the engine's orders and the conditional orders that never reached the
 * book (pending, cancelled or failed; a fired one is the engine order of the same id), by creation time. Without
 * such conditional orders it is the engine's own paging over the bounded history.
 */
export const orderHistoryPage = (
  engine: Engine,
  account: Account,
  options: {
    readonly newestFirst: boolean
    readonly offset: number
    readonly limit: number
    readonly keep: (o: { readonly id: string; readonly symbol: string }) => boolean
  }
): Array<Record<string, unknown>> => {
  const conditionals = attach(engine).triggers.all.filter((c) =>
    c.accountId === account.id && c.status !== "Triggered" && options.keep(c)
  )
  if (conditionals.length === 0) return History.page(account.orders, options).map((o) => Wire.historyOrder(engine, o))
  const rows: Array<{ readonly at: number; readonly row: () => Record<string, unknown> }> = []
  for (const o of account.orders.oldestFirst()) {
    if (options.keep(o)) rows.push({ at: o.createdAt, row: () => Wire.historyOrder(engine, o) })
  }
  for (const c of conditionals) rows.push({ at: c.createdAt, row: () => Wire.conditionalHistoryView(c) })
  // stable: at equal times the engine's orders come first
  rows.sort((a, b) => a.at - b.at)
  if (options.newestFirst) rows.reverse()
  return rows.slice(options.offset, options.offset + options.limit).map((r) => r.row())
}

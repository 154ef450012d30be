/**
 * How the order routes see conditional orders (trigger, take-profit, stop-loss) next to the book's orders, and
 * the order history that merges both.
 *
 * @internal
 */
import type { Engine } from "./engine/engine.js"
import * as History from "./engine/history.js"
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

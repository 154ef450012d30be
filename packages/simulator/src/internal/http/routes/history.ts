/**
 * Account history: orders, fills, funding payments (bounded ring buffers, paged without copying).
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as History from "../../engine/history.js"
import { orderHistoryPage, strategyOrders } from "../../orderOps.js"
import * as Wire from "../../wire.js"
import { Enum, MarketType, QInt, QRepeated, QText } from "../edge.js"
import { json } from "../reply.js"
import type { Paging, RouteDomain } from "../route.js"
import { paging, route } from "../route.js"

const FillType = Enum("FillType", [
  "User",
  "BookLiquidation",
  "Adl",
  "Backstop",
  "Liquidation",
  "AllLiquidation",
  "CollateralConversion",
  "CollateralConversionAndSpotLiquidation"
])
const text = Schema.optional(QText("String"))
const OrdersQuery = Schema.Struct({
  orderId: text,
  strategyId: text,
  symbol: text,
  marketType: QRepeated(MarketType),
  ...paging
})
const FillsQuery = Schema.Struct({
  orderId: text,
  symbol: text,
  from: Schema.optional(QInt("int64")),
  to: Schema.optional(QInt("int64")),
  fillType: Schema.optional(FillType),
  marketType: QRepeated(MarketType),
  ...paging
})
const FundingQuery = Schema.Struct({ symbol: text, subaccountId: Schema.optional(QInt("uint16")), ...paging })

/** Direction, offset and limit (default 100, max 1000) of a history page. */
const pageOf = (q: Paging) => ({
  newestFirst: q.sortDirection !== "Asc",
  offset: q.offset ?? 0,
  limit: Math.min(q.limit ?? 100, 1000)
})

export const routes: RouteDomain = (engine) => {
  const inTypes = (types: ReadonlyArray<string> | undefined, symbol: string) =>
    types === undefined || types.includes(engine.markets.get(symbol)!.def.marketType)
  return [
    route({
      method: "GET",
      path: "/wapi/v1/history/orders",
      instruction: "orderHistoryQueryAll",
      query: OrdersQuery,
      handler: ({ account, q }) => {
        const strategy = strategyOrders(engine, q.strategyId ?? null)
        return json(orderHistoryPage(engine, account, {
          ...pageOf(q),
          keep: (o) =>
            (strategy === undefined || strategy.has(o.id)) && (q.orderId === undefined || o.id === q.orderId) &&
            (q.symbol === undefined || o.symbol === q.symbol) && inTypes(q.marketType, o.symbol)
        }))
      }
    }),
    route({
      method: "GET",
      path: "/wapi/v1/history/fills",
      instruction: "fillHistoryQueryAll",
      query: FillsQuery,
      handler: ({ account, q }) => {
        const from = q.from ?? 0
        const to = q.to ?? Number.MAX_SAFE_INTEGER
        const rows = History.page(account.fills, {
          ...pageOf(q),
          keep: (f) =>
            (q.orderId === undefined || f.orderId === q.orderId) && (q.symbol === undefined || f.symbol === q.symbol) &&
            f.timestamp >= from && f.timestamp <= to && inTypes(q.marketType, f.symbol)
        })
        return json(rows.map((f) => Wire.fill(engine, f)))
      }
    }),
    route({
      method: "GET",
      path: "/wapi/v1/history/funding",
      instruction: "fundingHistoryQueryAll",
      query: FundingQuery,
      handler: ({ account, q }) => {
        const rows = History.page(account.fundingPayments, {
          ...pageOf(q),
          keep: (f) => q.symbol === undefined || f.symbol === q.symbol
        })
        return json(rows.map(Wire.fundingPayment))
      }
    })
  ]
}

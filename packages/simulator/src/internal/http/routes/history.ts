/**
 * Account history: orders, fills, funding payments.
 *
 * @internal
 */
import * as History from "../../engine/history.js"
import { orderHistoryPage, strategyOrders } from "../../orderOps.js"
import * as Wire from "../../wire.js"
import { enumParam, intParam, marketTypesFilter, pageOf, sortDirection } from "../params.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"

const FILL_TYPES = [
  "User",
  "BookLiquidation",
  "Adl",
  "Backstop",
  "Liquidation",
  "AllLiquidation",
  "CollateralConversion",
  "CollateralConversionAndSpotLiquidation"
]

export const routes: RouteDomain = (engine) => [
  {
    method: "GET",
    path: "/wapi/v1/history/orders",
    instruction: "orderHistoryQueryAll",
    handler: ({ account, query }) => {
      const orderId = query.get("orderId")
      const symbol = query.get("symbol")
      const types = marketTypesFilter(query)
      const strategy = strategyOrders(engine, query.get("strategyId"))
      return json(orderHistoryPage(engine, account, {
        newestFirst: sortDirection(query) === "Desc",
        ...pageOf(query),
        keep: (o) =>
          (strategy === undefined || strategy.has(o.id)) &&
          (orderId === null || o.id === orderId) && (symbol === null || o.symbol === symbol) &&
          (types === undefined || types.includes(engine.markets.get(o.symbol)!.def.marketType))
      }))
    }
  },
  {
    method: "GET",
    path: "/wapi/v1/history/fills",
    instruction: "fillHistoryQueryAll",
    handler: ({ account, query }) => {
      const orderId = query.get("orderId")
      const symbol = query.get("symbol")
      const from = intParam(query, "from", "int64") ?? 0
      const to = intParam(query, "to", "int64") ?? Number.MAX_SAFE_INTEGER
      enumParam(query, "fillType", "FillType", FILL_TYPES)
      const types = marketTypesFilter(query)
      const rows = History.page(account.fills, {
        newestFirst: sortDirection(query) === "Desc",
        ...pageOf(query),
        keep: (f) =>
          (orderId === null || f.orderId === orderId) && (symbol === null || f.symbol === symbol) &&
          f.timestamp >= from && f.timestamp <= to &&
          (types === undefined || types.includes(engine.markets.get(f.symbol)!.def.marketType))
      })
      return json(rows.map((f) => Wire.fill(engine, f)))
    }
  },
  {
    method: "GET",
    path: "/wapi/v1/history/funding",
    instruction: "fundingHistoryQueryAll",
    handler: ({ account, query }) => {
      const symbol = query.get("symbol")
      intParam(query, "subaccountId", "uint16")
      const rows = History.page(account.fundingPayments, {
        newestFirst: sortDirection(query) === "Desc",
        ...pageOf(query),
        keep: (f) => symbol === null || f.symbol === symbol
      })
      return json(rows.map(Wire.fundingPayment))
    }
  }
]

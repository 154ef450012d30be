/**
 * Account history: orders, fills, funding payments.
 *
 * @internal
 */
import { orderHistoryRows, strategyOrders } from "../../orderOps.js"
import * as Wire from "../../wire.js"
import { enumParam, intParam, marketTypesFilter, page, sortDirection } from "../params.js"
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
      let rows = orderHistoryRows(engine, account, (o) =>
        (strategy === undefined || strategy.has(o.id)) &&
        (orderId === null || o.id === orderId) && (symbol === null || o.symbol === symbol) &&
        (types === undefined || types.includes(engine.markets.get(o.symbol)!.def.marketType)))
      if (sortDirection(query) === "Desc") rows = rows.reverse()
      return json(page(rows, query).map((row) => row()))
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
      let rows = account.fills.filter((f) =>
        (orderId === null || f.orderId === orderId) && (symbol === null || f.symbol === symbol) &&
        f.timestamp >= from && f.timestamp <= to &&
        (types === undefined || types.includes(engine.markets.get(f.symbol)!.def.marketType))
      )
      if (sortDirection(query) === "Desc") rows = rows.reverse()
      return json(page(rows, query).map((f) => Wire.fill(engine, f)))
    }
  },
  {
    method: "GET",
    path: "/wapi/v1/history/funding",
    instruction: "fundingHistoryQueryAll",
    handler: ({ account, query }) => {
      const symbol = query.get("symbol")
      intParam(query, "subaccountId", "uint16")
      let rows = account.fundingPayments.filter((f) => symbol === null || f.symbol === symbol)
      if (sortDirection(query) === "Desc") rows = [...rows].reverse()
      return json(page(rows, query).map(Wire.fundingPayment))
    }
  }
]

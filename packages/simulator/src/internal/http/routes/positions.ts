/**
 * Futures positions.
 *
 * @internal
 */
import { ApiFailure } from "../../engine/model.js"
import * as Wire from "../../wire.js"
import { enumParam, MARKET_TYPES } from "../params.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"

export const routes: RouteDomain = (engine) => [
  {
    method: "GET",
    path: "/api/v1/position",
    instruction: "positionQuery",
    handler: ({ account, query }) => {
      const symbol = query.get("symbol")
      const type = enumParam(query, "marketType", "MarketType", MARKET_TYPES)
      if (symbol !== null) {
        const m = engine.market(symbol)
        const pos = account.positions.get(m.symbol)
        if (pos === undefined || pos.netQuantity === 0n) {
          throw new ApiFailure(404, "RESOURCE_NOT_FOUND", "Position not found")
        }
        return json([Wire.position(account, m)])
      }
      const rows = [...engine.markets.values()]
        .filter((m) => m.perp && (type === undefined || m.def.marketType === type))
        .filter((m) => (account.positions.get(m.symbol)?.netQuantity ?? 0n) !== 0n)
        .map((m) => Wire.position(account, m))
      return json(rows)
    }
  }
]

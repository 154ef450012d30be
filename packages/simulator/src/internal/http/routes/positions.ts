/**
 * Futures positions.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import { ApiFailure } from "../../engine/model.js"
import * as Wire from "../../wire.js"
import { MarketType, QText } from "../edge.js"
import { json } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { route } from "../route.js"

const PositionsQuery = Schema.Struct({
  symbol: Schema.optional(QText("MarketSymbol")),
  marketType: Schema.optional(MarketType)
})

export const routes: RouteDomain = (engine) => [
  route({
    method: "GET",
    path: "/api/v1/position",
    instruction: "positionQuery",
    query: PositionsQuery,
    handler: ({ account, q }) => {
      if (q.symbol !== undefined) {
        const m = engine.market(q.symbol)
        const pos = account.positions.get(m.symbol)
        if (pos === undefined || pos.netQuantity === 0n) {
          throw new ApiFailure(404, "RESOURCE_NOT_FOUND", "Position not found")
        }
        return json([Wire.position(account, m)])
      }
      const rows = [...engine.markets.values()]
        .filter((m) => m.perp && (q.marketType === undefined || m.def.marketType === q.marketType))
        .filter((m) => (account.positions.get(m.symbol)?.netQuantity ?? 0n) !== 0n)
        .map((m) => Wire.position(account, m))
      return json(rows)
    }
  })
]

/**
 * Account settings and limits.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as D from "../../decimal.js"
import { balance } from "../../engine/accounts.js"
import * as Book from "../../engine/book.js"
import { markPrice } from "../../engine/marketData.js"
import { ApiFailure } from "../../engine/model.js"
import * as Perps from "../../engine/perps.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { QBool, QDecimal, QText, required, Side } from "../edge.js"
import { accountSettings } from "../payloads.js"
import { empty, json } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { route } from "../route.js"

const LimitFlags = {
  autoBorrow: Schema.optional(QBool),
  autoBorrowRepay: Schema.optional(QBool),
  autoLendRedeem: Schema.optional(QBool)
}
const AssetQuery = Schema.Struct({ symbol: required(QText("CustodyAsset")), ...LimitFlags })
const OrderLimitQuery = Schema.Struct({
  symbol: required(QText("MarketSymbol")),
  side: required(Side),
  price: Schema.optional(QDecimal),
  reduceOnly: Schema.optional(QBool),
  ...LimitFlags
})

export const routes: RouteDomain = (engine) => [
  route({
    method: "GET",
    path: "/api/v1/account",
    instruction: "accountQuery",
    handler: ({ account }) => {
      const venue = attach(engine)
      return json({
        ...Wire.accountSummary(engine, account),
        borrowLimit: D.format(venue.lending.liability(account) + D.max(0n, venue.lending.freeMargin(account))),
        triggerOrders: venue.triggers.open(account).length
      })
    }
  }),
  route({
    method: "PATCH",
    path: "/api/v1/account",
    instruction: "accountUpdate",
    body: accountSettings,
    handler: ({ account, b }) => {
      const lev = b.leverageLimit?.value
      if (lev !== undefined && (lev < D.ONE || lev > D.fromInt(100))) {
        throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid leverage limit")
      }
      for (const key of ["autoBorrowSettlements", "autoLend", "autoRepayBorrows"] as const) {
        const v = b[key]
        if (v !== undefined) account.settings[key] = v
      }
      if (lev !== undefined) account.settings.leverageLimit = lev
      return empty(200)
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/account/limits/borrow",
    instruction: "maxBorrowQuantity",
    query: AssetQuery,
    handler: ({ account, q }) =>
      json({ maxBorrowQuantity: D.format(attach(engine).lending.maxBorrow(account, q.symbol)), symbol: q.symbol })
  }),
  route({
    method: "GET",
    path: "/api/v1/account/limits/order",
    instruction: "maxOrderQuantity",
    query: OrderLimitQuery,
    handler: ({ account, q }) => {
      const m = engine.market(q.symbol)
      const price = q.price?.value
      if (price !== undefined && price <= 0n) throw new ApiFailure(400, "INVALID_PRICE", "Price must be positive")
      const side = q.side
      const ref = price ?? (side === "Bid" ? Book.bestAsk(m) : Book.bestBid(m)) ?? markPrice(m)
      let max: bigint
      if (ref <= 0n) max = 0n
      else if (m.perp) {
        const pos = account.positions.get(m.symbol)?.netQuantity ?? 0n
        if (q.reduceOnly === true) max = side === "Bid" ? D.max(0n, -pos) : D.max(0n, pos)
        else {
          const { equity, initialMargin } = Perps.marginState(engine, account)
          const free = D.max(0n, equity - initialMargin)
          max = D.div(free, D.mul(ref, Perps.imf(account, m)))
        }
      } else if (side === "Bid") {
        max = D.div(balance(account, m.def.quoteSymbol).available, ref)
      } else {
        max = balance(account, m.def.baseSymbol).available
      }
      return json(Wire.maxOrderQuantity(m, max, {
        rawPrice: q.price?.raw ?? null,
        side,
        reduceOnly: q.reduceOnly,
        autoBorrow: q.autoBorrow,
        autoBorrowRepay: q.autoBorrowRepay,
        autoLendRedeem: q.autoLendRedeem
      }))
    }
  }),
  route({
    method: "GET",
    path: "/api/v1/account/limits/withdrawal",
    instruction: "maxWithdrawalQuantity",
    query: AssetQuery,
    handler: ({ account, q }) =>
      json(Wire.maxWithdrawalQuantity(q.symbol, balance(account, q.symbol).available, {
        autoBorrow: q.autoBorrow,
        autoLendRedeem: q.autoLendRedeem
      }))
  })
]

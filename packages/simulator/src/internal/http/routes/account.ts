/**
 * Account settings and limits.
 *
 * @internal
 */
import * as D from "../../decimal.js"
import { balance } from "../../engine/accounts.js"
import * as Book from "../../engine/book.js"
import { markPrice } from "../../engine/marketData.js"
import { ApiFailure, PlainFailure } from "../../engine/model.js"
import * as Perps from "../../engine/perps.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { boolParam, enumParam, paramError, reqString } from "../params.js"
import { bodyObject } from "../payloads.js"
import { empty, json } from "../reply.js"
import type { RouteDomain } from "../route.js"

export const routes: RouteDomain = (engine) => [
  {
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
  },
  {
    method: "PATCH",
    path: "/api/v1/account",
    instruction: "accountUpdate",
    handler: ({ account, body }) => {
      const b = bodyObject(body, "UpdateAccountSettingsRequest")
      for (const key of ["autoBorrowSettlements", "autoLend", "autoRepayBorrows"] as const) {
        const v = b[key]
        if (v === undefined || v === null) continue
        if (typeof v !== "boolean") {
          throw new PlainFailure(
            400,
            `Bad Request parse request payload error: failed to parse "boolean" (occurred while parsing "UpdateAccountSettingsRequest")`
          )
        }
        account.settings[key] = v
      }
      if (b.leverageLimit !== undefined && b.leverageLimit !== null) {
        const lev = typeof b.leverageLimit === "string" ? D.parse(b.leverageLimit) : undefined
        if (lev === undefined || lev < D.ONE || lev > D.fromInt(100)) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid leverage limit")
        }
        account.settings.leverageLimit = lev
      }
      return empty(200)
    }
  },
  {
    method: "GET",
    path: "/api/v1/account/limits/borrow",
    instruction: "maxBorrowQuantity",
    handler: ({ account, query }) => {
      const symbol = reqString(query, "symbol", "CustodyAsset")
      return json({ maxBorrowQuantity: D.format(attach(engine).lending.maxBorrow(account, symbol)), symbol })
    }
  },
  {
    method: "GET",
    path: "/api/v1/account/limits/order",
    instruction: "maxOrderQuantity",
    handler: ({ account, query }) => {
      const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
      const side = enumParam(query, "side", "Side", ["Bid", "Ask"], true)!
      const rawPrice = query.get("price")
      const price = rawPrice === null ? undefined : D.parse(rawPrice)
      if (price === undefined && rawPrice !== null) throw paramError("price", "failed to parse \"Decimal\"")
      if (price !== undefined && price <= 0n) throw new ApiFailure(400, "INVALID_PRICE", "Price must be positive")
      const reduceOnly = boolParam(query, "reduceOnly")
      const ref = price ?? (side === "Bid" ? Book.bestAsk(m) : Book.bestBid(m)) ?? markPrice(m)
      let max: bigint
      if (ref <= 0n) max = 0n
      else if (m.perp) {
        const pos = account.positions.get(m.symbol)?.netQuantity ?? 0n
        if (reduceOnly === true) max = side === "Bid" ? D.max(0n, -pos) : D.max(0n, pos)
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
        rawPrice,
        side,
        reduceOnly,
        autoBorrow: boolParam(query, "autoBorrow"),
        autoBorrowRepay: boolParam(query, "autoBorrowRepay"),
        autoLendRedeem: boolParam(query, "autoLendRedeem")
      }))
    }
  },
  {
    method: "GET",
    path: "/api/v1/account/limits/withdrawal",
    instruction: "maxWithdrawalQuantity",
    handler: ({ account, query }) => {
      const symbol = reqString(query, "symbol", "CustodyAsset")
      return json(Wire.maxWithdrawalQuantity(symbol, balance(account, symbol).available, {
        autoBorrow: boolParam(query, "autoBorrow"),
        autoLendRedeem: boolParam(query, "autoLendRedeem")
      }))
    }
  }
]

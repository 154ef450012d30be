/**
 * The domains whose routes the server mounts. A new domain adds its module under `routes/` and one line here.
 *
 * @internal
 */
import type { RouteDomain } from "../route.js"
import * as Account from "./account.js"
import * as Capital from "./capital.js"
import * as History from "./history.js"
import * as MarketData from "./marketData.js"
import * as Orders from "./orders.js"
import * as Positions from "./positions.js"
import * as System from "./system.js"
import * as Venue from "./venue.js"

export const domains: ReadonlyArray<RouteDomain> = [
  System.routes,
  MarketData.routes,
  Account.routes,
  Capital.routes,
  Orders.routes,
  Positions.routes,
  History.routes,
  Venue.routes
]

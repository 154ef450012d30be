/**
 * The table of every endpoint the SDK knows, declared once as data (`Endpoint`): operationId,
 * method, path, signing instruction, request and response schemas, rate-limit bucket and weight,
 * idempotency. `all` lists them; each is also exported by its method name.
 *
 * @since 0.1.0
 */
import type * as Endpoint from "./Endpoint.js"
import * as account from "./internal/endpoints/account.js"
import * as assets from "./internal/endpoints/assets.js"
import * as borrowLend from "./internal/endpoints/borrowLend.js"
import * as capital from "./internal/endpoints/capital.js"
import * as funding from "./internal/endpoints/funding.js"
import * as history from "./internal/endpoints/history.js"
import * as markets from "./internal/endpoints/markets.js"
import * as orders from "./internal/endpoints/orders.js"
import * as positions from "./internal/endpoints/positions.js"
import * as rfq from "./internal/endpoints/rfq.js"
import * as strategies from "./internal/endpoints/strategies.js"
import * as system from "./internal/endpoints/system.js"
import * as trades from "./internal/endpoints/trades.js"
import * as vaults from "./internal/endpoints/vaults.js"

/**
 * Endpoints by service.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const byService = {
  Vaults: vaults,
  BorrowLend: borrowLend,
  Trades: trades,
  Funding: funding,
  Assets: assets,
  Markets: markets,
  System: system,
  Orders: orders,
  Account: account,
  Positions: positions,
  Capital: capital,
  History: history,
  Rfq: rfq,
  Strategies: strategies
} as const

/**
 * Every endpoint, in service order.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const all: ReadonlyArray<Endpoint.Any> = Object.values(byService).flatMap((group) =>
  Object.values(group) as Array<Endpoint.Any>
)

/**
 * Looks an endpoint up by the spec's operationId.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const byOperationId = (operationId: string): Endpoint.Any | undefined =>
  all.find((endpoint) => endpoint.operationId === operationId)

/**
 * The table of every endpoint the SDK knows, declared once as data (`Endpoint`): operationId,
 * method, path, signing instruction, request and response schemas, rate-limit bucket and weight,
 * idempotency. Each service's endpoints are a namespace named after the service
 * (`Endpoints.Markets.getDepth`), `byService` holds the same groups, `all` lists every endpoint.
 * Each service's methods derive from its group (`Endpoint.Methods`).
 *
 * @since 0.1.0
 */
import type * as Endpoint from "./Endpoint.js"
import * as account from "./endpoints/account.js"
import * as assets from "./endpoints/assets.js"
import * as borrowLend from "./endpoints/borrowLend.js"
import * as capital from "./endpoints/capital.js"
import * as funding from "./endpoints/funding.js"
import * as history from "./endpoints/history.js"
import * as markets from "./endpoints/markets.js"
import * as orders from "./endpoints/orders.js"
import * as positions from "./endpoints/positions.js"
import * as rfq from "./endpoints/rfq.js"
import * as strategies from "./endpoints/strategies.js"
import * as system from "./endpoints/system.js"
import * as trades from "./endpoints/trades.js"
import * as vaults from "./endpoints/vaults.js"

/** @since 0.2.0 */
export * as Account from "./endpoints/account.js"

/** @since 0.2.0 */
export * as Assets from "./endpoints/assets.js"

/** @since 0.2.0 */
export * as BorrowLend from "./endpoints/borrowLend.js"

/** @since 0.2.0 */
export * as Capital from "./endpoints/capital.js"

/** @since 0.2.0 */
export * as Funding from "./endpoints/funding.js"

/** @since 0.2.0 */
export * as History from "./endpoints/history.js"

/** @since 0.2.0 */
export * as Markets from "./endpoints/markets.js"

/** @since 0.2.0 */
export * as Orders from "./endpoints/orders.js"

/** @since 0.2.0 */
export * as Positions from "./endpoints/positions.js"

/** @since 0.2.0 */
export * as Rfq from "./endpoints/rfq.js"

/** @since 0.2.0 */
export * as Strategies from "./endpoints/strategies.js"

/** @since 0.2.0 */
export * as System from "./endpoints/system.js"

/** @since 0.2.0 */
export * as Trades from "./endpoints/trades.js"

/** @since 0.2.0 */
export * as Vaults from "./endpoints/vaults.js"

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

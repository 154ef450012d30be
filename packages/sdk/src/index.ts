/**
 * @effect-backpack/sdk — the Effect-native SDK for the Backpack Exchange API (portable entry:
 * browsers, Deno, Bun, Node 22+). Node layers live in `@effect-backpack/sdk/node`.
 *
 * @since 0.1.0
 */

/** @since 0.3.0 */
export * as AccountState from "./AccountState.js"

/** @since 0.1.0 */
export * as BackpackClient from "./BackpackClient.js"

/** @since 0.1.0 */
export * as BackpackConfig from "./BackpackConfig.js"

/** @since 0.1.0 */
export * as BackpackError from "./BackpackError.js"

/** @since 0.1.0 */
export * as BackpackStream from "./BackpackStream.js"

/** @since 0.1.0 */
export * as Capital from "./Capital.js"

/** @since 0.1.0 */
export * as History from "./History.js"

/** @since 0.1.0 */
export * as Rfq from "./Rfq.js"

/** @since 0.1.0 */
export * as Strategies from "./Strategies.js"

/** @since 0.1.0 */
export * as Backpack from "./Backpack.js"

/** @since 0.1.0 */
export * as Endpoint from "./Endpoint.js"

/** @since 0.1.0 */
export * as Endpoints from "./Endpoints.js"

/** @since 0.1.0 */
export * as Model from "./Model.js"

/** @since 0.3.0 */
export * as Metrics from "./Metrics.js"

/** @since 0.1.0 */
export * as Vaults from "./Vaults.js"

/** @since 0.1.0 */
export * as BorrowLend from "./BorrowLend.js"

/** @since 0.1.0 */
export * as Trades from "./Trades.js"

/** @since 0.1.0 */
export * as Funding from "./Funding.js"

/** @since 0.1.0 */
export * as Assets from "./Assets.js"

/** @since 0.1.0 */
export * as Markets from "./Markets.js"

/** @since 0.1.0 */
export * as OrderBook from "./OrderBook.js"

/** @since 0.1.0 */
export * as Orders from "./Orders.js"

/** @since 0.1.0 */
export * as Account from "./Account.js"

/** @since 0.1.0 */
export * as Positions from "./Positions.js"

/** @since 0.1.0 */
export * as Precision from "./Precision.js"

/** @since 0.1.0 */
export * as RateLimiter from "./RateLimiter.js"

/** @since 0.1.0 */
export * as Signer from "./Signer.js"

/** @since 0.1.0 */
export * as System from "./System.js"

/** @since 0.1.0 */
export * as Json from "./Json.js"

/**
 * Borrowing and lending: the public lending markets, their history and APY rates, and (signed)
 * the account's borrow-lend positions and the borrow / repay / lend / redeem action.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/borrowLend.js"
import * as service from "./internal/service.js"

export * from "./models/borrowLend.js"

/**
 * Parameters of `getBorrowLendMarketsHistory`: `interval` (`1d`, `1w`, `1month`, `1year`) and an
 * optional asset `symbol`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetBorrowLendMarketsHistoryParams = Endpoint.Params<typeof endpoints.getBorrowLendMarketsHistory>

/**
 * Parameters of `getApyRates`: an optional VIP `tierId`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetApyRatesParams = Endpoint.Params<typeof endpoints.getApyRates>

/**
 * Parameters of `getEstimatedLiquidationPrice`: `borrow` is the prospective action as an object
 * (`{ symbol, side, quantity }`); the SDK sends it as the base64 of its JSON, as the API expects.
 *
 * @since 0.1.0
 * @category models
 */
export type GetEstimatedLiquidationPriceParams = Endpoint.Params<typeof endpoints.getEstimatedLiquidationPrice>

/**
 * Parameters of `executeBorrowLend` (`BorrowLendExecutePayload`): asset `symbol`, `side` (`"Borrow"`
 * or `"Lend"`) and a positive decimal `quantity` (a string sent as written, or a `BigDecimal`).
 *
 * @since 0.1.0
 * @category models
 */
export type ExecuteBorrowLendParams = Endpoint.Params<typeof endpoints.executeBorrowLend>

/**
 * The methods of `BorrowLend`, one per endpoint of `Endpoints.BorrowLend` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class BorrowLend extends Context.Tag("@effect-backpack/sdk/BorrowLend")<BorrowLend, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<BorrowLend, never, BackpackClient> = Layer.effect(BorrowLend, make)

/**
 * Every method of `BorrowLend` as a function that takes the service from the context
 * (`BorrowLend.getBorrowLendMarkets(params)` is `Effect.flatMap(BorrowLend.BorrowLend, (s) => s.getBorrowLendMarkets(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getBorrowLendMarkets,
  getBorrowLendMarketsHistory,
  getApyRates,
  getBorrowLendPositions,
  getEstimatedLiquidationPrice,
  executeBorrowLend
} = Effect.serviceFunctions(BorrowLend)

/**
 * Borrowing and lending: the public lending markets, their history and APY rates, and (signed)
 * the account's borrow-lend positions and the borrow / repay / lend / redeem action.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/borrowLend.js"
import type {
  ApyRates,
  BorrowLendMarket,
  BorrowLendMarketHistory,
  BorrowLendPositionWithMargin,
  PositionEstimatedLiquidationPrice
} from "./models/borrowLend.js"

export * from "./models/borrowLend.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * Parameters of `getBorrowLendMarketsHistory`: `interval` (`1d`, `1w`, `1month`, `1year`) and an
 * optional asset `symbol`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetBorrowLendMarketsHistoryParams = Input<typeof endpoints.getBorrowLendMarketsHistory>

/**
 * Parameters of `getApyRates`: an optional VIP `tierId`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetApyRatesParams = Input<typeof endpoints.getApyRates>

/**
 * Parameters of `getEstimatedLiquidationPrice`: `borrow` is the prospective action as an object
 * (`{ symbol, side, quantity }`); the SDK sends it as the base64 of its JSON, as the API expects.
 *
 * @since 0.1.0
 * @category models
 */
export type GetEstimatedLiquidationPriceParams = Input<typeof endpoints.getEstimatedLiquidationPrice>

/**
 * Parameters of `executeBorrowLend` (`BorrowLendExecutePayload`): asset `symbol`, `side` (`"Borrow"`
 * or `"Lend"`) and a positive decimal `quantity` (a string sent as written, or a `BigDecimal`).
 *
 * @since 0.1.0
 * @category models
 */
export type ExecuteBorrowLendParams = Input<typeof endpoints.executeBorrowLend>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/borrowLend/markets`: every lending market (public). */
  readonly getBorrowLendMarkets: (params?: {}) => Effect.Effect<ReadonlyArray<BorrowLendMarket>, BackpackError>
  /** `GET /api/v1/borrowLend/markets/history`: rates and utilisation over time (public). */
  readonly getBorrowLendMarketsHistory: (
    params: GetBorrowLendMarketsHistoryParams
  ) => Effect.Effect<ReadonlyArray<BorrowLendMarketHistory>, BackpackError>
  /** `GET /api/v1/borrowLend/apy`: borrow, lend and staking APYs (public). */
  readonly getApyRates: (params?: GetApyRatesParams) => Effect.Effect<ApyRates, BackpackError>
  /** `GET /api/v1/borrowLend/positions`: the account's open positions (signed `borrowLendPositionQuery`). */
  readonly getBorrowLendPositions: (
    params?: {}
  ) => Effect.Effect<ReadonlyArray<BorrowLendPositionWithMargin>, BackpackError>
  /**
   * `GET /api/v1/borrowLend/position/liquidationPrice`: estimated liquidation price if the given
   * borrow were executed.
   *
   * Sent unsigned: the spec declares neither a security scheme nor an instruction for it
   * (backpack-api.md §12.13). It lists a 401 answer, and other clients report that the live API
   * answers 401 to API-key callers whatever the instruction, so expect an `AuthenticationError`
   * until Backpack documents its authentication.
   */
  readonly getEstimatedLiquidationPrice: (
    params: GetEstimatedLiquidationPriceParams
  ) => Effect.Effect<PositionEstimatedLiquidationPrice, BackpackError>
  /**
   * `POST /api/v1/borrowLend`: borrows (`side: "Borrow"`) or lends (`side: "Lend"`) `quantity` of
   * an asset; the exchange serves repayments and redemptions through the same call (signed
   * `borrowLendExecute`; empty answer). Never retried; an uncertain outcome fails with
   * `OutcomeUnknown`.
   */
  readonly executeBorrowLend: (params: ExecuteBorrowLendParams) => Effect.Effect<void, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class BorrowLend extends Context.Tag("@effect-backpack/sdk/BorrowLend")<BorrowLend, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getBorrowLendMarkets: (params) => client.execute(endpoints.getBorrowLendMarkets, params),
  getBorrowLendMarketsHistory: (params) => client.execute(endpoints.getBorrowLendMarketsHistory, params),
  getApyRates: (params) => client.execute(endpoints.getApyRates, params ?? {}),
  getBorrowLendPositions: (params) => client.execute(endpoints.getBorrowLendPositions, params),
  getEstimatedLiquidationPrice: (params) => client.execute(endpoints.getEstimatedLiquidationPrice, params),
  executeBorrowLend: (params) => client.execute(endpoints.executeBorrowLend, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<BorrowLend, never, BackpackClient> = Layer.effect(BorrowLend, make)

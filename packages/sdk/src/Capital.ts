/**
 * Balances, margin summary, deposits, deposit addresses, withdrawals, dust conversion and the
 * withdrawal delay of the account. Every call is signed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/capital.js"
import * as service from "./internal/service.js"

export * from "./models/capital.js"

/**
 * Parameters of `Capital.getCollateral` (`GET /api/v1/capital/collateral`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetCollateralParams = Endpoint.Params<typeof endpoints.getCollateral>

/**
 * Parameters of `Capital.getDeposits` (`GET /wapi/v1/capital/deposits`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetDepositsParams = Endpoint.Params<typeof endpoints.getDeposits>

/**
 * Parameters of `Capital.getDepositAddress` (`GET /wapi/v1/capital/deposit/address`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetDepositAddressParams = Endpoint.Params<typeof endpoints.getDepositAddress>

/**
 * Parameters of `Capital.getWithdrawals` (`GET /wapi/v1/capital/withdrawals`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetWithdrawalsParams = Endpoint.Params<typeof endpoints.getWithdrawals>

/**
 * Parameters of `Capital.requestWithdrawal` (`POST /wapi/v1/capital/withdrawals`).
 *
 * @since 0.2.0
 * @category params
 */
export type RequestWithdrawalParams = Endpoint.Params<typeof endpoints.requestWithdrawal>

/**
 * Parameters of `Capital.convertDust` (`POST /api/v1/account/convertDust`).
 *
 * @since 0.2.0
 * @category params
 */
export type ConvertDustParams = Endpoint.Params<typeof endpoints.convertDust>

/**
 * Parameters of `Capital.createWithdrawalDelay` (`POST /wapi/v1/capital/withdrawals/delay`).
 *
 * @since 0.2.0
 * @category params
 */
export type CreateWithdrawalDelayParams = Endpoint.Params<typeof endpoints.createWithdrawalDelay>

/**
 * Parameters of `Capital.updateWithdrawalDelay` (`PATCH /wapi/v1/capital/withdrawals/delay`).
 *
 * @since 0.2.0
 * @category params
 */
export type UpdateWithdrawalDelayParams = Endpoint.Params<typeof endpoints.updateWithdrawalDelay>

/**
 * The methods of `Capital`, one per endpoint of `Endpoints.Capital` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Capital extends Context.Tag("@effect-backpack/sdk/Capital")<Capital, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Capital, never, BackpackClient> = Layer.effect(Capital, make)

/**
 * Every method of `Capital` as a function that takes the service from the context
 * (`Capital.getBalances(params)` is `Effect.flatMap(Capital.Capital, (s) => s.getBalances(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getBalances,
  getCollateral,
  getDeposits,
  getDepositAddress,
  getWithdrawals,
  requestWithdrawal,
  convertDust,
  getWithdrawalDelay,
  createWithdrawalDelay,
  updateWithdrawalDelay
} = Effect.serviceFunctions(Capital)

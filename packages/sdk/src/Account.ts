/**
 * Account settings, fee tiers and limits (signed): the account summary, settings updates, and the
 * maximum borrow, order and withdrawal quantities.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/account.js"
import * as service from "./internal/service.js"

export * from "./models/account.js"

/**
 * Parameters of `Account.updateAccountSettings` (`PATCH /api/v1/account`).
 *
 * @since 0.2.0
 * @category params
 */
export type UpdateAccountSettingsParams = Endpoint.Params<typeof endpoints.updateAccountSettings>

/**
 * Parameters of `Account.getMaxBorrowQuantity` (`GET /api/v1/account/limits/borrow`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetMaxBorrowQuantityParams = Endpoint.Params<typeof endpoints.getMaxBorrowQuantity>

/**
 * Parameters of `Account.getMaxOrderQuantity` (`GET /api/v1/account/limits/order`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetMaxOrderQuantityParams = Endpoint.Params<typeof endpoints.getMaxOrderQuantity>

/**
 * Parameters of `Account.getMaxWithdrawalQuantity` (`GET /api/v1/account/limits/withdrawal`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetMaxWithdrawalQuantityParams = Endpoint.Params<typeof endpoints.getMaxWithdrawalQuantity>

/**
 * The methods of `Account`, one per endpoint of `Endpoints.Account` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Account extends Context.Tag("@effect-backpack/sdk/Account")<Account, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Account, never, BackpackClient> = Layer.effect(Account, make)

/**
 * Every method of `Account` as a function that takes the service from the context
 * (`Account.getAccount(params)` is `Effect.flatMap(Account.Account, (s) => s.getAccount(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getAccount,
  updateAccountSettings,
  getMaxBorrowQuantity,
  getMaxOrderQuantity,
  getMaxWithdrawalQuantity
} = Effect.serviceFunctions(Account)

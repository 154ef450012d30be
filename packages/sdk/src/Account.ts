/**
 * Account settings, fee tiers and limits (signed): the account summary, settings updates, and the
 * maximum borrow, order and withdrawal quantities.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Schema from "effect/Schema"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import * as endpoints from "./internal/endpoints/account.js"
import type { AccountSummary, MaxBorrowQuantity, MaxOrderQuantity, MaxWithdrawalQuantity } from "./models/account.js"

export * from "./models/account.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * `GET /api/v1/account`: settings, limits, open order counts and fee tiers. Fees are in basis
   * points (`"8.5"` = 0.085 %).
   */
  readonly getAccount: (params?: {}) => Effect.Effect<AccountSummary, BackpackError>
  /**
   * `PATCH /api/v1/account`: changes one or more settings (`autoBorrowSettlements`, `autoLend`,
   * `autoRepayBorrows`, `leverageLimit`). The exchange answers an empty 200; not retried.
   */
  readonly updateAccountSettings: (
    params: Schema.Schema.Encoded<typeof endpoints.updateAccountSettings.request>
  ) => Effect.Effect<void, BackpackError>
  /** `GET /api/v1/account/limits/borrow`: `symbol` is an **asset** (`SOL`). */
  readonly getMaxBorrowQuantity: (
    params: Schema.Schema.Encoded<typeof endpoints.getMaxBorrowQuantity.request>
  ) => Effect.Effect<MaxBorrowQuantity, BackpackError>
  /** `GET /api/v1/account/limits/order`: `symbol` is a **market** (`SOL_USDC`); `side` is required. */
  readonly getMaxOrderQuantity: (
    params: Schema.Schema.Encoded<typeof endpoints.getMaxOrderQuantity.request>
  ) => Effect.Effect<MaxOrderQuantity, BackpackError>
  /** `GET /api/v1/account/limits/withdrawal`: `symbol` is an **asset** (`USDC`). */
  readonly getMaxWithdrawalQuantity: (
    params: Schema.Schema.Encoded<typeof endpoints.getMaxWithdrawalQuantity.request>
  ) => Effect.Effect<MaxWithdrawalQuantity, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Account extends Context.Tag("@effect-backpack/sdk/Account")<Account, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getAccount: (params) => client.execute(endpoints.getAccount, params),
  updateAccountSettings: (params) => client.execute(endpoints.updateAccountSettings, params),
  getMaxBorrowQuantity: (params) => client.execute(endpoints.getMaxBorrowQuantity, params),
  getMaxOrderQuantity: (params) => client.execute(endpoints.getMaxOrderQuantity, params),
  getMaxWithdrawalQuantity: (params) => client.execute(endpoints.getMaxWithdrawalQuantity, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Account, never, BackpackClient> = Layer.effect(Account, make)

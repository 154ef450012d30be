/**
 * Balances, margin summary, deposits, deposit addresses, withdrawals, dust conversion and the
 * withdrawal delay of the account. Every call is signed.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Option from "effect/Option"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/capital.js"
import type {
  Balances,
  Deposit,
  DepositAddress,
  MarginAccountSummary,
  Withdrawal,
  WithdrawalDelay
} from "./models/capital.js"

export * from "./models/capital.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * `GET /api/v1/capital` (`balanceQuery`): balances keyed by asset symbol; each `Balance` has
   * `available`, `locked`, `staked` and their `total`.
   */
  readonly getBalances: (params?: {}) => Effect.Effect<Balances, BackpackError>
  /** `GET /api/v1/capital/collateral` (`collateralQuery`): the margin summary. */
  readonly getCollateral: (
    params?: Input<typeof endpoints.getCollateral>
  ) => Effect.Effect<MarginAccountSummary, BackpackError>
  /**
   * `GET /wapi/v1/capital/deposits` (`depositQueryAll`): deposits, filtered by time (`from`/`to`
   * in epoch ms) and paged with `limit`/`offset`.
   */
  readonly getDeposits: (
    params?: Input<typeof endpoints.getDeposits>
  ) => Effect.Effect<ReadonlyArray<Deposit>, BackpackError>
  /** `GET /wapi/v1/capital/deposit/address` (`depositAddressQuery`): the address for a chain. */
  readonly getDepositAddress: (
    params: Input<typeof endpoints.getDepositAddress>
  ) => Effect.Effect<DepositAddress, BackpackError>
  /** `GET /wapi/v1/capital/withdrawals` (`withdrawalQueryAll`): withdrawals, paged. */
  readonly getWithdrawals: (
    params?: Input<typeof endpoints.getWithdrawals>
  ) => Effect.Effect<ReadonlyArray<Withdrawal>, BackpackError>
  /**
   * `POST /wapi/v1/capital/withdrawals` (`withdraw`): requests a withdrawal and returns it.
   * `quantity` is a positive decimal; `clientId` is a string here. `recipientInformation` keeps
   * the API's snake_case keys. Never retried: an uncertain outcome fails with `OutcomeUnknown`.
   */
  readonly requestWithdrawal: (
    params: Input<typeof endpoints.requestWithdrawal>
  ) => Effect.Effect<Withdrawal, BackpackError>
  /** `POST /api/v1/account/convertDust` (`convertDust`): converts dust (one asset, or all) to USDC. */
  readonly convertDust: (params?: Input<typeof endpoints.convertDust>) => Effect.Effect<void, BackpackError>
  /**
   * `GET /wapi/v1/capital/withdrawals/delay`: the withdrawal delay, `None` when none is set (204).
   * No signing instruction is documented; the SDK signs with `withdrawalDelayQuery` (the endpoint
   * may accept only a web session).
   */
  readonly getWithdrawalDelay: (params?: {}) => Effect.Effect<Option.Option<WithdrawalDelay>, BackpackError>
  /**
   * `POST /wapi/v1/capital/withdrawals/delay`: sets a withdrawal delay (needs a 2FA token). Signed
   * with the undocumented instruction `withdrawalDelayCreate`.
   */
  readonly createWithdrawalDelay: (
    params: Input<typeof endpoints.createWithdrawalDelay>
  ) => Effect.Effect<void, BackpackError>
  /**
   * `PATCH /wapi/v1/capital/withdrawals/delay`: changes the withdrawal delay (needs a 2FA token).
   * Signed with the undocumented instruction `withdrawalDelayUpdate`.
   */
  readonly updateWithdrawalDelay: (
    params: Input<typeof endpoints.updateWithdrawalDelay>
  ) => Effect.Effect<WithdrawalDelay, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Capital extends Context.Tag("@effect-backpack/sdk/Capital")<Capital, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getBalances: (params) => client.execute(endpoints.getBalances, params),
  getCollateral: (params) => client.execute(endpoints.getCollateral, params ?? {}),
  getDeposits: (params) => client.execute(endpoints.getDeposits, params ?? {}),
  getDepositAddress: (params) => client.execute(endpoints.getDepositAddress, params),
  getWithdrawals: (params) => client.execute(endpoints.getWithdrawals, params ?? {}),
  requestWithdrawal: (params) => client.execute(endpoints.requestWithdrawal, params),
  convertDust: (params) => client.execute(endpoints.convertDust, params ?? {}),
  getWithdrawalDelay: (params) => client.execute(endpoints.getWithdrawalDelay, params),
  createWithdrawalDelay: (params) => client.execute(endpoints.createWithdrawalDelay, params),
  updateWithdrawalDelay: (params) => client.execute(endpoints.updateWithdrawalDelay, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Capital, never, BackpackClient> = Layer.effect(Capital, make)

/**
 * Endpoint table of the `Capital` service (balances, collateral, deposits, withdrawals, dust,
 * withdrawal delay).
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import { fromBeforeTo, Limit, MillisParam, Offset } from "../internal/historyParams.js"
import * as S from "../internal/schema.js"
import {
  Balances,
  Deposit,
  DepositAddress,
  MarginAccountSummary,
  Withdrawal,
  WithdrawalDelay
} from "../models/capital.js"
import { Blockchain } from "../models/enums.js"

/**
 * `GET /api/v1/capital` (`balanceQuery`): balances keyed by asset symbol; each `Balance` has
 * `available`, `locked`, `staked` and their `total`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getBalances = Endpoint.make({
  operationId: "get_balances",
  name: "Capital.getBalances",
  method: "GET",
  path: "/api/v1/capital",
  instruction: "balanceQuery",
  request: S.NoParams,
  response: () => Endpoint.json(Balances)
})

/**
 * `GET /api/v1/capital/collateral` (`collateralQuery`): the margin summary.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getCollateral = Endpoint.make({
  operationId: "get_collateral",
  name: "Capital.getCollateral",
  method: "GET",
  path: "/api/v1/capital/collateral",
  instruction: "collateralQuery",
  request: () => Schema.Struct({ subaccountId: Schema.optional(S.Uint16) }),
  response: () => Endpoint.json(MarginAccountSummary)
})

/**
 * `GET /wapi/v1/capital/deposits` (`depositQueryAll`): deposits, filtered by time (`from`/`to`
 * in epoch ms) and paged with `limit`/`offset`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getDeposits = Endpoint.make({
  operationId: "get_deposits",
  name: "Capital.getDeposits",
  method: "GET",
  path: "/wapi/v1/capital/deposits",
  instruction: "depositQueryAll",
  request: () =>
    Schema.Struct({
      from: Schema.optional(MillisParam),
      to: Schema.optional(MillisParam),
      limit: Schema.optional(Limit),
      offset: Schema.optional(Offset),
      excludePlatform: Schema.optional(Schema.Boolean)
    }).pipe(Schema.filter(fromBeforeTo)),
  response: () => Endpoint.json(Schema.Array(Deposit))
})

/**
 * `GET /wapi/v1/capital/deposit/address` (`depositAddressQuery`): the address for a chain.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getDepositAddress = Endpoint.make({
  operationId: "get_deposit_address",
  name: "Capital.getDepositAddress",
  method: "GET",
  path: "/wapi/v1/capital/deposit/address",
  instruction: "depositAddressQuery",
  request: () => Schema.Struct({ blockchain: Blockchain }),
  response: () => Endpoint.json(DepositAddress)
})

/**
 * `GET /wapi/v1/capital/withdrawals` (`withdrawalQueryAll`): withdrawals, paged.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getWithdrawals = Endpoint.make({
  operationId: "get_withdrawals",
  name: "Capital.getWithdrawals",
  method: "GET",
  path: "/wapi/v1/capital/withdrawals",
  instruction: "withdrawalQueryAll",
  request: () =>
    Schema.Struct({
      id: Schema.optional(S.Int32),
      clientId: Schema.optional(S.NonEmpty),
      from: Schema.optional(MillisParam),
      to: Schema.optional(MillisParam),
      limit: Schema.optional(Limit),
      offset: Schema.optional(Offset)
    }).pipe(Schema.filter(fromBeforeTo)),
  response: () => Endpoint.json(Schema.Array(Withdrawal))
})

/**
 * Recipient details of a withdrawal (travel rule). The keys are snake_case on the wire. The object
 * is signed as its compact JSON text (`recipientInformation={"withdrawal_address_id":7,…}`), the
 * way a nested value is rendered by the signer; Backpack does not document this case (§12.3).
 */
const RecipientInformation = S.lazy(() =>
  Schema.Struct({
    withdrawal_address_id: S.Int32,
    withdrawal_purpose: Schema.optional(S.NonEmpty),
    sanctions_representation: Schema.optional(Schema.Boolean)
  })
)

/**
 * `POST /wapi/v1/capital/withdrawals` (`withdraw`): requests a withdrawal and returns it.
 * `quantity` is a positive decimal; `clientId` is a string here. `recipientInformation` keeps
 * the API's snake_case keys. Never retried: an uncertain outcome fails with `OutcomeUnknown`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const requestWithdrawal = Endpoint.make({
  operationId: "request_withdrawal",
  name: "Capital.requestWithdrawal",
  method: "POST",
  path: "/wapi/v1/capital/withdrawals",
  instruction: "withdraw",
  request: () =>
    Schema.Struct({
      address: S.NonEmpty,
      blockchain: Blockchain,
      symbol: S.AssetSymbol,
      quantity: S.PositiveDecimalParam,
      clientId: Schema.optional(S.NonEmpty),
      twoFactorToken: Schema.optional(S.NonEmpty),
      autoBorrow: Schema.optional(Schema.Boolean),
      autoLendRedeem: Schema.optional(Schema.Boolean),
      recipientInformation: Schema.optional(RecipientInformation())
    }),
  response: () => Endpoint.json(Withdrawal)
})

/**
 * `POST /api/v1/account/convertDust` (`convertDust`): converts dust (one asset, or all) to USDC.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const convertDust = Endpoint.make({
  operationId: "convert_dust",
  name: "Capital.convertDust",
  method: "POST",
  path: "/api/v1/account/convertDust",
  instruction: "convertDust",
  request: () => Schema.Struct({ symbol: Schema.optional(S.AssetSymbol) }),
  response: Endpoint.empty
})

/**
 * The withdrawal-delay endpoints document no signing instruction (backpack-api.md §4.7, §12.13):
 * Backpack's own clients do not call them and they may accept only a web session. The SDK signs
 * them with `withdrawalDelayQuery` / `withdrawalDelayCreate` / `withdrawalDelayUpdate`, names that
 * follow the exchange's pattern (`strategyQuery`, `strategyCreate`) and match what third-party
 * clients send. If the exchange rejects them the call fails with `AuthenticationError`/`ApiError`.
 */
const delayBody = S.lazy(() =>
  Schema.Struct({
    withdrawalDelayHours: S.Uint32,
    twoFactorToken: S.NonEmpty
  })
)

/** 204 No Content (no delay configured) decodes to `Option.none()`. */
const OptionalWithdrawalDelay = S.lazy((): Schema.Schema<
  Option.Option<WithdrawalDelay>,
  typeof WithdrawalDelay.Encoded
> =>
  Schema.transform(WithdrawalDelay, Schema.OptionFromSelf(Schema.typeSchema(WithdrawalDelay)), {
    strict: true,
    decode: (delay) => Option.some(delay),
    encode: (option) => Option.getOrElse(option, () => new WithdrawalDelay({}))
  })
)

/**
 * `GET /wapi/v1/capital/withdrawals/delay`: the withdrawal delay, `None` when none is set (204).
 * No signing instruction is documented; the SDK signs with `withdrawalDelayQuery` (the endpoint
 * may accept only a web session).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getWithdrawalDelay = Endpoint.make({
  operationId: "get_withdrawal_delay",
  name: "Capital.getWithdrawalDelay",
  method: "GET",
  path: "/wapi/v1/capital/withdrawals/delay",
  instruction: "withdrawalDelayQuery",
  request: S.NoParams,
  response: () => Endpoint.json(OptionalWithdrawalDelay(), () => Option.none())
})

/**
 * `POST /wapi/v1/capital/withdrawals/delay`: sets a withdrawal delay (needs a 2FA token). Signed
 * with the undocumented instruction `withdrawalDelayCreate`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const createWithdrawalDelay = Endpoint.make({
  operationId: "create_withdrawal_delay",
  name: "Capital.createWithdrawalDelay",
  method: "POST",
  path: "/wapi/v1/capital/withdrawals/delay",
  instruction: "withdrawalDelayCreate",
  request: delayBody,
  response: Endpoint.empty
})

/**
 * `PATCH /wapi/v1/capital/withdrawals/delay`: changes the withdrawal delay (needs a 2FA token).
 * Signed with the undocumented instruction `withdrawalDelayUpdate`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const updateWithdrawalDelay = Endpoint.make({
  operationId: "update_withdrawal_delay",
  name: "Capital.updateWithdrawalDelay",
  method: "PATCH",
  path: "/wapi/v1/capital/withdrawals/delay",
  instruction: "withdrawalDelayUpdate",
  request: delayBody,
  response: () => Endpoint.json(WithdrawalDelay)
})

/**
 * The account endpoints (`Account`): summary, settings update and the max-quantity limits.
 *
 * @since 0.1.0
 */
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import {
  AccountSummary,
  MaxBorrowQuantity,
  MaxBorrowQuantityParams,
  MaxOrderQuantity,
  MaxOrderQuantityParams,
  MaxWithdrawalQuantity,
  MaxWithdrawalQuantityParams,
  UpdateAccountSettingsRequest
} from "../models/account.js"

/**
 * `GET /api/v1/account`: settings, limits, open order counts and fee tiers. Fees are in basis
 * points (`"8.5"` = 0.085 %).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getAccount = Endpoint.make({
  operationId: "get_account",
  name: "Account.getAccount",
  method: "GET",
  path: "/api/v1/account",
  instruction: "accountQuery",
  request: S.NoParams,
  response: () => Endpoint.json(AccountSummary)
})

/**
 * `PATCH /api/v1/account`: changes one or more settings (`autoBorrowSettlements`, `autoLend`,
 * `autoRepayBorrows`, `leverageLimit`). The exchange answers an empty 200; not retried.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const updateAccountSettings = Endpoint.make({
  operationId: "update_account_settings",
  name: "Account.updateAccountSettings",
  method: "PATCH",
  path: "/api/v1/account",
  instruction: "accountUpdate",
  request: UpdateAccountSettingsRequest,
  response: Endpoint.empty
})

/**
 * `GET /api/v1/account/limits/borrow`: `symbol` is an **asset** (`SOL`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMaxBorrowQuantity = Endpoint.make({
  operationId: "get_max_borrow_quantity",
  name: "Account.getMaxBorrowQuantity",
  method: "GET",
  path: "/api/v1/account/limits/borrow",
  instruction: "maxBorrowQuantity",
  request: MaxBorrowQuantityParams,
  response: () => Endpoint.json(MaxBorrowQuantity)
})

/**
 * `GET /api/v1/account/limits/order`: `symbol` is a **market** (`SOL_USDC`); `side` is required.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMaxOrderQuantity = Endpoint.make({
  operationId: "get_max_order_quantity",
  name: "Account.getMaxOrderQuantity",
  method: "GET",
  path: "/api/v1/account/limits/order",
  instruction: "maxOrderQuantity",
  request: MaxOrderQuantityParams,
  response: () => Endpoint.json(MaxOrderQuantity)
})

/**
 * `GET /api/v1/account/limits/withdrawal`: `symbol` is an **asset** (`USDC`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getMaxWithdrawalQuantity = Endpoint.make({
  operationId: "get_max_withdrawal_quantity",
  name: "Account.getMaxWithdrawalQuantity",
  method: "GET",
  path: "/api/v1/account/limits/withdrawal",
  instruction: "maxWithdrawalQuantity",
  request: MaxWithdrawalQuantityParams,
  response: () => Endpoint.json(MaxWithdrawalQuantity)
})

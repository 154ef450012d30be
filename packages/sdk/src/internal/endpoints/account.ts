/**
 * The account endpoints (`Account`): summary, settings update and the max-quantity limits.
 *
 * @since 0.1.0
 */
import * as Endpoint from "../../Endpoint.js"
import {
  AccountSummary,
  MaxBorrowQuantity,
  MaxBorrowQuantityParams,
  MaxOrderQuantity,
  MaxOrderQuantityParams,
  MaxWithdrawalQuantity,
  MaxWithdrawalQuantityParams,
  UpdateAccountSettingsRequest
} from "../../models/account.js"
import * as S from "../schema.js"

export const getAccount = Endpoint.make({
  operationId: "get_account",
  name: "Account.getAccount",
  method: "GET",
  path: "/api/v1/account",
  instruction: "accountQuery",
  request: S.NoParams,
  response: Endpoint.json(AccountSummary)
})

/** `PATCH /api/v1/account`: answers an empty 200. */
export const updateAccountSettings = Endpoint.make({
  operationId: "update_account_settings",
  name: "Account.updateAccountSettings",
  method: "PATCH",
  path: "/api/v1/account",
  instruction: "accountUpdate",
  request: UpdateAccountSettingsRequest,
  response: Endpoint.empty
})

export const getMaxBorrowQuantity = Endpoint.make({
  operationId: "get_max_borrow_quantity",
  name: "Account.getMaxBorrowQuantity",
  method: "GET",
  path: "/api/v1/account/limits/borrow",
  instruction: "maxBorrowQuantity",
  request: MaxBorrowQuantityParams,
  response: Endpoint.json(MaxBorrowQuantity)
})

export const getMaxOrderQuantity = Endpoint.make({
  operationId: "get_max_order_quantity",
  name: "Account.getMaxOrderQuantity",
  method: "GET",
  path: "/api/v1/account/limits/order",
  instruction: "maxOrderQuantity",
  request: MaxOrderQuantityParams,
  response: Endpoint.json(MaxOrderQuantity)
})

export const getMaxWithdrawalQuantity = Endpoint.make({
  operationId: "get_max_withdrawal_quantity",
  name: "Account.getMaxWithdrawalQuantity",
  method: "GET",
  path: "/api/v1/account/limits/withdrawal",
  instruction: "maxWithdrawalQuantity",
  request: MaxWithdrawalQuantityParams,
  response: Endpoint.json(MaxWithdrawalQuantity)
})

/**
 * Endpoints of the vault service (`Vaults`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import { VaultHistoryInterval } from "../models/enums.js"
import { Vault, VaultHistory, VaultNav, VaultRedeem } from "../models/vaults.js"

/**
 * `GET /api/v1/vaults`: every vault (public).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getVaults = Endpoint.make({
  operationId: "get_vaults",
  name: "Vaults.getVaults",
  method: "GET",
  path: "/api/v1/vaults",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(Vault))
})

/**
 * `GET /api/v1/vault/nav`: live NAV of the vault this account operates (signed `vaultNavQuery`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getVaultNav = Endpoint.make({
  operationId: "get_vault_nav",
  name: "Vaults.getVaultNav",
  method: "GET",
  path: "/api/v1/vault/nav",
  instruction: "vaultNavQuery",
  request: S.NoParams,
  response: () => Endpoint.json(VaultNav)
})

/**
 * `GET /api/v1/vaults/history`: NAV, equity and supply over time (public).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getVaultHistory = Endpoint.make({
  operationId: "get_vault_history",
  name: "Vaults.getVaultHistory",
  method: "GET",
  path: "/api/v1/vaults/history",
  request: () => Schema.Struct({ interval: VaultHistoryInterval, vaultId: Schema.optional(S.Uint32) }),
  response: () => Endpoint.json(Schema.Array(VaultHistory))
})

/**
 * `POST /api/v1/vault/mint`: deposits into a vault for vault tokens (signed `vaultMint`; empty answer).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const mintVault = Endpoint.make({
  operationId: "vault_mint",
  name: "Vaults.mintVault",
  method: "POST",
  path: "/api/v1/vault/mint",
  instruction: "vaultMint",
  request: () =>
    Schema.Struct({
      vaultId: S.Uint32,
      symbol: S.AssetSymbol,
      quantity: S.PositiveDecimalParam,
      autoBorrow: Schema.optional(Schema.Boolean),
      autoLendRedeem: Schema.optional(Schema.Boolean)
    }),
  response: Endpoint.empty
})

/**
 * `POST /api/v1/vault/redeem`: requests a redeem, executed after the vault's `redeemDelayMs`
 * (signed `vaultRedeemRequest`; empty answer).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const redeemVault = Endpoint.make({
  operationId: "vault_redeem",
  name: "Vaults.redeemVault",
  method: "POST",
  path: "/api/v1/vault/redeem",
  instruction: "vaultRedeemRequest",
  request: () => Schema.Struct({ vaultId: S.Uint32, vaultTokenQuantity: Schema.optional(S.PositiveDecimalParam) }),
  response: Endpoint.empty
})

/**
 * `DELETE /api/v1/vault/redeem`: cancels the pending redeem (signed `vaultRedeemCancel`; empty answer).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const cancelVaultRedeem = Endpoint.make({
  operationId: "vault_redeem_cancel",
  name: "Vaults.cancelVaultRedeem",
  method: "DELETE",
  path: "/api/v1/vault/redeem",
  instruction: "vaultRedeemCancel",
  request: () => Schema.Struct({ vaultId: S.Uint32 }),
  response: Endpoint.empty
})

/**
 * `GET /api/v1/vault/redeems/pending`: pending redeems of a vault; only for the vault's own
 * account, others get 403 (signed `vaultPendingRedeemsQuery`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getVaultPendingRedeems = Endpoint.make({
  operationId: "get_vault_pending_redeems",
  name: "Vaults.getVaultPendingRedeems",
  method: "GET",
  path: "/api/v1/vault/redeems/pending",
  instruction: "vaultPendingRedeemsQuery",
  request: () => Schema.Struct({ vaultId: S.Uint32 }),
  response: () => Endpoint.json(Schema.Array(VaultRedeem))
})

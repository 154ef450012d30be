/**
 * Vaults: the public list of vaults and their history, and (signed) minting, redeeming and
 * cancelling a redeem, plus the live NAV and pending redeems reserved to a vault's own account.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/vaults.js"
import type { Vault, VaultHistory, VaultNav, VaultRedeem } from "./models/vaults.js"

export * from "./models/vaults.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

/**
 * Parameters of `getVaultHistory`: `interval` (`1d`, `1w`, `1month`, `1year`) and an optional
 * `vaultId`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetVaultHistoryParams = Input<typeof endpoints.getVaultHistory>

/**
 * Parameters of `mintVault` (`VaultMintRequest`): `vaultId`, the asset `symbol` deposited, a
 * positive decimal `quantity`, optional `autoBorrow` and `autoLendRedeem`.
 *
 * @since 0.1.0
 * @category models
 */
export type MintVaultParams = Input<typeof endpoints.mintVault>

/**
 * Parameters of `redeemVault` (`VaultRedeemRequest`): `vaultId` and `vaultTokenQuantity` (omit it to
 * redeem every vault token held).
 *
 * @since 0.1.0
 * @category models
 */
export type RedeemVaultParams = Input<typeof endpoints.redeemVault>

/**
 * Parameters of `cancelVaultRedeem` (`VaultRedeemCancelRequest`).
 *
 * @since 0.1.0
 * @category models
 */
export type CancelVaultRedeemParams = Input<typeof endpoints.cancelVaultRedeem>

/**
 * Parameters of `getVaultPendingRedeems`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetVaultPendingRedeemsParams = Input<typeof endpoints.getVaultPendingRedeems>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /api/v1/vaults`: every vault (public). */
  readonly getVaults: (params?: {}) => Effect.Effect<ReadonlyArray<Vault>, BackpackError>
  /** `GET /api/v1/vault/nav`: live NAV of the vault this account operates (signed `vaultNavQuery`). */
  readonly getVaultNav: (params?: {}) => Effect.Effect<VaultNav, BackpackError>
  /** `GET /api/v1/vaults/history`: NAV, equity and supply over time (public). */
  readonly getVaultHistory: (params: GetVaultHistoryParams) => Effect.Effect<ReadonlyArray<VaultHistory>, BackpackError>
  /** `POST /api/v1/vault/mint`: deposits into a vault for vault tokens (signed `vaultMint`; empty answer). */
  readonly mintVault: (params: MintVaultParams) => Effect.Effect<void, BackpackError>
  /**
   * `POST /api/v1/vault/redeem`: requests a redeem, executed after the vault's `redeemDelayMs`
   * (signed `vaultRedeemRequest`; empty answer).
   */
  readonly redeemVault: (params: RedeemVaultParams) => Effect.Effect<void, BackpackError>
  /** `DELETE /api/v1/vault/redeem`: cancels the pending redeem (signed `vaultRedeemCancel`; empty answer). */
  readonly cancelVaultRedeem: (params: CancelVaultRedeemParams) => Effect.Effect<void, BackpackError>
  /**
   * `GET /api/v1/vault/redeems/pending`: pending redeems of a vault; only for the vault's own
   * account, others get 403 (signed `vaultPendingRedeemsQuery`).
   */
  readonly getVaultPendingRedeems: (
    params: GetVaultPendingRedeemsParams
  ) => Effect.Effect<ReadonlyArray<VaultRedeem>, BackpackError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Vaults extends Context.Tag("@effect-backpack/sdk/Vaults")<Vaults, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getVaults: (params) => client.execute(endpoints.getVaults, params),
  getVaultNav: (params) => client.execute(endpoints.getVaultNav, params),
  getVaultHistory: (params) => client.execute(endpoints.getVaultHistory, params),
  mintVault: (params) => client.execute(endpoints.mintVault, params),
  redeemVault: (params) => client.execute(endpoints.redeemVault, params),
  cancelVaultRedeem: (params) => client.execute(endpoints.cancelVaultRedeem, params),
  getVaultPendingRedeems: (params) => client.execute(endpoints.getVaultPendingRedeems, params)
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Vaults, never, BackpackClient> = Layer.effect(Vaults, make)

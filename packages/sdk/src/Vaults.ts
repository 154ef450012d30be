/**
 * Vaults: the public list of vaults and their history, and (signed) minting, redeeming and
 * cancelling a redeem, plus the live NAV and pending redeems reserved to a vault's own account.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/vaults.js"
import * as service from "./internal/service.js"

export * from "./models/vaults.js"

/**
 * Parameters of `getVaultHistory`: `interval` (`1d`, `1w`, `1month`, `1year`) and an optional
 * `vaultId`.
 *
 * @since 0.1.0
 * @category models
 */
export type GetVaultHistoryParams = Endpoint.Params<typeof endpoints.getVaultHistory>

/**
 * Parameters of `mintVault` (`VaultMintRequest`): `vaultId`, the asset `symbol` deposited, a
 * positive decimal `quantity`, optional `autoBorrow` and `autoLendRedeem`.
 *
 * @since 0.1.0
 * @category models
 */
export type MintVaultParams = Endpoint.Params<typeof endpoints.mintVault>

/**
 * Parameters of `redeemVault` (`VaultRedeemRequest`): `vaultId` and `vaultTokenQuantity` (omit it to
 * redeem every vault token held).
 *
 * @since 0.1.0
 * @category models
 */
export type RedeemVaultParams = Endpoint.Params<typeof endpoints.redeemVault>

/**
 * Parameters of `cancelVaultRedeem` (`VaultRedeemCancelRequest`).
 *
 * @since 0.1.0
 * @category models
 */
export type CancelVaultRedeemParams = Endpoint.Params<typeof endpoints.cancelVaultRedeem>

/**
 * Parameters of `Vaults.getVaultPendingRedeems` (`GET /api/v1/vault/redeems/pending`).
 *
 * @since 0.1.0
 * @category models
 */
export type GetVaultPendingRedeemsParams = Endpoint.Params<typeof endpoints.getVaultPendingRedeems>

/**
 * The methods of `Vaults`, one per endpoint of `Endpoints.Vaults` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class Vaults extends Context.Tag("@effect-backpack/sdk/Vaults")<Vaults, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Vaults, never, BackpackClient> = Layer.effect(Vaults, make)

/**
 * Every method of `Vaults` as a function that takes the service from the context
 * (`Vaults.getVaults(params)` is `Effect.flatMap(Vaults.Vaults, (s) => s.getVaults(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getVaults,
  getVaultNav,
  getVaultHistory,
  mintVault,
  redeemVault,
  cancelVaultRedeem,
  getVaultPendingRedeems
} = Effect.serviceFunctions(Vaults)

/**
 * Models of the vault endpoints: vaults, their NAV history, the live NAV and redeem requests.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import { VaultRedeemStatus } from "./enums.js"

/**
 * A vault (`GET /api/v1/vaults`).
 *
 * @since 0.1.0
 * @category models
 */
export class Vault extends Schema.Class<Vault>("Vault")({
  /** Vault id (uint32). */
  id: S.Int,
  /** Asset representing shares of the vault. */
  vaultToken: Schema.String,
  /** Asset used to mint and redeem, e.g. `USDC`. */
  symbol: Schema.String,
  /** Whether mints are accepted. */
  mintsEnabled: Schema.Boolean,
  /** Whether redeems are accepted. */
  redeemsEnabled: Schema.Boolean,
  /** Smallest mint, in `symbol`. */
  minMintQuantity: S.Decimal,
  /** Smallest redeem, in vault tokens. */
  minRedeemTokens: S.Decimal,
  /** Minimum delay between a redeem request and its execution, in milliseconds. */
  redeemDelayMs: S.Int,
  /** Quantity increment of vault tokens. */
  tokenStepSize: S.Decimal,
  /** Vault tokens still available to mint (the spec's default is `"0"`). */
  remainingMintQuantity: S.optional(S.Decimal)
}) {}

/**
 * A snapshot of a vault (`GET /api/v1/vaults/history`).
 *
 * @since 0.1.0
 * @category models
 */
export class VaultHistory extends Schema.Class<VaultHistory>("VaultHistory")({
  /** Vault id. */
  vaultId: S.Int,
  /** Time of the snapshot (RFC 3339 on the wire, UTC). */
  timestamp: S.NaiveDateTime,
  /** Net asset value per vault token. */
  nav: S.optional(S.Decimal),
  /** Total equity of the vault, in USDC. */
  vaultEquity: S.optional(S.Decimal),
  /** Circulating vault tokens. */
  tokenCirculatingSupply: S.optional(S.Decimal)
}) {}

/**
 * Live NAV of the vault the account operates (`GET /api/v1/vault/nav`).
 *
 * @since 0.1.0
 * @category models
 */
export class VaultNav extends Schema.Class<VaultNav>("VaultNav")({
  /** Current spot NAV per vault token. */
  nav: S.Decimal,
  /** Time-weighted average NAV per vault token. */
  twapNav: S.Decimal,
  /** NAV used for mints: `max(nav, twapNav)`. */
  mintNav: S.Decimal,
  /** NAV used for redeems: `min(nav, twapNav)`. */
  redeemNav: S.Decimal,
  /** Total equity of the vault account. */
  vaultEquity: S.Decimal,
  /** Net equity after haircuts. */
  netEquity: S.Decimal,
  /** Circulating vault tokens. */
  tokenCirculatingSupply: S.Decimal,
  /** Time of the last NAV crank, epoch milliseconds. */
  lastCrankTimestamp: S.optional(S.Millis)
}) {}

/**
 * A redeem request of a vault (`GET /api/v1/vault/redeems/pending`).
 *
 * @since 0.1.0
 * @category models
 */
export class VaultRedeem extends Schema.Class<VaultRedeem>("VaultRedeem")({
  /** Id of the redeem request (exact string). */
  id: S.Id,
  /** `Requested`, `Redeemed`, `Cancelled` (open). */
  status: VaultRedeemStatus.open,
  /** Vault id. */
  vaultId: S.Int,
  /** Vault tokens being redeemed. */
  vaultTokenQuantity: S.Decimal,
  /** Vault token asset (redeemed events only). */
  vaultToken: S.optional(Schema.String),
  /** Asset paid out (redeemed events only). */
  symbol: S.optional(Schema.String),
  /** Quantity paid out (redeemed events only). */
  quantity: S.optional(S.Decimal),
  /** NAV applied (redeemed events only). */
  nav: S.optional(S.Decimal),
  /** Cancellation reason (cancelled events only). */
  reason: S.optional(Schema.String),
  /** Time of the event, epoch milliseconds. */
  timestamp: S.Millis
}) {}

/**
 * Models of the asset endpoints: assets with their per-blockchain tokens, and the collateral
 * parameters (margin and haircut functions) of each collateral asset.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Informational from "../internal/informational.js"
import * as S from "../internal/schema.js"
import { Blockchain } from "./enums.js"
import { MarginFunction } from "./markets.js"

/**
 * An asset on one blockchain: deposit and withdrawal rules.
 *
 * @since 0.1.0
 * @category models
 */
export class Token extends Schema.Class<Token>("Token")({
  // informational (see the README's decoding policy): `undefined` when absent or unreadable
  ...Informational.fields({
    /** Display name on this chain. */
    displayName: Schema.String
  }),
  /** Blockchain, e.g. `Solana` (open). */
  blockchain: Blockchain.open,
  ...Informational.optionalFields({
    /** Token contract / mint address; absent for native coins. */
    contractAddress: Schema.String
  }),
  /** Whether deposits are open. */
  depositEnabled: Schema.Boolean,
  /** Smallest deposit. */
  minimumDeposit: S.Decimal,
  /** Whether withdrawals are open. */
  withdrawEnabled: Schema.Boolean,
  /** Smallest withdrawal. */
  minimumWithdrawal: S.Decimal,
  /** Largest withdrawal, when limited. */
  maximumWithdrawal: S.optional(S.Decimal),
  /** Withdrawal fee, in the asset. */
  withdrawalFee: S.Decimal,
  ...Informational.optionalFields({
    /** Decimals of the token on this chain (0 … 255). */
    nativeDecimals: S.Int
  })
}) {}

/**
 * An asset and the blockchains it is available on (`GET /api/v1/assets`).
 *
 * @since 0.1.0
 * @category models
 */
export class MarketAsset extends Schema.Class<MarketAsset>("MarketAsset")({
  /** Asset symbol, e.g. `ETH` (open set). */
  symbol: Schema.String,
  // informational (see the README's decoding policy): `undefined` when absent or unreadable
  ...Informational.fields({
    /** Display name. */
    displayName: Schema.String
  }),
  ...Informational.optionalFields({
    /** CoinGecko id. */
    coingeckoId: Schema.String
  }),
  /** One entry per blockchain. */
  tokens: Schema.Array(Token)
}) {}

/**
 * The identity haircut function (`type: "identity"`): the collateral value is the notional times
 * the weight.
 *
 * @since 0.1.0
 * @category models
 */
export class IdentityFunction extends Schema.Class<IdentityFunction>("IdentityFunction")({
  /** Always `"identity"`. */
  type: Schema.Literal("identity")
}) {}

/**
 * The inverse-square-root haircut function (`type: "inverseSqrt"`): large balances are weighted
 * down by a curve penalty.
 *
 * @since 0.1.0
 * @category models
 */
export class InverseSqrtFunction extends Schema.Class<InverseSqrtFunction>("InverseSqrtFunction")({
  /** Always `"inverseSqrt"`. */
  type: Schema.Literal("inverseSqrt"),
  /** Base of the function. */
  base: S.Decimal,
  /** Penalty applied along the curve. */
  positiveCurvePenalty: S.Decimal
}) {}

/**
 * The kind of a haircut function (tagged on `type`).
 *
 * @since 0.1.0
 * @category models
 */
export const CollateralFunctionKind = Schema.Union(IdentityFunction, InverseSqrtFunction)

/**
 * @since 0.1.0
 * @category models
 */
export type CollateralFunctionKind = typeof CollateralFunctionKind.Type

/**
 * How the collateral value of a balance is computed.
 *
 * @since 0.1.0
 * @category models
 */
export class CollateralFunction extends Schema.Class<CollateralFunction>("CollateralFunction")({
  /** Collateral weight (fraction of the notional counted). */
  weight: S.Decimal,
  /** Shape of the haircut. */
  kind: CollateralFunctionKind
}) {}

/**
 * Collateral parameters of an asset (`GET /api/v1/collateral`).
 *
 * @since 0.1.0
 * @category models
 */
export class CollateralSummary extends Schema.Class<CollateralSummary>("CollateralSummary")({
  /** Asset symbol. */
  symbol: Schema.String,
  /** Initial margin function. */
  imfFunction: MarginFunction,
  /** Maintenance margin function. */
  mmfFunction: MarginFunction,
  /** Haircut applied to the collateral value. */
  haircutFunction: CollateralFunction
}) {}

/**
 * Models of the futures positions endpoint.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Informational from "../internal/informational.js"
import * as S from "../internal/schema.js"
import { MarketType } from "./enums.js"

/**
 * A margin-fraction function of a position (`PositionImfFunction`): today always `sqrt`,
 * `base + factor × sqrt(notional)`.
 *
 * @since 0.1.0
 * @category models
 */
export class PositionImfFunction extends Schema.Class<PositionImfFunction>("PositionImfFunction")({
  /** Function kind: `sqrt` (open: later kinds pass through). */
  type: S.OpenEnum("sqrt"),
  /** Constant term. */
  base: S.Decimal,
  /** Multiplier of the square root of the notional. */
  factor: S.Decimal
}) {}

/**
 * An open futures position with its margin figures (`GET /api/v1/position`).
 *
 * @since 0.1.0
 * @category models
 */
export class FuturePositionWithMargin extends Schema.Class<FuturePositionWithMargin>("FuturePositionWithMargin")({
  /** Price at which the position breaks even after fees and funding. */
  breakEvenPrice: S.Decimal,
  /** Average entry price. */
  entryPrice: S.Decimal,
  /**
   * Estimated liquidation price (`0` when none); informational (see the README's decoding policy):
   * `undefined` when unreadable.
   */
  ...Informational.fields({ estLiquidationPrice: S.Decimal }),
  /** Initial margin fraction. */
  imf: S.Decimal,
  /** Initial margin fraction as a function of the notional. */
  imfFunction: PositionImfFunction,
  /** Current mark price. */
  markPrice: S.Decimal,
  /** Maintenance margin fraction. */
  mmf: S.Decimal,
  /** Maintenance margin fraction as a function of the notional. */
  mmfFunction: PositionImfFunction,
  /** Net cost of the position, in quote. */
  netCost: S.Decimal,
  /** Signed net quantity (negative = short), in base. */
  netQuantity: S.Decimal,
  /** Net exposure quantity including open orders, in base. */
  netExposureQuantity: S.Decimal,
  /** Net exposure notional, in quote. */
  netExposureNotional: S.Decimal,
  /** Realised PnL, in quote. */
  pnlRealized: S.Decimal,
  /** Unrealised PnL at the mark price, in quote. */
  pnlUnrealized: S.Decimal,
  /** Funding paid (negative) or received since the position opened, in quote. */
  cumulativeFundingPayment: S.Decimal,
  /** Subaccount holding the position. */
  subaccountId: S.optional(S.Int),
  /** Market symbol, e.g. `SOL_USDC_PERP`. */
  symbol: Schema.String,
  /** Owner's user id. */
  userId: S.Int,
  /** Position id, exact string. */
  positionId: S.Id,
  /** Interest accrued; announced as removed (2025-09-01) so it may be absent; informational. */
  ...Informational.optionalFields({ cumulativeInterest: S.Decimal })
}) {}

/**
 * Query of `Positions.getPositions`: optionally one market, or one market type.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PositionQueryParams = Schema.Struct({
  /** Only this market, e.g. `SOL_USDC_PERP`. */
  symbol: Schema.optional(S.MarketSymbol),
  /** Only this market type (`PERP`, …). */
  marketType: Schema.optional(MarketType)
}).annotations({ identifier: "PositionQueryParams" })

/**
 * Models of the strategy endpoints (scheduled, TWAP-like execution).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import { SelfTradePrevention, Side, SlippageToleranceType, StrategyStatus, StrategyType, TimeInForce } from "./enums.js"

/**
 * A live scheduled strategy (`GET`/`POST`/`DELETE /api/v1/strategy`, `/api/v1/strategies`). The
 * wire object is tagged `strategyType: "Scheduled"`.
 *
 * @since 0.1.0
 * @category models
 */
export class ScheduledStrategy extends Schema.Class<ScheduledStrategy>("ScheduledStrategy")({
  /** `Scheduled` (open: later strategy types pass through). */
  strategyType: StrategyType.open,
  /** Strategy id (exact string). */
  id: S.Id,
  /** Caller's uint32 id. */
  clientStrategyId: S.optional(S.Int),
  /** Creation time (epoch ms). */
  createdAt: S.Millis,
  /** Base quantity executed so far. */
  executedQuantity: S.Decimal,
  /** Quote quantity executed so far. */
  executedQuoteQuantity: S.Decimal,
  /** Total base quantity. */
  quantity: S.Decimal,
  /** Reduce-only child orders. */
  reduceOnly: S.optional(Schema.Boolean),
  /** Self-trade prevention mode. */
  selfTradePrevention: SelfTradePrevention.open,
  /** `Running`, `Completed`, `Cancelled`, `Terminated`. */
  status: StrategyStatus.open,
  /** `Bid` or `Ask`. */
  side: Side.open,
  /** Market symbol. */
  symbol: Schema.String,
  /** Time in force of the child orders. */
  timeInForce: TimeInForce.open,
  /** Duration in milliseconds. */
  duration: S.Int,
  /** Interval between child orders in milliseconds. */
  interval: S.Int,
  /** Child order quantities are randomised. */
  randomizedIntervalQuantity: S.optional(Schema.Boolean),
  /** Maximum slippage. */
  slippageTolerance: S.optional(S.Decimal),
  /** Unit of `slippageTolerance`. */
  slippageToleranceType: S.optional(SlippageToleranceType.open)
}) {}

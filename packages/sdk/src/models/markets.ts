/**
 * Models of the public market-data endpoints.
 *
 * @since 0.1.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"

/**
 * A price level `[price, quantity]` of a book.
 *
 * @since 0.1.0
 * @category models
 */
export const Level: Schema.Schema<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal], readonly [string, string]> =
  Schema.Tuple(S.Decimal, S.Decimal) as any

/**
 * An order-book snapshot (`GET /api/v1/depth`). Levels are sorted best first here (bids
 * descending, asks ascending) whatever order the exchange sent them in.
 *
 * @since 0.1.0
 * @category models
 */
export class Depth extends Schema.Class<Depth>("Depth")({
  /** Asks, lowest price first. */
  asks: Schema.Array(Level),
  /** Bids, highest price first. */
  bids: Schema.Array(Level),
  /** Id of the last engine update reflected in the snapshot (exact; compare with WS `U`/`u`). */
  lastUpdateId: S.Sequence,
  /** Engine time in microseconds. */
  timestamp: S.Micros
}) {}

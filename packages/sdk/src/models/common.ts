/**
 * Types shared by the response models and the request parameters of every service.
 *
 * @since 0.2.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"

/**
 * A percentage quantity such as `"80%"` (trigger quantities): a decoded trigger quantity is either a
 * `BigDecimal` or a `Percent`.
 *
 * @since 0.1.0
 * @category models
 */
export class Percent extends Schema.Class<Percent>("Percent")({ percent: Schema.BigDecimalFromSelf }) {}

/**
 * What callers may pass for a decimal parameter (price, quantity, …): a decimal string, sent exactly
 * as written (`"0.10"` stays `"0.10"`), or a `BigDecimal`, sent in fixed point (never with an
 * exponent).
 *
 * @since 0.2.0
 * @category models
 */
export type DecimalInput = string | BigDecimal.BigDecimal

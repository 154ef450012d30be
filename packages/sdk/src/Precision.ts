/**
 * Price and quantity precision from a market's filters: rounding to the tick and step sizes
 * (always exact, always in fixed point: `1e-16` prints `0.0000000000000001`), and checks that catch
 * what the exchange would refuse with `INVALID_PRICE` / `INVALID_QUANTITY` before anything is sent.
 *
 * Works from a `Market` (`filters.price.tickSize`, `filters.quantity.stepSize`, …) or from a plain
 * `{ tickSize, stepSize, minQuantity? }`.
 *
 * @example
 * ```ts
 * import { Precision } from "@effect-backpack/sdk"
 * import * as BigDecimal from "effect/BigDecimal"
 *
 * const filters = { tickSize: BigDecimal.unsafeFromString("0.01"), stepSize: BigDecimal.unsafeFromString("0.001") }
 * Precision.roundPrice(filters, BigDecimal.unsafeFromString("180.456"), "Bid") // "180.45"
 * Precision.roundPrice(filters, BigDecimal.unsafeFromString("180.451"), "Ask") // "180.46"
 * Precision.roundQuantity(filters, BigDecimal.unsafeFromString("1.23456"))     // "1.234"
 * ```
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import { ValidationError } from "./BackpackError.js"
import * as Dec from "./internal/decimal.js"
import type { DecimalInput } from "./models/common.js"
import type { Side } from "./models/enums.js"

/**
 * The precision rules of a market. Only `tickSize` and `stepSize` are required.
 *
 * @since 0.1.0
 * @category models
 */
export interface Filters {
  /** Price increment: every price must be a multiple of it. */
  readonly tickSize: BigDecimal.BigDecimal
  /** Quantity increment: every quantity must be a multiple of it. */
  readonly stepSize: BigDecimal.BigDecimal
  /** Smallest accepted quantity. */
  readonly minQuantity?: BigDecimal.BigDecimal | undefined
  /** Largest accepted quantity. */
  readonly maxQuantity?: BigDecimal.BigDecimal | undefined
  /** Smallest accepted price. */
  readonly minPrice?: BigDecimal.BigDecimal | undefined
  /** Largest accepted price. */
  readonly maxPrice?: BigDecimal.BigDecimal | undefined
}

/**
 * Anything shaped like a `Market`: its `filters.price` and `filters.quantity` rules.
 *
 * @since 0.1.0
 * @category models
 */
export interface MarketFilters {
  readonly filters: {
    readonly price: {
      readonly tickSize: BigDecimal.BigDecimal
      readonly minPrice?: BigDecimal.BigDecimal | undefined
      readonly maxPrice?: BigDecimal.BigDecimal | undefined
    }
    readonly quantity: {
      readonly stepSize: BigDecimal.BigDecimal
      readonly minQuantity?: BigDecimal.BigDecimal | undefined
      readonly maxQuantity?: BigDecimal.BigDecimal | undefined
    }
  }
}

/**
 * A market, or its precision rules given directly.
 *
 * @since 0.1.0
 * @category models
 */
export type Source = Filters | MarketFilters

/**
 * The precision rules of a source.
 *
 * @since 0.1.0
 * @category constructors
 */
export const filtersOf = (source: Source): Filters => {
  if (!("filters" in source)) return source
  const { price, quantity } = source.filters
  return {
    tickSize: price.tickSize,
    stepSize: quantity.stepSize,
    minQuantity: quantity.minQuantity,
    maxQuantity: quantity.maxQuantity,
    minPrice: price.minPrice,
    maxPrice: price.maxPrice
  }
}

/**
 * How to round onto an increment: `"down"` toward minus infinity, `"up"` toward plus infinity,
 * `"halfUp"` to the nearest multiple (ties away from zero).
 *
 * @since 0.1.0
 * @category models
 */
export type RoundingMode = "down" | "up" | "halfUp"

/**
 * The passive rounding of a price for a side: a bid rounds down (never pays more than asked), an
 * ask rounds up (never sells for less).
 *
 * @since 0.1.0
 * @category rounding
 */
export const priceRounding = (side: Side): RoundingMode => side === "Bid" ? "down" : "up"

const pow10 = (n: number): bigint => 10n ** BigInt(n)

/** Floor division for bigints (the built-in `/` truncates toward zero). */
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q
}

/** The number of fraction digits an increment asks for (`0.010` → 2, `10` → 0). */
const incrementScale = (increment: BigDecimal.BigDecimal): number => Dec.fractionDigits(increment)

/**
 * Rounds `value` to a multiple of `increment` with `mode`, at the increment's scale (a tick of
 * `0.01` gives two fraction digits). An increment that is not positive leaves the value unchanged.
 *
 * @since 0.1.0
 * @category rounding
 */
export const roundToIncrement = (
  value: BigDecimal.BigDecimal,
  increment: BigDecimal.BigDecimal,
  mode: RoundingMode
): BigDecimal.BigDecimal => {
  if (increment.value <= 0n) return value
  const scale = Math.max(value.scale, increment.scale, 0)
  const v = value.value * pow10(scale - value.scale)
  const step = increment.value * pow10(scale - increment.scale)
  let q = floorDiv(v, step)
  const remainder = v - q * step
  if (remainder !== 0n) {
    if (mode === "up") q += 1n
    else if (mode === "halfUp") {
      const twice = remainder * 2n
      if (twice > step || (twice === step && v > 0n)) q += 1n
    }
  }
  const rounded = BigDecimal.make(q * step, scale)
  return BigDecimal.scale(rounded, incrementScale(increment))
}

/**
 * Whether `value` is an exact multiple of `increment`.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isMultipleOf = (value: BigDecimal.BigDecimal, increment: BigDecimal.BigDecimal): boolean =>
  increment.value <= 0n || BigDecimal.equals(roundToIncrement(value, increment, "down"), value)

/**
 * Rounds a price to the market's tick size and formats it in fixed point at the tick's scale. Pass
 * the order's side (`Bid` rounds down, `Ask` rounds up) or an explicit rounding mode.
 *
 * @since 0.1.0
 * @category rounding
 */
export const roundPrice = (source: Source, price: BigDecimal.BigDecimal, sideOrMode: Side | RoundingMode): string => {
  const mode = sideOrMode === "Bid" || sideOrMode === "Ask" ? priceRounding(sideOrMode) : sideOrMode
  return Dec.format(roundToIncrement(price, filtersOf(source).tickSize, mode))
}

/**
 * Rounds a quantity to the market's step size (down by default, so an order never asks for more
 * than intended) and formats it in fixed point at the step's scale.
 *
 * @since 0.1.0
 * @category rounding
 */
export const roundQuantity = (
  source: Source,
  quantity: BigDecimal.BigDecimal,
  mode: RoundingMode = "down"
): string => Dec.format(roundToIncrement(quantity, filtersOf(source).stepSize, mode))

/**
 * A precision problem the exchange would refuse the order for, found before sending it.
 *
 * @since 0.1.0
 * @category models
 */
export class PrecisionIssue extends Schema.Class<PrecisionIssue>("PrecisionIssue")({
  /** The order field at fault (`price`, `quantity`, `triggerPrice`, …). */
  field: Schema.String,
  /** The error code the exchange would answer. */
  code: Schema.Literal("INVALID_PRICE", "INVALID_QUANTITY"),
  /** What is wrong, with the value and the rule. */
  message: Schema.String
}) {}

const parseInput = (input: DecimalInput): Option.Option<BigDecimal.BigDecimal> =>
  typeof input === "string"
    ? (Dec.plainDecimalPattern.test(input) ? Dec.parse(input) : Option.none())
    : Option.some(input)

const show = (input: DecimalInput): string => typeof input === "string" ? input : Dec.format(input)

/**
 * Checks a price against the tick size and price bounds.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkPrice = (source: Source, price: DecimalInput, field = "price"): PrecisionIssue | undefined => {
  const f = filtersOf(source)
  const issue = (message: string) => new PrecisionIssue({ field, code: "INVALID_PRICE", message })
  const value = parseInput(price)
  if (Option.isNone(value)) return issue(`${JSON.stringify(show(price))} is not a plain decimal`)
  const p = value.value
  if (p.value <= 0n) return issue(`Price ${show(price)} must be positive`)
  if (!isMultipleOf(p, f.tickSize)) {
    return issue(`Price ${show(price)} is not a multiple of the tick size ${Dec.format(f.tickSize)}`)
  }
  if (f.minPrice !== undefined && BigDecimal.lessThan(p, f.minPrice)) {
    return issue(`Price ${show(price)} is below the minimum price ${Dec.format(f.minPrice)}`)
  }
  if (f.maxPrice !== undefined && BigDecimal.greaterThan(p, f.maxPrice)) {
    return issue(`Price ${show(price)} is above the maximum price ${Dec.format(f.maxPrice)}`)
  }
  return undefined
}

/**
 * Checks a base quantity against the step size and quantity bounds.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkQuantity = (
  source: Source,
  quantity: DecimalInput,
  field = "quantity"
): PrecisionIssue | undefined => {
  const f = filtersOf(source)
  const issue = (message: string) => new PrecisionIssue({ field, code: "INVALID_QUANTITY", message })
  const value = parseInput(quantity)
  if (Option.isNone(value)) return issue(`${JSON.stringify(show(quantity))} is not a plain decimal`)
  const q = value.value
  if (q.value <= 0n) return issue(`Quantity ${show(quantity)} must be positive`)
  if (!isMultipleOf(q, f.stepSize)) {
    return issue(`Quantity ${show(quantity)} is not a multiple of the step size ${Dec.format(f.stepSize)}`)
  }
  if (f.minQuantity !== undefined && BigDecimal.lessThan(q, f.minQuantity)) {
    return issue(`Quantity ${show(quantity)} is below the minimum quantity ${Dec.format(f.minQuantity)}`)
  }
  if (f.maxQuantity !== undefined && BigDecimal.greaterThan(q, f.maxQuantity)) {
    return issue(`Quantity ${show(quantity)} is above the maximum quantity ${Dec.format(f.maxQuantity)}`)
  }
  return undefined
}

/**
 * The price and quantity fields of an order that precision applies to (`Orders.executeOrder`'s
 * input fits).
 *
 * @since 0.1.0
 * @category models
 */
export interface OrderPrecisionFields {
  readonly price?: DecimalInput | undefined
  readonly quantity?: DecimalInput | undefined
  readonly triggerPrice?: DecimalInput | undefined
  readonly triggerQuantity?: DecimalInput | undefined
  readonly takeProfitTriggerPrice?: DecimalInput | undefined
  readonly takeProfitLimitPrice?: DecimalInput | undefined
  readonly stopLossTriggerPrice?: DecimalInput | undefined
  readonly stopLossLimitPrice?: DecimalInput | undefined
}

const priceFields = [
  "price",
  "triggerPrice",
  "takeProfitTriggerPrice",
  "takeProfitLimitPrice",
  "stopLossTriggerPrice",
  "stopLossLimitPrice"
] as const

/**
 * Every precision problem of an order: each price on the tick (and within the price bounds for
 * `price`), `quantity` on the step and within the quantity bounds, a decimal `triggerQuantity` on
 * the step (a percentage such as `"50%"` is not checked). An empty array means the order passes.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkOrder = (source: Source, order: OrderPrecisionFields): ReadonlyArray<PrecisionIssue> => {
  const issues: Array<PrecisionIssue> = []
  const f = filtersOf(source)
  for (const field of priceFields) {
    const value = order[field]
    if (value === undefined) continue
    const bounds = field === "price" ? f : { tickSize: f.tickSize, stepSize: f.stepSize }
    const issue = checkPrice(bounds, value, field)
    if (issue !== undefined) issues.push(issue)
  }
  if (order.quantity !== undefined) {
    const issue = checkQuantity(f, order.quantity)
    if (issue !== undefined) issues.push(issue)
  }
  const trigger = order.triggerQuantity
  if (trigger !== undefined && !(typeof trigger === "string" && trigger.endsWith("%"))) {
    const issue = checkQuantity({ tickSize: f.tickSize, stepSize: f.stepSize }, trigger, "triggerQuantity")
    if (issue !== undefined) issues.push(issue)
  }
  return issues
}

/**
 * Succeeds with the order when it passes {@link checkOrder}, or fails with a `ValidationError`
 * naming the first field at fault (detail prefixed with the exchange's code), so a pipeline can
 * refuse it before sending anything.
 *
 * @since 0.1.0
 * @category validation
 */
export const validateOrder = <A extends OrderPrecisionFields>(
  source: Source,
  order: A
): Effect.Effect<A, ValidationError> => {
  const [first] = checkOrder(source, order)
  return first === undefined
    ? Effect.succeed(order)
    : Effect.fail(
      new ValidationError({
        operation: "Precision.validateOrder",
        field: first.field,
        detail: `${first.code}: ${first.message}`
      })
    )
}

/**
 * Rounds an order onto the market's grid: `price` by the order's side (`Bid` down, `Ask` up) and
 * `quantity` down to the step. Other fields, and values that are not plain decimals (left for the
 * request validation to refuse), are kept as they are. The rounded values are fixed-point strings,
 * sent exactly as written.
 *
 * @since 0.1.0
 * @category rounding
 */
export const roundOrder = <
  A extends {
    readonly side: Side
    readonly price?: DecimalInput | undefined
    readonly quantity?: DecimalInput | undefined
  }
>(source: Source, order: A): A => {
  const price = order.price === undefined ? Option.none() : parseInput(order.price)
  const quantity = order.quantity === undefined ? Option.none() : parseInput(order.quantity)
  return {
    ...order,
    ...(Option.isSome(price) ? { price: roundPrice(source, price.value, order.side) } : {}),
    ...(Option.isSome(quantity) ? { quantity: roundQuantity(source, quantity.value) } : {})
  }
}

/**
 * Formats a decimal in fixed point, never with an exponent, keeping its own scale: `1.50` stays
 * `"1.50"`, `1e-16` prints `"0.0000000000000001"`, `1e16` prints `"10000000000000000"`.
 * (`BigDecimal.format` switches to exponent form at those scales.)
 *
 * @since 0.1.0
 * @category formatting
 */
export const format: (value: BigDecimal.BigDecimal) => string = Dec.format

/**
 * Formats with exactly `scale` fraction digits (rounding toward zero), never with an exponent.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatScaled: (value: BigDecimal.BigDecimal, scale: number) => string = Dec.formatScaled

/**
 * Models of the live account view (`AccountState`) and of order lifecycles (`Orders.track`,
 * `Orders.place`, `Orders.amend`): the orders, fills, balances and positions the view holds, the
 * lifecycle events of one order, and the status events of the view.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Data from "effect/Data"
import type * as Duration from "effect/Duration"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { Balance } from "./capital.js"
import type { DecimalInput } from "./common.js"

/**
 * One order as the account view knows it: its last known state. Ids are exact strings; `updatedAt`
 * is the matching-engine time (µs) of the last event applied to it, `0` when it comes from a REST
 * snapshot only.
 *
 * @since 0.3.0
 * @category models
 */
export class AccountOrder extends Data.Class<{
  readonly orderId: string
  readonly clientId: number | undefined
  readonly symbol: string
  readonly side: string
  /** `Limit` or `Market`. */
  readonly orderType: string
  readonly price: BigDecimal.BigDecimal | undefined
  readonly quantity: BigDecimal.BigDecimal | undefined
  readonly quoteQuantity: BigDecimal.BigDecimal | undefined
  readonly triggerPrice: BigDecimal.BigDecimal | undefined
  readonly timeInForce: string
  readonly postOnly: boolean
  readonly reduceOnly: boolean
  readonly executedQuantity: BigDecimal.BigDecimal
  readonly executedQuoteQuantity: BigDecimal.BigDecimal
  /** `New`, `PartiallyFilled`, `Filled`, `Cancelled`, `Expired`, `TriggerPending`, `TriggerFailed`. */
  readonly status: string
  readonly expiryReason: string | undefined
  readonly updatedAt: number
}> {
  /** Whether the order can still change (it rests on the book or waits for its trigger). */
  get isOpen(): boolean {
    return isOpenStatus(this.status)
  }
  /** Base quantity still to fill (`quantity - executedQuantity`), when the order has a base quantity. */
  get remaining(): BigDecimal.BigDecimal | undefined {
    return this.quantity === undefined ? undefined : BigDecimal.subtract(this.quantity, this.executedQuantity)
  }
}

/**
 * Whether an order status is not final.
 *
 * @since 0.3.0
 * @category guards
 */
export const isOpenStatus = (status: string): boolean =>
  status === "New" || status === "PartiallyFilled" || status === "TriggerPending"

/**
 * One fill of one of the account's orders.
 *
 * @since 0.3.0
 * @category models
 */
export class AccountFill extends Data.Class<{
  /** Trade id, exact string. */
  readonly tradeId: string
  readonly orderId: string
  readonly clientId: number | undefined
  readonly symbol: string
  readonly side: string
  readonly price: BigDecimal.BigDecimal
  readonly quantity: BigDecimal.BigDecimal
  readonly fee: BigDecimal.BigDecimal
  readonly feeSymbol: string
  readonly isMaker: boolean
  /** Fill time, ms since the epoch. */
  readonly timestamp: number
}> {}

/**
 * An open futures position: quantities and prices as the exchange last reported them (stream or
 * REST); `markPrice`, `pnlUnrealized` are mark-to-market at that moment.
 *
 * @since 0.3.0
 * @category models
 */
export class AccountPosition extends Data.Class<{
  readonly symbol: string
  readonly positionId: string
  /** Positive long, negative short. */
  readonly netQuantity: BigDecimal.BigDecimal
  readonly entryPrice: BigDecimal.BigDecimal | undefined
  readonly breakEvenPrice: BigDecimal.BigDecimal | undefined
  readonly markPrice: BigDecimal.BigDecimal | undefined
  readonly pnlRealized: BigDecimal.BigDecimal | undefined
  readonly pnlUnrealized: BigDecimal.BigDecimal | undefined
  /** Engine time (µs) of the update it comes from; `0` from a REST snapshot. */
  readonly updatedAt: number
}> {}

/**
 * The lifecycle events of one order, named after the state the order reaches: `New` (or
 * `TriggerPending` for a trigger order), `Triggered`, one `PartiallyFilled` per fill that leaves
 * quantity open, `Filled` (the last fill), and the terminal `Cancelled`, `Expired`, `TriggerFailed`.
 * Each carries the order as it is after the event; `derived` is `true` when the event was rebuilt from
 * REST (order history and fills) because the stream did not deliver it (a disconnect, a lost frame).
 *
 * @since 0.3.0
 * @category models
 */
export type OrderEvent =
  | OrderNew
  | OrderTriggerPending
  | OrderTriggered
  | OrderPartiallyFilled
  | OrderFilled
  | OrderCancelled
  | OrderExpired
  | OrderTriggerFailed

interface EventFields {
  readonly order: AccountOrder
  readonly derived: boolean
}

/**
 * The order was accepted (it rests on the book or is about to match).
 *
 * @since 0.3.0
 * @category models
 */
export class OrderNew extends Data.TaggedClass("New")<EventFields> {}

/**
 * A trigger order was accepted and waits for its trigger.
 *
 * @since 0.3.0
 * @category models
 */
export class OrderTriggerPending extends Data.TaggedClass("TriggerPending")<EventFields> {}

/**
 * A trigger order's trigger fired.
 *
 * @since 0.3.0
 * @category models
 */
export class OrderTriggered extends Data.TaggedClass("Triggered")<EventFields> {}

/**
 * A fill that leaves part of the order open.
 *
 * @since 0.3.0
 * @category models
 */
export class OrderPartiallyFilled
  extends Data.TaggedClass("PartiallyFilled")<EventFields & { readonly fill: AccountFill }>
{}

/**
 * The fill that completed the order (terminal). `fill` is `undefined` only when the exchange reports
 * the order filled and its fills are beyond what its history returns.
 *
 * @since 0.3.0
 * @category models
 */
export class OrderFilled extends Data.TaggedClass("Filled")<EventFields & { readonly fill: AccountFill | undefined }> {}

/**
 * The order was cancelled (terminal).
 *
 * @since 0.3.0
 * @category models
 */
export class OrderCancelled extends Data.TaggedClass("Cancelled")<EventFields> {}

/**
 * The order expired (terminal): IOC/FOK remainder, self-trade prevention, … (`order.expiryReason`).
 *
 * @since 0.3.0
 * @category models
 */
export class OrderExpired extends Data.TaggedClass("Expired")<EventFields> {}

/**
 * A trigger order could not be placed when its trigger fired (terminal).
 *
 * @since 0.3.0
 * @category models
 */
export class OrderTriggerFailed extends Data.TaggedClass("TriggerFailed")<EventFields> {}

/**
 * Whether a lifecycle event is the order's last.
 *
 * @since 0.3.0
 * @category guards
 */
export const isTerminal = (event: OrderEvent): boolean =>
  event._tag === "Filled" || event._tag === "Cancelled" || event._tag === "Expired" || event._tag === "TriggerFailed"

/**
 * One difference between the local view and the exchange found by a reconciliation: what the view
 * held (`local`) and what the exchange answered (`exchange`), as decimal strings (`"absent"` when one
 * side has nothing). The view takes the exchange's value.
 *
 * @since 0.3.0
 * @category models
 */
export class DriftItem extends Data.Class<{
  readonly kind: "balance" | "position" | "order"
  /** Asset (`USDC`), market (`SOL_USDC_PERP`) or order id. */
  readonly key: string
  /** Which value differed (`available`, `locked`, `netQuantity`, `open`, …). */
  readonly field: string
  readonly local: string
  readonly exchange: string
}> {}

/**
 * Status of an account view, on its side channel:
 * - `Live`: the view is built and follows the streams (after the first snapshot and after each resync);
 * - `Resyncing`: a reconnect (or the start) is being caught up from REST; `reason` says why;
 * - `Drift`: a reconciliation found the view different from the exchange; the view was corrected.
 *
 * @since 0.3.0
 * @category models
 */
export type AccountStatus = AccountLive | AccountResyncing | AccountDrift

/**
 * @since 0.3.0
 * @category models
 */
export class AccountLive extends Data.TaggedClass("Live")<{
  /** WebSocket connection number the view follows. */
  readonly connection: number
}> {}

/**
 * @since 0.3.0
 * @category models
 */
export class AccountResyncing extends Data.TaggedClass("Resyncing")<{ readonly reason: string }> {}

/**
 * @since 0.3.0
 * @category models
 */
export class AccountDrift extends Data.TaggedClass("Drift")<{ readonly differences: ReadonlyArray<DriftItem> }> {}

/**
 * A consistent view of the account: open orders (by order id and by client id), the most recent
 * fills (oldest first), balances (`available`, `locked`, `staked`, `total` per asset) and open futures
 * positions. `events` are the lifecycle events whose application produced this view (empty for the
 * first view and for views changed by balances or positions only); `version` counts the views.
 *
 * @since 0.3.0
 * @category models
 */
export class AccountView extends Data.Class<{
  readonly orders: ReadonlyMap<string, AccountOrder>
  readonly ordersByClientId: ReadonlyMap<number, AccountOrder>
  readonly fills: ReadonlyArray<AccountFill>
  readonly balances: ReadonlyMap<string, Balance>
  readonly positions: ReadonlyMap<string, AccountPosition>
  readonly events: ReadonlyArray<OrderEvent>
  readonly version: number
}> {}

/**
 * Which order to follow: its exchange id, or the client id it was placed with (unique among open
 * orders), in a market.
 *
 * @since 0.3.0
 * @category models
 */
export type OrderRef =
  | { readonly symbol: string; readonly orderId: string; readonly clientId?: undefined }
  | { readonly symbol: string; readonly clientId: number; readonly orderId?: undefined }

/**
 * What `Orders.place` answers: the order the exchange accepted (as the placement answered, or as found
 * when an `OutcomeUnknown` was settled) and its lifecycle, subscribed before the order was sent so no
 * event is missed. `updates` ends with the order's terminal event.
 *
 * @since 0.3.0
 * @category models
 */
export interface Placed<E = never> {
  readonly orderId: string
  readonly clientId: number
  readonly symbol: string
  /** `"answer"`: the placement answered; `"reconciled"`: the answer was lost and the order was found by client id. */
  readonly source: "answer" | "reconciled"
  readonly updates: Stream.Stream<OrderEvent, E>
}

/**
 * What `Orders.amend` answers: the cancelled order (its state once cancelled) and the replacement.
 *
 * @since 0.3.0
 * @category models
 */
export interface Amended<E = never> {
  readonly cancelled: AccountOrder
  readonly replacement: Placed<E>
}

/**
 * `Orders.place` settled a lost answer (`OutcomeUnknown`) and found no order with its client id once
 * the request's signing window had passed: the order was not placed and the exchange now refuses the
 * old request, so sending it again is safe (`place` never does that by itself).
 *
 * @since 0.3.0
 * @category errors
 */
export class NotPlaced extends Schema.TaggedError<NotPlaced>()("NotPlaced", {
  operation: Schema.String,
  symbol: Schema.String,
  clientId: Schema.Number,
  /** Why the answer was lost (the `OutcomeUnknown`'s reason). */
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: order with clientId ${this.clientId} on ${this.symbol} was not placed (${this.reason})`
  }
}

/**
 * `Orders.amend` did not replace the order because it is no longer open (it filled, was cancelled or
 * expired first): `order` is its final state, and nothing new was placed.
 *
 * @since 0.3.0
 * @category errors
 */
export class NotAmended extends Schema.TaggedError<NotAmended>()("NotAmended", {
  operation: Schema.String,
  orderId: Schema.String,
  symbol: Schema.String,
  /** The order's final status (`Filled`, `Cancelled`, `Expired`, …). */
  status: Schema.String
}) {
  override get message(): string {
    return `${this.operation}: order ${this.orderId} on ${this.symbol} is ${this.status}; nothing was replaced`
  }
}

/**
 * Options of `AccountState.watch` / `AccountState.start`.
 *
 * @since 0.3.0
 * @category models
 */
export interface WatchOptions {
  /** How often balances, positions and orders are reconciled with REST. Default 30 s. */
  readonly reconcileEvery?: Duration.DurationInput | undefined
  /** How many recent fills the view keeps. Default 100. */
  readonly fills?: number | undefined
  /** Overlap of the fill and order-history reads before the last known event. Default 10 s. */
  readonly lookback?: Duration.DurationInput | undefined
  /** Catch-up rounds of one reconciliation while orders keep changing. Default 3. */
  readonly attempts?: number | undefined
}

/**
 * Options of `Orders.track` / `place` / `amend`.
 *
 * @since 0.3.0
 * @category models
 */
export interface TrackOptions {
  /**
   * How often a tracker re-reads its order from REST while it is open, in case the stream lost an
   * update. Default 5 s.
   */
  readonly pollEvery?: Duration.DurationInput | undefined
}

/**
 * Parameters of `Orders.amend`: the order to replace and what changes.
 *
 * @since 0.3.0
 * @category params
 */
export interface AmendParams {
  readonly symbol: string
  /** The order to replace, by exchange id … */
  readonly orderId?: string | undefined
  /** … or by client id. */
  readonly clientId?: number | undefined
  /** New limit price (default: the old one). */
  readonly price?: DecimalInput | undefined
  /** New quantity (default: what was left to fill of the old one). */
  readonly quantity?: DecimalInput | undefined
  /** Client id of the replacement (default: a fresh one). */
  readonly newClientId?: number | undefined
}

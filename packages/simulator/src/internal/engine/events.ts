/**
 * The engine's internal event bus. Domain modules publish what happened (a book changed, a trade printed, an
 * order was accepted, filled, cancelled or expired, a position changed, a price changed); the WebSocket hub,
 * market data, and future triggers, strategies and liquidations subscribe to the events they need.
 *
 * Handlers run synchronously, in subscription order, inside the engine call that emitted the event; a handler
 * that throws is logged and skipped, it never breaks the engine.
 *
 * @internal
 */
import type { Account, Fill, Market, Order, PublicTrade, Side } from "./model.js"

/** Live names of order events (`e` of `account.orderUpdate`). */
export type OrderEventKind = "orderAccepted" | "orderFill" | "orderCancelled" | "orderExpired"

/** Live names of position events (`e` of `account.positionUpdate`). */
export type PositionEventKind = "positionOpened" | "positionAdjusted" | "positionClosed"

/** One changed book level: absolute quantity, 0 when the level is gone. */
export interface LevelChange {
  readonly price: bigint
  readonly quantity: bigint
}

export type EngineEvent =
  | {
    /** The book of a market changed; ids `U..u` (depth stream sequence). */
    readonly _tag: "BookChanged"
    readonly market: Market
    /** Best first. */
    readonly bids: ReadonlyArray<LevelChange>
    /** Best first. */
    readonly asks: ReadonlyArray<LevelChange>
    readonly U: number
    readonly u: number
    readonly T: number
  }
  | { readonly _tag: "TradePrinted"; readonly market: Market; readonly trade: PublicTrade }
  | {
    readonly _tag: "OrderUpdated"
    readonly account: Account
    readonly order: Order
    readonly kind: OrderEventKind
    /** The fill of an `orderFill` event. */
    readonly fill: Fill | undefined
  }
  | {
    readonly _tag: "PositionChanged"
    readonly account: Account
    readonly market: Market
    readonly kind: PositionEventKind
  }
  | {
    /** Mark, index price or funding rate of a market changed (not emitted for last-price moves: see TradePrinted). */
    readonly _tag: "PriceChanged"
    readonly market: Market
  }
  | {
    readonly _tag: "Liquidation"
    readonly market: Market
    readonly side: Side
    readonly price: bigint
    readonly quantity: bigint
    readonly T: number
  }
  | {
    /** A conditional order (trigger, take-profit, stop-loss) changed; `data` is its `account.orderUpdate` frame. */
    readonly _tag: "ConditionalUpdated"
    readonly account: Account
    readonly symbol: string
    readonly data: Record<string, unknown>
  }
  | {
    /** An RFQ or quote event for one account; `data` is its `account.rfqUpdate` frame. */
    readonly _tag: "RfqUpdated"
    readonly account: Account
    readonly symbol: string
    readonly data: Record<string, unknown>
  }

export type EventTag = EngineEvent["_tag"]
export type EventOf<T extends EventTag> = Extract<EngineEvent, { readonly _tag: T }>

/** A synchronous publish/subscribe hub keyed by event tag. */
export class EventBus {
  private readonly handlers = new Map<EventTag, Array<(event: EngineEvent) => void>>()

  /** Subscribes to one kind of event; returns the unsubscribe function. */
  on<T extends EventTag>(tag: T, handler: (event: EventOf<T>) => void): () => void {
    const list = this.handlers.get(tag) ?? []
    const h = handler as (event: EngineEvent) => void
    this.handlers.set(tag, [...list, h])
    return () => {
      const current = this.handlers.get(tag) ?? []
      this.handlers.set(tag, current.filter((x) => x !== h))
    }
  }

  /** Whether anybody listens to `tag` (lets publishers skip building an event nobody reads). */
  has(tag: EventTag): boolean {
    return (this.handlers.get(tag)?.length ?? 0) > 0
  }

  emit(event: EngineEvent): void {
    const list = this.handlers.get(event._tag)
    if (list === undefined) return
    for (const handler of list) {
      try {
        handler(event)
      } catch (e) {
        // a subscriber must not break the engine
        console.error(`[simulator] ${event._tag} handler failed`, e)
      }
    }
  }
}

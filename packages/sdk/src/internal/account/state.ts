/**
 * The account view engine behind `AccountState`: subscribe first (order and position streams, with
 * the readiness barrier), snapshot second, then one fiber applies stream updates, reconnects,
 * periodic reconciliations and reconciliations asked for, in order, to one mutable state, and
 * publishes a consistent `AccountView` after each step.
 *
 * Reconciliation (at the start, after every reconnect, every `reconcileEvery`, on request):
 * 1. read open orders, fills since the last known event (minus `lookback`) and the newest order
 *    history; bring every order's lifecycle up to it (missed events come out `derived`);
 * 2. read balances and positions;
 * 3. read the orders again: if nothing changed meanwhile, the balances and positions belong to the
 *    same moment as the orders, so any difference from the local view is drift (reported, then the
 *    view takes the exchange's values); if something changed, catch up again (a few times) and leave
 *    the balance check to the next reconciliation.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { BackpackClient } from "../../BackpackClient.js"
import type { BackpackError } from "../../BackpackError.js"
import type { BackpackStream, StreamError } from "../../BackpackStream.js"
import { orderUpdates, positionUpdates } from "../../BackpackStream.js"
import * as capitalEndpoints from "../../endpoints/capital.js"
import * as historyEndpoints from "../../endpoints/history.js"
import * as marketEndpoints from "../../endpoints/markets.js"
import * as orderEndpoints from "../../endpoints/orders.js"
import * as positionEndpoints from "../../endpoints/positions.js"
import type { AccountOrder, WatchOptions as Options } from "../../models/accountState.js"
import {
  AccountDrift,
  type AccountFill,
  AccountLive,
  AccountPosition,
  AccountResyncing,
  type AccountStatus,
  AccountView,
  DriftItem,
  type OrderEvent
} from "../../models/accountState.js"
import type { Balance } from "../../models/capital.js"
import type { Order as HistoryOrder } from "../../models/history.js"
import type { FuturePositionWithMargin } from "../../models/positions.js"
import type { OrderUpdateEvent, PositionUpdateEvent } from "../../models/streams.js"
import { Balances, type MarketInfo } from "./balances.js"
import * as L from "./lifecycle.js"
import * as Read from "./read.js"

/** Where the engine reports. */
export interface Sinks {
  readonly status: (status: AccountStatus) => Effect.Effect<void>
}

type Input =
  | { readonly _tag: "Order"; readonly event: OrderUpdateEvent }
  | { readonly _tag: "Position"; readonly event: PositionUpdateEvent }
  | { readonly _tag: "Reconnected"; readonly connection: number }
  /** A private event that could not be read (an undecodable frame, a consumer buffer overflow): caught up by REST. */
  | { readonly _tag: "Lost"; readonly reason: string }
  | { readonly _tag: "Tick" }
  | {
    readonly _tag: "Request"
    readonly done: Deferred.Deferred<ReadonlyArray<DriftItem>, BackpackError | StreamError>
  }

/** A reconciliation asked for from outside (answered with the drift it found). */
export type Request = Deferred.Deferred<ReadonlyArray<DriftItem>, BackpackError | StreamError>

const historyPage = 1000

const finishedCap = 10_000

interface OrdersSnapshot {
  readonly open: ReadonlyArray<AccountOrder>
  readonly fills: ReadonlyArray<AccountFill>
  readonly history: ReadonlyArray<HistoryOrder>
  readonly fingerprint: string
}

const positionOf = (p: FuturePositionWithMargin, updatedAt: number) =>
  new AccountPosition({
    symbol: p.symbol,
    positionId: p.positionId,
    netQuantity: p.netQuantity,
    entryPrice: p.entryPrice,
    breakEvenPrice: p.breakEvenPrice,
    markPrice: p.markPrice,
    pnlRealized: p.pnlRealized,
    pnlUnrealized: p.pnlUnrealized,
    updatedAt
  })

const fmt = (d: BigDecimal.BigDecimal | undefined) => d === undefined ? "absent" : BigDecimal.format(d)

/**
 * The stream of views. Needs the REST client and the stream service; `requests` carries
 * reconciliations asked for from outside.
 */
export const views = (
  client: BackpackClient["Type"],
  ws: BackpackStream["Type"],
  options: Options,
  sinks: Sinks,
  requests: Queue.Dequeue<Request>
): Stream.Stream<AccountView, BackpackError | StreamError> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const reconcileEvery = Duration.decode(options.reconcileEvery ?? "30 seconds")
    const keepFills = Math.max(0, options.fills ?? 100)
    const lookbackMs = Duration.toMillis(options.lookback ?? "10 seconds")
    const attempts = Math.max(1, options.attempts ?? 3)

    // subscribe first: every event from here on is buffered until the snapshot is applied
    const [orderStream, positionStream] = yield* Effect.all([
      ws.subscribeScoped(orderUpdates()),
      ws.subscribeScoped(positionUpdates())
    ], { concurrency: 2 })

    const read = Read.make(client)

    const markets = new Map<string, MarketInfo>()
    for (const m of yield* read(marketEndpoints.getMarkets, {})) {
      markets.set(m.symbol, { base: m.baseSymbol, quote: m.quoteSymbol, spot: m.marketType === "SPOT" })
    }

    // ------------------------------------------------------------------------------------------
    // state
    // ------------------------------------------------------------------------------------------
    const lives = new Map<string, L.Life>() // open orders
    const finished = new Map<string, L.Life>() // recently finished orders (stale updates are dropped)
    const balances = new Balances()
    const positions = new Map<string, AccountPosition>()
    const realized = new Map<string, BigDecimal.BigDecimal>()
    let fills: Array<AccountFill> = []
    const fillIds = new Set<string>()
    /** Newest exchange time seen (ms): events, fills, order creations. */
    let watermark = 0
    let version = 0
    let connection = 0

    const lifeOf = (orderId: string): L.Life | undefined => lives.get(orderId) ?? finished.get(orderId)

    const retire = (life: L.Life) => {
      lives.delete(life.orderId)
      finished.set(life.orderId, life)
      if (finished.size > finishedCap) finished.delete(finished.keys().next().value!)
    }

    const recordFill = (fill: AccountFill) => {
      if (fillIds.has(fill.tradeId)) return
      fillIds.add(fill.tradeId)
      fills.push(fill)
      if (fills.length > keepFills) {
        for (const dropped of fills.splice(0, fills.length - keepFills)) fillIds.delete(dropped.tradeId)
      }
    }

    /** Applies lifecycle events to balances and fills; retires finished orders. */
    const absorb = (life: L.Life, events: ReadonlyArray<OrderEvent>) => {
      for (const event of events) {
        balances.apply(event, markets.get(event.order.symbol))
        if ((event._tag === "PartiallyFilled" || event._tag === "Filled") && event.fill !== undefined) {
          recordFill(event.fill)
          watermark = Math.max(watermark, event.fill.timestamp)
        }
      }
      if (life.terminal) retire(life)
      else lives.set(life.orderId, life)
    }

    const view = (events: ReadonlyArray<OrderEvent>): AccountView => {
      const orders = new Map<string, AccountOrder>()
      const byClientId = new Map<number, AccountOrder>()
      for (const life of lives.values()) {
        orders.set(life.orderId, life.order)
        if (life.order.clientId !== undefined) byClientId.set(life.order.clientId, life.order)
      }
      version += 1
      return new AccountView({
        orders,
        ordersByClientId: byClientId,
        fills: [...fills],
        balances: balances.view(),
        positions: new Map(positions),
        events,
        version
      })
    }

    // ------------------------------------------------------------------------------------------
    // REST reads
    // ------------------------------------------------------------------------------------------
    const fillsSince = (from: number) =>
      Effect.gen(function*() {
        const out: Array<AccountFill> = []
        for (let offset = 0;; offset += historyPage) {
          const page = yield* read(historyEndpoints.getFills, {
            from: Math.max(0, Math.floor(from)),
            limit: historyPage,
            offset,
            sortDirection: "Asc"
          })
          out.push(...page.map(L.fromRestFill))
          if (page.length < historyPage) return out
        }
      })

    const historySince = (from: number) =>
      Effect.gen(function*() {
        const out: Array<HistoryOrder> = []
        for (let offset = 0;; offset += historyPage) {
          const page = yield* read(historyEndpoints.getOrderHistory, {
            limit: historyPage,
            offset,
            sortDirection: "Desc"
          })
          for (const row of page) {
            if (L.historyCreatedAt(row) < from) return out
            out.push(row)
          }
          if (page.length < historyPage) return out
        }
      })

    const readOrders = (since: number) =>
      Effect.map(
        Effect.all({
          open: read(orderEndpoints.getOpenOrders, {}),
          fills: fillsSince(since),
          history: historySince(since)
        }, { concurrency: 3 }),
        ({ fills: restFills, history, open }): OrdersSnapshot => {
          const openOrders = open.map(L.fromOpen)
          const fingerprint = [
            openOrders.map((o) => `${o.orderId}:${o.status}:${BigDecimal.format(o.executedQuantity)}`).sort().join(","),
            restFills.length === 0 ? "" : restFills[restFills.length - 1]!.tradeId,
            restFills.length,
            history.length === 0 ? "" : `${history[0]!.id}:${history[0]!.status}`,
            history.length
          ].join("|")
          return { open: openOrders, fills: restFills, history, fingerprint }
        }
      )

    /** The fills of one order: from the snapshot when it has them all, else from the fill history. */
    const fetchFillsWith = (snapshot: ReadonlyArray<AccountFill>): L.FetchFills => (order) => {
      const known = snapshot.filter((f) => f.orderId === order.orderId)
      const sum = known.reduce((acc, f) => BigDecimal.sum(acc, f.quantity), BigDecimal.fromBigInt(0n))
      if (BigDecimal.greaterThanOrEqualTo(sum, order.executedQuantity) && known.length > 0) {
        return Effect.succeed(known)
      }
      return Effect.map(
        read(historyEndpoints.getFills, {
          orderId: order.orderId,
          symbol: order.symbol,
          limit: historyPage,
          sortDirection: "Asc"
        }),
        (rows) => rows.map(L.fromRestFill)
      )
    }
    const fetchFills = fetchFillsWith([])

    /** Brings every order's lifecycle up to a snapshot; returns the events made. */
    const catchUp = (snapshot: OrdersSnapshot) =>
      Effect.gen(function*() {
        const events: Array<OrderEvent> = []
        const fetch = fetchFillsWith(snapshot.fills)
        const step = (life: L.Life, target: AccountOrder) =>
          Effect.map(L.onSnapshot(life, target, fetch), (made) => {
            absorb(life, made)
            events.push(...made)
          })
        const openIds = new Set(snapshot.open.map((o) => o.orderId))
        const historyById = new Map(snapshot.history.map((o) => [o.id, o]))
        // 1. orders known open that the exchange no longer has open
        for (const life of [...lives.values()]) {
          if (openIds.has(life.orderId)) continue
          const row = historyById.get(life.orderId) ??
            (yield* read(historyEndpoints.getOrderHistory, {
              orderId: life.orderId,
              symbol: life.order.symbol,
              limit: 1
            }))[0]
          if (row !== undefined) yield* step(life, L.fromHistory(row))
        }
        // 2. orders created (and maybe finished) meanwhile, oldest first, then the open ones
        for (const row of [...snapshot.history].reverse()) {
          if (openIds.has(row.id) || lifeOf(row.id) !== undefined) continue
          yield* step(new L.Life(L.fromHistory(row), false), L.fromHistory(row))
        }
        for (const order of snapshot.open) {
          yield* step(lifeOf(order.orderId) ?? new L.Life(order, false), order)
        }
        for (const row of snapshot.history) watermark = Math.max(watermark, L.historyCreatedAt(row))
        for (const f of snapshot.fills) watermark = Math.max(watermark, f.timestamp)
        return events
      })

    /** Starts over from a snapshot: no events, the exchange's state as the view. */
    const adopt = (snapshot: OrdersSnapshot) => {
      lives.clear()
      finished.clear()
      fills = []
      fillIds.clear()
      for (const order of snapshot.open) lives.set(order.orderId, new L.Life(order, true))
      for (const row of [...snapshot.history].reverse()) {
        if (lives.has(row.id)) continue
        const life = new L.Life(L.fromHistory(row), true)
        life.terminal = true
        retire(life)
      }
      for (const f of snapshot.fills.slice(-keepFills)) recordFill(f)
      for (const f of snapshot.fills) {
        lifeOf(f.orderId)?.trades.add(f.tradeId)
        watermark = Math.max(watermark, f.timestamp)
      }
      for (const row of snapshot.history) watermark = Math.max(watermark, L.historyCreatedAt(row))
    }

    const compareBalances = (exchange: Readonly<Record<string, Balance>>): Array<DriftItem> => {
      const local = balances.view()
      const out: Array<DriftItem> = []
      const assets = new Set([...local.keys(), ...Object.keys(exchange)])
      for (const asset of [...assets].sort()) {
        const mine = local.get(asset)
        const theirs = exchange[asset]
        for (const field of ["available", "locked", "staked"] as const) {
          const a = mine?.[field] ?? BigDecimal.fromBigInt(0n)
          const b = theirs?.[field] ?? BigDecimal.fromBigInt(0n)
          if (!BigDecimal.equals(a, b)) {
            out.push(new DriftItem({ kind: "balance", key: asset, field, local: fmt(a), exchange: fmt(b) }))
          }
        }
      }
      return out
    }

    const comparePositions = (exchange: ReadonlyArray<FuturePositionWithMargin>): Array<DriftItem> => {
      const out: Array<DriftItem> = []
      const theirs = new Map(exchange.map((p) => [p.symbol, p]))
      for (const symbol of [...new Set([...positions.keys(), ...theirs.keys()])].sort()) {
        const a = positions.get(symbol)?.netQuantity
        const b = theirs.get(symbol)?.netQuantity
        if (a === undefined || b === undefined ? a !== b : !BigDecimal.equals(a, b)) {
          out.push(
            new DriftItem({ kind: "position", key: symbol, field: "netQuantity", local: fmt(a), exchange: fmt(b) })
          )
        }
      }
      return out
    }

    const setPositions = (exchange: ReadonlyArray<FuturePositionWithMargin>) => {
      positions.clear()
      for (const p of exchange) {
        if (BigDecimal.isZero(p.netQuantity)) continue
        positions.set(p.symbol, positionOf(p, watermark * 1000))
        realized.set(p.symbol, p.pnlRealized)
      }
    }

    /**
     * One reconciliation. `initial`: adopt the exchange's state without events or drift. Returns the
     * lifecycle events it derived and the drift it corrected.
     */
    const reconcile = (initial: boolean) =>
      Effect.gen(function*() {
        const events: Array<OrderEvent> = []
        let drift: Array<DriftItem> = []
        let before = yield* readOrders(watermark - lookbackMs)
        if (initial) adopt(before)
        else events.push(...yield* catchUp(before))
        for (let attempt = 1; attempt <= attempts; attempt++) {
          const [exchangeBalances, exchangePositions] = yield* Effect.all([
            read(capitalEndpoints.getBalances, {}),
            read(positionEndpoints.getPositions, {})
          ], { concurrency: 2 })
          const after = yield* readOrders(watermark - lookbackMs)
          if (after.fingerprint === before.fingerprint) {
            if (!initial) drift = [...compareBalances(exchangeBalances), ...comparePositions(exchangePositions)]
            balances.reset(exchangeBalances)
            setPositions(exchangePositions)
            return { events, drift }
          }
          // orders moved meanwhile: catch up and try again
          if (initial) adopt(after)
          else events.push(...yield* catchUp(after))
          before = after
          if (initial && attempt === attempts) {
            // never quiet: take these balances; later reconciliations check them
            balances.reset(exchangeBalances)
            setPositions(exchangePositions)
          }
        }
        yield* Effect.logDebug("AccountState: orders kept changing; balances are checked at the next reconciliation")
        return { events, drift }
      })

    // ------------------------------------------------------------------------------------------
    // stream inputs
    // ------------------------------------------------------------------------------------------
    const onOrder = (event: OrderUpdateEvent) =>
      Effect.gen(function*() {
        watermark = Math.max(watermark, Math.floor(event.engineTime / 1000))
        const life = lifeOf(event.orderId) ?? new L.Life(L.fromUpdate(event, undefined), false)
        const made = yield* L.onUpdate(life, event, fetchFills)
        if (made.length > 0 || lives.has(life.orderId)) absorb(life, made)
        return made
      })

    const onPosition = (event: PositionUpdateEvent) => {
      const known = positions.get(event.symbol)
      if (known !== undefined && event.engineTime < known.updatedAt) return false
      if (known === undefined && event.engineTime < watermark * 1000 && event.eventType === undefined) return false
      if (event.pnlRealized !== undefined) {
        const previous = realized.get(event.symbol)
        const market = markets.get(event.symbol)
        if (previous !== undefined && market !== undefined) {
          balances.credit(market.quote, BigDecimal.subtract(event.pnlRealized, previous))
        }
        realized.set(event.symbol, event.pnlRealized)
      }
      if (BigDecimal.isZero(event.netQuantity)) positions.delete(event.symbol)
      else {
        positions.set(
          event.symbol,
          new AccountPosition({
            symbol: event.symbol,
            positionId: event.positionId,
            netQuantity: event.netQuantity,
            entryPrice: event.entryPrice,
            breakEvenPrice: event.breakEvenPrice,
            markPrice: event.markPrice,
            pnlRealized: event.pnlRealized,
            pnlUnrealized: event.pnlUnrealized,
            updatedAt: event.engineTime
          })
        )
      }
      return true
    }

    const resync = (reason: string, initial: boolean) =>
      Effect.gen(function*() {
        yield* sinks.status(new AccountResyncing({ reason }))
        const result = yield* reconcile(initial)
        if (result.drift.length > 0) yield* sinks.status(new AccountDrift({ differences: result.drift }))
        yield* sinks.status(new AccountLive({ connection }))
        return result
      })

    const currentConnection = Effect.map(
      ws.status.get,
      (s) => (s._tag === "Open" ? s.connection : connection)
    )

    connection = yield* currentConnection
    yield* resync("start", true)
    const first = view([])

    const reconnects = ws.status.changes.pipe(
      Stream.filterMap((s) =>
        s._tag === "Open" && s.connection > connection
          ? Option.some<Input>({ _tag: "Reconnected", connection: s.connection })
          : Option.none()
      )
    )
    // A private event the stream could not deliver (an undecodable frame, a full buffer) fails that consumer
    // only: subscribe again (live before anything else: the exchange keeps the subscription), then catch up
    // with REST as after a reconnect. The view goes on; nothing is lost.
    const surviving = <A>(
      first: Stream.Stream<A, StreamError>,
      again: Effect.Effect<Stream.Stream<A, StreamError>, StreamError, Scope.Scope>,
      input: (event: A) => Input
    ): Stream.Stream<Input, StreamError> =>
      Stream.map(first, input).pipe(
        Stream.catchSome((error) =>
          error._tag === "DecodeError" || error._tag === "BufferOverflow"
            ? Option.some(Stream.unwrapScoped(Effect.map(again, (next) =>
              Stream.concat(
                Stream.succeed<Input>({ _tag: "Lost", reason: error.message }),
                surviving(next, again, input)
              ))))
            : Option.none()
        )
      )

    const inputs = Stream.mergeAll([
      surviving(orderStream, ws.subscribeScoped(orderUpdates()), (event): Input => ({ _tag: "Order", event })),
      surviving(positionStream, ws.subscribeScoped(positionUpdates()), (event): Input => ({ _tag: "Position", event })),
      reconnects,
      Stream.fromSchedule(Schedule.spaced(reconcileEvery)).pipe(Stream.map((): Input => ({ _tag: "Tick" }))),
      Stream.fromQueue(requests).pipe(Stream.map((done): Input => ({ _tag: "Request", done })))
    ], { concurrency: "unbounded" })

    const step = (input: Input): Effect.Effect<Option.Option<AccountView>, BackpackError | StreamError> => {
      switch (input._tag) {
        case "Order":
          return Effect.map(onOrder(input.event), (made) => Option.some(view(made)))
        case "Position":
          return Effect.succeed(onPosition(input.event) ? Option.some(view([])) : Option.none())
        case "Reconnected":
          return Effect.gen(function*() {
            if (input.connection <= connection) return Option.none()
            connection = input.connection
            // the re-sent SUBSCRIBE must be live before the snapshot, or events in between are lost
            yield* Effect.scoped(ws.subscribeScoped(orderUpdates()))
            const { events } = yield* resync(`reconnected (connection ${input.connection})`, false)
            return Option.some(view(events))
          })
        case "Lost":
          return Effect.map(
            resync(`private event lost (${input.reason})`, false),
            ({ events }) => Option.some(view(events))
          )
        case "Tick":
          return Effect.map(resync("periodic reconciliation", false), ({ events }) => Option.some(view(events)))
        case "Request":
          return resync("reconciliation requested", false).pipe(
            Effect.tapBoth({
              onFailure: (e) => Deferred.fail(input.done, e),
              onSuccess: ({ drift }) => Deferred.succeed(input.done, drift)
            }),
            Effect.map(({ events }) => Option.some(view(events)))
          )
      }
    }

    return Stream.concat(
      Stream.succeed(first),
      inputs.pipe(Stream.mapEffect(step), Stream.filterMap((v) => v))
    )
  }))

/** Builds an `AccountOrder` from a history row (exported for the order tools). */
export const orderOfHistory = L.fromHistory

/**
 * Order lifecycle tools behind `Orders.track`, `Orders.place` and `Orders.amend`: one order's
 * lifecycle from the order stream (subscribed with the readiness barrier), caught up from REST after
 * a reconnect and on a polling interval (so a lost terminal update cannot leave a tracker open), and
 * placement that settles a lost answer by client id after the signing window.
 *
 * @since 0.3.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { BackpackClient } from "../../BackpackClient.js"
import { ApiError, type BackpackError, type OutcomeUnknown, ValidationError } from "../../BackpackError.js"
import { BackpackStream, orderUpdates, type StreamError } from "../../BackpackStream.js"
import * as historyEndpoints from "../../endpoints/history.js"
import * as orderEndpoints from "../../endpoints/orders.js"
import {
  type AccountOrder,
  type Amended,
  isOpenStatus,
  isTerminal,
  NotAmended,
  NotPlaced,
  type OrderEvent,
  type OrderRef,
  type Placed
} from "../../models/accountState.js"
import type { AmendParams, TrackOptions } from "../../models/accountState.js"
import type { OrderExecuteParams, ReconcileResult } from "../../models/orders.js"
import { isCancelAccepted } from "../../models/orders.js"
import type { OrderUpdateEvent } from "../../models/streams.js"
import * as Decimal from "../decimal.js"
import * as L from "./lifecycle.js"
import * as Read from "./read.js"

export type Errors = BackpackError | StreamError

type Reconcile = (outcome: OutcomeUnknown) => Effect.Effect<ReadonlyArray<ReconcileResult>, BackpackError>

const notFound = (e: BackpackError) => e._tag === "ApiError" && e.status === 404

/** The order's current state: the open order, else its history row; `None` when the exchange has neither. */
export const lookup = (
  client: BackpackClient["Type"],
  ref: OrderRef
): Effect.Effect<Option.Option<AccountOrder>, BackpackError> =>
  Read.make(client)(
    orderEndpoints.getOrder,
    ref.orderId !== undefined
      ? { symbol: ref.symbol, orderId: ref.orderId }
      : { symbol: ref.symbol, clientId: ref.clientId }
  ).pipe(
    Effect.map((o) => Option.some(L.fromOpen(o))),
    Effect.catchIf(notFound, () =>
      Effect.map(
        Read.make(client)(historyEndpoints.getOrderHistory, {
          symbol: ref.symbol,
          ...(ref.orderId !== undefined ? { orderId: ref.orderId } : {}),
          limit: ref.orderId !== undefined ? 1 : 1000,
          sortDirection: "Desc"
        }),
        (rows) => {
          const row = rows.find((o) => ref.orderId !== undefined ? o.id === ref.orderId : o.clientId === ref.clientId)
          return row === undefined ? Option.none() : Option.some(L.fromHistory(row))
        }
      ))
  )

const fillsOf = (client: BackpackClient["Type"]): L.FetchFills => (order) =>
  Effect.map(
    Read.make(client)(historyEndpoints.getFills, {
      orderId: order.orderId,
      symbol: order.symbol,
      limit: 1000,
      sortDirection: "Asc"
    }),
    (rows) => rows.map(L.fromRestFill)
  )

type Input =
  | { readonly _tag: "Update"; readonly event: OrderUpdateEvent }
  | { readonly _tag: "Check" }

/**
 * One order's lifecycle from an already subscribed order stream: updates of the order, plus a REST
 * check after every reconnect and every `pollEvery`. Ends after the terminal event.
 */
const follow = (
  client: BackpackClient["Type"],
  ws: BackpackStream["Type"],
  updates: Stream.Stream<OrderUpdateEvent, StreamError>,
  seed: AccountOrder,
  initial: boolean,
  options: TrackOptions
): Stream.Stream<OrderEvent, Errors> =>
  Stream.unwrap(Effect.gen(function*() {
    const pollEvery = Duration.decode(options.pollEvery ?? "5 seconds")
    const life = new L.Life(seed, false)
    const fetch = fillsOf(client)
    const ref: OrderRef = { symbol: seed.symbol, orderId: seed.orderId }
    const check = Effect.flatMap(
      lookup(client, ref),
      Option.match({ onNone: () => Effect.succeed([]), onSome: (target) => L.onSnapshot(life, target, fetch) })
    )
    const status = yield* ws.status.get
    const connection = status._tag === "Open" ? status.connection : 0
    const first = initial ? yield* check : []
    const inputs = Stream.mergeAll([
      updates.pipe(
        Stream.filter((e) => e.orderId === seed.orderId),
        Stream.map((event): Input => ({ _tag: "Update", event }))
      ),
      ws.status.changes.pipe(
        Stream.filter((s) => s._tag === "Open" && s.connection > connection),
        Stream.map((): Input => ({ _tag: "Check" }))
      ),
      Stream.fromSchedule(Schedule.spaced(pollEvery)).pipe(Stream.map((): Input => ({ _tag: "Check" })))
    ], { concurrency: "unbounded" })
    const later = inputs.pipe(
      Stream.mapEffect((input) => input._tag === "Update" ? L.onUpdate(life, input.event, fetch) : check),
      Stream.flattenIterables
    )
    const all = Stream.concat(Stream.fromIterable(first), later)
    return life.terminal && first.length === 0 ? Stream.empty : all.pipe(Stream.takeUntil(isTerminal))
  }))

/** `Orders.track`: subscribe, look the order up, then follow it. */
export const track = (
  client: BackpackClient["Type"],
  ref: OrderRef,
  options: TrackOptions = {}
): Stream.Stream<OrderEvent, Errors, BackpackStream> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const ws = yield* BackpackStream
    const updates = yield* ws.subscribeScoped(orderUpdates(ref.symbol))
    const found = yield* lookup(client, ref)
    if (Option.isNone(found)) {
      return yield* new ApiError({
        status: 404,
        code: "RESOURCE_NOT_FOUND",
        message: `no order ${ref.orderId ?? `with clientId ${ref.clientId}`} on ${ref.symbol}`,
        operation: "Orders.track"
      })
    }
    return follow(client, ws, updates, found.value, true, options)
  }))

/** The signing window plus a margin: after it the exchange refuses the lost request. */
const settleDelay = (client: BackpackClient["Type"]) => Duration.millis(client.config.window + 1000)

/** `Orders.place`: subscribe, place, settle a lost answer, follow. */
export const place = (
  client: BackpackClient["Type"],
  reconcile: Reconcile,
  drawClientId: Effect.Effect<number>,
  params: OrderExecuteParams,
  options: TrackOptions = {}
): Effect.Effect<Placed<Errors>, Errors | NotPlaced, BackpackStream | Scope.Scope> =>
  Effect.gen(function*() {
    const ws = yield* BackpackStream
    const clientId = params.clientId ?? (yield* drawClientId)
    const order = { ...params, clientId }
    const updates = yield* ws.subscribeScoped(orderUpdates(params.symbol))
    const placed = yield* client.execute(orderEndpoints.executeOrder, order).pipe(
      Effect.map((o) => ({ seed: L.fromOpen(o), source: "answer" as const })),
      Effect.catchTag("OutcomeUnknown", (outcome) =>
        Effect.gen(function*() {
          yield* Effect.logInfo(`Orders.place: answer lost (${outcome.reason}); settling clientId ${clientId}`)
          yield* Effect.sleep(settleDelay(client))
          const [result] = yield* reconcile(outcome)
          if (result === undefined || result._tag === "OrderNotPlaced") {
            return yield* new NotPlaced({
              operation: "Orders.place",
              symbol: params.symbol,
              clientId,
              reason: outcome.reason
            })
          }
          const seed = result.source === "open"
            ? L.fromOpen(result.order as Parameters<typeof L.fromOpen>[0])
            : L.fromHistory(result.order as Parameters<typeof L.fromHistory>[0])
          return { seed, source: "reconciled" as const }
        }))
    )
    return {
      orderId: placed.seed.orderId,
      clientId,
      symbol: params.symbol,
      source: placed.source,
      // a reconciled order may have moved while the answer was lost: start from a REST check
      updates: follow(client, ws, updates, placed.seed, placed.source === "reconciled", options)
    }
  })

/** Cancels an order for an amend; answers its final state (or fails when it is no longer open). */
const cancelForAmend = (
  client: BackpackClient["Type"],
  ref: OrderRef
): Effect.Effect<AccountOrder, BackpackError | NotAmended> =>
  Effect.gen(function*() {
    const final = (order: AccountOrder) =>
      order.status === "Cancelled" ? Effect.succeed(order) : Effect.fail(
        new NotAmended({
          operation: "Orders.amend",
          orderId: order.orderId,
          symbol: order.symbol,
          status: order.status
        })
      )
    const current = yield* lookup(client, ref)
    if (Option.isNone(current)) {
      return yield* new ValidationError({
        operation: "Orders.amend",
        field: ref.orderId === undefined ? "clientId" : "orderId",
        detail: `no order ${ref.orderId ?? ref.clientId} on ${ref.symbol}`
      })
    }
    if (!isOpenStatus(current.value.status)) return yield* final(current.value)
    const id = { symbol: ref.symbol, orderId: current.value.orderId }
    // a cancel is safe to repeat: a lost or 202 answer is settled by reading the order again
    const attempt = client.execute(orderEndpoints.cancelOrder, id).pipe(
      Effect.map((answer) => isCancelAccepted(answer) ? Option.none<AccountOrder>() : Option.some(L.fromOpen(answer))),
      Effect.catchIf((e) => notFound(e), () => Effect.succeed(Option.none<AccountOrder>())),
      Effect.catchTag("OutcomeUnknown", () => Effect.as(Effect.sleep(settleDelay(client)), Option.none<AccountOrder>()))
    )
    const settled = Effect.flatMap(attempt, (answer) =>
      Option.isSome(answer)
        ? Effect.succeed(answer)
        : Effect.map(lookup(client, id), Option.filter((o) => !isOpenStatus(o.status))))
    const done = yield* settled.pipe(
      Effect.flatMap((o) => Option.isSome(o) ? Effect.succeed(o.value) : Effect.fail("still open" as const)),
      Effect.retry({ times: 5, schedule: Schedule.exponential("200 millis") }),
      Effect.catchIf((e) => e === "still open", () =>
        Effect.fail(
          new ValidationError({
            operation: "Orders.amend",
            field: "orderId",
            detail: `order ${current.value.orderId} is still open after repeated cancels`
          })
        ))
    )
    return yield* final(done)
  })

/** `Orders.amend`: cancel, then place the replacement with `place` (same rules). */
export const amend = (
  client: BackpackClient["Type"],
  reconcile: Reconcile,
  drawClientId: Effect.Effect<number>,
  params: AmendParams,
  options: TrackOptions = {}
): Effect.Effect<Amended<Errors>, Errors | NotPlaced | NotAmended, BackpackStream | Scope.Scope> =>
  Effect.gen(function*() {
    const ref: OrderRef | undefined = params.orderId !== undefined
      ? { symbol: params.symbol, orderId: params.orderId }
      : params.clientId !== undefined
      ? { symbol: params.symbol, clientId: params.clientId }
      : undefined
    if (ref === undefined) {
      return yield* new ValidationError({
        operation: "Orders.amend",
        field: "orderId",
        detail: "give orderId or clientId"
      })
    }
    const cancelled = yield* cancelForAmend(client, ref)
    const remaining = cancelled.remaining
    const quantity = params.quantity ?? (remaining === undefined ? undefined : Decimal.format(remaining))
    if (quantity === undefined || (typeof quantity !== "string" && BigDecimal.isZero(quantity)) || quantity === "0") {
      return yield* new NotAmended({
        operation: "Orders.amend",
        orderId: cancelled.orderId,
        symbol: cancelled.symbol,
        status: "Filled"
      })
    }
    const price = params.price ?? (cancelled.price === undefined ? undefined : Decimal.format(cancelled.price))
    const replacement = yield* place(client, reconcile, drawClientId, {
      symbol: cancelled.symbol,
      side: cancelled.side as "Bid" | "Ask",
      orderType: price === undefined ? "Market" : "Limit",
      quantity,
      ...(price === undefined ? {} : { price }),
      ...(cancelled.postOnly ? { postOnly: true } : {}),
      timeInForce: cancelled.timeInForce as "GTC" | "IOC" | "FOK",
      ...(params.newClientId === undefined ? {} : { clientId: params.newClientId })
    }, options)
    return { cancelled, replacement }
  })

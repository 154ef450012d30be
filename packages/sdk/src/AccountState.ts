/**
 * A live, consistent view of the account: open orders (by order id and by client id), recent fills,
 * balances and futures positions, built like `OrderBook` from REST snapshots plus the private streams
 * (`account.orderUpdate`, `account.positionUpdate`), with every order's lifecycle reported exactly once.
 *
 * - Subscribe first (with the readiness barrier), snapshot second; updates already reflected in the
 *   snapshot are recognised (accepted flag, executed quantity, trade ids, terminal state) and dropped.
 * - Balances have no stream: lifecycle events move them locally as the exchange does (locks, fills,
 *   fees, releases); every `reconcileEvery` (default 30 s), after every reconnect and on request they
 *   are compared with `getBalances` at a moment when no order changed, and any difference is reported
 *   (`Drift`) and corrected. Positions are compared the same way.
 * - After a disconnect the view re-snapshots: orders that filled, were cancelled or expired meanwhile
 *   come out as the lifecycle events the stream would have given (from the order history and fills,
 *   flagged `derived`), each once and in order. A fill the stream skipped (an executed quantity that
 *   jumps) is filled in from the fill history on the spot.
 * - Status (`Live`, `Resyncing`, `Drift`) goes to a side channel.
 *
 * @example
 * ```ts
 * import { AccountState } from "@effect-backpack/sdk"
 * import { BigDecimal, Effect, Stream } from "effect"
 *
 * const program = AccountState.watch().pipe(
 *   Stream.tap((view) => Effect.forEach(view.events, (e) => Effect.log(e._tag, e.order.orderId))),
 *   Stream.runForEach((view) =>
 *     Effect.log(`${view.orders.size} open, USDC ${view.balances.get("USDC")?.available ?? "0"}`)
 *   )
 * )
 * ```
 *
 * @since 0.3.0
 */
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as PubSub from "effect/PubSub"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import { BackpackStream, type StreamError } from "./BackpackStream.js"
import * as Engine from "./internal/account/state.js"
import { AccountResyncing } from "./models/accountState.js"
import type { AccountStatus, AccountView, DriftItem, OrderEvent, WatchOptions } from "./models/accountState.js"

export * from "./models/accountState.js"

/**
 * Options of {@link Service.watch} / {@link Service.start}.
 *
 * @since 0.3.0
 * @category models
 */
export type Options = WatchOptions

/**
 * A running account view (from {@link Service.start}): read the current view at any time, follow its
 * changes, its lifecycle events and its status, or ask for a reconciliation.
 *
 * @since 0.3.0
 * @category models
 */
export interface Watcher {
  /** The current view. */
  readonly view: Effect.Effect<AccountView>
  /** The current view, then every later one. */
  readonly changes: Stream.Stream<AccountView>
  /** Lifecycle events from when the stream runs. */
  readonly events: Stream.Stream<OrderEvent>
  /** Lifecycle events from now on: subscribed when this Effect runs, for as long as the scope. */
  readonly subscribeEvents: Effect.Effect<Stream.Stream<OrderEvent>, never, Scope.Scope>
  /** The latest status (`Live`, `Resyncing`, or `Drift` until the `Live` that follows it). */
  readonly currentStatus: Effect.Effect<AccountStatus>
  /** The status side channel (`Live`, `Resyncing`, `Drift`) from when the stream runs. */
  readonly status: Stream.Stream<AccountStatus>
  /** Status events from now on: subscribed when this Effect runs, for as long as the scope. */
  readonly subscribeStatus: Effect.Effect<Stream.Stream<AccountStatus>, never, Scope.Scope>
  /**
   * Reconciles with REST now (orders, balances, positions) and answers the drift it corrected. Fails
   * when the reconciliation's REST calls fail.
   */
  readonly reconcile: Effect.Effect<ReadonlyArray<DriftItem>, BackpackError | StreamError>
  /** Completes with the failure that stopped the view (a stream or REST failure). */
  readonly await: Effect.Effect<void, BackpackError | StreamError>
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /**
   * A `Stream` of consistent account views: the first once the snapshot is in, then one per change
   * (each carrying the lifecycle events that made it). Status events are logged; use {@link start}
   * for the status side channel and the current view.
   */
  readonly watch: (options?: Options) => Stream.Stream<AccountView, BackpackError | StreamError>
  /**
   * Starts a view in the current scope and completes once the first snapshot is in.
   */
  readonly start: (options?: Options) => Effect.Effect<Watcher, BackpackError | StreamError, Scope.Scope>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class AccountState extends Context.Tag("@effect-backpack/sdk/AccountState")<AccountState, Service>() {}

/**
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient | BackpackStream> = Effect.gen(function*() {
  const client = yield* BackpackClient
  const ws = yield* BackpackStream

  const logStatus = (status: AccountStatus) =>
    status._tag === "Drift"
      ? Effect.logWarning(`AccountState: drift corrected`, status.differences.map((d) => `${d.kind} ${d.key}`))
      : Effect.logDebug(`AccountState: ${status._tag}`)

  const watch: Service["watch"] = (options = {}) =>
    Stream.unwrapScoped(
      Effect.map(Queue.unbounded<Engine.Request>(), (requests) =>
        Engine.views(client, ws, options, { status: logStatus }, requests))
    )

  const start: Service["start"] = (options = {}) =>
    Effect.gen(function*() {
      const requests = yield* Effect.acquireRelease(Queue.unbounded<Engine.Request>(), Queue.shutdown)
      const events = yield* Effect.acquireRelease(PubSub.unbounded<OrderEvent>(), PubSub.shutdown)
      const statuses = yield* Effect.acquireRelease(PubSub.unbounded<AccountStatus>(), PubSub.shutdown)
      const first = yield* Deferred.make<SubscriptionRef.SubscriptionRef<AccountView>, BackpackError | StreamError>()
      const stopped = yield* Deferred.make<void, BackpackError | StreamError>()
      const latest = yield* Ref.make<AccountStatus>(new AccountResyncing({ reason: "start" }))
      const sinks: Engine.Sinks = {
        status: (status) =>
          Effect.zipRight(Effect.zipRight(Ref.set(latest, status), PubSub.publish(statuses, status)), logStatus(status))
      }
      const run = Effect.gen(function*() {
        let ref: SubscriptionRef.SubscriptionRef<AccountView> | undefined
        yield* Engine.views(client, ws, options, sinks, requests).pipe(
          Stream.runForEach((view) =>
            Effect.gen(function*() {
              if (view.events.length > 0) yield* PubSub.publishAll(events, view.events)
              if (ref === undefined) {
                ref = yield* SubscriptionRef.make(view)
                yield* Deferred.succeed(first, ref)
              } else yield* SubscriptionRef.set(ref, view)
            })
          )
        )
      }).pipe(
        Effect.onExit((exit) =>
          Effect.gen(function*() {
            yield* Deferred.done(stopped, Exit.asVoid(exit))
            // a no-op once the first view is in
            if (Exit.isFailure(exit)) yield* Deferred.failCause(first, exit.cause)
            else yield* Deferred.die(first, new Error("AccountState: the view ended before its first snapshot"))
          })
        )
      )
      yield* Effect.forkScoped(run)
      const ref = yield* Deferred.await(first)
      return {
        view: SubscriptionRef.get(ref),
        changes: ref.changes,
        events: Stream.fromPubSub(events),
        subscribeEvents: Effect.map(PubSub.subscribe(events), Stream.fromQueue),
        currentStatus: Ref.get(latest),
        status: Stream.fromPubSub(statuses),
        subscribeStatus: Effect.map(PubSub.subscribe(statuses), Stream.fromQueue),
        // once the view has stopped nobody answers a request: fail with what stopped it instead of waiting
        reconcile: Effect.flatMap(Deferred.make<ReadonlyArray<DriftItem>, BackpackError | StreamError>(), (done) =>
          Effect.zipRight(
            Queue.offer(requests, done),
            Effect.raceFirst(
              Deferred.await(done),
              Effect.zipRight(Deferred.await(stopped), Effect.dieMessage("AccountState: the view has ended"))
            )
          )),
        await: Deferred.await(stopped)
      } satisfies Watcher
    })

  return { watch, start }
})

/**
 * The account view service, on the REST client and the stream service.
 *
 * @since 0.3.0
 * @category layers
 */
export const layer: Layer.Layer<AccountState, never, BackpackClient | BackpackStream> = Layer.effect(
  AccountState,
  make
)

/**
 * `AccountState.watch(options)` with the service from the context.
 *
 * @since 0.3.0
 * @category accessors
 */
export const watch = (options?: Options): Stream.Stream<AccountView, BackpackError | StreamError, AccountState> =>
  Stream.unwrap(Effect.map(AccountState, (service) => service.watch(options)))

/**
 * `AccountState.start(options)` with the service from the context.
 *
 * @since 0.3.0
 * @category accessors
 */
export const start = (
  options?: Options
): Effect.Effect<Watcher, BackpackError | StreamError, AccountState | Scope.Scope> =>
  Effect.flatMap(AccountState, (service) => service.start(options))

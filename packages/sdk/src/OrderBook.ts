/**
 * A local order book that is never wrong: the REST snapshot plus the `depth` stream, synchronised by
 * update id (backpack-api.md §7.5) and resynchronised on any doubt.
 *
 * `watch(symbol)` subscribes to `depth.<symbol>`, buffers the deltas, fetches the snapshot
 * (`Markets.getDepth`, 1000 levels), drops deltas with `u <= lastUpdateId`, requires the first one
 * applied to straddle `lastUpdateId + 1` and every later one to continue exactly (`U == previous u +
 * 1`). It starts over — new snapshot, deltas buffered meanwhile — on a gap, after a reconnect, when
 * the depth consumer overflowed or a depth frame failed to decode, and when an update would leave the
 * book crossed (best bid ≥ best ask). While resyncing nothing is emitted, so every book handed out is
 * consistent.
 *
 * Levels live in persistent AVL trees keyed by exact decimal price (compared as doubles, ties settled
 * exactly): an update costs one O(log n) path copy, and each emitted {@link Book} is an immutable
 * version that later updates never touch.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as MutableRef from "effect/MutableRef"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { type BackpackError, ValidationError } from "./BackpackError.js"
import {
  BackpackStream,
  depth as depthStream,
  type DepthSpeed,
  isResubscribed,
  type Resubscribed,
  type StreamError
} from "./BackpackStream.js"
import * as Dec from "./internal/decimal.js"
import * as B from "./internal/orderbook/book.js"
import * as Output from "./internal/orderbook/output.js"
import * as Sync from "./internal/orderbook/sync.js"
import * as Connection from "./internal/stream/connection.js"
import { Markets } from "./Markets.js"
import * as Metrics from "./Metrics.js"
import type { Depth } from "./models/markets.js"
import type { DepthEvent } from "./models/streams.js"

/**
 * A price level `[price, quantity]`.
 *
 * @since 0.1.0
 * @category models
 */
export type Level = readonly [price: BigDecimal.BigDecimal, quantity: BigDecimal.BigDecimal]

/**
 * Quantity and notional resting within a price band.
 *
 * @since 0.1.0
 * @category models
 */
export interface BandDepth {
  /** Sum of the level quantities (base asset). */
  readonly quantity: BigDecimal.BigDecimal
  /** Sum of price × quantity (quote asset). */
  readonly notional: BigDecimal.BigDecimal
  /** Number of levels counted. */
  readonly levels: number
}

const half = BigDecimal.make(5n, 1)
const one = BigDecimal.make(1n, 0)

/** A decimal argument of a `Book` method: a `BigDecimal` as is, a string parsed exactly or refused. */
const decimalArgument = (
  method: string,
  field: string,
  value: BigDecimal.BigDecimal | string
): Either.Either<BigDecimal.BigDecimal, ValidationError> =>
  typeof value !== "string"
    ? Either.right(value)
    : Option.match(Dec.parse(value), {
      onNone: () =>
        Either.left(
          new ValidationError({
            operation: `OrderBook.Book.${method}`,
            field,
            detail: `Expected a decimal string, got ${JSON.stringify(value)}`
          })
        ),
      onSome: Either.right
    })

/** The one way to construct a {@link Book} outside its class body (set by the class's static block). */
let makeBook: (
  symbol: string,
  lastUpdateId: bigint,
  timestamp: number,
  resyncs: number,
  bidTree: B.Side,
  askTree: B.Side
) => Book

/**
 * `book.apply(event)` under an edit (set by the class's static block): nodes that edit created are
 * updated in place, so `book` itself may change; only for versions nobody else holds (see `watch`).
 */
let applyUnder: (book: Book, event: DepthEvent, edit: B.Edit) => Book

/**
 * An immutable, consistent version of a local order book.
 *
 * @since 0.1.0
 * @category models
 */
export class Book {
  static {
    makeBook = (symbol, lastUpdateId, timestamp, resyncs, bidTree, askTree) =>
      new Book(symbol, lastUpdateId, timestamp, resyncs, bidTree, askTree)
    applyUnder = (book, event, edit) =>
      new Book(
        book.symbol,
        event.lastUpdateId,
        event.engineTime,
        book.resyncs,
        B.applyLevels(book.bidTree, event.bids, edit),
        B.applyLevels(book.askTree, event.asks, edit)
      )
  }

  // declared, then set by the constructor (no class-field initialisers: one book is made per delta)
  /** The market symbol. */
  declare readonly symbol: string
  /** Id of the last engine update reflected (snapshot `lastUpdateId` or the last delta's `u`). */
  declare readonly lastUpdateId: bigint
  /** Engine time of the last update, µs. */
  declare readonly timestamp: number
  /** How many times the book was resynchronised before this version. */
  declare readonly resyncs: number
  declare private readonly bidTree: B.Side
  declare private readonly askTree: B.Side

  /** Books are made by {@link fromSnapshot} and {@link Book.apply} (the level stores are internal). */
  private constructor(
    symbol: string,
    lastUpdateId: bigint,
    timestamp: number,
    resyncs: number,
    bidTree: B.Side,
    askTree: B.Side
  ) {
    const self = this as unknown as {
      symbol: string
      lastUpdateId: bigint
      timestamp: number
      resyncs: number
      bidTree: B.Side
      askTree: B.Side
    }
    self.symbol = symbol
    self.lastUpdateId = lastUpdateId
    self.timestamp = timestamp
    self.resyncs = resyncs
    self.bidTree = bidTree
    self.askTree = askTree
  }

  /** The highest bid. */
  get bestBid(): Option.Option<Level> {
    return B.best(this.bidTree)
  }

  /** The lowest ask. */
  get bestAsk(): Option.Option<Level> {
    return B.best(this.askTree)
  }

  /** Best ask minus best bid. */
  get spread(): Option.Option<BigDecimal.BigDecimal> {
    return Option.zipWith(
      this.bestAsk,
      this.bestBid,
      (ask, bid) => BigDecimal.normalize(BigDecimal.subtract(ask[0], bid[0]))
    )
  }

  /** The exact midpoint of best bid and best ask. */
  get mid(): Option.Option<BigDecimal.BigDecimal> {
    return Option.zipWith(
      this.bestAsk,
      this.bestBid,
      (ask, bid) => BigDecimal.normalize(BigDecimal.multiply(BigDecimal.sum(ask[0], bid[0]), half))
    )
  }

  /** Number of bid levels. */
  get bidLevels(): number {
    return B.size(this.bidTree)
  }

  /** Number of ask levels. */
  get askLevels(): number {
    return B.size(this.askTree)
  }

  /** The best `n` bids, highest first (all when `n` is omitted). */
  bids(n: number = Number.POSITIVE_INFINITY): ReadonlyArray<Level> {
    return B.top(this.bidTree, n)
  }

  /** The best `n` asks, lowest first (all when `n` is omitted). */
  asks(n: number = Number.POSITIVE_INFINITY): ReadonlyArray<Level> {
    return B.top(this.askTree, n)
  }

  /**
   * The quantity resting at an exact price on one side (zero when there is no level). A price given as
   * a string is parsed exactly; a malformed one gives `Left(ValidationError)` instead of throwing.
   */
  quantityAt(side: "Bid" | "Ask", price: BigDecimal.BigDecimal): BigDecimal.BigDecimal
  quantityAt(side: "Bid" | "Ask", price: string): Either.Either<BigDecimal.BigDecimal, ValidationError>
  quantityAt(
    side: "Bid" | "Ask",
    price: BigDecimal.BigDecimal | string
  ): BigDecimal.BigDecimal | Either.Either<BigDecimal.BigDecimal, ValidationError> {
    const at = (key: BigDecimal.BigDecimal) => {
      const level = B.find(side === "Bid" ? this.bidTree : this.askTree, key)
      return Option.isSome(level) ? level.value[1] : BigDecimal.make(0n, 0)
    }
    return typeof price === "string" ? Either.map(decimalArgument("quantityAt", "price", price), at) : at(price)
  }

  /**
   * Bids priced at or above `price`, and asks priced at or below `price`, summed. A malformed price
   * string gives `Left(ValidationError)` instead of throwing.
   */
  depthTo(side: "Bid" | "Ask", price: BigDecimal.BigDecimal): BandDepth
  depthTo(side: "Bid" | "Ask", price: string): Either.Either<BandDepth, ValidationError>
  depthTo(
    side: "Bid" | "Ask",
    price: BigDecimal.BigDecimal | string
  ): BandDepth | Either.Either<BandDepth, ValidationError> {
    const to = (key: BigDecimal.BigDecimal) => B.depthUpTo(side === "Bid" ? this.bidTree : this.askTree, key)
    return typeof price === "string" ? Either.map(decimalArgument("depthTo", "price", price), to) : to(price)
  }

  /**
   * Depth within a band around the mid price: `fraction` `"0.01"` counts bids priced at least
   * mid × 0.99 and asks priced at most mid × 1.01. `None` when a side is empty. A malformed fraction
   * string gives `Left(ValidationError)` instead of throwing.
   */
  depthWithin(fraction: BigDecimal.BigDecimal): Option.Option<{ readonly bids: BandDepth; readonly asks: BandDepth }>
  depthWithin(
    fraction: string
  ): Either.Either<Option.Option<{ readonly bids: BandDepth; readonly asks: BandDepth }>, ValidationError>
  depthWithin(
    fraction: BigDecimal.BigDecimal | string
  ):
    | Option.Option<{ readonly bids: BandDepth; readonly asks: BandDepth }>
    | Either.Either<Option.Option<{ readonly bids: BandDepth; readonly asks: BandDepth }>, ValidationError>
  {
    const within = (f: BigDecimal.BigDecimal) =>
      Option.map(this.mid, (mid) => ({
        bids: B.depthUpTo(this.bidTree, BigDecimal.multiply(mid, BigDecimal.subtract(one, f))),
        asks: B.depthUpTo(this.askTree, BigDecimal.multiply(mid, BigDecimal.sum(one, f)))
      }))
    return typeof fraction === "string"
      ? Either.map(decimalArgument("depthWithin", "fraction", fraction), within)
      : within(fraction)
  }

  /** Whether best bid ≥ best ask (never true for a book emitted by `watch`). */
  get isCrossed(): boolean {
    return B.isCrossed(this.bidTree, this.askTree)
  }

  /** A plain rendering (`[price, quantity]` fixed-point strings, best first), handy in tests and logs. */
  toJSON(): {
    readonly symbol: string
    readonly lastUpdateId: string
    readonly bids: ReadonlyArray<readonly [string, string]>
    readonly asks: ReadonlyArray<readonly [string, string]>
  } {
    const render = (levels: ReadonlyArray<Level>) =>
      levels.map(([p, q]) => [Dec.format(BigDecimal.normalize(p)), Dec.format(BigDecimal.normalize(q))] as const)
    return {
      symbol: this.symbol,
      lastUpdateId: String(this.lastUpdateId),
      bids: render(this.bids()),
      asks: render(this.asks())
    }
  }

  /** A new version with a depth event applied (no sequence checks: see `watch`). */
  apply(event: DepthEvent): Book {
    return new Book(
      this.symbol,
      event.lastUpdateId,
      event.engineTime,
      this.resyncs,
      B.applyLevels(this.bidTree, event.bids),
      B.applyLevels(this.askTree, event.asks)
    )
  }
}

/**
 * Builds a book from a REST snapshot.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromSnapshot = (symbol: string, depth: Depth, resyncs = 0): Book =>
  makeBook(
    symbol,
    depth.lastUpdateId,
    depth.timestamp,
    resyncs,
    B.applyLevels(B.emptyBids, depth.bids),
    B.applyLevels(B.emptyAsks, depth.asks)
  )

/**
 * What `watch` can fail with: the REST snapshot failed (after the client's own retries), or the
 * stream was rejected (invalid symbol). Gaps, reconnects, overflows and undecodable depth frames are
 * not failures: the book resyncs.
 *
 * @since 0.1.0
 * @category errors
 */
export type OrderBookError = BackpackError | StreamError

/**
 * @since 0.1.0
 * @category models
 */
export interface WatchOptions {
  /** Aggregated depth stream to use (`depth.<speed>.<symbol>`); realtime when omitted. */
  readonly speed?: DepthSpeed | undefined
  /**
   * Deltas to buffer before requesting the snapshot (the snapshot lags the stream). Default 1. A market with no
   * delta within `refetchDelay` of (re)subscribing gets its snapshot then: a quiet market shows its book.
   */
  readonly bufferBeforeSnapshot?: number | undefined
  /**
   * Wait before re-requesting a snapshot that was older than the buffered deltas, before re-subscribing
   * after an overflow or an undecodable frame (growing with consecutive failures), and before taking the
   * snapshot of a market that sent no delta since (re)subscribing. Default 100 ms.
   */
  readonly refetchDelay?: Duration.DurationInput | undefined
  /**
   * Books kept for a slow consumer; older versions are dropped (each book is complete, so skipping
   * versions loses nothing). Default 1: a consumer that pulls gets the latest book, never a backlog
   * of stale ones (every delta still reaches the book).
   */
  readonly bufferSize?: number | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * Consistent books of `symbol`, resynchronised on any gap. Every depth event is applied; a
   * consumer slower than the stream receives the latest version when it pulls (intermediate
   * versions are skipped, see {@link WatchOptions.bufferSize}).
   */
  readonly watch: (symbol: string, options?: WatchOptions) => Stream.Stream<Book, OrderBookError>
}

/**
 * The `OrderBook` service; provide it with `BackpackNode.layerConfig` (or any layer built by `Backpack`).
 *
 * @example
 * ```ts
 * import { OrderBook } from "@effect-backpack/sdk"
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { NodeRuntime } from "@effect/platform-node"
 * import { BigDecimal, Effect, Option, Stream } from "effect"
 *
 * const level = (side: Option.Option<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>) =>
 *   Option.match(side, {
 *     onNone: () => "-",
 *     onSome: ([price, size]) => `${BigDecimal.format(size)} @ ${BigDecimal.format(price)}`
 *   })
 *
 * const program = Effect.gen(function*() {
 *   const books = yield* OrderBook.OrderBook
 *   // every book emitted is consistent: a gap, reconnect or crossed book triggers a resync first
 *   yield* books.watch("SOL_USDC").pipe(
 *     Stream.take(50),
 *     Stream.runForEach((book) =>
 *       Effect.log(`${level(book.bestBid)} | ${level(book.bestAsk)} (update ${book.lastUpdateId}, resyncs ${book.resyncs})`)
 *     )
 *   )
 * })
 *
 * program.pipe(Effect.provide(BackpackNode.layerConfig), NodeRuntime.runMain)
 * ```
 *
 * @since 0.1.0
 * @category tags
 */
export class OrderBook extends Context.Tag("@effect-backpack/sdk/OrderBook")<OrderBook, Service>() {}

/** Deltas kept while waiting for a snapshot; past this the wait starts over (resync). */
const maxBufferedDeltas = 20_000

/** Where a watch reads its depth items from. */
type DepthSource =
  /** A `Stream` of items, read chunk by chunk by one fiber per market. */
  | {
    readonly _tag: "Stream"
    readonly depth: (symbol: string, speed?: DepthSpeed) => ReturnType<BackpackStream["Type"]["depth"]>
  }
  /** The shared connection's reader, which hands each item to the market's synchronous target. */
  | { readonly _tag: "Direct"; readonly connection: Connection.Connection }

const makeService = (
  source: DepthSource,
  snapshot: (symbol: string) => Effect.Effect<Depth, BackpackError>
): Service => ({
  watch: (symbol, options = {}) =>
    Stream.unwrapScoped(Effect.gen(function*() {
      // never zero: a snapshot that keeps lagging must not spin without yielding to timers
      const refetchDelay = Duration.max(
        Duration.decode(options.refetchDelay ?? Duration.millis(100)),
        Duration.millis(1)
      )
      /**
       * The edit owning the nodes of the versions nobody holds yet: updates under it work in place. A new
       * one once a version is handed out (taken by the consumer, or offered to a buffer of several).
       */
      let edit = B.makeEdit()
      const freeze = () => {
        edit = B.makeEdit()
      }
      const capacity = Math.max(1, options.bufferSize ?? 1)
      // the newest version only (or the newest `bufferSize`): a consumer never waits behind stale books
      const books = yield* (capacity === 1
        ? Output.latest<Book, OrderBookError>(freeze)
        : Output.buffered<Book, OrderBookError>(capacity, freeze))
      // forks into this stream's scope: snapshot fetches, timers and logs die with the stream
      const runFork = yield* FiberSet.makeRuntime<never>()
      /** Starts a side task; a defect (a bug, a thrown exception) in it ends the stream instead of hanging it. */
      const background = (task: Effect.Effect<void>): void => {
        runFork(Effect.catchAllCause(task, (cause) =>
          Cause.isInterruptedOnly(cause) ? Effect.void : Effect.sync(() =>
            books.failCause(cause)
          )))
      }
      const sync: Sync.Synchroniser = Sync.make<Book>(
        { threshold: Math.max(1, options.bufferBeforeSnapshot ?? 1), maxBuffered: maxBufferedDeltas },
        {
          fromSnapshot: (depth, resyncs) =>
            fromSnapshot(symbol, depth, resyncs),
          advance: (book, event) => applyUnder(book, event, edit),
          emit: books.emit,
          retract: books.retract,
          fetch: (fetch, delayed) =>
            background(
              (delayed ? Effect.zipRight(Effect.sleep(refetchDelay), snapshot(symbol)) : snapshot(symbol)).pipe(
                Effect.matchEffect({
                  onFailure: (error) => Effect.sync(() => books.failCause(Cause.fail(error))),
                  onSuccess: (depth) => Effect.sync(() => sync.snapshot(fetch, depth))
                })
              )
            ),
          resynced: (reason, resyncs) =>
            background(
              Effect.logWarning(`OrderBook ${symbol}: resync (${reason})`).pipe(
                Effect.annotateLogs({ symbol, reason, resyncs }),
                Effect.zipRight(Metric.increment(Metrics.resyncs))
              )
            ),
          whenQuiet: (n) => background(Effect.zipRight(Effect.sleep(refetchDelay), Effect.sync(() => sync.quiet(n))))
        }
      )
      const apply = (item: DepthEvent | Resubscribed) => {
        if (isResubscribed(item)) sync.reset(`reconnected (${item.reconnects})`)
        else sync.delta(item)
      }

      /** Starts the synchroniser's quiet-market timer, the first time only (a resync re-arms it itself). */
      const started = MutableRef.make(false)
      const startOnce = () => {
        if (MutableRef.get(started)) return
        MutableRef.set(started, true)
        sync.start()
      }

      /** Whether the current subscription delivered anything (a re-subscription after one that did pauses less). */
      const delivered = MutableRef.make(false)
      /** Reads one subscription until it ends (`void`) or fails. */
      const subscription: Effect.Effect<void, StreamError> = source._tag === "Stream"
        // a whole chunk (what the consumer's mailbox holds) at a time, applied synchronously; only the
        // newest book of the chunk is emitted
        ? Effect.suspend(() =>
          Stream.runForEachChunk(source.depth(symbol, options.speed), (chunk) => {
            for (const item of chunk) apply(item)
            sync.flush()
            MutableRef.set(delivered, true)
            return Effect.void
          })
        )
        // the connection's reader applies each item on the spot; this fiber only waits for the end
        : Effect.flatMap(Deferred.make<void, StreamError>(), (ended) => {
          /** Set once this subscription is over: later items (until it is detached) are ignored. */
          const over = MutableRef.make(false)
          const finish = (exit: Exit.Exit<void, StreamError>) => {
            MutableRef.set(over, true)
            Deferred.unsafeDone(ended, exit)
          }
          const target: Connection.Target = {
            unsafeOffer: (item) => {
              if (MutableRef.get(over)) return true
              try {
                apply(item as DepthEvent | Resubscribed)
                sync.flush()
                MutableRef.set(delivered, true)
              } catch (defect) {
                finish(Exit.die(defect))
              }
              return true
            },
            unsafeDone: (exit) => {
              finish(exit)
              return true
            }
          }
          return Effect.scoped(
            Effect.zipRight(
              // the quiet-market timer starts once the exchange confirmed the first subscription: a
              // snapshot taken before it could predate deltas this subscription never gets (a needless resync)
              source.connection.deliver(depthStream(symbol, options.speed).name, true, target, startOnce),
              Deferred.await(ended)
            )
          )
        })

      /** Consecutive re-subscriptions that delivered nothing (the pause before the next one grows with it). */
      const restarts = yield* Ref.make(0)
      const readOnce = Effect.gen(function*() {
        const pause = yield* Ref.get(restarts)
        if (pause > 0) {
          yield* Effect.sleep(Duration.times(refetchDelay, Math.min(pause, 50)))
        }
        MutableRef.set(delivered, false)
        yield* subscription
      })
      const recoverable = (error: StreamError) => error._tag === "BufferOverflow" || error._tag === "DecodeError"
      const read = readOnce.pipe(
        Effect.tapError((error) =>
          recoverable(error)
            ? Effect.gen(function*() {
              // re-subscribe (after a pause growing with repeated failures) and resync
              yield* Ref.update(restarts, (n) => MutableRef.get(delivered) ? 1 : n + 1)
              sync.reset(error.message)
            })
            : Effect.void
        ),
        Effect.retry({ while: recoverable }),
        // the depth stream ended: so does this one, after the books it holds
        Effect.matchEffect({
          onSuccess: () => Effect.sync(books.end),
          onFailure: (error) => Effect.sync(() => books.failCause(Cause.fail(error)))
        })
      )

      if (source._tag === "Stream") sync.start()
      background(read)
      return books.stream
    }))
})

/**
 * Builds the service from a depth source and a snapshot fetcher (`layer` wires `BackpackStream` and
 * `Markets.getDepth`).
 *
 * One fiber per watched market reads the depth stream and applies each chunk of deltas to the book
 * synchronously (`internal/orderbook/sync.ts`); snapshot fetches and timers are forked into the
 * stream's scope and hand their answers straight to the same state. The consumer pulls the newest book
 * (or the newest `bufferSize`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = (deps: {
  readonly depth: (symbol: string, speed?: DepthSpeed) => ReturnType<BackpackStream["Type"]["depth"]>
  readonly snapshot: (symbol: string) => Effect.Effect<Depth, BackpackError>
}): Service => makeService({ _tag: "Stream", depth: deps.depth }, deps.snapshot)

/**
 * Builds the service from `BackpackStream` and `Markets`. On the SDK's own stream service, the
 * connection's socket reader applies each depth frame to its market's book directly (no fiber or
 * buffer per market in between), which keeps the cost per delta flat in the number of markets.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackStream | Markets> = Effect.gen(function*() {
  const stream = yield* BackpackStream
  const markets = yield* Markets
  const connection = Connection.of(stream)
  return makeService(
    connection === undefined ? { _tag: "Stream", depth: stream.depth } : { _tag: "Direct", connection },
    (symbol) => markets.getDepth({ symbol, limit: "1000" })
  )
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<OrderBook, never, BackpackStream | Markets> = Layer.effect(OrderBook, make)

/**
 * The synchronisation of a local book with the exchange (backpack-api.md §7.5), as a synchronous state
 * machine: the REST snapshot plus the buffered deltas, sequence checks, and a resync on any doubt.
 *
 * Every transition is plain synchronous code, so the fiber reading the depth stream applies a whole
 * chunk of deltas in one go, and the fiber that fetched a snapshot hands it over directly: no queue and
 * no worker fiber between them. What needs the Effect runtime (fetching a snapshot, a timer, a log
 * line) is requested through the `Hooks`, which fork it; their answers come back as transitions.
 *
 * @since 0.3.0
 */
import type { Depth } from "../../models/markets.js"
import type { DepthEvent } from "../../models/streams.js"

/** What the machine needs of a book version: its update id and whether it is crossed. */
export interface Version {
  readonly lastUpdateId: bigint
  readonly isCrossed: boolean
}

/** The effects a transition may ask for; each is started at once and answers later (never re-entrantly). */
export interface Hooks<B> {
  /** The book at the snapshot, tagged with the number of resyncs so far. */
  readonly fromSnapshot: (depth: Depth, resyncs: number) => B
  /**
   * The next version. The machine never reads a version again after advancing it, unless it was
   * emitted first, so versions made since the last emission may share nodes updated in place.
   */
  readonly advance: (book: B, event: DepthEvent) => B
  /** A new consistent version to hand to the consumer (later ones supersede it). */
  readonly emit: (book: B) => void
  /**
   * Withdraw the version emitted last if the consumer has not taken it yet: an update that crossed the
   * book was advanced from it or from its successors (in place, sharing its nodes) and no consistent
   * successor follows.
   */
  readonly retract: () => void
  /** Fetch a snapshot (after the refetch delay when `delayed`) and pass it to `snapshot(fetch, depth)`. */
  readonly fetch: (fetch: number, delayed: boolean) => void
  /** A resync started (for logs and metrics). */
  readonly resynced: (reason: string, resyncs: number) => void
  /** After the refetch delay, call `quiet(sync)`: a market that sent nothing since then gets its snapshot. */
  readonly whenQuiet: (sync: number) => void
}

export interface Options {
  /** Deltas to buffer before requesting the snapshot (at least 1). */
  readonly threshold: number
  /** Deltas kept while waiting for a snapshot; past this the wait starts over. */
  readonly maxBuffered: number
}

export interface Synchroniser {
  /** Starts the quiet-market timer of the first sync. */
  readonly start: () => void
  /** One depth event (not emitted yet: see `flush`). */
  readonly delta: (event: DepthEvent) => void
  /** The subscription was interrupted (reconnect, overflow, undecodable frame): events may be lost. */
  readonly reset: (reason: string) => void
  /** The answer of fetch number `fetch` (ignored if a resync made it obsolete). */
  readonly snapshot: (fetch: number, depth: Depth) => void
  /** The quiet-market timer of sync number `sync` fired. */
  readonly quiet: (sync: number) => void
  /** Emits the live book if it changed since the last emission (called after each chunk of deltas). */
  readonly flush: () => void
}

/**
 * A synchroniser for one market. `delta` on a live book continuing it exactly is the hot path: one
 * `advance` and a crossed check.
 */
export const make = <B extends Version>(options: Options, hooks: Hooks<B>): Synchroniser => {
  const { maxBuffered, threshold } = options
  let resyncs = 0
  let live: B | undefined
  let emitted: B | undefined
  /**
   * `live` is the bare snapshot (every buffered delta was older): its first delta may straddle it
   * (`U <= lastUpdateId + 1 <= u`, §7.5) instead of starting exactly at `lastUpdateId + 1`.
   */
  let straddle = false
  let buffer: Array<DepthEvent> = []
  let snapshot: Depth | undefined
  let fetching = false
  /** Number of the latest fetch; a resync bumps it, which makes a snapshot in flight obsolete. */
  let fetches = 0

  const flush = (): void => {
    if (live !== undefined && live !== emitted) {
      emitted = live
      hooks.emit(live)
    }
  }

  const request = (delayed: boolean): void => {
    fetching = true
    hooks.fetch(++fetches, delayed)
  }

  /**
   * Starts over. `live`, when there is one, is still the consistent version before the doubt and reaches
   * the consumer first; a crossed update passes `false` (its `advance` may have updated `live` in place).
   */
  const resync = (reason: string, emitLive = true): void => {
    if (emitLive) flush()
    resyncs++
    live = undefined
    straddle = false
    buffer = []
    snapshot = undefined
    fetching = false
    fetches++
    hooks.resynced(reason, resyncs)
    hooks.whenQuiet(resyncs)
  }

  const trySync = (): void => {
    if (snapshot === undefined) {
      if (!fetching && buffer.length >= threshold) request(false)
      return
    }
    const S = snapshot.lastUpdateId
    buffer = buffer.filter((d) => d.lastUpdateId > S)
    if (buffer.length === 0) {
      // the snapshot covers every buffered delta: it is itself the consistent book at S, so a quiet
      // market still shows its book at once; the next delta is checked against it
      const book = hooks.fromSnapshot(snapshot, resyncs)
      snapshot = undefined
      if (book.isCrossed) return resync("crossed snapshot")
      live = book
      straddle = true
      return flush()
    }
    if (buffer[0]!.firstUpdateId > S + 1n) {
      // the snapshot is older than the first buffered delta: ask again
      snapshot = undefined
      return request(true)
    }
    let book = hooks.fromSnapshot(snapshot, resyncs)
    for (let i = 0; i < buffer.length; i++) {
      const event = buffer[i]!
      if (i > 0 && event.firstUpdateId !== book.lastUpdateId + 1n) {
        return resync(`gap inside the buffered deltas at ${event.firstUpdateId}`)
      }
      book = hooks.advance(book, event)
    }
    buffer = []
    snapshot = undefined
    if (book.isCrossed) return resync("crossed after applying the buffered deltas")
    live = book
    flush()
  }

  const delta = (event: DepthEvent): void => {
    if (live === undefined) {
      if (buffer.length >= maxBuffered) resync(`${buffer.length} deltas buffered without a usable snapshot`)
      buffer.push(event)
      return trySync()
    }
    const last = live.lastUpdateId
    if (event.lastUpdateId <= last) return // stale
    const continuous = straddle ? event.firstUpdateId <= last + 1n : event.firstUpdateId === last + 1n
    straddle = false
    if (!continuous) {
      resync(`gap: expected U=${last + 1n}, got U=${event.firstUpdateId}`)
      buffer.push(event)
      return trySync()
    }
    const next = hooks.advance(live, event)
    if (next.isCrossed) {
      // the version handed out last, if not taken yet, may share the nodes this update changed in place
      hooks.retract()
      return resync(`crossed at u=${event.lastUpdateId}`, false)
    }
    live = next
  }

  return {
    start: () => hooks.whenQuiet(resyncs),
    delta,
    reset: resync,
    snapshot: (fetch, depth) => {
      if (fetch !== fetches) return
      fetching = false
      snapshot = depth
      trySync()
    },
    quiet: (sync) => {
      if (sync === resyncs && live === undefined && buffer.length === 0 && !fetching) request(false)
    },
    flush
  }
}

/**
 * Book recordings: the complete book of one market after every depth event (keyed by the event's last update
 * id `u`, which is also the REST `lastUpdateId` at that moment), for tests that check a client's local book
 * against the exchange's at the same sequence id.
 *
 * @internal
 */
import * as D from "./decimal.js"
import * as Book from "./engine/book.js"
import type { Engine } from "./engine/engine.js"
import type { Level, Market } from "./engine/model.js"

/**
 * A market's complete book at one sequence id: levels best first, `[price, quantity]` decimal strings as REST
 * writes them.
 */
export interface RecordedBook {
  readonly symbol: string
  /** The depth event's `u` (or the id current when recording started). */
  readonly lastUpdateId: string
  readonly bids: ReadonlyArray<readonly [string, string]>
  readonly asks: ReadonlyArray<readonly [string, string]>
}

export interface Recorder {
  readonly at: (lastUpdateId: string) => RecordedBook | undefined
  /** Versions recorded so far (including the one current when recording started). */
  readonly recorded: () => number
  readonly stop: () => void
}

const render = (m: Market, levels: ReadonlyArray<Level>): ReadonlyArray<readonly [string, string]> =>
  levels.map((l) => [D.format(l.price, m.priceDp), D.format(Book.levelQuantity(l), m.qtyDp)] as const)

const snapshot = (m: Market): RecordedBook => ({
  symbol: m.symbol,
  lastUpdateId: String(m.seq),
  bids: render(m, m.bids),
  asks: render(m, m.asks)
})

/** Starts recording `m` (its current book first); the oldest versions beyond `limit` are forgotten. */
export const record = (engine: Engine, m: Market, limit: number): Recorder => {
  const versions = new Map<string, RecordedBook>()
  let total = 0
  const keep = (book: RecordedBook) => {
    versions.set(book.lastUpdateId, book)
    total++
    if (versions.size > limit) versions.delete(versions.keys().next().value!)
  }
  keep(snapshot(m))
  const stop = engine.bus.on("BookChanged", (event) => {
    if (event.market === m) keep(snapshot(m))
  })
  return { at: (id) => versions.get(id), recorded: () => total, stop }
}

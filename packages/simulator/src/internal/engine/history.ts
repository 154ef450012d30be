/**
 * Bounded, append-only history: a ring buffer that keeps the newest `capacity` entries, O(1) to append, O(1) to
 * index, and iterable newest first for paginated answers (no `splice`, no copying on append).
 *
 * @internal
 */
export class Ring<A> {
  private readonly items: Array<A | undefined>
  private start = 0
  private length = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError("capacity must be a positive integer")
    this.items = []
  }

  /** Entries kept. */
  get size(): number {
    return this.length
  }

  /** Appends an entry, dropping the oldest when full. */
  push(item: A): void {
    if (this.length < this.capacity) {
      this.items[(this.start + this.length) % this.capacity] = item
      this.length++
    } else {
      this.items[this.start] = item
      this.start = (this.start + 1) % this.capacity
    }
  }

  /** The `i`-th oldest entry (0 = oldest). */
  at(i: number): A | undefined {
    if (i < 0 || i >= this.length) return undefined
    return this.items[(this.start + i) % this.capacity]
  }

  /** The newest entry. */
  last(): A | undefined {
    return this.at(this.length - 1)
  }

  /** Entries oldest first. */
  *oldestFirst(): IterableIterator<A> {
    for (let i = 0; i < this.length; i++) yield this.items[(this.start + i) % this.capacity]!
  }

  /** Entries newest first. */
  *newestFirst(): IterableIterator<A> {
    for (let i = this.length - 1; i >= 0; i--) yield this.items[(this.start + i) % this.capacity]!
  }

  /** Index of the first entry (oldest first) for which `pred` holds, given entries ordered so it is monotone. */
  lowerBound(pred: (a: A) => boolean): number {
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (pred(this.at(mid)!)) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

/**
 * One page of a history: entries matching `keep`, in the requested direction, after skipping `offset` matches,
 * at most `limit`. Stops as soon as the page is full.
 */
export const page = <A>(
  ring: Ring<A>,
  options: {
    readonly newestFirst: boolean
    readonly offset: number
    readonly limit: number
    readonly keep?: ((a: A) => boolean) | undefined
  }
): Array<A> => {
  const out: Array<A> = []
  if (options.limit <= 0) return out
  let skip = options.offset
  for (const a of options.newestFirst ? ring.newestFirst() : ring.oldestFirst()) {
    if (options.keep !== undefined && !options.keep(a)) continue
    if (skip > 0) {
      skip--
      continue
    }
    out.push(a)
    if (out.length >= options.limit) break
  }
  return out
}

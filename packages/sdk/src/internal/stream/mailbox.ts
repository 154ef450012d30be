/**
 * A per-consumer buffer filled synchronously by the socket reader and drained by the consumer's
 * `Stream`. Bounded, with the overflow policy of the stream kind (see `catalogue.ts`).
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { OverflowPolicy } from "./catalogue.js"

export class Mailbox<A, E> {
  private buffer: Array<A> = []
  private waiter: Deferred.Deferred<void> | undefined = undefined
  private failure: Option.Option<E> = Option.none()
  private ended = false
  /** Events dropped by the sliding policy. */
  dropped = 0
  /** Whether this consumer has been served by an open connection (and so can miss events when it drops). */
  servedByConnection = false

  constructor(
    readonly capacity: number,
    readonly policy: OverflowPolicy,
    /** Whether this consumer wants discontinuity markers. */
    readonly markers: boolean,
    private readonly overflow: () => E
  ) {}

  private wake(): void {
    const waiter = this.waiter
    if (waiter !== undefined) {
      this.waiter = undefined
      Deferred.unsafeDone(waiter, Exit.void)
    }
  }

  get isClosed(): boolean {
    return this.ended || Option.isSome(this.failure)
  }

  /** Offers an item; on overflow applies the policy. */
  offer(item: A): void {
    if (this.isClosed) return
    if (this.buffer.length >= this.capacity) {
      if (this.policy === "sliding") {
        this.buffer.shift()
        this.dropped++
      } else {
        // deliver what was buffered before the loss (fills, order updates), then fail
        this.fail(this.overflow())
        return
      }
    }
    this.buffer.push(item)
    this.wake()
  }

  /** Fails the consumer after the items already buffered. */
  fail(error: E): void {
    if (this.isClosed) return
    this.failure = Option.some(error)
    this.wake()
  }

  /** Ends the consumer's stream after the items already buffered. */
  end(): void {
    if (this.isClosed) return
    this.ended = true
    this.wake()
  }

  private readonly takeAll: Effect.Effect<Chunk.Chunk<A>, Option.Option<E>> = Effect.suspend(() => {
    if (this.buffer.length > 0) {
      const items = this.buffer
      this.buffer = []
      return Effect.succeed(Chunk.unsafeFromArray(items))
    }
    if (Option.isSome(this.failure)) return Effect.fail(this.failure)
    if (this.ended) return Effect.fail(Option.none())
    const waiter = Deferred.unsafeMake<void>(FiberId.none)
    this.waiter = waiter
    return Effect.zipRight(Deferred.await(waiter), this.takeAll)
  })

  readonly stream: Stream.Stream<A, E> = Stream.repeatEffectChunkOption(this.takeAll)
}

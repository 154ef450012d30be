/**
 * Where a watch hands its books to the consumer's `Stream`. Two shapes:
 *
 * - {@link latest} (the default, `bufferSize` 1): one cell holding the newest version, taken when the
 *   consumer pulls. A consumer never waits behind stale books, and the producer learns (`onTake`, run
 *   atomically with the take) when a version has been handed out, so until then it may keep updating
 *   that version's nodes in place; {@link Output.retract} withdraws a version not taken yet.
 * - {@link buffered}: a sliding `Mailbox` keeping the newest `capacity` versions; every emitted version
 *   may be seen, so the producer freezes each one as it emits it (`onEmit`).
 *
 * Both deliver what they hold before ending or failing.
 *
 * @since 0.3.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"

export interface Output<A, E> {
  /** A new version (supersedes the ones not taken yet, beyond the buffer). */
  readonly emit: (value: A) => void
  /** Withdraws the version emitted last if it was not taken (a no-op where every version is kept). */
  readonly retract: () => void
  /** No more versions: the stream ends after the ones held. */
  readonly end: () => void
  /** The stream fails after the versions held. */
  readonly failCause: (cause: Cause.Cause<E>) => void
  readonly stream: Stream.Stream<A, E>
}

/** The newest version only, taken on pull; `onTake` runs in the same synchronous step as the take. */
export const latest = <A, E>(onTake: () => void): Effect.Effect<Output<A, E>> =>
  Effect.map(Effect.makeLatch(false), (latch) => {
    let held: { readonly value: A } | undefined
    let done: Effect.Effect<never, Option.Option<E>> | undefined
    const take: Effect.Effect<A, Option.Option<E>> = Effect.suspend(() => {
      if (held !== undefined) {
        const { value } = held
        held = undefined
        onTake()
        return Effect.succeed(value)
      }
      if (done !== undefined) return done
      latch.unsafeClose()
      return Effect.zipRight(latch.await, take)
    })
    const finish = (effect: Effect.Effect<never, Option.Option<E>>) => {
      if (done === undefined) {
        done = effect
        latch.unsafeOpen()
      }
    }
    return {
      emit: (value) => {
        held = { value }
        latch.unsafeOpen()
      },
      retract: () => {
        held = undefined
      },
      end: () => finish(Effect.fail(Option.none())),
      failCause: (cause) => finish(Effect.failCause(Cause.map(cause, Option.some))),
      stream: Stream.repeatEffectOption(take)
    }
  })

/** A sliding mailbox of the newest `capacity` versions; `onEmit` runs before each version is offered. */
export const buffered = <A, E>(capacity: number, onEmit: () => void): Effect.Effect<Output<A, E>> =>
  Effect.map(Mailbox.make<A, E>({ capacity, strategy: "sliding" }), (mailbox) => ({
    emit: (value) => {
      onEmit()
      mailbox.unsafeOffer(value)
    },
    retract: () => {},
    end: () => {
      mailbox.unsafeDone(Exit.void)
    },
    failCause: (cause) => {
      mailbox.unsafeDone(Exit.failCause(cause))
    },
    stream: Mailbox.toStream(mailbox)
  }))

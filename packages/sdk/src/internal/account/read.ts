/**
 * REST reads of the account tools. Reads are idempotent: a failed one (transport, timeout, rate limit,
 * 5xx, a signature expired on a loaded machine) is tried again with backoff before a view or a tracker
 * gives up. Input and decoding errors and 4xx answers (a 404 is an answer) are final.
 *
 * @since 0.3.0
 */
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { BackpackClient } from "../../BackpackClient.js"
import type { BackpackError } from "../../BackpackError.js"

const schedule = Schedule.exponential("200 millis").pipe(
  Schedule.union(Schedule.spaced("5 seconds")),
  Schedule.intersect(Schedule.recurs(6))
)

const retryable = (e: BackpackError) =>
  e._tag === "ApiError"
    ? e.status >= 500
    : e._tag !== "ValidationError" && e._tag !== "ConfigError" && e._tag !== "DecodeError"

/** `client.execute` for reads, retried on transient failures. */
export const make = (client: BackpackClient["Type"]): BackpackClient["Type"]["execute"] => (endpoint, input) =>
  Effect.retry(client.execute(endpoint, input), { schedule, while: retryable })

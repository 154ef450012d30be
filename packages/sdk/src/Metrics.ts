/**
 * The SDK's metrics, as Effect `Metric`s: they are recorded in Effect's default metric registry and
 * exported by whatever reads it (`@effect/opentelemetry`'s `NodeSdk` with a metric reader, see
 * `packages/examples/src/observability.ts`, or `Metric.snapshot` yourself).
 *
 * | metric | kind | tags |
 * | --- | --- | --- |
 * | `backpack_requests_total` | counter | `operation` (`Markets.getDepth`), `outcome` (`ok` or the error tag) |
 * | `backpack_request_duration_ms` | histogram | `operation` |
 * | `backpack_rate_limit_wait_ms` | histogram | `bucket` (`standard`, `historical`) |
 * | `backpack_clock_syncs_total` | counter | `reason` (`refused`, `interval`, `manual`) |
 * | `backpack_stream_reconnects_total` | counter | |
 * | `backpack_orderbook_resyncs_total` | counter | |
 *
 * @since 0.3.0
 */
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"

/**
 * REST calls by `operation` and `outcome` (`ok`, or the tag of the failure: `ApiError`,
 * `OutcomeUnknown`, …). One count per call, however many attempts it took.
 *
 * @since 0.3.0
 * @category metrics
 */
export const requests = Metric.counter("backpack_requests_total", {
  description: "Backpack REST calls by operation and outcome",
  incremental: true
})

/**
 * Duration of REST calls in milliseconds by `operation` (validation to decoded answer, retries and
 * rate-limit waits included).
 *
 * @since 0.3.0
 * @category metrics
 */
export const latency = Metric.histogram(
  "backpack_request_duration_ms",
  MetricBoundaries.exponential({ start: 2, factor: 2, count: 14 }),
  "Backpack REST call duration in milliseconds"
)

/**
 * Time spent waiting for the client-side rate limiter, in milliseconds, by `bucket` (recorded only
 * when a call had to wait).
 *
 * @since 0.3.0
 * @category metrics
 */
export const rateLimitWait = Metric.histogram(
  "backpack_rate_limit_wait_ms",
  MetricBoundaries.exponential({ start: 10, factor: 2, count: 14 }),
  "Time spent waiting for the client-side rate limiter in milliseconds"
)

/**
 * Measurements of the server clock by `reason`: `refused` (a request was refused for its
 * timestamp), `interval` (`clockSyncInterval` elapsed), `manual` (`System.syncClock`).
 *
 * @since 0.3.0
 * @category metrics
 */
export const clockSyncs = Metric.counter("backpack_clock_syncs_total", {
  description: "Server clock measurements by reason",
  incremental: true
})

/**
 * WebSocket reconnects (a dropped or silent connection replaced).
 *
 * @since 0.3.0
 * @category metrics
 */
export const reconnects = Metric.counter("backpack_stream_reconnects_total", {
  description: "WebSocket reconnects",
  incremental: true
})

/**
 * Order-book resyncs (a sequence gap or a crossed book answered with a fresh snapshot).
 *
 * @since 0.3.0
 * @category metrics
 */
export const resyncs = Metric.counter("backpack_orderbook_resyncs_total", {
  description: "Order book resyncs from a REST snapshot",
  incremental: true
})

/**
 * Informational fields (statistics, bands, descriptive metadata) that came in a form the SDK does not
 * understand and were decoded as `undefined` under the lenient decoding policy; tagged `operation` and
 * `field`.
 *
 * @since 0.3.0
 * @category metrics
 */
export const informationalUnknown = Metric.counter("backpack_informational_field_unknown_total", {
  description: "Informational answer fields decoded as undefined (lenient decoding policy)",
  incremental: true
})

/**
 * Wiring the SDK's spans and metrics to OpenTelemetry with `@effect/opentelemetry`.
 *
 * Every REST call is a span named after its method (`Markets.getDepth`), with one `http.client GET`
 * child per attempt (headers redacted, no signature in any exit); `Metrics` holds Effect metrics
 * (requests by operation and outcome, latency, rate-limiter waits, clock syncs, reconnects,
 * resyncs). `NodeSdk.layer` sends both to the processors and readers you give it. Here they are
 * in-memory so the program can print what was exported; in production use OTLP exporters instead:
 *
 * ```ts
 * import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http"
 * import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http"
 * spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter()),
 * metricReader: new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })
 * ```
 *
 * Run: `pnpm --filter @effect-backpack/examples observability` (against an in-process simulator).
 */
import { Markets, Orders } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { NodeSdk } from "@effect/opentelemetry"
import { NodeRuntime } from "@effect/platform-node"
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  PeriodicExportingMetricReader
} from "@opentelemetry/sdk-metrics"
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import { Console, Effect, Layer, Redacted } from "effect"
import { pathToFileURL } from "node:url"

/** What the exporters received, for printing (and for the example's test). */
export const exporters = () => {
  const spans = new InMemorySpanExporter()
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
  const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 60_000 })
  const telemetry = NodeSdk.layer(() => ({
    resource: { serviceName: "backpack-observability-example" },
    spanProcessor: new SimpleSpanProcessor(spans),
    metricReader: reader
  }))
  return { spans, metrics, reader, telemetry }
}

/** A few calls: public, signed, one refused by the exchange. */
export const workload = Effect.gen(function*() {
  yield* Markets.getMarkets()
  yield* Markets.getDepth({ symbol: "SOL_USDC" })
  yield* Orders.executeOrder({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "50", quantity: "1" })
  // refused (not enough USDC): counted with outcome "ApiError"
  yield* Effect.ignore(
    Orders.executeOrder({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "50", quantity: "100000" })
  )
})

const onSimulator = Layer.unwrapScoped(
  Effect.gen(function*() {
    const sim = yield* Simulator.make({ seed: 1, rateLimits: false })
    const trader = yield* sim.createAccount({ balances: { USDC: "100" } })
    return BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl, apiSecret: Redacted.make(trader.apiSecret) })
  })
)

/** Runs the workload with telemetry, then prints the exported span names and metric points. */
export const main = Effect.gen(function*() {
  const { metrics, reader, spans, telemetry } = exporters()
  const lines = yield* workload.pipe(
    // collect the metrics now (the reader would every `exportIntervalMillis`); read the in-memory
    // exporters before the layer shuts them down (which empties them)
    Effect.zipRight(Effect.promise(() => reader.forceFlush())),
    Effect.map(() => {
      const exported = metrics.getMetrics().flatMap((m) => m.scopeMetrics.flatMap((s) => s.metrics))
      return [
        `spans: ${[...new Set(spans.getFinishedSpans().map((s) => s.name))].sort().join(", ")}`,
        ...exported
          .filter((m) => m.descriptor.name.startsWith("backpack_"))
          .flatMap((m) =>
            m.dataPoints.map((p) =>
              `${m.descriptor.name} ${JSON.stringify(p.attributes)} ${
                typeof p.value === "number" ? p.value : `count=${(p.value as { count: number }).count}`
              }`
            )
          )
      ]
    }),
    Effect.provide(Layer.merge(onSimulator, telemetry))
  )
  for (const line of lines) yield* Console.log(line)
  return lines
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(main)
}

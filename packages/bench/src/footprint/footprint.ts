/**
 * Import time and memory of one client in a fresh plain-`node` process (no tsx loader): the time
 * to import the library, then the RSS after one markets request (`Markets.getMarkets`, CCXT's
 * `fetchMarkets`, or an undici request + `JSON.parse`). `build.ts` bundles this file with esbuild
 * and builds the SDK with the SDK's own bundling step (the JavaScript the published package gives
 * Node), so the SDK is imported as plain JavaScript, as shipped, like CCXT.
 *
 * @since 0.1.0
 */
import { performance } from "node:perf_hooks"
import { pathToFileURL } from "node:url"
import * as NetGuard from "../NetGuard.js"

NetGuard.install()

const impl = process.argv[2]
const url = process.env["BENCH_URL"]!

const measure = async (): Promise<{ importMs: number; markets: number }> => {
  switch (impl) {
    case "sdk": {
      const dir = process.env["BENCH_SDK_JS"]!
      const t0 = performance.now()
      const sdk = await import(pathToFileURL(`${dir}/index.js`).href)
      const node = await import(pathToFileURL(`${dir}/node.js`).href)
      const Effect = await import("effect/Effect")
      const ManagedRuntime = await import("effect/ManagedRuntime")
      const importMs = performance.now() - t0
      const runtime = ManagedRuntime.make(node.BackpackNode.layer({ host: url, rateLimits: "unlimited" }))
      const markets = await runtime.runPromise(
        Effect.flatMap(sdk.Markets.Markets, (m: any) => m.getMarkets()) as any
      ) as ReadonlyArray<unknown>
      return { importMs, markets: markets.length }
    }
    case "ccxt": {
      const t0 = performance.now()
      const ccxt = (await import("ccxt")).default
      const importMs = performance.now() - t0
      const exchange = new ccxt.backpack({ enableRateLimit: false })
      const api = exchange.urls["api"] as Record<string, unknown>
      for (const key of Object.keys(api)) api[key] = url
      const markets = await exchange.fetchMarkets()
      return { importMs, markets: markets.length }
    }
    default: {
      const t0 = performance.now()
      const undici = await import("undici")
      const importMs = performance.now() - t0
      const response = await undici.request(`${url}/api/v1/markets`)
      const markets = JSON.parse(await response.body.text()) as ReadonlyArray<unknown>
      return { importMs, markets: markets.length }
    }
  }
}

measure().then(
  ({ importMs, markets }) => {
    const outcome = {
      metrics: { importMs, rssMb: process.memoryUsage().rss / 2 ** 20 },
      check: { markets },
      peakRssMb: process.resourceUsage().maxRSS / 1024
    }
    if (process.send !== undefined) process.send(outcome, () => process.exit(0))
    else {
      console.log(JSON.stringify(outcome))
      process.exit(0)
    }
  },
  (error) => {
    process.stderr.write(`footprint failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  }
)

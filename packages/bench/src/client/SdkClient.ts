/**
 * The SDK driven as a user drives it: `BackpackNode.layer` (undici, `node:crypto` signer, `ws`),
 * client-side rate limiting off (`rateLimits: "unlimited"`, as CCXT's `enableRateLimit: false`),
 * one `ManagedRuntime`, one `runPromise` per call.
 *
 * @since 0.1.0
 */
import { Markets, OrderBook, Orders } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as Canned from "../loopback/Canned.js"
import { type Client, type Endpoint, norm, type WatchOutcome } from "./Client.js"

/**
 * @since 0.1.0
 * @category constructors
 */
export const make = async (endpoint: Endpoint): Promise<Client> => {
  const layer = BackpackNode.layer({
    host: endpoint.url,
    wsUrl: endpoint.wsUrl,
    apiKey: Redacted.make(endpoint.apiKey),
    apiSecret: Redacted.make(endpoint.secret),
    rateLimits: "unlimited"
  })
  // BENCH_SDK_DEBUG=1 shows the SDK's debug logs (resyncs of OrderBook.watch) on stderr
  const runtime = ManagedRuntime.make(
    process.env["BENCH_SDK_DEBUG"] === "1" ? Layer.merge(layer, Logger.minimumLogLevel(LogLevel.Debug)) : layer
  )
  const markets = await runtime.runPromise(Markets.Markets)
  const orders = await runtime.runPromise(Orders.Orders)
  const books = await runtime.runPromise(OrderBook.OrderBook)
  const depthRequest = { symbol: "SOL_USDC" } as const
  const order = {
    symbol: "SOL_USDC",
    side: "Bid",
    orderType: "Limit",
    quantity: "1",
    price: "1.00",
    postOnly: true
  } as const
  const text = (levels: ReadonlyArray<OrderBook.Level>) =>
    levels.map(([p, q]) => [norm(BigDecimal.format(p)), norm(BigDecimal.format(q))] as const)

  const watch = (finals: Readonly<Record<string, string>>, onStart: () => void): Promise<WatchOutcome> => {
    let emitted = 0
    const one = (symbol: string, final: bigint) =>
      books.watch(symbol).pipe(
        Stream.tap(() => Effect.sync(() => emitted++)),
        Stream.takeUntil((book) => book.lastUpdateId === final),
        Stream.runLast,
        Effect.map(Option.getOrThrow)
      )
    return runtime.runPromise(
      Effect.sync(onStart).pipe(
        Effect.zipRight(
          Effect.forEach(Object.entries(finals), ([symbol, final]) => one(symbol, BigInt(final)), {
            concurrency: "unbounded"
          })
        ),
        Effect.map((finalBooks) => {
          const finalSeenAt = performance.timeOrigin + performance.now()
          const out: Record<string, string> = {}
          for (const book of finalBooks) {
            const json = book.toJSON()
            out[book.symbol] = Canned.canonical(json.bids, json.asks)
          }
          return { finalSeenAt, emitted, books: out }
        })
      )
    )
  }

  return {
    getDepth: () => runtime.runPromise(markets.getDepth(depthRequest)),
    summarizeDepth: (value) => {
      const depth = value as {
        readonly bids: ReadonlyArray<OrderBook.Level>
        readonly asks: ReadonlyArray<OrderBook.Level>
      }
      const [bid] = text(depth.bids.slice(0, 1))
      const [ask] = text(depth.asks.slice(0, 1))
      return { bestBid: bid!, bestAsk: ask!, bids: depth.bids.length, asks: depth.asks.length }
    },
    executeOrder: () => runtime.runPromise(orders.executeOrder(order)),
    summarizeOrder: (value) => {
      const placed = value as { readonly id: string; readonly status: string; readonly price?: BigDecimal.BigDecimal }
      return {
        id: placed.id,
        status: placed.status,
        price: placed.price === undefined ? "" : norm(BigDecimal.format(placed.price))
      }
    },
    watch,
    close: () => runtime.dispose()
  }
}

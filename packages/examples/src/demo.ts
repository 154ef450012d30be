/**
 * The demo: a readable trading workflow with the SDK.
 *
 * With no configuration it starts the simulator in-process on a free port of 127.0.0.1, funds a demo
 * account, and trades on it: markets, the SOL_USDC book and ticker, a post-only bid that rests, a
 * crossing order that fills, balances, cancel the rest, a summary; then a few seconds of the live
 * ticker and trades, and the order-update events of its own orders, over the WebSocket streams. With
 * `BACKPACK_HOST` set it runs
 * read-only against that host instead (public data, plus balances when `BACKPACK_API_SECRET` is set).
 *
 * Run: `pnpm demo`.
 */
import { BackpackStream, Capital, History, Markets, Orders, Precision, System } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { NodeRuntime } from "@effect/platform-node"
import { BigDecimal, Chunk, Config, Console, Effect, Fiber, Layer, Option, Redacted, Stream } from "effect"
import { pathToFileURL } from "node:url"

const SYMBOL = "SOL_USDC"

/** An exact decimal as text; `?` for an informational field the SDK could not read (decoded as `undefined`). */
const fmt = (value: BigDecimal.BigDecimal | undefined) =>
  value === undefined ? "?" : Precision.format(BigDecimal.normalize(value))
const pad = (text: string, width: number) => text.padEnd(width)
const section = (title: string) => Console.log(`\n== ${title} ${"=".repeat(Math.max(0, 60 - title.length))}`)

/** Floors a positive price to a multiple of the tick size (exact decimal arithmetic). */
const floorToTick = (price: BigDecimal.BigDecimal, tick: BigDecimal.BigDecimal) => {
  const steps = BigDecimal.scale(BigDecimal.unsafeDivide(price, tick), 0)
  return BigDecimal.multiply(steps, tick)
}

/** Market overview, book and ticker: everything a public (unsigned) client can see. */
const showMarketData = Effect.gen(function*() {
  const status = yield* System.getStatus()
  yield* Console.log(`exchange status: ${status.status}`)

  yield* section("Markets")
  const all = yield* Markets.getMarkets()
  yield* Console.log(`${all.length} markets`)
  yield* Console.log(`${pad("symbol", 16)}${pad("type", 6)}${pad("tick", 10)}${pad("step", 10)}state`)
  for (const m of all) {
    yield* Console.log(
      `${pad(m.symbol, 16)}${pad(m.marketType, 6)}${pad(fmt(m.filters.price.tickSize), 10)}${
        pad(fmt(m.filters.quantity.stepSize), 10)
      }${m.orderBookState}`
    )
  }

  yield* section(`${SYMBOL} ticker`)
  const ticker = yield* Markets.getTicker({ symbol: SYMBOL })
  yield* Option.match(ticker, {
    onNone: () => Console.log("no trades in the last 24 h"),
    onSome: (t) =>
      Console.log(
        `last ${fmt(t.lastPrice)}  24h high ${fmt(t.high)} low ${fmt(t.low)}  change ${
          fmt(t.priceChangePercent && BigDecimal.multiply(t.priceChangePercent, BigDecimal.fromBigInt(100n)))
        }%  volume ${fmt(t.volume)} SOL`
      )
  })

  yield* section(`${SYMBOL} order book (top 5)`)
  const book = yield* Markets.getDepth({ symbol: SYMBOL, limit: "5" })
  yield* Console.log(`lastUpdateId ${book.lastUpdateId}`)
  yield* Console.log(`${pad("bid qty", 14)}${pad("bid", 12)}${pad("ask", 12)}ask qty`)
  for (let i = 0; i < 5; i++) {
    const bid = book.bids[i]
    const ask = book.asks[i]
    yield* Console.log(
      `${pad(bid ? fmt(bid[1]) : "", 14)}${pad(bid ? fmt(bid[0]) : "", 12)}${pad(ask ? fmt(ask[0]) : "", 12)}${
        ask ? fmt(ask[1]) : ""
      }`
    )
  }
  return { book, market: all.find((m) => m.symbol === SYMBOL) }
})

/** A few seconds of the live ticker and trades over the shared WebSocket connection. */
const showLiveMarket = (seconds: number) =>
  Effect.gen(function*() {
    const ws = yield* BackpackStream.BackpackStream
    yield* section(`Live ${SYMBOL} for ${seconds} s (WebSocket)`)
    const tickers = ws.ticker(SYMBOL).pipe(
      Stream.map((t) => `ticker  last ${fmt(t.lastPrice)}  high ${fmt(t.high)}  low ${fmt(t.low)}  ${t.trades} trades`)
    )
    const trades = ws.trades(SYMBOL).pipe(
      Stream.map((t) => `trade   ${t.isBuyerMaker ? "sell" : "buy "} ${fmt(t.quantity)} @ ${fmt(t.price)}`)
    )
    const seen = yield* Stream.merge(tickers, trades).pipe(
      Stream.interruptWhen(Effect.sleep(`${seconds} seconds`)),
      Stream.tap((line) => Console.log(line)),
      Stream.runCount
    )
    yield* Console.log(`(${seen} live events)`)
    return seen
  })

const showBalances = (title: string) =>
  Effect.gen(function*() {
    const balances = yield* Capital.getBalances()
    yield* section(title)
    for (const [asset, balance] of Object.entries(balances)) {
      yield* Console.log(`${pad(asset, 6)} available ${pad(fmt(balance.available), 18)} locked ${fmt(balance.locked)}`)
    }
    return balances
  })

/** The full workflow on an account that can trade. */
export const tradingWorkflow = Effect.scoped(Effect.gen(function*() {
  const { book, market } = yield* showMarketData
  const ws = yield* BackpackStream.BackpackStream
  const before = yield* showBalances("Balances before trading")

  // Listen to this account's order updates (a signed private stream) while the workflow trades:
  // subscribeScoped completes once the exchange has the subscription, so no event of the orders
  // placed below is missed.
  const orderUpdates = yield* ws.subscribeScoped(BackpackStream.orderUpdates(SYMBOL))
  const updates = yield* orderUpdates.pipe(
    Stream.takeUntil((u) => u.eventType === "orderCancelled"),
    Stream.interruptWhen(Effect.sleep("20 seconds")),
    Stream.runCollect,
    Effect.fork
  )

  const bestBid = book.bids[0]?.[0]
  const bestAsk = book.asks[0]?.[0]
  if (bestBid === undefined || bestAsk === undefined || market === undefined) {
    return yield* Effect.dieMessage(`${SYMBOL} has an empty book`)
  }

  yield* section("1. Post-only limit bid, 2% under the best bid")
  const restingPrice = floorToTick(
    BigDecimal.multiply(bestBid, BigDecimal.unsafeFromString("0.98")),
    market.filters.price.tickSize
  )
  const resting = yield* Orders.executeOrder({
    symbol: SYMBOL,
    side: "Bid",
    orderType: "Limit",
    postOnly: true,
    price: restingPrice,
    quantity: "2"
  })
  yield* Console.log(`order ${resting.id} (clientId ${resting.clientId}) ${resting.status} at ${fmt(restingPrice)}`)
  const open = yield* Orders.getOpenOrders({ symbol: SYMBOL })
  yield* Console.log(`open orders on ${SYMBOL}: ${open.map((o) => `${o.id} ${o.side} ${o.status}`).join(", ")}`)

  yield* section("2. Crossing IOC limit bid, capped 1% above the best ask (takes liquidity)")
  const capPrice = floorToTick(
    BigDecimal.multiply(bestAsk, BigDecimal.unsafeFromString("1.01")),
    market.filters.price.tickSize
  )
  const taker = yield* Orders.executeOrder({
    symbol: SYMBOL,
    side: "Bid",
    orderType: "Limit",
    timeInForce: "IOC",
    price: capPrice,
    quantity: "1"
  })
  yield* Console.log(
    `order ${taker.id} ${taker.status}: filled ${fmt(taker.executedQuantity)} SOL for ${
      fmt(taker.executedQuoteQuantity)
    } USDC`
  )
  const fills = yield* History.getFills({ symbol: SYMBOL, orderId: taker.id })
  for (const fill of fills) {
    yield* Console.log(
      `  fill ${fill.tradeId ?? "-"}: ${fmt(fill.quantity)} @ ${fmt(fill.price)}  fee ${
        fmt(fill.fee)
      } ${fill.feeSymbol}  ${fill.isMaker ? "maker" : "taker"}`
    )
  }
  const after = yield* showBalances("Balances after the fill")

  yield* section("3. Cancel what is still open")
  const cancelled = yield* Orders.cancelOpenOrders({ symbol: SYMBOL })
  const cancelledCount = Array.isArray(cancelled) ? cancelled.length : 0
  yield* Console.log(`cancelled ${cancelledCount} order(s)`)
  const remaining = yield* Orders.getOpenOrders({ symbol: SYMBOL })
  yield* Console.log(`open orders left: ${remaining.length}`)

  yield* section("Order updates received on account.orderUpdate (WebSocket)")
  const events = Chunk.toReadonlyArray(yield* Fiber.join(updates))
  for (const u of events) {
    const fill = u.eventType === "orderFill" && u.fillQuantity && u.fillPrice
      ? `  ${fmt(u.fillQuantity)} @ ${fmt(u.fillPrice)}`
      : ""
    yield* Console.log(`${pad(u.eventType, 16)}order ${u.orderId} ${u.side} ${u.status}${fill}`)
  }

  const live = yield* showLiveMarket(3)

  yield* section("Summary")
  const delta = (asset: string) => {
    const a = after[asset]?.total ?? BigDecimal.fromBigInt(0n)
    const b = before[asset]?.total ?? BigDecimal.fromBigInt(0n)
    return fmt(BigDecimal.subtract(a, b))
  }
  yield* Console.log(`placed 2 orders, 1 filled (${fmt(taker.executedQuantity)} SOL), ${cancelledCount} cancelled`)
  yield* Console.log(`SOL  ${delta("SOL")}   USDC ${delta("USDC")}   (fees included)`)
  yield* Console.log(`${events.length} order updates and ${live} live market events over one WebSocket connection`)
  return { resting, taker, cancelledCount, remaining: remaining.length, events, live }
}))

/** Read-only view of a real host (public data; balances when a secret is configured). */
export const readOnly = Effect.gen(function*() {
  yield* showMarketData
  const secret = yield* Config.option(Config.redacted("BACKPACK_API_SECRET"))
  if (Option.isSome(secret)) yield* showBalances("Balances")
  else yield* Console.log("\n(no BACKPACK_API_SECRET: public data only)")
})

/** The SDK wired on an in-process simulator with a freshly funded account. */
export const simulatorLayer = Layer.unwrapScoped(
  Effect.gen(function*() {
    const sim = yield* Simulator.make({ seed: 42, demoAccount: false, activity: { intervalMs: 150 } })
    const trader = yield* sim.createAccount({ balances: { USDC: "10000", SOL: "50" } })
    yield* Console.log(`simulator listening on ${sim.url} (WebSocket ${sim.wsUrl})`)
    yield* Console.log(`demo account ${trader.apiKey} funded with 10000 USDC and 50 SOL`)
    return BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl, apiSecret: Redacted.make(trader.apiSecret) })
  })
)

/** Picks the mode from the environment. */
export const main = Effect.gen(function*() {
  const host = yield* Config.option(Config.string("BACKPACK_HOST"))
  if (Option.isSome(host)) {
    yield* Console.log(`read-only demo against ${host.value}`)
    return yield* readOnly.pipe(Effect.provide(BackpackNode.layerConfig))
  }
  yield* Console.log("effect-backpack demo on an embedded Backpack-compatible simulator")
  yield* tradingWorkflow.pipe(Effect.provide(simulatorLayer))
  yield* Console.log("\ndone.")
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(main)
}

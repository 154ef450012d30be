/**
 * The README's quick-start snippets as one type-checked program, so the README cannot drift from the
 * API. Runs against `BACKPACK_HOST` when set (public part only), otherwise against an in-process
 * simulator with a funded account.
 *
 * Run: `pnpm --filter @effect-backpack/examples quickstart`.
 */
import { Account, AccountState, BackpackStream, Capital, Markets, OrderBook, Orders } from "@effect-backpack/sdk"
import { BackpackNode, BackpackPaper } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { NodeRuntime } from "@effect/platform-node"
import { BigDecimal, Config, Effect, Layer, Option, Redacted, Stream } from "effect"
import { pathToFileURL } from "node:url"

// README: "Public API (no keys)"
export const publicApi = Effect.gen(function*() {
  const all = yield* Markets.getMarkets()
  console.log(`Found ${all.length} markets`)

  const sol = yield* Markets.getMarket({ symbol: "SOL_USDC" })
  console.log(sol.symbol, "tick", BigDecimal.format(sol.filters.price.tickSize))

  const book = yield* Markets.getDepth({ symbol: "SOL_USDC", limit: "10" })
  const [bestBid] = book.bids // sorted best first; prices and sizes are exact BigDecimals
  console.log("best bid", bestBid && BigDecimal.format(bestBid[0]), "update id", book.lastUpdateId)
})

// README: "Authenticated API"
export const authenticatedApi = Effect.gen(function*() {
  const account = yield* Account.getAccount()
  const balances = yield* Capital.getBalances()
  const order = yield* Orders.executeOrder({
    symbol: "SOL_USDC",
    side: "Bid",
    orderType: "Limit",
    quantity: "1.0",
    price: "20.50"
  })
  console.log(order.id, order.status) // ids are exact strings (they pass 2^53)
  console.log("spot taker fee (bps)", BigDecimal.format(account.spotTakerFee), "assets", Object.keys(balances))
})

// README: "WebSocket streams and the local order book"
export const streams = Effect.gen(function*() {
  const ws = yield* BackpackStream.BackpackStream
  // every subscription shares one connection; it reconnects and resubscribes by itself
  yield* ws.subscribe(BackpackStream.ticker("SOL_USDC")).pipe( // typed by the descriptor: TickerEvent
    Stream.take(3),
    Stream.runForEach((t) => Effect.log(`SOL_USDC last ${BigDecimal.format(t.lastPrice)} (${t.trades} trades)`))
  )

  // place-then-watch: subscribeScoped completes once the exchange has the subscription
  yield* Effect.scoped(Effect.gen(function*() {
    const updates = yield* ws.subscribeScoped(BackpackStream.orderUpdates("SOL_USDC"))
    const order = yield* (yield* Orders.Orders).executeOrder({
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      quantity: "1",
      price: "20"
    })
    yield* updates.pipe(
      Stream.filter((u) => u.orderId === order.id),
      Stream.take(1),
      Stream.runForEach((u) => Effect.log(`${u.eventType} ${u.orderType} ${u.status} clientId ${u.clientId}`))
    )
  }))

  const books = yield* OrderBook.OrderBook
  yield* books.watch("SOL_USDC").pipe(
    Stream.take(3),
    Stream.runForEach((book) =>
      Effect.log(
        `bid ${Option.match(book.bestBid, { onNone: () => "-", onSome: ([price]) => BigDecimal.format(price) })}`,
        `spread ${Option.match(book.spread, { onNone: () => "-", onSome: BigDecimal.format })}`,
        `top ${book.bids(3).length}+${book.asks(3).length} levels`
      )
    )
  )
})

// README: "Errors"
export const errors = Orders.executeOrder({
  symbol: "SOL_USDC",
  side: "Bid",
  orderType: "Limit",
  quantity: "1",
  price: "20"
})
  .pipe(
    Effect.map((order) => `placed ${order.id}`),
    Effect.catchTags({
      ApiError: (e) => e.code === "INSUFFICIENT_FUNDS" ? Effect.succeed("top up first") : Effect.fail(e),
      // the order may or may not have reached the exchange: never retried blindly
      OutcomeUnknown: (outcome) =>
        Effect.map(Orders.reconcile(outcome), (results) => results.map((r) => r._tag).join(", "))
    })
  )

// README: "Keeping account state"
export const keepingAccountState = Effect.scoped(Effect.gen(function*() {
  // open orders, fills, balances and positions: a REST snapshot kept live by the private streams,
  // caught up after every reconnect, balances reconciled (and drift reported) on an interval
  const account = yield* AccountState.start({ reconcileEvery: "30 seconds" })
  yield* account.events.pipe( // every order's lifecycle, each event exactly once and in order
    Stream.runForEach((e) => Effect.log(`${e._tag} ${e.order.orderId}${e.derived ? " (caught up)" : ""}`)),
    Effect.forkScoped
  )
  // cancel whatever is still open when this scope closes (end of the program, Ctrl-C, a failure)
  yield* Effect.addFinalizer(() => Effect.orDie(Orders.cancelOpenOrders({ symbol: "SOL_USDC" })))

  // subscribe, place, settle a lost answer by client id: `quote.updates` is this order's lifecycle
  const quote = yield* Orders.place({
    symbol: "SOL_USDC",
    side: "Bid",
    orderType: "Limit",
    price: "150",
    quantity: "1",
    postOnly: true
  })
  // move it: cancel-and-replace on the same rules (fails with NotAmended if it filled first)
  const moved = yield* Orders.amend({ symbol: "SOL_USDC", orderId: quote.orderId, price: "149.5" })
  const view = yield* account.view
  const usdc = view.balances.get("USDC")
  yield* Effect.log(
    `${view.orders.size} open (${moved.replacement.orderId} at 149.5), USDC available ${
      usdc === undefined ? "0" : BigDecimal.format(usdc.available)
    }, locked ${usdc === undefined ? "0" : BigDecimal.format(usdc.locked)}`
  )
}))

// README: "Keeping account state" (paper trading: the same program on a local exchange, offline)
export const onPaper = keepingAccountState.pipe(
  Effect.provide(BackpackPaper.layer({ balances: { USDC: "10000" }, activity: true }))
)

const onSimulator = Layer.unwrapScoped(
  Effect.gen(function*() {
    const sim = yield* Simulator.make({ seed: 1, activity: { intervalMs: 100 } })
    const trader = yield* sim.createAccount({ balances: { USDC: "1000" } })
    return BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl, apiSecret: Redacted.make(trader.apiSecret) })
  })
)

export const main = Effect.gen(function*() {
  const host = yield* Config.option(Config.string("BACKPACK_HOST"))
  if (Option.isSome(host)) return yield* publicApi.pipe(Effect.provide(BackpackNode.layerConfig))
  yield* Effect.all([publicApi, authenticatedApi, streams, errors.pipe(Effect.tap(console.log))]).pipe(
    Effect.provide(onSimulator)
  )
  yield* onPaper
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(main)
}

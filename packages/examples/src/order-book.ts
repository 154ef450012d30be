/**
 * A live top-of-book view built by `OrderBook.watch`: the REST snapshot plus the depth stream, kept
 * consistent by update id and resynchronised on any gap.
 *
 * With `BACKPACK_WS_URL` or `BACKPACK_HOST` set it watches that exchange; otherwise it starts the
 * simulator in-process on 127.0.0.1 with background trading activity, and injects a depth gap half
 * way through so the resync can be seen.
 *
 * Run: `pnpm --filter @effect-backpack/examples order-book [--seconds 10] [--symbol SOL_USDC] [--levels 5]`.
 */
import { OrderBook } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { NodeRuntime } from "@effect/platform-node"
import { BigDecimal, Config, Console, Effect, Layer, Option, Ref, Schedule, Stream } from "effect"
import { pathToFileURL } from "node:url"

const fmt = (value: BigDecimal.BigDecimal) => BigDecimal.format(BigDecimal.normalize(value))

/** ±1% around the mid price (a `BigDecimal` argument: the band is an `Option`, no parse to fail). */
const onePercent = BigDecimal.make(1n, 2)

/** Renders the best `levels` of each side, asks on top (highest first), bids below. */
export const renderBook = (book: OrderBook.Book, levels: number): ReadonlyArray<string> => {
  const lines: Array<string> = []
  const row = (price: BigDecimal.BigDecimal, quantity: BigDecimal.BigDecimal, side: string) =>
    `${side.padEnd(5)}${fmt(price).padStart(14)}${fmt(quantity).padStart(14)}`
  lines.push(
    `${book.symbol}  update ${book.lastUpdateId}  levels ${book.bidLevels}/${book.askLevels}  resyncs ${book.resyncs}`
  )
  for (const [price, quantity] of [...book.asks(levels)].reverse()) lines.push(row(price, quantity, "ask"))
  const spread = Option.match(book.spread, { onNone: () => "-", onSome: fmt })
  const mid = Option.match(book.mid, { onNone: () => "-", onSome: fmt })
  lines.push(`----- spread ${spread}  mid ${mid}`)
  for (const [price, quantity] of book.bids(levels)) lines.push(row(price, quantity, "bid"))
  const band = book.depthWithin(onePercent)
  if (Option.isSome(band)) {
    lines.push(
      `within ±1% of mid: bids ${fmt(band.value.bids.quantity)} (${fmt(band.value.bids.notional)} quote), asks ${
        fmt(band.value.asks.quantity)
      } (${fmt(band.value.asks.notional)} quote)`
    )
  }
  return lines
}

/** Watches `symbol` for `seconds`, printing the book once a second; returns the last book seen. */
export const view = (symbol: string, seconds: number, levels: number, during?: Effect.Effect<void>) =>
  Effect.gen(function*() {
    const books = yield* OrderBook.OrderBook
    const latest = yield* Ref.make<OrderBook.Book | undefined>(undefined)
    const print = Effect.gen(function*() {
      const book = yield* Ref.get(latest)
      if (book === undefined) return yield* Console.log(`${symbol}: syncing…`)
      yield* Console.log(`\n${renderBook(book, levels).join("\n")}`)
    })
    yield* Console.log(`watching ${symbol} for ${seconds} s`)
    yield* books.watch(symbol).pipe(
      Stream.runForEach((book) => Ref.set(latest, book)),
      Effect.zipRight(Effect.never),
      Effect.raceFirst(Effect.repeat(print, Schedule.spaced("1 second")).pipe(Effect.zipRight(Effect.never))),
      Effect.raceFirst(during === undefined ? Effect.never : Effect.zipRight(during, Effect.never)),
      Effect.timeoutTo({ duration: `${seconds} seconds`, onSuccess: () => undefined, onTimeout: () => undefined })
    )
    yield* print
    return yield* Ref.get(latest)
  })

const argument = (name: string): Option.Option<string> => {
  const index = process.argv.indexOf(`--${name}`)
  return index < 0 ? Option.none() : Option.fromNullable(process.argv[index + 1])
}

/** Picks the exchange from the environment and the options from the command line. */
export const main = Effect.gen(function*() {
  const secondsArg = Number(Option.getOrElse(argument("seconds"), () => "10"))
  const seconds = Number.isFinite(secondsArg) && secondsArg > 0 ? secondsArg : 10
  const levelsArg = Number(Option.getOrElse(argument("levels"), () => "5"))
  const levels = Number.isInteger(levelsArg) && levelsArg > 0 ? levelsArg : 5
  const symbol = Option.getOrElse(argument("symbol"), () => "SOL_USDC")
  const wsUrl = yield* Config.option(Config.string("BACKPACK_WS_URL"))
  const host = yield* Config.option(Config.string("BACKPACK_HOST"))
  if (Option.isSome(wsUrl) || Option.isSome(host)) {
    return yield* view(symbol, seconds, levels).pipe(Effect.provide(BackpackNode.layerConfig))
  }
  yield* Effect.scoped(Effect.gen(function*() {
    const sim = yield* Simulator.make({ seed: 7, demoAccount: false, activity: { intervalMs: 100 } })
    yield* Console.log(`simulator listening on ${sim.url} (WebSocket ${sim.wsUrl})`)
    // half way through, the simulator skips a few depth ids: the book notices the gap and resyncs
    const gap = Effect.sleep(`${Math.max(1, Math.floor(seconds / 2))} seconds`).pipe(
      Effect.zipRight(sim.faults.depthGap(symbol, 3)),
      Effect.zipRight(Console.log(`\n(simulator: injected a depth gap on ${symbol})`)),
      Effect.catchAll((error) => Console.log(`could not inject a gap: ${error.message}`))
    )
    yield* view(symbol, seconds, levels, gap).pipe(
      Effect.provide(Layer.fresh(BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl })))
    )
  }))
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(main)
}

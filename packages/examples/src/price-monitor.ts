/**
 * Price monitor: the live ticker and top of book of a few markets over ONE shared WebSocket connection
 * (the Effect counterpart of the Python SDK's `backpack_price_monitor.py`).
 *
 * With `BACKPACK_WS_URL` or `BACKPACK_HOST` set it watches that exchange (public streams only);
 * otherwise it starts the simulator in-process on 127.0.0.1 with background trading activity.
 *
 * Run: `pnpm --filter @effect-backpack/examples price-monitor [--seconds 10] [--symbols SOL_USDC,BTC_USDC]`.
 */
import { BackpackStream } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Simulator } from "@effect-backpack/simulator"
import { NodeRuntime } from "@effect/platform-node"
import { BigDecimal, Config, Console, Effect, Layer, Option, Ref, Schedule, Stream } from "effect"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { pathToFileURL } from "node:url"

/** What the monitor knows about one market. */
export interface Quote {
  readonly last?: BigDecimal.BigDecimal | undefined
  readonly open?: BigDecimal.BigDecimal | undefined
  readonly volume?: BigDecimal.BigDecimal | undefined
  readonly bid?: BigDecimal.BigDecimal | undefined
  readonly ask?: BigDecimal.BigDecimal | undefined
  readonly updates: number
}

const fmt = (value: BigDecimal.BigDecimal | undefined) =>
  value === undefined ? "-" : BigDecimal.format(BigDecimal.normalize(value))

const hundred = BigDecimal.fromBigInt(100n)

/** 24 h change in percent, rounded to 2 decimals (exact arithmetic, no floats). */
const changePercent = (quote: Quote): string => {
  if (quote.last === undefined || quote.open === undefined || BigDecimal.isZero(quote.open)) return "-"
  const ratio = BigDecimal.unsafeDivide(BigDecimal.subtract(quote.last, quote.open), quote.open)
  const percent = BigDecimal.round(BigDecimal.multiply(ratio, hundred), { scale: 2 })
  return `${BigDecimal.isNegative(percent) ? "" : "+"}${BigDecimal.format(percent)}%`
}

/** One line of the table. */
export const renderQuote = (symbol: string, quote: Quote): string => {
  const spread = quote.bid !== undefined && quote.ask !== undefined
    ? fmt(BigDecimal.subtract(quote.ask, quote.bid))
    : "-"
  return `${symbol.padEnd(16)}${fmt(quote.last).padStart(12)}${changePercent(quote).padStart(10)}${
    fmt(quote.bid).padStart(12)
  }${fmt(quote.ask).padStart(12)}${spread.padStart(10)}${fmt(quote.volume).padStart(14)}`
}

const header = `${"symbol".padEnd(16)}${"last".padStart(12)}${"24h".padStart(10)}${"bid".padStart(12)}${
  "ask".padStart(12)
}${"spread".padStart(10)}${"volume".padStart(14)}`

/**
 * Watches `symbols` for `seconds`: `ticker.<symbol>` and `bookTicker.<symbol>` of every market on the
 * one connection, a table printed every second. Returns the final quotes.
 */
export const monitor = (symbols: ReadonlyArray<string>, seconds: number) =>
  Effect.gen(function*() {
    const ws = yield* BackpackStream.BackpackStream
    const quotes = yield* Ref.make(new Map<string, Quote>(symbols.map((s) => [s, { updates: 0 }])))
    const update = (symbol: string, f: (q: Quote) => Quote) =>
      Ref.update(quotes, (all) => new Map(all).set(symbol, f(all.get(symbol) ?? { updates: 0 })))

    const feeds = symbols.map((symbol) =>
      Stream.merge(
        ws.ticker(symbol).pipe(
          Stream.map((t) => (q: Quote): Quote => ({
            ...q,
            last: t.lastPrice,
            open: t.firstPrice,
            volume: t.volume,
            updates: q.updates + 1
          }))
        ),
        ws.bookTicker(symbol).pipe(
          Stream.map((b) => (q: Quote): Quote => ({
            ...q,
            bid: b.bestBidPrice,
            ask: b.bestAskPrice,
            updates: q.updates + 1
          }))
        )
      ).pipe(Stream.mapEffect((f) => update(symbol, f)))
    )

    const print = Effect.gen(function*() {
      const status = yield* SubscriptionRef.get(ws.status)
      const all = yield* Ref.get(quotes)
      yield* Console.log(`\n[${new Date().toISOString()}] connection: ${status._tag}`)
      yield* Console.log(header)
      for (const symbol of symbols) yield* Console.log(renderQuote(symbol, all.get(symbol) ?? { updates: 0 }))
    })

    yield* Console.log(`monitoring ${symbols.join(", ")} for ${seconds} s (one WebSocket connection)`)
    yield* Stream.mergeAll(feeds, { concurrency: "unbounded" }).pipe(
      Stream.runDrain,
      Effect.zipRight(Effect.never),
      Effect.raceFirst(Effect.repeat(print, Schedule.spaced("1 second")).pipe(Effect.zipRight(Effect.never))),
      Effect.timeoutTo({ duration: `${seconds} seconds`, onSuccess: () => undefined, onTimeout: () => undefined })
    )
    yield* print
    return yield* Ref.get(quotes)
  })

const argument = (name: string): Option.Option<string> => {
  const index = process.argv.indexOf(`--${name}`)
  return index < 0 ? Option.none() : Option.fromNullable(process.argv[index + 1])
}

/** The SDK on an in-process simulator with background activity (no credentials needed). */
export const simulatorLayer = Layer.unwrapScoped(
  Effect.gen(function*() {
    const sim = yield* Simulator.make({ seed: 7, demoAccount: false, activity: { intervalMs: 100 } })
    yield* Console.log(`simulator listening on ${sim.url} (WebSocket ${sim.wsUrl})`)
    return BackpackNode.layer({ host: sim.url, wsUrl: sim.wsUrl })
  })
)

/** Picks the exchange from the environment and the options from the command line. */
export const main = Effect.gen(function*() {
  const seconds = Number(Option.getOrElse(argument("seconds"), () => "10"))
  const symbols = Option.getOrElse(argument("symbols"), () => "SOL_USDC,BTC_USDC,ETH_USDC").split(",")
  const wsUrl = yield* Config.option(Config.string("BACKPACK_WS_URL"))
  const host = yield* Config.option(Config.string("BACKPACK_HOST"))
  const layer = Option.isSome(wsUrl) || Option.isSome(host) ? BackpackNode.layerConfig : simulatorLayer
  yield* monitor(symbols, Number.isFinite(seconds) && seconds > 0 ? seconds : 10).pipe(Effect.provide(layer))
})

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  NodeRuntime.runMain(main)
}

/**
 * The decoding policy for informational fields: lenient by default (the answer is kept, the field is
 * `undefined`, a Warning once per operation and field, a counter every time), strict on request (the
 * answer fails with `DecodeError` naming the field). Essential fields fail in both.
 */
import { Assets, BackpackStream, Markets, Metrics } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Effect, Either, FastCheck as fc, Logger, LogLevel, Metric, Option, Ref, Schema } from "effect"
import { ethTicker, perpMarket } from "./utils/fixtures.js"
import { mockHttp, sdkLayer } from "./utils/mock.js"

const ticker = ethTicker

const fmt = (value: BigDecimal.BigDecimal | undefined) => value === undefined ? undefined : BigDecimal.format(value)

/** Runs `effect` on the mock SDK with `decoding`, collecting every log line at Warning and above. */
const run = <A, E>(
  body: unknown,
  effect: Effect.Effect<A, E, Markets.Markets | Assets.Assets>,
  decoding?: "lenient" | "strict"
) =>
  Effect.gen(function*() {
    const http = mockHttp(() => ({ body }))
    const logs = yield* Ref.make<ReadonlyArray<string>>([])
    const logger = Logger.make(({ logLevel, message }) => {
      if (LogLevel.greaterThanEqual(logLevel, LogLevel.Warning)) {
        Effect.runSync(Ref.update(logs, (all) => [...all, String(Array.isArray(message) ? message[0] : message)]))
      }
    })
    const exit = yield* effect.pipe(
      Effect.provide(sdkLayer(http.layer, { config: decoding === undefined ? {} : { decoding } })),
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Effect.either
    )
    return { exit, logs: yield* Ref.get(logs) }
  })

const counter = (operation: string, field: string) =>
  Effect.map(
    Metric.value(
      Metric.tagged(Metric.tagged(Metrics.informationalUnknown, "operation", operation), "field", field)
    ),
    (state) => state.count
  )

describe("decoding policy for informational fields", () => {
  it.effect("lenient (default): a percentage sent as \"-0.49%\" keeps the ticker, the field undefined, logged once", () =>
    Effect.gen(function*() {
      const odd = [{ ...ticker, priceChangePercent: "-0.49%" }, { ...ticker, symbol: "SOL_USDC", high: [1] }]
      const before = yield* counter("Markets.getTickers", "priceChangePercent")
      const first = yield* run(odd, Markets.getTickers())
      const tickers = Either.getOrThrow(first.exit)
      expect(tickers.map((t) => t.symbol)).toEqual(["ETH_USDC", "SOL_USDC"])
      expect(tickers[0]!.priceChangePercent).toBeUndefined()
      expect(fmt(tickers[0]!.lastPrice)).toBe("4182.41")
      expect(fmt(tickers[0]!.high)).toBe("4349.75")
      expect(tickers[1]!.high).toBeUndefined()
      expect(fmt(tickers[1]!.priceChangePercent)).toBe("-0.004868")
      expect(first.logs).toHaveLength(2)
      expect(first.logs[0]).toContain("Markets.getTickers: informational field priceChangePercent not understood")
      expect(first.logs[0]).toContain("decoded as undefined")
      expect(first.logs[1]).toContain("informational field high not understood")
      // the same client reports each operation and field once; the counter counts every occurrence
      const twice = yield* run(
        odd,
        Effect.zipRight(Markets.getTickers(), Markets.getTickers())
      )
      expect(Either.isRight(twice.exit)).toBe(true)
      expect(twice.logs).toHaveLength(2)
      expect((yield* counter("Markets.getTickers", "priceChangePercent")) - before).toBe(3)
    }))

  it.effect("strict: the same answer fails with DecodeError at the field", () =>
    Effect.gen(function*() {
      const { exit, logs } = yield* run(
        [{ ...ticker, priceChangePercent: "-0.49%" }],
        Markets.getTickers(),
        "strict"
      )
      const error = Either.getLeft(exit).pipe(Option.getOrThrow)
      expect(error._tag).toBe("DecodeError")
      expect(error._tag === "DecodeError" && error.path).toBe("[0].priceChangePercent")
      expect(logs).toEqual([])
    }))

  it.effect("an essential field fails the answer under either policy", () =>
    Effect.gen(function*() {
      for (const decoding of ["lenient", "strict"] as const) {
        const { exit } = yield* run([{ ...ticker, lastPrice: "-0.49%" }], Markets.getTickers(), decoding)
        const error = Either.getLeft(exit).pipe(Option.getOrThrow)
        expect([decoding, error._tag, error._tag === "DecodeError" && error.path]).toEqual([
          decoding,
          "DecodeError",
          "[0].lastPrice"
        ])
      }
    }))

  it.effect("markets: an unreadable band or multiplier keeps the market and its tick size", () =>
    Effect.gen(function*() {
      const market = {
        ...perpMarket,
        filters: {
          ...perpMarket.filters,
          price: { ...perpMarket.filters.price, maxMultiplier: "1.25x", meanMarkPriceBand: { maxMultiplier: true } }
        },
        createdAt: "yesterday"
      }
      const { exit, logs } = yield* run([market], Markets.getMarkets())
      const [decoded] = Either.getOrThrow(exit)
      expect(decoded!.filters.price.maxMultiplier).toBeUndefined()
      expect(decoded!.filters.price.meanMarkPriceBand).toBeUndefined()
      expect(decoded!.createdAt).toBeUndefined()
      expect(fmt(decoded!.filters.price.tickSize)).toBe(perpMarket.filters.price.tickSize)
      expect(logs.map((l) => l.split(" not understood")[0])).toEqual([
        "Markets.getMarkets: informational field maxMultiplier",
        "Markets.getMarkets: informational field meanMarkPriceBand.maxMultiplier",
        "Markets.getMarkets: informational field createdAt"
      ])
    }))

  it.effect("assets: a display name sent as a number keeps the asset and its withdrawal fee", () =>
    Effect.gen(function*() {
      const token = {
        displayName: 7,
        blockchain: "Solana",
        contractAddress: null,
        depositEnabled: true,
        minimumDeposit: "0.01",
        withdrawEnabled: true,
        minimumWithdrawal: "0.02",
        maximumWithdrawal: null,
        withdrawalFee: "0.002"
      }
      const { exit, logs } = yield* run(
        [{ symbol: "SOL", displayName: "Solana", coingeckoId: "solana", tokens: [token] }],
        Assets.getAssets()
      )
      const [asset] = Either.getOrThrow(exit)
      expect(asset!.displayName).toBe("Solana")
      expect(asset!.tokens[0]!.displayName).toBeUndefined()
      expect(fmt(asset!.tokens[0]!.withdrawalFee)).toBe("0.002")
      expect(logs).toHaveLength(1)
      expect(logs[0]).toContain("Assets.getAssets: informational field displayName not understood")
    }))

  it.effect("streams decode the same way (lenient, silent): a ticker event with an odd volume is kept", () =>
    Effect.sync(() => {
      const event = {
        e: "ticker",
        E: 1694687692980000,
        s: "SOL_USDC",
        o: "18.75",
        c: "19.24",
        h: "19.80",
        l: "18.50",
        v: "32123",
        V: "1.2e",
        n: 93828
      }
      const decoded = Schema.decodeUnknownSync(BackpackStream.TickerEvent)(event)
      expect(decoded.quoteVolume).toBeUndefined()
      expect(fmt(decoded.lastPrice)).toBe("19.24")
      expect(decoded.trades).toBe(93828)
      expect(Either.isLeft(Schema.decodeUnknownEither(BackpackStream.TickerEvent)({ ...event, c: "x" }))).toBe(true)
    }))

  it.effect("property: replacing informational values by garbage changes only those fields (lenient)", () =>
    Effect.sync(() => {
      const fields = ["firstPrice", "high", "low", "priceChange", "priceChangePercent", "volume", "quoteVolume"]
      const garbage = fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.string().filter((s) => !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 })
      )
      const decode = Schema.decodeUnknownEither(Markets.Ticker)
      const original = Either.getOrThrow(decode(ticker))
      fc.assert(
        fc.property(fc.subarray(fields, { minLength: 1 }), fc.array(garbage, { minLength: 7, maxLength: 7 }), (
          spoiled,
          values
        ) => {
          const input: Record<string, unknown> = { ...ticker }
          spoiled.forEach((field, i) => (input[field] = values[i]))
          const decoded = Either.getOrThrow(decode(input)) as unknown as Record<string, unknown>
          for (const field of fields) {
            if (spoiled.includes(field)) expect(decoded[field]).toBeUndefined()
            else expect(decoded[field]).toEqual((original as unknown as Record<string, unknown>)[field])
          }
          expect(decoded.lastPrice).toEqual(original.lastPrice)
        }),
        { numRuns: 200, seed: 20261201 }
      )
    }))
})

/**
 * Benchmark 4: turning response text into values. The SDK decodes with its response schemas
 * (decimals to exact `BigDecimal`, ids above 2^53 kept exact, levels sorted best first); CCXT parses
 * into its unified structures, where prices and quantities become JS numbers (floats). Both rows
 * include `JSON.parse` of the same text; a `JSON.parse`-only row gives the floor.
 *
 * @since 0.1.0
 */
import { Markets, Orders } from "@effect-backpack/sdk"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as Ccxt from "../Ccxt.js"
import * as Harness from "../Harness.js"
import { depthJson, openOrdersJson } from "../Payloads.js"
import type { Budget, Section } from "../Section.js"

// the options the SDK's executor decodes responses with
const decodeOptions = { onExcessProperty: "ignore", errors: "first" } as const
const decodeDepth = Schema.decodeUnknownSync(Markets.Depth, decodeOptions)
const decodeOpenOrders = Schema.decodeUnknownSync(Schema.Array(Orders.OrderType), decodeOptions)

/** What CCXT's fetchOrderBook does with the parsed answer (microseconds → ms, parse, nonce). */
const ccxtOrderBook = (exchange: Ccxt.Exchange, json: unknown) => {
  const microseconds = exchange.safeInteger(json as Record<string, unknown>, "timestamp")!
  const book = exchange.parseOrderBook(json as object, "SOL/USDC", exchange.parseToInt(microseconds / 1000))
  book.nonce = exchange.safeInteger(json as Record<string, unknown>, "lastUpdateId")
  return book
}

/** Plain positional notation (never scientific), from the exact digits. */
const plain = (value: BigDecimal.BigDecimal): string => {
  const n = BigDecimal.normalize(value)
  if (n.scale <= 0) return (n.value * 10n ** BigInt(-n.scale)).toString()
  const negative = n.value < 0n
  const digits = (negative ? -n.value : n.value).toString().padStart(n.scale + 1, "0")
  return `${negative ? "-" : ""}${digits.slice(0, digits.length - n.scale)}.${digits.slice(digits.length - n.scale)}`
}

/** The floor of exact decoding: every decimal string to a BigDecimal, nothing validated or sorted. */
const bareExactLevels = (
  json: { readonly bids: ReadonlyArray<[string, string]>; readonly asks: ReadonlyArray<[string, string]> }
) => {
  const level = ([price, quantity]: [string, string]) =>
    [BigDecimal.unsafeFromString(price), BigDecimal.unsafeFromString(quantity)] as const
  return { bids: json.bids.map(level), asks: json.asks.map(level) }
}

const sumExact = (values: ReadonlyArray<BigDecimal.BigDecimal>): BigDecimal.BigDecimal =>
  values.reduce((acc, x) => BigDecimal.sum(acc, x), BigDecimal.fromBigInt(0n))

const notionalExact = (levels: ReadonlyArray<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>) =>
  sumExact(levels.map(([price, quantity]) => BigDecimal.multiply(price, quantity)))

/**
 * Runs benchmark 4. `exchange` must have its markets loaded (CCXT's order parser looks the market up).
 *
 * @since 0.1.0
 * @category benchmarks
 */
export const run = (budget: Budget, exchange: Ccxt.Exchange): Effect.Effect<Section, Error> =>
  Effect.gen(function*() {
    const levels = 1000
    const depthText = depthJson(levels)
    const ordersText = openOrdersJson(100)
    const market = exchange.market("SOL/USDC")

    // same answers on both sides before timing anything
    const sdkBook = decodeDepth(JSON.parse(depthText))
    const ccxtBook = ccxtOrderBook(exchange, JSON.parse(depthText))
    const sdkOrders = decodeOpenOrders(JSON.parse(ordersText))
    const ccxtOrders = exchange.parseOrders(JSON.parse(ordersText), market)
    if (
      sdkBook.bids.length !== levels || ccxtBook.bids.length !== levels ||
      BigDecimal.format(sdkBook.bids[0]![0]) !== String(ccxtBook.bids[0]![0]) ||
      BigDecimal.format(sdkBook.asks[0]![0]) !== String(ccxtBook.asks[0]![0]) ||
      sdkOrders.length !== 100 || ccxtOrders.length !== 100 || sdkOrders[7]!.id !== ccxtOrders[7]!.id
    ) {
      return yield* Effect.fail(new Error("the SDK and CCXT decoded the payloads differently"))
    }

    const depthPlan = { warmup: budget.pick(50, 10), iterations: budget.pick(200, 25) }
    const ordersPlan = { warmup: budget.pick(100, 10), iterations: budget.pick(400, 40) }
    const results = [
      Harness.measureSync("JSON.parse only, depth 1000+1000 levels", depthPlan, () => JSON.parse(depthText)),
      Harness.measureSync("SDK Markets.Depth (BigDecimal)", depthPlan, () => decodeDepth(JSON.parse(depthText))),
      Harness.measureSync(
        "floor: JSON.parse + BigDecimal.unsafeFromString per value",
        depthPlan,
        () => bareExactLevels(JSON.parse(depthText))
      ),
      Harness.measureSync(
        "CCXT parseOrderBook (float)",
        depthPlan,
        () => ccxtOrderBook(exchange, JSON.parse(depthText))
      ),
      Harness.measureSync("JSON.parse only, 100 open orders", ordersPlan, () => JSON.parse(ordersText)),
      Harness.measureSync(
        "SDK Array(Orders.OrderType) (BigDecimal)",
        ordersPlan,
        () => decodeOpenOrders(JSON.parse(ordersText))
      ),
      Harness.measureSync(
        "CCXT parseOrders (float)",
        ordersPlan,
        () => exchange.parseOrders(JSON.parse(ordersText), market)
      )
    ]

    // what the float conversion costs in exactness, computed on the same payloads
    const exactBidNotional = notionalExact(sdkBook.bids)
    const floatBidNotional = ccxtBook.bids.reduce((acc, [price, quantity]) => acc + price! * quantity!, 0)
    const exactFilledCost = sumExact(sdkOrders.map((o) => o.executedQuoteQuantity))
    const floatFilledCost = ccxtOrders.reduce((acc, o) => acc + (o.cost ?? 0), 0)
    const fine = "0.123456789012345678"
    const fineBook = exchange.parseOrderBook({ bids: [["180.01", fine]], asks: [] }, "SOL/USDC")
    const fineSdk = decodeDepth({ bids: [["180.01", fine]], asks: [], lastUpdateId: "1", timestamp: 1 })

    return {
      title: "4. Decoding responses (same JSON text; includes JSON.parse)",
      results,
      notes: [
        `Depth payload: ${levels} bids + ${levels} asks, ${(depthText.length / 1024).toFixed(0)} KiB; ` +
        `open orders: 100 limit orders, ${(ordersText.length / 1024).toFixed(0)} KiB.`,
        "The SDK produces exact BigDecimal prices/quantities, a bigint lastUpdateId and string ids, and checks every " +
        "field against the schema (a malformed answer is a DecodeError); CCXT converts prices and amounts to JS " +
        "numbers (floats) and does not validate.",
        `Precision: sum of price × quantity over the ${levels} bids — SDK (exact) ${plain(exactBidNotional)}, ` +
        `CCXT floats ${floatBidNotional}.`,
        `Precision: sum of executedQuoteQuantity over the 100 orders — SDK (exact) ${
          plain(exactFilledCost)
        }, CCXT floats (order.cost) ${floatFilledCost}.`,
        `Precision: a quantity of "${fine}" decodes to ${plain(fineSdk.bids[0]![1])} in the SDK and to ` +
        `${fineBook.bids[0]![1]} in CCXT.`,
        "The 'floor' row converts every decimal of the book to BigDecimal without Schema (no validation, no " +
        "sorting): the gap between it and the SDK row is the cost of schema decoding, not of exact decimals.",
        "Order ids (above 2^53) stay strings on both sides."
      ]
    }
  })

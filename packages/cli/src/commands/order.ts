/**
 * `bpx order place …` and `bpx order cancel …` (signed). Both ask for confirmation unless `--yes`,
 * and refuse to ask when stdin is not a terminal. Prices and quantities are checked against the
 * market's tick and step sizes before the question is asked, and sent exactly as written.
 *
 * @since 0.1.0
 */
import { Markets, Orders, Precision } from "@effect-backpack/sdk"
import * as Args from "@effect/cli/Args"
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { UsageError } from "../internal/errors.js"
import { confirm, json, printJson, printLines, withSdk, yes } from "../internal/shared.js"
import * as Table from "../internal/table.js"
import { orderColumns } from "./orders.js"

const symbol = Args.text({ name: "symbol" }).pipe(Args.withDescription("Market symbol, e.g. SOL_USDC"))

const side = Options.choiceWithValue(
  "side",
  [
    ["buy", "Bid"],
    ["sell", "Ask"],
    ["Bid", "Bid"],
    ["Ask", "Ask"]
  ] as const
).pipe(Options.withDescription("buy (Bid) or sell (Ask)"))

const optionalText = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.optional)

const some = <K extends string, A>(key: K, value: Option.Option<A>): { [P in K]?: A } =>
  Option.isSome(value) ? { [key]: value.value } as { [P in K]: A } : {}

/** A positive decimal written in plain fixed point (what the exchange accepts). */
const positiveDecimal = /^(?:\d+\.?\d*|\.\d+)$/

interface PlaceInput {
  readonly symbol: string
  readonly side: "Bid" | "Ask"
  readonly quantity: Option.Option<string>
  readonly price: Option.Option<string>
  readonly quoteQuantity: Option.Option<string>
  readonly timeInForce: Option.Option<"GTC" | "IOC" | "FOK">
  readonly postOnly: boolean
  readonly clientId: Option.Option<number>
}

/** The order to send, or the reason it cannot be (checked before any request). */
const orderParams = (input: PlaceInput): Effect.Effect<Orders.OrderExecuteParams, UsageError> => {
  const fail = (message: string) => Effect.fail(new UsageError({ message }))
  const limit = Option.isSome(input.price)
  if (limit && Option.isSome(input.quoteQuantity)) {
    return fail("--quote-quantity is only for market orders (no --price)")
  }
  if (limit && Option.isNone(input.quantity)) return fail("a limit order (--price) needs --quantity")
  if (!limit && Option.isSome(input.quantity) === Option.isSome(input.quoteQuantity)) {
    return fail("a market order needs exactly one of --quantity or --quote-quantity")
  }
  if (!limit && (input.postOnly || Option.isSome(input.timeInForce))) {
    return fail("--post-only and --time-in-force need a limit order (--price)")
  }
  if (Option.isSome(input.quoteQuantity) && !positiveDecimal.test(input.quoteQuantity.value)) {
    return fail(`--quote-quantity ${JSON.stringify(input.quoteQuantity.value)} is not a plain decimal`)
  }
  return Effect.succeed({
    symbol: input.symbol,
    side: input.side,
    orderType: limit ? "Limit" : "Market",
    ...some("quantity", input.quantity),
    ...some("quoteQuantity", input.quoteQuantity),
    ...some("price", input.price),
    ...some("timeInForce", input.timeInForce),
    ...(input.postOnly ? { postOnly: true } : {}),
    ...some("clientId", input.clientId)
  })
}

/** What the confirmation asks about: `place a limit order to buy 1.5 SOL_USDC at 20.50`. */
const describeOrder = (order: Orders.OrderExecuteParams): string => {
  const verb = order.side === "Bid" ? "buy" : "sell"
  const amount = order.quantity !== undefined
    ? `${String(order.quantity)} ${order.symbol}`
    : `${order.symbol} for ${String(order.quoteQuantity)} (quote)`
  const price = order.price === undefined ? " at market" : ` at ${String(order.price)}`
  const flags = [order.timeInForce, order.postOnly === true ? "post-only" : undefined].filter((f) => f !== undefined)
  return `place a ${order.orderType.toLowerCase()} order to ${verb} ${amount}${price}${
    flags.length === 0 ? "" : ` (${flags.join(", ")})`
  }`
}

const place = Command.make(
  "place",
  {
    symbol,
    side,
    quantity: optionalText("quantity", "Base quantity, e.g. 1.5 (a multiple of the market's step size)").pipe(
      Options.withAlias("q")
    ),
    price: optionalText("price", "Limit price (a multiple of the tick size); without it the order is a market order")
      .pipe(Options.withAlias("p")),
    quoteQuantity: optionalText("quote-quantity", "Market orders: quote amount to spend (buy) or receive (sell)"),
    timeInForce: Options.choice("time-in-force", ["GTC", "IOC", "FOK"] as const).pipe(
      Options.withDescription("Limit orders: GTC (default), IOC or FOK"),
      Options.optional
    ),
    postOnly: Options.boolean("post-only").pipe(Options.withDescription("Limit orders: refuse to take liquidity")),
    clientId: Options.integer("client-id").pipe(
      Options.withDescription("Your uint32 id for the order (generated when omitted)"),
      Options.optional
    ),
    yes,
    json
  },
  (input) =>
    Effect.gen(function*() {
      const params = yield* orderParams(input)
      const market = yield* (yield* Markets.Markets).getMarket({ symbol: input.symbol })
      const [issue] = Precision.checkOrder(market, params)
      if (issue !== undefined) return yield* new UsageError({ message: `${issue.code}: ${issue.message}` })
      yield* confirm(describeOrder(params), input.yes)
      const order = yield* (yield* Orders.Orders).executeOrder(params)
      yield* input.json ? printJson(order) : printLines(Table.render(orderColumns, [order]))
    }).pipe(withSdk)
).pipe(
  Command.withDescription(
    "Place an order: a limit order with --price, a market order without (asks for confirmation unless --yes)"
  )
)

const cancel = Command.make(
  "cancel",
  {
    symbol,
    id: optionalText("id", "Exchange id of the order to cancel"),
    clientId: Options.integer("client-id").pipe(
      Options.withDescription("Your client id of the order to cancel"),
      Options.optional
    ),
    all: Options.boolean("all").pipe(Options.withDescription("Cancel every open order of the market")),
    yes,
    json
  },
  (input) =>
    Effect.gen(function*() {
      const targets = [Option.isSome(input.id), Option.isSome(input.clientId), input.all].filter(Boolean).length
      if (targets !== 1) return yield* new UsageError({ message: "give exactly one of --id, --client-id or --all" })
      const orders = yield* Orders.Orders
      if (input.all) {
        yield* confirm(`cancel every open order on ${input.symbol}`, input.yes)
        const result = yield* orders.cancelOpenOrders({ symbol: input.symbol })
        if (Orders.isCancelAccepted(result)) return yield* printAccepted(input.json)
        return yield* input.json ? printJson(result) : printLines(Table.render(orderColumns, result))
      }
      const which = Option.isSome(input.id)
        ? `order ${input.id.value}`
        : `order with client id ${Option.getOrThrow(input.clientId)}`
      yield* confirm(`cancel ${which} on ${input.symbol}`, input.yes)
      const result = yield* orders.cancelOrder({
        symbol: input.symbol,
        ...some("orderId", input.id),
        ...some("clientId", input.clientId)
      })
      if (Orders.isCancelAccepted(result)) return yield* printAccepted(input.json)
      yield* input.json ? printJson(result) : printLines(Table.render(orderColumns, [result]))
    }).pipe(withSdk)
).pipe(
  Command.withDescription(
    "Cancel one order (--id or --client-id) or every open order of a market (--all); asks for confirmation unless --yes"
  )
)

const printAccepted = (asJson: boolean) =>
  asJson ? printJson({ status: "accepted" }) : printLines(["cancel accepted: the exchange will execute it shortly"])

/**
 * @since 0.1.0
 * @category commands
 */
export const command = Command.make("order").pipe(
  Command.withDescription("Place or cancel orders"),
  Command.withSubcommands([place, cancel])
)

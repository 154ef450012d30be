/**
 * Deterministic inputs shared by both sides of every comparison: the 10-field order, a
 * 1000-level depth snapshot and a 100-order open-orders answer, as the exchange sends them (decimal
 * strings, ids as strings above 2^53, bids and asks both in ascending price order as the live REST
 * API sends them).
 *
 * @since 0.1.0
 */

/**
 * A small seeded generator (mulberry32) so every run decodes exactly the same bytes.
 *
 * @since 0.1.0
 * @category random
 */
export const prng = (seed: number): () => number => {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A decimal string of `units / 10^scale` (integer arithmetic, no float rounding).
 *
 * @since 0.1.0
 * @category random
 */
export const fixed = (units: number, scale: number): string => {
  const digits = String(units).padStart(scale + 1, "0")
  return scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
}

/**
 * The order both signers sign: ten fields of `OrderExecutePayload` (strings, a number and booleans,
 * all made of characters CCXT's percent-encoding leaves alone, so both sides sign identical text).
 *
 * @since 0.1.0
 * @category payloads
 */
export const order10 = {
  autoLend: false,
  clientId: 123456,
  orderType: "Limit",
  postOnly: true,
  price: "150.25",
  quantity: "12.34",
  reduceOnly: false,
  selfTradePrevention: "RejectTaker",
  side: "Bid",
  symbol: "SOL_USDC"
} as const

/**
 * The `orderExecute` instruction.
 *
 * @since 0.1.0
 * @category payloads
 */
export const orderInstruction = "orderExecute"

/**
 * A `GET /api/v1/depth` answer with `levels` bids and `levels` asks around 180 USDC (tick 0.01,
 * quantities with 2 decimals).
 *
 * @since 0.1.0
 * @category payloads
 */
export const depthJson = (levels: number, seed = 7): string => {
  const random = prng(seed)
  const bids: Array<[string, string]> = []
  const asks: Array<[string, string]> = []
  let bid = 18_000
  let ask = 18_001
  for (let i = 0; i < levels; i++) {
    bids.push([fixed(bid, 2), fixed(1 + Math.floor(random() * 50_000), 2)])
    asks.push([fixed(ask, 2), fixed(1 + Math.floor(random() * 50_000), 2)])
    bid -= 1 + Math.floor(random() * 3)
    ask += 1 + Math.floor(random() * 3)
  }
  bids.reverse() // the REST API lists bids lowest price first too
  return JSON.stringify({ asks, bids, lastUpdateId: "1504999670", timestamp: 1753102447307501 })
}

/**
 * A `GET /api/v1/orders` answer: `count` resting limit orders (ids above 2^53 as strings, some
 * partially filled, some with a `clientId`, every optional field `null` as the live API sends it).
 *
 * @since 0.1.0
 * @category payloads
 */
export const openOrdersJson = (count: number, seed = 11): string => {
  const random = prng(seed)
  const orders: Array<Record<string, unknown>> = []
  for (let i = 0; i < count; i++) {
    const bid = i % 2 === 0
    const price = bid ? 17_000 - Math.floor(random() * 2000) : 19_000 + Math.floor(random() * 2000)
    const quantity = 1 + Math.floor(random() * 100_000)
    const executed = i % 5 === 0 ? Math.floor(quantity / 3) : 0
    orders.push({
      clientId: i % 3 === 0 ? 1000 + i : null,
      createdAt: 1753626206762 + i * 1013,
      executedQuantity: fixed(executed, 2),
      executedQuoteQuantity: fixed(executed * price, 4),
      id: String(111063114377266302n + BigInt(i) * 7919n),
      orderType: "Limit",
      postOnly: i % 4 === 0,
      price: fixed(price, 2),
      quantity: fixed(quantity, 2),
      reduceOnly: null,
      relatedOrderId: null,
      selfTradePrevention: "RejectTaker",
      side: bid ? "Bid" : "Ask",
      status: executed > 0 ? "PartiallyFilled" : "New",
      stopLossLimitPrice: null,
      stopLossTriggerBy: null,
      stopLossTriggerPrice: null,
      strategyId: null,
      symbol: "SOL_USDC",
      takeProfitLimitPrice: null,
      takeProfitTriggerBy: null,
      takeProfitTriggerPrice: null,
      timeInForce: "GTC",
      triggerBy: null,
      triggerPrice: null,
      triggerQuantity: null,
      triggeredAt: null
    })
  }
  return JSON.stringify(orders)
}

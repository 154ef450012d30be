/**
 * Canned answers of the loopback Backpack server: markets, assets, a depth book and an order, in the
 * exchange's wire format (the shapes the simulator and the live API send). Prices are ticks of
 * 0.01; every price and quantity is written with exactly two decimals, so a price has one textual
 * form (the raw client keys its `Map` by that text).
 *
 * @since 0.1.0
 */

/** Symbols served: `SOL_USDC` first, then `B1_USDC` … `B63_USDC` for the multi-symbol runs. */
export const symbols: ReadonlyArray<string> = [
  "SOL_USDC",
  ...Array.from({ length: 63 }, (_, i) => `B${i + 1}_USDC`)
]

/** The CCXT unified symbol of a Backpack symbol (`SOL_USDC` → `SOL/USDC`). */
export const unified = (symbol: string): string => symbol.replace("_", "/")

/** Price of the book's middle, in ticks of 0.01 (180.00). */
export const midTick = 18_000

/** `n` ticks of 0.01 as a two-decimal string. */
export const ticks = (n: number): string => {
  const whole = Math.floor(n / 100)
  const cents = n - whole * 100
  return `${whole}.${cents < 10 ? "0" : ""}${cents}`
}

/** A deterministic PRNG (mulberry32), the same sequence on every run. */
export const prng = (seed: number): () => number => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A quantity in hundredths: 0.01 … 1000.00. */
export const randomQuantity = (random: () => number): number => 1 + Math.floor(random() * 100_000)

const market = (symbol: string) => ({
  symbol,
  baseSymbol: symbol.split("_")[0],
  quoteSymbol: "USDC",
  marketType: "SPOT",
  filters: {
    price: {
      minPrice: "0.01",
      maxPrice: null,
      tickSize: "0.01",
      maxMultiplier: "1.25",
      minMultiplier: "0.75",
      maxImpactMultiplier: "1.05",
      minImpactMultiplier: "0.95",
      meanMarkPriceBand: null,
      meanPremiumBand: null,
      borrowEntryFeeMaxMultiplier: null,
      borrowEntryFeeMinMultiplier: null
    },
    quantity: { minQuantity: "0.01", maxQuantity: null, stepSize: "0.01" }
  },
  imfFunction: null,
  mmfFunction: null,
  fundingInterval: null,
  fundingRateUpperBound: null,
  fundingRateLowerBound: null,
  openInterestLimit: null,
  orderBookState: "Open",
  createdAt: "2024-01-16T08:00:00.123456",
  visible: true,
  positionLimitWeight: null
})

/** `GET /api/v1/markets`. */
export const marketsJson: string = JSON.stringify(symbols.map(market))

const asset = (symbol: string, name: string) => ({
  symbol,
  displayName: name,
  coingeckoId: null,
  tokens: [{
    displayName: name,
    blockchain: "Solana",
    contractAddress: null,
    depositEnabled: true,
    minimumDeposit: "0.01",
    withdrawEnabled: true,
    minimumWithdrawal: "0.01",
    maximumWithdrawal: null,
    withdrawalFee: "0.002",
    nativeDecimals: 9
  }]
})

/** `GET /api/v1/assets`. */
export const assetsJson: string = JSON.stringify([
  asset("USDC", "USD Coin"),
  ...symbols.map((s) => asset(s.split("_")[0]!, s.split("_")[0]!))
])

/** Starting `lastUpdateId` of every book. */
export const firstUpdateId = 1_000_000_000

/** Levels of a book: bid and ask maps from price tick to quantity (hundredths). */
export interface LevelBook {
  readonly bids: Map<number, number>
  readonly asks: Map<number, number>
}

/** A book of `levels` bids and `levels` asks around {@link midTick}, deterministic for a seed. */
export const initialBook = (levels: number, seed: number): LevelBook => {
  const random = prng(seed)
  const bids = new Map<number, number>()
  const asks = new Map<number, number>()
  for (let i = 1; i <= levels; i++) {
    bids.set(midTick - i, randomQuantity(random))
    asks.set(midTick + i, randomQuantity(random))
  }
  return { bids, asks }
}

/**
 * The wire form of a book (`GET /api/v1/depth`): asks ascending, bids ascending too (as the live API
 * sends them; clients sort), decimals as two-decimal strings.
 */
export const depthJson = (book: LevelBook, lastUpdateId: number, timestamp: number): string => {
  const side = (levels: Map<number, number>) =>
    [...levels.entries()].sort((a, b) => a[0] - b[0]).map(([p, q]) => `["${ticks(p)}","${ticks(q)}"]`).join(",")
  return `{"asks":[${side(book.asks)}],"bids":[${
    side(book.bids)
  }],"lastUpdateId":"${lastUpdateId}","timestamp":${timestamp}}`
}

/** The canonical text of a book for comparisons: `price:quantity` best first, normalised decimals. */
export const canonical = (
  bids: ReadonlyArray<readonly [string, string]>,
  asks: ReadonlyArray<readonly [string, string]>
): string => {
  const norm = (s: string) => {
    if (!s.includes(".")) return s
    const t = s.replace(/0+$/, "")
    return t.endsWith(".") ? t.slice(0, -1) : t
  }
  const render = (levels: ReadonlyArray<readonly [string, string]>) =>
    levels.map(([p, q]) => `${norm(p)}:${norm(q)}`).join(",")
  return `bids ${render(bids)} | asks ${render(asks)}`
}

/** Canonical text of a server-side book. */
export const canonicalOf = (book: LevelBook): string =>
  canonical(
    [...book.bids.entries()].sort((a, b) => b[0] - a[0]).map(([p, q]) => [ticks(p), ticks(q)] as const),
    [...book.asks.entries()].sort((a, b) => a[0] - b[0]).map(([p, q]) => [ticks(p), ticks(q)] as const)
  )

/** The order answer of `POST /api/v1/order` (a resting post-only limit bid), for an id and client id. */
export const orderJson = (
  id: string,
  body: {
    readonly symbol?: unknown
    readonly price?: unknown
    readonly quantity?: unknown
    readonly clientId?: unknown
  },
  createdAt: number
): string =>
  JSON.stringify({
    orderType: "Limit",
    id,
    clientId: typeof body.clientId === "number" ? body.clientId : null,
    symbol: typeof body.symbol === "string" ? body.symbol : "SOL_USDC",
    side: "Bid",
    executedQuantity: "0",
    executedQuoteQuantity: "0",
    reduceOnly: null,
    timeInForce: "GTC",
    selfTradePrevention: "RejectTaker",
    status: "New",
    createdAt,
    triggerBy: null,
    triggerPrice: null,
    triggerQuantity: null,
    stopLossTriggerBy: null,
    stopLossTriggerPrice: null,
    stopLossLimitPrice: null,
    takeProfitTriggerBy: null,
    takeProfitTriggerPrice: null,
    takeProfitLimitPrice: null,
    triggeredAt: null,
    relatedOrderId: null,
    price: typeof body.price === "string" ? body.price : "1.00",
    quantity: typeof body.quantity === "string" ? body.quantity : "1.00",
    postOnly: true
  })

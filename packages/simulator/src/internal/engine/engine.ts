/**
 * The simulated exchange's state and clock. The behaviour lives in the domain modules beside this one:
 *
 * - `book.ts`: order books (price levels, best bid/ask, depth change tracking),
 * - `matching.ts`: order validation, price-time priority matching, trades and fees, cancels,
 * - `accounts.ts`: accounts, balances, deposits, withdrawals, open-order index,
 * - `perps.ts`: positions, margin, mark/index prices, funding,
 * - `marketData.ts`: last/mark price, public trade buffer, tickers and klines,
 * - `activity.ts`: seeded market makers and background flow,
 * - `events.ts`: the event bus those modules publish on (the WebSocket hub and market data subscribe).
 *
 * Everything is synchronous and exact (`bigint` fixed point); the HTTP/WS layers wrap it.
 *
 * @internal
 */
import * as D from "../decimal.js"
import type { AssetDefinition, MarketDefinition } from "../markets.js"
import { defaultAssets, defaultMarkets } from "../markets.js"
import { klineIntervals } from "../markets.js"
import * as Prng from "../prng.js"
import * as Accounts from "./accounts.js"
import * as Activity from "./activity.js"
import { EventBus } from "./events.js"
import { Ring } from "./history.js"
import * as MarketData from "./marketData.js"
import type { Account, Market, Side } from "./model.js"
import { ApiFailure } from "./model.js"

export interface EngineOptions {
  readonly seed: number
  readonly clock: () => number
  readonly markets?: ReadonlyArray<MarketDefinition> | undefined
  readonly assets?: ReadonlyArray<AssetDefinition> | undefined
  /** Seed market-maker books (default true). */
  readonly liquidity?: boolean | undefined
  /** Number of seeded public trades per market (default 8 when liquidity is on). */
  readonly seedTrades?: number | undefined
  readonly makerFee?: string | undefined
  readonly takerFee?: string | undefined
  /** How much history is retained (newest kept). */
  readonly history?: Partial<HistoryLimits> | undefined
}

/** Retention of histories: newest entries kept, older ones dropped. */
export interface HistoryLimits {
  /** Per account and kind (orders, fills, deposits, withdrawals, funding payments). Default 100 000. */
  readonly account: number
  /** Public trades per market. Default 100 000. */
  readonly trades: number
  /** Candles per market and kline interval. Default 5 000. */
  readonly candles: number
}

export const defaultHistoryLimits: HistoryLimits = { account: 100_000, trades: 100_000, candles: 5_000 }

/** Order ids look like today's live ones (10 digits, e.g. `"4227701917"`), offset by the seed. */
const firstOrderId = (seed: number): bigint => 4_200_000_000n + BigInt(Math.abs(Math.trunc(seed)) % 100_000_000)
/** Id of the fee collector account (internal, counted in conservation checks). */
export const FEE_ACCOUNT_ID = 0

/** The exchange state. */
export class Engine {
  readonly prng: Prng.Prng
  readonly markets = new Map<string, Market>()
  /** The perpetual markets (margin and funding walk only these). */
  readonly perps: Array<Market> = []
  readonly history: HistoryLimits
  readonly assets: ReadonlyArray<AssetDefinition>
  readonly accounts = new Map<number, Account>()
  readonly accountsByKey = new Map<string, Account>()
  readonly bus = new EventBus()
  /** Equity an account holds outside its balances and perp positions (lends less borrows), in USDC. */
  readonly equityAdjustments: Array<(account: Account) => bigint> = []
  /** Run whenever the clock is checked for due work (every request and every second): interest, strategies… */
  readonly clockHooks: Array<() => void> = []
  readonly makerFee: bigint
  readonly takerFee: bigint
  /** Net deposits minus withdrawals per asset (the audit's conservation reference), kept as they happen. */
  readonly flows = new Map<string, bigint>()
  /** Internal market makers (seeded liquidity and background activity). */
  readonly makers: Array<Account> = []
  /** Book levels touched since the last flush, per market: `side:price` → side. */
  readonly bookChanges = new Map<string, Map<string, Side>>()
  /** Milliseconds added to the injected clock (fault injection). */
  clockOffset = 0
  nextOrderId: bigint
  nextAccountId = 1
  nextDepositId = 1000
  nextWithdrawalId = 5000
  nextPositionId = 4238420454n
  private lastMicros = 0
  private readonly clock: () => number

  constructor(options: EngineOptions) {
    this.clock = options.clock
    this.prng = Prng.make(options.seed)
    this.nextOrderId = firstOrderId(options.seed)
    this.makerFee = D.parse(options.makerFee ?? "0.0002")!
    this.takerFee = D.parse(options.takerFee ?? "0.0005")!
    this.assets = options.assets ?? defaultAssets
    this.history = { ...defaultHistoryLimits, ...options.history }
    const now = this.now()
    for (const def of options.markets ?? defaultMarkets) {
      const tick = D.parse(def.tickSize)!
      const step = D.parse(def.stepSize)!
      const market: Market = {
        def,
        symbol: def.symbol,
        perp: def.marketType === "PERP",
        tick,
        step,
        minQuantity: D.parse(def.minQuantity)!,
        maxQuantity: def.maxQuantity === null ? null : D.parse(def.maxQuantity)!,
        minPrice: D.parse(def.minPrice)!,
        maxPrice: def.maxPrice === null ? null : D.parse(def.maxPrice)!,
        priceDp: D.decimalsOf(tick),
        bands: { min: D.parse(def.minMultiplier ?? "0.25")!, max: D.parse(def.maxMultiplier ?? "2")! },
        qtyDp: D.decimalsOf(step),
        bids: [],
        asks: [],
        seq: 1_500_000_000 + this.prng.int(0, 9_999_999),
        pendingGap: 0,
        tradeId: 1_000_000 + this.prng.int(0, 999_999),
        trades: new Ring(this.history.trades),
        candles: new Map(Object.keys(klineIntervals).map((i) => [i, new Ring(this.history.candles)])),
        rolling: {
          day: MarketData.makeRolling(86_400_000, 60_000),
          week: MarketData.makeRolling(7 * 86_400_000, 3_600_000)
        },
        openInterest: 0n,
        indexPrice: D.parse(def.referencePrice)!,
        markOverride: null,
        fundingRate: D.parse("0.0001")!,
        nextFunding: def.fundingInterval === undefined
          ? 0
          : (Math.floor(now / def.fundingInterval) + 1) * def.fundingInterval,
        fundingHistory: [],
        lastEngineMicros: now * 1000
      }
      this.markets.set(def.symbol, market)
      if (market.perp) this.perps.push(market)
    }
    MarketData.install(this)
    // The fee collector; counted in conservation checks.
    Accounts.register(this, new Uint8Array(32), true, FEE_ACCOUNT_ID)
    if (options.liquidity ?? true) Activity.seedLiquidity(this, options.seedTrades ?? 8)
  }

  /** Exchange time in ms (injected clock + offset). */
  now(): number {
    return this.clock() + this.clockOffset
  }

  /** Strictly increasing engine time in µs. */
  micros(): number {
    const candidate = this.now() * 1000
    this.lastMicros = candidate > this.lastMicros ? candidate : this.lastMicros + 1
    return this.lastMicros
  }

  /** A fresh order id. */
  orderId(): string {
    const id = this.nextOrderId
    this.nextOrderId += BigInt(1 + this.prng.int(0, 3))
    return id.toString()
  }

  /** Looks a market up for a request; 400 `INVALID_MARKET` when unknown. */
  market(symbol: string): Market {
    const m = this.markets.get(symbol)
    if (m === undefined) throw new ApiFailure(400, "INVALID_MARKET", "Market not found")
    return m
  }

  /** The fee collector. */
  feeAccount(): Account {
    return this.accounts.get(FEE_ACCOUNT_ID)!
  }
}

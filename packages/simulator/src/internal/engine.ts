/**
 * The simulated exchange: accounts, balances, order books with price-time priority matching, fills, perp
 * positions, funding, and the event feed the WebSocket layer publishes. Everything is synchronous and exact
 * (`bigint` fixed point); the HTTP/WS layers wrap it.
 *
 * @internal
 */
import * as Auth from "./auth.js"
import * as D from "./decimal.js"
import type { AssetDefinition, MarketDefinition } from "./markets.js"
import { blockchains, defaultAssets, defaultMarkets, klineIntervals } from "./markets.js"
import * as Prng from "./prng.js"

// ---------------------------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------------------------

/** A rejection answered with a JSON `{code, message}` body. */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
  }
}

/** A rejection answered with a plain-text body (request parsing failures of the real exchange). */
export class PlainFailure extends Error {
  constructor(readonly status: number, readonly text: string) {
    super(text)
  }
}

const invalidClient = (message: string) => new ApiFailure(400, "INVALID_CLIENT_REQUEST", message)

// ---------------------------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------------------------

export type Side = "Bid" | "Ask"
export type TimeInForce = "GTC" | "IOC" | "FOK"
export type SelfTradePrevention = "RejectTaker" | "RejectMaker" | "RejectBoth"
export type OrderStatus = "New" | "PartiallyFilled" | "Filled" | "Cancelled" | "Expired"

export interface Balance {
  available: bigint
  locked: bigint
  staked: bigint
}

export interface Order {
  readonly id: string
  readonly clientId: number | null
  readonly accountId: number
  readonly symbol: string
  readonly side: Side
  readonly orderType: "Limit" | "Market"
  readonly price: bigint | null
  readonly quantity: bigint | null
  readonly quoteQuantity: bigint | null
  executedQuantity: bigint
  executedQuoteQuantity: bigint
  readonly timeInForce: TimeInForce
  readonly postOnly: boolean
  readonly reduceOnly: boolean | null
  readonly selfTradePrevention: SelfTradePrevention
  status: OrderStatus
  expiryReason: string | null
  readonly createdAt: number
  /** Amount still locked for this order (spot limit orders), in `lockAsset`. */
  locked: bigint
  readonly lockAsset: string | null
}

export interface Fill {
  readonly tradeId: number
  readonly orderId: string
  readonly clientId: number | null
  readonly symbol: string
  readonly side: Side
  readonly price: bigint
  readonly quantity: bigint
  readonly fee: bigint
  readonly feeSymbol: string
  readonly isMaker: boolean
  readonly timestamp: number
}

export interface PublicTrade {
  readonly id: number
  readonly price: bigint
  readonly quantity: bigint
  readonly quoteQuantity: bigint
  readonly timestamp: number
  readonly isBuyerMaker: boolean
  readonly buyerOrderId: string
  readonly sellerOrderId: string
  readonly micros: number
}

export interface Position {
  readonly symbol: string
  readonly positionId: string
  netQuantity: bigint
  /** Cash paid for the open quantity (positive for longs). */
  netCost: bigint
  pnlRealized: bigint
  cumulativeFundingPayment: bigint
}

export interface FundingPaymentRecord {
  readonly userId: number
  readonly symbol: string
  readonly quantity: bigint
  readonly fundingRate: bigint
  readonly intervalEnd: number
}

export interface DepositRecord {
  readonly id: number
  readonly symbol: string
  readonly quantity: bigint
  readonly source: string
  readonly createdAt: number
}

export interface WithdrawalRecord {
  readonly id: number
  readonly blockchain: string
  readonly clientId: string | null
  readonly quantity: bigint
  readonly fee: bigint
  readonly symbol: string
  status: string
  readonly toAddress: string
  readonly createdAt: number
}

export interface AccountSettings {
  autoBorrowSettlements: boolean
  autoLend: boolean
  autoRepayBorrows: boolean
  leverageLimit: bigint
}

export interface Account {
  readonly id: number
  readonly apiKey: string
  readonly publicKey: Uint8Array
  readonly balances: Map<string, Balance>
  readonly settings: AccountSettings
  readonly positions: Map<string, Position>
  readonly fills: Array<Fill>
  readonly orders: Array<Order>
  readonly deposits: Array<DepositRecord>
  readonly withdrawals: Array<WithdrawalRecord>
  readonly fundingPayments: Array<FundingPaymentRecord>
  readonly internal: boolean
}

interface Level {
  readonly price: bigint
  readonly orders: Array<Order>
}

export interface Market {
  readonly def: MarketDefinition
  readonly symbol: string
  readonly perp: boolean
  readonly tick: bigint
  readonly step: bigint
  readonly minQuantity: bigint
  readonly maxQuantity: bigint | null
  readonly minPrice: bigint
  readonly maxPrice: bigint | null
  readonly priceDp: number
  readonly qtyDp: number
  readonly bids: Array<Level>
  readonly asks: Array<Level>
  /** Last applied book update id (REST `lastUpdateId`, WS depth `u`). */
  seq: number
  /** Extra ids to skip on the next depth event (fault injection). */
  pendingGap: number
  tradeId: number
  readonly trades: Array<PublicTrade>
  indexPrice: bigint
  markOverride: bigint | null
  fundingRate: bigint
  nextFunding: number
  readonly fundingHistory: Array<{ readonly rate: bigint; readonly intervalEnd: number }>
  lastEngineMicros: number
}

// ---------------------------------------------------------------------------------------------------------------
// events
// ---------------------------------------------------------------------------------------------------------------

export type EngineEvent =
  | {
    readonly _tag: "Depth"
    readonly symbol: string
    readonly bids: Array<[string, string]>
    readonly asks: Array<[string, string]>
    readonly U: number
    readonly u: number
    readonly T: number
  }
  | { readonly _tag: "Trade"; readonly symbol: string; readonly trade: PublicTrade }
  | { readonly _tag: "OrderUpdate"; readonly accountId: number; readonly symbol: string; readonly data: Payload }
  | { readonly _tag: "PositionUpdate"; readonly accountId: number; readonly symbol: string; readonly data: Payload }
  | { readonly _tag: "MarkPrice"; readonly symbol: string }
  | { readonly _tag: "Liquidation"; readonly symbol: string; readonly data: Payload }
  | { readonly _tag: "RfqUpdate"; readonly accountId: number; readonly symbol: string; readonly data: Payload }

export type Payload = Record<string, unknown>

// ---------------------------------------------------------------------------------------------------------------
// options
// ---------------------------------------------------------------------------------------------------------------

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
}

const FIRST_ORDER_ID = 111063114377265150n
const FEE_ACCOUNT_ID = 0
const maxU32 = 4294967295

const SIDES = ["Bid", "Ask"] as const
const ORDER_TYPES = ["Limit", "Market"] as const
const TIFS = ["GTC", "IOC", "FOK"] as const
const STPS = ["RejectTaker", "RejectMaker", "RejectBoth"] as const

/** Naive UTC datetime with millisecond precision (`2025-07-27T17:39:00.092`). */
export const naiveMs = (ms: number): string => new Date(ms).toISOString().slice(0, 23)
/** Naive UTC datetime without fraction (`2025-07-27T17:39:00`). */
export const naiveSeconds = (ms: number): string => new Date(ms).toISOString().slice(0, 19)
/** Kline REST format `YYYY-MM-DD HH:MM:SS`. */
export const spaced = (ms: number): string => naiveSeconds(ms).replace("T", " ")

const payloadError = (what: string, detail: string) =>
  new PlainFailure(
    400,
    `Bad Request parse request payload error: failed to parse "${what}": ${detail} (occurred while parsing "OrderExecutePayload")`
  )

/** Reads an enum field of an order payload; plain-text rejection for unknown values like the real exchange. */
const enumField = <A extends string>(
  body: Payload,
  key: string,
  typeName: string,
  values: ReadonlyArray<A>,
  fallback?: A
): A => {
  const v = body[key]
  if (v === undefined || v === null) {
    if (fallback !== undefined) return fallback
    throw payloadError(typeName, "Expect a valid enumeration value.")
  }
  if (typeof v !== "string" || !(values as ReadonlyArray<string>).includes(v)) {
    throw payloadError(typeName, "Expect a valid enumeration value.")
  }
  return v as A
}

const decimalField = (body: Payload, key: string): { readonly raw: string; readonly value: bigint } | null => {
  const v = body[key]
  if (v === undefined || v === null) return null
  const raw = typeof v === "number" ? String(v) : v
  if (typeof raw !== "string") throw payloadError("Decimal", "Expect a valid decimal.")
  const value = D.parse(raw)
  if (value === undefined) throw payloadError("Decimal", "Expect a valid decimal.")
  return { raw, value }
}

const boolField = (body: Payload, key: string): boolean | null => {
  const v = body[key]
  if (v === undefined || v === null) return null
  if (typeof v !== "boolean") throw payloadError("boolean", "Expect a boolean value.")
  return v
}

const symbolPattern = /^[A-Z0-9.]+_[A-Z0-9]+(_[A-Z]+)?$/

// ---------------------------------------------------------------------------------------------------------------
// engine
// ---------------------------------------------------------------------------------------------------------------

/** The exchange state machine. */
export class Engine {
  readonly prng: Prng.Prng
  readonly markets = new Map<string, Market>()
  readonly assets: ReadonlyArray<AssetDefinition>
  readonly accounts = new Map<number, Account>()
  readonly accountsByKey = new Map<string, Account>()
  readonly ordersById = new Map<string, Order>()
  readonly listeners = new Set<(event: EngineEvent) => void>()
  /** Equity an account holds outside its balances and perp positions (lends less borrows), in USDC. */
  readonly equityAdjustments: Array<(account: Account) => bigint> = []
  /** Run whenever the engine's clock is checked for due work (every request and every second). */
  readonly clockHooks: Array<() => void> = []
  readonly makerFee: bigint
  readonly takerFee: bigint
  /** Milliseconds added to the injected clock (fault injection). */
  clockOffset = 0
  private nextOrderId = FIRST_ORDER_ID
  private nextAccountId = 1
  private nextDepositId = 1000
  private nextWithdrawalId = 5000
  private nextPositionId = 4238420454n
  private lastMicros = 0
  private changed = new Map<string, Map<string, Side>>()
  private readonly clock: () => number

  constructor(options: EngineOptions) {
    this.clock = options.clock
    this.prng = Prng.make(options.seed)
    this.makerFee = D.parse(options.makerFee ?? "0.0002")!
    this.takerFee = D.parse(options.takerFee ?? "0.0005")!
    this.assets = options.assets ?? defaultAssets
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
        qtyDp: D.decimalsOf(step),
        bids: [],
        asks: [],
        seq: 1_500_000_000 + this.prng.int(0, 9_999_999),
        pendingGap: 0,
        tradeId: 1_000_000 + this.prng.int(0, 999_999),
        trades: [],
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
    }
    // The fee collector; counted in conservation checks.
    this.registerAccount(new Uint8Array(32), true, FEE_ACCOUNT_ID)
    if (options.liquidity ?? true) this.seedLiquidity(options.seedTrades ?? 8)
    this.changed.clear()
  }

  // -------------------------------------------------------------------------------------------------------------
  // clock, ids, events
  // -------------------------------------------------------------------------------------------------------------

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

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch {
        // listeners must not break the engine
      }
    }
  }

  /** A fresh order id (also used by conditional orders, which keep it when they fire). */
  orderId(): string {
    const id = this.nextOrderId
    this.nextOrderId += BigInt(1 + this.prng.int(0, 3))
    return id.toString()
  }

  // -------------------------------------------------------------------------------------------------------------
  // accounts and balances
  // -------------------------------------------------------------------------------------------------------------

  private registerAccount(publicKey: Uint8Array, internal: boolean, id?: number): Account {
    const apiKey = Auth.toBase64(publicKey)
    const account: Account = {
      id: id ?? this.nextAccountId++,
      apiKey,
      publicKey,
      balances: new Map(),
      settings: {
        autoBorrowSettlements: false,
        autoLend: false,
        autoRepayBorrows: false,
        leverageLimit: D.fromInt(10)
      },
      positions: new Map(),
      fills: [],
      orders: [],
      deposits: [],
      withdrawals: [],
      fundingPayments: [],
      internal
    }
    this.accounts.set(account.id, account)
    if (!internal) this.accountsByKey.set(apiKey, account)
    return account
  }

  /** Creates (or returns the existing) account for a 32-byte Ed25519 seed. */
  createAccount(seed: Uint8Array, internal = false): { readonly account: Account; readonly apiSecret: string } {
    const publicKey = Auth.publicKeyFromSeed(seed)
    const existing = this.accountsByKey.get(Auth.toBase64(publicKey))
    const account = existing ?? this.registerAccount(publicKey, internal)
    if (internal && existing === undefined) this.accountsByKey.set(account.apiKey, account)
    return { account, apiSecret: Auth.toBase64(seed) }
  }

  /** Creates an account from a fresh seed drawn from the seeded generator. */
  createRandomAccount(internal = false): { readonly account: Account; readonly apiSecret: string } {
    return this.createAccount(this.prng.bytes32(), internal)
  }

  balance(account: Account, asset: string): Balance {
    let b = account.balances.get(asset)
    if (b === undefined) {
      b = { available: 0n, locked: 0n, staked: 0n }
      account.balances.set(asset, b)
    }
    return b
  }

  /** Credits `quantity` of `asset` and records a confirmed deposit. */
  deposit(account: Account, asset: string, quantity: bigint, source = "administrator"): DepositRecord {
    if (quantity <= 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity must be positive")
    this.balance(account, asset).available += quantity
    const record: DepositRecord = { id: this.nextDepositId++, symbol: asset, quantity, source, createdAt: this.now() }
    account.deposits.push(record)
    return record
  }

  /** Total of each asset across every account (including the fee collector) plus open perp cash. */
  totals(): Map<string, bigint> {
    const out = new Map<string, bigint>()
    for (const account of this.accounts.values()) {
      for (const [asset, b] of account.balances) {
        out.set(asset, (out.get(asset) ?? 0n) + b.available + b.locked + b.staked)
      }
      for (const p of account.positions.values()) {
        const quote = this.markets.get(p.symbol)!.def.quoteSymbol
        out.set(quote, (out.get(quote) ?? 0n) - p.netCost)
      }
    }
    return out
  }

  /** Net deposits minus withdrawals (including withdrawal fees kept by the exchange) per asset. */
  netFlows(): Map<string, bigint> {
    const out = new Map<string, bigint>()
    for (const account of this.accounts.values()) {
      for (const d of account.deposits) out.set(d.symbol, (out.get(d.symbol) ?? 0n) + d.quantity)
      for (const w of account.withdrawals) out.set(w.symbol, (out.get(w.symbol) ?? 0n) - w.quantity)
    }
    return out
  }

  feeAccount(): Account {
    return this.accounts.get(FEE_ACCOUNT_ID)!
  }

  // -------------------------------------------------------------------------------------------------------------
  // markets
  // -------------------------------------------------------------------------------------------------------------

  /** Looks a market up for a query parameter. */
  market(symbol: string): Market {
    const m = this.markets.get(symbol)
    if (m === undefined) throw new ApiFailure(400, "INVALID_MARKET", "Market not found")
    return m
  }

  bestBid(m: Market): bigint | null {
    return m.bids[0]?.price ?? null
  }

  bestAsk(m: Market): bigint | null {
    return m.asks[0]?.price ?? null
  }

  levelQuantity(level: Level): bigint {
    let q = 0n
    for (const o of level.orders) q += remaining(o)
    return q
  }

  lastPrice(m: Market): bigint | null {
    return m.trades.length > 0 ? m.trades[m.trades.length - 1]!.price : null
  }

  /** Mark price: override, else the index price (perps) or mid/last/reference (spot). */
  markPrice(m: Market): bigint {
    if (m.markOverride !== null) return m.markOverride
    if (m.perp) return m.indexPrice
    const bid = this.bestBid(m)
    const ask = this.bestAsk(m)
    if (bid !== null && ask !== null) return D.floorTo((bid + ask) / 2n, m.tick)
    return this.lastPrice(m) ?? m.indexPrice
  }

  /** Price of an asset in USDC, used for collateral valuation. */
  assetPrice(asset: string): bigint {
    if (asset === "USDC") return D.ONE
    const m = this.markets.get(`${asset}_USDC`) ?? this.markets.get(`${asset}_USDC_PERP`)
    return m === undefined ? 0n : this.markPrice(m)
  }

  /** Sets mark and index price of a market. */
  setMarkPrice(m: Market, price: bigint): void {
    m.indexPrice = D.floorTo(price, m.tick)
    m.markOverride = m.perp ? null : m.indexPrice
    this.emit({ _tag: "MarkPrice", symbol: m.symbol })
    for (const account of this.accounts.values()) {
      if (account.positions.has(m.symbol)) this.emitPosition(account, m, "positionAdjusted")
    }
  }

  /** Sets the (estimated) funding rate of a perp, quantised to 6 decimals. */
  setFundingRate(m: Market, rate: bigint): void {
    m.fundingRate = D.roundTo(rate, D.parse("0.000001")!)
    this.emit({ _tag: "MarkPrice", symbol: m.symbol })
  }

  openInterest(m: Market): bigint {
    let oi = 0n
    for (const account of this.accounts.values()) {
      const p = account.positions.get(m.symbol)
      if (p !== undefined && p.netQuantity > 0n) oi += p.netQuantity
    }
    return oi
  }

  // -------------------------------------------------------------------------------------------------------------
  // book maintenance
  // -------------------------------------------------------------------------------------------------------------

  private touch(m: Market, side: Side, price: bigint): void {
    let set = this.changed.get(m.symbol)
    if (set === undefined) {
      set = new Map()
      this.changed.set(m.symbol, set)
    }
    set.set(`${side}:${price}`, side)
  }

  private levelsOf(m: Market, side: Side): Array<Level> {
    return side === "Bid" ? m.bids : m.asks
  }

  private insert(m: Market, order: Order): void {
    const levels = this.levelsOf(m, order.side)
    const price = order.price!
    let i = 0
    while (i < levels.length && (order.side === "Bid" ? levels[i]!.price > price : levels[i]!.price < price)) i++
    if (i < levels.length && levels[i]!.price === price) levels[i]!.orders.push(order)
    else levels.splice(i, 0, { price, orders: [order] })
    this.touch(m, order.side, price)
  }

  private removeFromBook(m: Market, order: Order): void {
    const levels = this.levelsOf(m, order.side)
    const idx = levels.findIndex((l) => l.price === order.price)
    if (idx < 0) return
    const level = levels[idx]!
    const at = level.orders.indexOf(order)
    if (at >= 0) level.orders.splice(at, 1)
    if (level.orders.length === 0) levels.splice(idx, 1)
    this.touch(m, order.side, order.price!)
  }

  /** Emits one depth event per market whose book changed since the last flush. */
  private flush(): void {
    for (const [symbol, changes] of this.changed) {
      const m = this.markets.get(symbol)!
      const bids: Array<[string, string]> = []
      const asks: Array<[string, string]> = []
      for (const [key, side] of changes) {
        const price = BigInt(key.slice(4))
        const level = this.levelsOf(m, side).find((l) => l.price === price)
        const qty = level === undefined ? 0n : this.levelQuantity(level)
        const row: [string, string] = [D.format(price, m.priceDp), D.format(qty, m.qtyDp)]
        if (side === "Bid") bids.push(row)
        else asks.push(row)
      }
      if (bids.length + asks.length === 0) continue
      bids.sort((a, b) => compareDec(b[0], a[0]))
      asks.sort((a, b) => compareDec(a[0], b[0]))
      const U = m.seq + 1 + m.pendingGap
      const u = U + bids.length + asks.length - 1
      m.pendingGap = 0
      m.seq = u
      const T = this.micros()
      m.lastEngineMicros = T
      this.emit({ _tag: "Depth", symbol, bids, asks, U, u, T })
    }
    this.changed.clear()
  }

  // -------------------------------------------------------------------------------------------------------------
  // orders
  // -------------------------------------------------------------------------------------------------------------

  openOrders(account: Account, symbol?: string): Array<Order> {
    return account.orders.filter((o) =>
      (o.status === "New" || o.status === "PartiallyFilled") && (symbol === undefined || o.symbol === symbol)
    )
  }

  findOpenOrder(account: Account, symbol: string, orderId: string | null, clientId: number | null): Order | undefined {
    return this.openOrders(account, symbol).find((o) =>
      orderId !== null ? o.id === orderId : clientId !== null && o.clientId === clientId
    )
  }

  /** Validates and executes an order request (`OrderExecutePayload`); returns the resulting order. */
  execute(account: Account, body: Payload, options?: { readonly id?: string }): Order {
    try {
      return this.executeUnsafe(account, body, options?.id)
    } finally {
      this.flush()
    }
  }

  private executeUnsafe(account: Account, body: Payload, id?: string): Order {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new PlainFailure(400, "Bad Request parse request payload error: expected an object")
    }
    const symbol = body.symbol
    if (typeof symbol !== "string" || !symbolPattern.test(symbol)) {
      throw payloadError("MarketSymbol", "Invalid market symbol")
    }
    const side = enumField(body, "side", "Side", SIDES)
    const orderType = enumField(body, "orderType", "OrderTypeEnum", ORDER_TYPES)
    const timeInForce = enumField(body, "timeInForce", "TimeInForce", TIFS, "GTC")
    const stp = enumField(body, "selfTradePrevention", "SelfTradePrevention", STPS, "RejectTaker")
    const price = decimalField(body, "price")
    const quantity = decimalField(body, "quantity")
    const quoteQuantity = decimalField(body, "quoteQuantity")
    const postOnly = boolField(body, "postOnly") ?? false
    const reduceOnly = boolField(body, "reduceOnly")
    const rawClientId = body.clientId
    let clientId: number | null = null
    if (rawClientId !== undefined && rawClientId !== null) {
      if (
        typeof rawClientId !== "number" || !Number.isInteger(rawClientId) || rawClientId < 0 || rawClientId > maxU32
      ) {
        throw payloadError("uint32", "Only integers between 0 and 4294967295 are accepted.")
      }
      clientId = rawClientId
    }
    const m = this.markets.get(symbol)
    if (m === undefined) throw new ApiFailure(400, "INVALID_MARKET", "Market not found")
    if (body.triggerPrice !== undefined && body.triggerPrice !== null) {
      if (body.triggerQuantity === undefined || body.triggerQuantity === null) {
        throw invalidClient("Must specify both triggerPrice and triggerQuantity or neither")
      }
      throw new ApiFailure(400, "NOT_IMPLEMENTED", "Trigger orders are not supported by the simulator")
    }
    for (const key of ["takeProfitTriggerPrice", "stopLossTriggerPrice"]) {
      if (body[key] !== undefined && body[key] !== null) {
        throw new ApiFailure(400, "NOT_IMPLEMENTED", "Take-profit and stop-loss are not supported by the simulator")
      }
    }

    // precision and presence checks
    if (orderType === "Limit") {
      if (price === null) throw invalidClient("Limit orders must specify a price")
      if (quantity === null) throw invalidClient("Limit orders must specify a quantity")
    } else if (quantity === null && quoteQuantity === null) {
      throw invalidClient("Market orders must specify a quantity or quoteQuantity")
    } else if (quantity !== null && quoteQuantity !== null) {
      throw invalidClient("Market orders must specify either a quantity or quoteQuantity, not both")
    }
    if (price !== null) {
      if (price.value <= 0n) throw new ApiFailure(400, "INVALID_PRICE", "Price must be positive")
      if (price.value % m.tick !== 0n) {
        throw new ApiFailure(
          400,
          "INVALID_PRICE",
          D.writtenDecimals(price.raw) > m.priceDp
            ? "Price decimal too long"
            : "Price must be a multiple of the tick size"
        )
      }
      if (price.value < m.minPrice || (m.maxPrice !== null && price.value > m.maxPrice)) {
        throw new ApiFailure(400, "INVALID_PRICE", "Price out of bounds")
      }
    }
    if (quantity !== null) {
      if (quantity.value <= 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity must be positive")
      if (quantity.value % m.step !== 0n) {
        throw new ApiFailure(
          400,
          "INVALID_QUANTITY",
          D.writtenDecimals(quantity.raw) > m.qtyDp
            ? "Quantity decimal too long"
            : "Quantity must be a multiple of the step size"
        )
      }
      if (quantity.value < m.minQuantity) {
        throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity is below the minimum allowed value")
      }
      if (m.maxQuantity !== null && quantity.value > m.maxQuantity) {
        throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity is above the maximum allowed value")
      }
    }
    if (quoteQuantity !== null && quoteQuantity.value <= 0n) {
      throw new ApiFailure(400, "INVALID_QUANTITY", "Quote quantity must be positive")
    }
    if (reduceOnly === true && !m.perp) {
      throw new ApiFailure(400, "INVALID_ORDER", "Reduce only is not supported on spot markets")
    }
    if (clientId !== null && this.openOrders(account).some((o) => o.clientId === clientId)) {
      throw new ApiFailure(400, "INVALID_ORDER", `Order with client ID already exists: ${clientId}`)
    }
    const limit = orderType === "Limit" ? price!.value : null

    // post-only: reject if it would take
    if (postOnly && orderType === "Limit") {
      const best = side === "Bid" ? this.bestAsk(m) : this.bestBid(m)
      if (best !== null && (side === "Bid" ? best <= limit! : best >= limit!)) {
        throw new ApiFailure(400, "INVALID_ORDER", "Order would immediately match and take.")
      }
    }

    // reduce-only: must reduce an existing position
    let reduceCap: bigint | null = null
    if (reduceOnly === true) {
      const pos = account.positions.get(m.symbol)?.netQuantity ?? 0n
      const reducible = side === "Bid" ? (pos < 0n ? -pos : 0n) : (pos > 0n ? pos : 0n)
      if (reducible === 0n) throw new ApiFailure(400, "INVALID_ORDER", "Reduce only order not reduced")
      reduceCap = reducible
    }

    // funds
    const lockAsset = m.perp || orderType === "Market" ? null : side === "Bid" ? m.def.quoteSymbol : m.def.baseSymbol
    let lock = 0n
    if (m.perp) {
      if (reduceOnly !== true) {
        this.checkMargin(account, m, side, quantity?.value ?? null, quoteQuantity?.value ?? null, limit)
      }
    } else if (orderType === "Limit") {
      lock = side === "Bid" ? D.mul(limit!, quantity!.value) : quantity!.value
      if (this.balance(account, lockAsset!).available < lock) {
        throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
      }
    } else {
      this.checkMarketFunds(account, m, side, stp, quantity?.value ?? null, quoteQuantity?.value ?? null)
    }

    const order: Order = {
      id: id ?? this.orderId(),
      clientId,
      accountId: account.id,
      symbol,
      side,
      orderType,
      price: limit,
      quantity: quantity?.value ?? null,
      quoteQuantity: quoteQuantity?.value ?? null,
      executedQuantity: 0n,
      executedQuoteQuantity: 0n,
      timeInForce,
      postOnly: orderType === "Limit" ? postOnly : false,
      reduceOnly,
      selfTradePrevention: stp,
      status: "New",
      expiryReason: null,
      createdAt: this.now(),
      locked: lock,
      lockAsset
    }
    if (lock > 0n) {
      const b = this.balance(account, lockAsset!)
      b.available -= lock
      b.locked += lock
    }
    this.ordersById.set(order.id, order)
    account.orders.push(order)
    this.emitOrder(account, order, "orderAccepted")

    // fill-or-kill: all or nothing
    if (timeInForce === "FOK" && !this.canFillFully(account, m, order, reduceCap)) {
      this.expire(account, order, "FillOrKill")
      return order
    }
    this.match(account, m, order, reduceCap)
    if (isOpen(order)) {
      if (orderType === "Market") this.expire(account, order, "InsufficientLiquidity")
      else if (timeInForce !== "GTC") {
        this.expire(account, order, timeInForce === "IOC" ? "ImmediateOrCancel" : "FillOrKill")
      } else if (reduceCap !== null && order.executedQuantity >= reduceCap) {
        this.expire(account, order, "ReduceOnlyNotReduced")
      } else this.insert(m, order)
    }
    return order
  }

  private checkMargin(
    account: Account,
    m: Market,
    side: Side,
    quantity: bigint | null,
    quoteQuantity: bigint | null,
    limit: bigint | null
  ): void {
    const refPrice = limit ?? this.markPrice(m)
    const qty = quantity ?? D.div(quoteQuantity!, refPrice)
    const { equity, initialMargin } = this.marginState(account, { market: m, side, quantity: qty })
    if (initialMargin > equity) throw new ApiFailure(400, "INSUFFICIENT_MARGIN", "Insufficient margin")
  }

  /** Initial-margin fraction used for a market and account. */
  imf(account: Account, m: Market): bigint {
    const base = D.parse(m.def.imfBase ?? "0.02")!
    const byLeverage = D.div(D.ONE, account.settings.leverageLimit)
    return D.max(base, byLeverage)
  }

  /** Equity and initial-margin requirement of the account's perp book (optionally with an extra order). */
  marginState(
    account: Account,
    extra?: { readonly market: Market; readonly side: Side; readonly quantity: bigint }
  ): { readonly equity: bigint; readonly initialMargin: bigint; readonly unrealized: bigint } {
    const usdc = this.balance(account, "USDC")
    let unrealized = 0n
    let initialMargin = 0n
    for (const m of this.markets.values()) {
      if (!m.perp) continue
      const pos = account.positions.get(m.symbol)
      const net = pos?.netQuantity ?? 0n
      if (pos !== undefined) unrealized += D.mul(net, this.markPrice(m)) - pos.netCost
      let bids = 0n
      let asks = 0n
      for (const o of this.openOrders(account, m.symbol)) {
        if (o.side === "Bid") bids += remaining(o)
        else asks += remaining(o)
      }
      if (extra !== undefined && extra.market === m) {
        if (extra.side === "Bid") bids += extra.quantity
        else asks += extra.quantity
      }
      const exposure = D.max(D.abs(net + bids), D.abs(net - asks))
      initialMargin += D.mul(D.mul(exposure, this.markPrice(m)), this.imf(account, m))
    }
    let adjustment = 0n
    for (const f of this.equityAdjustments) adjustment += f(account)
    return { equity: usdc.available + unrealized + adjustment, initialMargin, unrealized }
  }

  /** Walks the book (skipping the account's own orders) to price a market order. */
  private simulateWalk(
    account: Account,
    m: Market,
    side: Side,
    stp: SelfTradePrevention,
    quantity: bigint | null,
    quoteQuantity: bigint | null
  ): { readonly base: bigint; readonly quote: bigint } {
    const levels = side === "Bid" ? m.asks : m.bids
    let base = 0n
    let quote = 0n
    outer: for (const level of levels) {
      for (const o of level.orders) {
        if (o.accountId === account.id) {
          if (stp === "RejectMaker") continue
          break outer
        }
        const avail = remaining(o)
        let q: bigint
        if (quantity !== null) q = D.min(avail, quantity - base)
        else q = D.min(avail, D.floorTo(D.div(quoteQuantity! - quote, level.price), m.step))
        if (q <= 0n) break outer
        base += q
        quote += D.mul(q, level.price)
      }
    }
    return { base, quote }
  }

  private checkMarketFunds(
    account: Account,
    m: Market,
    side: Side,
    stp: SelfTradePrevention,
    quantity: bigint | null,
    quoteQuantity: bigint | null
  ): void {
    const walk = this.simulateWalk(account, m, side, stp, quantity, quoteQuantity)
    const need = side === "Bid" ? walk.quote : walk.base
    const asset = side === "Bid" ? m.def.quoteSymbol : m.def.baseSymbol
    const cap = side === "Bid" && quoteQuantity !== null ? D.max(need, quoteQuantity) : need
    if (this.balance(account, asset).available < cap) {
      throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
    }
  }

  /**
   * Whether `order` would fill completely right now: the same walk as `match` (price bound, self-trade
   * prevention, reduce-only caps on both sides, quote-sized market orders) without executing it.
   */
  private canFillFully(account: Account, m: Market, order: Order, reduceCap: bigint | null): boolean {
    const levels = order.side === "Bid" ? m.asks : m.bids
    const wantBase = order.quantity
    if (wantBase !== null && reduceCap !== null && wantBase > reduceCap) return false
    let base = 0n
    let quote = 0n
    for (const level of levels) {
      if (order.price !== null && (order.side === "Bid" ? level.price > order.price : level.price < order.price)) break
      for (const o of level.orders) {
        if (o.accountId === account.id) {
          if (order.selfTradePrevention === "RejectMaker") continue
          return false // the taker is rejected here, before it could fill the rest
        }
        let qty = remaining(o)
        if (o.reduceOnly === true) {
          const pos = this.accounts.get(o.accountId)!.positions.get(m.symbol)?.netQuantity ?? 0n
          qty = D.min(qty, o.side === "Bid" ? (pos < 0n ? -pos : 0n) : (pos > 0n ? pos : 0n))
        }
        if (wantBase !== null) {
          base += qty
          if (base >= wantBase) return true
        } else {
          quote += D.mul(qty, level.price)
          if (quote >= order.quoteQuantity!) return true
        }
      }
    }
    return false
  }

  private match(account: Account, m: Market, taker: Order, reduceCap: bigint | null): void {
    const levels = taker.side === "Bid" ? m.asks : m.bids
    while (levels.length > 0 && isOpen(taker)) {
      const level = levels[0]!
      if (taker.price !== null && (taker.side === "Bid" ? level.price > taker.price : level.price < taker.price)) break
      const maker = level.orders[0]!
      if (maker.accountId === account.id) {
        const mode = taker.selfTradePrevention
        if (mode === "RejectMaker" || mode === "RejectBoth") {
          this.removeFromBook(m, maker)
          this.expire(account, maker, "SelfTradePrevention")
        }
        if (mode === "RejectTaker" || mode === "RejectBoth") {
          this.expire(account, taker, "SelfTradePrevention")
          return
        }
        continue
      }
      let qty: bigint
      if (taker.quantity !== null) qty = D.min(remaining(taker), remaining(maker))
      else {
        const quoteLeft = taker.quoteQuantity! - taker.executedQuoteQuantity
        qty = D.min(remaining(maker), D.floorTo(D.div(quoteLeft, level.price), m.step))
      }
      if (reduceCap !== null) qty = D.min(qty, reduceCap - taker.executedQuantity)
      const makerAccount = this.accounts.get(maker.accountId)!
      if (maker.reduceOnly === true) {
        const pos = makerAccount.positions.get(m.symbol)?.netQuantity ?? 0n
        const reducible = maker.side === "Bid" ? (pos < 0n ? -pos : 0n) : (pos > 0n ? pos : 0n)
        if (reducible === 0n) {
          this.removeFromBook(m, maker)
          this.expire(makerAccount, maker, "ReduceOnlyNotReduced")
          continue
        }
        qty = D.min(qty, reducible)
      }
      if (qty <= 0n) break
      this.trade(m, account, taker, makerAccount, maker, level.price, qty)
      if (!isOpen(maker)) {
        level.orders.shift()
        if (level.orders.length === 0) levels.shift()
      }
      this.touch(m, maker.side, level.price)
      if (reduceCap !== null && taker.executedQuantity >= reduceCap) break
    }
  }

  private trade(
    m: Market,
    takerAccount: Account,
    taker: Order,
    makerAccount: Account,
    maker: Order,
    price: bigint,
    qty: bigint
  ): void {
    const quote = D.mul(price, qty)
    const T = this.micros()
    const timestamp = Math.floor(T / 1000)
    const tradeId = ++m.tradeId
    const fees = this.feeAccount()
    const settle = (account: Account, order: Order, isMaker: boolean): Fill => {
      const rate = isMaker ? this.makerFee : this.takerFee
      let fee: bigint
      let feeSymbol: string
      if (m.perp) {
        feeSymbol = m.def.quoteSymbol
        fee = D.mul(quote, rate)
        this.balance(account, feeSymbol).available -= fee
        this.applyPosition(account, m, order.side === "Bid" ? qty : -qty, price)
      } else if (order.side === "Bid") {
        // pays quote, receives base minus fee
        const q = this.balance(account, m.def.quoteSymbol)
        if (order.orderType === "Limit") {
          const release = D.mul(order.price!, qty)
          q.locked -= release
          q.available += release - quote
          order.locked -= release
        } else {
          q.available -= quote
        }
        feeSymbol = m.def.baseSymbol
        fee = D.mul(qty, rate)
        this.balance(account, m.def.baseSymbol).available += qty - fee
      } else {
        const b = this.balance(account, m.def.baseSymbol)
        if (order.orderType === "Limit") {
          b.locked -= qty
          order.locked -= qty
        } else {
          b.available -= qty
        }
        feeSymbol = m.def.quoteSymbol
        fee = D.mul(quote, rate)
        this.balance(account, m.def.quoteSymbol).available += quote - fee
      }
      this.balance(fees, feeSymbol).available += fee
      order.executedQuantity += qty
      order.executedQuoteQuantity += quote
      if (order.orderType === "Limit") {
        order.status = order.executedQuantity >= order.quantity! ? "Filled" : "PartiallyFilled"
      } else {
        order.status = "PartiallyFilled"
        if (order.quantity !== null && order.executedQuantity >= order.quantity) order.status = "Filled"
      }
      const fill: Fill = {
        tradeId,
        orderId: order.id,
        clientId: order.clientId,
        symbol: m.symbol,
        side: order.side,
        price,
        quantity: qty,
        fee,
        feeSymbol,
        isMaker,
        timestamp
      }
      account.fills.push(fill)
      return fill
    }
    const makerFill = settle(makerAccount, maker, true)
    const takerFill = settle(takerAccount, taker, false)
    if (taker.orderType === "Market" && taker.quoteQuantity !== null) {
      const left = taker.quoteQuantity - taker.executedQuoteQuantity
      if (D.floorTo(D.div(left, price), m.step) <= 0n) taker.status = "Filled"
    }
    const buyer = taker.side === "Bid" ? taker : maker
    const seller = taker.side === "Bid" ? maker : taker
    const trade: PublicTrade = {
      id: tradeId,
      price,
      quantity: qty,
      quoteQuantity: quote,
      timestamp,
      isBuyerMaker: maker.side === "Bid",
      buyerOrderId: buyer.id,
      sellerOrderId: seller.id,
      micros: T
    }
    m.trades.push(trade)
    if (m.trades.length > 100_000) m.trades.splice(0, m.trades.length - 100_000)
    this.emit({ _tag: "Trade", symbol: m.symbol, trade })
    this.emitOrder(makerAccount, maker, "orderFill", makerFill)
    this.emitOrder(takerAccount, taker, "orderFill", takerFill)
    if (m.perp) {
      this.emitPosition(makerAccount, m)
      this.emitPosition(takerAccount, m)
    }
  }

  /** Applies a signed perp trade to a position, realising PnL on the reducing part into the quote balance. */
  private applyPosition(account: Account, m: Market, signedQty: bigint, price: bigint): void {
    let pos = account.positions.get(m.symbol)
    if (pos === undefined) {
      pos = {
        symbol: m.symbol,
        positionId: (this.nextPositionId++).toString(),
        netQuantity: 0n,
        netCost: 0n,
        pnlRealized: 0n,
        cumulativeFundingPayment: 0n
      }
      account.positions.set(m.symbol, pos)
    }
    const before = pos.netQuantity
    let realized = 0n
    if (before !== 0n && (before > 0n) !== (signedQty > 0n)) {
      const closeQty = D.min(D.abs(before), D.abs(signedQty))
      const entry = D.div(pos.netCost, before)
      realized = before > 0n ? D.mul(closeQty, price - entry) : D.mul(closeQty, entry - price)
    }
    pos.netQuantity = before + signedQty
    pos.netCost += D.mul(signedQty, price) + realized
    if (pos.netQuantity === 0n) {
      // flat: whatever cost remains is realised too
      realized -= pos.netCost
      pos.netCost = 0n
    }
    pos.pnlRealized += realized
    this.balance(account, m.def.quoteSymbol).available += realized
  }

  private expire(account: Account, order: Order, reason: string): void {
    order.status = "Expired"
    order.expiryReason = reason
    this.release(account, order)
    this.emitOrder(account, order, "orderExpired")
  }

  private release(account: Account, order: Order): void {
    if (order.locked > 0n && order.lockAsset !== null) {
      const b = this.balance(account, order.lockAsset)
      b.locked -= order.locked
      b.available += order.locked
      order.locked = 0n
    }
  }

  /** Cancels one open order; `undefined` when no such open order exists. */
  cancel(account: Account, symbol: string, orderId: string | null, clientId: number | null): Order | undefined {
    const m = this.market(symbol)
    const order = this.findOpenOrder(account, symbol, orderId, clientId)
    if (order === undefined) return undefined
    try {
      this.removeFromBook(m, order)
      order.status = "Cancelled"
      this.release(account, order)
      this.emitOrder(account, order, "orderCancelled")
      return order
    } finally {
      this.flush()
    }
  }

  /** Cancels every open order of the account in a market. */
  cancelAll(account: Account, symbol: string): Array<Order> {
    const out: Array<Order> = []
    for (const o of this.openOrders(account, symbol)) {
      const c = this.cancel(account, symbol, o.id, null)
      if (c !== undefined) out.push(c)
    }
    return out
  }

  // -------------------------------------------------------------------------------------------------------------
  // funding
  // -------------------------------------------------------------------------------------------------------------

  /** Settles funding of a perp at its current mark and rate; returns the number of payments made. */
  settleFunding(m: Market, intervalEnd = this.now()): number {
    if (!m.perp) return 0
    const perUnit = D.mul(this.markPrice(m), m.fundingRate)
    let n = 0
    for (const account of this.accounts.values()) {
      const pos = account.positions.get(m.symbol)
      if (pos === undefined || pos.netQuantity === 0n) continue
      const payment = -D.mul(pos.netQuantity, perUnit)
      this.balance(account, m.def.quoteSymbol).available += payment
      pos.cumulativeFundingPayment += payment
      account.fundingPayments.push({
        userId: account.id,
        symbol: m.symbol,
        quantity: payment,
        fundingRate: m.fundingRate,
        intervalEnd
      })
      n++
      this.emitPosition(account, m, "positionAdjusted")
    }
    m.fundingHistory.push({ rate: m.fundingRate, intervalEnd })
    return n
  }

  /** Settles every funding interval that has elapsed by the current clock. */
  settleDueFunding(): void {
    const now = this.now()
    for (const m of this.markets.values()) {
      const interval = m.def.fundingInterval
      if (!m.perp || interval === undefined) continue
      while (m.nextFunding <= now) {
        this.settleFunding(m, m.nextFunding)
        m.nextFunding += interval
      }
    }
    for (const hook of this.clockHooks) hook()
  }

  // -------------------------------------------------------------------------------------------------------------
  // withdrawals
  // -------------------------------------------------------------------------------------------------------------

  withdraw(account: Account, body: Payload): WithdrawalRecord {
    const symbol = body.symbol
    const blockchain = body.blockchain
    const address = body.address
    if (typeof blockchain !== "string" || !blockchains.includes(blockchain)) {
      throw new PlainFailure(
        400,
        "Bad Request parse request payload error: failed to parse \"Blockchain\": Expect a valid enumeration value. (occurred while parsing \"AccountWithdrawalPayload\")"
      )
    }
    if (typeof address !== "string" || address.length === 0) throw invalidClient("Invalid address")
    const asset = this.assets.find((a) => a.symbol === symbol)
    if (asset === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Invalid asset")
    const token = asset.tokens.find((t) => t.blockchain === blockchain)
    if (token === undefined) throw new ApiFailure(400, "INVALID_ASSET", "Asset is not supported on this blockchain")
    const qty = decimalField(body, "quantity")
    if (qty === null || qty.value <= 0n) throw new ApiFailure(400, "INVALID_QUANTITY", "Invalid quantity")
    if (qty.value < D.parse(token.minimumWithdrawal)!) {
      throw new ApiFailure(400, "INVALID_QUANTITY", "Quantity is below the minimum withdrawal")
    }
    const fee = D.parse(token.withdrawalFee)!
    const b = this.balance(account, asset.symbol)
    if (b.available < qty.value + fee) throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
    b.available -= qty.value + fee
    this.balance(this.feeAccount(), asset.symbol).available += fee
    const clientId = body.clientId
    const record: WithdrawalRecord = {
      id: this.nextWithdrawalId++,
      blockchain,
      clientId: typeof clientId === "string" ? clientId : null,
      quantity: qty.value,
      fee,
      symbol: asset.symbol,
      status: "pending",
      toAddress: address,
      createdAt: this.now()
    }
    account.withdrawals.push(record)
    return record
  }

  // -------------------------------------------------------------------------------------------------------------
  // WS payloads
  // -------------------------------------------------------------------------------------------------------------

  private emitOrder(account: Account, order: Order, e: string, fill?: Fill): void {
    // internal market makers cannot authenticate, so nobody can subscribe to their updates
    if (account.internal || this.listeners.size === 0) return
    const m = this.markets.get(order.symbol)!
    const data: Payload = { e, E: 0, s: order.symbol }
    if (order.clientId !== null) data.c = order.clientId
    data.S = order.side
    data.o = order.orderType === "Limit" ? "LIMIT" : "MARKET"
    data.f = order.timeInForce
    if (order.quantity !== null) data.q = D.format(order.quantity, m.qtyDp)
    if (order.quoteQuantity !== null) data.Q = D.format(order.quoteQuantity)
    else if (order.price !== null && order.quantity !== null) data.Q = D.format(D.mul(order.price, order.quantity))
    if (order.price !== null) data.p = D.format(order.price, m.priceDp)
    data.X = order.status
    if (e === "orderExpired" && order.expiryReason !== null) data.R = order.expiryReason
    data.i = order.id
    data.t = fill === undefined ? null : fill.tradeId
    if (fill !== undefined) {
      data.l = D.format(fill.quantity, m.qtyDp)
      data.L = D.format(fill.price, m.priceDp)
      data.m = fill.isMaker
      data.n = D.format(fill.fee)
      data.N = fill.feeSymbol
    }
    data.z = D.format(order.executedQuantity, m.qtyDp)
    data.Z = D.format(order.executedQuoteQuantity)
    data.V = order.selfTradePrevention
    data.T = String(this.micros())
    data.O = "USER"
    data.y = order.postOnly
    data.r = order.reduceOnly ?? false
    this.emit({ _tag: "OrderUpdate", accountId: account.id, symbol: order.symbol, data })
  }

  /** Position payload for `account.positionUpdate` (`e` omitted for snapshots). */
  positionPayload(account: Account, m: Market, e?: string): Payload {
    const pos = account.positions.get(m.symbol)!
    const view = this.positionView(account, m, pos)
    const data: Payload = {}
    if (e !== undefined) data.e = e
    Object.assign(data, {
      E: 0,
      s: m.symbol,
      b: view.breakEvenPrice,
      B: view.entryPrice,
      f: view.imf,
      M: view.markPrice,
      m: view.mmf,
      q: view.netQuantity,
      Q: view.netExposureQuantity,
      n: view.netExposureNotional,
      i: Number(pos.positionId),
      p: view.pnlRealized,
      P: view.pnlUnrealized,
      l: "0",
      T: String(this.micros())
    })
    return data
  }

  private emitPosition(account: Account, m: Market, forced?: string): void {
    if (account.internal || this.listeners.size === 0) return
    const pos = account.positions.get(m.symbol)
    if (pos === undefined) return
    const e = forced ?? (pos.netQuantity === 0n ? "positionClosed" : "positionAdjusted")
    this.emit({
      _tag: "PositionUpdate",
      accountId: account.id,
      symbol: m.symbol,
      data: this.positionPayload(account, m, e)
    })
  }

  /** REST view of a position (`FuturePositionWithMargin`), all strings. */
  positionView(account: Account, m: Market, pos: Position): Record<string, string> {
    const mark = this.markPrice(m)
    const net = pos.netQuantity
    const entry = net === 0n ? 0n : D.div(pos.netCost, net)
    const breakEven = net === 0n ? 0n : D.div(pos.netCost - pos.cumulativeFundingPayment, net)
    let bids = 0n
    let asks = 0n
    for (const o of this.openOrders(account, m.symbol)) {
      if (o.side === "Bid") bids += remaining(o)
      else asks += remaining(o)
    }
    const exposureQty = net >= 0n ? net + bids : net - asks
    return {
      breakEvenPrice: D.format(breakEven),
      entryPrice: D.format(entry),
      estLiquidationPrice: "0",
      imf: D.format(this.imf(account, m)),
      markPrice: D.format(mark, m.priceDp),
      mmf: m.def.mmfBase ?? "0.0125",
      netCost: D.format(pos.netCost),
      netQuantity: D.format(net, m.qtyDp),
      netExposureQuantity: D.format(D.abs(exposureQty), m.qtyDp),
      netExposureNotional: D.format(D.mul(D.abs(exposureQty), mark)),
      pnlRealized: D.format(pos.pnlRealized),
      pnlUnrealized: D.format(D.mul(net, mark) - pos.netCost),
      cumulativeFundingPayment: D.format(pos.cumulativeFundingPayment)
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // klines and tickers
  // -------------------------------------------------------------------------------------------------------------

  /** Start (ms) of the candle containing `ms`. */
  candleStart(interval: string, ms: number): number {
    if (interval === "1month") {
      const d = new Date(ms)
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
    }
    const len = klineIntervals[interval]! * 1000
    return Math.floor(ms / len) * len
  }

  candleEnd(interval: string, start: number): number {
    if (interval === "1month") {
      const d = new Date(start)
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
    }
    return start + klineIntervals[interval]! * 1000
  }

  /** Aggregates trades into candles between two ms instants (only candles with trades). */
  candles(m: Market, interval: string, fromMs: number, toMs: number): Array<Candle> {
    const out: Array<Candle> = []
    let current: Candle | undefined
    for (const t of m.trades) {
      if (t.timestamp < fromMs || t.timestamp >= toMs) continue
      const start = this.candleStart(interval, t.timestamp)
      if (current === undefined || current.start !== start) {
        current = {
          start,
          end: this.candleEnd(interval, start),
          open: t.price,
          high: t.price,
          low: t.price,
          close: t.price,
          volume: 0n,
          quoteVolume: 0n,
          trades: 0
        }
        out.push(current)
      }
      current.high = D.max(current.high, t.price)
      current.low = D.min(current.low, t.price)
      current.close = t.price
      current.volume += t.quantity
      current.quoteVolume += t.quoteQuantity
      current.trades++
    }
    return out
  }

  /** Rolling statistics over `windowMs`; `undefined` when the market never traded. */
  ticker(m: Market, windowMs: number): Record<string, string> | undefined {
    const last = this.lastPrice(m)
    if (last === null) return undefined
    const since = this.now() - windowMs
    let first: bigint | null = null
    let high = last
    let low = last
    let volume = 0n
    let quoteVolume = 0n
    let trades = 0
    for (let i = m.trades.length - 1; i >= 0; i--) {
      const t = m.trades[i]!
      if (t.timestamp < since) break
      first = t.price
      high = D.max(high, t.price)
      low = D.min(low, t.price)
      volume += t.quantity
      quoteVolume += t.quoteQuantity
      trades++
    }
    const firstPrice = first ?? last
    const change = last - firstPrice
    const pct = firstPrice === 0n ? 0n : D.roundTo(D.div(change, firstPrice), D.parse("0.000001")!)
    return {
      symbol: m.symbol,
      firstPrice: D.format(firstPrice, m.priceDp),
      lastPrice: D.format(last, m.priceDp),
      priceChange: D.format(change, m.priceDp),
      priceChangePercent: D.format(pct),
      high: D.format(high, m.priceDp),
      low: D.format(low, m.priceDp),
      volume: D.format(volume, m.qtyDp),
      quoteVolume: D.format(quoteVolume),
      trades: String(trades)
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // seeding and background flow
  // -------------------------------------------------------------------------------------------------------------

  private makers: Array<Account> = []

  private seedLiquidity(seedTrades: number): void {
    for (let i = 0; i < 2; i++) {
      const { account } = this.createRandomAccount(true)
      for (const asset of this.assets) {
        this.deposit(account, asset.symbol, D.fromInt(asset.symbol === "USDC" ? 1_000_000_000 : 1_000_000))
      }
      this.makers.push(account)
    }
    for (const m of this.markets.values()) {
      this.refillBook(m, 20)
      for (let i = 0; i < seedTrades; i++) this.randomTaker(m)
      this.refillBook(m, 20)
    }
  }

  /** Tops each side of the book up to `levels` seeded price levels owned by the internal market makers. */
  refillBook(m: Market, levels: number): void {
    try {
      const ref = m.perp ? m.indexPrice : this.markPrice(m)
      const spreadTicks = 1 + this.prng.int(0, 2)
      const levelQty = D.parse(m.def.levelQuantity)!
      for (const side of SIDES) {
        const book = this.levelsOf(m, side)
        let k = 0
        while (book.length < levels && k < levels * 3) {
          k++
          const offset = BigInt(spreadTicks + this.prng.int(0, levels * 2)) * m.tick
          const price = side === "Bid" ? ref - offset : ref + offset
          if (price < m.minPrice || (m.maxPrice !== null && price > m.maxPrice)) continue
          const opposite = side === "Bid" ? this.bestAsk(m) : this.bestBid(m)
          if (opposite !== null && (side === "Bid" ? price >= opposite : price <= opposite)) continue
          const factor = BigInt(this.prng.int(20, 180))
          const qty = D.max(m.minQuantity, D.floorTo((levelQty * factor) / 100n, m.step))
          const maker = this.prng.pick(this.makers)
          this.executeUnsafe(maker, {
            symbol: m.symbol,
            side,
            orderType: "Limit",
            price: D.format(price, m.priceDp),
            quantity: D.format(qty, m.qtyDp),
            postOnly: true
          })
        }
      }
    } catch {
      // seeded makers never run out of funds; ignore a rejected quote
    } finally {
      this.flush()
    }
  }

  /** A seeded taker trades a small random size against the book. */
  randomTaker(m: Market): void {
    if (this.makers.length === 0) return
    const taker = this.makers[this.prng.int(0, this.makers.length - 1)]!
    const side = this.prng.pick(SIDES)
    const levelQty = D.parse(m.def.levelQuantity)!
    const qty = D.max(m.minQuantity, D.floorTo((levelQty * BigInt(this.prng.int(5, 60))) / 100n, m.step))
    try {
      this.execute(taker, {
        symbol: m.symbol,
        side,
        orderType: "Market",
        quantity: D.format(qty, m.qtyDp),
        selfTradePrevention: "RejectMaker"
      })
    } catch {
      // ignore
    }
  }

  /** One step of background activity: drift the reference price, trade, cancel and requote. */
  activityStep(): void {
    if (this.makers.length === 0) return // `liquidity: false`: no market makers to move the books
    for (const m of this.markets.values()) {
      const drift = BigInt(this.prng.int(-3, 3)) * m.tick
      if (m.indexPrice + drift > m.minPrice) m.indexPrice += drift
      if (m.perp) {
        this.setFundingRate(m, D.parse(`0.0000${this.prng.int(10, 99)}`)! * BigInt(this.prng.next() < 0.2 ? -1 : 1))
      }
      if (this.prng.next() < 0.7) this.randomTaker(m)
      // cancel a random maker quote far from the touch
      if (this.prng.next() < 0.5) {
        const maker = this.prng.pick(this.makers)
        const open = this.openOrders(maker, m.symbol)
        if (open.length > 30) this.cancel(maker, m.symbol, this.prng.pick(open).id, null)
      }
      this.refillBook(m, 20)
    }
    this.settleDueFunding()
  }
}

/** An OHLCV candle. */
export interface Candle {
  readonly start: number
  readonly end: number
  open: bigint
  high: bigint
  low: bigint
  close: bigint
  volume: bigint
  quoteVolume: bigint
  trades: number
}

/** Unfilled base quantity of an order (0 for quote-sized market orders once done). */
export const remaining = (o: Order): bigint => {
  if (o.quantity === null) return o.status === "Filled" ? 0n : D.ONE * 1_000_000_000n
  return o.quantity - o.executedQuantity
}

/** Whether the order can still trade. */
export const isOpen = (o: Order): boolean => o.status === "New" || o.status === "PartiallyFilled"

const compareDec = (a: string, b: string): number => {
  const x = D.parse(a)!
  const y = D.parse(b)!
  return x < y ? -1 : x > y ? 1 : 0
}

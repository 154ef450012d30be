/**
 * Order execution: validation against the market's filters and the account's funds or margin, price-time
 * priority matching with self-trade prevention, post-only, reduce-only, IOC/FOK, fees and settlement, cancels.
 *
 * Orders arrive parsed (`OrderRequest`, see `http/payloads.ts`); this module checks what depends on the state.
 *
 * @internal
 */
import * as D from "../decimal.js"
import { balance, closeOrder, findOpenOrder, openOrders, recordOrder } from "./accounts.js"
import * as Book from "./book.js"
import type { Engine } from "./engine.js"
import type { OrderEventKind, PositionEventKind } from "./events.js"
import { markPrice } from "./marketData.js"
import type { Account, Fill, Market, Order, PublicTrade, SelfTradePrevention, Side, TimeInForce } from "./model.js"
import { ApiFailure, invalidClient, isOpen, remaining } from "./model.js"
import { applyPosition, checkMargin, emitPosition } from "./perps.js"

/** A decimal as written by the client and its value. */
export interface DecimalInput {
  readonly raw: string
  readonly value: bigint
}

/** A syntactically valid `OrderExecutePayload`. */
export interface OrderRequest {
  readonly symbol: string
  readonly side: Side
  readonly orderType: "Limit" | "Market"
  readonly timeInForce: TimeInForce
  readonly selfTradePrevention: SelfTradePrevention
  readonly price: DecimalInput | null
  readonly quantity: DecimalInput | null
  readonly quoteQuantity: DecimalInput | null
  readonly postOnly: boolean
  readonly reduceOnly: boolean | null
  readonly clientId: number | null
  /** Conditional fields given (not modelled yet: rejected). */
  readonly triggerPrice: boolean
  readonly triggerQuantity: boolean
  readonly takeProfit: boolean
  readonly stopLoss: boolean
}

const emitOrder = (engine: Engine, account: Account, order: Order, kind: OrderEventKind, fill?: Fill): void =>
  engine.bus.emit({ _tag: "OrderUpdated", account, order, kind, fill })

/** A positive multiple of the market's increment, with the live texts for each way it is not. */
const checkIncrement = (
  input: DecimalInput,
  increment: bigint,
  decimals: number,
  code: string,
  what: "Price" | "Quantity",
  unit: string
): void => {
  if (input.value <= 0n) throw new ApiFailure(400, code, `${what} must be positive`)
  if (input.value % increment !== 0n) {
    throw new ApiFailure(
      400,
      code,
      D.writtenDecimals(input.raw) > decimals ? `${what} decimal too long` : `${what} must be a multiple of the ${unit}`
    )
  }
}

/** Validates and executes an order; returns the resulting order. */
export const execute = (engine: Engine, account: Account, request: OrderRequest, id?: string): Order => {
  try {
    return executeUnflushed(engine, account, request, id)
  } finally {
    Book.flush(engine)
  }
}

/** `execute` without the final book flush (for callers that batch several orders into one depth event). */
export const executeUnflushed = (engine: Engine, account: Account, request: OrderRequest, id?: string): Order => {
  const { clientId, orderType, postOnly, price, quantity, quoteQuantity, reduceOnly, side, symbol, timeInForce } =
    request
  const stp = request.selfTradePrevention
  const m = engine.markets.get(symbol)
  if (m === undefined) throw new ApiFailure(400, "INVALID_MARKET", "Market not found")
  if (request.triggerPrice) {
    if (!request.triggerQuantity) {
      throw invalidClient("Must specify both triggerPrice and triggerQuantity or neither")
    }
    throw new ApiFailure(400, "NOT_IMPLEMENTED", "Trigger orders are not supported by the simulator")
  }
  if (request.takeProfit || request.stopLoss) {
    throw new ApiFailure(400, "NOT_IMPLEMENTED", "Take-profit and stop-loss are not supported by the simulator")
  }

  // precision and presence checks
  if (orderType === "Limit") {
    if (price === null) throw invalidClient("Limit orders must specify a price")
    if (quantity === null) throw invalidClient("Limit orders must specify a quantity")
  } else if ((quantity === null) === (quoteQuantity === null)) {
    // live text (both missing and both given)
    throw invalidClient("Must specify either `quantity` or `quoteQuantity`")
  }
  if (price !== null) {
    checkIncrement(price, m.tick, m.priceDp, "INVALID_PRICE", "Price", "tick size")
    if (price.value < m.minPrice || (m.maxPrice !== null && price.value > m.maxPrice)) {
      throw new ApiFailure(400, "INVALID_PRICE", "Price out of bounds")
    }
    checkPriceBand(m, price.value)
  }
  if (quantity !== null) {
    checkIncrement(quantity, m.step, m.qtyDp, "INVALID_QUANTITY", "Quantity", "step size")
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
  if (clientId !== null && account.openByClientId.has(clientId)) {
    throw new ApiFailure(400, "INVALID_ORDER", `Order with client ID already exists: ${clientId}`)
  }
  const limit = orderType === "Limit" ? price!.value : null

  // post-only: reject if it would take
  if (postOnly && orderType === "Limit") {
    const best = side === "Bid" ? Book.bestAsk(m) : Book.bestBid(m)
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
      checkMargin(engine, account, m, side, quantity?.value ?? null, quoteQuantity?.value ?? null, limit)
    }
  } else if (orderType === "Limit") {
    lock = side === "Bid" ? D.mul(limit!, quantity!.value) : quantity!.value
    if (balance(account, lockAsset!).available < lock) {
      throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
    }
  } else {
    checkMarketFunds(account, m, side, stp, quantity?.value ?? null, quoteQuantity?.value ?? null)
  }

  // a market order sized in base answers the quote it expects to spend or receive, from the book, rounded up to
  // the tick (live: 0.001 ETH filled for 3.81428 USDC answered quoteQuantity "3.82")
  const estimatedQuote = orderType === "Market" && quantity !== null ?
    D.ceilTo(simulateWalk(account, m, side, stp, quantity.value, null).quote, m.tick) :
    null
  const order: Order = {
    id: id ?? engine.orderId(),
    clientId,
    accountId: account.id,
    symbol,
    side,
    orderType,
    price: limit,
    quantity: quantity?.value ?? null,
    quoteQuantity: quoteQuantity?.value ?? (estimatedQuote === null || estimatedQuote === 0n ? null : estimatedQuote),
    executedQuantity: 0n,
    executedQuoteQuantity: 0n,
    timeInForce,
    postOnly: orderType === "Limit" ? postOnly : false,
    reduceOnly,
    selfTradePrevention: stp,
    status: "New",
    expiryReason: null,
    createdAt: engine.now(),
    locked: lock,
    lockAsset
  }
  if (lock > 0n) {
    const b = balance(account, lockAsset!)
    b.available -= lock
    b.locked += lock
  }
  recordOrder(account, order)
  emitOrder(engine, account, order, "orderAccepted")

  // fill-or-kill: all or nothing
  if (timeInForce === "FOK" && !canFillFully(engine, account, m, order, reduceCap)) {
    expire(engine, account, order, "FillOrKill")
    return order
  }
  match(engine, account, m, order, reduceCap)
  if (isOpen(order)) {
    if (orderType === "Market") expire(engine, account, order, "InsufficientLiquidity")
    else if (timeInForce !== "GTC") {
      expire(engine, account, order, timeInForce === "IOC" ? "ImmediateOrCancel" : "FillOrKill")
    } else if (reduceCap !== null && order.executedQuantity >= reduceCap) {
      expire(engine, account, order, "ReduceOnlyNotReduced")
    } else Book.insert(engine, m, order)
  }
  if (!isOpen(order)) closeOrder(account, order)
  return order
}

/**
 * Price bands of the market's filters: a limit price must lie within `[minMultiplier, maxMultiplier]` times the
 * mark price (the live error text is not documented).
 */
const checkPriceBand = (m: Market, price: bigint): void => {
  const mark = markPrice(m)
  if (mark <= 0n) return
  if (price > D.mul(mark, m.bands.max) || price < D.mul(mark, m.bands.min)) {
    throw new ApiFailure(400, "INVALID_PRICE", "Price is outside the price band of the market")
  }
}

/** Walks the book (skipping the account's own orders) to price a market order. */
const simulateWalk = (
  account: Account,
  m: Market,
  side: Side,
  stp: SelfTradePrevention,
  quantity: bigint | null,
  quoteQuantity: bigint | null
): { readonly base: bigint; readonly quote: bigint } => {
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

const checkMarketFunds = (
  account: Account,
  m: Market,
  side: Side,
  stp: SelfTradePrevention,
  quantity: bigint | null,
  quoteQuantity: bigint | null
): void => {
  const walk = simulateWalk(account, m, side, stp, quantity, quoteQuantity)
  const need = side === "Bid" ? walk.quote : walk.base
  const asset = side === "Bid" ? m.def.quoteSymbol : m.def.baseSymbol
  const cap = side === "Bid" && quoteQuantity !== null ? D.max(need, quoteQuantity) : need
  if (balance(account, asset).available < cap) {
    throw new ApiFailure(400, "INSUFFICIENT_FUNDS", "Insufficient funds")
  }
}

/**
 * Whether `order` would fill completely right now: the same walk as `match` (price bound, self-trade
 * prevention, reduce-only caps on both sides, quote-sized market orders) without executing it.
 */
const canFillFully = (engine: Engine, account: Account, m: Market, order: Order, reduceCap: bigint | null): boolean => {
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
        const pos = engine.accounts.get(o.accountId)!.positions.get(m.symbol)?.netQuantity ?? 0n
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

const match = (engine: Engine, account: Account, m: Market, taker: Order, reduceCap: bigint | null): void => {
  const levels = taker.side === "Bid" ? m.asks : m.bids
  while (levels.length > 0 && isOpen(taker)) {
    const level = levels[0]!
    if (taker.price !== null && (taker.side === "Bid" ? level.price > taker.price : level.price < taker.price)) break
    const maker = level.orders[0]!
    if (maker.accountId === account.id) {
      const mode = taker.selfTradePrevention
      if (mode === "RejectMaker" || mode === "RejectBoth") {
        Book.remove(engine, m, maker)
        expire(engine, account, maker, "SelfTradePrevention")
      }
      if (mode === "RejectTaker" || mode === "RejectBoth") {
        expire(engine, account, taker, "SelfTradePrevention")
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
    const makerAccount = engine.accounts.get(maker.accountId)!
    if (maker.reduceOnly === true) {
      const pos = makerAccount.positions.get(m.symbol)?.netQuantity ?? 0n
      const reducible = maker.side === "Bid" ? (pos < 0n ? -pos : 0n) : (pos > 0n ? pos : 0n)
      if (reducible === 0n) {
        Book.remove(engine, m, maker)
        expire(engine, makerAccount, maker, "ReduceOnlyNotReduced")
        continue
      }
      qty = D.min(qty, reducible)
    }
    if (qty <= 0n) break
    trade(engine, m, account, taker, makerAccount, maker, level.price, qty)
    if (!isOpen(maker)) {
      level.orders.shift()
      if (level.orders.length === 0) levels.shift()
      closeOrder(makerAccount, maker)
    }
    Book.touch(engine, m, maker.side, level.price)
    if (reduceCap !== null && taker.executedQuantity >= reduceCap) break
  }
}

const trade = (
  engine: Engine,
  m: Market,
  takerAccount: Account,
  taker: Order,
  makerAccount: Account,
  maker: Order,
  price: bigint,
  qty: bigint
): void => {
  const quote = D.mul(price, qty)
  const T = engine.micros()
  const timestamp = Math.floor(T / 1000)
  const tradeId = ++m.tradeId
  const fees = engine.feeAccount()
  const positionEvents = new Map<Account, PositionEventKind>()
  const settle = (account: Account, order: Order, isMaker: boolean): Fill => {
    const rate = isMaker ? engine.makerFee : engine.takerFee
    let fee: bigint
    let feeSymbol: string
    if (m.perp) {
      feeSymbol = m.def.quoteSymbol
      fee = D.mul(quote, rate)
      balance(account, feeSymbol).available -= fee
      positionEvents.set(account, applyPosition(engine, account, m, order.side === "Bid" ? qty : -qty, price))
    } else if (order.side === "Bid") {
      // pays quote, receives base minus fee
      const q = balance(account, m.def.quoteSymbol)
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
      balance(account, m.def.baseSymbol).available += qty - fee
    } else {
      const b = balance(account, m.def.baseSymbol)
      if (order.orderType === "Limit") {
        b.locked -= qty
        order.locked -= qty
      } else {
        b.available -= qty
      }
      feeSymbol = m.def.quoteSymbol
      fee = D.mul(quote, rate)
      balance(account, m.def.quoteSymbol).available += quote - fee
    }
    balance(fees, feeSymbol).available += fee
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
  if (taker.orderType === "Market" && taker.quantity === null && taker.quoteQuantity !== null) {
    const left = taker.quoteQuantity - taker.executedQuoteQuantity
    if (D.floorTo(D.div(left, price), m.step) <= 0n) taker.status = "Filled"
  }
  const buyer = taker.side === "Bid" ? taker : maker
  const seller = taker.side === "Bid" ? maker : taker
  const printed: PublicTrade = {
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
  // market data (trade buffer, candles, tickers) folds it in as the first subscriber
  engine.bus.emit({ _tag: "TradePrinted", market: m, trade: printed })
  emitOrder(engine, makerAccount, maker, "orderFill", makerFill)
  emitOrder(engine, takerAccount, taker, "orderFill", takerFill)
  if (m.perp) {
    emitPosition(engine, makerAccount, m, positionEvents.get(makerAccount))
    emitPosition(engine, takerAccount, m, positionEvents.get(takerAccount))
  }
}

const expire = (engine: Engine, account: Account, order: Order, reason: string): void => {
  order.status = "Expired"
  order.expiryReason = reason
  closeOrder(account, order)
  release(account, order)
  emitOrder(engine, account, order, "orderExpired")
}

const release = (account: Account, order: Order): void => {
  if (order.locked > 0n && order.lockAsset !== null) {
    const b = balance(account, order.lockAsset)
    b.locked -= order.locked
    b.available += order.locked
    order.locked = 0n
  }
}

/** Cancels one open order; `undefined` when no such open order exists. */
export const cancel = (
  engine: Engine,
  account: Account,
  symbol: string,
  orderId: string | null,
  clientId: number | null
): Order | undefined => {
  const m = engine.market(symbol)
  const order = findOpenOrder(account, symbol, orderId, clientId)
  if (order === undefined) return undefined
  try {
    Book.remove(engine, m, order)
    order.status = "Cancelled"
    closeOrder(account, order)
    release(account, order)
    emitOrder(engine, account, order, "orderCancelled")
    return order
  } finally {
    Book.flush(engine)
  }
}

/** Cancels every open order of the account in a market. */
export const cancelAll = (engine: Engine, account: Account, symbol: string): Array<Order> => {
  const out: Array<Order> = []
  for (const o of openOrders(account, symbol)) {
    const c = cancel(engine, account, symbol, o.id, null)
    if (c !== undefined) out.push(c)
  }
  return out
}

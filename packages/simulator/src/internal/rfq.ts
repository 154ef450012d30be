/**
 * Requests for quote: a requester asks for a price on a spot market, makers (other accounts and the simulator's
 * own quoter) answer with two-sided quotes until the submission deadline, the requester accepts one (or the
 * best matching one is taken at once in `Immediate` mode) and both sides settle at the quote's price. Every step
 * is pushed on `account.rfqUpdate`.
 *
 * @internal
 */
import * as D from "./decimal.js"
import * as Accounts from "./engine/accounts.js"
import type { Engine } from "./engine/engine.js"
import * as MarketData from "./engine/marketData.js"
import type { Account, Market, Side } from "./engine/model.js"
import { ApiFailure } from "./engine/model.js"
import * as Wire from "./wire.js"

/** Makers may quote for this long after the RFQ is (re)opened. */
export const SUBMISSION_WINDOW_MS = 10_000
/** The RFQ can be accepted until this long after it is (re)opened. */
export const EXPIRY_WINDOW_MS = 30_000
/** Half spread of the simulator's own quoter around the mark price. */
const QUOTER_HALF_SPREAD = D.parse("0.001")!

export type RfqStatus = "New" | "Filled" | "Cancelled" | "Expired"

export interface Rfq {
  readonly id: string
  readonly accountId: number
  readonly clientId: number | null
  readonly symbol: string
  readonly side: Side
  readonly price: bigint | null
  readonly quantity: bigint | null
  readonly quoteQuantity: bigint | null
  readonly executionMode: "AwaitAccept" | "Immediate"
  submissionTime: number
  expiryTime: number
  status: RfqStatus
  readonly createdAt: number
  readonly quotes: Array<RfqQuote>
}

export interface RfqQuote {
  readonly id: string
  readonly rfqId: string
  readonly accountId: number
  readonly clientId: number | null
  readonly bidPrice: bigint
  readonly askPrice: bigint
  status: RfqStatus
  readonly createdAt: number
}

export interface RfqFill {
  readonly rfq: Rfq
  readonly quote: RfqQuote
  /** Side of the requester. */
  readonly side: Side
  readonly price: bigint
  readonly quantity: bigint
  readonly quoteQuantity: bigint
  readonly requesterFee: bigint
  readonly requesterFeeSymbol: string
  readonly quoterFee: bigint
  readonly quoterFeeSymbol: string
  readonly filledAt: number
}

const fail = (code: string, message: string, status = 400) => new ApiFailure(status, code, message)

/** RFQ state of the exchange. */
export class Rfqs {
  readonly rfqs = new Map<string, Rfq>()
  readonly quotes = new Map<string, RfqQuote>()
  readonly fills: Array<RfqFill> = []
  /** RFQs that may still be open (pruned on expiry checks): what the clock looks at. */
  private readonly live_ = new Set<Rfq>()
  private nextId = 114_420_000_000_000_000n

  constructor(readonly engine: Engine, readonly quoter: Account | undefined) {}

  private id(): string {
    this.nextId += 1n + BigInt(this.engine.prng.int(0, 2))
    return this.nextId.toString()
  }

  private market(symbol: string): Market {
    const m = this.engine.market(symbol)
    if (m.perp) throw fail("INVALID_MARKET", "RFQ is only available on spot markets")
    return m
  }

  /** `POST /api/v1/rfq`. */
  submit(
    account: Account,
    input: {
      readonly symbol: string
      readonly side: Side
      readonly quantity?: bigint | undefined
      readonly quoteQuantity?: bigint | undefined
      readonly price?: bigint | undefined
      readonly clientId?: number | undefined
      readonly executionMode?: "AwaitAccept" | "Immediate" | undefined
    }
  ): Rfq {
    const m = this.market(input.symbol)
    if ((input.quantity === undefined) === (input.quoteQuantity === undefined)) {
      throw fail("INVALID_CLIENT_REQUEST", "Must specify either `quantity` or `quoteQuantity`")
    }
    if (input.quantity !== undefined && (input.quantity % m.step !== 0n || input.quantity < m.minQuantity)) {
      throw fail(
        "INVALID_QUANTITY",
        input.quantity < m.minQuantity ? "Quantity is below the minimum allowed value" : "Quantity decimal too long"
      )
    }
    if (input.price !== undefined && input.price % m.tick !== 0n) throw fail("INVALID_PRICE", "Price decimal too long")
    const mode = input.executionMode ?? "AwaitAccept"
    if (mode === "Immediate" && input.price === undefined) {
      throw fail("INVALID_CLIENT_REQUEST", "Immediate execution requires a `price`")
    }
    if (input.clientId !== undefined && this.open(account).some((r) => r.clientId === input.clientId)) {
      throw fail("INVALID_CLIENT_REQUEST", `RFQ with client ID already exists: ${input.clientId}`)
    }
    const now = this.engine.now()
    const rfq: Rfq = {
      id: this.id(),
      accountId: account.id,
      clientId: input.clientId ?? null,
      symbol: m.symbol,
      side: input.side,
      price: input.price ?? null,
      quantity: input.quantity ?? null,
      quoteQuantity: input.quoteQuantity ?? null,
      executionMode: mode,
      submissionTime: now + SUBMISSION_WINDOW_MS,
      expiryTime: now + EXPIRY_WINDOW_MS,
      status: "New",
      createdAt: now,
      quotes: []
    }
    this.rfqs.set(rfq.id, rfq)
    this.live_.add(rfq)
    this.broadcast(rfq, "rfqActive")
    this.autoQuote(rfq)
    return rfq
  }

  open(account: Account): Array<Rfq> {
    return [...this.live_].filter((r) => r.accountId === account.id && r.status === "New")
  }

  private own(account: Account, rfqId: string | undefined, clientId: number | undefined): Rfq {
    const rfq = rfqId !== undefined ?
      this.rfqs.get(rfqId) :
      this.open(account).find((r) => r.clientId === clientId)
    if (rfq === undefined || rfq.accountId !== account.id) throw fail("RESOURCE_NOT_FOUND", "RFQ not found", 404)
    return rfq
  }

  private live(rfq: Rfq): void {
    if (rfq.status !== "New") throw fail("INVALID_CLIENT_REQUEST", `RFQ is ${rfq.status.toLowerCase()}`)
    if (this.engine.now() > rfq.expiryTime) {
      this.expire(rfq)
      throw fail("INVALID_CLIENT_REQUEST", "RFQ has expired")
    }
  }

  /** `POST /api/v1/rfq/quote`: a maker's two-sided quote. */
  quote(
    account: Account,
    input: {
      readonly rfqId: string
      readonly bidPrice: bigint
      readonly askPrice: bigint
      readonly clientId?: number | undefined
    }
  ): RfqQuote {
    const rfq = this.rfqs.get(input.rfqId)
    if (rfq === undefined) throw fail("RESOURCE_NOT_FOUND", "RFQ not found", 404)
    if (rfq.accountId === account.id) throw fail("INVALID_CLIENT_REQUEST", "Cannot quote your own RFQ")
    this.live(rfq)
    if (this.engine.now() > rfq.submissionTime) throw fail("INVALID_CLIENT_REQUEST", "RFQ submission window has closed")
    const m = this.engine.market(rfq.symbol)
    if (input.bidPrice % m.tick !== 0n || input.askPrice % m.tick !== 0n) {
      throw fail("INVALID_PRICE", "Price decimal too long")
    }
    if (input.bidPrice >= input.askPrice) throw fail("INVALID_PRICE", "Bid price must be below ask price")
    return this.addQuote(rfq, account, input.bidPrice, input.askPrice, input.clientId ?? null)
  }

  private addQuote(rfq: Rfq, account: Account, bidPrice: bigint, askPrice: bigint, clientId: number | null): RfqQuote {
    // a maker's new quote replaces its previous one
    for (const q of rfq.quotes) {
      if (q.accountId === account.id && q.status === "New") {
        q.status = "Cancelled"
        this.send(account, rfq, "quoteCancelled", q)
      }
    }
    const quote: RfqQuote = {
      id: this.id(),
      rfqId: rfq.id,
      accountId: account.id,
      clientId,
      bidPrice,
      askPrice,
      status: "New",
      createdAt: this.engine.now()
    }
    rfq.quotes.push(quote)
    this.quotes.set(quote.id, quote)
    if (this.best(rfq) === quote) this.send(this.engine.accounts.get(rfq.accountId)!, rfq, "rfqCandidate", quote)
    if (rfq.executionMode === "Immediate" && rfq.price !== null) {
      const price = this.priceFor(rfq, quote)
      if (rfq.side === "Bid" ? price <= rfq.price : price >= rfq.price) {
        try {
          this.fill(rfq, quote)
        } catch {
          // the requester cannot settle it now; the RFQ stays open
        }
      }
    }
    return quote
  }

  /** Price the requester trades at with this quote (its ask for a buyer, its bid for a seller). */
  priceFor(rfq: Rfq, quote: RfqQuote): bigint {
    return rfq.side === "Bid" ? quote.askPrice : quote.bidPrice
  }

  best(rfq: Rfq): RfqQuote | undefined {
    let best: RfqQuote | undefined
    for (const q of rfq.quotes) {
      if (q.status !== "New") continue
      if (best === undefined) best = q
      else if (rfq.side === "Bid" ? q.askPrice < best.askPrice : q.bidPrice > best.bidPrice) best = q
    }
    return best
  }

  /** `POST /api/v1/rfq/accept`. */
  accept(
    account: Account,
    input: { readonly quoteId: string; readonly rfqId?: string | undefined; readonly clientId?: number | undefined }
  ): Rfq {
    const quote = this.quotes.get(input.quoteId)
    if (quote === undefined) throw fail("RESOURCE_NOT_FOUND", "Quote not found", 404)
    const rfq = this.rfqs.get(quote.rfqId)!
    if (rfq.accountId !== account.id) throw fail("RESOURCE_NOT_FOUND", "Quote not found", 404)
    if (input.rfqId !== undefined && input.rfqId !== rfq.id) {
      throw fail("INVALID_CLIENT_REQUEST", "Quote does not belong to the RFQ")
    }
    if (input.clientId !== undefined && input.clientId !== rfq.clientId) {
      throw fail("INVALID_CLIENT_REQUEST", "Quote does not belong to the RFQ")
    }
    this.live(rfq)
    if (quote.status !== "New") throw fail("INVALID_CLIENT_REQUEST", "Quote is no longer active")
    this.fill(rfq, quote)
    return rfq
  }

  private fill(rfq: Rfq, quote: RfqQuote): void {
    const m = this.engine.market(rfq.symbol)
    const requester = this.engine.accounts.get(rfq.accountId)!
    const quoter = this.engine.accounts.get(quote.accountId)!
    const price = this.priceFor(rfq, quote)
    const quantity = rfq.quantity ?? D.floorTo(D.div(rfq.quoteQuantity!, price), m.step)
    if (quantity <= 0n) throw fail("INVALID_QUANTITY", "Quantity is below the minimum allowed value")
    const notional = D.mul(quantity, price)
    const buyer = rfq.side === "Bid" ? requester : quoter
    const seller = rfq.side === "Bid" ? quoter : requester
    const base = m.def.baseSymbol
    const quoteAsset = m.def.quoteSymbol
    if (Accounts.balance(buyer, quoteAsset).available < notional) {
      throw fail("INSUFFICIENT_FUNDS", buyer === requester ? "Insufficient funds" : "Quoter has insufficient funds")
    }
    if (Accounts.balance(seller, base).available < quantity) {
      throw fail("INSUFFICIENT_FUNDS", seller === requester ? "Insufficient funds" : "Quoter has insufficient funds")
    }
    // the requester pays the taker fee, the quoter the maker fee; buyers pay in base, sellers in quote
    const feeOf = (account: Account, rate: bigint) =>
      account === buyer
        ? { fee: D.mul(quantity, rate), symbol: base }
        : { fee: D.mul(notional, rate), symbol: quoteAsset }
    const requesterFee = feeOf(requester, this.engine.takerFee)
    const quoterFee = feeOf(quoter, this.engine.makerFee)
    const buyerFee = buyer === requester ? requesterFee : quoterFee
    const sellerFee = seller === requester ? requesterFee : quoterFee
    Accounts.balance(buyer, quoteAsset).available -= notional
    Accounts.balance(buyer, base).available += quantity - buyerFee.fee
    Accounts.balance(seller, base).available -= quantity
    Accounts.balance(seller, quoteAsset).available += notional - sellerFee.fee
    const fees = this.engine.feeAccount()
    Accounts.balance(fees, buyerFee.symbol).available += buyerFee.fee
    Accounts.balance(fees, sellerFee.symbol).available += sellerFee.fee
    rfq.status = "Filled"
    quote.status = "Filled"
    this.fills.push({
      rfq,
      quote,
      side: rfq.side,
      price,
      quantity,
      quoteQuantity: notional,
      requesterFee: requesterFee.fee,
      requesterFeeSymbol: requesterFee.symbol,
      quoterFee: quoterFee.fee,
      quoterFeeSymbol: quoterFee.symbol,
      filledAt: this.engine.now()
    })
    this.send(requester, rfq, "rfqAccepted", quote)
    this.send(quoter, rfq, "quoteAccepted", quote)
    this.send(requester, rfq, "rfqFilled", quote)
    this.send(quoter, rfq, "rfqFilled", quote)
    for (const q of rfq.quotes) {
      if (q.status === "New") {
        q.status = "Cancelled"
        this.send(this.engine.accounts.get(q.accountId)!, rfq, "quoteCancelled", q)
      }
    }
  }

  /** `POST /api/v1/rfq/refresh`: reopens the submission window and asks the makers again. */
  refresh(account: Account, rfqId: string): Rfq {
    const rfq = this.own(account, rfqId, undefined)
    this.live(rfq)
    const now = this.engine.now()
    rfq.submissionTime = now + SUBMISSION_WINDOW_MS
    rfq.expiryTime = now + EXPIRY_WINDOW_MS
    this.send(account, rfq, "rfqRefreshed")
    this.broadcast(rfq, "rfqActive")
    this.autoQuote(rfq)
    return rfq
  }

  /** `POST /api/v1/rfq/cancel`. */
  cancel(account: Account, rfqId: string | undefined, clientId: number | undefined): Rfq {
    const rfq = this.own(account, rfqId, clientId)
    if (rfq.status !== "New") throw fail("INVALID_CLIENT_REQUEST", `RFQ is ${rfq.status.toLowerCase()}`)
    rfq.status = "Cancelled"
    this.send(account, rfq, "rfqCancelled")
    this.closeQuotes(rfq)
    return rfq
  }

  private closeQuotes(rfq: Rfq): void {
    for (const q of rfq.quotes) {
      if (q.status !== "New") continue
      q.status = "Cancelled"
      this.send(this.engine.accounts.get(q.accountId)!, rfq, "quoteCancelled", q)
    }
  }

  private expire(rfq: Rfq): void {
    rfq.status = "Expired"
    for (const q of rfq.quotes) if (q.status === "New") q.status = "Expired"
  }

  /** Expires RFQs past their expiry time; returns how many. */
  expireDue(): number {
    const now = this.engine.now()
    let n = 0
    for (const rfq of this.live_) {
      if (rfq.status !== "New") this.live_.delete(rfq)
      else if (now > rfq.expiryTime) {
        this.live_.delete(rfq)
        this.expire(rfq)
        n++
      }
    }
    return n
  }

  /** The simulator's quoter answers every RFQ around the mark price (when it can settle the size). */
  private autoQuote(rfq: Rfq): void {
    if (this.quoter === undefined) return
    const m = this.engine.market(rfq.symbol)
    const mark = MarketData.markPrice(m)
    const spread = D.max(m.tick, D.floorTo(D.mul(mark, QUOTER_HALF_SPREAD), m.tick))
    const bid = D.floorTo(mark, m.tick) - spread
    const ask = D.floorTo(mark, m.tick) + spread
    if (bid <= 0n) return
    this.addQuote(rfq, this.quoter, bid, ask, null)
  }

  private broadcast(rfq: Rfq, e: string): void {
    for (const account of this.engine.accounts.values()) {
      if (account.internal || account.id === rfq.accountId) continue
      this.send(account, rfq, e)
    }
  }

  private send(account: Account, rfq: Rfq, e: string, quote?: RfqQuote): void {
    if (account.internal) return
    let price: bigint | null = null
    if (quote !== undefined) {
      price = this.priceFor(rfq, quote)
      // the requester sees its price with the taker fee folded in; the quoter its own quote
      if (account.id === rfq.accountId && (e === "rfqCandidate" || e === "rfqFilled")) {
        const fee = D.mul(price, this.engine.takerFee)
        price = rfq.side === "Bid" ? price + fee : price - fee
      }
    }
    const data = Wire.rfqFrame(account, rfq, e, quote, price, this.engine.micros())
    this.engine.bus.emit({ _tag: "RfqUpdated", account, symbol: rfq.symbol, data })
  }
}

/**
 * JSON text of a frame; `bigint` values (RFQ and quote ids above 2^53) are written as exact integer literals,
 * as the live exchange sends them.
 */
export const stringifyFrame = (value: unknown): string => {
  try {
    return JSON.stringify(value)
  } catch {
    // only frames carrying a bigint get here
    const text = JSON.stringify(value, (_, v) => typeof v === "bigint" ? `\u0000big:${v}` : v)
    return text.replace(/"\\u0000big:(-?\d+)"/g, "$1")
  }
}

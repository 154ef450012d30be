/**
 * REST routes of the venue services (borrow/lend, RFQ, strategies, vaults, dust, withdrawal delay, reference
 * data and their history endpoints). Requests are decoded at the edge with Effect Schema and rejected with the
 * live exchange's plain-text 400s; the wire shapes of these services are built here and nowhere else.
 *
 * @internal
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as D from "../../decimal.js"
import type { Engine } from "../../engine/engine.js"
import * as MarketData from "../../engine/marketData.js"
import type { Account } from "../../engine/model.js"
import { ApiFailure, naiveMs, naiveSeconds, PlainFailure } from "../../engine/model.js"
import * as Perps from "../../engine/perps.js"
import { borrowRate, lendRate, utilization } from "../../lending.js"
import type { LendPosition, Pool } from "../../lending.js"
import { closedVolume } from "../../positionHistory.js"
import * as Ref from "../../reference.js"
import type { Rfq, RfqQuote } from "../../rfq.js"
import type { Strategy } from "../../strategies.js"
import type { Venue } from "../../venue.js"
import { attach } from "../../venue.js"
import { empty, json } from "../reply.js"
import type { RouteDomain } from "../route.js"

// ---------------------------------------------------------------------------------------------------------------
// edge decoding
// ---------------------------------------------------------------------------------------------------------------

/** Longest decimal text accepted (digits, sign and point). */
const MAX_DECIMAL_LENGTH = 40

const DecimalText = Schema.Union(Schema.String, Schema.Number).pipe(
  Schema.filter((v) => {
    const s = String(v)
    return (s.length <= MAX_DECIMAL_LENGTH && D.parse(s) !== undefined) || "Expect a valid decimal."
  })
)
/** A decimal body field as fixed point. */
const Dec = Schema.transform(DecimalText, Schema.BigIntFromSelf, {
  strict: false,
  decode: (v) => D.parse(String(v))!,
  encode: (v) => D.format(v)
})
const PositiveDec = Dec.pipe(Schema.filter((v) => v > 0n || "Expect a positive decimal."))
const Uint32 = Schema.Number.pipe(
  Schema.filter((n) =>
    (Number.isInteger(n) && n >= 0 && n <= 4294967295) || "Only integers between 0 and 4294967295 are accepted."
  )
)
const Uint64 = Schema.Number.pipe(
  Schema.filter((n) => (Number.isSafeInteger(n) && n >= 0) || "Expect an unsigned integer.")
)
const Side = Schema.Literal("Bid", "Ask")
const Stp = Schema.Literal("RejectTaker", "RejectMaker", "RejectBoth")
const Tif = Schema.Literal("GTC", "IOC", "FOK")
const opt = <S extends Schema.Schema.Any>(s: S) => Schema.optionalWith(s, { nullable: true })
const IdText = Schema.String.pipe(Schema.filter((s) => /^\d{1,20}$/.test(s) || "Expect a numeric id."))

const issueOf = (error: ParseResult.ParseError): { readonly field: string; readonly message: string } => {
  const [first] = ParseResult.ArrayFormatter.formatErrorSync(error)
  const field = first === undefined || first.path.length === 0 ? "" : String(first.path[0])
  const message = first?._tag === "Missing" ? "expects an input value." : first?.message ?? "invalid value"
  return { field, message: message.includes("\n") ? "invalid value" : message }
}

/** Decodes a JSON body; the live plain-text 400 on failure. */
const decodeBody = <A, I>(schema: Schema.Schema<A, I>, name: string, body: unknown): A => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: expected an object (occurred while parsing "${name}")`
    )
  }
  const result = Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })(body)
  if (Either.isRight(result)) return result.right
  const { field, message } = issueOf(result.left)
  throw new PlainFailure(
    400,
    `Bad Request parse request payload error: failed to parse "${field}": ${message} (occurred while parsing "${name}")`
  )
}

const QueryUint = Schema.String.pipe(
  Schema.filter((s) => /^\d{1,15}$/.test(s) || "invalid digit found in string"),
  Schema.transform(Schema.Number, { strict: true, decode: Number, encode: String })
)
const QueryBool = Schema.transform(Schema.Literal("true", "false"), Schema.Boolean, {
  strict: true,
  decode: (s) => s === "true",
  encode: (b) => (b ? "true" : "false")
})
const SortDirection = Schema.Literal("Asc", "Desc")
const paging = {
  limit: Schema.optional(QueryUint),
  offset: Schema.optional(QueryUint),
  sortDirection: Schema.optional(SortDirection)
}

/** Decodes query parameters (first value of each key); the live plain-text 400 on failure. */
const decodeQuery = <A, I>(schema: Schema.Schema<A, I>, query: URLSearchParams): A => {
  const raw: Record<string, string> = {}
  for (const [k, v] of query) if (!(k in raw)) raw[k] = v
  const result = Schema.decodeUnknownEither(schema, { onExcessProperty: "ignore" })(raw)
  if (Either.isRight(result)) return result.right
  const { field, message } = issueOf(result.left)
  throw new PlainFailure(400, `failed to parse parameter \`${field}\`: ${message}`)
}

/** Sorts (newest first by default) and pages rows (`limit` default 100, max 1000). */
const page = <A>(
  rows: ReadonlyArray<A>,
  q: {
    readonly limit?: number | undefined
    readonly offset?: number | undefined
    readonly sortDirection?: "Asc" | "Desc" | undefined
  }
) => {
  const ordered = q.sortDirection === "Asc" ? rows : [...rows].reverse()
  const offset = q.offset ?? 0
  return ordered.slice(offset, offset + Math.min(q.limit ?? 100, 1000))
}

const notFound = (what: string) => new ApiFailure(404, "RESOURCE_NOT_FOUND", `${what} not found`)

// ---------------------------------------------------------------------------------------------------------------
// views
// ---------------------------------------------------------------------------------------------------------------

const fmt = (v: bigint) => D.format(v)
const fmtOrNull = (v: bigint | null) => (v === null ? null : D.format(v))

const borrowLendMarket = (engine: Engine, pool: Pool) => ({
  state: "Open",
  assetMarkPrice: fmt(MarketData.assetPrice(engine, pool.params.symbol)),
  borrowInterestRate: fmt(D.roundTo(borrowRate(pool), 1n)),
  borrowedQuantity: fmt(pool.borrowed),
  fee: fmt(pool.params.fee),
  lendInterestRate: fmt(lendRate(pool)),
  lentQuantity: fmt(pool.lent),
  maxUtilization: fmt(pool.params.maxUtilization),
  openBorrowLendLimit: fmt(D.max(0n, D.mul(pool.lent, pool.params.maxUtilization) - pool.borrowed)),
  optimalUtilization: fmt(pool.params.optimalUtilization),
  symbol: pool.params.symbol,
  timestamp: naiveSeconds(engine.now()),
  throttleUtilizationThreshold: fmt(pool.params.maxUtilization),
  throttleUtilizationBound: fmt(pool.params.maxUtilization),
  throttleUpdateFraction: "0",
  utilization: fmt(utilization(pool)),
  stepSize: fmt(pool.params.stepSize)
})

const sqrtFn = (base: bigint) => ({ type: "sqrt", base: fmt(base), factor: "0" })

const borrowLendPosition = (v: Venue, engine: Engine, pos: LendPosition) => {
  const pool = v.lending.pool(pos.symbol)
  const price = MarketData.assetPrice(engine, pos.symbol)
  const notional = D.mul(D.abs(pos.net), price)
  return {
    cumulativeInterest: fmt(pos.cumulativeInterest),
    id: pos.id,
    imf: pos.net < 0n ? fmt(pool.params.imf) : "0",
    imfFunction: sqrtFn(pos.net < 0n ? pool.params.imf : 0n),
    netQuantity: fmt(pos.net),
    markPrice: fmt(price),
    mmf: pos.net < 0n ? fmt(pool.params.imf / 2n) : "0",
    mmfFunction: sqrtFn(pos.net < 0n ? pool.params.imf / 2n : 0n),
    netExposureQuantity: fmt(D.abs(pos.net)),
    netExposureNotional: fmt(notional),
    symbol: pos.symbol,
    estLiquidationPrice: "0"
  }
}

const rfqView = (r: Rfq) => ({
  rfqId: r.id,
  clientId: r.clientId,
  symbol: r.symbol,
  side: r.side,
  price: fmtOrNull(r.price),
  quantity: fmtOrNull(r.quantity),
  quoteQuantity: fmtOrNull(r.quoteQuantity),
  submissionTime: r.submissionTime,
  systemOrderType: null,
  expiryTime: r.expiryTime,
  status: r.status,
  executionMode: r.executionMode,
  createdAt: r.createdAt
})

const quoteView = (q: RfqQuote) => ({
  rfqId: q.rfqId,
  quoteId: q.id,
  clientId: q.clientId,
  bidPrice: fmt(q.bidPrice),
  askPrice: fmt(q.askPrice),
  status: q.status,
  createdAt: q.createdAt
})

const strategyCommon = (v: Venue, s: Strategy) => ({
  id: s.id,
  clientStrategyId: s.clientStrategyId,
  executedQuantity: fmt(v.strategies.executedQuantity(s)),
  executedQuoteQuantity: fmt(v.strategies.executedQuoteQuantity(s)),
  quantity: fmt(s.quantity),
  selfTradePrevention: s.selfTradePrevention,
  status: s.status,
  side: s.side,
  symbol: s.symbol,
  timeInForce: s.timeInForce,
  duration: s.duration,
  interval: s.interval,
  randomizedIntervalQuantity: s.randomizedIntervalQuantity,
  slippageTolerance: fmtOrNull(s.slippageTolerance),
  slippageToleranceType: s.slippageToleranceType
})

const strategyView = (v: Venue, s: Strategy) => ({
  strategyType: "Scheduled",
  ...strategyCommon(v, s),
  createdAt: s.createdAt,
  reduceOnly: s.reduceOnly
})

const strategyHistoryView = (v: Venue, s: Strategy) => ({
  ...strategyCommon(v, s),
  createdAt: naiveMs(s.createdAt),
  cancelReason: s.cancelReason,
  strategyType: "Scheduled"
})

const vaultView = (v: Venue, id: number) => {
  const vault = v.vaults.vault(id)
  const d = vault.def
  return {
    id: d.id,
    vaultToken: d.vaultToken,
    symbol: d.symbol,
    mintsEnabled: true,
    redeemsEnabled: true,
    minMintQuantity: d.minMintQuantity,
    minRedeemTokens: d.minRedeemTokens,
    redeemDelayMs: d.redeemDelayMs,
    tokenStepSize: d.tokenStepSize,
    remainingMintQuantity: fmt(D.max(0n, D.parse(d.capacity)! - v.vaults.equity(vault)))
  }
}

const redeemView = (v: Venue, r: (typeof v.vaults.redeems)[number]) => {
  const vault = v.vaults.vault(r.vaultId)
  return {
    status: r.status,
    id: r.id,
    vaultId: r.vaultId,
    vaultTokenQuantity: fmt(r.vaultTokenQuantity),
    vaultToken: vault.def.vaultToken,
    symbol: vault.def.symbol,
    quantity: fmtOrNull(r.quantity),
    nav: fmtOrNull(r.nav),
    reason: r.reason,
    timestamp: r.timestamp
  }
}

const HISTORY_WINDOWS: Record<string, number> = {
  "1d": 86_400_000,
  "1w": 7 * 86_400_000,
  "1month": 30 * 86_400_000,
  "1year": 365 * 86_400_000
}
const Interval = Schema.Literal("1d", "1w", "1month", "1year")

// ---------------------------------------------------------------------------------------------------------------
// routes
// ---------------------------------------------------------------------------------------------------------------

const RfqSubmit = Schema.Struct({
  symbol: Schema.String,
  side: Side,
  quantity: opt(PositiveDec),
  quoteQuantity: opt(PositiveDec),
  price: opt(PositiveDec),
  clientId: opt(Uint32),
  executionMode: opt(Schema.Literal("AwaitAccept", "Immediate")),
  autoLend: opt(Schema.Boolean),
  autoLendRedeem: opt(Schema.Boolean),
  autoBorrow: opt(Schema.Boolean),
  autoBorrowRepay: opt(Schema.Boolean)
})
const QuoteSubmit = Schema.Struct({
  rfqId: IdText,
  bidPrice: PositiveDec,
  askPrice: PositiveDec,
  clientId: opt(Uint32)
})
const QuoteAccept = Schema.Struct({ quoteId: IdText, rfqId: opt(IdText), clientId: opt(Uint32) })
const StrategyCreate = Schema.Struct({
  symbol: Schema.String,
  side: Side,
  strategyType: Schema.Literal("Scheduled"),
  quantity: opt(PositiveDec),
  price: opt(PositiveDec),
  postOnly: opt(Schema.Boolean),
  reduceOnly: opt(Schema.Boolean),
  selfTradePrevention: opt(Stp),
  timeInForce: opt(Tif),
  duration: opt(Uint64),
  interval: opt(Uint64),
  randomizedIntervalQuantity: opt(Schema.Boolean),
  clientStrategyId: opt(Uint32),
  brokerId: opt(Uint64),
  slippageTolerance: opt(PositiveDec),
  slippageToleranceType: opt(Schema.Literal("TickSize", "Percent"))
})
const StrategyCancel = Schema.Struct({ symbol: Schema.String, strategyId: opt(IdText), clientStrategyId: opt(Uint32) })
const DelayBody = Schema.Struct({ withdrawalDelayHours: Uint32, twoFactorToken: Schema.NonEmptyString })
const MarketTypeQuery = Schema.Literal("SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ")

/** Routes of the venue services. */
export const routes: RouteDomain = (engine) => {
  const v = attach(engine)
  const strategyOf = (account: Account, symbol: string, strategyId?: string, clientStrategyId?: number) => {
    engine.market(symbol)
    if ((strategyId === undefined) === (clientStrategyId === undefined)) {
      throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `strategyId` or `clientStrategyId`")
    }
    const s = v.strategies.find(account, symbol, strategyId, clientStrategyId)
    if (s === undefined) throw notFound("Strategy")
    return s
  }
  const mine = <A extends { readonly accountId: number }>(rows: ReadonlyArray<A>, account: Account) =>
    rows.filter((r) => r.accountId === account.id)

  return [
    // -- reference data --------------------------------------------------------------------------------------
    { method: "GET", path: "/api/v1/market-sessions", handler: () => json(Ref.marketSessions) },
    { method: "GET", path: "/api/v1/market-holidays", handler: () => json(Ref.marketHolidays) },
    { method: "GET", path: "/api/v1/securities", handler: () => json(Ref.securities) },
    { method: "GET", path: "/api/v1/prediction/tags", handler: () => json(Ref.predictionTags) },
    {
      method: "GET",
      path: "/api/v1/prediction",
      handler: ({ query }) => {
        const q = decodeQuery(
          Schema.Struct({
            symbol: Schema.optional(Schema.String),
            tagSlug: Schema.optional(Schema.String),
            eventSlug: Schema.optional(Schema.String),
            seriesSlug: Schema.optional(Schema.String),
            resolved: Schema.optional(QueryBool),
            limit: Schema.optional(QueryUint),
            offset: Schema.optional(QueryUint)
          }),
          query
        )
        return json(page(Ref.filterEvents(q), { ...q, sortDirection: "Asc" }))
      }
    },

    // -- borrow / lend ---------------------------------------------------------------------------------------
    {
      method: "GET",
      path: "/api/v1/borrowLend/markets",
      handler: () => json([...v.lending.pools.values()].map((p) => borrowLendMarket(engine, p)))
    },
    {
      method: "GET",
      path: "/api/v1/borrowLend/markets/history",
      handler: ({ query }) => {
        const q = decodeQuery(Schema.Struct({ interval: Interval, symbol: Schema.optional(Schema.String) }), query)
        const since = engine.now() - HISTORY_WINDOWS[q.interval]!
        const pools = [...v.lending.pools.values()].filter((p) =>
          q.symbol === undefined || p.params.symbol === q.symbol
        )
        if (q.symbol !== undefined && pools.length === 0) throw new ApiFailure(400, "INVALID_ASSET", "Invalid asset")
        return json(pools.flatMap((p) =>
          p.history.filter((h) => h.timestamp >= since).reverse().map((h) => ({
            borrowInterestRate: fmt(h.borrowRate),
            borrowedQuantity: fmt(h.borrowed),
            lendInterestRate: fmt(h.lendRate),
            lentQuantity: fmt(h.lent),
            timestamp: naiveSeconds(h.timestamp),
            utilization: fmt(h.utilization)
          }))
        ))
      }
    },
    {
      method: "GET",
      path: "/api/v1/borrowLend/apy",
      handler: ({ query }) => {
        decodeQuery(
          Schema.Struct({ tierId: Schema.optional(Schema.String.pipe(Schema.pattern(/^-?\d{1,10}$/))) }),
          query
        )
        return json({
          borrowLend: [...v.lending.pools.values()].map((p) => ({
            symbol: p.params.symbol,
            borrowRate: fmt(borrowRate(p)),
            lendRate: fmt(lendRate(p))
          })),
          staking: [{ symbol: "SOL", dilutionFactor: "0", stakingRate: "0.068" }]
        })
      }
    },
    {
      method: "GET",
      path: "/api/v1/borrowLend/position/liquidationPrice",
      handler: ({ query }) => {
        const q = decodeQuery(Schema.Struct({ borrow: Schema.String, subaccountId: Schema.optional(QueryUint) }), query)
        let payload: unknown
        try {
          payload = JSON.parse(Buffer.from(q.borrow, "base64").toString("utf8"))
        } catch {
          throw new PlainFailure(400, "failed to parse parameter `borrow`: invalid base64 JSON")
        }
        const b = decodeBody(
          Schema.Struct({ symbol: Schema.String, side: Schema.Literal("Borrow", "Lend"), quantity: PositiveDec }),
          "BorrowLendExecutePayload",
          payload
        )
        const pool = v.lending.pool(b.symbol)
        const mark = MarketData.assetPrice(engine, b.symbol)
        // a borrow backed by exactly its initial margin in USDC and holding the borrowed coins is liquidated when
        // C + X·p·w − X·p = X·p·mmf, i.e. at p = C / (X·(1 − w + mmf)) with C = X·p0·imf
        const w = v.lending.weight(b.symbol)
        const denominator = D.ONE - w + pool.params.imf / 2n
        const liquidation = b.side === "Lend" || denominator <= 0n ?
          0n :
          D.div(D.mul(mark, pool.params.imf), denominator)
        return json({ liquidationPrice: fmt(liquidation), markPrice: fmt(mark) })
      }
    },
    {
      method: "GET",
      path: "/api/v1/borrowLend/positions",
      instruction: "borrowLendPositionQuery",
      handler: ({ account }) =>
        json(
          [...v.lending.open.values()].filter((p) => p.accountId === account.id).map((p) =>
            borrowLendPosition(v, engine, p)
          )
        )
    },
    {
      method: "POST",
      path: "/api/v1/borrowLend",
      instruction: "borrowLendExecute",
      handler: ({ account, body }) => {
        const b = decodeBody(
          Schema.Struct({ symbol: Schema.String, side: Schema.Literal("Borrow", "Lend"), quantity: PositiveDec }),
          "BorrowLendExecutePayload",
          body
        )
        v.lending.execute(account, b.symbol, b.side, b.quantity)
        return empty(200)
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/borrowLend",
      instruction: "borrowHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            type: Schema.optional(Schema.Literal("Borrow", "BorrowRepay", "Lend", "LendRedeem")),
            sources: Schema.optional(Schema.String),
            positionId: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            ...paging
          }),
          query
        )
        const sources = q.sources?.split(",")
        const rows = mine(v.lending.movements, account).filter((m) =>
          (q.type === undefined || m.eventType === q.type) && (sources === undefined || sources.includes(m.source)) &&
          (q.positionId === undefined || m.positionId === q.positionId) &&
          (q.symbol === undefined || m.symbol === q.symbol)
        )
        return json(
          page(rows, q).map((m) => ({
            eventType: m.eventType,
            positionId: m.positionId,
            positionQuantity: fmt(m.positionQuantity),
            quantity: fmt(m.quantity),
            source: m.source,
            symbol: m.symbol,
            timestamp: naiveMs(m.timestamp),
            spotMarginOrderId: null
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/interest",
      instruction: "interestHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            asset: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            positionId: Schema.optional(Schema.String),
            source: Schema.optional(Schema.Literal("UnrealizedPnl", "BorrowLend")),
            ...paging
          }),
          query
        )
        // the simulator charges no interest on unrealised PnL: that source is always empty
        const rows = q.source === "UnrealizedPnl" ?
          [] :
          mine(v.lending.interest, account).filter((r) =>
            (q.asset === undefined || r.symbol === q.asset) && (q.symbol === undefined || r.symbol === q.symbol) &&
            (q.positionId === undefined || r.positionId === q.positionId)
          )
        return json(
          page(rows, q).map((r) => ({
            paymentType: r.paymentType,
            interestRate: fmt(r.interestRate),
            interval: 3_600_000,
            marketSymbol: r.symbol,
            positionId: r.positionId,
            quantity: fmt(r.quantity),
            symbol: r.symbol,
            timestamp: naiveMs(r.timestamp)
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/borrowLend/positions",
      instruction: "borrowPositionHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            symbol: Schema.optional(Schema.String),
            side: Schema.optional(Schema.Literal("Borrow", "Lend")),
            state: Schema.optional(Schema.Literal("Open", "Closed")),
            ...paging
          }),
          query
        )
        const sideOf = (p: LendPosition) => {
          const lastMove = [...v.lending.movements].reverse().find((m) => m.positionId === p.id)
          return p.net < 0n ||
              (p.net === 0n && (lastMove?.eventType === "BorrowRepay" || lastMove?.eventType === "Borrow"))
            ? "Borrow"
            : "Lend"
        }
        const rows = mine(v.lending.positions, account).filter((p) =>
          (q.symbol === undefined || p.symbol === q.symbol) && (q.side === undefined || sideOf(p) === q.side) &&
          (q.state === undefined || (p.closedAt === null ? "Open" : "Closed") === q.state)
        )
        return json(
          page(rows, q).map((p) => ({
            positionId: p.id,
            quantity: fmt(D.abs(p.net)),
            symbol: p.symbol,
            source: "Manual",
            cumulativeInterest: fmt(p.cumulativeInterest),
            avgInterestRate: fmt(p.rateCount === 0 ? 0n : p.rateSum / BigInt(p.rateCount)),
            side: sideOf(p),
            createdAt: naiveMs(p.createdAt)
          }))
        )
      }
    },

    // -- dust and withdrawal delay ---------------------------------------------------------------------------
    {
      method: "POST",
      path: "/api/v1/account/convertDust",
      instruction: "convertDust",
      handler: ({ account, body }) => {
        const b = decodeBody(Schema.Struct({ symbol: opt(Schema.String) }), "AccountConvertDustPayload", body ?? {})
        v.capital.convertDust(account, b.symbol)
        return empty(200)
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/dust",
      instruction: "dustHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({ id: Schema.optional(QueryUint), symbol: Schema.optional(Schema.String), ...paging }),
          query
        )
        const rows = mine(v.capital.dust, account).filter((d) =>
          (q.id === undefined || d.id === q.id) && (q.symbol === undefined || d.symbol === q.symbol)
        )
        return json(
          page(rows, q).map((d) => ({
            id: d.id,
            quantity: fmt(d.quantity),
            symbol: d.symbol,
            usdcReceived: fmt(d.usdcReceived),
            timestamp: naiveMs(d.timestamp)
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/capital/withdrawals/delay",
      instruction: "withdrawalDelayQuery",
      handler: ({ account }) => {
        const d = v.capital.delay(account)
        if (d === undefined || (d.current === null && d.pending === null)) return empty(204)
        return json(delayView(d))
      }
    },
    {
      method: "POST",
      path: "/wapi/v1/capital/withdrawals/delay",
      instruction: "withdrawalDelayCreate",
      handler: ({ account, body }) => {
        const b = decodeBody(DelayBody, "CreateWithdrawalDelayRequest", body)
        v.capital.createDelay(account, b.withdrawalDelayHours)
        return empty(200)
      }
    },
    {
      method: "PATCH",
      path: "/wapi/v1/capital/withdrawals/delay",
      instruction: "withdrawalDelayUpdate",
      handler: ({ account, body }) => {
        const b = decodeBody(DelayBody, "UpdateWithdrawalDelayRequest", body)
        return json(delayView(v.capital.updateDelay(account, b.withdrawalDelayHours)))
      }
    },

    // -- RFQ ---------------------------------------------------------------------------------------------------
    {
      method: "POST",
      path: "/api/v1/rfq",
      instruction: "rfqSubmit",
      handler: ({ account, body }) => {
        const b = decodeBody(RfqSubmit, "RequestForQuotePayload", body)
        return json(rfqView(v.rfqs.submit(account, b)))
      }
    },
    {
      method: "POST",
      path: "/api/v1/rfq/quote",
      instruction: "quoteSubmit",
      handler: ({ account, body }) =>
        json(quoteView(v.rfqs.quote(account, decodeBody(QuoteSubmit, "QuotePayload", body))))
    },
    {
      method: "POST",
      path: "/api/v1/rfq/accept",
      instruction: "quoteAccept",
      handler: ({ account, body }) =>
        json(rfqView(v.rfqs.accept(account, decodeBody(QuoteAccept, "QuoteAcceptPayload", body))))
    },
    {
      method: "POST",
      path: "/api/v1/rfq/refresh",
      instruction: "rfqRefresh",
      handler: ({ account, body }) => {
        const b = decodeBody(Schema.Struct({ rfqId: IdText }), "RequestForQuoteRefreshPayload", body)
        return json(rfqView(v.rfqs.refresh(account, b.rfqId)))
      }
    },
    {
      method: "POST",
      path: "/api/v1/rfq/cancel",
      instruction: "rfqCancel",
      handler: ({ account, body }) => {
        const b = decodeBody(
          Schema.Struct({ rfqId: opt(IdText), clientId: opt(Uint32) }),
          "RequestForQuoteCancelPayload",
          body
        )
        if ((b.rfqId === undefined) === (b.clientId === undefined)) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `rfqId` or `clientId`")
        }
        return json(rfqView(v.rfqs.cancel(account, b.rfqId, b.clientId)))
      }
    },
    {
      method: "GET",
      path: "/api/v1/rfqs",
      instruction: "rfqQuery",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            symbol: Schema.optional(Schema.String),
            rfqId: Schema.optional(IdText),
            deferredSettlement: Schema.optional(QueryBool),
            subaccountId: Schema.optional(QueryUint)
          }),
          query
        )
        v.rfqs.expireDue()
        const rows = q.deferredSettlement === true ?
          [] :
          v.rfqs.open(account).filter((r) =>
            (q.symbol === undefined || r.symbol === q.symbol) && (q.rfqId === undefined || r.id === q.rfqId)
          )
        return json(rows.map((r) => ({ rfq: rfqView(r), quotes: r.quotes.map(quoteView) })))
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/rfq",
      instruction: "rfqHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            rfqId: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            status: Schema.optional(Schema.String),
            side: Schema.optional(Side),
            deferredSettlement: Schema.optional(QueryBool),
            ...paging
          }),
          query
        )
        const rows = q.deferredSettlement === true ?
          [] :
          [...v.rfqs.rfqs.values()].filter((r) =>
            r.accountId === account.id && (q.rfqId === undefined || r.id === q.rfqId) &&
            (q.symbol === undefined || r.symbol === q.symbol) && (q.status === undefined || r.status === q.status) &&
            (q.side === undefined || r.side === q.side)
          )
        return json(
          page(rows, q).map((r) => ({
            ...rfqView(r),
            submissionTime: naiveMs(r.submissionTime),
            expiryTime: naiveMs(r.expiryTime),
            createdAt: naiveMs(r.createdAt),
            deferredSettlementQuoteId: null
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/quote",
      instruction: "quoteHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            quoteId: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            status: Schema.optional(Schema.String),
            deferredSettlement: Schema.optional(QueryBool),
            ...paging
          }),
          query
        )
        const rows = q.deferredSettlement === true ?
          [] :
          [...v.rfqs.quotes.values()].filter((x) =>
            x.accountId === account.id && (q.quoteId === undefined || x.id === q.quoteId) &&
            (q.symbol === undefined || v.rfqs.rfqs.get(x.rfqId)!.symbol === q.symbol) &&
            (q.status === undefined || x.status === q.status)
          )
        return json(
          page(rows, q).map((x) => ({
            ...quoteView(x),
            createdAt: naiveMs(x.createdAt),
            deferredSettlement: false
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/rfq/fill",
      instruction: "rfqFillHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            quoteId: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            side: Schema.optional(Side),
            fillType: Schema.optional(Schema.Literal("User", "CollateralConversion")),
            deferredSettlement: Schema.optional(QueryBool),
            ...paging
          }),
          query
        )
        const rows = q.fillType === "CollateralConversion" || q.deferredSettlement === true ?
          [] :
          v.rfqs.fills.filter((f) =>
            f.rfq.accountId === account.id && (q.quoteId === undefined || f.quote.id === q.quoteId) &&
            (q.symbol === undefined || f.rfq.symbol === q.symbol) && (q.side === undefined || f.side === q.side)
          )
        return json(
          page(rows, q).map((f) => ({
            rfqId: f.rfq.id,
            clientId: f.rfq.clientId,
            quoteId: f.quote.id,
            symbol: f.rfq.symbol,
            side: f.side,
            quantity: fmt(f.quantity),
            quoteQuantity: fmt(f.quoteQuantity),
            fillPrice: fmt(f.price),
            createdAt: naiveMs(f.rfq.createdAt),
            filledAt: naiveMs(f.filledAt),
            systemOrderType: null
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/quote/fill",
      instruction: "quoteFillHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            quoteId: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            side: Schema.optional(Side),
            ...paging
          }),
          query
        )
        // the quoter trades the other side of the requester
        const quoterSide = (s: "Bid" | "Ask") => (s === "Bid" ? "Ask" : "Bid")
        const rows = v.rfqs.fills.filter((f) =>
          f.quote.accountId === account.id && (q.quoteId === undefined || f.quote.id === q.quoteId) &&
          (q.symbol === undefined || f.rfq.symbol === q.symbol) &&
          (q.side === undefined || quoterSide(f.side) === q.side)
        )
        return json(
          page(rows, q).map((f) => ({
            clientId: f.quote.clientId,
            quoteId: f.quote.id,
            rfqId: f.rfq.id,
            symbol: f.rfq.symbol,
            side: quoterSide(f.side),
            quantity: fmt(f.quantity),
            fillPrice: fmt(f.price),
            fee: fmt(f.quoterFee),
            feeSymbol: f.quoterFeeSymbol,
            createdAt: naiveMs(f.quote.createdAt),
            filledAt: naiveMs(f.filledAt)
          }))
        )
      }
    },

    // -- strategies --------------------------------------------------------------------------------------------
    {
      method: "POST",
      path: "/api/v1/strategy",
      instruction: "strategyCreate",
      handler: ({ account, body }) => {
        const b = decodeBody(StrategyCreate, "StrategyCreatePayload", body)
        if ((b.slippageTolerance === undefined) !== (b.slippageToleranceType === undefined)) {
          throw new ApiFailure(
            400,
            "INVALID_CLIENT_REQUEST",
            "`slippageTolerance` and `slippageToleranceType` go together"
          )
        }
        return json(strategyView(v, v.strategies.create(account, b)))
      }
    },
    {
      method: "GET",
      path: "/api/v1/strategy",
      instruction: "strategyQuery",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            symbol: Schema.String,
            strategyId: Schema.optional(Schema.String),
            clientStrategyId: Schema.optional(QueryUint)
          }),
          query
        )
        const s = strategyOf(account, q.symbol, q.strategyId, q.clientStrategyId)
        if (s.status !== "Running") throw notFound("Strategy")
        return json(strategyView(v, s))
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/strategy",
      instruction: "strategyCancel",
      handler: ({ account, body }) => {
        const b = decodeBody(StrategyCancel, "StrategyCancelPayload", body)
        const s = strategyOf(account, b.symbol, b.strategyId, b.clientStrategyId)
        if (s.status !== "Running") throw notFound("Strategy")
        return json(strategyView(v, v.strategies.cancel(account, s)))
      }
    },
    {
      method: "GET",
      path: "/api/v1/strategies",
      instruction: "strategyQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            symbol: Schema.optional(Schema.String),
            marketType: Schema.optional(MarketTypeQuery),
            strategyType: Schema.optional(Schema.Literal("Scheduled"))
          }),
          query
        )
        const rows = v.strategies.running(account, q.symbol).filter((s) =>
          q.marketType === undefined || engine.markets.get(s.symbol)!.def.marketType === q.marketType
        )
        return json(rows.map((s) => strategyView(v, s)))
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/strategies",
      instruction: "strategyCancelAll",
      handler: ({ account, body }) => {
        const b = decodeBody(
          Schema.Struct({ symbol: Schema.String, strategyType: opt(Schema.Literal("Scheduled")) }),
          "StrategyCancelAllPayload",
          body
        )
        engine.market(b.symbol)
        return json(
          v.strategies.running(account, b.symbol).map((s) => strategyView(v, v.strategies.cancel(account, s)))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/strategies",
      instruction: "strategyHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            strategyId: Schema.optional(Schema.String),
            symbol: Schema.optional(Schema.String),
            marketType: Schema.optional(MarketTypeQuery),
            ...paging
          }),
          query
        )
        const types = query.getAll("marketType")
        const rows = mine(v.strategies.all, account).filter((s) =>
          (q.strategyId === undefined || s.id === q.strategyId) && (q.symbol === undefined || s.symbol === q.symbol) &&
          (types.length === 0 || types.includes(engine.markets.get(s.symbol)!.def.marketType))
        )
        return json(page(rows, q).map((s) => strategyHistoryView(v, s)))
      }
    },

    // -- vaults ------------------------------------------------------------------------------------------------
    {
      method: "GET",
      path: "/api/v1/vaults",
      handler: () => json([...v.vaults.vaults.keys()].map((id) => vaultView(v, id)))
    },
    {
      method: "GET",
      path: "/api/v1/vaults/history",
      handler: ({ query }) => {
        const q = decodeQuery(Schema.Struct({ interval: Interval, vaultId: Schema.optional(QueryUint) }), query)
        const since = engine.now() - HISTORY_WINDOWS[q.interval]!
        const vaults = [...v.vaults.vaults.values()].filter((x) => q.vaultId === undefined || x.def.id === q.vaultId)
        return json(vaults.flatMap((x) =>
          x.history.filter((h) => h.timestamp >= since).reverse().map((h) => ({
            vaultId: x.def.id,
            timestamp: naiveSeconds(h.timestamp),
            nav: fmt(h.nav),
            vaultEquity: fmt(h.equity),
            tokenCirculatingSupply: fmt(h.supply)
          }))
        ))
      }
    },
    {
      method: "POST",
      path: "/api/v1/vault/mint",
      instruction: "vaultMint",
      handler: ({ account, body }) => {
        const b = decodeBody(
          Schema.Struct({
            vaultId: Uint32,
            symbol: Schema.String,
            quantity: PositiveDec,
            autoBorrow: opt(Schema.Boolean),
            autoLendRedeem: opt(Schema.Boolean)
          }),
          "VaultMintRequest",
          body
        )
        v.vaults.mint(account, b.vaultId, b.symbol, b.quantity)
        return empty(200)
      }
    },
    {
      method: "POST",
      path: "/api/v1/vault/redeem",
      instruction: "vaultRedeemRequest",
      handler: ({ account, body }) => {
        const b = decodeBody(
          Schema.Struct({ vaultId: Uint32, vaultTokenQuantity: opt(PositiveDec) }),
          "VaultRedeemRequest",
          body
        )
        v.vaults.requestRedeem(account, b.vaultId, b.vaultTokenQuantity)
        return empty(200)
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/vault/redeem",
      instruction: "vaultRedeemCancel",
      handler: ({ account, body }) => {
        const b = decodeBody(Schema.Struct({ vaultId: Uint32 }), "VaultRedeemCancelRequest", body)
        v.vaults.cancelRedeem(account, b.vaultId)
        return empty(200)
      }
    },
    {
      method: "GET",
      path: "/api/v1/vault/redeems/pending",
      instruction: "vaultPendingRedeemsQuery",
      handler: ({ account, query }) => {
        const q = decodeQuery(Schema.Struct({ vaultId: QueryUint }), query)
        const vault = v.vaults.ownVault(account)
        if (vault.def.id !== q.vaultId) throw new ApiFailure(403, "FORBIDDEN", "Only the vault account can query this")
        return json(
          v.vaults.redeems.filter((r) => r.vaultId === q.vaultId && r.status === "Requested").map((r) =>
            redeemView(v, r)
          )
        )
      }
    },
    {
      method: "GET",
      path: "/api/v1/vault/nav",
      instruction: "vaultNavQuery",
      handler: ({ account }) => {
        const vault = v.vaults.ownVault(account)
        const nav = v.vaults.nav(vault)
        const twap = v.vaults.twapNav(vault)
        const equity = v.vaults.equity(vault)
        return json({
          nav: fmt(nav),
          twapNav: fmt(twap),
          mintNav: fmt(D.max(nav, twap)),
          redeemNav: fmt(D.min(nav, twap)),
          vaultEquity: fmt(equity),
          netEquity: fmt(equity),
          tokenCirculatingSupply: fmt(v.vaults.supply(vault)),
          lastCrankTimestamp: vault.lastCrank
        })
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/vault/mint",
      instruction: "vaultMintHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({ vaultId: Schema.optional(QueryUint), subaccountId: Schema.optional(QueryUint), ...paging }),
          query
        )
        const rows = mine(v.vaults.mints, account).filter((m) => q.vaultId === undefined || m.vaultId === q.vaultId)
        return json(
          page(rows, q).map((m) => ({
            id: m.id,
            vaultId: m.vaultId,
            vaultToken: v.vaults.vault(m.vaultId).def.vaultToken,
            symbol: v.vaults.vault(m.vaultId).def.symbol,
            quantity: fmt(m.quantity),
            vaultTokensMinted: fmt(m.tokens),
            nav: fmt(m.nav),
            timestamp: m.timestamp
          }))
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/vault/redeem",
      instruction: "vaultRedeemHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({ vaultId: Schema.optional(QueryUint), subaccountId: Schema.optional(QueryUint), ...paging }),
          query
        )
        const rows = mine(v.vaults.redeems, account).filter((r) => q.vaultId === undefined || r.vaultId === q.vaultId)
        return json(page(rows, q).map((r) => redeemView(v, r)))
      }
    },

    // -- position and settlement history -----------------------------------------------------------------------
    {
      method: "GET",
      path: "/wapi/v1/history/position",
      instruction: "positionHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            symbol: Schema.optional(Schema.String),
            state: Schema.optional(Schema.Literal("Open", "Closed")),
            marketType: Schema.optional(MarketTypeQuery),
            ...paging
          }),
          query
        )
        const types = query.getAll("marketType")
        const rows = mine(v.positions.rows, account).filter((r) =>
          (q.symbol === undefined || r.symbol === q.symbol) &&
          (q.state === undefined || (r.closedAt === null ? "Open" : "Closed") === q.state) &&
          (types.length === 0 || types.includes(engine.markets.get(r.symbol)!.def.marketType))
        )
        return json(
          page(rows, q).map((r) => {
            const m = engine.markets.get(r.symbol)!
            const mark = MarketData.markPrice(m)
            const exposure = D.abs(r.netQuantity)
            return {
              id: r.id,
              symbol: r.symbol,
              netQuantity: fmt(r.netQuantity),
              netExposureQuantity: fmt(exposure),
              netExposureNotional: fmt(D.mul(exposure, mark)),
              netCost: fmt(r.netCost),
              markPrice: fmt(mark),
              entryPrice: fmt(r.netQuantity === 0n ? 0n : D.div(r.netCost, r.netQuantity)),
              cumulativePnlRealized: fmt(r.pnlRealized),
              unrealizedPnl: fmt(r.netQuantity === 0n ? 0n : D.mul(r.netQuantity, mark) - r.netCost),
              fundingQuantity: fmt(r.funding),
              interest: "0",
              liquidated: fmt(v.liquidations.liquidatedQuantity(account.id, r.symbol, r.openedAt)),
              imf: fmt(Perps.imf(account, m)),
              fees: fmt(r.fees),
              state: r.closedAt === null ? "Open" : "Closed",
              closedVolume: fmt(closedVolume(r.volume, r.netQuantity)),
              liquidationFees: "0",
              closingPrice: fmtOrNull(r.closingPrice),
              accountLeverage: fmt(account.settings.leverageLimit),
              openedAt: naiveMs(r.openedAt),
              closedAt: r.closedAt === null ? null : naiveMs(r.closedAt)
            }
          })
        )
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/settlement",
      instruction: "settlementHistoryQueryAll",
      handler: ({ account, query }) => {
        const q = decodeQuery(
          Schema.Struct({
            source: Schema.optional(
              Schema.Literal(
                "BackstopLiquidation",
                "CulledBorrowInterest",
                "CulledRealizePnl",
                "CulledRealizePnlBookUtilization",
                "FundingPayment",
                "RealizePnl",
                "TradingFees",
                "TradingFeesSystem"
              )
            ),
            ...paging
          }),
          query
        )
        const rows = mine(v.positions.settlements, account).filter((s) =>
          q.source === undefined || s.source === q.source
        )
        return json(
          page(rows, q).map((s) => ({
            quantity: fmt(s.quantity),
            source: s.source,
            subaccountId: null,
            timestamp: naiveMs(s.timestamp),
            userId: account.id,
            positionId: s.positionId,
            engineSequence: s.engineSequence
          }))
        )
      }
    }
  ]
}

const delayView = (
  d: { readonly current: number | null; readonly pending: number | null; readonly pendingEnabledAt: number | null }
) => ({
  currentWithdrawalDelayHours: d.current,
  pendingWithdrawalDelayHours: d.pending,
  pendingWithdrawalDelayHoursEnabledAt: d.pendingEnabledAt === null ? null : naiveMs(d.pendingEnabledAt)
})

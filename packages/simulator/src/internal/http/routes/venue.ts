/**
 * REST routes of the venue services (borrow/lend, RFQ, strategies, vaults, dust, withdrawal delay, reference
 * data and their history endpoints). Queries and bodies are Schemas decoded at the edge (`route`), histories
 * are declared by filter, rows and view (`history`); the wire shapes are in `wire.ts`.
 *
 * @internal
 */
import * as Schema from "effect/Schema"
import * as D from "../../decimal.js"
import * as MarketData from "../../engine/marketData.js"
import type { Account } from "../../engine/model.js"
import { ApiFailure } from "../../engine/model.js"
import * as Perps from "../../engine/perps.js"
import type { LendPosition } from "../../lending.js"
import { borrowRate, lendRate } from "../../lending.js"
import * as Ref from "../../reference.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import {
  bodyDecoder,
  Bool,
  Enum,
  field,
  IdText,
  MarketType,
  NonEmptyStr,
  opt,
  PositiveDec,
  QBool,
  QInt,
  QRepeated,
  QText,
  required,
  SelfTradePrevention,
  Side,
  Str,
  TimeInForce,
  Uint32,
  Uint64,
  wire
} from "../edge.js"
import { empty, json } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { done, history, page, payload, route } from "../route.js"

// ---------------------------------------------------------------------------------------------------------------
// request schemas
// ---------------------------------------------------------------------------------------------------------------

const text = Schema.optional(QText("String"))
const QSide = Schema.optional(Side)
const INTERVALS = ["1d", "1w", "1month", "1year"] as const
const PoolInterval = required(Enum("BorrowLendMarketHistoryInterval", INTERVALS))
const VaultInterval = required(Enum("VaultHistoryInterval", INTERVALS))
const HISTORY_WINDOWS = {
  "1d": 86_400_000,
  "1w": 7 * 86_400_000,
  "1month": 30 * 86_400_000,
  "1year": 365 * 86_400_000
} as const
const deferred = { deferredSettlement: Schema.optional(QBool) }

const BorrowLend = Schema.Struct({
  symbol: field(Str),
  side: field(Enum("BorrowLendSide", ["Borrow", "Lend"])),
  quantity: field(PositiveDec)
})
const decodeBorrowLend = bodyDecoder(BorrowLend, "BorrowLendExecutePayload")

const RfqSubmit = Schema.Struct({
  symbol: field(Str),
  side: field(Side),
  quantity: opt(PositiveDec),
  quoteQuantity: opt(PositiveDec),
  price: opt(PositiveDec),
  clientId: opt(Uint32),
  executionMode: opt(Enum("RfqExecutionMode", ["AwaitAccept", "Immediate"])),
  autoLend: opt(Bool),
  autoLendRedeem: opt(Bool),
  autoBorrow: opt(Bool),
  autoBorrowRepay: opt(Bool)
})
const QuoteSubmit = Schema.Struct({
  rfqId: field(IdText),
  bidPrice: field(PositiveDec),
  askPrice: field(PositiveDec),
  clientId: opt(Uint32)
})
const QuoteAccept = Schema.Struct({ quoteId: field(IdText), rfqId: opt(IdText), clientId: opt(Uint32) })
const StrategyCreate = Schema.Struct({
  symbol: field(Str),
  side: field(Side),
  strategyType: field(Enum("StrategyTypeEnum", ["Scheduled"])),
  quantity: opt(PositiveDec),
  price: opt(PositiveDec),
  postOnly: opt(Bool),
  reduceOnly: opt(Bool),
  selfTradePrevention: opt(SelfTradePrevention),
  timeInForce: opt(TimeInForce),
  duration: opt(Uint64),
  interval: opt(Uint64),
  randomizedIntervalQuantity: opt(Bool),
  clientStrategyId: opt(Uint32),
  brokerId: opt(Uint64),
  slippageTolerance: opt(PositiveDec),
  slippageToleranceType: opt(Enum("SlippageToleranceType", ["TickSize", "Percent"]))
})
const StrategyCancel = Schema.Struct({ symbol: field(Str), strategyId: opt(IdText), clientStrategyId: opt(Uint32) })
const WithdrawalDelay = Schema.Struct({ withdrawalDelayHours: field(Uint32), twoFactorToken: field(NonEmptyStr) })
const StrategyType = Schema.optional(Enum("StrategyTypeEnum", ["Scheduled"]))
const SettlementSource = Enum("SettlementSourceFilter", [
  "BackstopLiquidation",
  "CulledBorrowInterest",
  "CulledRealizePnl",
  "CulledRealizePnlBookUtilization",
  "FundingPayment",
  "RealizePnl",
  "TradingFees",
  "TradingFeesSystem"
])

/** The `borrow` query parameter of the liquidation-price estimate: base64 JSON of a borrow/lend payload. */
const Base64Json = wire("String", "invalid base64 JSON", (u) => {
  if (typeof u !== "string") return undefined
  try {
    return JSON.parse(Buffer.from(u, "base64").toString("utf8")) as unknown
  } catch {
    return undefined
  }
})

const notFound = (what: string) => new ApiFailure(404, "RESOURCE_NOT_FOUND", `${what} not found`)

// ---------------------------------------------------------------------------------------------------------------
// routes
// ---------------------------------------------------------------------------------------------------------------

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
  const running = (account: Account, s: ReturnType<typeof strategyOf>) => {
    if (s.status !== "Running") throw notFound("Strategy")
    return s
  }
  const mine = <A extends { readonly accountId: number }>(rows: Iterable<A>, account: Account) =>
    [...rows].filter((r) => r.accountId === account.id)
  const marketTypeOf = (symbol: string) => engine.markets.get(symbol)!.def.marketType
  const inTypes = (types: ReadonlyArray<string> | undefined, symbol: string) =>
    types === undefined || types.includes(marketTypeOf(symbol))
  /** A borrow or a lend, by its balance or (closed at zero) its last movement. */
  const sideOf = (p: LendPosition): "Borrow" | "Lend" => {
    if (p.net !== 0n) return p.net < 0n ? "Borrow" : "Lend"
    const moves = v.lending.movements
    for (let i = moves.length - 1; i >= 0; i--) {
      if (moves[i]!.positionId === p.id) return moves[i]!.eventType.startsWith("Borrow") ? "Borrow" : "Lend"
    }
    return "Lend"
  }
  /** A vault history of the account's own rows (mints or redeems), by vault. */
  const vaultHistory = <R extends { readonly accountId: number; readonly vaultId: number }>(
    path: `/${string}`,
    instruction: string,
    all: () => ReadonlyArray<R>,
    view: (vaults: typeof v.vaults, row: R) => unknown
  ) =>
    history({
      path,
      instruction,
      query: { vaultId: Schema.optional(QInt("uint32")), subaccountId: Schema.optional(QInt("uint16")) },
      rows: ({ account, q }) => mine(all(), account).filter((r) => q.vaultId === undefined || r.vaultId === q.vaultId),
      view: (r) => view(v.vaults, r)
    })
  const since = (interval: keyof typeof HISTORY_WINDOWS) => engine.now() - HISTORY_WINDOWS[interval]

  return [
    // -- reference data --------------------------------------------------------------------------------------
    route({ method: "GET", path: "/api/v1/market-sessions", handler: () => json(Ref.marketSessions) }),
    route({ method: "GET", path: "/api/v1/market-holidays", handler: () => json(Ref.marketHolidays) }),
    route({ method: "GET", path: "/api/v1/securities", handler: () => json(Ref.securities) }),
    route({ method: "GET", path: "/api/v1/prediction/tags", handler: () => json(Ref.predictionTags) }),
    route({
      method: "GET",
      path: "/api/v1/prediction",
      query: Schema.Struct({
        symbol: text,
        tagSlug: text,
        eventSlug: text,
        seriesSlug: text,
        resolved: Schema.optional(QBool),
        limit: Schema.optional(QInt("uint64")),
        offset: Schema.optional(QInt("uint64"))
      }),
      handler: ({ q }) => json(page(Ref.filterEvents(q), { ...q, sortDirection: "Asc" }))
    }),

    // -- borrow / lend ---------------------------------------------------------------------------------------
    route({
      method: "GET",
      path: "/api/v1/borrowLend/markets",
      handler: () => json([...v.lending.pools.values()].map((p) => Wire.borrowLendMarket(engine, p)))
    }),
    route({
      method: "GET",
      path: "/api/v1/borrowLend/markets/history",
      query: Schema.Struct({ interval: PoolInterval, symbol: text }),
      handler: ({ q }) => {
        const pools = [...v.lending.pools.values()].filter((p) =>
          q.symbol === undefined || p.params.symbol === q.symbol
        )
        if (q.symbol !== undefined && pools.length === 0) throw new ApiFailure(400, "INVALID_ASSET", "Invalid asset")
        const from = since(q.interval)
        return json(
          pools.flatMap((p) => p.history.filter((h) => h.timestamp >= from).reverse().map(Wire.borrowLendMarketHistory))
        )
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/borrowLend/apy",
      query: Schema.Struct({
        tierId: Schema.optional(
          wire("String", "Expect a tier id.", (u) => (typeof u === "string" && /^-?\d{1,10}$/.test(u) ? u : undefined))
        )
      }),
      handler: () =>
        json({
          borrowLend: [...v.lending.pools.values()].map((p) => ({
            symbol: p.params.symbol,
            borrowRate: D.format(borrowRate(p)),
            lendRate: D.format(lendRate(p))
          })),
          staking: [{ symbol: "SOL", dilutionFactor: "0", stakingRate: "0.068" }]
        })
    }),
    route({
      method: "GET",
      path: "/api/v1/borrowLend/position/liquidationPrice",
      query: Schema.Struct({ borrow: required(Base64Json), subaccountId: Schema.optional(QInt("uint16")) }),
      handler: ({ q }) => {
        const b = decodeBorrowLend(q.borrow)
        const pool = v.lending.pool(b.symbol)
        const mark = MarketData.assetPrice(engine, b.symbol)
        // a borrow backed by exactly its initial margin in USDC and holding the borrowed coins is liquidated when
        // C + X·p·w − X·p = X·p·mmf, i.e. at p = C / (X·(1 − w + mmf)) with C = X·p0·imf
        const w = v.lending.weight(b.symbol)
        const denominator = D.ONE - w + pool.params.imf / 2n
        const liquidation = b.side === "Lend" || denominator <= 0n ?
          0n :
          D.div(D.mul(mark, pool.params.imf), denominator)
        return json({ liquidationPrice: D.format(liquidation), markPrice: D.format(mark) })
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/borrowLend/positions",
      instruction: "borrowLendPositionQuery",
      handler: ({ account }) =>
        json(
          mine(v.lending.open.values(), account).map((p) =>
            Wire.borrowLendPosition(v.lending.pool(p.symbol), MarketData.assetPrice(engine, p.symbol), p)
          )
        )
    }),
    route({
      method: "POST",
      path: "/api/v1/borrowLend",
      instruction: "borrowLendExecute",
      body: payload("BorrowLendExecutePayload", BorrowLend),
      handler: ({ account, b }) => done(v.lending.execute(account, b.symbol, b.side, b.quantity))
    }),
    history({
      path: "/wapi/v1/history/borrowLend",
      instruction: "borrowHistoryQueryAll",
      query: {
        type: Schema.optional(Enum("BorrowLendEventType", ["Borrow", "BorrowRepay", "Lend", "LendRedeem"])),
        sources: text,
        positionId: text,
        symbol: text
      },
      rows: ({ account, q }) => {
        const sources = q.sources?.split(",")
        return mine(v.lending.movements, account).filter((m) =>
          (q.type === undefined || m.eventType === q.type) && (sources === undefined || sources.includes(m.source)) &&
          (q.positionId === undefined || m.positionId === q.positionId) &&
          (q.symbol === undefined || m.symbol === q.symbol)
        )
      },
      view: Wire.borrowLendMovement
    }),
    history({
      path: "/wapi/v1/history/interest",
      instruction: "interestHistoryQueryAll",
      query: {
        asset: text,
        symbol: text,
        positionId: text,
        source: Schema.optional(Enum("InterestPaymentSource", ["UnrealizedPnl", "BorrowLend"]))
      },
      // the simulator charges no interest on unrealised PnL: that source is always empty
      rows: ({ account, q }) =>
        q.source === "UnrealizedPnl" ?
          [] :
          mine(v.lending.interest, account).filter((r) =>
            (q.asset === undefined || r.symbol === q.asset) && (q.symbol === undefined || r.symbol === q.symbol) &&
            (q.positionId === undefined || r.positionId === q.positionId)
          ),
      view: Wire.interestPayment
    }),
    history({
      path: "/wapi/v1/history/borrowLend/positions",
      instruction: "borrowPositionHistoryQueryAll",
      query: {
        symbol: text,
        side: Schema.optional(Enum("BorrowLendSide", ["Borrow", "Lend"])),
        state: Schema.optional(Enum("BorrowLendPositionState", ["Open", "Closed"]))
      },
      rows: ({ account, q }) =>
        mine(v.lending.positions, account).filter((p) =>
          (q.symbol === undefined || p.symbol === q.symbol) && (q.side === undefined || sideOf(p) === q.side) &&
          (q.state === undefined || (p.closedAt === null ? "Open" : "Closed") === q.state)
        ),
      view: (p) => Wire.borrowLendPositionHistory(p, sideOf(p))
    }),

    // -- dust and withdrawal delay ---------------------------------------------------------------------------
    route({
      method: "POST",
      path: "/api/v1/account/convertDust",
      instruction: "convertDust",
      body: payload("AccountConvertDustPayload", Schema.Struct({ symbol: opt(Str) }), true),
      handler: ({ account, b }) => done(v.capital.convertDust(account, b.symbol))
    }),
    history({
      path: "/wapi/v1/history/dust",
      instruction: "dustHistoryQueryAll",
      query: { id: Schema.optional(QInt("uint64")), symbol: text },
      rows: ({ account, q }) =>
        mine(v.capital.dust, account).filter((d) =>
          (q.id === undefined || d.id === q.id) && (q.symbol === undefined || d.symbol === q.symbol)
        ),
      view: Wire.dustConversion
    }),
    route({
      method: "GET",
      path: "/wapi/v1/capital/withdrawals/delay",
      instruction: "withdrawalDelayQuery",
      handler: ({ account }) => {
        const d = v.capital.delay(account)
        if (d === undefined || (d.current === null && d.pending === null)) return empty(204)
        return json(Wire.withdrawalDelay(d))
      }
    }),
    route({
      method: "POST",
      path: "/wapi/v1/capital/withdrawals/delay",
      instruction: "withdrawalDelayCreate",
      body: payload("CreateWithdrawalDelayRequest", WithdrawalDelay),
      handler: ({ account, b }) => done(v.capital.createDelay(account, b.withdrawalDelayHours))
    }),
    route({
      method: "PATCH",
      path: "/wapi/v1/capital/withdrawals/delay",
      instruction: "withdrawalDelayUpdate",
      body: payload("UpdateWithdrawalDelayRequest", WithdrawalDelay),
      handler: ({ account, b }) => json(Wire.withdrawalDelay(v.capital.updateDelay(account, b.withdrawalDelayHours)))
    }),

    // -- RFQ ---------------------------------------------------------------------------------------------------
    route({
      method: "POST",
      path: "/api/v1/rfq",
      instruction: "rfqSubmit",
      body: payload("RequestForQuotePayload", RfqSubmit),
      handler: ({ account, b }) => json(Wire.rfq(v.rfqs.submit(account, b)))
    }),
    route({
      method: "POST",
      path: "/api/v1/rfq/quote",
      instruction: "quoteSubmit",
      body: payload("QuotePayload", QuoteSubmit),
      handler: ({ account, b }) => json(Wire.quote(v.rfqs.quote(account, b)))
    }),
    route({
      method: "POST",
      path: "/api/v1/rfq/accept",
      instruction: "quoteAccept",
      body: payload("QuoteAcceptPayload", QuoteAccept),
      handler: ({ account, b }) => json(Wire.rfq(v.rfqs.accept(account, b)))
    }),
    route({
      method: "POST",
      path: "/api/v1/rfq/refresh",
      instruction: "rfqRefresh",
      body: payload("RequestForQuoteRefreshPayload", Schema.Struct({ rfqId: field(IdText) })),
      handler: ({ account, b }) => json(Wire.rfq(v.rfqs.refresh(account, b.rfqId)))
    }),
    route({
      method: "POST",
      path: "/api/v1/rfq/cancel",
      instruction: "rfqCancel",
      body: payload("RequestForQuoteCancelPayload", Schema.Struct({ rfqId: opt(IdText), clientId: opt(Uint32) })),
      handler: ({ account, b }) => {
        if ((b.rfqId === undefined) === (b.clientId === undefined)) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `rfqId` or `clientId`")
        }
        return json(Wire.rfq(v.rfqs.cancel(account, b.rfqId, b.clientId)))
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/rfqs",
      instruction: "rfqQuery",
      query: Schema.Struct({
        symbol: text,
        rfqId: Schema.optional(IdText),
        subaccountId: Schema.optional(QInt("uint16")),
        ...deferred
      }),
      handler: ({ account, q }) => {
        v.rfqs.expireDue()
        const rows = q.deferredSettlement === true ?
          [] :
          v.rfqs.open(account).filter((r) =>
            (q.symbol === undefined || r.symbol === q.symbol) && (q.rfqId === undefined || r.id === q.rfqId)
          )
        return json(rows.map((r) => ({ rfq: Wire.rfq(r), quotes: r.quotes.map(Wire.quote) })))
      }
    }),
    history({
      path: "/wapi/v1/history/rfq",
      instruction: "rfqHistoryQueryAll",
      query: { rfqId: text, symbol: text, status: text, side: QSide, ...deferred },
      rows: ({ account, q }) =>
        q.deferredSettlement === true ?
          [] :
          mine(v.rfqs.rfqs.values(), account).filter((r) =>
            (q.rfqId === undefined || r.id === q.rfqId) && (q.symbol === undefined || r.symbol === q.symbol) &&
            (q.status === undefined || r.status === q.status) && (q.side === undefined || r.side === q.side)
          ),
      view: Wire.rfqHistory
    }),
    history({
      path: "/wapi/v1/history/quote",
      instruction: "quoteHistoryQueryAll",
      query: { quoteId: text, symbol: text, status: text, ...deferred },
      rows: ({ account, q }) =>
        q.deferredSettlement === true ?
          [] :
          mine(v.rfqs.quotes.values(), account).filter((x) =>
            (q.quoteId === undefined || x.id === q.quoteId) &&
            (q.symbol === undefined || v.rfqs.rfqs.get(x.rfqId)!.symbol === q.symbol) &&
            (q.status === undefined || x.status === q.status)
          ),
      view: Wire.quoteHistory
    }),
    history({
      path: "/wapi/v1/history/rfq/fill",
      instruction: "rfqFillHistoryQueryAll",
      query: {
        quoteId: text,
        symbol: text,
        side: QSide,
        fillType: Schema.optional(Enum("RfqFillType", ["User", "CollateralConversion"])),
        ...deferred
      },
      rows: ({ account, q }) =>
        q.fillType === "CollateralConversion" || q.deferredSettlement === true ?
          [] :
          v.rfqs.fills.filter((f) =>
            f.rfq.accountId === account.id && (q.quoteId === undefined || f.quote.id === q.quoteId) &&
            (q.symbol === undefined || f.rfq.symbol === q.symbol) && (q.side === undefined || f.side === q.side)
          ),
      view: Wire.rfqFill
    }),
    history({
      path: "/wapi/v1/history/quote/fill",
      instruction: "quoteFillHistoryQueryAll",
      query: { quoteId: text, symbol: text, side: QSide },
      rows: ({ account, q }) =>
        v.rfqs.fills.filter((f) =>
          f.quote.accountId === account.id && (q.quoteId === undefined || f.quote.id === q.quoteId) &&
          (q.symbol === undefined || f.rfq.symbol === q.symbol) &&
          (q.side === undefined || Wire.quoterSide(f.side) === q.side)
        ),
      view: Wire.quoteFill
    }),

    // -- strategies --------------------------------------------------------------------------------------------
    route({
      method: "POST",
      path: "/api/v1/strategy",
      instruction: "strategyCreate",
      body: payload("StrategyCreatePayload", StrategyCreate),
      handler: ({ account, b }) => {
        if ((b.slippageTolerance === undefined) !== (b.slippageToleranceType === undefined)) {
          throw new ApiFailure(
            400,
            "INVALID_CLIENT_REQUEST",
            "`slippageTolerance` and `slippageToleranceType` go together"
          )
        }
        return json(Wire.strategy(v.strategies, v.strategies.create(account, b)))
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/strategy",
      instruction: "strategyQuery",
      query: Schema.Struct({
        symbol: required(QText("MarketSymbol")),
        strategyId: text,
        clientStrategyId: Schema.optional(QInt("uint32"))
      }),
      handler: ({ account, q }) =>
        json(
          Wire.strategy(v.strategies, running(account, strategyOf(account, q.symbol, q.strategyId, q.clientStrategyId)))
        )
    }),
    route({
      method: "DELETE",
      path: "/api/v1/strategy",
      instruction: "strategyCancel",
      body: payload("StrategyCancelPayload", StrategyCancel),
      handler: ({ account, b }) => {
        const s = running(account, strategyOf(account, b.symbol, b.strategyId, b.clientStrategyId))
        return json(Wire.strategy(v.strategies, v.strategies.cancel(account, s)))
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/strategies",
      instruction: "strategyQueryAll",
      query: Schema.Struct({ symbol: text, marketType: Schema.optional(MarketType), strategyType: StrategyType }),
      handler: ({ account, q }) =>
        json(
          v.strategies.running(account, q.symbol)
            .filter((s) => q.marketType === undefined || marketTypeOf(s.symbol) === q.marketType)
            .map((s) => Wire.strategy(v.strategies, s))
        )
    }),
    route({
      method: "DELETE",
      path: "/api/v1/strategies",
      instruction: "strategyCancelAll",
      body: payload(
        "StrategyCancelAllPayload",
        Schema.Struct({ symbol: field(Str), strategyType: opt(Enum("StrategyTypeEnum", ["Scheduled"])) })
      ),
      handler: ({ account, b }) => {
        engine.market(b.symbol)
        return json(
          v.strategies.running(account, b.symbol).map((s) =>
            Wire.strategy(v.strategies, v.strategies.cancel(account, s))
          )
        )
      }
    }),
    history({
      path: "/wapi/v1/history/strategies",
      instruction: "strategyHistoryQueryAll",
      query: { strategyId: text, symbol: text, marketType: QRepeated(MarketType) },
      rows: ({ account, q }) =>
        mine(v.strategies.all, account).filter((s) =>
          (q.strategyId === undefined || s.id === q.strategyId) && (q.symbol === undefined || s.symbol === q.symbol) &&
          inTypes(q.marketType, s.symbol)
        ),
      view: (s) => Wire.strategyHistory(v.strategies, s)
    }),

    // -- vaults ------------------------------------------------------------------------------------------------
    route({
      method: "GET",
      path: "/api/v1/vaults",
      handler: () => json([...v.vaults.vaults.values()].map((x) => Wire.vault(v.vaults, x)))
    }),
    route({
      method: "GET",
      path: "/api/v1/vaults/history",
      query: Schema.Struct({ interval: VaultInterval, vaultId: Schema.optional(QInt("uint32")) }),
      handler: ({ q }) => {
        const from = since(q.interval)
        return json(
          [...v.vaults.vaults.values()].filter((x) => q.vaultId === undefined || x.def.id === q.vaultId).flatMap((x) =>
            x.history.filter((h) => h.timestamp >= from).reverse().map((h) => Wire.vaultHistory(x, h))
          )
        )
      }
    }),
    route({
      method: "POST",
      path: "/api/v1/vault/mint",
      instruction: "vaultMint",
      body: payload(
        "VaultMintRequest",
        Schema.Struct({
          vaultId: field(Uint32),
          symbol: field(Str),
          quantity: field(PositiveDec),
          autoBorrow: opt(Bool),
          autoLendRedeem: opt(Bool)
        })
      ),
      handler: ({ account, b }) => done(v.vaults.mint(account, b.vaultId, b.symbol, b.quantity))
    }),
    route({
      method: "POST",
      path: "/api/v1/vault/redeem",
      instruction: "vaultRedeemRequest",
      body: payload(
        "VaultRedeemRequest",
        Schema.Struct({ vaultId: field(Uint32), vaultTokenQuantity: opt(PositiveDec) })
      ),
      handler: ({ account, b }) => done(v.vaults.requestRedeem(account, b.vaultId, b.vaultTokenQuantity))
    }),
    route({
      method: "DELETE",
      path: "/api/v1/vault/redeem",
      instruction: "vaultRedeemCancel",
      body: payload("VaultRedeemCancelRequest", Schema.Struct({ vaultId: field(Uint32) })),
      handler: ({ account, b }) => done(v.vaults.cancelRedeem(account, b.vaultId))
    }),
    route({
      method: "GET",
      path: "/api/v1/vault/redeems/pending",
      instruction: "vaultPendingRedeemsQuery",
      query: Schema.Struct({ vaultId: required(QInt("uint32")) }),
      handler: ({ account, q }) => {
        const vault = v.vaults.ownVault(account)
        if (vault.def.id !== q.vaultId) throw new ApiFailure(403, "FORBIDDEN", "Only the vault account can query this")
        return json(
          v.vaults.redeems.filter((r) => r.vaultId === q.vaultId && r.status === "Requested").map((r) =>
            Wire.vaultRedeem(v.vaults, r)
          )
        )
      }
    }),
    route({
      method: "GET",
      path: "/api/v1/vault/nav",
      instruction: "vaultNavQuery",
      handler: ({ account }) => json(Wire.vaultNav(v.vaults, v.vaults.ownVault(account)))
    }),
    vaultHistory("/wapi/v1/history/vault/mint", "vaultMintHistoryQueryAll", () => v.vaults.mints, Wire.vaultMint),
    vaultHistory(
      "/wapi/v1/history/vault/redeem",
      "vaultRedeemHistoryQueryAll",
      () => v.vaults.redeems,
      Wire.vaultRedeem
    ),

    // -- position and settlement history -----------------------------------------------------------------------
    history({
      path: "/wapi/v1/history/position",
      instruction: "positionHistoryQueryAll",
      query: {
        symbol: text,
        state: Schema.optional(Enum("PositionState", ["Open", "Closed"])),
        marketType: QRepeated(MarketType)
      },
      rows: ({ account, q }) =>
        v.positions.rows(account.id).filter((r) =>
          (q.symbol === undefined || r.symbol === q.symbol) &&
          (q.state === undefined || (r.closedAt === null ? "Open" : "Closed") === q.state) &&
          inTypes(q.marketType, r.symbol)
        ),
      view: (r, { account }) => {
        const m = engine.markets.get(r.symbol)!
        const liquidated = v.liquidations.liquidatedQuantity(account.id, r.symbol, r.openedAt)
        return Wire.positionHistory(account, m, r, liquidated, Perps.imf(account, m))
      }
    }),
    history({
      path: "/wapi/v1/history/settlement",
      instruction: "settlementHistoryQueryAll",
      query: { source: Schema.optional(SettlementSource) },
      rows: ({ account, q }) =>
        v.positions.settlements(account.id).filter((s) => q.source === undefined || s.source === q.source),
      view: (s, { account }) => Wire.settlement(account, s)
    })
  ]
}

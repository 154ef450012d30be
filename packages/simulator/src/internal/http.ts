/**
 * REST API of the simulator: an `HttpRouter` with Backpack's paths, request signing checks (§2), rate limits
 * (§8.3) and fault injection.
 *
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { createHash } from "node:crypto"
import * as Auth from "./auth.js"
import type { Controls } from "./controls.js"
import { consume } from "./controls.js"
import * as D from "./decimal.js"
import type { Account, Engine, Market, Order } from "./engine.js"
import { ApiFailure, naiveMs, PlainFailure, spaced } from "./engine.js"
import { blockchains, klineIntervals, wallets } from "./markets.js"
import { collateralParameters, collateralSummary, conditionalOrders } from "./orderOps.js"
import { opsRoutes } from "./opsRoutes.js"
import { attach } from "./venue.js"
import * as V from "./views.js"

// ---------------------------------------------------------------------------------------------------------------
// replies
// ---------------------------------------------------------------------------------------------------------------

type Reply =
  | {
    readonly _tag: "json"
    readonly status: number
    readonly body: unknown
    readonly headers?: Record<string, string>
  }
  | { readonly _tag: "text"; readonly status: number; readonly body: string; readonly headers?: Record<string, string> }
  | { readonly _tag: "empty"; readonly status: number }

const json = (body: unknown, status = 200): Reply => ({ _tag: "json", status, body })
const text = (body: string, status = 200): Reply => ({ _tag: "text", status, body })
const empty = (status: number): Reply => ({ _tag: "empty", status })
const apiError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply =>
  headers === undefined ?
    { _tag: "json", status, body: { code, message } } :
    { _tag: "json", status, body: { code, message }, headers }

const toResponse = (reply: Reply): HttpServerResponse.HttpServerResponse => {
  switch (reply._tag) {
    case "json":
      return HttpServerResponse.text(JSON.stringify(reply.body), {
        status: reply.status,
        contentType: "application/json; charset=utf-8",
        ...(reply.headers === undefined ? {} : { headers: reply.headers })
      })
    case "text":
      return HttpServerResponse.text(reply.body, {
        status: reply.status,
        contentType: "text/plain; charset=utf-8",
        ...(reply.headers === undefined ? {} : { headers: reply.headers })
      })
    case "empty":
      return HttpServerResponse.empty({ status: reply.status })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// query parsing (plain-text errors like the real exchange's framework)
// ---------------------------------------------------------------------------------------------------------------

const paramError = (name: string, detail: string) =>
  new PlainFailure(400, `failed to parse parameter \`${name}\`: ${detail}`)

const reqString = (q: URLSearchParams, name: string, type = "string"): string => {
  const v = q.get(name)
  if (v === null) throw paramError(name, `Type "${type}" expects an input value.`)
  return v
}

const enumParam = <A extends string>(
  q: URLSearchParams,
  name: string,
  type: string,
  values: ReadonlyArray<A>,
  required = false
): A | undefined => {
  const v = q.get(name)
  if (v === null) {
    if (required) throw paramError(name, `Type "${type}" expects an input value.`)
    return undefined
  }
  if (!(values as ReadonlyArray<string>).includes(v)) {
    throw paramError(name, `failed to parse "${type}": Expect a valid enumeration value.`)
  }
  return v as A
}

const intParam = (q: URLSearchParams, name: string, type = "uint64", required = false): number | undefined => {
  const v = q.get(name)
  if (v === null) {
    if (required) throw paramError(name, `Type "${type}" expects an input value.`)
    return undefined
  }
  const signed = type.startsWith("int")
  if (!(signed ? /^-?\d+$/ : /^\d+$/).test(v)) {
    throw paramError(name, `failed to parse "${type}": invalid digit found in string`)
  }
  return Number(v)
}

const boolParam = (q: URLSearchParams, name: string): boolean | undefined => {
  const v = q.get(name)
  if (v === null) return undefined
  if (v !== "true" && v !== "false") {
    throw paramError(name, "failed to parse \"boolean\": provided string was not `true` or `false`")
  }
  return v === "true"
}

const page = <A>(rows: ReadonlyArray<A>, q: URLSearchParams, defaultLimit = 100, maxLimit = 1000): Array<A> => {
  const limit = Math.min(intParam(q, "limit") ?? defaultLimit, maxLimit)
  const offset = intParam(q, "offset") ?? 0
  return rows.slice(offset, offset + limit)
}

const sortDirection = (q: URLSearchParams) => enumParam(q, "sortDirection", "SortDirection", ["Asc", "Desc"]) ?? "Desc"

const MARKET_TYPES = ["SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ"] as const

// ---------------------------------------------------------------------------------------------------------------
// routes
// ---------------------------------------------------------------------------------------------------------------

interface Ctx {
  readonly engine: Engine
  readonly query: URLSearchParams
  readonly body: unknown
  readonly account: Account
}

interface Route {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE"
  readonly path: HttpRouter.PathInput
  readonly instruction?: string
  readonly historical?: boolean
  /** Mutates orders: subject to the drop-after-accept fault. */
  readonly orderMutation?: boolean
  readonly handler: (ctx: Ctx) => Reply
}

const bodyObject = (body: unknown, schema: string): Record<string, unknown> => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: expected an object (occurred while parsing "${schema}")`
    )
  }
  return body as Record<string, unknown>
}

const bodyMarket = (engine: Engine, body: Record<string, unknown>, schema: string): Market => {
  const symbol = body.symbol
  if (typeof symbol !== "string") {
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: failed to parse "MarketSymbol": Invalid market symbol (occurred while parsing "${schema}")`
    )
  }
  return engine.market(symbol)
}

const cancelIds = (body: Record<string, unknown>): { orderId: string | null; clientId: number | null } => {
  if (body.orderId !== undefined && body.orderId !== null && typeof body.orderId !== "string") {
    // the spec types it as a string; a JSON number above 2^53 would already have been rounded
    throw new PlainFailure(
      400,
      `Bad Request parse request payload error: failed to parse "String": Expected a string (occurred while parsing "orderId")`
    )
  }
  const orderId = body.orderId === undefined || body.orderId === null ? null : body.orderId
  const rawClient = body.clientId
  const clientId = typeof rawClient === "number" ? rawClient : null
  if ((orderId === null) === (clientId === null)) {
    throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `clientId` or `orderId`")
  }
  return { orderId, clientId }
}

const marketTypesFilter = (q: URLSearchParams): ReadonlyArray<string> | undefined => {
  const all = q.getAll("marketType")
  for (const v of all) {
    if (!(MARKET_TYPES as ReadonlyArray<string>).includes(v)) {
      throw paramError("marketType", "failed to parse \"MarketType\": Expect a valid enumeration value.")
    }
  }
  return all.length === 0 ? undefined : all
}

const depositAddress = (account: Account, blockchain: string): string => {
  const digest = createHash("sha256").update(account.publicKey).update(blockchain).digest()
  if (["Solana", "Eclipse", "Fogo"].includes(blockchain)) return base58(digest)
  if (blockchain === "Bitcoin") return `bc1q${digest.toString("hex").slice(0, 38)}`
  return `0x${digest.toString("hex").slice(0, 40)}`
}

const base58 = (bytes: Uint8Array): string => {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex")}`)
  let out = ""
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out
    n /= 58n
  }
  return out
}

const routes = (engine: Engine): ReadonlyArray<Route> => [...coreRoutes(engine), ...opsRoutes(engine)]

const coreRoutes = (engine: Engine): ReadonlyArray<Route> => {
  const venue = attach(engine)
  const conditional = conditionalOrders(engine, venue)
  const order = (o: Order) => V.order(engine, o)
  const balancesOf = (account: Account) => {
    const out: Record<string, unknown> = {}
    for (const [asset, b] of [...account.balances].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (b.available + b.locked + b.staked === 0n) continue
      out[asset] = { available: D.format(b.available), locked: D.format(b.locked), staked: D.format(b.staked) }
    }
    return out
  }
  const perpOf = (symbol: string) => {
    const m = engine.market(symbol)
    return m
  }
  return [
    // system
    { method: "GET", path: "/api/v1/status", handler: () => json({ status: "Ok", message: null }) },
    { method: "GET", path: "/api/v1/ping", handler: () => text("pong") },
    { method: "GET", path: "/api/v1/time", handler: () => text(String(engine.now())) },
    { method: "GET", path: "/api/v1/wallets", handler: () => json(wallets) },
    // assets
    {
      method: "GET",
      path: "/api/v1/assets",
      handler: () =>
        json(engine.assets.map((a) => ({
          symbol: a.symbol,
          displayName: a.displayName,
          coingeckoId: a.coingeckoId,
          tokens: a.tokens.map((t) => ({
            displayName: a.displayName,
            blockchain: t.blockchain,
            contractAddress: t.contractAddress,
            depositEnabled: true,
            minimumDeposit: t.minimumDeposit,
            withdrawEnabled: true,
            minimumWithdrawal: t.minimumWithdrawal,
            maximumWithdrawal: null,
            withdrawalFee: t.withdrawalFee,
            nativeDecimals: t.nativeDecimals
          }))
        })))
    },
    {
      method: "GET",
      path: "/api/v1/collateral",
      handler: () => json(collateralParameters(engine, venue))
    },
    // markets
    {
      method: "GET",
      path: "/api/v1/markets",
      handler: ({ query }) => {
        const types = marketTypesFilter(query) ?? ["SPOT", "PERP"]
        return json([...engine.markets.values()].filter((m) => types.includes(m.def.marketType)).map(V.market))
      }
    },
    {
      method: "GET",
      path: "/api/v1/market",
      handler: ({ query }) => json(V.market(engine.market(reqString(query, "symbol", "MarketSymbol"))))
    },
    {
      method: "GET",
      path: "/api/v1/ticker",
      handler: ({ query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const interval = enumParam(query, "interval", "TickerInterval", ["1d", "1w"]) ?? "1d"
        const t = engine.ticker(m, interval === "1w" ? 7 * 86_400_000 : 86_400_000)
        return t === undefined
          ? empty(204)
          : { _tag: "json", status: 200, body: t, headers: { "cache-control": "max-age=1" } }
      }
    },
    {
      method: "GET",
      path: "/api/v1/tickers",
      handler: ({ query }) => {
        const interval = enumParam(query, "interval", "TickerInterval", ["1d", "1w"]) ?? "1d"
        const rows = [...engine.markets.values()].flatMap((m) => {
          const t = engine.ticker(m, interval === "1w" ? 7 * 86_400_000 : 86_400_000)
          return t === undefined ? [] : [t]
        })
        return json(rows)
      }
    },
    {
      method: "GET",
      path: "/api/v1/depth",
      handler: ({ query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const limit = Number(
          enumParam(query, "limit", "DepthLimit", ["5", "10", "20", "50", "100", "500", "1000"]) ?? "1000"
        )
        const side = (levels: typeof m.bids) =>
          levels.slice(0, limit).map((l) => [D.format(l.price, m.priceDp), D.format(engine.levelQuantity(l), m.qtyDp)])
        const asks = side(m.asks)
        const bids = side(m.bids).reverse()
        return json({ asks, bids, lastUpdateId: String(m.seq), timestamp: m.lastEngineMicros })
      }
    },
    {
      method: "GET",
      path: "/api/v1/klines",
      historical: true,
      handler: ({ query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const interval = enumParam(query, "interval", "KlineInterval", Object.keys(klineIntervals), true)!
        const start = intParam(query, "startTime", "int64", true)!
        const end = intParam(query, "endTime", "int64") ?? Math.floor(engine.now() / 1000) + 1
        enumParam(query, "priceType", "KlinePriceType", ["Last", "Index", "Mark"])
        const from = engine.candleStart(interval, start * 1000)
        const rows = engine.candles(m, interval, from, end * 1000).slice(-1000)
        return json(rows.map((c) => ({
          start: spaced(c.start),
          end: spaced(c.end),
          open: D.format(c.open, m.priceDp),
          high: D.format(c.high, m.priceDp),
          low: D.format(c.low, m.priceDp),
          close: D.format(c.close, m.priceDp),
          volume: D.format(c.volume, m.qtyDp),
          quoteVolume: D.format(c.quoteVolume),
          trades: String(c.trades)
        })))
      }
    },
    {
      method: "GET",
      path: "/api/v1/markPrices",
      handler: ({ query }) => {
        const symbol = query.get("symbol")
        const type = enumParam(query, "marketType", "MarketType", MARKET_TYPES)
        const rows = symbol !== null ?
          [engine.market(symbol)] :
          [...engine.markets.values()].filter((m) => m.def.marketType === (type ?? "PERP"))
        return json(rows.map((m) => V.markPrice(engine, m)))
      }
    },
    {
      method: "GET",
      path: "/api/v1/openInterest",
      handler: ({ query }) => {
        const symbol = query.get("symbol")
        const rows = symbol !== null ? [engine.market(symbol)] : [...engine.markets.values()].filter((m) => m.perp)
        return json(rows.map((m) => ({
          symbol: m.symbol,
          openInterest: m.perp ? D.format(engine.openInterest(m), m.qtyDp) : null,
          timestamp: engine.now()
        })))
      }
    },
    {
      method: "GET",
      path: "/api/v1/fundingRates",
      handler: ({ query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const rows = [...m.fundingHistory].reverse().map((f) => ({
          symbol: m.symbol,
          intervalEndTimestamp: V.intervalEnd(f.intervalEnd),
          fundingRate: D.format(f.rate)
        }))
        return json(page(rows, query, 100, 10000))
      }
    },
    // trades
    {
      method: "GET",
      path: "/api/v1/trades",
      handler: ({ query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const limit = Math.min(intParam(query, "limit", "uint16") ?? 100, 1000)
        return json(m.trades.slice(-limit).map((t) => tradeView(m, t)))
      }
    },
    {
      method: "GET",
      path: "/api/v1/trades/history",
      historical: true,
      handler: ({ query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const newestFirst = [...m.trades].reverse()
        return json(page(newestFirst, query).reverse().map((t) => tradeView(m, t)))
      }
    },
    // account
    {
      method: "GET",
      path: "/api/v1/account",
      instruction: "accountQuery",
      handler: ({ account }) =>
        json({
          autoBorrowSettlements: account.settings.autoBorrowSettlements,
          autoLend: account.settings.autoLend,
          autoRealizePnl: true,
          autoRepayBorrows: account.settings.autoRepayBorrows,
          borrowLimit: D.format(venue.lending.liability(account) + D.max(0n, venue.lending.freeMargin(account))),
          futuresMakerFee: D.format(engine.makerFee * 10000n),
          futuresTakerFee: D.format(engine.takerFee * 10000n),
          leverageLimit: D.format(account.settings.leverageLimit),
          limitOrders: engine.openOrders(account).length,
          liquidating: false,
          positionLimit: "1000000",
          spotMakerFee: D.format(engine.makerFee * 10000n),
          spotTakerFee: D.format(engine.takerFee * 10000n),
          triggerOrders: venue.triggers.open(account).length
        })
    },
    {
      method: "PATCH",
      path: "/api/v1/account",
      instruction: "accountUpdate",
      handler: ({ account, body }) => {
        const b = bodyObject(body, "UpdateAccountSettingsRequest")
        for (const key of ["autoBorrowSettlements", "autoLend", "autoRepayBorrows"] as const) {
          const v = b[key]
          if (v === undefined || v === null) continue
          if (typeof v !== "boolean") {
            throw new PlainFailure(
              400,
              `Bad Request parse request payload error: failed to parse "boolean" (occurred while parsing "UpdateAccountSettingsRequest")`
            )
          }
          account.settings[key] = v
        }
        if (b.leverageLimit !== undefined && b.leverageLimit !== null) {
          const lev = typeof b.leverageLimit === "string" ? D.parse(b.leverageLimit) : undefined
          if (lev === undefined || lev < D.ONE || lev > D.fromInt(100)) {
            throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid leverage limit")
          }
          account.settings.leverageLimit = lev
        }
        return empty(200)
      }
    },
    {
      method: "GET",
      path: "/api/v1/account/limits/borrow",
      instruction: "maxBorrowQuantity",
      handler: ({ account, query }) => {
        const symbol = reqString(query, "symbol", "CustodyAsset")
        return json({ maxBorrowQuantity: D.format(venue.lending.maxBorrow(account, symbol)), symbol })
      }
    },
    {
      method: "GET",
      path: "/api/v1/account/limits/order",
      instruction: "maxOrderQuantity",
      handler: ({ account, query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const side = enumParam(query, "side", "Side", ["Bid", "Ask"], true)!
        const rawPrice = query.get("price")
        const price = rawPrice === null ? undefined : D.parse(rawPrice)
        if (price === undefined && rawPrice !== null) throw paramError("price", "failed to parse \"Decimal\"")
        const reduceOnly = boolParam(query, "reduceOnly")
        const ref = price ?? (side === "Bid" ? engine.bestAsk(m) : engine.bestBid(m)) ?? engine.markPrice(m)
        let max: bigint
        if (m.perp) {
          const pos = account.positions.get(m.symbol)?.netQuantity ?? 0n
          if (reduceOnly === true) max = side === "Bid" ? D.max(0n, -pos) : D.max(0n, pos)
          else {
            const { equity, initialMargin } = engine.marginState(account)
            const free = D.max(0n, equity - initialMargin)
            max = D.div(free, D.mul(ref, engine.imf(account, m)))
          }
        } else if (side === "Bid") {
          max = D.div(engine.balance(account, m.def.quoteSymbol).available, ref)
        } else {
          max = engine.balance(account, m.def.baseSymbol).available
        }
        return json({
          autoBorrow: boolParam(query, "autoBorrow") ?? null,
          autoBorrowRepay: boolParam(query, "autoBorrowRepay") ?? null,
          autoLendRedeem: boolParam(query, "autoLendRedeem") ?? null,
          maxOrderQuantity: D.format(D.floorTo(max, m.step), m.qtyDp),
          price: rawPrice,
          side,
          symbol: m.symbol,
          reduceOnly: reduceOnly ?? null
        })
      }
    },
    {
      method: "GET",
      path: "/api/v1/account/limits/withdrawal",
      instruction: "maxWithdrawalQuantity",
      handler: ({ account, query }) => {
        const symbol = reqString(query, "symbol", "CustodyAsset")
        return json({
          autoBorrow: boolParam(query, "autoBorrow") ?? null,
          autoLendRedeem: boolParam(query, "autoLendRedeem") ?? null,
          maxWithdrawalQuantity: D.format(engine.balance(account, symbol).available),
          symbol
        })
      }
    },
    // capital
    {
      method: "GET",
      path: "/api/v1/capital",
      instruction: "balanceQuery",
      handler: ({ account }) => json(balancesOf(account))
    },
    {
      method: "GET",
      path: "/api/v1/capital/collateral",
      instruction: "collateralQuery",
      handler: ({ account }) => json(collateralSummary(engine, venue, account))
    },
    {
      method: "GET",
      path: "/wapi/v1/capital/deposits",
      instruction: "depositQueryAll",
      handler: ({ account, query }) => {
        const from = intParam(query, "from", "int64") ?? 0
        const to = intParam(query, "to", "int64") ?? Number.MAX_SAFE_INTEGER
        boolParam(query, "excludePlatform")
        const rows = account.deposits.filter((d) => d.createdAt >= from && d.createdAt <= to).reverse().map((d) => ({
          id: d.id,
          toAddress: null,
          fromAddress: null,
          source: d.source,
          status: "confirmed",
          transactionHash: null,
          symbol: d.symbol,
          quantity: D.format(d.quantity),
          createdAt: naiveMs(d.createdAt),
          fiatAmount: null,
          fiatCurrency: null,
          institutionBic: null,
          platformMemo: null
        }))
        return json(page(rows, query))
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/capital/deposit/address",
      instruction: "depositAddressQuery",
      handler: ({ account, query }) => {
        const chain = enumParam(query, "blockchain", "Blockchain", blockchains, true)!
        return json({ address: depositAddress(account, chain) })
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/capital/withdrawals",
      instruction: "withdrawalQueryAll",
      handler: ({ account, query }) => {
        const id = intParam(query, "id", "int32")
        const clientId = query.get("clientId")
        const from = intParam(query, "from", "int64") ?? 0
        const to = intParam(query, "to", "int64") ?? Number.MAX_SAFE_INTEGER
        const rows = account.withdrawals
          .filter((w) =>
            (id === undefined || w.id === id) && (clientId === null || w.clientId === clientId) &&
            w.createdAt >= from && w.createdAt <= to
          )
          .reverse()
          .map(V.withdrawal)
        return json(page(rows, query))
      }
    },
    {
      method: "POST",
      path: "/wapi/v1/capital/withdrawals",
      instruction: "withdraw",
      handler: ({ account, body }) => {
        const record = engine.withdraw(account, bodyObject(body, "AccountWithdrawalPayload"))
        const view = V.withdrawal(record)
        const releaseAt = venue.capital.hold(account, record)
        if (releaseAt === null) record.status = "confirmed"
        else view.triggerAt = naiveMs(releaseAt)
        return json(view)
      }
    },
    // orders
    {
      method: "GET",
      path: "/api/v1/order",
      instruction: "orderQuery",
      handler: ({ account, query }) => {
        const m = engine.market(reqString(query, "symbol", "MarketSymbol"))
        const orderId = query.get("orderId")
        const clientId = intParam(query, "clientId", "uint32") ?? null
        if ((orderId === null) === (clientId === null)) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Must specify either `clientId` or `orderId`")
        }
        const o = engine.findOpenOrder(account, m.symbol, orderId, clientId)
        if (o === undefined) return json(conditional.find(account, m.symbol, orderId, clientId))
        return json(order(o))
      }
    },
    {
      method: "POST",
      path: "/api/v1/order",
      instruction: "orderExecute",
      orderMutation: true,
      handler: ({ account, body }) => json(conditional.execute(account, bodyObject(body, "OrderExecutePayload")))
    },
    {
      method: "POST",
      path: "/api/v1/orders",
      instruction: "orderExecute",
      orderMutation: true,
      handler: ({ account, body }) => {
        if (!Array.isArray(body)) {
          throw new PlainFailure(
            400,
            "Bad Request parse request payload error: expected an array (occurred while parsing \"Vec<OrderExecutePayload>\")"
          )
        }
        if (body.length === 0) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Batch must contain at least one order")
        }
        if (body.length > MAX_BATCH) {
          throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", `Batch must contain at most ${MAX_BATCH} orders`)
        }
        return json(body.map((item) => {
          try {
            return { ...conditional.execute(account, bodyObject(item, "OrderExecutePayload")), operation: "Ok" }
          } catch (e) {
            if (e instanceof ApiFailure) return { code: e.code, message: e.message, operation: "Err" }
            if (e instanceof PlainFailure) return { code: "INVALID_CLIENT_REQUEST", message: e.text, operation: "Err" }
            throw e
          }
        }))
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/order",
      instruction: "orderCancel",
      orderMutation: true,
      handler: ({ account, body }) => {
        const b = bodyObject(body, "OrderCancelPayload")
        const m = bodyMarket(engine, b, "OrderCancelPayload")
        const { clientId, orderId } = cancelIds(b)
        const o = engine.cancel(account, m.symbol, orderId, clientId)
        if (o === undefined) return json(conditional.cancel(account, m.symbol, orderId, clientId))
        return json(order(o))
      }
    },
    {
      method: "GET",
      path: "/api/v1/orders",
      instruction: "orderQueryAll",
      handler: ({ account, query }) => {
        const symbol = query.get("symbol")
        if (symbol !== null) engine.market(symbol)
        const type = enumParam(query, "marketType", "MarketType", MARKET_TYPES)
        const rows = engine.openOrders(account, symbol ?? undefined)
          .filter((o) => type === undefined || engine.markets.get(o.symbol)!.def.marketType === type)
        return json([...rows.map(order), ...conditional.open(account, symbol ?? undefined, type)])
      }
    },
    {
      method: "DELETE",
      path: "/api/v1/orders",
      instruction: "orderCancelAll",
      orderMutation: true,
      handler: ({ account, body }) => {
        const b = bodyObject(body, "OrderCancelAllPayload")
        const m = bodyMarket(engine, b, "OrderCancelAllPayload")
        const type = b.orderType
        if (type !== undefined && type !== null && type !== "RestingLimitOrder" && type !== "ConditionalOrder") {
          throw new PlainFailure(
            400,
            "Bad Request parse request payload error: failed to parse \"CancelOrderTypeEnum\": Expect a valid enumeration value. (occurred while parsing \"OrderCancelAllPayload\")"
          )
        }
        if (type === "ConditionalOrder") return json(conditional.cancelAll(account, m.symbol))
        if (type === "RestingLimitOrder") return json(engine.cancelAll(account, m.symbol).map(order))
        return json([...engine.cancelAll(account, m.symbol).map(order), ...conditional.cancelAll(account, m.symbol)])
      }
    },
    // positions
    {
      method: "GET",
      path: "/api/v1/position",
      instruction: "positionQuery",
      handler: ({ account, query }) => {
        const symbol = query.get("symbol")
        const type = enumParam(query, "marketType", "MarketType", MARKET_TYPES)
        if (symbol !== null) {
          const m = perpOf(symbol)
          const pos = account.positions.get(m.symbol)
          if (pos === undefined || pos.netQuantity === 0n) {
            throw new ApiFailure(404, "RESOURCE_NOT_FOUND", "Position not found")
          }
          return json([V.position(engine, account, m)])
        }
        const rows = [...engine.markets.values()]
          .filter((m) => m.perp && (type === undefined || m.def.marketType === type))
          .filter((m) => (account.positions.get(m.symbol)?.netQuantity ?? 0n) !== 0n)
          .map((m) => V.position(engine, account, m))
        return json(rows)
      }
    },
    // history
    {
      method: "GET",
      path: "/wapi/v1/history/orders",
      instruction: "orderHistoryQueryAll",
      handler: ({ account, query }) => {
        const orderId = query.get("orderId")
        const symbol = query.get("symbol")
        const types = marketTypesFilter(query)
        const strategy = conditional.strategyOrders(query.get("strategyId"))
        let rows = account.orders.filter((o) =>
          (strategy === undefined || strategy.has(o.id)) &&
          (orderId === null || o.id === orderId) && (symbol === null || o.symbol === symbol) &&
          (types === undefined || types.includes(engine.markets.get(o.symbol)!.def.marketType))
        )
        if (sortDirection(query) === "Desc") rows = rows.reverse()
        return json(page(rows, query).map((o) => V.historyOrder(engine, o)))
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/fills",
      instruction: "fillHistoryQueryAll",
      handler: ({ account, query }) => {
        const orderId = query.get("orderId")
        const symbol = query.get("symbol")
        const from = intParam(query, "from", "int64") ?? 0
        const to = intParam(query, "to", "int64") ?? Number.MAX_SAFE_INTEGER
        enumParam(query, "fillType", "FillType", [
          "User",
          "BookLiquidation",
          "Adl",
          "Backstop",
          "Liquidation",
          "AllLiquidation",
          "CollateralConversion",
          "CollateralConversionAndSpotLiquidation"
        ])
        const types = marketTypesFilter(query)
        let rows = account.fills.filter((f) =>
          (orderId === null || f.orderId === orderId) && (symbol === null || f.symbol === symbol) &&
          f.timestamp >= from && f.timestamp <= to &&
          (types === undefined || types.includes(engine.markets.get(f.symbol)!.def.marketType))
        )
        if (sortDirection(query) === "Desc") rows = rows.reverse()
        return json(page(rows, query).map((f) => V.fill(engine, f)))
      }
    },
    {
      method: "GET",
      path: "/wapi/v1/history/funding",
      instruction: "fundingHistoryQueryAll",
      handler: ({ account, query }) => {
        const symbol = query.get("symbol")
        intParam(query, "subaccountId", "uint16")
        let rows = account.fundingPayments.filter((f) => symbol === null || f.symbol === symbol)
        if (sortDirection(query) === "Desc") rows = [...rows].reverse()
        return json(
          page(rows, query).map((f) => ({
            userId: f.userId,
            subaccountId: 0,
            symbol: f.symbol,
            quantity: D.format(f.quantity),
            intervalEndTimestamp: V.intervalEnd(f.intervalEnd),
            fundingRate: D.format(f.fundingRate)
          }))
        )
      }
    }
  ]
}

/** Largest accepted `POST /api/v1/orders` batch (undocumented upstream; CCXT assumes 20). */
export const MAX_BATCH = 20

const tradeView = (
  m: Market,
  t: { id: number; price: bigint; quantity: bigint; quoteQuantity: bigint; timestamp: number; isBuyerMaker: boolean }
) => ({
  id: t.id,
  isBuyerMaker: t.isBuyerMaker,
  price: D.format(t.price, m.priceDp),
  quantity: D.format(t.quantity, m.qtyDp),
  quoteQuantity: D.format(t.quoteQuantity),
  timestamp: t.timestamp
})

// ---------------------------------------------------------------------------------------------------------------
// authentication
// ---------------------------------------------------------------------------------------------------------------

/**
 * Verifies the signature headers of a request. Returns the account or throws an `ApiFailure`:
 * missing headers → 401 UNAUTHORIZED; malformed timestamp/window or window > 60000 → 400 INVALID_CLIENT_REQUEST;
 * unknown key → 401 UNAUTHORIZED; expired or future timestamp → 401 INVALID_CLIENT_REQUEST; bad signature →
 * 401 INVALID_SIGNATURE.
 */
export const authenticate = (
  engine: Engine,
  controls: Controls,
  headers: Record<string, string | undefined>,
  signingStrings: (timestamp: string, window: string) => ReadonlyArray<string>
): Account => {
  const apiKey = headers["x-api-key"]
  const signature = headers["x-signature"]
  const timestamp = headers["x-timestamp"]
  const window = headers["x-window"] ?? "5000"
  if (apiKey === undefined || signature === undefined || timestamp === undefined) {
    throw new ApiFailure(401, "UNAUTHORIZED", "Missing authentication headers (X-API-Key, X-Signature, X-Timestamp)")
  }
  checkTimestamp(engine, controls, timestamp, window)
  const account = engine.accountsByKey.get(apiKey)
  if (account === undefined || account.internal) throw new ApiFailure(401, "UNAUTHORIZED", "Invalid API key")
  if (!signingStrings(timestamp, window).some((s) => Auth.verify(signature, s, account.publicKey))) {
    throw new ApiFailure(401, "INVALID_SIGNATURE", "Invalid signature")
  }
  return account
}

/** Timestamp/window validation shared by REST and the WebSocket private subscribe. */
export const checkTimestamp = (engine: Engine, controls: Controls, timestamp: string, window: string): void => {
  if (!/^\d{1,16}$/.test(timestamp)) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid timestamp")
  if (!/^\d{1,16}$/.test(window)) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid window")
  const w = Number(window)
  if (w > 60000) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid window, must be at most 60000")
  const ts = Number(timestamp)
  const now = engine.now()
  if (ts + w < now) throw new ApiFailure(401, "INVALID_CLIENT_REQUEST", "Request has expired")
  if (ts > now + controls.futureToleranceMs) {
    throw new ApiFailure(401, "INVALID_CLIENT_REQUEST", "Request timestamp is too far in the future")
  }
}

const signingCandidates = (
  instruction: string,
  query: URLSearchParams,
  body: unknown
) =>
(timestamp: string, window: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const encode of [false, true]) {
    if (Array.isArray(body)) {
      out.push(Auth.batchSigningString(instruction, body as Array<Record<string, unknown>>, timestamp, window, encode))
    } else {
      const pairs = [
        ...Auth.pairsFromQuery(query),
        ...(typeof body === "object" && body !== null ? Auth.pairsFromObject(body as Record<string, unknown>) : [])
      ]
      out.push(Auth.signingString(instruction, pairs, timestamp, window, encode))
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// router
// ---------------------------------------------------------------------------------------------------------------

const failureReply = (e: unknown): Reply => {
  if (e instanceof ApiFailure) return apiError(e.status, e.code, e.message)
  if (e instanceof PlainFailure) return text(e.text, e.status)
  return apiError(500, "SERVER_ERROR", "Internal server error")
}

const handle = (engine: Engine, controls: Controls, route: Route) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const incoming = NodeHttpServerRequest.toIncomingMessage(request)
    if (controls.latencyMs > 0) yield* Effect.sleep(controls.latencyMs)
    if (controls.rate429 > 0 && controls.faultPrng.next() < controls.rate429) {
      return toResponse(apiError(429, "TOO_MANY_REQUESTS", "Too many requests", { "retry-after": "1" }))
    }
    if (controls.rate503 > 0 && controls.faultPrng.next() < controls.rate503) {
      return toResponse(apiError(503, "MAINTENANCE", "Service unavailable"))
    }
    const url = new URL(request.url, "http://localhost")
    const raw = route.method === "GET" ? "" : yield* Effect.orElseSucceed(request.text, () => "")
    const reply = ((): Reply => {
      try {
        let body: unknown = undefined
        if (raw.trim().length > 0) {
          try {
            body = JSON.parse(raw)
          } catch {
            return text("Bad Request parse request payload error: invalid JSON", 400)
          }
        }
        const headers = request.headers as Record<string, string | undefined>
        let account: Account | undefined
        if (route.instruction !== undefined) {
          account = authenticate(
            engine,
            controls,
            headers,
            signingCandidates(route.instruction, url.searchParams, body)
          )
        }
        const limits = controls.rateLimits
        if (limits !== undefined) {
          const who = account?.apiKey ?? `ip:${incoming.socket.remoteAddress ?? "?"}`
          const bucket = route.historical === true ? "historical" : "standard"
          const wait = consume(
            controls,
            `${bucket}:${who}`,
            route.historical === true ? limits.historical : limits.standard,
            engine.now()
          )
          if (wait !== undefined) {
            return apiError(429, "TOO_MANY_REQUESTS", "Too many requests, please retry later", {
              "retry-after": String(wait)
            })
          }
        }
        engine.settleDueFunding()
        return route.handler({ engine, query: url.searchParams, body, account: account ?? engine.feeAccount() })
      } catch (e) {
        return failureReply(e)
      }
    })()
    if (route.orderMutation === true && controls.dropAfterAccept > 0 && reply.status === 200) {
      controls.dropAfterAccept--
      incoming.socket.destroy()
      return yield* Effect.never
    }
    return toResponse(reply)
  })

/** Faucet body: `{ apiKey, asset, quantity }`. Not a Backpack route. */
const faucet = (engine: Engine) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const raw = yield* Effect.orElseSucceed(request.text, () => "")
    const reply = ((): Reply => {
      try {
        const body = JSON.parse(raw) as Record<string, unknown>
        const account = typeof body.apiKey === "string" ? engine.accountsByKey.get(body.apiKey) : undefined
        if (account === undefined || account.internal) return apiError(404, "RESOURCE_NOT_FOUND", "Account not found")
        const asset = body.asset ?? body.symbol
        const quantity = typeof body.quantity === "string" ? D.parse(body.quantity) : undefined
        if (typeof asset !== "string" || !engine.assets.some((a) => a.symbol === asset)) {
          return apiError(400, "INVALID_ASSET", "Invalid asset")
        }
        if (quantity === undefined || quantity <= 0n) return apiError(400, "INVALID_QUANTITY", "Invalid quantity")
        const record = engine.deposit(account, asset, quantity)
        return json({ id: record.id, symbol: asset, quantity: D.format(quantity) })
      } catch (e) {
        return e instanceof SyntaxError ? text("invalid JSON", 400) : failureReply(e)
      }
    })()
    return toResponse(reply)
  })

/** Builds the REST router. */
export const router = (engine: Engine, controls: Controls) => {
  let r = HttpRouter.empty
  for (const route of routes(engine)) {
    const h = handle(engine, controls, route)
    switch (route.method) {
      case "GET":
        r = HttpRouter.get(r, route.path, h)
        break
      case "POST":
        r = HttpRouter.post(r, route.path, h)
        break
      case "PATCH":
        r = HttpRouter.patch(r, route.path, h)
        break
      case "DELETE":
        r = HttpRouter.del(r, route.path, h)
        break
    }
  }
  return HttpRouter.post(r, "/_simulator/faucet", faucet(engine))
}

/** Instruction table of the implemented signed routes (`METHOD path` → instruction). */
export const instructions = (engine: Engine): Record<string, string> =>
  Object.fromEntries(
    routes(engine).flatMap((r) => (r.instruction === undefined ? [] : [[`${r.method} ${r.path}`, r.instruction]]))
  )

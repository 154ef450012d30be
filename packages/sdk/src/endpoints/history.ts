/**
 * Endpoint table of the `History` service (`/wapi/v1/history/*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import { DigitsParam, fromBeforeTo, Limit, MarketTypeParam, MillisParam, Offset } from "../internal/historyParams.js"
import * as S from "../internal/schema.js"
import {
  BorrowLendEventType,
  BorrowLendPositionState,
  BorrowLendSide,
  BorrowLendSource,
  FillType,
  InterestPaymentSource,
  OrderStatus,
  PositionState,
  RfqFillType,
  SettlementSourceFilter,
  Side,
  SortDirection
} from "../models/enums.js"
import {
  BorrowLendMovement,
  BorrowLendPositionRow,
  DustConversion,
  InterestPayment,
  Order,
  OrderFill,
  PositionHistoryRow,
  QuoteFillHistorical,
  QuoteHistorical,
  RequestForQuoteFillHistorical,
  RequestForQuoteHistorical,
  Settlement,
  Strategy
} from "../models/history.js"

const page = S.lazy(() => ({
  /** Page size, 1 to 1000 (default 100). */
  limit: Schema.optional(Limit),
  /** Rows to skip (default 0). */
  offset: Schema.optional(Offset),
  /** `Asc` or `Desc`. */
  sortDirection: Schema.optional(SortDirection)
}))

/**
 * Borrow/lend sources filter: one source or several, sent comma-separated (`sources=A,B`) as the
 * API expects. The comma is signed raw (backpack-api.md §12.1).
 */
const SourcesParam = S.lazy((): Schema.Schema<
  string,
  BorrowLendSource | readonly [BorrowLendSource, ...Array<BorrowLendSource>]
> =>
  Schema.transform(
    Schema.Union(BorrowLendSource, Schema.NonEmptyArray(BorrowLendSource)),
    Schema.String,
    {
      strict: false,
      decode: (value) => typeof value === "string" ? value : value.join(","),
      encode: (value) => value
    }
  )
)

// ---------------------------------------------------------------------------------------------
// endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /wapi/v1/history/fills` (`fillHistoryQueryAll`). Includes system fills (liquidations,
 * ADL, collateral conversion) unless `fillType: "User"`. `from`/`to` are epoch ms.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getFills = Endpoint.make({
  operationId: "get_fills",
  name: "History.getFills",
  method: "GET",
  path: "/wapi/v1/history/fills",
  instruction: "fillHistoryQueryAll",
  request: () =>
    Schema.Struct({
      orderId: Schema.optional(S.NonEmpty),
      strategyId: Schema.optional(S.NonEmpty),
      from: Schema.optional(MillisParam),
      to: Schema.optional(MillisParam),
      symbol: Schema.optional(S.MarketSymbol),
      fillType: Schema.optional(FillType),
      marketType: Schema.optional(MarketTypeParam),
      ...page()
    }).pipe(Schema.filter(fromBeforeTo)),
  response: () => Endpoint.json(Schema.Array(OrderFill))
})

/**
 * `GET /wapi/v1/history/orders` (`orderHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getOrderHistory = Endpoint.make({
  operationId: "get_order_history",
  name: "History.getOrderHistory",
  method: "GET",
  path: "/wapi/v1/history/orders",
  instruction: "orderHistoryQueryAll",
  request: () =>
    Schema.Struct({
      orderId: Schema.optional(S.NonEmpty),
      strategyId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.MarketSymbol),
      marketType: Schema.optional(MarketTypeParam),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(Order))
})

/**
 * `GET /wapi/v1/history/position` (`positionHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getPositionHistory = Endpoint.make({
  operationId: "get_position_history",
  name: "History.getPositionHistory",
  method: "GET",
  path: "/wapi/v1/history/position",
  instruction: "positionHistoryQueryAll",
  request: () =>
    Schema.Struct({
      symbol: Schema.optional(S.MarketSymbol),
      state: Schema.optional(PositionState),
      marketType: Schema.optional(MarketTypeParam),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(PositionHistoryRow))
})

/**
 * `GET /wapi/v1/history/settlement` (`settlementHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getSettlementHistory = Endpoint.make({
  operationId: "get_settlement_history",
  name: "History.getSettlementHistory",
  method: "GET",
  path: "/wapi/v1/history/settlement",
  instruction: "settlementHistoryQueryAll",
  request: () =>
    Schema.Struct({
      source: Schema.optional(SettlementSourceFilter),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(Settlement))
})

/**
 * `GET /wapi/v1/history/dust` (`dustHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getDustHistory = Endpoint.make({
  operationId: "get_dust_history",
  name: "History.getDustHistory",
  method: "GET",
  path: "/wapi/v1/history/dust",
  instruction: "dustHistoryQueryAll",
  request: () =>
    Schema.Struct({
      id: Schema.optional(DigitsParam),
      symbol: Schema.optional(S.NonEmpty),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(DustConversion))
})

/**
 * `GET /wapi/v1/history/borrowLend` (`borrowHistoryQueryAll`). `sources` takes one source or an
 * array, sent comma-separated.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getBorrowLendHistory = Endpoint.make({
  operationId: "get_borrow_lend_history",
  name: "History.getBorrowLendHistory",
  method: "GET",
  path: "/wapi/v1/history/borrowLend",
  instruction: "borrowHistoryQueryAll",
  request: () =>
    Schema.Struct({
      type: Schema.optional(BorrowLendEventType),
      sources: Schema.optional(SourcesParam()),
      positionId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.NonEmpty),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(BorrowLendMovement))
})

/**
 * `GET /wapi/v1/history/interest` (`interestHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getInterestHistory = Endpoint.make({
  operationId: "get_interest_history",
  name: "History.getInterestHistory",
  method: "GET",
  path: "/wapi/v1/history/interest",
  instruction: "interestHistoryQueryAll",
  request: () =>
    Schema.Struct({
      asset: Schema.optional(S.AssetSymbol),
      symbol: Schema.optional(S.NonEmpty),
      positionId: Schema.optional(S.NonEmpty),
      source: Schema.optional(InterestPaymentSource),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(InterestPayment))
})

/**
 * `GET /wapi/v1/history/borrowLend/positions` (`borrowPositionHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getBorrowLendPositionHistory = Endpoint.make({
  operationId: "get_borrow_lend_position_history",
  name: "History.getBorrowLendPositionHistory",
  method: "GET",
  path: "/wapi/v1/history/borrowLend/positions",
  instruction: "borrowPositionHistoryQueryAll",
  request: () =>
    Schema.Struct({
      symbol: Schema.optional(S.NonEmpty),
      side: Schema.optional(BorrowLendSide),
      state: Schema.optional(BorrowLendPositionState),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(BorrowLendPositionRow))
})

/**
 * `GET /wapi/v1/history/rfq` (`rfqHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getRfqHistory = Endpoint.make({
  operationId: "get_rfq_history",
  name: "History.getRfqHistory",
  method: "GET",
  path: "/wapi/v1/history/rfq",
  instruction: "rfqHistoryQueryAll",
  request: () =>
    Schema.Struct({
      rfqId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.MarketSymbol),
      status: Schema.optional(OrderStatus),
      side: Schema.optional(Side),
      deferredSettlement: Schema.optional(Schema.Boolean),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(RequestForQuoteHistorical))
})

/**
 * `GET /wapi/v1/history/quote` (`quoteHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getQuoteHistory = Endpoint.make({
  operationId: "get_quote_history",
  name: "History.getQuoteHistory",
  method: "GET",
  path: "/wapi/v1/history/quote",
  instruction: "quoteHistoryQueryAll",
  request: () =>
    Schema.Struct({
      quoteId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.MarketSymbol),
      status: Schema.optional(OrderStatus),
      deferredSettlement: Schema.optional(Schema.Boolean),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(QuoteHistorical))
})

/**
 * `GET /wapi/v1/history/rfq/fill` (`rfqFillHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getRfqFillHistory = Endpoint.make({
  operationId: "get_rfq_fill_history",
  name: "History.getRfqFillHistory",
  method: "GET",
  path: "/wapi/v1/history/rfq/fill",
  instruction: "rfqFillHistoryQueryAll",
  request: () =>
    Schema.Struct({
      quoteId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.MarketSymbol),
      side: Schema.optional(Side),
      fillType: Schema.optional(RfqFillType),
      deferredSettlement: Schema.optional(Schema.Boolean),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(RequestForQuoteFillHistorical))
})

/**
 * `GET /wapi/v1/history/quote/fill` (`quoteFillHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getQuoteFillHistory = Endpoint.make({
  operationId: "get_quote_fill_history",
  name: "History.getQuoteFillHistory",
  method: "GET",
  path: "/wapi/v1/history/quote/fill",
  instruction: "quoteFillHistoryQueryAll",
  request: () =>
    Schema.Struct({
      quoteId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.MarketSymbol),
      side: Schema.optional(Side),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(QuoteFillHistorical))
})

/**
 * `GET /wapi/v1/history/strategies` (`strategyHistoryQueryAll`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getStrategiesHistory = Endpoint.make({
  operationId: "get_strategies_history",
  name: "History.getStrategiesHistory",
  method: "GET",
  path: "/wapi/v1/history/strategies",
  instruction: "strategyHistoryQueryAll",
  request: () =>
    Schema.Struct({
      strategyId: Schema.optional(S.NonEmpty),
      symbol: Schema.optional(S.MarketSymbol),
      marketType: Schema.optional(MarketTypeParam),
      ...page()
    }),
  response: () => Endpoint.json(Schema.Array(Strategy))
})

/**
 * The account's history (`/wapi/v1/history/*`): orders, fills, positions, settlements, dust
 * conversions, borrow/lend movements and positions, interest, RFQs, quotes, their fills and
 * strategies. Every call is signed and paged with `limit` (1–1000, default 100) and `offset`;
 * {@link paginate} walks the pages as a `Stream`.
 *
 * `marketType` filters take one value or an array. Backpack does not document how a repeated
 * query key is signed (backpack-api.md §12.2), so prefer a single value: an array of one is sent as
 * that value, a longer array as repeated keys signed as repeated pairs in order.
 *
 * Funding payments live in `Funding.getFundingPayments`.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { BackpackClient } from "./BackpackClient.js"
import type { BackpackError } from "./BackpackError.js"
import type { Endpoint } from "./Endpoint.js"
import * as endpoints from "./internal/endpoints/history.js"
import type {
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
} from "./models/history.js"

export * from "./models/history.js"

type Input<E> = E extends Endpoint<infer In, any> ? In : never

type Method<E, A> = (params?: Input<E>) => Effect.Effect<ReadonlyArray<A>, BackpackError>

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /**
   * `GET /wapi/v1/history/fills` (`fillHistoryQueryAll`). Includes system fills (liquidations,
   * ADL, collateral conversion) unless `fillType: "User"`. `from`/`to` are epoch ms.
   */
  readonly getFills: Method<typeof endpoints.getFills, OrderFill>
  /** `GET /wapi/v1/history/orders` (`orderHistoryQueryAll`). */
  readonly getOrderHistory: Method<typeof endpoints.getOrderHistory, Order>
  /** `GET /wapi/v1/history/position` (`positionHistoryQueryAll`). */
  readonly getPositionHistory: Method<typeof endpoints.getPositionHistory, PositionHistoryRow>
  /** `GET /wapi/v1/history/settlement` (`settlementHistoryQueryAll`). */
  readonly getSettlementHistory: Method<typeof endpoints.getSettlementHistory, Settlement>
  /** `GET /wapi/v1/history/dust` (`dustHistoryQueryAll`). */
  readonly getDustHistory: Method<typeof endpoints.getDustHistory, DustConversion>
  /**
   * `GET /wapi/v1/history/borrowLend` (`borrowHistoryQueryAll`). `sources` takes one source or an
   * array, sent comma-separated.
   */
  readonly getBorrowLendHistory: Method<typeof endpoints.getBorrowLendHistory, BorrowLendMovement>
  /** `GET /wapi/v1/history/interest` (`interestHistoryQueryAll`). */
  readonly getInterestHistory: Method<typeof endpoints.getInterestHistory, InterestPayment>
  /** `GET /wapi/v1/history/borrowLend/positions` (`borrowPositionHistoryQueryAll`). */
  readonly getBorrowLendPositionHistory: Method<typeof endpoints.getBorrowLendPositionHistory, BorrowLendPositionRow>
  /** `GET /wapi/v1/history/rfq` (`rfqHistoryQueryAll`). */
  readonly getRfqHistory: Method<typeof endpoints.getRfqHistory, RequestForQuoteHistorical>
  /** `GET /wapi/v1/history/quote` (`quoteHistoryQueryAll`). */
  readonly getQuoteHistory: Method<typeof endpoints.getQuoteHistory, QuoteHistorical>
  /** `GET /wapi/v1/history/rfq/fill` (`rfqFillHistoryQueryAll`). */
  readonly getRfqFillHistory: Method<typeof endpoints.getRfqFillHistory, RequestForQuoteFillHistorical>
  /** `GET /wapi/v1/history/quote/fill` (`quoteFillHistoryQueryAll`). */
  readonly getQuoteFillHistory: Method<typeof endpoints.getQuoteFillHistory, QuoteFillHistorical>
  /** `GET /wapi/v1/history/strategies` (`strategyHistoryQueryAll`). */
  readonly getStrategiesHistory: Method<typeof endpoints.getStrategiesHistory, Strategy>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class History extends Context.Tag("@effect-backpack/sdk/History")<History, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = Effect.map(BackpackClient, (client) => ({
  getFills: (params) => client.execute(endpoints.getFills, params ?? {}),
  getOrderHistory: (params) => client.execute(endpoints.getOrderHistory, params ?? {}),
  getPositionHistory: (params) => client.execute(endpoints.getPositionHistory, params ?? {}),
  getSettlementHistory: (params) => client.execute(endpoints.getSettlementHistory, params ?? {}),
  getDustHistory: (params) => client.execute(endpoints.getDustHistory, params ?? {}),
  getBorrowLendHistory: (params) => client.execute(endpoints.getBorrowLendHistory, params ?? {}),
  getInterestHistory: (params) => client.execute(endpoints.getInterestHistory, params ?? {}),
  getBorrowLendPositionHistory: (params) => client.execute(endpoints.getBorrowLendPositionHistory, params ?? {}),
  getRfqHistory: (params) => client.execute(endpoints.getRfqHistory, params ?? {}),
  getQuoteHistory: (params) => client.execute(endpoints.getQuoteHistory, params ?? {}),
  getRfqFillHistory: (params) => client.execute(endpoints.getRfqFillHistory, params ?? {}),
  getQuoteFillHistory: (params) => client.execute(endpoints.getQuoteFillHistory, params ?? {}),
  getStrategiesHistory: (params) => client.execute(endpoints.getStrategiesHistory, params ?? {})
}))

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<History, never, BackpackClient> = Layer.effect(History, make)

/**
 * Walks every page of a paged method as a `Stream` of rows, in the order the exchange returns
 * them. Requests `limit: pageSize` from `params.offset` (default 0) and moves the offset by the
 * number of rows received; stops after the first page shorter than `pageSize`. Pages are fetched
 * one at a time, as the stream is pulled. A `pageSize` outside 1–1000 fails the stream with a
 * `ValidationError` before anything is sent.
 *
 * @example
 * ```ts
 * import { History } from "@effect-backpack/sdk"
 * import { Effect, Stream } from "effect"
 *
 * const allFills = Effect.gen(function*() {
 *   const history = yield* History.History
 *   return yield* Stream.runCollect(History.paginate(history.getFills, { symbol: "SOL_USDC" }, 500))
 * })
 * ```
 *
 * @since 0.1.0
 * @category pagination
 */
export const paginate = <
  F extends (
    params: { readonly limit?: number; readonly offset?: number }
  ) => Effect.Effect<ReadonlyArray<any>, any, any>
>(
  method: F,
  params: Omit<NonNullable<Parameters<F>[0]>, "limit">,
  pageSize: number = 1000
): Stream.Stream<
  Effect.Effect.Success<ReturnType<F>> extends ReadonlyArray<infer A> ? A : never,
  Effect.Effect.Error<ReturnType<F>>,
  Effect.Effect.Context<ReturnType<F>>
> =>
  Stream.paginateChunkEffect(
    (params as { readonly offset?: number }).offset ?? 0,
    (offset) =>
      Effect.map(
        method({ ...params, limit: pageSize, offset }) as Effect.Effect<ReadonlyArray<unknown>, unknown, unknown>,
        (rows) =>
          [
            Chunk.fromIterable(rows),
            rows.length < pageSize ? Option.none<number>() : Option.some(offset + rows.length)
          ] as const
      )
  ) as any

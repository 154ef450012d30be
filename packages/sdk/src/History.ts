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
import type { BackpackClient } from "./BackpackClient.js"
import type * as Endpoint from "./Endpoint.js"
import * as endpoints from "./endpoints/history.js"
import * as service from "./internal/service.js"

export * from "./models/history.js"

/**
 * Parameters of `History.getFills` (`GET /wapi/v1/history/fills`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetFillsParams = Endpoint.Params<typeof endpoints.getFills>

/**
 * Parameters of `History.getOrderHistory` (`GET /wapi/v1/history/orders`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetOrderHistoryParams = Endpoint.Params<typeof endpoints.getOrderHistory>

/**
 * Parameters of `History.getPositionHistory` (`GET /wapi/v1/history/position`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetPositionHistoryParams = Endpoint.Params<typeof endpoints.getPositionHistory>

/**
 * Parameters of `History.getSettlementHistory` (`GET /wapi/v1/history/settlement`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetSettlementHistoryParams = Endpoint.Params<typeof endpoints.getSettlementHistory>

/**
 * Parameters of `History.getDustHistory` (`GET /wapi/v1/history/dust`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetDustHistoryParams = Endpoint.Params<typeof endpoints.getDustHistory>

/**
 * Parameters of `History.getBorrowLendHistory` (`GET /wapi/v1/history/borrowLend`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetBorrowLendHistoryParams = Endpoint.Params<typeof endpoints.getBorrowLendHistory>

/**
 * Parameters of `History.getInterestHistory` (`GET /wapi/v1/history/interest`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetInterestHistoryParams = Endpoint.Params<typeof endpoints.getInterestHistory>

/**
 * Parameters of `History.getBorrowLendPositionHistory` (`GET /wapi/v1/history/borrowLend/positions`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetBorrowLendPositionHistoryParams = Endpoint.Params<typeof endpoints.getBorrowLendPositionHistory>

/**
 * Parameters of `History.getRfqHistory` (`GET /wapi/v1/history/rfq`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetRfqHistoryParams = Endpoint.Params<typeof endpoints.getRfqHistory>

/**
 * Parameters of `History.getQuoteHistory` (`GET /wapi/v1/history/quote`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetQuoteHistoryParams = Endpoint.Params<typeof endpoints.getQuoteHistory>

/**
 * Parameters of `History.getRfqFillHistory` (`GET /wapi/v1/history/rfq/fill`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetRfqFillHistoryParams = Endpoint.Params<typeof endpoints.getRfqFillHistory>

/**
 * Parameters of `History.getQuoteFillHistory` (`GET /wapi/v1/history/quote/fill`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetQuoteFillHistoryParams = Endpoint.Params<typeof endpoints.getQuoteFillHistory>

/**
 * Parameters of `History.getStrategiesHistory` (`GET /wapi/v1/history/strategies`).
 *
 * @since 0.2.0
 * @category params
 */
export type GetStrategiesHistoryParams = Endpoint.Params<typeof endpoints.getStrategiesHistory>

/**
 * The methods of `History`, one per endpoint of `Endpoints.History` (each documented there).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service extends Endpoint.Methods<typeof endpoints> {}

/**
 * @since 0.1.0
 * @category tags
 */
export class History extends Context.Tag("@effect-backpack/sdk/History")<History, Service>() {}

/**
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, BackpackClient> = service.make(endpoints)

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<History, never, BackpackClient> = Layer.effect(History, make)

/**
 * Every method of `History` as a function that takes the service from the context
 * (`History.getFills(params)` is `Effect.flatMap(History.History, (s) => s.getFills(params))`).
 *
 * @since 0.2.0
 * @category accessors
 */
export const {
  getFills,
  getOrderHistory,
  getPositionHistory,
  getSettlementHistory,
  getDustHistory,
  getBorrowLendHistory,
  getInterestHistory,
  getBorrowLendPositionHistory,
  getRfqHistory,
  getQuoteHistory,
  getRfqFillHistory,
  getQuoteFillHistory,
  getStrategiesHistory
} = Effect.serviceFunctions(History)

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
 * import { Stream } from "effect"
 *
 * const allFills = Stream.runCollect(History.paginate(History.getFills, { symbol: "SOL_USDC" }, 500))
 * ```
 *
 * @since 0.1.0
 * @category pagination
 */
export const paginate = <
  P extends { readonly limit?: number | undefined; readonly offset?: number | undefined } | undefined,
  A,
  E,
  R
>(
  method: (params: P) => Effect.Effect<ReadonlyArray<A>, E, R>,
  params: Omit<NonNullable<P>, "limit">,
  pageSize: number = 1000
): Stream.Stream<A, E, R> =>
  Stream.paginateChunkEffect(
    params.offset ?? 0,
    (offset) =>
      Effect.map(
        method({ ...params, limit: pageSize, offset } as NonNullable<P>),
        (rows) =>
          [
            Chunk.fromIterable(rows),
            rows.length < pageSize ? Option.none<number>() : Option.some(offset + rows.length)
          ] as const
      )
  )

/**
 * Endpoint table of the `Strategies` service.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import { exactlyOneOf } from "../internal/historyParams.js"
import * as S from "../internal/schema.js"
import {
  MarketType,
  SelfTradePrevention,
  Side,
  SlippageToleranceType,
  StrategyType,
  TimeInForce
} from "../models/enums.js"
import { CancelAccepted } from "../models/orders.js"
import { ScheduledStrategy } from "../models/strategies.js"

/**
 * A 200 body decodes with `schema`; an empty 202 (the cancel is queued, not executed yet) becomes
 * the same `CancelAccepted` the order cancels answer.
 */
const orAccepted = <A, I>(schema: Schema.Schema<A, I>) =>
  Endpoint.json<A | CancelAccepted, I>(
    schema as Schema.Schema<A | CancelAccepted, I>,
    (status) => new CancelAccepted({ status })
  )

/**
 * `GET /api/v1/strategy` (`strategyQuery`): a live strategy by exactly one of `strategyId` /
 * `clientStrategyId`. Fails with `ApiError` 404 when it is no longer running.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getStrategy = Endpoint.make({
  operationId: "get_strategy",
  name: "Strategies.getStrategy",
  method: "GET",
  path: "/api/v1/strategy",
  instruction: "strategyQuery",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      strategyId: Schema.optional(S.NonEmpty),
      clientStrategyId: Schema.optional(S.Uint32)
    }).pipe(Schema.filter(exactlyOneOf("strategyId", "clientStrategyId"))),
  response: () => Endpoint.json(ScheduledStrategy)
})

/**
 * `POST /api/v1/strategy` (`strategyCreate`): starts a strategy (`strategyType: "Scheduled"`;
 * `duration` and `interval` in ms). Never retried.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const createStrategy = Endpoint.make({
  operationId: "strategy_create",
  sendsBrokerId: true,
  name: "Strategies.createStrategy",
  method: "POST",
  path: "/api/v1/strategy",
  instruction: "strategyCreate",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      side: Side,
      strategyType: StrategyType,
      quantity: Schema.optional(S.PositiveDecimalParam),
      price: Schema.optional(S.PositiveDecimalParam),
      postOnly: Schema.optional(Schema.Boolean),
      reduceOnly: Schema.optional(Schema.Boolean),
      selfTradePrevention: Schema.optional(SelfTradePrevention),
      timeInForce: Schema.optional(TimeInForce),
      /** Total duration in milliseconds. */
      duration: Schema.optional(S.Uint64),
      /** Interval between child orders in milliseconds. */
      interval: Schema.optional(S.Uint64),
      randomizedIntervalQuantity: Schema.optional(Schema.Boolean),
      clientStrategyId: Schema.optional(S.Uint32),
      brokerId: Schema.optional(S.Uint16),
      autoLend: Schema.optional(Schema.Boolean),
      autoLendRedeem: Schema.optional(Schema.Boolean),
      autoBorrow: Schema.optional(Schema.Boolean),
      autoBorrowRepay: Schema.optional(Schema.Boolean),
      slippageTolerance: Schema.optional(S.PositiveDecimalParam),
      slippageToleranceType: Schema.optional(SlippageToleranceType)
    }).pipe(
      Schema.filter((params) =>
        params.duration !== undefined && params.interval !== undefined && params.interval > params.duration
          ? { path: ["interval"], message: `\`interval\` (${params.interval} ms) is longer than \`duration\`` }
          : true
      ),
      Schema.filter((params) =>
        params.slippageTolerance !== undefined && params.slippageToleranceType === undefined
          ? { path: ["slippageToleranceType"], message: "`slippageTolerance` needs a `slippageToleranceType`" }
          : params.slippageTolerance === undefined && params.slippageToleranceType !== undefined
          ? { path: ["slippageTolerance"], message: "`slippageToleranceType` needs a `slippageTolerance`" }
          : true
      )
    ),
  response: () => Endpoint.json(ScheduledStrategy)
})

/**
 * `DELETE /api/v1/strategy` (`strategyCancel`): cancels by exactly one of `strategyId` /
 * `clientStrategyId`; the cancelled strategy, or `CancelAccepted` on 202.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const cancelStrategy = Endpoint.make({
  operationId: "cancel_strategy",
  name: "Strategies.cancelStrategy",
  method: "DELETE",
  path: "/api/v1/strategy",
  instruction: "strategyCancel",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      strategyId: Schema.optional(S.NonEmpty),
      clientStrategyId: Schema.optional(S.Uint32)
    }).pipe(Schema.filter(exactlyOneOf("strategyId", "clientStrategyId"))),
  response: () => orAccepted(ScheduledStrategy)
})

/**
 * `GET /api/v1/strategies` (`strategyQueryAll`): the running strategies.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getOpenStrategies = Endpoint.make({
  operationId: "get_open_strategies",
  name: "Strategies.getOpenStrategies",
  method: "GET",
  path: "/api/v1/strategies",
  instruction: "strategyQueryAll",
  request: () =>
    Schema.Struct({
      marketType: Schema.optional(MarketType),
      strategyType: Schema.optional(StrategyType),
      symbol: Schema.optional(S.MarketSymbol)
    }),
  response: () => Endpoint.json(Schema.Array(ScheduledStrategy))
})

/**
 * `DELETE /api/v1/strategies` (`strategyCancelAll`): cancels every strategy of a market; the
 * cancelled strategies, or `CancelAccepted` on 202.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const cancelOpenStrategies = Endpoint.make({
  operationId: "cancel_open_strategies",
  name: "Strategies.cancelOpenStrategies",
  method: "DELETE",
  path: "/api/v1/strategies",
  instruction: "strategyCancelAll",
  request: () =>
    Schema.Struct({
      symbol: S.MarketSymbol,
      strategyType: Schema.optional(StrategyType)
    }),
  response: () => orAccepted(Schema.Array(ScheduledStrategy))
})

/**
 * Endpoints of the borrow / lend service (`BorrowLend`).
 *
 * @since 0.1.0
 */
import * as Encoding from "effect/Encoding"
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import {
  ApyRates,
  BorrowLendMarket,
  BorrowLendMarketHistory,
  BorrowLendPositionWithMargin,
  PositionEstimatedLiquidationPrice
} from "../models/borrowLend.js"
import { BorrowLendMarketHistoryInterval, BorrowLendSide } from "../models/enums.js"

/** `BorrowLendExecutePayload`: borrow, repay, lend or redeem `quantity` of an asset. */
const BorrowLendExecutePayload = S.lazy(() =>
  Schema.Struct({
    symbol: S.AssetSymbol,
    side: BorrowLendSide,
    quantity: S.PositiveDecimalParam
  })
)

/** The payload as the `borrow` query value: standard base64 of its JSON text. */
const BorrowQuery = S.lazy(() =>
  Schema.transform(BorrowLendExecutePayload(), Schema.String, {
    strict: false,
    decode: (payload) =>
      Encoding.encodeBase64(JSON.stringify({ symbol: payload.symbol, side: payload.side, quantity: payload.quantity })),
    encode: (text) => {
      const decoded = Encoding.decodeBase64String(text)
      return decoded._tag === "Right" ? JSON.parse(decoded.right) : {}
    }
  })
)

/**
 * `GET /api/v1/borrowLend/markets`: every lending market (public).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getBorrowLendMarkets = Endpoint.make({
  operationId: "get_borrow_lend_markets",
  name: "BorrowLend.getBorrowLendMarkets",
  method: "GET",
  path: "/api/v1/borrowLend/markets",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(BorrowLendMarket))
})

/**
 * `GET /api/v1/borrowLend/markets/history`: rates and utilisation over time (public).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getBorrowLendMarketsHistory = Endpoint.make({
  operationId: "get_borrow_lend_markets_history",
  name: "BorrowLend.getBorrowLendMarketsHistory",
  method: "GET",
  path: "/api/v1/borrowLend/markets/history",
  request: () => Schema.Struct({ interval: BorrowLendMarketHistoryInterval, symbol: Schema.optional(S.AssetSymbol) }),
  response: () => Endpoint.json(Schema.Array(BorrowLendMarketHistory))
})

/**
 * `GET /api/v1/borrowLend/apy`: borrow, lend and staking APYs (public).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getApyRates = Endpoint.make({
  operationId: "get_apy_rates",
  name: "BorrowLend.getApyRates",
  method: "GET",
  path: "/api/v1/borrowLend/apy",
  request: () => Schema.Struct({ tierId: Schema.optional(S.Int32) }),
  response: () => Endpoint.json(ApyRates)
})

/**
 * `GET /api/v1/borrowLend/positions`: the account's open positions (signed `borrowLendPositionQuery`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getBorrowLendPositions = Endpoint.make({
  operationId: "get_borrow_lend_positions",
  name: "BorrowLend.getBorrowLendPositions",
  method: "GET",
  path: "/api/v1/borrowLend/positions",
  instruction: "borrowLendPositionQuery",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(BorrowLendPositionWithMargin))
})

/**
 * `GET /api/v1/borrowLend/position/liquidationPrice`: estimated liquidation price if the given
 * borrow were executed.
 *
 * Sent unsigned: the spec declares neither a security scheme nor an instruction for it
 * (backpack-api.md §12.13). It lists a 401 answer, and other clients report that the live API
 * answers 401 to API-key callers whatever the instruction, so expect an `AuthenticationError`
 * until Backpack documents its authentication.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getEstimatedLiquidationPrice = Endpoint.make({
  operationId: "get_borrow_lend_estimated_liquidation_price",
  name: "BorrowLend.getEstimatedLiquidationPrice",
  method: "GET",
  path: "/api/v1/borrowLend/position/liquidationPrice",
  request: () => Schema.Struct({ subaccountId: Schema.optional(S.Uint16), borrow: BorrowQuery() }),
  response: () => Endpoint.json(PositionEstimatedLiquidationPrice)
})

/**
 * `POST /api/v1/borrowLend`: borrows (`side: "Borrow"`) or lends (`side: "Lend"`) `quantity` of
 * an asset; the exchange serves repayments and redemptions through the same call (signed
 * `borrowLendExecute`; empty answer). Never retried; an uncertain outcome fails with
 * `OutcomeUnknown`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const executeBorrowLend = Endpoint.make({
  operationId: "execute_borrow_lend",
  name: "BorrowLend.executeBorrowLend",
  method: "POST",
  path: "/api/v1/borrowLend",
  instruction: "borrowLendExecute",
  request: BorrowLendExecutePayload,
  response: Endpoint.empty
})

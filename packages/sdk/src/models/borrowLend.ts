/**
 * Models of the borrow / lend endpoints: lending markets and their history, APY rates, the
 * account's borrow-lend positions and the estimated liquidation price of a prospective borrow.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"
import { BorrowLendBookState } from "./enums.js"
import { MarginFunction } from "./markets.js"

/**
 * A borrow-lend market (`GET /api/v1/borrowLend/markets`).
 *
 * @since 0.1.0
 * @category models
 */
export class BorrowLendMarket extends Schema.Class<BorrowLendMarket>("BorrowLendMarket")({
  /** Asset symbol, e.g. `USDC`. */
  symbol: Schema.String,
  /** `Open`, `Closed`, `RepayOnly` (open). */
  state: BorrowLendBookState.open,
  /** Mark price of the asset. */
  assetMarkPrice: S.Decimal,
  /** Interest rate borrowers pay, as a yearly fraction. */
  borrowInterestRate: S.Decimal,
  /** Quantity borrowed from the pool. */
  borrowedQuantity: S.Decimal,
  /** Share of the yield the exchange keeps, as a fraction. */
  fee: S.Decimal,
  /** APY lenders receive, as a fraction. */
  lendInterestRate: S.Decimal,
  /** Quantity lent to the pool. */
  lentQuantity: S.Decimal,
  /** Utilisation cap for borrows and lend redemptions, as a fraction. */
  maxUtilization: S.Decimal,
  /** Above this total no new borrow or lend is accepted. */
  openBorrowLendLimit: S.Decimal,
  /** Optimal utilisation of the interest-rate model, as a fraction. */
  optimalUtilization: S.Decimal,
  /** Time of the summary (RFC 3339 on the wire, UTC). */
  timestamp: S.NaiveDateTime,
  /** Utilisation that triggers borrow throttling, as a fraction. */
  throttleUtilizationThreshold: S.Decimal,
  /** Highest utilisation reachable in one time step, as a fraction. */
  throttleUtilizationBound: S.Decimal,
  /** How much utilisation may grow per time step. */
  throttleUpdateFraction: S.Decimal,
  /** Current utilisation, as a fraction. */
  utilization: S.Decimal,
  /** Quantity increment of borrows and lends. */
  stepSize: S.Decimal
}) {}

/**
 * One point of a borrow-lend market's history (`GET /api/v1/borrowLend/markets/history`).
 *
 * @since 0.1.0
 * @category models
 */
export class BorrowLendMarketHistory extends Schema.Class<BorrowLendMarketHistory>("BorrowLendMarketHistory")({
  /** Interest rate borrowers paid, as a yearly fraction. */
  borrowInterestRate: S.Decimal,
  /** Quantity borrowed from the pool. */
  borrowedQuantity: S.Decimal,
  /** APY lenders received, as a fraction. */
  lendInterestRate: S.Decimal,
  /** Quantity lent to the pool. */
  lentQuantity: S.Decimal,
  /** Time of the point (RFC 3339 on the wire, UTC). */
  timestamp: S.NaiveDateTime,
  /** Utilisation, as a fraction. */
  utilization: S.Decimal
}) {}

/**
 * Borrow and lend rates of an asset.
 *
 * @since 0.1.0
 * @category models
 */
export class BorrowLendApyRate extends Schema.Class<BorrowLendApyRate>("BorrowLendApyRate")({
  /** Asset symbol. */
  symbol: Schema.String,
  /** Borrow APY, as a fraction. */
  borrowRate: S.Decimal,
  /** Lend APY, as a fraction. */
  lendRate: S.Decimal
}) {}

/**
 * Staking rate of an asset.
 *
 * @since 0.1.0
 * @category models
 */
export class StakingApyRate extends Schema.Class<StakingApyRate>("StakingApyRate")({
  /** Asset symbol. */
  symbol: Schema.String,
  /** Dilution factor. */
  dilutionFactor: S.Decimal,
  /** Staking APY, as a fraction. */
  stakingRate: S.Decimal
}) {}

/**
 * APY rates (`GET /api/v1/borrowLend/apy`).
 *
 * @since 0.1.0
 * @category models
 */
export class ApyRates extends Schema.Class<ApyRates>("ApyRates")({
  /** Borrow and lend rates per asset. */
  borrowLend: Schema.Array(BorrowLendApyRate),
  /** Staking rates per asset. */
  staking: Schema.Array(StakingApyRate)
}) {}

/**
 * An open borrow-lend position with its margin (`GET /api/v1/borrowLend/positions`).
 *
 * @since 0.1.0
 * @category models
 */
export class BorrowLendPositionWithMargin
  extends Schema.Class<BorrowLendPositionWithMargin>("BorrowLendPositionWithMargin")({
    /** Position id (exact string). */
    id: S.Id,
    /** Asset symbol. */
    symbol: Schema.String,
    /** Net quantity: positive for a lend, negative for a borrow. */
    netQuantity: S.Decimal,
    /** Net exposure: positive if long, negative if short (lends have none). */
    netExposureQuantity: S.Decimal,
    /** Notional value of the position. */
    netExposureNotional: S.Decimal,
    /** Cumulative interest quantity. */
    cumulativeInterest: S.Decimal,
    /** Mark price of the asset. */
    markPrice: S.Decimal,
    /** Estimated liquidation price. */
    estLiquidationPrice: S.Decimal,
    /** Initial margin fraction. */
    imf: S.Decimal,
    /** Initial margin function. */
    imfFunction: MarginFunction,
    /** Maintenance margin fraction. */
    mmf: S.Decimal,
    /** Maintenance margin function. */
    mmfFunction: MarginFunction
  })
{}

/**
 * Estimated liquidation price of a prospective borrow
 * (`GET /api/v1/borrowLend/position/liquidationPrice`).
 *
 * @since 0.1.0
 * @category models
 */
export class PositionEstimatedLiquidationPrice
  extends Schema.Class<PositionEstimatedLiquidationPrice>("PositionEstimatedLiquidationPrice")({
    /** Estimated liquidation price. */
    liquidationPrice: S.Decimal,
    /** Current mark price. */
    markPrice: S.Decimal
  })
{}

/**
 * The parameter types of every operation, exported under readable names from the service modules
 * (`Orders.ExecuteOrderParams`, `Markets.GetDepthParams`, …), and the enumerations of `Model`.
 * Mostly type-level: this file fails to compile when a name is missing or its type drifts from the
 * method it belongs to.
 */
import type {
  Account,
  Assets,
  BorrowLend,
  Funding,
  Positions,
  Rfq,
  Strategies,
  Trades,
  Vaults
} from "@effect-backpack/sdk"
import { Capital, History, Markets, Model, Orders } from "@effect-backpack/sdk"
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import { BigDecimal, Either, Schema } from "effect"

/** The argument of a method, without the `undefined` of an optional one. */
type ParamsOf<F extends (...args: any) => any> = NonNullable<Parameters<F>[0]>

describe("params types", () => {
  it("every operation with parameters has a named params type equal to its method's argument", () => {
    expectTypeOf<Account.UpdateAccountSettingsParams>().toEqualTypeOf<
      ParamsOf<Account.Service["updateAccountSettings"]>
    >()
    expectTypeOf<Account.GetMaxBorrowQuantityParams>().toEqualTypeOf<
      ParamsOf<Account.Service["getMaxBorrowQuantity"]>
    >()
    expectTypeOf<Account.GetMaxOrderQuantityParams>().toEqualTypeOf<ParamsOf<Account.Service["getMaxOrderQuantity"]>>()
    expectTypeOf<Account.GetMaxWithdrawalQuantityParams>().toEqualTypeOf<
      ParamsOf<Account.Service["getMaxWithdrawalQuantity"]>
    >()
    expectTypeOf<Assets.GetAssetsParams>().toEqualTypeOf<ParamsOf<Assets.Service["getAssets"]>>()
    expectTypeOf<BorrowLend.GetBorrowLendMarketsHistoryParams>().toEqualTypeOf<
      ParamsOf<BorrowLend.Service["getBorrowLendMarketsHistory"]>
    >()
    expectTypeOf<BorrowLend.GetApyRatesParams>().toEqualTypeOf<ParamsOf<BorrowLend.Service["getApyRates"]>>()
    expectTypeOf<BorrowLend.GetEstimatedLiquidationPriceParams>().toEqualTypeOf<
      ParamsOf<BorrowLend.Service["getEstimatedLiquidationPrice"]>
    >()
    expectTypeOf<BorrowLend.ExecuteBorrowLendParams>().toEqualTypeOf<
      ParamsOf<BorrowLend.Service["executeBorrowLend"]>
    >()
    expectTypeOf<Capital.GetCollateralParams>().toEqualTypeOf<ParamsOf<Capital.Service["getCollateral"]>>()
    expectTypeOf<Capital.GetDepositsParams>().toEqualTypeOf<ParamsOf<Capital.Service["getDeposits"]>>()
    expectTypeOf<Capital.GetDepositAddressParams>().toEqualTypeOf<ParamsOf<Capital.Service["getDepositAddress"]>>()
    expectTypeOf<Capital.GetWithdrawalsParams>().toEqualTypeOf<ParamsOf<Capital.Service["getWithdrawals"]>>()
    expectTypeOf<Capital.RequestWithdrawalParams>().toEqualTypeOf<ParamsOf<Capital.Service["requestWithdrawal"]>>()
    expectTypeOf<Capital.ConvertDustParams>().toEqualTypeOf<ParamsOf<Capital.Service["convertDust"]>>()
    expectTypeOf<Capital.CreateWithdrawalDelayParams>().toEqualTypeOf<
      ParamsOf<Capital.Service["createWithdrawalDelay"]>
    >()
    expectTypeOf<Capital.UpdateWithdrawalDelayParams>().toEqualTypeOf<
      ParamsOf<Capital.Service["updateWithdrawalDelay"]>
    >()
    expectTypeOf<Funding.GetFundingRatesParams>().toEqualTypeOf<ParamsOf<Funding.Service["getFundingRates"]>>()
    expectTypeOf<Funding.GetFundingPaymentsParams>().toEqualTypeOf<ParamsOf<Funding.Service["getFundingPayments"]>>()
    expectTypeOf<History.GetFillsParams>().toEqualTypeOf<ParamsOf<History.Service["getFills"]>>()
    expectTypeOf<History.GetOrderHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getOrderHistory"]>>()
    expectTypeOf<History.GetPositionHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getPositionHistory"]>>()
    expectTypeOf<History.GetSettlementHistoryParams>().toEqualTypeOf<
      ParamsOf<History.Service["getSettlementHistory"]>
    >()
    expectTypeOf<History.GetDustHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getDustHistory"]>>()
    expectTypeOf<History.GetBorrowLendHistoryParams>().toEqualTypeOf<
      ParamsOf<History.Service["getBorrowLendHistory"]>
    >()
    expectTypeOf<History.GetInterestHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getInterestHistory"]>>()
    expectTypeOf<History.GetBorrowLendPositionHistoryParams>().toEqualTypeOf<
      ParamsOf<History.Service["getBorrowLendPositionHistory"]>
    >()
    expectTypeOf<History.GetRfqHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getRfqHistory"]>>()
    expectTypeOf<History.GetQuoteHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getQuoteHistory"]>>()
    expectTypeOf<History.GetRfqFillHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getRfqFillHistory"]>>()
    expectTypeOf<History.GetQuoteFillHistoryParams>().toEqualTypeOf<ParamsOf<History.Service["getQuoteFillHistory"]>>()
    expectTypeOf<History.GetStrategiesHistoryParams>().toEqualTypeOf<
      ParamsOf<History.Service["getStrategiesHistory"]>
    >()
    expectTypeOf<Markets.GetMarketsParams>().toEqualTypeOf<ParamsOf<Markets.Service["getMarkets"]>>()
    expectTypeOf<Markets.GetMarketParams>().toEqualTypeOf<ParamsOf<Markets.Service["getMarket"]>>()
    expectTypeOf<Markets.GetTickerParams>().toEqualTypeOf<ParamsOf<Markets.Service["getTicker"]>>()
    expectTypeOf<Markets.GetTickersParams>().toEqualTypeOf<ParamsOf<Markets.Service["getTickers"]>>()
    expectTypeOf<Markets.GetDepthParams>().toEqualTypeOf<ParamsOf<Markets.Service["getDepth"]>>()
    expectTypeOf<Markets.GetKlinesParams>().toEqualTypeOf<ParamsOf<Markets.Service["getKlines"]>>()
    expectTypeOf<Markets.GetMarkPricesParams>().toEqualTypeOf<ParamsOf<Markets.Service["getMarkPrices"]>>()
    expectTypeOf<Markets.GetOpenInterestParams>().toEqualTypeOf<ParamsOf<Markets.Service["getOpenInterest"]>>()
    expectTypeOf<Markets.GetPredictionEventsParams>().toEqualTypeOf<ParamsOf<Markets.Service["getPredictionEvents"]>>()
    expectTypeOf<Orders.GetOrderParams>().toEqualTypeOf<ParamsOf<Orders.Service["getOrder"]>>()
    expectTypeOf<Orders.ExecuteOrderParams>().toEqualTypeOf<ParamsOf<Orders.Service["executeOrder"]>>()
    expectTypeOf<Orders.CancelOrderParams>().toEqualTypeOf<ParamsOf<Orders.Service["cancelOrder"]>>()
    expectTypeOf<Orders.ExecuteOrdersParams>().toEqualTypeOf<ParamsOf<Orders.Service["executeOrders"]>>()
    expectTypeOf<Orders.GetOpenOrdersParams>().toEqualTypeOf<ParamsOf<Orders.Service["getOpenOrders"]>>()
    expectTypeOf<Orders.CancelOpenOrdersParams>().toEqualTypeOf<ParamsOf<Orders.Service["cancelOpenOrders"]>>()
    expectTypeOf<Positions.GetPositionsParams>().toEqualTypeOf<ParamsOf<Positions.Service["getPositions"]>>()
    expectTypeOf<Rfq.SubmitRfqParams>().toEqualTypeOf<ParamsOf<Rfq.Service["submitRfq"]>>()
    expectTypeOf<Rfq.SubmitQuoteParams>().toEqualTypeOf<ParamsOf<Rfq.Service["submitQuote"]>>()
    expectTypeOf<Rfq.AcceptQuoteParams>().toEqualTypeOf<ParamsOf<Rfq.Service["acceptQuote"]>>()
    expectTypeOf<Rfq.RefreshRfqParams>().toEqualTypeOf<ParamsOf<Rfq.Service["refreshRfq"]>>()
    expectTypeOf<Rfq.CancelRfqParams>().toEqualTypeOf<ParamsOf<Rfq.Service["cancelRfq"]>>()
    expectTypeOf<Rfq.GetOpenRfqsParams>().toEqualTypeOf<ParamsOf<Rfq.Service["getOpenRfqs"]>>()
    expectTypeOf<Strategies.GetStrategyParams>().toEqualTypeOf<ParamsOf<Strategies.Service["getStrategy"]>>()
    expectTypeOf<Strategies.CreateStrategyParams>().toEqualTypeOf<ParamsOf<Strategies.Service["createStrategy"]>>()
    expectTypeOf<Strategies.CancelStrategyParams>().toEqualTypeOf<ParamsOf<Strategies.Service["cancelStrategy"]>>()
    expectTypeOf<Strategies.GetOpenStrategiesParams>().toEqualTypeOf<
      ParamsOf<Strategies.Service["getOpenStrategies"]>
    >()
    expectTypeOf<Strategies.CancelOpenStrategiesParams>().toEqualTypeOf<
      ParamsOf<Strategies.Service["cancelOpenStrategies"]>
    >()
    expectTypeOf<Trades.GetRecentTradesParams>().toEqualTypeOf<ParamsOf<Trades.Service["getRecentTrades"]>>()
    expectTypeOf<Trades.GetHistoricalTradesParams>().toEqualTypeOf<ParamsOf<Trades.Service["getHistoricalTrades"]>>()
    expectTypeOf<Vaults.GetVaultHistoryParams>().toEqualTypeOf<ParamsOf<Vaults.Service["getVaultHistory"]>>()
    expectTypeOf<Vaults.MintVaultParams>().toEqualTypeOf<ParamsOf<Vaults.Service["mintVault"]>>()
    expectTypeOf<Vaults.RedeemVaultParams>().toEqualTypeOf<ParamsOf<Vaults.Service["redeemVault"]>>()
    expectTypeOf<Vaults.CancelVaultRedeemParams>().toEqualTypeOf<ParamsOf<Vaults.Service["cancelVaultRedeem"]>>()
    expectTypeOf<Vaults.GetVaultPendingRedeemsParams>().toEqualTypeOf<
      ParamsOf<Vaults.Service["getVaultPendingRedeems"]>
    >() // 66 named types + 15 operations without parameters = 81
    expect(true).toBe(true)
  })

  it("keeps the existing names and reads as the API's own fields", () => {
    expectTypeOf<Orders.ExecuteOrderParams>().toEqualTypeOf<Orders.OrderExecuteParams>()
    expectTypeOf<Orders.ExecuteOrdersParams>().toEqualTypeOf<ReadonlyArray<Orders.OrderExecuteParams>>()
    const order: Orders.ExecuteOrderParams = {
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      quantity: "1.0",
      price: BigDecimal.make(2050n, 2)
    }
    const depth: Markets.GetDepthParams = { symbol: "SOL_USDC", limit: "10" }
    // @ts-expect-error limit is one of the spec's strings
    const badLimit: Markets.GetDepthParams = { symbol: "SOL_USDC", limit: "7" }
    // @ts-expect-error symbol is required
    const noSymbol: Markets.GetDepthParams = {}
    expect([order.quantity, depth.limit, badLimit.symbol, noSymbol]).toEqual(["1.0", "10", "SOL_USDC", {}])
  })

  it("methods and accessors take the params type; operations without parameters take none", () => {
    expectTypeOf(Markets.getDepth).parameter(0).toEqualTypeOf<Markets.GetDepthParams>()
    expectTypeOf<Markets.Service["getDepth"]>().parameter(0).toEqualTypeOf<Markets.GetDepthParams>()
    expectTypeOf(Orders.executeOrders).parameter(0).toEqualTypeOf<Orders.ExecuteOrdersParams>()
    expectTypeOf(Capital.getBalances).toBeCallableWith()
    expectTypeOf(Markets.getMarkets).toBeCallableWith()
    expectTypeOf(History.getFills).toBeCallableWith({ symbol: "SOL_USDC", limit: 10 })
    expect(typeof Markets.getDepth).toBe("function")
  })
})

describe("Model enumerations", () => {
  it("one name gives the values, the strict and open schemas and the type", () => {
    expectTypeOf<Model.Side>().toEqualTypeOf<"Bid" | "Ask">()
    expect(Model.Side.values).toEqual(["Bid", "Ask"])
    expect(Model.Side.schema).toBe(Model.Side)
    expect(Schema.decodeUnknownSync(Model.Side)("Ask")).toBe("Ask")
    expect(Either.isLeft(Schema.decodeUnknownEither(Model.Side.schema)("Sell"))).toBe(true)
    // the open schema lets a value added later through
    expect(Schema.decodeUnknownSync(Model.Side.open)("Sell")).toBe("Sell")
    expect(Either.isLeft(Schema.decodeUnknownEither(Model.Side.open)(1))).toBe(true)
    expect(Model.MarketType.values).toContain("PERP")
    expect(Model.KlineInterval.literals).toEqual(Model.KlineInterval.values)
  })
})

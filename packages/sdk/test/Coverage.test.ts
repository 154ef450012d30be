/**
 * Coverage of the official spec: every operation of `test/data/backpack-openapi.json` (a vendored copy of
 * the official spec, so the test needs nothing outside the repository) has exactly one
 * endpoint in `Endpoints.all`, under the method name of CONTRACT.md, with the spec's HTTP method
 * and path; every signed endpoint signs with the instruction of backpack-api.md §4.15; every
 * service method is wired in `Backpack.layerServices`.
 */
import * as Sdk from "@effect-backpack/sdk"
import { Endpoints } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { mockHttp, sdkLayer } from "./utils/mock.js"

const here = dirname(fileURLToPath(import.meta.url))

/** The official spec, vendored with the tests. */
const specPath = resolve(here, "data/backpack-openapi.json")

interface Operation {
  readonly operationId: string
  readonly method: string
  readonly path: string
  /** The spec lists the `X-SIGNATURE` header. */
  readonly signedInSpec: boolean
  /** The instruction in the operation's description (`**Instruction:** \`…\``), when given. */
  readonly specInstruction: string | undefined
}

const loadSpec = (): ReadonlyArray<Operation> => {
  const spec = JSON.parse(readFileSync(specPath, "utf8")) as {
    paths: Record<
      string,
      Record<string, { operationId?: string; description?: string; parameters?: Array<{ name: string }> }>
    >
  }
  const operations: Array<Operation> = []
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== "object" || operation === null || operation.operationId === undefined) continue
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        signedInSpec: (operation.parameters ?? []).some((p) => p.name.toUpperCase() === "X-SIGNATURE"),
        specInstruction: /\*\*Instruction:\*\*\s*`([A-Za-z]+)`/.exec(operation.description ?? "")?.[1]
      })
    }
  }
  return operations
}

/** backpack-api.md §4.15, the complete instruction table (WebSocket `subscribe` left out). */
const instructionTable: ReadonlyArray<readonly [instruction: string, route: string]> = [
  ["accountQuery", "GET /api/v1/account"],
  ["accountUpdate", "PATCH /api/v1/account"],
  ["maxBorrowQuantity", "GET /api/v1/account/limits/borrow"],
  ["maxOrderQuantity", "GET /api/v1/account/limits/order"],
  ["maxWithdrawalQuantity", "GET /api/v1/account/limits/withdrawal"],
  ["convertDust", "POST /api/v1/account/convertDust"],
  ["borrowLendPositionQuery", "GET /api/v1/borrowLend/positions"],
  ["borrowLendExecute", "POST /api/v1/borrowLend"],
  ["balanceQuery", "GET /api/v1/capital"],
  ["collateralQuery", "GET /api/v1/capital/collateral"],
  ["depositQueryAll", "GET /wapi/v1/capital/deposits"],
  ["depositAddressQuery", "GET /wapi/v1/capital/deposit/address"],
  ["withdrawalQueryAll", "GET /wapi/v1/capital/withdrawals"],
  ["withdraw", "POST /wapi/v1/capital/withdrawals"],
  ["orderQuery", "GET /api/v1/order"],
  ["orderExecute", "POST /api/v1/order"],
  ["orderExecute", "POST /api/v1/orders"],
  ["orderCancel", "DELETE /api/v1/order"],
  ["orderQueryAll", "GET /api/v1/orders"],
  ["orderCancelAll", "DELETE /api/v1/orders"],
  ["positionQuery", "GET /api/v1/position"],
  ["orderHistoryQueryAll", "GET /wapi/v1/history/orders"],
  ["fillHistoryQueryAll", "GET /wapi/v1/history/fills"],
  ["fundingHistoryQueryAll", "GET /wapi/v1/history/funding"],
  ["positionHistoryQueryAll", "GET /wapi/v1/history/position"],
  ["settlementHistoryQueryAll", "GET /wapi/v1/history/settlement"],
  ["borrowHistoryQueryAll", "GET /wapi/v1/history/borrowLend"],
  ["borrowPositionHistoryQueryAll", "GET /wapi/v1/history/borrowLend/positions"],
  ["interestHistoryQueryAll", "GET /wapi/v1/history/interest"],
  ["dustHistoryQueryAll", "GET /wapi/v1/history/dust"],
  ["strategyHistoryQueryAll", "GET /wapi/v1/history/strategies"],
  ["rfqSubmit", "POST /api/v1/rfq"],
  ["quoteAccept", "POST /api/v1/rfq/accept"],
  ["rfqRefresh", "POST /api/v1/rfq/refresh"],
  ["rfqCancel", "POST /api/v1/rfq/cancel"],
  ["quoteSubmit", "POST /api/v1/rfq/quote"],
  ["rfqQuery", "GET /api/v1/rfqs"],
  ["rfqHistoryQueryAll", "GET /wapi/v1/history/rfq"],
  ["quoteHistoryQueryAll", "GET /wapi/v1/history/quote"],
  ["rfqFillHistoryQueryAll", "GET /wapi/v1/history/rfq/fill"],
  ["quoteFillHistoryQueryAll", "GET /wapi/v1/history/quote/fill"],
  ["strategyQuery", "GET /api/v1/strategy"],
  ["strategyCreate", "POST /api/v1/strategy"],
  ["strategyCancel", "DELETE /api/v1/strategy"],
  ["strategyQueryAll", "GET /api/v1/strategies"],
  ["strategyCancelAll", "DELETE /api/v1/strategies"],
  ["vaultMint", "POST /api/v1/vault/mint"],
  ["vaultRedeemRequest", "POST /api/v1/vault/redeem"],
  ["vaultRedeemCancel", "DELETE /api/v1/vault/redeem"],
  ["vaultPendingRedeemsQuery", "GET /api/v1/vault/redeems/pending"],
  ["vaultNavQuery", "GET /api/v1/vault/nav"],
  ["vaultMintHistoryQueryAll", "GET /wapi/v1/history/vault/mint"],
  ["vaultRedeemHistoryQueryAll", "GET /wapi/v1/history/vault/redeem"],
  ["issueTwoFactorToken", "POST /wapi/v1/user/2fa"]
]

/**
 * Signed operations the spec gives no instruction for (backpack-api.md §4.7, §12.13), with the
 * instruction the SDK chose. `undefined` in the value means "any choice, documented in the module".
 */
const undocumentedInstructions: Readonly<Record<string, string | undefined>> = {
  get_withdrawal_delay: "withdrawalDelayQuery",
  create_withdrawal_delay: "withdrawalDelayCreate",
  update_withdrawal_delay: "withdrawalDelayUpdate",
  get_borrow_lend_estimated_liquidation_price: undefined
}

/** CONTRACT.md: the SDK method of every operation. */
const contractNames: Readonly<Record<string, string>> = {
  accept_quote: "Rfq.acceptQuote",
  cancel_open_orders: "Orders.cancelOpenOrders",
  cancel_open_strategies: "Strategies.cancelOpenStrategies",
  cancel_order: "Orders.cancelOrder",
  cancel_rfq: "Rfq.cancelRfq",
  cancel_strategy: "Strategies.cancelStrategy",
  convert_dust: "Capital.convertDust",
  create_withdrawal_delay: "Capital.createWithdrawalDelay",
  execute_borrow_lend: "BorrowLend.executeBorrowLend",
  execute_order: "Orders.executeOrder",
  execute_order_batch: "Orders.executeOrders",
  get_account: "Account.getAccount",
  get_apy_rates: "BorrowLend.getApyRates",
  get_assets: "Assets.getAssets",
  get_balances: "Capital.getBalances",
  get_borrow_lend_estimated_liquidation_price: "BorrowLend.getEstimatedLiquidationPrice",
  get_borrow_lend_history: "History.getBorrowLendHistory",
  get_borrow_lend_markets: "BorrowLend.getBorrowLendMarkets",
  get_borrow_lend_markets_history: "BorrowLend.getBorrowLendMarketsHistory",
  get_borrow_lend_position_history: "History.getBorrowLendPositionHistory",
  get_borrow_lend_positions: "BorrowLend.getBorrowLendPositions",
  get_collateral: "Capital.getCollateral",
  get_collateral_parameters: "Assets.getCollateralParameters",
  get_deposit_address: "Capital.getDepositAddress",
  get_deposits: "Capital.getDeposits",
  get_depth: "Markets.getDepth",
  get_dust_history: "History.getDustHistory",
  get_fills: "History.getFills",
  get_funding_interval_rates: "Funding.getFundingRates",
  get_funding_payments: "Funding.getFundingPayments",
  get_historical_trades: "Trades.getHistoricalTrades",
  get_interest_history: "History.getInterestHistory",
  get_klines: "Markets.getKlines",
  get_mark_prices: "Markets.getMarkPrices",
  get_market: "Markets.getMarket",
  get_market_sessions: "Markets.getMarketSessions",
  get_markets: "Markets.getMarkets",
  get_max_borrow_quantity: "Account.getMaxBorrowQuantity",
  get_max_order_quantity: "Account.getMaxOrderQuantity",
  get_max_withdrawal_quantity: "Account.getMaxWithdrawalQuantity",
  get_open_interest: "Markets.getOpenInterest",
  get_open_orders: "Orders.getOpenOrders",
  get_open_rfqs: "Rfq.getOpenRfqs",
  get_open_strategies: "Strategies.getOpenStrategies",
  get_order: "Orders.getOrder",
  get_order_history: "History.getOrderHistory",
  get_position_history: "History.getPositionHistory",
  get_positions: "Positions.getPositions",
  get_prediction_events: "Markets.getPredictionEvents",
  get_prediction_tags: "Markets.getPredictionTags",
  get_quote_fill_history: "History.getQuoteFillHistory",
  get_quote_history: "History.getQuoteHistory",
  get_recent_trades: "Trades.getRecentTrades",
  get_rfq_fill_history: "History.getRfqFillHistory",
  get_rfq_history: "History.getRfqHistory",
  get_securities: "Markets.getSecurities",
  get_settlement_history: "History.getSettlementHistory",
  get_status: "System.getStatus",
  get_strategies_history: "History.getStrategiesHistory",
  get_strategy: "Strategies.getStrategy",
  get_ticker: "Markets.getTicker",
  get_tickers: "Markets.getTickers",
  get_time: "System.getTime",
  get_vault_history: "Vaults.getVaultHistory",
  get_vault_nav: "Vaults.getVaultNav",
  get_vault_pending_redeems: "Vaults.getVaultPendingRedeems",
  get_vaults: "Vaults.getVaults",
  get_wallets: "System.getWallets",
  get_withdrawal_delay: "Capital.getWithdrawalDelay",
  get_withdrawals: "Capital.getWithdrawals",
  ping: "System.ping",
  refresh_rfq: "Rfq.refreshRfq",
  request_withdrawal: "Capital.requestWithdrawal",
  strategy_create: "Strategies.createStrategy",
  submit_quote: "Rfq.submitQuote",
  submit_rfq: "Rfq.submitRfq",
  update_account_settings: "Account.updateAccountSettings",
  update_withdrawal_delay: "Capital.updateWithdrawalDelay",
  vault_mint: "Vaults.mintVault",
  vault_redeem: "Vaults.redeemVault",
  vault_redeem_cancel: "Vaults.cancelVaultRedeem"
}

const operations = loadSpec()
const specById = new Map(operations.map((operation) => [operation.operationId, operation]))
const endpointsById = new Map<string, Array<Sdk.Endpoint.Any>>()
for (const endpoint of Endpoints.all) {
  endpointsById.set(endpoint.operationId, [...(endpointsById.get(endpoint.operationId) ?? []), endpoint])
}
const tableByRoute = new Map(instructionTable.map(([instruction, route]) => [route, instruction]))

describe("Coverage of the official spec", () => {
  it("reads the spec: 81 operations, all named in CONTRACT.md", () => {
    expect(operations.length).toBe(81)
    expect(Object.keys(contractNames).length).toBe(81)
    expect(operations.map((o) => o.operationId).filter((id) => contractNames[id] === undefined)).toEqual([])
  })

  it("every spec operation has an endpoint", () => {
    const missing = operations.filter((o) => !endpointsById.has(o.operationId)).map((o) =>
      `${o.operationId} (${contractNames[o.operationId]}: ${o.method} ${o.path})`
    )
    if (missing.length > 0) {
      console.warn(`${81 - missing.length}/81 operations covered; missing:\n  ${missing.join("\n  ")}`)
    }
    expect(missing).toEqual([])
  })

  it("no endpoint is extra or duplicated", () => {
    const extra = Endpoints.all.filter((e) => !specById.has(e.operationId)).map((e) => `${e.operationId} (${e.name})`)
    expect(extra).toEqual([])
    const duplicated = [...endpointsById].filter(([, list]) => list.length > 1).map(([id]) => id)
    expect(duplicated).toEqual([])
    const names = Endpoints.all.map((e) => e.name)
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([])
  })

  it("every endpoint has the CONTRACT.md name and the spec's method and path", () => {
    const wrong: Array<string> = []
    for (const endpoint of Endpoints.all) {
      const operation = specById.get(endpoint.operationId)
      if (operation === undefined) continue
      if (endpoint.name !== contractNames[endpoint.operationId]) {
        wrong.push(
          `${endpoint.operationId}: named ${endpoint.name}, CONTRACT.md says ${contractNames[endpoint.operationId]}`
        )
      }
      if (endpoint.method !== operation.method || endpoint.path !== operation.path) {
        wrong.push(
          `${endpoint.operationId}: ${endpoint.method} ${endpoint.path}, spec says ${operation.method} ${operation.path}`
        )
      }
    }
    expect(wrong).toEqual([])
  })

  it("the embedded §4.15 table agrees with the spec's own instruction annotations", () => {
    const disagreements = operations
      .filter((o) => o.specInstruction !== undefined)
      .filter((o) => tableByRoute.get(`${o.method} ${o.path}`) !== o.specInstruction)
      .map((o) => `${o.operationId}: spec ${o.specInstruction}, table ${tableByRoute.get(`${o.method} ${o.path}`)}`)
    expect(disagreements).toEqual([])
    // the batch endpoint carries no annotation in the spec but is in the table (once per order)
    expect(tableByRoute.get("POST /api/v1/orders")).toBe("orderExecute")
  })

  it("signed endpoints sign with the §4.15 instruction; public ones are unsigned", () => {
    const wrong: Array<string> = []
    for (const endpoint of Endpoints.all) {
      const operation = specById.get(endpoint.operationId)
      if (operation === undefined) continue
      const route = `${endpoint.method} ${endpoint.path}`
      const expected = tableByRoute.get(route)
      if (expected !== undefined) {
        if (endpoint.instruction !== expected) {
          wrong.push(`${endpoint.name} (${route}): instruction ${endpoint.instruction}, §4.15 says ${expected}`)
        }
      } else if (endpoint.operationId in undocumentedInstructions) {
        const chosen = undocumentedInstructions[endpoint.operationId]
        if (chosen !== undefined && endpoint.instruction !== chosen) {
          wrong.push(`${endpoint.name}: instruction ${endpoint.instruction}, expected the documented choice ${chosen}`)
        }
      } else if (endpoint.instruction !== undefined || operation.signedInSpec) {
        wrong.push(`${endpoint.name} (${route}): signed=${endpoint.instruction}, spec signed=${operation.signedInSpec}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it("every spec operation that lists X-SIGNATURE or an instruction is signed by the SDK", () => {
    const unsigned = operations
      .filter((o) => o.signedInSpec || o.specInstruction !== undefined)
      .flatMap((o) => endpointsById.get(o.operationId) ?? [])
      .filter((e) => e.instruction === undefined)
      .map((e) => e.name)
    expect(unsigned).toEqual([])
  })

  it.effect("every endpoint's method is wired in Backpack.layerServices", () => {
    const http = mockHttp(() => ({ body: {} }))
    return Effect.gen(function*() {
      const unwired: Array<string> = []
      for (const [service, group] of Object.entries(Endpoints.byService)) {
        const module = (Sdk as unknown as Record<string, Record<string, unknown>>)[service]
        const tag = module?.[service] as Effect.Effect<Record<string, unknown>> | undefined
        if (tag === undefined) {
          unwired.push(`${service}: no ${service}.${service} tag exported from the index`)
          continue
        }
        const instance = yield* tag
        for (const endpoint of Object.values(group) as Array<Sdk.Endpoint.Any>) {
          const [prefix, method] = endpoint.name.split(".")
          if (prefix !== service) unwired.push(`${endpoint.name} is listed under ${service}`)
          if (typeof instance[method!] !== "function") unwired.push(`${endpoint.name} is not a method of the service`)
        }
      }
      expect(unwired).toEqual([])
    }).pipe(Effect.provide(sdkLayer(http.layer)))
  })
})

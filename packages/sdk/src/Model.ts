/**
 * Every response and request model and every enumeration of the SDK in one namespace (`Model.Market`,
 * `Model.Order`, `Model.Side`, …).
 * Each service module also re-exports the models it returns.
 *
 * @since 0.1.0
 */
export * from "./models/account.js"
export * from "./models/assets.js"
export * from "./models/borrowLend.js"
export * from "./models/capital.js"
export * from "./models/common.js"
export * from "./models/enums.js"
export * from "./models/funding.js"
export * from "./models/history.js"
export * from "./models/markets.js"
export * from "./models/orders.js"
export * from "./models/positions.js"
export * from "./models/rfq.js"
export * from "./models/strategies.js"
export * from "./models/streams.js"
export * from "./models/system.js"
export * from "./models/trades.js"
export * from "./models/vaults.js"

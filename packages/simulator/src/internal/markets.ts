/**
 * Seed data: markets, assets, collateral parameters and wallets of the simulated exchange.
 *
 * @internal
 */

/** Static definition of one market. All decimals as strings. */
export interface MarketDefinition {
  readonly symbol: string
  readonly baseSymbol: string
  readonly quoteSymbol: string
  readonly marketType: "SPOT" | "PERP"
  readonly tickSize: string
  readonly stepSize: string
  readonly minQuantity: string
  readonly maxQuantity: string | null
  readonly minPrice: string
  readonly maxPrice: string | null
  /** Reference price the seeded books are built around. */
  readonly referencePrice: string
  /** Quantity per seeded book level (before the seeded random factor). */
  readonly levelQuantity: string
  readonly fundingInterval?: number
  readonly imfBase?: string
  readonly imfFactor?: string
  readonly mmfBase?: string
  readonly mmfFactor?: string
  readonly openInterestLimit?: string
  /**
   * Price band: a limit price must lie within these multiples of the mark price (default `"0.25"` / `"2"`, the
   * live SOL_USDC_PERP filter; spot values are not documented live and use the same default).
   */
  readonly minMultiplier?: string
  readonly maxMultiplier?: string
  readonly createdAt: string
}

/** Markets seeded on start. */
export const defaultMarkets: ReadonlyArray<MarketDefinition> = [
  {
    symbol: "SOL_USDC",
    baseSymbol: "SOL",
    quoteSymbol: "USDC",
    marketType: "SPOT",
    tickSize: "0.01",
    stepSize: "0.01",
    minQuantity: "0.01",
    maxQuantity: null,
    minPrice: "0.01",
    maxPrice: null,
    referencePrice: "180.00",
    levelQuantity: "25.00",
    createdAt: "2024-01-16T08:00:00.123456"
  },
  {
    symbol: "BTC_USDC",
    baseSymbol: "BTC",
    quoteSymbol: "USDC",
    marketType: "SPOT",
    tickSize: "0.1",
    stepSize: "0.00001",
    minQuantity: "0.00001",
    maxQuantity: null,
    minPrice: "0.1",
    maxPrice: null,
    referencePrice: "100000.0",
    levelQuantity: "0.05000",
    createdAt: "2024-01-16T08:00:00.223456"
  },
  {
    symbol: "ETH_USDC",
    baseSymbol: "ETH",
    quoteSymbol: "USDC",
    marketType: "SPOT",
    tickSize: "0.01",
    stepSize: "0.0001",
    minQuantity: "0.0001",
    maxQuantity: null,
    minPrice: "0.01",
    maxPrice: null,
    referencePrice: "3500.00",
    levelQuantity: "1.5000",
    createdAt: "2024-01-16T08:00:00.323456"
  },
  {
    symbol: "SOL_USDC_PERP",
    baseSymbol: "SOL",
    quoteSymbol: "USDC",
    marketType: "PERP",
    tickSize: "0.01",
    stepSize: "0.01",
    minQuantity: "0.01",
    maxQuantity: null,
    minPrice: "0.01",
    maxPrice: "1000",
    referencePrice: "180.00",
    levelQuantity: "40.00",
    fundingInterval: 3600000,
    imfBase: "0.02",
    imfFactor: "0.00006",
    mmfBase: "0.0135",
    mmfFactor: "0.000036",
    openInterestLimit: "4000000",
    createdAt: "2025-01-21T06:34:54.691858"
  },
  {
    symbol: "BTC_USDC_PERP",
    baseSymbol: "BTC",
    quoteSymbol: "USDC",
    marketType: "PERP",
    tickSize: "0.1",
    stepSize: "0.00001",
    minQuantity: "0.00001",
    maxQuantity: null,
    minPrice: "0.1",
    maxPrice: "1000000",
    referencePrice: "100000.0",
    levelQuantity: "0.10000",
    fundingInterval: 3600000,
    imfBase: "0.02",
    imfFactor: "0.0000235",
    mmfBase: "0.0125",
    mmfFactor: "0.000014",
    openInterestLimit: "500",
    createdAt: "2025-01-21T06:34:54.791858"
  },
  {
    symbol: "ETH_USDC_PERP",
    baseSymbol: "ETH",
    quoteSymbol: "USDC",
    marketType: "PERP",
    tickSize: "0.01",
    stepSize: "0.0001",
    minQuantity: "0.0001",
    maxQuantity: null,
    minPrice: "0.01",
    maxPrice: "100000",
    referencePrice: "3500.00",
    levelQuantity: "2.0000",
    fundingInterval: 3600000,
    imfBase: "0.02",
    imfFactor: "0.0000935",
    mmfBase: "0.0125",
    mmfFactor: "0.0000561",
    openInterestLimit: "20000",
    createdAt: "2025-01-21T06:34:54.891858"
  }
]

/** Token definition of an asset on one chain. */
export interface TokenDefinition {
  readonly blockchain: string
  readonly contractAddress: string | null
  readonly nativeDecimals: number
  readonly withdrawalFee: string
  readonly minimumWithdrawal: string
  readonly minimumDeposit: string
}

/** Asset definition. */
export interface AssetDefinition {
  readonly symbol: string
  readonly displayName: string
  readonly coingeckoId: string
  readonly collateralWeight: string
  readonly tokens: ReadonlyArray<TokenDefinition>
}

/** Assets seeded on start. */
export const defaultAssets: ReadonlyArray<AssetDefinition> = [
  {
    symbol: "USDC",
    displayName: "USD Coin",
    coingeckoId: "usd-coin",
    collateralWeight: "1",
    tokens: [
      {
        blockchain: "Solana",
        contractAddress: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
        nativeDecimals: 6,
        withdrawalFee: "1",
        minimumWithdrawal: "2",
        minimumDeposit: "1"
      },
      {
        blockchain: "Ethereum",
        contractAddress: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
        nativeDecimals: 6,
        withdrawalFee: "3",
        minimumWithdrawal: "6",
        minimumDeposit: "1"
      }
    ]
  },
  {
    symbol: "SOL",
    displayName: "Solana",
    coingeckoId: "solana",
    collateralWeight: "0.9",
    tokens: [{
      blockchain: "Solana",
      contractAddress: null,
      nativeDecimals: 9,
      withdrawalFee: "0.002",
      minimumWithdrawal: "0.01",
      minimumDeposit: "0.01"
    }]
  },
  {
    symbol: "BTC",
    displayName: "Bitcoin",
    coingeckoId: "bitcoin",
    collateralWeight: "0.9",
    tokens: [{
      blockchain: "Bitcoin",
      contractAddress: null,
      nativeDecimals: 8,
      withdrawalFee: "0.00002",
      minimumWithdrawal: "0.0001",
      minimumDeposit: "0.0001"
    }]
  },
  {
    symbol: "ETH",
    displayName: "Ethereum",
    coingeckoId: "ethereum",
    collateralWeight: "0.9",
    tokens: [{
      blockchain: "Ethereum",
      contractAddress: null,
      nativeDecimals: 18,
      withdrawalFee: "0.001",
      minimumWithdrawal: "0.005",
      minimumDeposit: "0.001"
    }]
  }
]

/** Exchange hot wallets (`GET /api/v1/wallets`). */
export const wallets: ReadonlyArray<{ readonly blockchain: string; readonly address: string }> = [
  { blockchain: "Solana", address: "9ErK3zXq5RiB7Tcbaqu6LMiowbkr8bXcZEXYkCcHBUbZ" },
  { blockchain: "Ethereum", address: "0x9d0e9a7e21cd2d8ab59bc2fe3b2d3ef0a4b0cc0f" },
  { blockchain: "Bitcoin", address: "bc1qsm5ge0yj6u4d7lqkq2k0mhkffu0cyq9t3vy7xe" }
]

/** Kline interval names and their length in seconds (`1month` is handled as a calendar month). */
export const klineIntervals: Record<string, number> = {
  "1s": 1,
  "1m": 60,
  "3m": 180,
  "5m": 300,
  "15m": 900,
  "30m": 1800,
  "1h": 3600,
  "2h": 7200,
  "4h": 14400,
  "6h": 21600,
  "8h": 28800,
  "12h": 43200,
  "1d": 86400,
  "3d": 259200,
  "1w": 604800,
  "1month": 2592000
}

/** Blockchains accepted by the deposit-address and withdrawal endpoints. */
export const blockchains: ReadonlyArray<string> = [
  "0G",
  "Aptos",
  "Arbitrum",
  "Avalanche",
  "Base",
  "Berachain",
  "Bitcoin",
  "BitcoinCash",
  "Bsc",
  "Cardano",
  "Dogecoin",
  "Eclipse",
  "EqualsMoney",
  "Ethereum",
  "Fogo",
  "HyperEVM",
  "Hyperliquid",
  "Linea",
  "Litecoin",
  "Monad",
  "Near",
  "Optimism",
  "Plasma",
  "Polygon",
  "Sei",
  "Sui",
  "Solana",
  "Stable",
  "Story",
  "Tron",
  "XRP",
  "Zcash"
]

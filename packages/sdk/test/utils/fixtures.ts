/** Live payloads shared by several tests. */

// backpack-api.md §9 (Rust test sample of a perp market)
export const perpMarket = {
  baseSymbol: "SOL",
  createdAt: "2025-01-21T06:34:54.691858",
  filters: {
    price: {
      borrowEntryFeeMaxMultiplier: null,
      borrowEntryFeeMinMultiplier: null,
      maxImpactMultiplier: "1.01",
      maxMultiplier: "2",
      maxPrice: "1000",
      meanMarkPriceBand: { maxMultiplier: "1.1", minMultiplier: "0.9" },
      meanPremiumBand: { tolerancePct: "0.05" },
      minImpactMultiplier: "0.99",
      minMultiplier: "0.25",
      minPrice: "0.01",
      tickSize: "0.01"
    },
    quantity: { maxQuantity: null, minQuantity: "0.01", stepSize: "0.01" }
  },
  fundingInterval: 3600000,
  fundingRateLowerBound: "-100",
  fundingRateUpperBound: "100",
  imfFunction: { base: "0.02", factor: "0.00006", type: "sqrt" },
  marketType: "PERP",
  mmfFunction: { base: "0.0135", factor: "0.000036", type: "sqrt" },
  openInterestLimit: "4000000",
  orderBookState: "Open",
  positionLimitWeight: "1",
  quoteSymbol: "USDC",
  symbol: "SOL_USDC_PERP",
  visible: true
}

// backpack-api.md §9
/** A ticker as documented. */
export const ethTicker = {
  firstPrice: "4202.87",
  high: "4349.75",
  lastPrice: "4182.41",
  low: "4161.84",
  priceChange: "-20.46",
  priceChangePercent: "-0.004868",
  quoteVolume: "28695174.189628",
  symbol: "ETH_USDC",
  trades: "24843",
  volume: "6732.4927"
}

/**
 * Reference data that the live exchange publishes for tokenised equities and prediction markets: trading
 * sessions, market holidays, securities with per-session quantity filters, and prediction events with their
 * tags and series. The simulator models no equity or prediction order books; these routes answer the static
 * catalogue below with the live filters (tag, event, series, symbol, resolved, limit/offset).
 *
 * @internal
 */

export interface MarketSessionDef {
  readonly name: string
  readonly description: string | null
  readonly startTime: string
  readonly endTime: string
  readonly timezone: string
  readonly startWeekday: number
  readonly endWeekday: number
}

/** US equity sessions (weekdays 1 = Monday … 5 = Friday, New York time). */
export const marketSessions: ReadonlyArray<MarketSessionDef> = [
  {
    name: "PreMarket",
    description: "Pre-market session",
    startTime: "04:00:00",
    endTime: "09:30:00",
    timezone: "America/New_York",
    startWeekday: 1,
    endWeekday: 5
  },
  {
    name: "Regular",
    description: "Regular trading hours",
    startTime: "09:30:00",
    endTime: "16:00:00",
    timezone: "America/New_York",
    startWeekday: 1,
    endWeekday: 5
  },
  {
    name: "AfterHours",
    description: "After-hours session",
    startTime: "16:00:00",
    endTime: "20:00:00",
    timezone: "America/New_York",
    startWeekday: 1,
    endWeekday: 5
  },
  {
    name: "Overnight",
    description: "Overnight session",
    startTime: "20:00:00",
    endTime: "04:00:00",
    timezone: "America/New_York",
    startWeekday: 7,
    endWeekday: 5
  }
]

/** NYSE full-day holidays of 2026 (`/api/v1/market-holidays`, known from CCXT's endpoint table only). */
export const marketHolidays: ReadonlyArray<{ readonly date: string; readonly name: string }> = [
  { date: "2026-01-01", name: "New Year's Day" },
  { date: "2026-01-19", name: "Martin Luther King, Jr. Day" },
  { date: "2026-02-16", name: "Washington's Birthday" },
  { date: "2026-04-03", name: "Good Friday" },
  { date: "2026-05-25", name: "Memorial Day" },
  { date: "2026-06-19", name: "Juneteenth National Independence Day" },
  { date: "2026-07-03", name: "Independence Day (observed)" },
  { date: "2026-09-07", name: "Labor Day" },
  { date: "2026-11-26", name: "Thanksgiving Day" },
  { date: "2026-12-25", name: "Christmas Day" }
]

const sessionFilters = (min: string, step: string, max: string | null) =>
  marketSessions.map((s) => ({
    name: s.name,
    minQuantity: s.name === "Regular" ? min : step,
    maxQuantity: s.name === "Regular" ? null : max,
    stepSize: step
  }))

/** Tokenised equities. */
export const securities: ReadonlyArray<Record<string, unknown>> = [
  { asset: "AAPLX", name: "Apple Inc.", cusip: "037833100", sessions: sessionFilters("0.001", "0.001", "1000") },
  { asset: "TSLAX", name: "Tesla, Inc.", cusip: "88160R101", sessions: sessionFilters("0.001", "0.001", "1000") },
  {
    asset: "SPYX",
    name: "SPDR S&P 500 ETF Trust",
    cusip: "78462F103",
    sessions: sessionFilters("0.001", "0.001", "500")
  }
]

export interface TagDef {
  readonly slug: string
  readonly title: string
}

export const predictionTags: ReadonlyArray<TagDef> = [
  { slug: "crypto", title: "Crypto" },
  { slug: "bitcoin", title: "Bitcoin" },
  { slug: "solana", title: "Solana" },
  { slug: "macro", title: "Macro" }
]

const tag = (slug: string) => predictionTags.find((t) => t.slug === slug)!

const market = (
  marketSymbol: string,
  question: string,
  activePrice: string,
  resolution: { readonly resolvedAt: string; readonly price: string } | null,
  condition: Record<string, unknown>
) => ({
  marketSymbol,
  question,
  groupLabel: null,
  yesOutcomeLabel: "Yes",
  noOutcomeLabel: "No",
  rules: `Resolves Yes when: ${question}`,
  resolvedAt: resolution?.resolvedAt ?? null,
  resolutionPrice: resolution?.price ?? null,
  activePrice,
  quoteVolume: "0",
  quoteVolumeLifetime: "0",
  imgUrl: null,
  resolutionCondition: condition,
  proposedResolution: resolution === null ? false : true,
  proposedResolutionAt: resolution?.resolvedAt ?? null,
  resolutionDelaySecs: 7200
})

/** Prediction events (each with its markets, tags and series). */
export const predictionEvents: ReadonlyArray<
  Record<string, unknown> & { readonly slug: string; readonly resolved: boolean }
> = [
  {
    slug: "btc-above-150k-2026",
    title: "Bitcoin above $150,000 on December 31, 2026?",
    predictionMarkets: [
      market("BTCABOVE150K_USDC_PREDICTION", "BTC/USDT closes above 150000 on 2026-12-31", "0.23", null, {
        type: "StrikePrice",
        condition: "above"
      })
    ],
    tags: [tag("crypto"), tag("bitcoin")],
    series: [{ slug: "btc-yearly", title: "Bitcoin yearly price", recurrence: null }],
    description: "Resolves on the Binance BTC/USDT daily close of 2026-12-31.",
    imgUrl: null,
    quoteVolume: "0",
    resolution: {
      resolved: false,
      startDate: "2026-01-01T00:00:00",
      endDate: "2026-12-31T23:59:59",
      strikePrice: "150000",
      closePrice: null,
      resolutionSourceEventIdentifier: "BTCUSDT",
      resolutionSource: "binance",
      outcome: null
    },
    resolved: false,
    resolutionDelaySecs: 7200
  },
  {
    slug: "sol-daily-2026-11-30",
    title: "SOL above $200 on November 30, 2026?",
    predictionMarkets: [
      market("SOLABOVE200D1130_USDC_PREDICTION", "SOL/USDT closes above 200 on 2026-11-30", "0", {
        resolvedAt: "2026-12-01T02:00:00",
        price: "0"
      }, { type: "StrikePrice", condition: "above" })
    ],
    tags: [tag("crypto"), tag("solana")],
    series: [{ slug: "sol-daily", title: "Solana daily close", recurrence: "daily" }],
    description: "Resolves on the Binance SOL/USDT daily close.",
    imgUrl: null,
    quoteVolume: "0",
    resolution: {
      resolved: true,
      startDate: "2026-11-30T00:00:00",
      endDate: "2026-11-30T23:59:59",
      strikePrice: "200",
      closePrice: "181.4",
      resolutionSourceEventIdentifier: "SOLUSDT",
      resolutionSource: "binance",
      outcome: "No"
    },
    resolved: true,
    resolutionDelaySecs: 7200
  },
  {
    slug: "fed-cut-december-2026",
    title: "Fed rate cut in December 2026?",
    predictionMarkets: [
      market(
        "FEDCUTDEC26_USDC_PREDICTION",
        "The FOMC lowers the target rate at its December 2026 meeting",
        "0.41",
        null,
        {
          type: "Outcome",
          outcome: "Yes"
        }
      )
    ],
    tags: [tag("macro")],
    series: [],
    description: "Resolves on the FOMC statement of December 2026.",
    imgUrl: null,
    quoteVolume: "0",
    resolution: {
      resolved: false,
      startDate: "2026-10-01T00:00:00",
      endDate: "2026-12-16T19:00:00",
      strikePrice: null,
      closePrice: null,
      resolutionSourceEventIdentifier: null,
      resolutionSource: null,
      outcome: null
    },
    resolved: false,
    resolutionDelaySecs: 3600
  }
]

/** `GET /api/v1/prediction` filters. */
export const filterEvents = (q: {
  readonly symbol?: string | undefined
  readonly tagSlug?: string | undefined
  readonly eventSlug?: string | undefined
  readonly seriesSlug?: string | undefined
  readonly resolved?: boolean | undefined
}) =>
  predictionEvents.filter((e) => {
    const markets = e.predictionMarkets as ReadonlyArray<{ readonly marketSymbol: string }>
    const tags = e.tags as ReadonlyArray<TagDef>
    const series = e.series as ReadonlyArray<{ readonly slug: string }>
    return (q.symbol === undefined || markets.some((m) => m.marketSymbol === q.symbol)) &&
      (q.tagSlug === undefined || tags.some((t) => t.slug === q.tagSlug)) &&
      (q.eventSlug === undefined || e.slug === q.eventSlug) &&
      (q.seriesSlug === undefined || series.some((s) => s.slug === q.seriesSlug)) &&
      (q.resolved === undefined || e.resolved === q.resolved)
  })

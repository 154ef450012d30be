import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { bpx, bpxStarted, run, type Running, sleep, startSimulator } from "./harness.js"

let running: Running
let env: Record<string, string>
let publicEnv: Record<string, string>
let trader: { apiKey: string; apiSecret: string }
let maker: { apiKey: string; apiSecret: string }

const place = (apiKey: string, order: Record<string, unknown>) => run(running.sim.executeOrder(apiKey, order))

beforeAll(async () => {
  running = await startSimulator()
  const { sim } = running
  trader = await run(sim.createAccount({ balances: { USDC: "10000.50", SOL: "25" } }))
  maker = await run(sim.createAccount({ balances: { USDC: "100000", SOL: "1000" } }))
  publicEnv = { BACKPACK_HOST: sim.url, BACKPACK_WS_URL: sim.wsUrl }
  env = { ...publicEnv, BACKPACK_API_SECRET: trader.apiSecret }
  // the SOL_USDC book: asks 100.50 x 1.5, 101.00 x 3; bids 99.50 x 2, 99.00 x 1.25
  for (
    const [side, price, quantity] of [
      ["Ask", "100.50", "1.50"],
      ["Ask", "101.00", "3"],
      ["Bid", "99.50", "2"],
      ["Bid", "99.00", "1.25"]
    ] as const
  ) {
    await place(maker.apiKey, { symbol: "SOL_USDC", side, orderType: "Limit", price, quantity })
  }
})

afterAll(() => running.close())

const lines = (text: string) => text.trimEnd().split("\n")

describe("bpx", () => {
  it("--help lists every command; each command has its own help", async () => {
    const [root, book, place] = await Promise.all([
      bpx(["--help"], {}),
      bpx(["book", "--help"], {}),
      bpx(["order", "place", "--help"], {})
    ])
    expect(root.code).toBe(0)
    expect(root.stdout).not.toContain("\x1b[") // no colour codes when stdout is not a terminal
    for (const name of ["markets", "ticker", "book", "balances", "orders", "order", "stream", "history"]) {
      expect(root.stdout).toContain(`- ${name}`)
    }
    expect(book.code).toBe(0)
    expect(book.stdout).toContain("--depth")
    expect(book.stdout).toContain("--watch")
    expect(book.stdout).toContain("--json")
    expect(place.code).toBe(0)
    expect(place.stdout).toContain("--yes")
  })

  it("markets: an aligned table and JSON with decimals as strings", async () => {
    const table = await bpx(["markets"], publicEnv)
    expect(table.code).toBe(0)
    const [header, ...rows] = lines(table.stdout)
    expect(header!.split(/\s{2,}/)).toEqual(["SYMBOL", "TYPE", "BASE", "QUOTE", "TICK", "STEP", "MIN QTY", "STATE"])
    const sol = rows.find((row) => row.startsWith("SOL_USDC "))!
    expect(sol.split(/\s+/)).toEqual(["SOL_USDC", "SPOT", "SOL", "USDC", "0.01", "0.01", "0.01", "Open"])
    // left-aligned text columns start under their header; decimal columns end under theirs
    for (const row of rows) {
      expect(/^\S+\s+/.exec(row)![0].length).toBe(header!.indexOf("TYPE"))
      expect(row.lastIndexOf(" ") + 1).toBe(header!.indexOf("STATE"))
    }
    const json = await bpx(["markets", "--json"], publicEnv)
    expect(json.code).toBe(0)
    const markets = JSON.parse(json.stdout) as Array<any>
    const market = markets.find((m) => m.symbol === "SOL_USDC")
    expect(market.filters.price.tickSize).toBe("0.01")
    expect(market.filters.quantity.stepSize).toBe("0.01")
    expect(markets.map((m) => m.symbol)).toEqual([...markets.map((m) => m.symbol)].sort())
  })

  it("book: asks above the spread, bids below, running totals; JSON levels as strings", async () => {
    const table = await bpx(["book", "SOL_USDC", "--depth", "2"], publicEnv)
    expect(table.code).toBe(0)
    const [title, ...rest] = lines(table.stdout)
    expect(title).toMatch(/^SOL_USDC {2}update \d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/)
    expect(rest).toEqual([
      "SIDE   PRICE  QUANTITY  TOTAL",
      "ask   101.00      3.00   4.50",
      "ask   100.50      1.50   1.50",
      "----  spread 1.00",
      "bid    99.50      2.00   2.00",
      "bid    99.00      1.25   3.25"
    ])
    const json = await bpx(["book", "SOL_USDC", "--depth", "1", "--json"], publicEnv)
    expect(json.code).toBe(0)
    const book = JSON.parse(json.stdout)
    expect(book.asks).toEqual([["100.50", "1.50"]])
    expect(book.bids).toEqual([["99.50", "2.00"]])
    expect(typeof book.lastUpdateId).toBe("string")
  })
})

describe("bpx book --watch without a terminal", () => {
  it("prints one JSON line per version of the book; SIGINT ends it with 130", async () => {
    const watch = bpxStarted(["book", "SOL_USDC", "--depth", "1", "--watch", "--json"], publicEnv)
    const deadline = Date.now() + 20_000
    while (!watch.stdout().includes("\n") && Date.now() < deadline) await sleep(100)
    const first = JSON.parse(watch.stdout().split("\n")[0]!)
    expect(first).toMatchObject({ symbol: "SOL_USDC", asks: [["100.50", "1.50"]], bids: [["99.50", "2.00"]] })
    watch.child.kill("SIGINT")
    const result = await watch.result
    expect(result.code).toBe(130)
    expect(result.stderr).toBe("")
  })
})

describe("bpx account commands", () => {
  it("balances: a table of every asset and JSON with totals", async () => {
    const [table, json] = await Promise.all([bpx(["balances"], env), bpx(["balances", "--json"], env)])
    expect(table.code).toBe(0)
    expect(lines(table.stdout)).toEqual([
      "ASSET  AVAILABLE  LOCKED  STAKED    TOTAL",
      "SOL         25.0       0       0     25.0",
      "USDC     10000.5       0       0  10000.5"
    ])
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual({
      SOL: { available: "25", locked: "0", staked: "0", total: "25" },
      USDC: { available: "10000.5", locked: "0", staked: "0", total: "10000.5" }
    })
  })

  it("signed commands without a secret fail with the SDK's AuthenticationError message", async () => {
    const result = await bpx(["balances"], publicEnv)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe("")
    expect(result.stderr).toMatch(/^bpx: Capital\.getBalances: authentication failed: .+\n$/)
  })

  it("a malformed secret is a configuration error that never echoes the secret", async () => {
    const secret = "bm90LWEtcmVhbC1zZWNyZXQtYXQtYWxs"
    const result = await bpx(["balances"], { ...publicEnv, BACKPACK_API_SECRET: secret })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^bpx: Invalid Backpack configuration: /)
    expect(result.stdout + result.stderr).not.toContain(secret)
  })

  it("order place refuses to prompt without a terminal, and checks the tick size before anything", async () => {
    const args = ["order", "place", "SOL_USDC", "--side", "buy", "--quantity", "1", "--price", "98.00"]
    const [refused, offTick, badSide] = await Promise.all([
      bpx(args, env),
      bpx(["order", "place", "SOL_USDC", "--side", "buy", "--quantity", "1", "--price", "98.001", "--yes"], env),
      bpx(["order", "place", "SOL_USDC", "--side", "long", "--quantity", "1", "--yes"], env)
    ])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      "bpx: refusing to place a limit order to buy 1 SOL_USDC at 98.00 without confirmation: stdin is not a terminal (pass --yes to confirm)\n"
    )
    expect(offTick.code).toBe(2)
    expect(offTick.stderr).toBe("bpx: INVALID_PRICE: Price 98.001 is not a multiple of the tick size 0.01\n")
    expect(badSide.code).toBe(2)
    expect(badSide.stdout).toBe("")
    // nothing reached the exchange
    const open = await bpx(["orders", "--json"], env)
    expect(JSON.parse(open.stdout)).toEqual([])
  })

  it("order place --yes, orders, order cancel --yes", async () => {
    const placed = await bpx(
      [
        "order",
        "place",
        "SOL_USDC",
        "--side",
        "buy",
        "--quantity",
        "1.5",
        "--price",
        "98.00",
        "--client-id",
        "42",
        "--yes",
        "--json"
      ],
      env
    )
    expect(placed.code).toBe(0)
    const order = JSON.parse(placed.stdout)
    expect(order).toMatchObject({
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      price: "98",
      quantity: "1.5",
      clientId: 42,
      status: "New",
      executedQuantity: "0"
    })
    expect(order.id).toMatch(/^\d+$/)

    const table = await bpx(["orders", "--symbol", "SOL_USDC"], env)
    expect(table.code).toBe(0)
    const [header, row] = lines(table.stdout)
    expect(header!.split(/\s{2,}/)).toEqual([
      "ID",
      "CLIENT ID",
      "SYMBOL",
      "SIDE",
      "TYPE",
      "PRICE",
      "QUANTITY",
      "FILLED",
      "STATUS",
      "CREATED (UTC)"
    ])
    expect(row!.split(/\s+/).slice(0, 9)).toEqual([
      order.id,
      "42",
      "SOL_USDC",
      "Bid",
      "Limit",
      "98",
      "1.5",
      "0",
      "New"
    ])

    const cancelled = await bpx(["order", "cancel", "SOL_USDC", "--client-id", "42", "--yes", "--json"], env)
    expect(cancelled.code).toBe(0)
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ id: order.id, status: "Cancelled" })
    const after = await bpx(["orders", "--json"], env)
    expect(JSON.parse(after.stdout)).toEqual([])
  })

  it("order cancel needs exactly one target; an exchange refusal is reported with its code", async () => {
    const [none, unknown] = await Promise.all([
      bpx(["order", "cancel", "SOL_USDC", "--yes"], env),
      bpx(["order", "cancel", "SOL_USDC", "--id", "123", "--yes"], env)
    ])
    expect(none.code).toBe(2)
    expect(none.stderr).toBe("bpx: give exactly one of --id, --client-id or --all\n")
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^bpx: .+ \(RESOURCE_NOT_FOUND, HTTP 404, Orders\.cancelOrder\)\n$/)
  })

  it("history fills walks every page with progress on stderr", async () => {
    // five fills of the trader: market buys of 0.1 SOL against the 100.50 ask
    for (let i = 0; i < 5; i++) {
      await place(trader.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", quantity: "0.10" })
    }
    const [table, json] = await Promise.all([
      bpx(["history", "fills", "--symbol", "SOL_USDC", "--page-size", "2"], env),
      bpx(["history", "fills", "--page-size", "2", "--json"], env)
    ])
    expect(table.code).toBe(0)
    expect(lines(table.stderr)).toEqual([
      "fills: page 1, 2 rows",
      "fills: page 2, 4 rows",
      "fills: page 3, 5 rows"
    ])
    const [header, ...rows] = lines(table.stdout)
    expect(header!.split(/\s{2,}/)).toEqual([
      "TIME (UTC)",
      "SYMBOL",
      "SIDE",
      "PRICE",
      "QUANTITY",
      "FEE",
      "FEE ASSET",
      "MAKER",
      "ORDER ID",
      "TRADE ID"
    ])
    expect(rows).toHaveLength(5)
    for (const row of rows) expect(row.split(/\s+/).slice(2, 6)).toEqual(["SOL_USDC", "Bid", "100.5", "0.1"])
    const fills = JSON.parse(json.stdout) as Array<any>
    expect(fills).toHaveLength(5)
    for (const fill of fills) expect(fill).toMatchObject({ symbol: "SOL_USDC", price: "100.5", quantity: "0.1" })
    const limited = await bpx(["history", "fills", "--limit", "3", "--json"], env)
    expect(JSON.parse(limited.stdout)).toEqual(fills.slice(0, 3))
  })

  it("ticker: 24 h statistics after the trades", async () => {
    const result = await bpx(["ticker", "SOL_USDC"], publicEnv)
    expect(result.code).toBe(0)
    const record = Object.fromEntries(lines(result.stdout).map((line) => line.split(/\s{2,}/) as [string, string]))
    expect(record.symbol).toBe("SOL_USDC")
    expect(record.last).toBe("100.5")
    expect(record.trades).toBe("5")
    const json = await bpx(["ticker", "SOL_USDC", "--json"], publicEnv)
    expect(JSON.parse(json.stdout)).toMatchObject({ symbol: "SOL_USDC", lastPrice: "100.5", trades: 5 })
  })

  it("stream prints decoded events, --count ends it", async () => {
    const stream = bpxStarted(["stream", "trade.SOL_USDC", "--count", "2", "--json"], env)
    // trade until the stream has seen two (it subscribes a moment after starting)
    const trading = (async () => {
      for (let i = 0; i < 100 && stream.child.exitCode === null; i++) {
        await place(trader.apiKey, { symbol: "SOL_USDC", side: "Bid", orderType: "Market", quantity: "0.01" })
        await sleep(200)
      }
    })()
    const result = await stream.result
    await trading
    expect(result.code).toBe(0)
    const events = lines(result.stdout).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events).toHaveLength(2)
    for (const event of events) {
      const values = Object.values(event)
      expect(values).toContain("trade")
      expect(values).toContain("SOL_USDC")
      expect(values).toContain("100.5")
      expect(values).toContain("0.01")
    }
  })

  it("usage errors exit with 2", async () => {
    const [unknown, badDepth, notANumber] = await Promise.all([
      bpx(["nope"], publicEnv),
      bpx(["book", "SOL_USDC", "--depth", "0"], publicEnv),
      bpx(["book", "SOL_USDC", "--depth", "many"], publicEnv)
    ])
    expect(unknown.code).toBe(2)
    expect(badDepth.code).toBe(2)
    expect(badDepth.stderr).toBe("bpx: --depth must be from 1 to 1000, got 0\n")
    expect(notANumber.code).toBe(2)
    expect(notANumber.stdout).toBe("")
  })
})

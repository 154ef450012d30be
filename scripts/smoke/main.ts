// The consumer program of `pnpm smoke`: compiled in a throwaway project against the packed tarballs
// (`--strict`, `skipLibCheck: false`, NodeNext and Bundler resolution), then run against the
// `backpack-simulator` bin of the installed simulator tarball.
// usage: node main.js <rest url> <ws url> <api secret>
import { Account, Capital, Json, Markets } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import type { Simulator } from "@effect-backpack/simulator"
import { BigDecimal, Effect, Redacted } from "effect"

const [host, wsUrl, secret] = process.argv.slice(2)
if (host === undefined || wsUrl === undefined || secret === undefined) {
  throw new Error("usage: main <rest url> <ws url> <api secret>")
}

// the simulator's public types are usable from its declarations
const simulatorOptions: Simulator.SimulatorOptions = { seed: 42, port: 0 }

const program = Effect.gen(function*() {
  const markets = yield* (yield* Markets.Markets).getMarkets()
  const sol = markets.find((market) => market.symbol === "SOL_USDC")
  if (sol === undefined) return yield* Effect.dieMessage("SOL_USDC missing from getMarkets")
  const account = yield* (yield* Account.Account).getAccount() // signed
  const balances = yield* (yield* Capital.Capital).getBalances() // signed
  return {
    markets: markets.length,
    solTickSize: BigDecimal.format(sol.filters.price.tickSize),
    autoLend: account.autoLend,
    balances: Object.keys(balances).sort(),
    market: Json.toJson(sol), // decoded classes as plain JSON (decimals as strings)
    seed: simulatorOptions.seed ?? null
  }
})

program.pipe(
  Effect.provide(BackpackNode.layer({ host, wsUrl, apiSecret: Redacted.make(secret) })),
  Effect.runPromise
).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  }
)

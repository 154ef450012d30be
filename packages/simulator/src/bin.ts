/**
 * CLI: `backpack-simulator --port 8080 --seed 42 [--host 127.0.0.1] [--accounts file.json] [--activity [ms]]
 * [--no-rate-limits] [--token TOKEN]`. Prints the URLs and the account keys, runs until interrupted. The control
 * routes (`/_simulator/faucet`, `/_simulator/faults`) take the printed token.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Console from "effect/Console"
import * as Effect from "effect/Effect"
import { readFileSync } from "node:fs"
import * as Simulator from "./Simulator.js"

const usage = `usage: backpack-simulator [--port 8080] [--host 127.0.0.1] [--seed 42] [--accounts file.json]
                          [--activity [intervalMs]] [--no-rate-limits] [--token TOKEN]

--accounts: JSON array of { "apiSecret"?: base64 32-byte seed, "balances"?: { "USDC": "1000", ... } }
--token: token of the control routes (/_simulator/*); default a fresh random one, printed at start
control routes (loopback, Authorization: Bearer TOKEN, JSON bodies):
  POST /_simulator/faucet {"apiKey","asset","quantity"}
  GET /_simulator/faults          the fault plan and the counters of injected faults
  POST /_simulator/faults PLAN    puts a fault plan in force, e.g.
       {"routes":{"POST /api/v1/order":{"serverError":0.1,"lateAnswer":0.05,"lateAnswerMs":3000},
                  "*":{"latencyMs":5,"jitterMs":20,"tooManyRequests":0.02}},"clockDriftPpm":200}
  DELETE /_simulator/faults       clears every fault and the counters`

const parseArgs = (argv: ReadonlyArray<string>): Simulator.SimulatorOptions => {
  let port = 8080
  let host = "127.0.0.1"
  let seed = 42
  let accounts: ReadonlyArray<Simulator.AccountSeed> | undefined
  let activity: { readonly intervalMs: number } | undefined
  let rateLimits: false | undefined
  let controlToken: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value\n${usage}`)
      return v
    }
    switch (arg) {
      case "--":
        // `pnpm simulator -- --port 8080` forwards the separator itself
        break
      case "--port":
        port = Number(next())
        if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port needs 0..65535\n${usage}`)
        break
      case "--host":
        host = next()
        break
      case "--seed":
        seed = Number(next())
        if (!Number.isInteger(seed)) throw new Error(`--seed needs an integer\n${usage}`)
        break
      case "--accounts":
        accounts = JSON.parse(readFileSync(next(), "utf8")) as ReadonlyArray<Simulator.AccountSeed>
        break
      case "--activity": {
        const v = argv[i + 1]
        if (v !== undefined && /^\d+$/.test(v)) {
          i++
          activity = { intervalMs: Number(v) }
        } else {
          activity = { intervalMs: 500 }
        }
        break
      }
      case "--no-rate-limits":
        rateLimits = false
        break
      case "--token":
        controlToken = next()
        if (controlToken.length < 8) throw new Error(`--token needs at least 8 characters\n${usage}`)
        break
      case "--help":
      case "-h":
        console.log(usage)
        process.exit(0)
        break
      default:
        throw new Error(`unknown argument ${arg}\n${usage}`)
    }
  }
  return { port, host, seed, accounts, activity, rateLimits, controlToken }
}

const program = Effect.gen(function*() {
  const options = yield* Effect.try({
    try: () => parseArgs(process.argv.slice(2)),
    catch: (error) => new Error(error instanceof Error ? error.message : String(error))
  }).pipe(
    Effect.catchAll((error) =>
      Effect.zipRight(Console.error(error.message), Effect.sync(() => process.exit(2)) as Effect.Effect<never>)
    )
  )
  const sim = yield* Simulator.make(options)
  yield* Console.log(`Backpack simulator (seed ${options.seed})`)
  yield* Console.log(`  REST      ${sim.url}`)
  yield* Console.log(`  WebSocket ${sim.wsUrl}`)
  // Secrets are shown only where the user has no other way to get them: the demo account (its seed
  // is the public one of Backpack's guides) and accounts whose key the simulator generated. A secret
  // read from --accounts is never printed.
  const show = (label: string, a: Simulator.AccountCredentials, secret: boolean) =>
    Console.log(
      `  ${label}\n    BACKPACK_API_KEY=${a.apiKey}\n    BACKPACK_API_SECRET=${
        secret ? a.apiSecret : "(the apiSecret of your --accounts file)"
      }`
    )
  if (sim.demoAccount !== undefined) yield* show("demo account (public demo key)", sim.demoAccount, true)
  for (const [i, a] of sim.seededAccounts.entries()) {
    const given = options.accounts?.[i]?.apiSecret !== undefined
    yield* show(given ? `account ${i + 1}` : `account ${i + 1} (generated key)`, a, !given)
  }
  yield* Console.log(`  faucet    POST ${sim.url}/_simulator/faucet {"apiKey","asset","quantity"}`)
  yield* Console.log(`  faults    GET|POST|DELETE ${sim.url}/_simulator/faults (read, set the fault plan, reset)`)
  yield* Console.log(`  control   Authorization: Bearer ${sim.controlToken}`)
  return yield* Effect.never
})

NodeRuntime.runMain(Effect.scoped(program))

/**
 * Test harness: an in-process simulator on 127.0.0.1 (port 0) and the bundled `bpx` run as a child
 * process against it, with a clean environment (only what the test passes).
 */
import { Simulator } from "@effect-backpack/simulator"
import { Effect, Exit, Scope } from "effect"
import { spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The bundled executable built by the global setup. */
export const bin = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "bpx.mjs")

export interface Running {
  readonly sim: Simulator.SimulatorService
  readonly close: () => Promise<void>
}

/** Starts a simulator without seeded liquidity (empty books: every level is placed by the test). */
export const startSimulator = async (options: Simulator.SimulatorOptions = {}): Promise<Running> => {
  const scope = Effect.runSync(Scope.make())
  const sim = await Effect.runPromise(
    Simulator.make({ seed: 11, liquidity: false, demoAccount: false, rateLimits: false, ...options }).pipe(
      Scope.extend(scope)
    )
  )
  return { sim, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

/** Runs an Effect of the simulator's control API. */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

export interface Result {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment of the child: PATH only, plus `env`. */
export const environment = (env: Readonly<Record<string, string>>): Record<string, string> => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  ...env
})

/**
 * Starts `bpx args…` with stdin a closed pipe (not a terminal) and returns it with a promise of its
 * result. Asynchronous: the simulator serves from this same process.
 */
export const bpxStarted = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>) => {
  let stdout = ""
  let stderr = ""
  const child = spawn(process.execPath, [bin, ...args], { env: environment(env), stdio: ["pipe", "pipe", "pipe"] })
  child.stdin.end()
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill("SIGKILL"), 25_000)
  const result = new Promise<Result>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
  return { child, result, stdout: () => stdout }
}

/** Runs `bpx args…` with stdin a closed pipe (not a terminal); resolves when it exits. */
export const bpx = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): Promise<Result> =>
  bpxStarted(args, env).result

/** Sleeps (real time). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

#!/usr/bin/env node
// `pnpm smoke`: the packages as a user gets them from npm.
// 1. Build, then `pnpm pack` @effect-backpack/sdk and @effect-backpack/simulator; check what each tarball holds.
// 2. In a throwaway project under the temp dir (outside the workspace), `npm install` the two tarballs plus the
//    peers at the versions the workspace is tested with.
// 3. Type-check scripts/smoke/main.ts with `--strict` and `skipLibCheck: false`, under NodeNext and under Bundler
//    module resolution (in parallel; the NodeNext pass also emits the JS; the Bundler pass adds
//    exactOptionalPropertyTypes, noUncheckedIndexedAccess, noPropertyAccessFromIndexSignature and drops the DOM lib).
// 4. Start two `backpack-simulator` bins from the installed tarball on 127.0.0.1 port 0, run the program against
//    one (getMarkets and signed calls with the demo account the bin prints), then stop them with SIGTERM and
//    SIGINT: each must exit 0, leave no process behind, and its port must be closed.
import { execFileSync, spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..")
const started = Date.now()
const work = mkdtempSync(join(tmpdir(), "effect-backpack-smoke-"))
const bins = []
let failed = false

const step = (message) => console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`)
const fail = (message) => {
  throw new Error(message)
}
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] }).toString()

/** Runs a command and resolves with its exit code and output. */
const runAsync = (command, args, cwd) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => output += chunk)
    child.stderr.on("data", (chunk) => output += chunk)
    child.on("close", (code) => resolve({ code, output }))
  })

/** The version of a package the workspace resolves from `from` (a folder). */
const versionOf = (name, from) => {
  for (let dir = from;; dir = dirname(dir)) {
    const manifest = join(dir, "node_modules", name, "package.json")
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, "utf8")).version
    if (dirname(dir) === dir) fail(`${name} is not installed in the workspace (run pnpm install)`)
  }
}

/** Command lines of every running process (Linux /proc, else ps). */
const processes = () => {
  if (existsSync("/proc/self/cmdline")) {
    return readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
      try {
        return [{ pid: Number(pid), args: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ") }]
      } catch {
        return []
      }
    })
  }
  return run("ps", ["-A", "-o", "pid=,command="]).split("\n").filter(Boolean).map((line) => {
    const [, pid, args] = /^\s*(\d+)\s+(.*)$/.exec(line) ?? []
    return { pid: Number(pid), args }
  })
}

const portClosed = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port })
    socket.on("connect", () => {
      socket.destroy()
      resolve(false)
    })
    socket.on("error", () => resolve(true))
  })

/** Starts the installed bin on port 0 and resolves once it printed its URLs and the demo account. */
const startBin = (consumer, label) =>
  new Promise((resolve, reject) => {
    const child = spawn(join(consumer, "node_modules", ".bin", "backpack-simulator"), ["--port", "0", "--seed", "7"], {
      cwd: consumer,
      stdio: ["ignore", "pipe", "pipe"]
    })
    const bin = { child, label, output: "", exit: new Promise((done) => child.on("exit", (code, signal) => done({ code, signal }))) }
    bins.push(bin)
    const timer = setTimeout(() => reject(new Error(`${label}: no URL printed in 60 s:\n${bin.output}`)), 60_000)
    const onData = (chunk) => {
      bin.output += chunk
      const url = /REST\s+(http:\/\/127\.0\.0\.1:(\d+))/.exec(bin.output)
      const ws = /WebSocket\s+(ws:\/\/\S+)/.exec(bin.output)
      const secret = /BACKPACK_API_SECRET=(\S+)/.exec(bin.output)
      if (url && ws && secret && bin.output.includes("faucet")) {
        clearTimeout(timer)
        resolve({ ...bin, url: url[1], port: Number(url[2]), wsUrl: ws[1], secret: secret[1] })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited early (${code}):\n${bin.output}`))
    })
  })

/** Sends `signal`, waits for a clean exit, and checks nothing it started still runs or listens. */
const stopBin = async (bin, signal) => {
  bin.child.kill(signal)
  const exit = await Promise.race([bin.exit, new Promise((done) => setTimeout(() => done(undefined), 15_000))])
  if (exit === undefined) fail(`${bin.label}: still running 15 s after ${signal}`)
  if (exit.code !== 0) fail(`${bin.label}: exit ${JSON.stringify(exit)} after ${signal}, expected code 0\n${bin.output}`)
  if (!(await portClosed(bin.port))) fail(`${bin.label}: port ${bin.port} still accepts connections after ${signal}`)
  step(`${bin.label}: exited 0 on ${signal}, port ${bin.port} closed`)
}

/** What a tarball holds: required entries present, development files absent. */
const checkTarball = (tarball, required) => {
  const entries = run("tar", ["-tzf", tarball]).split("\n").filter(Boolean).map((e) => e.replace(/^package\//, ""))
  for (const path of required) if (!entries.includes(path)) fail(`${tarball}: missing ${path}`)
  const unwanted = entries.filter((e) =>
    /^(test|build|node_modules|scripts)\//.test(e) || /(^|\/)(tsconfig[^/]*\.json|vitest[^/]*|[^/]*\.tsbuildinfo|\.[^/]+)$/.test(e)
  )
  if (unwanted.length > 0) fail(`${tarball}: holds development files: ${unwanted.join(", ")}`)
  if (entries.some((e) => e.endsWith(".test.ts"))) fail(`${tarball}: holds tests`)
  return entries.length
}

try {
  step(`work folder ${work}`)
  run("pnpm", ["build"], repo)
  step("built")

  const tarballs = join(work, "tarballs")
  for (const pkg of ["sdk", "simulator"]) {
    run("pnpm", ["pack", "--pack-destination", tarballs], join(repo, "packages", pkg))
  }
  const [sdkTgz, simTgz] = ["sdk", "simulator"].map((pkg) => {
    const file = readdirSync(tarballs).find((f) => f.startsWith(`effect-backpack-${pkg}-`))
    return file === undefined ? fail(`no tarball for ${pkg}`) : join(tarballs, file)
  })
  // CHANGELOG.md appears with the first `changeset version`; required once it exists.
  const common = (pkg) => [
    "package.json",
    "README.md",
    "LICENSE",
    ...(existsSync(join(repo, "packages", pkg, "CHANGELOG.md")) ? ["CHANGELOG.md"] : [])
  ]
  const sdkFiles = checkTarball(sdkTgz, [
    ...common("sdk"),
    "dist/index.js",
    "dist/index.d.ts",
    "dist/node.js",
    "dist/node.d.ts",
    // what Node imports (the `node` export condition): the bundle of the three entry points
    "dist/bundle/index.js",
    "dist/bundle/node.js",
    "dist/bundle/testkit.js"
  ])
  const simFiles = checkTarball(simTgz, [
    ...common("simulator"),
    "dist/index.js",
    "dist/index.d.ts",
    "dist/bin.js",
    "bin/backpack-simulator.mjs"
  ])
  const simManifest = JSON.parse(run("tar", ["-xzOf", simTgz, "package/package.json"]))
  if ("tsx" in (simManifest.dependencies ?? {})) fail("the simulator's dependencies name tsx")
  if (JSON.stringify(simManifest.exports).includes("/src/")) fail("the simulator's exports point at sources")
  step(`packed: sdk ${sdkFiles} files, simulator ${simFiles} files`)

  // The throwaway consumer project.
  const consumer = join(work, "consumer")
  const sdkDir = join(repo, "packages", "sdk")
  const pins = [
    `effect@${versionOf("effect", sdkDir)}`,
    `@effect/platform@${versionOf("@effect/platform", sdkDir)}`,
    `@effect/platform-node@${versionOf("@effect/platform-node", sdkDir)}`,
    `typescript@${versionOf("typescript", repo)}`,
    `@types/node@${versionOf("@types/node", repo)}`
  ]
  run("mkdir", ["-p", consumer])
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "smoke-consumer", private: true, type: "module" }))
  writeFileSync(join(consumer, "main.ts"), readFileSync(join(repo, "scripts", "smoke", "main.ts")))
  const base = { strict: true, skipLibCheck: false, target: "ES2022", types: ["node"] }
  writeFileSync(
    join(consumer, "tsconfig.nodenext.json"),
    JSON.stringify({
      compilerOptions: { ...base, module: "NodeNext", moduleResolution: "NodeNext", outDir: "out" },
      files: ["main.ts"]
    })
  )
  writeFileSync(
    join(consumer, "tsconfig.bundler.json"),
    JSON.stringify({
      // a stricter consumer: extra flags, and no DOM library
      compilerOptions: {
        ...base,
        module: "ESNext",
        moduleResolution: "Bundler",
        noEmit: true,
        lib: ["ES2022"],
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        noImplicitOverride: true,
        noPropertyAccessFromIndexSignature: true
      },
      files: ["main.ts"]
    })
  )
  // Keep the machine's npm global config (it may name a CA file or a proxy), like .ci/run does.
  const globalconfig = run("npm", ["config", "get", "globalconfig"], consumer).trim()
  run("npm", [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--loglevel=error",
    "--globalconfig",
    globalconfig,
    sdkTgz,
    simTgz,
    ...pins
  ], consumer)
  step(`installed the tarballs with ${pins.join(" ")}`)
  if (existsSync(join(consumer, "node_modules", "tsx"))) fail("installing the simulator pulled in tsx")

  const tsc = join(consumer, "node_modules", "typescript", "bin", "tsc")
  const checks = await Promise.all(
    ["nodenext", "bundler"].map((mode) => runAsync(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], consumer))
  )
  for (const [i, mode] of ["NodeNext", "Bundler"].entries()) {
    if (checks[i].code !== 0) fail(`type-check under ${mode} failed:\n${checks[i].output}`)
  }
  step("main.ts type-checks with --strict and skipLibCheck false under NodeNext and Bundler")

  const [bin, second] = await Promise.all([startBin(consumer, "bin 1"), startBin(consumer, "bin 2")])
  step(`bins serving at ${bin.url} and ${second.url}`)
  const result = await runAsync(process.execPath, [join(consumer, "out", "main.js"), bin.url, bin.wsUrl, bin.secret], consumer)
  if (result.code !== 0) fail(`the program failed (${result.code}):\n${result.output}`)
  const printed = JSON.parse(result.output.trim().split("\n").at(-1))
  if (!(printed.markets > 0 && printed.solTickSize === "0.01" && typeof printed.autoLend === "boolean" && printed.balances.includes("USDC") &&
      printed.market.symbol === "SOL_USDC" && printed.market.filters.price.tickSize === "0.01")) {
    fail(`unexpected program output: ${result.output}`)
  }
  step(`the program ran: ${JSON.stringify({ ...printed, market: `${printed.market.symbol} as JSON` })}`)

  await stopBin(bin, "SIGTERM")
  await stopBin(second, "SIGINT")
  const left = processes().filter((p) => p.pid !== process.pid && p.args.includes(work))
  if (left.length > 0) fail(`processes left running: ${left.map((p) => `${p.pid} ${p.args}`).join("; ")}`)
  step("no process left")
} catch (error) {
  failed = true
  console.error(`[smoke] FAILED: ${error instanceof Error ? error.message : error}`)
  if (error?.stderr?.length) console.error(error.stderr.toString())
  if (error?.stdout?.length) console.error(error.stdout.toString())
} finally {
  for (const bin of bins) if (bin.child.exitCode === null && bin.child.signalCode === null) bin.child.kill("SIGKILL")
  rmSync(work, { recursive: true, force: true })
}
step(failed ? "failed" : "passed")
process.exit(failed ? 1 : 0)

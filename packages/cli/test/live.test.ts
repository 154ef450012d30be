/**
 * The live view in a real terminal: `bpx book SOL_USDC --watch` inside tmux, read back with
 * `capture-pane`, quit with `q` and with Ctrl-C. Skipped (with the reason printed) only when tmux is
 * not installed (`apt-get install -y tmux`).
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { bin, run, type Running, sleep, startSimulator } from "./harness.js"

const tmuxAvailable = spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0
if (!tmuxAvailable) {
  console.warn("skipping the live-view tests: tmux is not installed (apt-get install -y tmux)")
}

let running: Running
let maker: { apiKey: string }
let dir: string
let config: string

const tmux = (...args: ReadonlyArray<string>) =>
  new Promise<string>((resolve, reject) =>
    execFile(
      "tmux",
      ["-S", join(dir, "tmux.sock"), "-f", config, ...args],
      (error, stdout) => error ? reject(error) : resolve(stdout)
    )
  )

const capture = async (session: string) => (await tmux("capture-pane", "-p", "-t", session)).split("\n")

/** Polls `check` on the pane until it holds (or fails with the last screen after `timeoutMs`). */
const waitForScreen = async (session: string, check: (screen: Array<string>) => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs
  let screen: Array<string> = []
  while (Date.now() < deadline) {
    screen = await capture(session)
    if (check(screen)) return screen
    await sleep(150)
  }
  throw new Error(`screen never matched; last screen:\n${screen.join("\n")}`)
}

const tokens = (screen: ReadonlyArray<string>) => screen.map((line) => line.trim().split(/\s+/).join(" "))

/**
 * Starts `bpx args…` in a new 100×30 session (a real terminal) under a shell that writes its exit
 * status to `<session>.exit` once it has reaped it; answers the pid of bpx.
 */
const start = async (session: string, args: ReadonlyArray<string>, secret?: string) => {
  const env = [
    `PATH=${process.env.PATH}`,
    `TERM=xterm-256color`,
    `BACKPACK_HOST=${running.sim.url}`,
    `BACKPACK_WS_URL=${running.sim.wsUrl}`,
    ...(secret === undefined ? [] : [`BACKPACK_API_SECRET=${secret}`])
  ]
  const quoted = [...env, process.execPath, bin, ...args].map((word) => `'${word}'`).join(" ")
  const exitFile = join(dir, `${session}.exit`)
  await tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", `env -i ${quoted}; echo $? > '${exitFile}'`)
  const shell = Number((await tmux("display-message", "-p", "-t", session, "#{pane_pid}")).trim())
  // bpx is the shell's only child
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const child = await new Promise<string>((resolve) =>
      execFile("pgrep", ["-P", String(shell)], (_, stdout) => resolve(stdout.trim()))
    )
    if (child !== "") return Number(child.split("\n")[0])
    await sleep(50)
  }
  throw new Error(`bpx did not start in session ${session}`)
}

const startView = (session: string) => start(session, ["book", "SOL_USDC", "--depth", "3", "--watch"])

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Waits for bpx to end (its shell writes the status after reaping it); answers its exit status. */
const waitForExit = async (session: string, pid: number): Promise<number> => {
  const exitFile = join(dir, `${session}.exit`)
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const status = existsSync(exitFile) ? readFileSync(exitFile, "utf8").trim() : ""
    if (status !== "") {
      expect(isAlive(pid)).toBe(false)
      return Number(status)
    }
    await sleep(100)
  }
  throw new Error(`bpx did not exit (alive: ${isAlive(pid)}); screen:\n${(await capture(session)).join("\n")}`)
}

const place = (side: "Bid" | "Ask", price: string, quantity: string) =>
  run(running.sim.executeOrder(maker.apiKey, { symbol: "SOL_USDC", side, orderType: "Limit", price, quantity }))

describe.skipIf(!tmuxAvailable)("bpx in a terminal (tmux)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "bpx-tmux-"))
    config = join(dir, "tmux.conf")
    // keep a finished pane on the screen, to read what bpx left there
    writeFileSync(config, "set -g remain-on-exit on\n")
    running = await startSimulator()
    maker = await run(running.sim.createAccount({ balances: { USDC: "100000", SOL: "1000" } }))
    await place("Ask", "100.50", "1.50")
    await place("Bid", "99.50", "2")
  })

  afterAll(async () => {
    await tmux("kill-server").catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
    await running?.close()
  })

  it("draws the top of book, redraws it in place on every change, quits on q", async () => {
    const pid = await startView("q")
    const first = await waitForScreen("q", (screen) => screen.some((line) => line.startsWith("bid")))
    expect(first[0]).toMatch(/^SOL_USDC {2}update \d+ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC/)
    expect(first.slice(1, 7)).toEqual([
      "SIDE   PRICE  QUANTITY  TOTAL",
      "ask   100.50      1.50   1.50",
      "----  spread 1.00",
      "bid    99.50      2.00   2.00",
      "",
      "q or Ctrl-C to quit"
    ])

    // a new best bid, one order at a time until the view shows it (the local book starts from the
    // first depth event), then a new best ask, which the live book applies at once
    let bids = 0
    for (; bids < 50; bids++) {
      const screen = await capture("q")
      if (screen.some((line) => line.startsWith("bid    99.75"))) break
      await place("Bid", "99.75", "1")
      await sleep(300)
    }
    await place("Ask", "100.25", "0.50")
    const expected = [
      "SIDE PRICE QUANTITY TOTAL",
      "ask 100.50 1.50 2.00",
      "ask 100.25 0.50 0.50",
      "---- spread 0.50",
      `bid 99.75 ${bids}.00 ${bids}.00`,
      `bid 99.50 2.00 ${bids + 2}.00`,
      "",
      "q or Ctrl-C to quit"
    ]
    const live = await waitForScreen(
      "q",
      (screen) => JSON.stringify(tokens(screen.slice(1, 9))) === JSON.stringify(expected)
    )
    expect(live[0]).toMatch(/ {2}resyncs 0$/)
    // redrawn in place: one frame on the screen, nothing below it
    expect(live.filter((line) => line.startsWith("SOL_USDC")).length).toBe(1)
    expect(live.slice(9).every((line) => line.trim() === "")).toBe(true)

    await tmux("send-keys", "-t", "q", "q")
    expect(await waitForExit("q", pid)).toBe(0)
    // the alternate screen is gone: the terminal is back to the (empty) main screen
    const after = await capture("q")
    expect(after.some((line) => line.startsWith("SOL_USDC"))).toBe(false)
  }, 120_000)

  it("quits on Ctrl-C with no process left", async () => {
    const pid = await startView("ctrl-c")
    await waitForScreen("ctrl-c", (screen) => screen.some((line) => line.startsWith("bid")))
    await tmux("send-keys", "-t", "ctrl-c", "C-c")
    expect(await waitForExit("ctrl-c", pid)).toBe(0)
    expect(isAlive(pid)).toBe(false)
  }, 60_000)

  it("order place asks for confirmation on a terminal: no sends nothing, yes places the order", async () => {
    const trader = await run(running.sim.createAccount({ balances: { USDC: "1000" } }))
    const args = ["order", "place", "SOL_USDC", "--side", "buy", "--quantity", "1", "--price", "98.00"]
    const question = "Place a limit order to buy 1 SOL_USDC at 98.00?"

    const declined = await start("no", args, trader.apiSecret)
    await waitForScreen("no", (screen) => screen.some((line) => line.includes(question)))
    await tmux("send-keys", "-t", "no", "n")
    expect(await waitForExit("no", declined)).toBe(1)
    const refusal = await capture("no")
    expect(refusal).toContain("bpx: cancelled: did not place a limit order to buy 1 SOL_USDC at 98.00")
    expect((await run(running.sim.balances(trader.apiKey))).USDC!.locked).toMatch(/^0(\.0+)?$/)

    const accepted = await start("yes", args, trader.apiSecret)
    await waitForScreen("yes", (screen) => screen.some((line) => line.includes(question)))
    await tmux("send-keys", "-t", "yes", "y")
    expect(await waitForExit("yes", accepted)).toBe(0)
    const placed = tokens(await capture("yes"))
    expect(placed.some((line) => /^\d+ \d+ SOL_USDC Bid Limit 98 1 0 New /.test(line))).toBe(true)
    expect((await run(running.sim.balances(trader.apiKey))).USDC!.locked).toMatch(/^98(\.0+)?$/)
  }, 120_000)
})

import { BackpackClient, Endpoints } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { capture, encodingsOf } from "./utils/capture.js"
import { demoSecret, mockHttp, sdkLayer } from "./utils/mock.js"

const twoFactorToken = "742913-2fa-token"

/** A signed workload with failures of every kind; returns the signatures that were sent. */
const workload = (http: ReturnType<typeof mockHttp>) =>
  Effect.gen(function*() {
    const signatures: Array<string> = []
    const sent = () => {
      for (const r of http.requests) {
        if (r.headers["x-signature"] !== undefined) signatures.push(r.headers["x-signature"])
      }
    }
    const answers = [
      { body: [] },
      { status: 400, body: { code: "INVALID_CLIENT_REQUEST", message: "bad" } },
      { status: 401, body: { code: "INVALID_SIGNATURE", message: "Invalid signature" } },
      { status: 503, text: "unavailable" },
      { text: "<html>oops</html>" },
      "reset"
    ] as const
    for (const answer of answers) {
      sent()
      http.respond(() => answer)
      yield* Effect.exit(BackpackClient.execute(Endpoints.Orders.getOpenOrders, {}))
      yield* Effect.exit(
        BackpackClient.execute(Endpoints.Capital.requestWithdrawal, {
          address: "addr",
          blockchain: "Solana",
          symbol: "USDC",
          quantity: "1",
          twoFactorToken
        })
      )
    }
    // a mutation that times out (OutcomeUnknown) and a query that times out
    sent()
    http.respond(() => new Promise(() => {}))
    const hung = yield* Effect.fork(
      Effect.all([
        Effect.exit(BackpackClient.execute(Endpoints.Orders.getOpenOrders, {})),
        Effect.exit(
          BackpackClient.execute(Endpoints.Orders.executeOrder, {
            symbol: "SOL_USDC",
            side: "Bid",
            orderType: "Limit",
            price: "1",
            quantity: "1"
          })
        )
      ])
    )
    yield* TestClock.adjust("1 minute")
    yield* Fiber.join(hung)
    sent()
    return signatures
  })

describe("secrets never reach a span, an event, an exit or a log", () => {
  it.effect("signed workload with failures: no secret (any encoding), no X-Signature sent, no 2FA token", () => {
    const http = mockHttp()
    const { captured, layer } = capture()
    return Effect.gen(function*() {
      const signatures = yield* workload(http)
      expect(signatures.length).toBeGreaterThanOrEqual(13)
      // the capture did see the calls: their spans, the platform's or ours
      expect(captured.spans.some((s) => s.name === "Orders.getOpenOrders")).toBe(true)
      expect(captured.spans.some((s) => s.name.startsWith("http.client"))).toBe(true)
      const text = captured.text()
      expect(text).toContain("INVALID_SIGNATURE")
      for (const needle of [...encodingsOf(demoSecret), ...signatures, ...signatures.map((s) => encodingsOf(s)[1]!)]) {
        expect(text.includes(needle!), `leaked ${needle}`).toBe(false)
      }
      expect(text.includes(twoFactorToken)).toBe(false)
    }).pipe(Effect.provide(Layer.merge(sdkLayer(http.layer), layer)))
  })
})

import { BackpackConfig, Signer } from "@effect-backpack/sdk"
import { NodeSigner } from "@effect-backpack/sdk/node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Redacted } from "effect"
import { demoPublicKey, demoSecret } from "./utils/mock.js"

// Worked examples (backpack-api.md §2.5): signing strings from the official docs, signatures computed
// with the support-guide demo seed.
const vectors = [
  {
    name: "cancel order",
    instruction: "orderCancel",
    params: { orderId: 28, symbol: "BTC_USDT" },
    timestamp: 1614550000000,
    signing: "instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=1614550000000&window=5000",
    signature: "zEG6YnoeAYkxY4tNgJfWnjcPTBa501irFgBnArYXORzexlr9mrjflWI6Wm/YwimVZGe9PARP/mZxOHXsvhuZBw=="
  },
  {
    name: "batch orders",
    instruction: "orderExecute",
    params: [
      { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "141", quantity: "12" },
      { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "140", quantity: "11" }
    ],
    timestamp: 1750793021519,
    signing:
      "instruction=orderExecute&orderType=Limit&price=141&quantity=12&side=Bid&symbol=SOL_USDC_PERP&instruction=orderExecute&orderType=Limit&price=140&quantity=11&side=Bid&symbol=SOL_USDC_PERP&timestamp=1750793021519&window=5000",
    signature: "e9UDA3qCQqjmuJVecsHH818nwcRBL2kY6MGmgQAGs4Wqcs9Dan7xgHOnTfDXCPmXiSDU4/vx4IYWoDMgk4AeBQ=="
  },
  {
    name: "websocket subscribe",
    instruction: "subscribe",
    params: undefined,
    timestamp: 1614550000000,
    signing: "instruction=subscribe&timestamp=1614550000000&window=5000",
    signature: "JET04e2DKxa3MzJX+vHAvZ2t85IDCQV0Yvkne6ZioCLxZhaDPHACzfEFkaACTR+J2WlVJjGX2nICcJMwOK8zAw=="
  },
  {
    name: "balances (no params)",
    instruction: "balanceQuery",
    params: {},
    timestamp: 1614550000000,
    signing: "instruction=balanceQuery&timestamp=1614550000000&window=5000",
    signature: "qz9CmzCkuYD4Y2s2ifeL3MBHc3NtCapiiHhZm1px08FqkZFuHSO5sohI+MKABd02yXwf7EviULr6IGRs/kRsDw=="
  },
  {
    name: "order execute with booleans and integers",
    instruction: "orderExecute",
    params: {
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      timeInForce: "GTC",
      price: "180.50",
      quantity: "1.5",
      clientId: 1001,
      postOnly: true,
      selfTradePrevention: "RejectTaker",
      reduceOnly: undefined
    },
    timestamp: 1735689600000,
    signing:
      "instruction=orderExecute&clientId=1001&orderType=Limit&postOnly=true&price=180.50&quantity=1.5&selfTradePrevention=RejectTaker&side=Bid&symbol=SOL_USDC&timeInForce=GTC&timestamp=1735689600000&window=5000",
    signature: "Nt/l7sHIKJNAXP9ojVjrCeUspQ2+YbjPUcTWDExau7Md76bstBtp8RzG0lRAVDfFQDatQvTHpakb3ErQUazRBQ=="
  },
  {
    name: "fill history query",
    instruction: "fillHistoryQueryAll",
    params: { symbol: "SOL_USDC", limit: 100, offset: 0 },
    timestamp: 1614550000000,
    signing: "instruction=fillHistoryQueryAll&limit=100&offset=0&symbol=SOL_USDC&timestamp=1614550000000&window=5000",
    signature: "b8kDQhA9QSo6I7TixqteRt1hg27bOyoTl3GTuqoLvlVuHniq5tk6vHK4ttSyGYehdg351Df7lioJp3RKsdbGDQ=="
  }
] as const

const backends = [
  ["@noble/curves", Signer.make] as const,
  ["node:crypto", NodeSigner.make] as const
]

describe("Signer", () => {
  for (const v of vectors) {
    it(`signing string: ${v.name}`, () => {
      expect(
        Signer.signingString({
          instruction: v.instruction,
          params: v.params as any,
          timestamp: v.timestamp,
          window: 5000
        })
      )
        .toBe(v.signing)
    })
    for (const [backend, make] of backends) {
      it.effect(`signature on ${backend}: ${v.name}`, () =>
        Effect.gen(function*() {
          const signer = yield* make({ apiSecret: Redacted.make(demoSecret) })
          expect(signer.publicKey).toEqual(Option.some(demoPublicKey))
          const signature = yield* signer.sign(v.signing)
          expect(Redacted.value(signature)).toBe(v.signature)
          // the signature is redacted when printed
          expect(String(signature)).not.toContain(v.signature)
        }))
    }
  }

  it.effect("a 64-byte seed‖public secret uses its first 32 bytes", () =>
    Effect.gen(function*() {
      const seed = Buffer.from(demoSecret, "base64")
      const long = Buffer.concat([seed, Buffer.from(demoPublicKey, "base64")]).toString("base64")
      const signer = yield* Signer.make({ apiSecret: Redacted.make(long) })
      expect(signer.publicKey).toEqual(Option.some(demoPublicKey))
    }))

  for (
    const [label, secret] of [
      ["not base64", "not a key!"],
      ["16 bytes", Buffer.alloc(16, 7).toString("base64")],
      ["48 bytes", Buffer.alloc(48, 7).toString("base64")],
      ["empty", ""]
    ] as const
  ) {
    for (const [backend, make] of backends) {
      it.effect(`malformed secret (${label}) is a ConfigError that does not echo it (${backend})`, () =>
        Effect.gen(function*() {
          const error = yield* Effect.flip(make({ apiSecret: Redacted.make(secret) }))
          expect(error._tag).toBe("ConfigError")
          expect(error.message).toContain("32-byte Ed25519 seed")
          if (secret.length > 3) expect(error.message).not.toContain(secret)
        }))
    }
  }

  it.effect("a key that does not match the secret fails at layer construction", () =>
    Effect.gen(function*() {
      const wrongKey = Buffer.alloc(32, 1).toString("base64")
      const layer = Signer.layer.pipe(
        Layer.provide(BackpackConfig.layer({ apiSecret: Redacted.make(demoSecret), apiKey: Redacted.make(wrongKey) }))
      )
      const error = yield* Effect.flip(Layer.build(layer).pipe(Effect.scoped))
      expect(error._tag).toBe("ConfigError")
      expect(error.message).toContain("does not match")
      expect(error.message).not.toContain(demoSecret)
    }))

  it.effect("the matching key is accepted and no secret means the public-only signer", () =>
    Effect.gen(function*() {
      const signer = yield* Signer.Signer.pipe(
        Effect.provide(Signer.layer.pipe(
          Layer.provide(
            BackpackConfig.layer({ apiSecret: Redacted.make(demoSecret), apiKey: Redacted.make(demoPublicKey) })
          )
        ))
      )
      expect(signer.publicKey).toEqual(Option.some(demoPublicKey))
      const none = yield* Signer.Signer.pipe(Effect.provide(Signer.layer.pipe(Layer.provide(BackpackConfig.layer({})))))
      expect(Option.isNone(none.publicKey)).toBe(true)
    }))

  it("decodeSecret rejects with the expected format", () => {
    const result = Signer.decodeSecret(Redacted.make("abc"))
    expect(Either.isLeft(result)).toBe(true)
  })
})

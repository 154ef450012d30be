import { describe, expect, it } from "@effect/vitest"
import { Signing } from "../src/index.js"

const DEMO = "4odxgSUxFrC/zsKWZF4OQwYAgnNu9hnWH3NxWfLAPz4="

describe("Signing (§2.5 vectors)", () => {
  it("derives the demo public key", () => {
    expect(Signing.publicKey(DEMO)).toBe("zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A=")
  })

  it("builds the documented cancel signing string and signature", () => {
    const s = Signing.signingString("orderCancel", { orderId: 28, symbol: "BTC_USDT" }, 1614550000000, 5000)
    expect(s).toBe("instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=1614550000000&window=5000")
    expect(Signing.sign(DEMO, s)).toBe(
      "zEG6YnoeAYkxY4tNgJfWnjcPTBa501irFgBnArYXORzexlr9mrjflWI6Wm/YwimVZGe9PARP/mZxOHXsvhuZBw=="
    )
  })

  it("builds the documented batch signing string and signature", () => {
    const body = [
      { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "141", quantity: "12" },
      { symbol: "SOL_USDC_PERP", side: "Bid", orderType: "Limit", price: "140", quantity: "11" }
    ]
    const s = Signing.signingString("orderExecute", body, 1750793021519, 5000)
    expect(s).toBe(
      "instruction=orderExecute&orderType=Limit&price=141&quantity=12&side=Bid&symbol=SOL_USDC_PERP&instruction=orderExecute&orderType=Limit&price=140&quantity=11&side=Bid&symbol=SOL_USDC_PERP&timestamp=1750793021519&window=5000"
    )
    expect(Signing.sign(DEMO, s)).toBe(
      "e9UDA3qCQqjmuJVecsHH818nwcRBL2kY6MGmgQAGs4Wqcs9Dan7xgHOnTfDXCPmXiSDU4/vx4IYWoDMgk4AeBQ=="
    )
  })

  it("signs the subscribe, balanceQuery, orderExecute and fills vectors", () => {
    expect(Signing.sign(DEMO, "instruction=subscribe&timestamp=1614550000000&window=5000")).toBe(
      "JET04e2DKxa3MzJX+vHAvZ2t85IDCQV0Yvkne6ZioCLxZhaDPHACzfEFkaACTR+J2WlVJjGX2nICcJMwOK8zAw=="
    )
    expect(Signing.sign(DEMO, Signing.signingString("balanceQuery", {}, 1614550000000))).toBe(
      "qz9CmzCkuYD4Y2s2ifeL3MBHc3NtCapiiHhZm1px08FqkZFuHSO5sohI+MKABd02yXwf7EviULr6IGRs/kRsDw=="
    )
    const order = {
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      timeInForce: "GTC",
      price: "180.50",
      quantity: "1.5",
      clientId: 1001,
      postOnly: true,
      selfTradePrevention: "RejectTaker"
    }
    const s = Signing.signingString("orderExecute", order, 1735689600000)
    expect(s).toBe(
      "instruction=orderExecute&clientId=1001&orderType=Limit&postOnly=true&price=180.50&quantity=1.5&selfTradePrevention=RejectTaker&side=Bid&symbol=SOL_USDC&timeInForce=GTC&timestamp=1735689600000&window=5000"
    )
    expect(Signing.sign(DEMO, s)).toBe(
      "Nt/l7sHIKJNAXP9ojVjrCeUspQ2+YbjPUcTWDExau7Md76bstBtp8RzG0lRAVDfFQDatQvTHpakb3ErQUazRBQ=="
    )
    const fills = Signing.signingString(
      "fillHistoryQueryAll",
      { symbol: "SOL_USDC", limit: 100, offset: 0 },
      1614550000000
    )
    expect(Signing.sign(DEMO, fills)).toBe(
      "b8kDQhA9QSo6I7TixqteRt1hg27bOyoTl3GTuqoLvlVuHniq5tk6vHK4ttSyGYehdg351Df7lioJp3RKsdbGDQ=="
    )
    expect(Signing.verify("zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A=", fills, Signing.sign(DEMO, fills))).toBe(true)
    expect(Signing.verify("zDIJj9qneWIY0IYZ5aXoHcNMCm+XDhVcTssiT0HyY0A=", `${fills}x`, Signing.sign(DEMO, fills))).toBe(
      false
    )
  })

  it("drops null fields and renders booleans lower-case", () => {
    expect(Signing.signingString("orderExecute", { b: null, a: false, c: 1 }, 1, 2)).toBe(
      "instruction=orderExecute&a=false&c=1&timestamp=1&window=2"
    )
  })
})

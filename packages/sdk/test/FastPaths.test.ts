/**
 * Property tests of the hot-path fast versions against the slow, obviously-correct ones:
 * lossless JSON parsing, decimal parsing, and the order-book level store (against a sorted-array
 * reference keyed by exact `BigDecimal` order).
 */
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, FastCheck as fc, Option } from "effect"
import * as Dec from "../src/internal/decimal.js"
import { parseLossless, parseLosslessSlow } from "../src/internal/json.js"
import * as B from "../src/internal/orderbook/book.js"

const outcome = (parse: (text: string) => unknown, text: string) => {
  try {
    return { ok: parse(text) }
  } catch {
    return { threw: true }
  }
}

// number literals of every kind: short, safe but long (µs timestamps), beyond 2^53, long decimals,
// exponents, negative
const literal: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: 1_000_000_000_000_000, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.bigInt({ min: 2n ** 53n - 5n, max: 10n ** 22n }).map(String),
  fc.bigInt({ min: -(10n ** 22n), max: -(2n ** 53n) + 5n }).map(String),
  fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 1, max: 22 })).map(([v, s]) => {
    const digits = v.toString().padStart(s + 1, "0")
    return `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`
  }),
  fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom("e-7", "E+3", "e12", "")).map((
    [x, e]
  ) => `${Math.abs(x) < 1e21 ? String(x).replace(/e.*$/, "") : "1.5"}${e}`)
)

// strings that look like numbers, with separators JSON uses around literals
const tricky = fc.stringMatching(/^[0-9.:,[\]eE+ -]{0,30}$/).map((s) => JSON.stringify(s))

const json: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    literal,
    tricky,
    fc.constantFrom("true", "false", "null"),
    fc.array(tie("value"), { maxLength: 5 }).map((xs) => `[${xs.join(",")}]`),
    fc.array(fc.tuple(fc.string({ maxLength: 6 }), tie("value")), { maxLength: 5 }).map((entries) =>
      `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`
    ),
    fc.tuple(fc.constantFrom(" ", "\n", "\t", "  "), tie("value")).map(([ws, v]) => `${ws}${v}${ws}`)
  )
})).value

describe("parseLossless fast path", () => {
  it.prop("equals the full scan on any JSON text", [json], ([text]) => {
    expect(outcome(parseLossless, text)).toEqual(outcome(parseLosslessSlow, text))
  })

  it.prop("equals the full scan on arbitrary text (both throw alike)", [
    fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[-0-9.eE+:,[\]{}" ]{0,40}$/))
  ], ([text]) => {
    expect(outcome(parseLossless, text)).toEqual(outcome(parseLosslessSlow, text))
  })

  it("takes the exact path where a literal needs it, and only the literal", () => {
    const text = `{"E":1759338824897386,"R":113460992315392001,"s":"0.12345678901234567","p":0.12345678901234567}`
    expect(parseLossless(text)).toEqual({
      E: 1759338824897386,
      R: "113460992315392001",
      s: "0.12345678901234567",
      p: "0.12345678901234567"
    })
  })
})

const exact = (value: Option.Option<BigDecimal.BigDecimal>) => Option.map(value, (d) => [d.value, d.scale] as const)

describe("Dec.parse fast path", () => {
  it.prop("builds exactly the BigDecimal of the slow parser (same value and scale), or none alike", [
    fc.oneof(
      fc.stringMatching(/^[-+]?[0-9]{0,18}(\.[0-9]{0,18})?([eE][-+]?[0-9]{1,3})?$/),
      fc.stringMatching(/^[-0-9. eE+,]{0,20}$/),
      fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 })).map(([n, s]) =>
        (n / 10 ** s).toFixed(s)
      )
    )
  ], ([text]) => {
    expect(exact(Dec.parse(text))).toEqual(exact(Dec.parseSlow(text)))
    expect(Option.fromNullable(Dec.parseOrUndefined(text)).pipe(exact)).toEqual(exact(Dec.parseSlow(text)))
  })

  it("keeps the scale as written and rejects what is not a decimal", () => {
    expect(exact(Dec.parse("180.50"))).toEqual(Option.some([18050n, 2]))
    expect(exact(Dec.parse("-0.00"))).toEqual(Option.some([0n, 2]))
    expect(exact(Dec.parse("1234567890123456"))).toEqual(Option.some([1234567890123456n, 0]))
    expect(Option.isNone(Dec.parse("1.2.3"))).toBe(true)
    expect(Option.isNone(Dec.parse(""))).toBe(true)
    expect(Option.isNone(Dec.parse("1_000"))).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// level store
// ---------------------------------------------------------------------------------------------

/** Prices spelled many ways: several scales, more than 15 digits, neighbours a double cannot tell apart, exponents. */
const priceText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom("", "0", "00")).map(([n, pad]) =>
    `${(n / 4).toFixed(2)}${pad}`
  ),
  fc.integer({ min: 0, max: 3 }).map((n) => `0.1${"0".repeat(18)}${n}`), // 0.1, 0.1000…01, … (one double)
  fc.integer({ min: 0, max: 3 }).map((n) => String(2n ** 60n + BigInt(n))), // integers beyond 2^53
  fc.constantFrom("1e1", "2.5E1", "1e-2", "5e-1", "10", "0.01")
)
const quantityText = fc.oneof(
  fc.constantFrom("0", "0.000", "0e3"),
  fc.integer({ min: 1, max: 10_000 }).map((n) => (n / 100).toFixed(2))
)
const parsed = (text: string) => Option.getOrThrow(Dec.parse(text))
const levelArb: fc.Arbitrary<B.Level> = fc.tuple(priceText, quantityText).map(([p, q]) => [parsed(p), parsed(q)])

/** The reference: a plain array of levels kept sorted with the exact order, replaced on equal price. */
const reference = (descending: boolean) => {
  let levels: Array<B.Level> = []
  const cmp = (a: BigDecimal.BigDecimal, b: BigDecimal.BigDecimal) => (descending ? -1 : 1) * BigDecimal.Order(a, b)
  return {
    set: (level: B.Level) => {
      levels = levels.filter(([p]) => !BigDecimal.equals(p, level[0]))
      if (!BigDecimal.isZero(level[1])) levels = [...levels, level].sort((x, y) => cmp(x[0], y[0]))
    },
    levels: () => levels
  }
}

describe("order-book level store", () => {
  it.prop("matches a sorted-array reference after any sequence of updates, on both sides", [
    fc.array(levelArb, { maxLength: 80 }),
    fc.array(fc.tuple(priceText, quantityText), { maxLength: 10 })
  ], ([updates, probes]) => {
    for (const [empty, descending] of [[B.emptyBids, true], [B.emptyAsks, false]] as const) {
      const ref = reference(descending)
      let side = empty
      const versions: Array<[B.Side, ReadonlyArray<B.Level>]> = []
      for (const level of updates) {
        side = B.setLevel(side, level)
        ref.set(level)
        versions.push([side, ref.levels()])
      }
      // the very tuples given are stored (exact scale kept), in order, and nothing else
      expect(B.top(side, Number.POSITIVE_INFINITY)).toEqual(ref.levels())
      for (const [i, level] of B.top(side, Number.POSITIVE_INFINITY).entries()) expect(level).toBe(ref.levels()[i])
      expect(B.size(side)).toBe(ref.levels().length)
      expect(B.best(side)).toEqual(Option.fromNullable(ref.levels()[0]))
      expect(B.top(side, 3)).toEqual(ref.levels().slice(0, 3))
      for (const [p, q] of probes) {
        const price = parsed(p)
        expect(B.find(side, price)).toEqual(
          Option.fromNullable(ref.levels().find(([rp]) => BigDecimal.equals(rp, price)))
        )
        // depth up to a limit: the reference sums the levels at or better than the limit
        const within = ref.levels().filter(([rp]) => (descending ? -1 : 1) * BigDecimal.Order(rp, price) <= 0)
        const depth = B.depthUpTo(side, price)
        expect(depth.levels).toBe(within.length)
        expect(
          BigDecimal.equals(
            depth.quantity,
            within.reduce((acc, [, rq]) => BigDecimal.sum(acc, rq), BigDecimal.make(0n, 0))
          )
        )
          .toBe(true)
        // an absent-price delete or a re-set never disturbs other versions
        void q
      }
      // every earlier version is unchanged
      for (const [version, levels] of versions) expect(B.top(version, Number.POSITIVE_INFINITY)).toEqual(levels)
    }
  })

  it.prop("a snapshot (sorted, duplicates, zeros or not) builds the same side as level-by-level updates", [
    fc.array(levelArb, { maxLength: 60 }),
    fc.boolean()
  ], ([levels, sortFirst]) => {
    for (const [empty, descending] of [[B.emptyBids, true], [B.emptyAsks, false]] as const) {
      const input = sortFirst
        ? [...levels].sort((x, y) => (descending ? -1 : 1) * BigDecimal.Order(x[0], y[0]))
        : levels
      let stepwise = empty
      for (const level of input) stepwise = B.setLevel(stepwise, level)
      const built = B.applyLevels(empty, input)
      expect(B.top(built, Number.POSITIVE_INFINITY)).toEqual(B.top(stepwise, Number.POSITIVE_INFINITY))
      expect(B.size(built)).toBe(B.size(stepwise))
      // and it stays a valid tree for later updates
      const more = B.applyLevels(built, levels.slice(0, 5))
      let ref = stepwise
      for (const level of levels.slice(0, 5)) ref = B.setLevel(ref, level)
      expect(B.top(more, Number.POSITIVE_INFINITY)).toEqual(B.top(ref, Number.POSITIVE_INFINITY))
    }
  })

  it.prop("isCrossed agrees with the exact comparison of the best prices", [
    fc.array(levelArb, { maxLength: 20 }),
    fc.array(levelArb, { maxLength: 20 })
  ], ([bidLevels, askLevels]) => {
    const bids = B.applyLevels(B.emptyBids, bidLevels)
    const asks = B.applyLevels(B.emptyAsks, askLevels)
    const bid = B.best(bids)
    const ask = B.best(asks)
    expect(B.isCrossed(bids, asks)).toBe(
      Option.isSome(bid) && Option.isSome(ask) && BigDecimal.greaterThanOrEqualTo(bid.value[0], ask.value[0])
    )
  })

  it("deletes a level whatever the scale of its price or of the zero", () => {
    let side = B.applyLevels(B.emptyAsks, [[parsed("1.5"), parsed("2")], [parsed("2"), parsed("1")]])
    side = B.setLevel(side, [parsed("1.500"), parsed("0.000")])
    expect(B.top(side, 10).map(([p]) => BigDecimal.format(p))).toEqual(["2"])
    expect(B.size(side)).toBe(1)
    expect(B.isCrossed(B.applyLevels(B.emptyBids, [[parsed("2.0"), parsed("1")]]), side)).toBe(true)
  })
})

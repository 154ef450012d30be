/**
 * The direct depth frame reader (`internal/stream/depthFrame.ts`) against the general path it
 * short-cuts (`parseLossless` + the `DepthEvent` Schema): on any text it either gives up (`undefined`)
 * or builds exactly the Schema's event (same class and prototype, same keys in the same order, same
 * exact decimals with their scales, same bigints) for the frame's stream name. The exchange's plain
 * form must take the fast path.
 */
import { BackpackStream } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Either, FastCheck as fc, Schema } from "effect"
import { parseLossless } from "../src/internal/json.js"
import * as Catalogue from "../src/internal/stream/catalogue.js"
import * as DepthFrame from "../src/internal/stream/depthFrame.js"

/** A rendering that tells every difference: classes, key order, decimal scales, bigints. */
const render = (value: unknown): unknown => {
  if (BigDecimal.isBigDecimal(value)) return `BigDecimal(${value.value},${value.scale})`
  if (typeof value === "bigint") return `${value}n`
  if (Array.isArray(value)) return value.map(render)
  if (typeof value === "object" && value !== null) {
    const out: Array<unknown> = [Object.getPrototypeOf(value)?.constructor?.name]
    for (const key of Object.keys(value)) out.push([key, render((value as Record<string, unknown>)[key])])
    return out
  }
  return value
}

const decodeSchema = Schema.decodeUnknownEither(BackpackStream.DepthEvent)

/** The general path: the frame's stream name and its Schema-decoded payload, or `undefined` when it fails. */
const general = (text: string): { readonly stream: unknown; readonly event: BackpackStream.DepthEvent } | undefined => {
  let json: unknown
  try {
    json = parseLossless(text)
  } catch {
    return undefined
  }
  if (typeof json !== "object" || json === null) return undefined
  const frame = json as { readonly stream?: unknown; readonly data?: unknown }
  const decoded = decodeSchema(frame.data)
  return Either.isRight(decoded) ? { stream: frame.stream, event: decoded.right } : undefined
}

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""))

/** Decimal texts: mostly plain, sometimes what only the general path reads (or nothing reads). */
const decimal = fc.oneof(
  { weight: 40, arbitrary: fc.tuple(digits(1, 9), digits(0, 6)).map(([w, f]) => (f === "" ? w : `${w}.${f}`)) },
  { weight: 1, arbitrary: fc.tuple(digits(8, 12), digits(4, 10)).map(([w, f]) => `${w}.${f}`) }, // 16+ digits
  { weight: 1, arbitrary: fc.constantFrom("-1.5", "+1.5", "1e-8", "1.", ".5", " 1", "1,5", "", "0.000", "00.50") }
)
const decimalJson = fc.oneof(
  { weight: 40, arbitrary: decimal.map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: fc.constantFrom("1.5", "2", "null", "[]") } // not strings
)
const level = fc.oneof(
  { weight: 40, arbitrary: fc.tuple(decimalJson, decimalJson).map(([p, q]) => `[${p},${q}]`) },
  { weight: 1, arbitrary: fc.constantFrom(`["1"]`, `["1","2","3"]`, `{}`, ` ["1","2"]`) }
)
const levels = fc.array(level, { maxLength: 4 }).map((l) => `[${l.join(",")}]`)

/** Integers as the exchange may send them: numbers, digit strings, long or unsafe ones, signs, fractions. */
const integer = fc.oneof(
  { weight: 30, arbitrary: fc.integer({ min: 0, max: 2_000_000_000 }).map(String) },
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 2_000_000_000 }).map((n) => `"${n}"`) },
  {
    weight: 15,
    arbitrary: fc.bigInt({ min: 1_000_000_000_000_000n, max: 9_007_199_254_740_991n }).map(String)
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.bigInt({ min: 9_007_199_254_740_000n, max: 10n ** 19n }), fc.boolean()).map((
      [n, quoted]
    ) => quoted ? `"${n}"` : String(n))
  },
  { weight: 1, arbitrary: fc.constantFrom("-1", `"-1"`, "1.5", "1e3", "007", `"007"`, `""`, "true", "0", `"0"`) }
)

const symbol = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom("SOL_USDC", "BTC_USDC_PERP") },
  { weight: 1, arbitrary: fc.constantFrom(`SOL\\u005fUSDC`, "", "A\\\"B") }
)

const members = fc.record({
  e: fc.oneof({ weight: 40, arbitrary: fc.constant(`"depth"`) }, {
    weight: 1,
    arbitrary: fc.constantFrom(`"trade"`, "1")
  }),
  E: integer,
  s: symbol.map((s) => `"${s}"`),
  a: levels,
  b: levels,
  U: integer,
  u: integer,
  T: integer
})

/** A frame text: the payload members in a random order, sometimes one missing, doubled or extra, spaces. */
const frame = fc.record({
  members,
  order: fc.shuffledSubarray(["e", "E", "s", "a", "b", "U", "u", "T"] as const, { minLength: 8, maxLength: 8 }),
  drop: fc.oneof({ weight: 40, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }) }),
  twice: fc.oneof({ weight: 40, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }) }),
  extra: fc.oneof({ weight: 40, arbitrary: fc.constant("") }, {
    weight: 1,
    arbitrary: fc.constantFrom(`"x":1`, `"id":null`)
  }),
  space: fc.oneof({ weight: 40, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(" ", "\n") }),
  dataFirst: fc.boolean(),
  stream: fc.oneof({ weight: 40, arbitrary: fc.constant("depth.SOL_USDC") }, {
    weight: 1,
    arbitrary: fc.constant("depth.X\\\"")
  }),
  tail: fc.oneof({ weight: 40, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(" ", "}", ",") })
}).map(({ dataFirst, drop, extra, members, order, space, stream, tail, twice }) => {
  const parts = order.filter((_, i) => i !== drop).map((k) => `"${k}":${space}${members[k]}`)
  if (twice >= 0) parts.push(`"${order[twice]}":${members[order[twice]!]}`)
  if (extra !== "") parts.push(extra)
  const data = `{${parts.join(",")}}`
  const name = `"stream":"${stream}"`
  return `{${dataFirst ? `"data":${data},${name}` : `${name},"data":${data}`}}${tail}`
})

describe("depth frame reader", () => {
  it("gives up or equals parseLossless + the DepthEvent Schema, on any frame text", () => {
    let read = 0
    let decodable = 0
    fc.assert(
      fc.property(frame, (text) => {
        const fast = DepthFrame.read(text)
        const slow = general(text)
        if (slow !== undefined) decodable++
        if (fast === undefined) return
        read++
        expect(slow).toBeDefined()
        expect(fast.stream).toBe(slow!.stream)
        expect(fast.event).toBeInstanceOf(BackpackStream.DepthEvent)
        expect(Object.getPrototypeOf(fast.event)).toBe(Object.getPrototypeOf(slow!.event))
        expect(render(fast.event)).toEqual(render(slow!.event))
      }),
      { numRuns: 5000 }
    )
    // both paths are exercised: many frames read directly, many left to the general path
    expect(read).toBeGreaterThan(500)
    expect(decodable - read).toBeGreaterThan(100)
  })

  it.prop("arbitrary text: gives up or agrees with the general path", [fc.string({ maxLength: 80 })], ([noise]) => {
    for (const text of [noise, `{"stream":"depth.A_B","data":${noise}}`]) {
      const fast = DepthFrame.read(text)
      if (fast !== undefined) expect(render(fast.event)).toEqual(render(general(text)?.event))
    }
  })

  it("reads the exchange's frames on the fast path, exactly", () => {
    const live = `{"stream":"depth.SOL_USDC","data":{"e":"depth","E":1694687965941000,"s":"SOL_USDC",` +
      `"a":[["18.70","0.000"]],"b":[["18.67","0.832"],["18.68","0.000"]],"U":94978271,"u":94978273,` +
      `"T":1694687965940999}}`
    const quoted = `{"data":{"e":"depth","E":"1759338824897386","s":"SOL_USDC","a":[],"b":[["9.5","12"]],` +
      `"U":"9007199254740993","u":"9007199254740995","T":"1759338824895616"},"stream":"depth.SOL_USDC"}`
    for (const text of [live, quoted]) {
      const fast = DepthFrame.read(text)
      expect(fast).toBeDefined()
      expect(render(fast!.event)).toEqual(render(general(text)!.event))
    }
    const event = DepthFrame.read(live)!.event
    expect([event.firstUpdateId, event.lastUpdateId, event.eventTime, event.engineTime]).toEqual([
      94978271n,
      94978273n,
      1694687965941000,
      1694687965940999
    ])
    expect(event.bids.map(([p, q]) => [p.value, p.scale, q.value, q.scale])).toEqual([[1867n, 2, 832n, 3], [
      1868n,
      2,
      0n,
      3
    ]])
    expect(DepthFrame.read(quoted)!.event.lastUpdateId).toBe(9007199254740995n)
    // the fast-built event is the class's own instance, fields in the Schema's order
    expect(Object.keys(event)).toEqual(Object.keys(Either.getOrThrow(decodeSchema(JSON.parse(live).data))))
    expect(Catalogue.decodeDepth(JSON.parse(live).data)).toEqual(Either.right(event))
  })

  it("leaves unsafe numbers, exponents, signs, escapes and extra keys to the general path", () => {
    const base = {
      e: `"depth"`,
      E: "1",
      s: `"X_Y"`,
      a: "[]",
      b: `[["1.5","2"]]`,
      U: "1",
      u: "1",
      T: "2"
    }
    const text = (over: Partial<typeof base>, extra = "") =>
      `{"stream":"depth.X_Y","data":{${
        Object.entries({ ...base, ...over }).map(([k, v]) => `"${k}":${v}`).join(",")
      }${extra}}}`
    expect(DepthFrame.read(text({}))).toBeDefined()
    for (
      const over of [
        { U: "9007199254740993" }, // unsafe as a number: exact only through the lossless parse
        { E: "9007199254740993" },
        { b: `[["1e-8","2"]]` },
        { b: `[["+1.5","2"]]` },
        { b: `[["-1.5","2"]]` },
        { b: `[["1234567890.1234567","2"]]` }, // 17 digits
        { b: `[[1.5,"2"]]` },
        { s: `"X\\u005fY"` },
        { E: "01" },
        { U: "-1" }
      ]
    ) expect(DepthFrame.read(text(over))).toBeUndefined()
    expect(DepthFrame.read(text({}, `,"x":1`))).toBeUndefined()
    expect(DepthFrame.read(text({}) + " ")).toBeUndefined()
  })
})

/**
 * Property tests of the hand-written request validation (`internal/fastRequest.ts`) against the
 * request Schemas of every endpoint it takes: for any input it either gives up (`undefined`, then
 * the Schema runs and reports its own `ValidationError`) or answers exactly the wire parameters the
 * Schema decodes (unset fields left out, as the executor sends them). It must never accept what the
 * Schema refuses. The common order placements must take it.
 */
import type { Orders } from "@effect-backpack/sdk"
import { Endpoints } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Either, FastCheck as fc, Schema } from "effect"
import type * as AST from "effect/SchemaAST"
import * as FastRequest from "../src/internal/fastRequest.js"
import * as S from "../src/internal/schema.js"
import { OrderExecutePayload } from "../src/models/orders.js"

const decode = (schema: Schema.Schema.Any) =>
  Schema.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>, {
    errors: "first",
    onExcessProperty: "error"
  })

/** What the executor sends from a Schema result: unset fields dropped. */
const compact = (wire: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined && value !== null))

/** Values a field of each kind may be given: well-formed ones, then near misses. */
const decimals = ["1", "1.00", "0.5", "250.125"]
const notDecimals = ["0", "0.000", "-1", "1e5", ".5", "1.", "", "abc", " 1"]
const pools = new Map<AST.AST, { readonly valid: ReadonlyArray<unknown>; readonly invalid: ReadonlyArray<unknown> }>([
  [S.MarketSymbol.ast, { valid: ["SOL_USDC", "BTC_USDC_PERP", "SPCX.US_USDC"], invalid: ["SOL", "sol-usdc", "", 7] }],
  [S.AssetSymbol.ast, { valid: ["SOL", "USDC", "SPCX.US"], invalid: ["SOL_USDC", "", 1] }],
  [S.NonEmpty.ast, { valid: ["114000000000000000", "x"], invalid: ["", 5] }],
  [S.DecimalParam.ast, {
    valid: [...decimals, "-1", "0", BigDecimal.unsafeFromString("-2.50")],
    invalid: ["1e5", "", 1.5]
  }],
  [S.PositiveDecimalParam.ast, {
    valid: [...decimals, BigDecimal.unsafeFromString("1.50")],
    invalid: [...notDecimals, BigDecimal.fromBigInt(0n), 2]
  }],
  [S.QuantityOrPercentParam.ast, {
    valid: [...decimals, "50%", BigDecimal.unsafeFromString("3")],
    invalid: [...notDecimals, "0%", "-5%", "x%", "%"]
  }],
  [S.Uint16.ast, { valid: [0, 1, 65_535], invalid: [65_536, -1, 1.5, "1", Number.NaN] }],
  [S.Uint32.ast, { valid: [0, 1, 4_294_967_295], invalid: [4_294_967_296, -1, 2.5, "7", Number.POSITIVE_INFINITY] }],
  [Schema.Boolean.ast, { valid: [true, false], invalid: ["true", 0] }]
])
const strangers: ReadonlyArray<unknown> = [null, undefined, {}, [], 1, Symbol.for("x")]

interface FieldPool {
  readonly name: string
  readonly optional: boolean
  readonly valid: ReadonlyArray<unknown>
  readonly invalid: ReadonlyArray<unknown>
}

const fieldsOf = (schema: Schema.Schema.Any): ReadonlyArray<FieldPool> => {
  let ast = schema.ast
  while (ast._tag === "Refinement") ast = ast.from
  if (ast._tag !== "TypeLiteral") return []
  return ast.propertySignatures.map((property) => {
    const type = property.isOptional && property.type._tag === "Union" ? property.type.types[0]! : property.type
    const literals = type._tag === "Union"
      ? type.types.flatMap((t) => (t._tag === "Literal" ? [t.literal] : []))
      : type._tag === "Literal"
      ? [type.literal]
      : []
    const pool = pools.get(type)
    return {
      name: String(property.name),
      optional: property.isOptional,
      valid: [...(pool?.valid ?? []), ...literals],
      invalid: [...(pool?.invalid ?? []), ...(literals.length > 0 ? [`${literals[0]}x`] : []), ...strangers]
    }
  })
}

/**
 * Inputs over a schema's fields: required fields mostly present and well-formed, optional ones
 * mostly absent; sometimes a near miss, a stranger or an excess key.
 */
const inputs = (schema: Schema.Schema.Any) => {
  const fields = fieldsOf(schema)
  const absent = Symbol("absent")
  const field = (f: FieldPool) =>
    fc.oneof(
      { weight: f.optional ? 12 : 1, arbitrary: fc.constant(absent) },
      { weight: 8, arbitrary: fc.constantFrom(...f.valid) },
      { weight: 1, arbitrary: fc.constantFrom(...f.invalid) }
    )
  return fc.tuple(
    fc.tuple(...fields.map(field)),
    fc.option(fc.constantFrom("extra", "Symbol", "__proto__x"), { freq: 8 })
  ).map(([values, extra]) => {
    const input: Record<string, unknown> = {}
    fields.forEach((f, i) => {
      if (values[i] !== absent) input[f.name] = values[i]
    })
    if (extra !== null) input[extra] = "1"
    return input
  })
}

const agrees = (schema: Schema.Schema.Any, fast: (input: unknown) => unknown, input: unknown) => {
  const expected = decode(schema)(input)
  const got = fast(input)
  if (Either.isLeft(expected)) expect(got).toBeUndefined()
  else if (got !== undefined) expect(got).toStrictEqual(compact(expected.right as Record<string, unknown>))
  return got !== undefined
}

describe("fast request validation", () => {
  const covered = Endpoints.all.flatMap((endpoint) => {
    const fast = FastRequest.forRequest(endpoint.request)
    return fast === undefined ? [] : [{ endpoint, fast }]
  })

  it("covers the order placement and the commonest requests", () => {
    const names = covered.map(({ endpoint }) => endpoint.name)
    expect(names).toEqual(expect.arrayContaining([
      "Orders.executeOrder",
      "Orders.cancelOrder",
      "Orders.getOrder",
      "Markets.getDepth",
      "Markets.getTicker"
    ]))
  })

  /** Where cross-field rules make random inputs rarely whole: a well-formed core the inputs are laid over, half the time. */
  const cores: Record<string, Record<string, unknown>> = {
    "Orders.executeOrder": { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "1.5", quantity: "2" }
  }

  for (const { endpoint, fast } of covered) {
    it(`${endpoint.name}: gives up or answers exactly the Schema's wire parameters`, () => {
      let taken = 0
      const core = cores[endpoint.name]
      const arbitrary = core === undefined
        ? inputs(endpoint.request)
        : fc.tuple(inputs(endpoint.request), fc.boolean()).map(([input, over]) => over ? { ...core, ...input } : input)
      fc.assert(
        fc.property(arbitrary, (input) => {
          if (agrees(endpoint.request, fast, input)) taken++
        }),
        { numRuns: 500 }
      )
      // a well-formed input takes the fast path: the core, or every required field at its first well-formed value
      const minimal = core ?? Object.fromEntries(
        fieldsOf(endpoint.request).filter((f) => !f.optional).map((f) => [f.name, f.valid[0]])
      )
      const expected = decode(endpoint.request)(minimal)
      if (Either.isRight(expected)) {
        expect(fast(minimal)).toStrictEqual(compact(expected.right as Record<string, unknown>))
      } else {
        // the Schema needs one of several optional fields here: then some random input took the fast path
        expect(taken).toBeGreaterThan(0)
      }
    })
  }

  it("the common order placements take it, with the values the caller wrote", () => {
    const fast = FastRequest.forRequest(OrderExecutePayload)!
    const limit: Orders.ExecuteOrderParams = {
      symbol: "SOL_USDC",
      side: "Bid",
      orderType: "Limit",
      quantity: "1",
      price: "1.00",
      postOnly: true,
      clientId: 4_294_967_295
    }
    expect(fast(limit)).toStrictEqual({ ...limit })
    const market = {
      symbol: "SOL_USDC",
      side: "Ask",
      orderType: "Market",
      quoteQuantity: BigDecimal.unsafeFromString("25.50")
    }
    expect(fast(market)).toStrictEqual({ symbol: "SOL_USDC", side: "Ask", orderType: "Market", quoteQuantity: "25.50" })
    expect(fast({ ...limit, triggerPrice: "2", triggerQuantity: "50%" })).toStrictEqual({
      ...limit,
      triggerPrice: "2",
      triggerQuantity: "50%"
    })
  })

  it("leaves to the Schema what it refuses: cross-field rules, excess keys, class instances", () => {
    const fast = FastRequest.forRequest(OrderExecutePayload)!
    const limit = { symbol: "SOL_USDC", side: "Bid", orderType: "Limit", quantity: "1", price: "1" }
    // postOnly with IOC, a price on a market order: the Schema's refinement refuses both
    expect(fast({ ...limit, postOnly: true, timeInForce: "IOC" })).toBeUndefined()
    expect(fast({ ...limit, orderType: "Market" })).toBeUndefined()
    expect(fast({ ...limit, leverage: "3" })).toBeUndefined()
    expect(fast({ ...limit, [Symbol.for("x")]: 1 })).toBeUndefined()
    class Order {
      constructor(readonly symbol: string) {}
    }
    expect(fast(new Order("SOL_USDC"))).toBeUndefined()
    expect(fast({ ...limit, price: undefined })).toBeUndefined()
  })
})

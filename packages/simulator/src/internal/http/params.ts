/**
 * Query-string parsing at the edge, with the plain-text errors of the real exchange's web framework
 * (`` failed to parse parameter `interval`: … ``).
 *
 * @internal
 */
import { PlainFailure } from "../engine/model.js"

export const paramError = (name: string, detail: string) =>
  new PlainFailure(400, `failed to parse parameter \`${name}\`: ${detail}`)

export const reqString = (q: URLSearchParams, name: string, type = "string"): string => {
  const v = q.get(name)
  if (v === null) throw paramError(name, `Type "${type}" expects an input value.`)
  return v
}

export const enumParam = <A extends string>(
  q: URLSearchParams,
  name: string,
  type: string,
  values: ReadonlyArray<A>,
  required = false
): A | undefined => {
  const v = q.get(name)
  if (v === null) {
    if (required) throw paramError(name, `Type "${type}" expects an input value.`)
    return undefined
  }
  if (!(values as ReadonlyArray<string>).includes(v)) {
    throw paramError(name, `failed to parse "${type}": Expect a valid enumeration value.`)
  }
  return v as A
}

export const intParam = (q: URLSearchParams, name: string, type = "uint64", required = false): number | undefined => {
  const v = q.get(name)
  if (v === null) {
    if (required) throw paramError(name, `Type "${type}" expects an input value.`)
    return undefined
  }
  const signed = type.startsWith("int")
  if (!(signed ? /^-?\d+$/ : /^\d+$/).test(v)) {
    throw paramError(name, `failed to parse "${type}": invalid digit found in string`)
  }
  const bits = BigInt(type.replace(/^u?int/, ""))
  const max = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n
  const min = signed ? -(2n ** (bits - 1n)) : 0n
  if (v.length > 24 || BigInt(v) > max) {
    throw paramError(name, `failed to parse "${type}": number too large to fit in target type`)
  }
  if (BigInt(v) < min) throw paramError(name, `failed to parse "${type}": number too small to fit in target type`)
  return Number(v)
}

export const boolParam = (q: URLSearchParams, name: string): boolean | undefined => {
  const v = q.get(name)
  if (v === null) return undefined
  if (v !== "true" && v !== "false") {
    throw paramError(name, "failed to parse \"boolean\": provided string was not `true` or `false`")
  }
  return v === "true"
}

/** `limit` / `offset` pagination over rows already in answer order. */
export const page = <A>(rows: ReadonlyArray<A>, q: URLSearchParams, defaultLimit = 100, maxLimit = 1000): Array<A> => {
  const limit = Math.min(intParam(q, "limit") ?? defaultLimit, maxLimit)
  const offset = intParam(q, "offset") ?? 0
  return rows.slice(offset, offset + limit)
}

/** `limit` / `offset` of a paginated history query. */
export const pageOf = (q: URLSearchParams, defaultLimit = 100, maxLimit = 1000): { offset: number; limit: number } => ({
  limit: Math.min(intParam(q, "limit") ?? defaultLimit, maxLimit),
  offset: intParam(q, "offset") ?? 0
})

export const sortDirection = (q: URLSearchParams) =>
  enumParam(q, "sortDirection", "SortDirection", ["Asc", "Desc"]) ?? "Desc"

export const MARKET_TYPES = ["SPOT", "PERP", "IPERP", "DATED", "PREDICTION", "RFQ"] as const

/** Repeated `marketType` filter; `undefined` when absent. */
export const marketTypesFilter = (q: URLSearchParams): ReadonlyArray<string> | undefined => {
  const all = q.getAll("marketType")
  for (const v of all) {
    if (!(MARKET_TYPES as ReadonlyArray<string>).includes(v)) {
      throw paramError("marketType", "failed to parse \"MarketType\": Expect a valid enumeration value.")
    }
  }
  return all.length === 0 ? undefined : all
}

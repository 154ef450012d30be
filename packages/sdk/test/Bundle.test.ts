/**
 * The Node bundle the package ships (`dist/bundle`, built by `build.mjs` in `pnpm build`; Node
 * resolves the package's entry points to it): built here into `build/test-bundle`, its three entry
 * points export the same namespaces with the same members as the sources, and it works (a model
 * decodes an answer, an endpoint validates its input).
 */
import * as Sdk from "@effect-backpack/sdk"
import * as SdkNode from "@effect-backpack/sdk/node"
import * as SdkTesting from "@effect-backpack/sdk/testing"
import { describe, expect, it } from "@effect/vitest"
import { BigDecimal, Schema } from "effect"
import { rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..")
const outdir = join(packageDir, "build", "test-bundle")

/** Member names and kinds of every namespace of an entry point. */
const shape = (entry: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(entry).sort().map((name) => {
      const namespace = entry[name] as Record<string, unknown>
      return [name, Object.keys(namespace).sort().map((member) => `${member}: ${typeof namespace[member]}`)]
    })
  )

describe("the Node bundle", () => {
  it("exports what the sources export, and works", { timeout: 60_000 }, async () => {
    rmSync(outdir, { recursive: true, force: true })
    const build: { readonly bundle: (outdir: string) => Promise<unknown> } = await import(
      pathToFileURL(join(packageDir, "build.mjs")).href
    )
    await build.bundle(outdir)
    const load = (name: string): Promise<Record<string, unknown>> => import(pathToFileURL(join(outdir, name)).href)
    const [index, node, testing] = await Promise.all([load("index.js"), load("node.js"), load("testkit.js")])

    expect(shape(index)).toEqual(shape(Sdk))
    expect(shape(node)).toEqual(shape(SdkNode))
    expect(shape(testing)).toEqual(shape(SdkTesting))
    expect(Object.keys(shape(index))).toContain("Markets")

    // names are kept: a model class is called as in the sources
    const Markets = index["Markets"] as typeof Sdk.Markets
    expect(Markets.Market.name).toBe("Market")
    expect(Markets.Depth.name).toBe("Depth")

    const depth = Schema.decodeUnknownSync(Markets.Depth)({
      asks: [["21.50", "3"]],
      bids: [["21.40", "1.5"]],
      lastUpdateId: "9007199254740993",
      timestamp: 1_700_000_000_000
    })
    expect(depth).toBeInstanceOf(Markets.Depth)
    expect(depth.lastUpdateId).toBe(9_007_199_254_740_993n)
    expect(BigDecimal.format(depth.asks[0]![0])).toBe("21.5")

    const Endpoints = index["Endpoints"] as typeof Sdk.Endpoints
    expect(Endpoints.all).toHaveLength(81)
    const validate = Schema.decodeUnknownEither(Endpoints.Markets.getDepth.request)
    expect(validate({ symbol: "SOL_USDC" })._tag).toBe("Right")
    expect(validate({ symbol: "not a symbol" })._tag).toBe("Left")
  })
})

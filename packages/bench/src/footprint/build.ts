/**
 * Builds what the `footprint` figure runs on plain `node`: the SDK's JavaScript as the published
 * package gives it to Node, and the footprint script itself.
 *
 * The SDK is bundled by the SDK's own build (`packages/sdk/build.mjs`, the step `pnpm build` runs):
 * Node resolves `@effect-backpack/sdk` and `@effect-backpack/sdk/node` to that bundle (the `node`
 * condition of the package's exports), so the figure imports exactly those entry files. CCXT is
 * imported as its package ships it (`import("ccxt")`, its ES modules).
 *
 * @since 0.1.0
 */
import { rmSync, symlinkSync } from "node:fs"
import * as Path from "node:path"
import { pathToFileURL } from "node:url"

/**
 * What {@link build} made: the bundled footprint script, and the folder holding the SDK's entry
 * files (`index.js`, `node.js`).
 *
 * @since 0.1.0
 */
export interface Built {
  readonly script: string
  readonly sdkJs: string
}

/**
 * Builds into `benchDir/build/footprint`: the SDK bundle (with a `node_modules` link to the SDK's
 * dependencies, so its imports resolve as in an installed package) and `footprint.mjs`.
 *
 * @since 0.1.0
 */
export const build = async (benchDir: string): Promise<Built> => {
  const esbuild = await import("esbuild")
  const sdkDir = Path.resolve(benchDir, "../sdk")
  const out = Path.join(benchDir, "build/footprint")
  rmSync(out, { recursive: true, force: true })
  const sdkJs = Path.join(out, "sdk")
  const sdkBuild: { readonly bundle: (outdir: string) => Promise<unknown> } = await import(
    pathToFileURL(Path.join(sdkDir, "build.mjs")).href
  )
  await sdkBuild.bundle(sdkJs)
  symlinkSync(Path.join(sdkDir, "node_modules"), Path.join(sdkJs, "node_modules"), "dir")
  const script = Path.join(out, "footprint.mjs")
  await esbuild.build({
    entryPoints: [Path.join(benchDir, "src/footprint/footprint.ts")],
    outfile: script,
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "error"
  })
  return { script, sdkJs }
}

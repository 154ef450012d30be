// Bundles the SDK's JavaScript for Node into dist/bundle/ (run by `pnpm build` after `tsc -b`, which
// emits the per-file JavaScript and the declarations). Node resolves the package's entry points to
// this bundle (the `node` condition of `exports`); other runtimes and bundlers get the per-file
// modules of dist/. The three entry points (`.`, `./node`, `./testing`) share their modules through
// chunks, so a program that imports several of them loads each SDK module once.
//
// Why: node resolves and loads every ES module file on its own, and resolves every `effect/...`
// import of every file against effect's exports map. Importing the SDK as 82 files cost about 250 ms
// of CPU more than importing it as 3 entry files and 2 chunks (packages/bench, figure `footprint`).
// Dependencies (effect, @effect/platform, @noble/curves, the simulator) stay imports: they are
// peers or dependencies the user's program shares. Names are kept (`keepNames`), so classes and
// functions have the names of their source.
import { build } from "esbuild"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))

/** The entry points of the package, as `exports` names them. */
export const entryPoints = ["index", "node", "testkit"]

/** Bundles the sources of `sourceDir` (default: this package's `src`) into `outdir`. */
export const bundle = (outdir, sourceDir = join(here, "src")) =>
  build({
    entryPoints: entryPoints.map((name) => join(sourceDir, `${name}.ts`)),
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: "none",
    logLevel: "warning"
  })

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle(join(here, "dist", "bundle"))

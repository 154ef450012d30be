// Bundles the CLI into one ES module, dist/bpx.mjs (the `bpx` executable): node starts it in a
// fraction of a second, with no TypeScript loader and no workspace sources at run time.
import { build } from "esbuild"
import { chmodSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const outfile = join(here, "dist", "bpx.mjs")

await build({
  entryPoints: [join(here, "src", "bin.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // ws loads these optional native add-ons inside try/catch; leave them to the installed copy, if any
  external: ["bufferutil", "utf-8-validate"],
  banner: {
    // bundled CommonJS dependencies (ws) call require()
    js: "#!/usr/bin/env node\nimport { createRequire as __bpxCreateRequire } from \"node:module\"\nconst require = __bpxCreateRequire(import.meta.url)"
  },
  legalComments: "none",
  logLevel: "warning"
})
chmodSync(outfile, 0o755)

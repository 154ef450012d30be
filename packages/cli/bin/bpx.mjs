#!/usr/bin/env node
// The `bpx` executable: the bundle built by `pnpm --filter @effect-backpack/cli build` (dist/bpx.mjs).
import { existsSync } from "node:fs"

const bundle = new URL("../dist/bpx.mjs", import.meta.url)
if (!existsSync(bundle)) {
  process.stderr.write("bpx: dist/bpx.mjs is missing; build it with `pnpm --filter @effect-backpack/cli build`\n")
  process.exit(1)
}
await import(bundle.href)

/**
 * vitest global setup: bundles the CLI once (dist/bpx.mjs), so every test runs the real executable
 * with plain node.
 */
import { execFileSync } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export default function setup() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..")
  execFileSync(process.execPath, [join(root, "build.mjs")], { cwd: root, stdio: "inherit" })
}

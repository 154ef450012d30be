import { defineConfig } from "vitest/config"

// Root options only; the projects are listed in vitest.workspace.ts. When VITEST_REPORT is set
// (by .ci/run), vitest also writes its JSON report there, from which CI prints its `tests:` line.
const report = process.env.VITEST_REPORT

export default defineConfig({
  test: {
    reporters: report ? ["default", ["json", { outputFile: report }]] : ["default"]
  }
})

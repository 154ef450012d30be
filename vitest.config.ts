import { defineConfig } from "vitest/config"

// Root options only; the projects are listed in vitest.workspace.ts. When VITEST_REPORT is set
// (by .ci/run), vitest also writes its JSON report there, from which CI prints its `tests:` line.
const report = process.env.VITEST_REPORT

export default defineConfig({
  test: {
    reporters: report ? ["default", ["json", { outputFile: report }]] : ["default"],
    // vitest's default is one worker per core minus one (a single worker on a 2-core machine), while most
    // test files spend their time waiting on sockets, servers and child processes: 3 workers took the suite
    // from 310 s to 198 s there
    maxWorkers: 3,
    minWorkers: 1
  }
})

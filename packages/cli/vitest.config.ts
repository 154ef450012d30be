import { defineProject, mergeConfig } from "vitest/config"
import shared from "../../vitest.shared.js"

// each test runs the bundled bpx as child processes (built once by test/build.ts); on a busy
// machine a test with several of them needs more than the shared 30 s
export default mergeConfig(
  shared,
  defineProject({ test: { name: "cli", globalSetup: ["./test/build.ts"], testTimeout: 90_000 } })
)

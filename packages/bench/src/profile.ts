/**
 * `tsx src/profile.ts <file.cpuprofile | dir> [top]`: the hottest frames of V8 CPU profiles (the
 * files `node --cpu-prof` writes; `pnpm bench --profile` produces one per SDK worker), by self time,
 * with their share of the non-idle samples (the profiler's own `Profiler.stop` excluded), plus the
 * same grouped by source file.
 *
 * @since 0.1.0
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import * as Path from "node:path"

interface ProfileNode {
  readonly id: number
  readonly callFrame: {
    readonly functionName: string
    readonly url: string
    readonly lineNumber: number
  }
}

interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>
  readonly samples: ReadonlyArray<number>
  readonly timeDeltas: ReadonlyArray<number>
}

/**
 * Self time per frame and per file, in µs, over one or more profiles.
 *
 * @since 0.1.0
 * @category profiling
 */
export const summarize = (files: ReadonlyArray<string>) => {
  const byFrame = new Map<string, number>()
  const byFile = new Map<string, number>()
  let total = 0
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as Profile
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
    for (let i = 0; i < profile.samples.length; i++) {
      const node = nodes.get(profile.samples[i]!)!
      const dt = profile.timeDeltas[i] ?? 0
      const { functionName, lineNumber, url } = node.callFrame
      // "(idle)" is waiting; a url-less "dispatch" is the inspector handling `Profiler.stop` (the
      // profile's own serialisation), not the program
      if (functionName === "(idle)" || (functionName === "dispatch" && url === "")) continue
      total += dt
      const short = url.replace(/^file:\/\//, "").replace(/.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")
        .replace(/.*\/packages\//, "packages/")
      const frame = `${functionName || "(anonymous)"} ${short}${url === "" ? "" : `:${lineNumber + 1}`}`
      byFrame.set(frame, (byFrame.get(frame) ?? 0) + dt)
      const fileKey = url === "" ? functionName : short
      byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + dt)
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({
      name,
      ms: us / 1000,
      percent: (100 * us) / Math.max(1, total)
    }))
  return { totalMs: total / 1000, frames: (n: number) => top(byFrame, n), files: (n: number) => top(byFile, n) }
}

const main = () => {
  const target = process.argv[2]
  if (target === undefined) {
    console.error("usage: tsx src/profile.ts <file.cpuprofile | directory> [top]")
    process.exit(2)
  }
  const n = Number(process.argv[3] ?? "25")
  const files = statSync(target).isDirectory()
    ? readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).map((f) => Path.join(target, f))
    : [target]
  const summary = summarize(files)
  console.log(`${files.length} profile(s), ${summary.totalMs.toFixed(0)} ms of non-idle samples\n`)
  console.log("| self % | self ms | frame |\n| ---: | ---: | --- |")
  for (const row of summary.frames(n)) console.log(`| ${row.percent.toFixed(1)} | ${row.ms.toFixed(0)} | ${row.name} |`)
  console.log("\n| self % | self ms | file |\n| ---: | ---: | --- |")
  for (const row of summary.files(Math.min(n, 15))) {
    console.log(`| ${row.percent.toFixed(1)} | ${row.ms.toFixed(0)} | ${row.name} |`)
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(Path.basename(process.argv[1]))) main()

#!/usr/bin/env node
// `pnpm docs:check`: what CI checks about the documentation.
// 1. Every `@example` in the sources of the published packages, and every TypeScript block of their READMEs,
//    compiles: each block is written to its own module under packages/examples/build/doc-examples and
//    type-checked (strict, the repository's settings less noUnusedLocals) against the built declarations of
//    the SDK and the simulator.
// 2. Every relative link of the READMEs (and the changeset notes) points at a file that exists.
// 3. TypeDoc converts the API without emitting anything; its warnings (broken {@link}s, types referenced
//    but not documented) are errors unless `--allow-warnings` is given.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const repo = join(dirname(fileURLToPath(import.meta.url)), "..")
const allowWarnings = process.argv.includes("--allow-warnings")
const failures = []

const walk = (dir) =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

// 1. examples
/** The `@example` blocks of a source file, with the line each starts on. */
const examplesOf = (file) => {
  const lines = readFileSync(file, "utf8").split("\n")
  const found = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i])) continue
    const body = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j]
      if (/^\s*\*\//.test(line) || /^\s*\*\s*@\w+/.test(line)) break
      body.push(line.replace(/^\s*\* ?/, ""))
    }
    const code = body.filter((line) => !/^```/.test(line.trim())).join("\n").trim()
    found.push({ line: i + 1, code })
    i = j - 1
  }
  return found
}

execFileSync("pnpm", ["build"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] })
const out = join(repo, "packages", "examples", "build", "doc-examples")
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const origin = new Map()
let count = 0
for (const pkg of ["sdk", "simulator"]) {
  for (const file of walk(join(repo, "packages", pkg, "src")).filter((f) => f.endsWith(".ts"))) {
    for (const { code, line } of examplesOf(file)) {
      const name = `${relative(join(repo, "packages"), file).replace(/[/.]/g, "_")}_${line}.ts`
      const source = `${relative(repo, file)}:${line}`
      origin.set(name, source)
      writeFileSync(join(out, name), `// @example of ${source}\n${code}\n\nexport {}\n`)
      count++
    }
  }
}
// The TypeScript blocks of the packages' READMEs (the simulator's up to its hand-kept reference section).
for (const pkg of ["sdk", "simulator"]) {
  const readme = join(repo, "packages", pkg, "README.md")
  if (!existsSync(readme)) continue
  const text = readFileSync(readme, "utf8").split(/^## Reference$/m)[0]
  let index = 0
  for (const [, code] of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    const name = `${pkg}_README_${++index}.ts`
    const source = `packages/${pkg}/README.md, TypeScript block ${index}`
    origin.set(name, source)
    writeFileSync(join(out, name), `// ${source}\n${code}\nexport {}\n`)
    count++
  }
}
const dist = (pkg, entry) => relative(out, join(repo, "packages", pkg, "dist", `${entry}.d.ts`))
writeFileSync(
  join(out, "tsconfig.json"),
  JSON.stringify(
    {
      extends: relative(out, join(repo, "tsconfig.base.json")),
      include: ["*.ts"],
      compilerOptions: {
        composite: false,
        incremental: false,
        declaration: false,
        declarationMap: false,
        noEmit: true,
        noUnusedLocals: false,
        paths: {
          "@effect-backpack/sdk": [dist("sdk", "index")],
          "@effect-backpack/sdk/node": [dist("sdk", "node")],
          "@effect-backpack/simulator": [dist("simulator", "index")]
        }
      }
    },
    null,
    2
  )
)
const tsc = spawnSync(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", out], {
  cwd: join(repo, "packages", "examples"),
  encoding: "utf8"
})
if (tsc.status !== 0) {
  const report = (tsc.stdout + tsc.stderr).replace(/^(\S+\.ts)\((\d+),(\d+)\)/gm, (whole, file, line) => {
    const name = file.split("/").at(-1)
    return origin.has(name) ? `${whole} [example at ${origin.get(name)}, its line ${Number(line) - 1}]` : whole
  })
  failures.push(`examples do not compile:\n${report}`)
}
console.log(`[docs] ${count} @example and README blocks ${tsc.status === 0 ? "compile" : "FAIL to compile"}`)

// 2. relative links in the Markdown a user reads
const markdown = ["README.md", "packages/sdk/README.md", "packages/simulator/README.md", ".changeset/README.md"]
let links = 0
for (const doc of markdown.filter((d) => existsSync(join(repo, d)))) {
  const text = readFileSync(join(repo, doc), "utf8").replace(/```[\s\S]*?```/g, "")
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith("#")) continue
    links++
    const path = join(repo, dirname(doc), decodeURIComponent(target.split("#")[0]))
    if (!existsSync(path)) failures.push(`${doc}: broken link ${target}`)
  }
}
console.log(`[docs] ${links} relative links checked`)

// 3. TypeDoc
const typedoc = spawnSync(
  process.execPath,
  [join(repo, "node_modules", "typedoc", "bin", "typedoc"), "--emit", "none", ...(allowWarnings ? [] : ["--treatWarningsAsErrors"])],
  { cwd: repo, encoding: "utf8" }
)
const typedocOutput = typedoc.stdout + typedoc.stderr
const warnings = typedocOutput.split("\n").filter((line) => line.includes("[warning]"))
if (typedoc.status !== 0) failures.push(`typedoc failed:\n${typedocOutput}`)
else if (warnings.length > 0) console.log(typedocOutput.trimEnd())
console.log(`[docs] typedoc: status ${typedoc.status}, ${warnings.length} warning lines${allowWarnings ? " (allowed)" : ""}`)

if (failures.length > 0) {
  for (const failure of failures) console.error(`[docs] ${failure}`)
  process.exit(1)
}
console.log("[docs] passed")

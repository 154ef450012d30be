import { Console, Effect } from "effect"

/** A Console that records what the demo prints (log and info); every other method does nothing. */
export const capture = () => {
  const lines: Array<string> = []
  const push = (...args: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(args.map(String).join(" ")))
  const console = new Proxy({} as Console.Console, {
    get: (_, key) =>
      key === Console.TypeId
        ? Console.TypeId
        : key === "log" || key === "info"
        ? push
        : key === "unsafe"
        ? { ...globalThis.console, log: (...args: Array<unknown>) => void lines.push(args.join(" ")) }
        : () => Effect.void
  })
  return { lines, console }
}

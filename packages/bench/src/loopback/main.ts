/**
 * Entry of the loopback server process (forked by `main.ts`): starts {@link Server.start} on
 * 127.0.0.1:0 and sends `{ port }` to the parent; exits when the parent disconnects.
 *
 * @since 0.1.0
 */
import * as Server from "./Server.js"

const apiKey = process.env["BENCH_API_KEY"]
if (apiKey === undefined) throw new Error("BENCH_API_KEY is required")

Server.start({ apiKey, verifyEvery: Number(process.env["BENCH_VERIFY_EVERY"] ?? "8") }).then((server) => {
  const report = { port: server.port }
  if (process.send !== undefined) process.send(report)
  else console.log(JSON.stringify(report))
  process.on("disconnect", () => void server.close().then(() => process.exit(0)))
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)))
})

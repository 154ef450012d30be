import { Command } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Markets } from "@effect-backpack/sdk"
import { BackpackNode } from "@effect-backpack/sdk/node"
import { Console, Effect } from "effect"
const cmd = Command.make("bpx", {}, () => Console.log("hi", typeof Markets, typeof BackpackNode))
Command.run(cmd, { name: "bpx", version: "0.1.0" })(process.argv).pipe(Effect.provide(NodeContext.layer), NodeRuntime.runMain)

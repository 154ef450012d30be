import { it } from "@effect/vitest"
import * as Effect from "effect/Effect"

it.effect("smoke", () => Effect.sync(() => 1))

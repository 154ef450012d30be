/**
 * Control routes under `/_simulator/` (not Backpack routes): the faucet.
 *
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import type { Controls } from "../controls.js"
import * as D from "../decimal.js"
import * as Accounts from "../engine/accounts.js"
import type { Engine } from "../engine/engine.js"
import * as Body from "./body.js"
import { parseJson, tooLarge } from "./body.js"
import type { Reply } from "./reply.js"
import { apiError, failureReply, json, text } from "./reply.js"

/** Faucet body: `{ apiKey, asset, quantity }` → credits the account (a confirmed deposit). */
const faucet = (engine: Engine, body: unknown): Reply => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return text("Bad Request parse request payload error: expected an object", 400)
  }
  const b = body as Record<string, unknown>
  const account = typeof b.apiKey === "string" ? engine.accountsByKey.get(b.apiKey) : undefined
  if (account === undefined || account.internal) return apiError(404, "RESOURCE_NOT_FOUND", "Account not found")
  const asset = b.asset ?? b.symbol
  const quantity = typeof b.quantity === "string" ? D.parse(b.quantity) : undefined
  if (typeof asset !== "string" || !engine.assets.some((a) => a.symbol === asset)) {
    return apiError(400, "INVALID_ASSET", "Invalid asset")
  }
  if (quantity === undefined || quantity <= 0n) return apiError(400, "INVALID_QUANTITY", "Invalid quantity")
  const record = Accounts.deposit(engine, account, asset, quantity)
  return json({ id: record.id, symbol: asset, quantity: D.format(quantity) })
}

/** `POST /_simulator/faucet`. */
export const control = (engine: Engine, controls: Controls) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const read = yield* Body.read(NodeHttpServerRequest.toIncomingMessage(request), controls.limits.maxBodyBytes)
    if (read._tag === "TooLarge") return tooLarge(controls)
    if (read._tag === "Failed") return text("Bad Request: the body could not be read", 400)
    const parsed = parseJson(controls, read.text)
    if (parsed._tag !== "Parsed") return parsed
    try {
      return faucet(engine, parsed.value)
    } catch (e) {
      return failureReply(e, "POST /_simulator/faucet")
    }
  })

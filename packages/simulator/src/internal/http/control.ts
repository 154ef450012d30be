/**
 * Control routes under `/_simulator/` (not Backpack routes): the faucet.
 *
 * @internal
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as D from "../decimal.js"
import * as Accounts from "../engine/accounts.js"
import type { Engine } from "../engine/engine.js"
import type { Reply } from "./reply.js"
import { apiError, failureReply, json, text, toResponse } from "./reply.js"

/** Faucet body: `{ apiKey, asset, quantity }`. */
export const faucet = (engine: Engine) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const raw = yield* Effect.orElseSucceed(request.text, () => "")
    const reply = ((): Reply => {
      try {
        const body = JSON.parse(raw) as Record<string, unknown>
        const account = typeof body.apiKey === "string" ? engine.accountsByKey.get(body.apiKey) : undefined
        if (account === undefined || account.internal) return apiError(404, "RESOURCE_NOT_FOUND", "Account not found")
        const asset = body.asset ?? body.symbol
        const quantity = typeof body.quantity === "string" ? D.parse(body.quantity) : undefined
        if (typeof asset !== "string" || !engine.assets.some((a) => a.symbol === asset)) {
          return apiError(400, "INVALID_ASSET", "Invalid asset")
        }
        if (quantity === undefined || quantity <= 0n) return apiError(400, "INVALID_QUANTITY", "Invalid quantity")
        const record = Accounts.deposit(engine, account, asset, quantity)
        return json({ id: record.id, symbol: asset, quantity: D.format(quantity) })
      } catch (e) {
        return e instanceof SyntaxError ? text("invalid JSON", 400) : failureReply(e)
      }
    })()
    return toResponse(reply)
  })

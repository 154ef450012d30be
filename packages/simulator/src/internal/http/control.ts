/**
 * Control routes under `/_simulator/` (not Backpack routes): the faucet and the fault plan. They require the simulator's control
 * token, accept JSON only and refuse cross-origin requests, so a web page the user happens to open cannot mint.
 *
 * @internal
 */
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import { timingSafeEqual } from "node:crypto"
import type { Access, Controls, FaultPlan } from "../controls.js"
import { applyPlan, currentPlan, invalidPlan, originAllowed, resetFaults, statsOf } from "../controls.js"
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

const tokenOf = (headers: Record<string, string | undefined>): string | undefined => {
  const auth = headers["authorization"]
  if (auth !== undefined && /^Bearer /i.test(auth)) return auth.slice(7).trim()
  return headers["x-simulator-token"]
}

const sameToken = (access: Access, given: string | undefined): boolean => {
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(access.token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Refusals before the body is read: a browser's cross-site request (403), a missing or wrong token (401), a body
 * that is not JSON (415). All close the connection.
 */
export const guard = (
  controls: Controls,
  headers: Record<string, string | undefined>,
  withBody = true
): Reply | undefined => {
  const close = { connection: "close" }
  const site = headers["sec-fetch-site"]
  if (
    !originAllowed(controls.access, headers["origin"]) ||
    (site !== undefined && site !== "same-origin" && site !== "none")
  ) {
    return apiError(403, "FORBIDDEN", "Cross-origin requests to control routes are refused", close)
  }
  if (!sameToken(controls.access, tokenOf(headers))) {
    return apiError(
      401,
      "UNAUTHORIZED",
      "Control routes need the simulator token (Authorization: Bearer <token>)",
      close
    )
  }
  const type = headers["content-type"]
  if (!withBody) {
    const length = headers["content-length"]
    if ((length !== undefined && length !== "0") || headers["transfer-encoding"] !== undefined) {
      return apiError(415, "INVALID_CLIENT_REQUEST", "This control route takes no body", close)
    }
    return undefined
  }
  if (type === undefined || !/^application\/json\s*(;|$)/i.test(type)) {
    return apiError(415, "INVALID_CLIENT_REQUEST", "Control routes accept application/json bodies only", close)
  }
  return undefined
}

/** The guarded JSON body of a control request, or the refusal. */
const controlBody = (controls: Controls) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const refused = guard(controls, request.headers as Record<string, string | undefined>)
    if (refused !== undefined) return { reply: refused }
    const read = yield* Body.read(NodeHttpServerRequest.toIncomingMessage(request), controls.limits.maxBodyBytes)
    if (read._tag === "TooLarge") return { reply: tooLarge(controls) }
    if (read._tag === "Failed") return { reply: text("Bad Request: the body could not be read", 400) }
    const parsed = parseJson(controls, read.text)
    if (parsed._tag !== "Parsed") return { reply: parsed }
    return { body: parsed.value }
  })

/** `POST /_simulator/faucet`. */
export const control = (engine: Engine, controls: Controls) =>
  Effect.map(controlBody(controls), (read): Reply => {
    if ("reply" in read) return read.reply
    try {
      return faucet(engine, read.body)
    } catch (e) {
      return failureReply(e, "POST /_simulator/faucet")
    }
  })

/** Whether a peer address is a loopback one (IPv4, IPv6, IPv4-mapped IPv6). */
export const fromLoopback = (address: string | undefined): boolean =>
  address !== undefined && (address === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/i.test(address))

/** The fault plan in force and the counters of what was injected. */
const faultsView = (engine: Engine, controls: Controls): Reply =>
  json({ plan: currentPlan(controls, engine), stats: statsOf(controls) })

/**
 * `/_simulator/faults` (loopback clients only): `GET` reads the plan and the counters, `POST` puts a plan in force (the body is the plan;
 * 400 `INVALID_FAULT_PLAN` when it is not one; the counters keep counting), `DELETE` clears every fault and the
 * counters. Each answers the plan and counters after the change.
 */
export const faultsControl = (engine: Engine, controls: Controls, method: "GET" | "POST" | "DELETE") =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (!fromLoopback(NodeHttpServerRequest.toIncomingMessage(request).socket.remoteAddress)) {
      return apiError(403, "FORBIDDEN", "The fault controls answer loopback clients only", { connection: "close" })
    }
    if (method !== "POST") {
      const refused = guard(controls, request.headers as Record<string, string | undefined>, false)
      if (refused !== undefined) return refused
      if (method === "DELETE") resetFaults(controls, engine)
      return faultsView(engine, controls)
    }
    const read = yield* controlBody(controls)
    if ("reply" in read) return read.reply
    const invalid = invalidPlan(read.body as FaultPlan)
    if (invalid !== undefined) return apiError(400, "INVALID_FAULT_PLAN", invalid)
    applyPlan(controls, engine, read.body as FaultPlan)
    return faultsView(engine, controls)
  })

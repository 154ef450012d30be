/**
 * Request authentication (§2): signature headers, timestamp window, signing-string candidates. The header checks
 * (`preAuthenticate`) run before the body is read; the signature check needs the body.
 *
 * @internal
 */
import * as Auth from "../auth.js"
import type { Controls } from "../controls.js"
import type { Engine } from "../engine/engine.js"
import type { Account } from "../engine/model.js"
import { ApiFailure } from "../engine/model.js"

/** A request whose headers name a known key with a valid timestamp; its signature is not checked yet. */
export interface Claim {
  readonly account: Account
  readonly signature: string
  readonly timestamp: string
  readonly window: string
}

/**
 * Checks the signature headers without the body: missing headers → 401 UNAUTHORIZED; malformed timestamp/window or
 * window > 60000 → 400 INVALID_CLIENT_REQUEST; expired or future timestamp → 401 INVALID_CLIENT_REQUEST; unknown
 * key → 401 UNAUTHORIZED.
 */
export const preAuthenticate = (
  engine: Engine,
  controls: Controls,
  headers: Record<string, string | undefined>
): Claim => {
  const apiKey = headers["x-api-key"]
  const signature = headers["x-signature"]
  const timestamp = headers["x-timestamp"]
  const window = headers["x-window"] ?? "5000"
  if (apiKey === undefined || signature === undefined || timestamp === undefined) {
    throw new ApiFailure(401, "UNAUTHORIZED", "Missing authentication headers (X-API-Key, X-Signature, X-Timestamp)")
  }
  checkTimestamp(engine, controls, timestamp, window)
  const account = engine.accountsByKey.get(apiKey)
  if (account === undefined || account.internal) throw new ApiFailure(401, "UNAUTHORIZED", "Invalid API key")
  return { account, signature, timestamp, window }
}

/** Verifies the signature of a claim (401 INVALID_SIGNATURE); returns the account. */
export const verifyClaim = (
  claim: Claim,
  signingStrings: (timestamp: string, window: string) => ReadonlyArray<string>
): Account => {
  if (
    !signingStrings(claim.timestamp, claim.window).some((s) => Auth.verify(claim.signature, s, claim.account.publicKey))
  ) {
    throw new ApiFailure(401, "INVALID_SIGNATURE", "Invalid signature")
  }
  return claim.account
}

/** Timestamp/window validation shared by REST and the WebSocket private subscribe. */
export const checkTimestamp = (engine: Engine, controls: Controls, timestamp: string, window: string): void => {
  if (!/^\d{1,16}$/.test(timestamp)) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid timestamp")
  if (!/^\d{1,16}$/.test(window)) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid window")
  const w = Number(window)
  if (w > 60000) throw new ApiFailure(400, "INVALID_CLIENT_REQUEST", "Invalid window, must be at most 60000")
  const ts = Number(timestamp)
  const now = engine.now()
  if (ts + w < now) throw new ApiFailure(401, "INVALID_CLIENT_REQUEST", "Request has expired")
  if (ts > now + controls.futureToleranceMs) {
    throw new ApiFailure(401, "INVALID_CLIENT_REQUEST", "Request timestamp is too far in the future")
  }
}

/** The signing strings a request may have been signed with (raw values, then CCXT's percent-encoded variant). */
export const signingCandidates = (
  instruction: string,
  query: URLSearchParams,
  body: unknown
) =>
(timestamp: string, window: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const encode of [false, true]) {
    if (Array.isArray(body)) {
      out.push(Auth.batchSigningString(instruction, body, timestamp, window, encode))
    } else {
      const pairs = [...Auth.pairsFromQuery(query), ...Auth.pairsFromObject(body)]
      out.push(Auth.signingString(instruction, pairs, timestamp, window, encode))
    }
  }
  return out
}

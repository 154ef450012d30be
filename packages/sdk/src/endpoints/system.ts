import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import { Status, Wallet } from "../models/system.js"

/**
 * `GET /api/v1/status`: `Ok` or `Maintenance`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getStatus = Endpoint.make({
  operationId: "get_status",
  name: "System.getStatus",
  method: "GET",
  path: "/api/v1/status",
  request: S.NoParams,
  response: () => Endpoint.json(Status)
})

/**
 * `GET /api/v1/ping`: answers `"pong"`.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const ping = Endpoint.make({
  operationId: "ping",
  name: "System.ping",
  method: "GET",
  path: "/api/v1/ping",
  request: S.NoParams,
  response: () => Endpoint.text(Schema.Literal("pong"))
})

/**
 * `GET /api/v1/time`: the server time in epoch milliseconds.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getTime = Endpoint.make({
  operationId: "get_time",
  name: "System.getTime",
  method: "GET",
  path: "/api/v1/time",
  request: S.NoParams,
  response: () => Endpoint.text(S.Millis)
})

/**
 * `GET /api/v1/wallets`: the exchange's hot-wallet addresses per chain.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getWallets = Endpoint.make({
  operationId: "get_wallets",
  name: "System.getWallets",
  method: "GET",
  path: "/api/v1/wallets",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(Wallet))
})

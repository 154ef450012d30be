/**
 * Models of the system endpoints.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as S from "../internal/schema.js"

/**
 * Exchange status (`GET /api/v1/status`).
 *
 * @since 0.1.0
 * @category models
 */
export class Status extends Schema.Class<Status>("Status")({
  /** `Ok` or `Maintenance` (open: later values pass through). */
  status: S.OpenEnum("Ok", "Maintenance"),
  message: S.optional(Schema.String)
}) {}

/**
 * An exchange hot-wallet address (`GET /api/v1/wallets`).
 *
 * @since 0.1.0
 * @category models
 */
export class Wallet extends Schema.Class<Wallet>("Wallet")({
  blockchain: Schema.String,
  address: Schema.String
}) {}

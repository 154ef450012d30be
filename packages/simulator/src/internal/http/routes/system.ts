/**
 * System and reference data: status, ping, time, wallets, assets, collateral parameters.
 *
 * @internal
 */
import { wallets } from "../../markets.js"
import { collateralParameters } from "../../orderOps.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { json, text } from "../reply.js"
import type { RouteDomain } from "../route.js"

export const routes: RouteDomain = (engine) => [
  { method: "GET", path: "/api/v1/status", handler: () => json({ status: "Ok", message: null }) },
  { method: "GET", path: "/api/v1/ping", handler: () => text("pong") },
  { method: "GET", path: "/api/v1/time", handler: () => text(String(engine.now())) },
  { method: "GET", path: "/api/v1/wallets", handler: () => json(wallets) },
  { method: "GET", path: "/api/v1/assets", handler: () => json(Wire.assets(engine)) },
  { method: "GET", path: "/api/v1/collateral", handler: () => json(collateralParameters(engine, attach(engine))) }
]

/**
 * System and reference data: status, ping, time, wallets, assets, collateral parameters.
 *
 * @internal
 */
import { wallets } from "../../markets.js"
import { attach } from "../../venue.js"
import * as Wire from "../../wire.js"
import { json, text } from "../reply.js"
import type { RouteDomain } from "../route.js"
import { route } from "../route.js"

export const routes: RouteDomain = (engine) => [
  route({ method: "GET", path: "/api/v1/status", handler: () => json({ status: "Ok", message: null }) }),
  route({ method: "GET", path: "/api/v1/ping", handler: () => text("pong") }),
  route({ method: "GET", path: "/api/v1/time", handler: () => text(String(engine.now())) }),
  route({ method: "GET", path: "/api/v1/wallets", handler: () => json(wallets) }),
  route({ method: "GET", path: "/api/v1/assets", handler: () => json(Wire.assets(engine)) }),
  route({
    method: "GET",
    path: "/api/v1/collateral",
    handler: () => json(Wire.collateralParameters(engine, attach(engine)))
  })
]

/**
 * The futures positions endpoint (`Positions`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import { FuturePositionWithMargin, PositionQueryParams } from "../models/positions.js"

/**
 * `GET /api/v1/position`: open futures positions, optionally of one `symbol` or `marketType`.
 *
 * The exchange answers 404 `RESOURCE_NOT_FOUND` when `symbol` names a market without an open
 * position; the SDK turns that into an empty array, so "no position" reads the same with or
 * without a filter. Other failures (including a 404 without a symbol filter) stay errors.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getPositions = Endpoint.make({
  operationId: "get_positions",
  name: "Positions.getPositions",
  method: "GET",
  path: "/api/v1/position",
  instruction: "positionQuery",
  request: PositionQueryParams,
  response: () => Endpoint.json(Schema.Array(FuturePositionWithMargin))
})

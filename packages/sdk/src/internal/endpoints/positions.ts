/**
 * The futures positions endpoint (`Positions`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../../Endpoint.js"
import { FuturePositionWithMargin, PositionQueryParams } from "../../models/positions.js"

/** `GET /api/v1/position`: open futures positions (the exchange answers 404 for a symbol without one). */
export const getPositions = Endpoint.make({
  operationId: "get_positions",
  name: "Positions.getPositions",
  method: "GET",
  path: "/api/v1/position",
  instruction: "positionQuery",
  request: PositionQueryParams,
  response: Endpoint.json(Schema.Array(FuturePositionWithMargin))
})

/**
 * Endpoints of the asset service (`Assets`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "../Endpoint.js"
import * as S from "../internal/schema.js"
import { CollateralSummary, MarketAsset } from "../models/assets.js"

/** An ISO 3166-1 alpha-2 country code such as `US` or `GB`. */
const Country = S.lazy(() =>
  Schema.String.pipe(
    Schema.pattern(/^[A-Za-z]{2}$/, {
      message: (issue) =>
        `Expected an ISO 3166-1 alpha-2 country code such as "US", got ${JSON.stringify(issue.actual)}`
    })
  )
)

/**
 * `GET /api/v1/assets`: every asset and its tokens per blockchain.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getAssets = Endpoint.make({
  operationId: "get_assets",
  name: "Assets.getAssets",
  method: "GET",
  path: "/api/v1/assets",
  request: () => Schema.Struct({ country: Schema.optional(Country()) }),
  response: () => Endpoint.json(Schema.Array(MarketAsset))
})

/**
 * `GET /api/v1/collateral`: margin and haircut functions of each collateral asset.
 *
 * @since 0.1.0
 * @category endpoints
 */
export const getCollateralParameters = Endpoint.make({
  operationId: "get_collateral_parameters",
  name: "Assets.getCollateralParameters",
  method: "GET",
  path: "/api/v1/collateral",
  request: S.NoParams,
  response: () => Endpoint.json(Schema.Array(CollateralSummary))
})

/**
 * Endpoints declared with deferred schemas (`Endpoint.Deferred`): importing the SDK builds no
 * endpoint schema; `Endpoint.make` builds a deferred request or response the first time it is read,
 * once, and takes a schema given as is unchanged.
 */
import { Endpoint, Endpoints, Markets, Orders } from "@effect-backpack/sdk"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"

describe("Endpoint.make", () => {
  it("builds a deferred request and response on first read, once each", () => {
    let requests = 0
    let responses = 0
    const endpoint = Endpoint.make({
      operationId: "get_thing",
      name: "Things.getThing",
      method: "GET",
      path: "/api/v1/thing",
      request: () => {
        requests++
        return Schema.Struct({ symbol: Schema.String })
      },
      response: () => {
        responses++
        return Endpoint.json(Schema.Array(Schema.String))
      }
    })
    expect([requests, responses]).toEqual([0, 0])
    expect(endpoint.encoding).toBe("query")
    expect(endpoint.idempotent).toBe(true)
    expect([requests, responses]).toEqual([0, 0])

    const request = endpoint.request
    expect(Schema.decodeUnknownSync(request)({ symbol: "SOL_USDC" })).toEqual({ symbol: "SOL_USDC" })
    expect(endpoint.request).toBe(request)
    expect([requests, responses]).toEqual([1, 0])

    const response = endpoint.response
    expect(response._tag).toBe("Json")
    expect(endpoint.response).toBe(response)
    expect([requests, responses]).toEqual([1, 1])
  })

  it("keeps a schema and a response given as is", () => {
    const request = Schema.Struct({ orderId: Schema.String })
    const response = Endpoint.json(Orders.OrderType)
    const endpoint = Endpoint.make({
      operationId: "get_other",
      name: "Things.getOther",
      method: "POST",
      path: "/api/v1/other",
      request,
      response
    })
    expect(endpoint.request).toBe(request)
    expect(endpoint.response).toBe(response)
    expect(endpoint.encoding).toBe("body")
    expect(endpoint.idempotent).toBe(false)
    // a Schema.Class is a function too: it is a schema, not a deferred one
    const classRequest = Endpoint.make({ ...endpoint, request: Markets.Market, response: Endpoint.empty })
    expect(classRequest.request).toBe(Markets.Market)
    expect(classRequest.response).toBe(Endpoint.empty)
  })

  it("every endpoint of the table yields its schemas, the same on every read", () => {
    expect(Endpoints.all).toHaveLength(81)
    for (const endpoint of Endpoints.all) {
      expect(Schema.isSchema(endpoint.request), endpoint.name).toBe(true)
      expect(endpoint.request).toBe(endpoint.request)
      expect(["Json", "Text", "Empty"]).toContain(endpoint.response._tag)
      expect(endpoint.response).toBe(endpoint.response)
      // an object spread reads the deferred parts like any field
      expect({ ...endpoint }.request).toBe(endpoint.request)
    }
  })

  it("answers are decoded by the models' own schemas (what the fast decoders recognise)", () => {
    expect(Endpoints.Markets.getDepth.response).toEqual({ _tag: "Json", schema: Markets.Depth, onEmpty: undefined })
    expect(Endpoints.Orders.executeOrder.response).toMatchObject({ _tag: "Json", schema: Orders.OrderType })
    expect(Endpoints.Orders.executeOrder.request).toBe(Orders.OrderExecutePayload)
  })

  it("a deferred module-level schema is built once and shared by the endpoints that use it", () => {
    expect(Endpoints.Capital.createWithdrawalDelay.request).toBe(Endpoints.Capital.updateWithdrawalDelay.request)
    expect(
      Schema.decodeUnknownSync(Endpoints.Capital.createWithdrawalDelay.request)({
        withdrawalDelayHours: 24,
        twoFactorToken: "123456"
      })
    ).toEqual({ withdrawalDelayHours: 24, twoFactorToken: "123456" })
  })
})

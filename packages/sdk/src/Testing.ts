/**
 * A test kit for programs written with the SDK (entry `@effect-backpack/sdk/testing`):
 *
 * - {@link layerMock}: a service from a partial implementation; a member you did not give fails
 *   with a defect naming it.
 * - {@link layerHttp}: an `HttpClient` answering from recorded responses keyed by method and path,
 *   recording every request (read them with {@link requests}). Put it under `Backpack.layerWith`
 *   to run the real SDK (validation, signing, decoding, errors) without a network.
 * - {@link layerLiveSigningClock}: signs with the wall clock while the rest of the test keeps
 *   `TestClock`, so `it.effect` tests can talk to a real server such as the in-process simulator
 *   (without it the server answers "Request has expired": `X-Timestamp` would read the test clock,
 *   which starts at 0).
 *
 * @example
 * ```ts
 * import { Backpack, BackpackConfig, Markets, RateLimiter, Signer } from "@effect-backpack/sdk"
 * import { Testing } from "@effect-backpack/sdk/testing"
 * import { it } from "@effect/vitest"
 * import { Effect, Layer } from "effect"
 *
 * const http = Testing.layerHttp({ "GET /api/v1/ping": { text: "pong" } })
 * const sdk = Backpack.layerWith({
 *   config: BackpackConfig.layer({ host: "https://api.test" }),
 *   signer: Signer.layer,
 *   httpClient: http,
 *   rateLimiter: RateLimiter.layerUnlimited
 * })
 * ```
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { SigningClock } from "./BackpackClient.js"
import { fromResponses, makeRecorder } from "./internal/testing/http.js"

/**
 * A request as the recording client saw it (`path`, `query`, lower-case `headers`, `body` text and
 * its parsed `json`).
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  /** The URL's path, e.g. `/api/v1/order`. */
  readonly path: string
  /** The query parameters; a repeated key gives an array. */
  readonly query: Readonly<Record<string, string | ReadonlyArray<string>>>
  /** Header names in lower case (the signature included: this is what was sent). */
  readonly headers: Readonly<Record<string, string>>
  /** The body as text (`undefined` without one). */
  readonly body: string | undefined
  /** The body parsed as JSON (`undefined` without one). */
  readonly json: unknown
}

/**
 * A recorded answer: `body` is sent as JSON, `text` as `text/plain`; status 200 by default.
 *
 * @since 0.1.0
 * @category models
 */
export interface RecordedResponse {
  readonly status?: number | undefined
  readonly body?: unknown
  readonly text?: string | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * One answer: a {@link RecordedResponse}, `"reset"` (the connection fails: a transport error) or
 * `"hang"` (no answer ever comes: the SDK's timeout applies).
 *
 * @since 0.1.0
 * @category models
 */
export type Answer = RecordedResponse | "reset" | "hang"

/**
 * Recorded answers keyed by `"METHOD /path"` (e.g. `"GET /api/v1/depth"`) or by `"/path"` for any
 * method. A list is answered in order and its last answer repeats (a 503 then a 200 to test a
 * retry); a function answers from the request.
 *
 * @since 0.1.0
 * @category models
 */
export type Responses = Readonly<
  Record<string, RecordedResponse | ReadonlyArray<Answer> | "reset" | "hang" | ((request: RecordedRequest) => Answer)>
>

/**
 * The recording side of {@link layerHttp}.
 *
 * @since 0.1.0
 * @category models
 */
export interface HttpRecorderService {
  /** The requests received since the layer was built (or since the last {@link respond}), oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<RecordedRequest>>
  /** Replaces the recorded answers and forgets the requests received so far. */
  readonly respond: (responses: Responses) => Effect.Effect<void>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class HttpRecorder extends Context.Tag("@effect-backpack/sdk/Testing/HttpRecorder")<
  HttpRecorder,
  HttpRecorderService
>() {}

/**
 * An `HttpClient` that answers from recorded responses and records every request, plus the
 * {@link HttpRecorder} to read them. A request with no recorded answer is a defect naming its
 * method and path.
 *
 * @example
 * ```ts
 * import { Testing } from "@effect-backpack/sdk/testing"
 *
 * const http = Testing.layerHttp({
 *   "GET /api/v1/depth": { body: { asks: [], bids: [], lastUpdateId: "1", timestamp: 0 } },
 *   "POST /api/v1/order": [{ status: 503, text: "unavailable" }]
 * })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerHttp = (responses: Responses = {}): Layer.Layer<HttpClient.HttpClient | HttpRecorder> =>
  Layer.suspend(() => {
    const recorder = makeRecorder(fromResponses(responses))
    return Layer.merge(
      Layer.succeed(HttpClient.HttpClient, recorder.client),
      Layer.succeed(HttpRecorder, {
        requests: Effect.sync(() => [...recorder.requests]),
        respond: (next) => Effect.sync(() => recorder.reset(fromResponses(next)))
      })
    )
  })

/**
 * The requests the recording client received so far.
 *
 * @since 0.1.0
 * @category accessors
 */
export const requests: Effect.Effect<ReadonlyArray<RecordedRequest>, never, HttpRecorder> = Effect.flatMap(
  HttpRecorder,
  (recorder) => recorder.requests
)

/**
 * Gives the recording client new answers and forgets the requests received so far (for a layer
 * shared by several tests with `it.layer`).
 *
 * @since 0.1.0
 * @category accessors
 */
export const respond = (responses: Responses): Effect.Effect<void, never, HttpRecorder> =>
  Effect.flatMap(HttpRecorder, (recorder) => recorder.respond(responses))

/**
 * A service from a partial implementation, for any service of the SDK (`Orders.Orders`,
 * `Markets.Markets`, …). A member left out is a defect when used, whose message names the service
 * and the member (`… Unimplemented method "executeOrders"`). Built on `Layer.mock`.
 *
 * @example
 * ```ts
 * import { Orders } from "@effect-backpack/sdk"
 * import { Testing } from "@effect-backpack/sdk/testing"
 * import { Effect } from "effect"
 *
 * const OrdersTest = Testing.layerMock(Orders.Orders, {
 *   cancelOrder: () => Effect.die("not in this test")
 * })
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMock: <I, S extends object>(
  tag: Context.Tag<I, S>,
  service: Layer.PartialEffectful<S>
) => Layer.Layer<I> = (tag, service) => Layer.mock(tag, service)

/**
 * Signs with the wall clock (`X-Timestamp`) while everything else keeps the fiber's clock. Provide
 * it to an `it.effect` test that calls a real server (the in-process simulator): under `TestClock`
 * the timestamp would be near 0 and the server would answer "Request has expired". Retries, rate
 * limits and timeouts still follow `TestClock`.
 *
 * @example
 * ```ts
 * import { Orders } from "@effect-backpack/sdk"
 * import { BackpackNode } from "@effect-backpack/sdk/node"
 * import { Testing } from "@effect-backpack/sdk/testing"
 * import { Simulator } from "@effect-backpack/simulator"
 * import { it } from "@effect/vitest"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * it.scoped("places an order on the simulator", () =>
 *   Effect.gen(function*() {
 *     const sim = yield* Simulator.make({ rateLimits: false })
 *     const sdk = BackpackNode.layer({ host: sim.url, apiSecret: Redacted.make(sim.demoAccount!.apiSecret) })
 *     const order = yield* Orders.Orders.pipe(
 *       Effect.flatMap((orders) =>
 *         orders.executeOrder({ symbol: "SOL_USDC", side: "Bid", orderType: "Limit", price: "1", quantity: "1" })
 *       ),
 *       Effect.provide(Layer.merge(sdk, Testing.layerLiveSigningClock))
 *     )
 *   }))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerLiveSigningClock: Layer.Layer<SigningClock> = Layer.succeed(SigningClock, Option.some(Clock.make()))

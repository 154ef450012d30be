/**
 * Builds a REST service from its group of endpoints: one method per endpoint, made once when the
 * layer is built.
 *
 * @since 0.2.0
 */
import * as Effect from "effect/Effect"
import { BackpackClient } from "../BackpackClient.js"
import * as Endpoint from "../Endpoint.js"

/** The methods of a group of endpoints on the `BackpackClient` of the context. */
export const make = <Group extends { readonly [K in keyof Group]: Endpoint.Any }>(
  group: Group
): Effect.Effect<Endpoint.Methods<Group>, never, BackpackClient> =>
  Effect.map(BackpackClient, (client) => Endpoint.methods(client, group))

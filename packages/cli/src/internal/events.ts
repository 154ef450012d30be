/**
 * The one module that knows the fields of the SDK's stream events (`BackpackStream` models). Stream
 * event field names may change; everything else in the CLI goes through these functions.
 *
 * @since 0.1.0
 */
import type { BackpackStream } from "@effect-backpack/sdk"
import * as Json from "./json.js"

/** The field holding the event type (`"trade"`, `"depth"`, `"orderAccepted"`, …). */
const typeField = "e"

/**
 * The event's type as the exchange names it.
 *
 * @since 0.1.0
 * @category events
 */
export const eventType = (event: BackpackStream.StreamEvent): string => {
  const value = (event as unknown as Record<string, unknown>)[typeField]
  return typeof value === "string" ? value : event.constructor.name
}

/**
 * One line for an event: its type, then `field=value` for every other field (decimals in fixed
 * point, lists as compact JSON).
 *
 * @since 0.1.0
 * @category events
 */
export const describe = (event: BackpackStream.StreamEvent): string => {
  const fields = Json.toJson(event) as Record<string, Json.Json>
  const parts = Object.entries(fields)
    .filter(([key]) => key !== typeField)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
  return [eventType(event), ...parts].join(" ")
}

/**
 * A direct reader for the depth frames the exchange sends (`{"stream":"depth.…","data":{…}}`), straight
 * from the text to a `DepthEvent`: no `JSON.parse` tree, no intermediate strings for the levels.
 *
 * It reads a strict subset of JSON only (with the token readers of `../textReader.ts`, shared with
 * the REST depth snapshot's reader): no whitespace outside the level arrays, no escapes, the two frame
 * keys and the eight payload keys each exactly once (any order), `e` equal to `"depth"`, times and
 * update ids as unsigned safe integers (numbers or digit strings; longer update id strings are read
 * exactly as `bigint`), and levels as pairs of plain decimal strings (`digits[.digits]`, at most 15
 * digits). For each such text the result equals `JSON.parse` + the `DepthEvent` Schema
 * (property-tested); anything else gives `undefined` and takes the general path, which also reports
 * errors.
 *
 * @since 0.3.0
 */
import type * as M from "../../models/streams.js"
import * as R from "../textReader.js"
import type { Level } from "../textReader.js"
import { makeDepthEvent } from "./catalogue.js"

/** The `data` object: the eight payload keys, each once. */
const readPayload = (): M.DepthEvent | undefined => {
  if (R.next() !== R.OPEN_BRACE) return undefined
  let seen = 0
  let eventTime = -1
  let engineTime = -1
  let symbol: string | undefined
  let asks: Array<Level> | undefined
  let bids: Array<Level> | undefined
  let first: bigint | undefined
  let last: bigint | undefined
  while (true) {
    // a one-letter key: `"x":`
    const { text, pos } = R.cursor
    if (
      text.charCodeAt(pos) !== R.QUOTE || text.charCodeAt(pos + 2) !== R.QUOTE || text.charCodeAt(pos + 3) !== R.COLON
    ) {
      return undefined
    }
    const key = text.charCodeAt(pos + 1)
    R.cursor.pos += 4
    let bit: number
    switch (key) {
      case 101: { // e
        bit = 1
        if (R.readString() !== "depth") return undefined
        break
      }
      case 69: { // E
        bit = 2
        eventTime = R.readSmallInteger()
        if (eventTime < 0) return undefined
        break
      }
      case 115: { // s
        bit = 4
        symbol = R.readString()
        if (symbol === undefined) return undefined
        break
      }
      case 97: { // a
        bit = 8
        asks = R.readLevels()
        if (asks === undefined) return undefined
        break
      }
      case 98: { // b
        bit = 16
        bids = R.readLevels()
        if (bids === undefined) return undefined
        break
      }
      case 85: { // U
        bit = 32
        first = R.readSequence()
        if (first === undefined) return undefined
        break
      }
      case 117: { // u
        bit = 64
        last = R.readSequence()
        if (last === undefined) return undefined
        break
      }
      case 84: { // T
        bit = 128
        engineTime = R.readSmallInteger()
        if (engineTime < 0) return undefined
        break
      }
      default:
        return undefined
    }
    if ((seen & bit) !== 0) return undefined
    seen |= bit
    const c = R.next()
    if (c === R.CLOSE_BRACE) break
    if (c !== R.COMMA) return undefined
  }
  if (seen !== 255) return undefined
  return makeDepthEvent(eventTime, symbol!, asks!, bids!, first!, last!, engineTime)
}

/**
 * Reads a whole depth frame, or `undefined` when the text is anything but the strict form above (then
 * `JSON.parse` and the Schema decide).
 */
export const read = (
  input: string
): { readonly stream: string; readonly event: M.DepthEvent } | undefined =>
  R.read(input, () => {
    if (R.next() !== R.OPEN_BRACE) return undefined
    let stream: string | undefined
    let event: M.DepthEvent | undefined
    for (let member = 0; member < 2; member++) {
      const key = R.readString()
      if (R.next() !== R.COLON) return undefined
      if (key === "stream" && stream === undefined) {
        stream = R.readString()
        if (stream === undefined) return undefined
      } else if (key === "data" && event === undefined) {
        event = readPayload()
        if (event === undefined) return undefined
      } else {
        return undefined
      }
      if (R.next() !== (member === 0 ? R.COMMA : R.CLOSE_BRACE)) return undefined
    }
    return R.cursor.pos === R.cursor.text.length ? { stream: stream!, event: event! } : undefined
  })

import { describe, expect, it } from "@effect/vitest"
import { parseLossless } from "../src/internal/json.js"

describe("parseLossless", () => {
  it("keeps integers above 2^53 exact as strings and leaves safe ones as numbers", () => {
    expect(parseLossless(`{"R":113460992315392001,"t":2888471,"E":1759338824897386,"n":-9007199254740993}`)).toEqual({
      R: "113460992315392001",
      t: 2888471,
      E: 1759338824897386,
      n: "-9007199254740993"
    })
  })

  it("keeps decimals a double cannot hold as strings, short ones as numbers", () => {
    expect(parseLossless(`{"p":0.1234567890123456789,"q":12.5,"f":1234.5678,"e":1.2345678901234567e-7}`)).toEqual({
      p: "0.1234567890123456789",
      q: 12.5,
      f: 1234.5678,
      e: "1.2345678901234567e-7"
    })
  })

  it("never touches numbers inside strings, and parses like JSON.parse otherwise", () => {
    const text = `{"s":"123456789012345678901 \\" 0.12345678901234567","a":[true,null,-0.5,1e3]}`
    expect(parseLossless(text)).toEqual(JSON.parse(text))
    expect(() => parseLossless("{bad")).toThrow()
  })
})

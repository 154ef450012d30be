/**
 * Lossless JSON parsing: integer literals beyond `Number.MAX_SAFE_INTEGER` (RFQ ids in WebSocket
 * frames are ~1.1e17) are turned into strings of digits before `JSON.parse` sees them, so no id is
 * silently rounded. Everything else parses exactly as `JSON.parse` would.
 */

const isDigit = (c: number) => c >= 48 && c <= 57

/** Rewrites unsafe integer literals of a JSON text as JSON strings. Returns the text unchanged when there are none. */
const quoteUnsafeIntegers = (text: string): string => {
  let out: Array<string> | undefined
  let last = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // skip a string literal
      i++
      while (i < n) {
        const d = text.charCodeAt(i)
        if (d === 92) i += 2
        else if (d === 34) {
          i++
          break
        } else i++
      }
      continue
    }
    if (c === 45 || isDigit(c)) {
      const start = i
      if (c === 45) i++
      while (i < n && isDigit(text.charCodeAt(i))) i++
      const next = i < n ? text.charCodeAt(i) : -1
      const isInteger = next !== 46 && next !== 101 && next !== 69
      const digitCount = i - start - (c === 45 ? 1 : 0)
      if (isInteger && digitCount >= 16) {
        const literal = text.slice(start, i)
        if (!Number.isSafeInteger(Number(literal))) {
          out ??= []
          out.push(text.slice(last, start), `"${literal}"`)
          last = i
        }
      }
      while (i < n) {
        const d = text.charCodeAt(i)
        if (isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++
        else break
      }
      continue
    }
    i++
  }
  if (out === undefined) return text
  out.push(text.slice(last))
  return out.join("")
}

/** `JSON.parse` that keeps integers above 2^53 exact, as strings. Throws like `JSON.parse` on bad input. */
export const parseLossless = (text: string): unknown => JSON.parse(quoteUnsafeIntegers(text))

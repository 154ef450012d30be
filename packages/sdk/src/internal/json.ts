/**
 * Lossless JSON parsing: number literals a double cannot hold exactly — integers beyond
 * `Number.MAX_SAFE_INTEGER` (RFQ ids in WebSocket frames are ~1.1e17) and decimals of more than 15
 * significant digits — are turned into strings before `JSON.parse` sees them, so no id or amount is
 * silently rounded. Everything else parses exactly as `JSON.parse` would.
 */

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Whether a JSON number literal survives `JSON.parse` exactly: safe integers do, and so do
 * decimals of at most 15 significant digits (what a double always round-trips); anything longer
 * (ids above 2^53, long decimal prices) is kept as its text.
 */
const exactAsDouble = (literal: string): boolean => {
  const n = literal.length
  if (n <= 15) return true // at most 15 digits (sign, point and exponent included)
  // the common long literal, a plain integer of 16 digits (µs timestamps): compared as text with 2^53 - 1
  const start = literal.charCodeAt(0) === 45 ? 1 : 0
  if (n - start === 16) {
    let digits = true
    for (let i = start; i < n; i++) {
      const c = literal.charCodeAt(i)
      if (c < 48 || c > 57) {
        digits = false
        break
      }
    }
    if (digits) return (start === 0 ? literal : literal.slice(1)) <= "9007199254740991"
  }
  const mantissa = literal.replace(/^-/, "").replace(/[eE].*$/, "")
  if (!mantissa.includes(".") && !/[eE]/.test(literal)) return Number.isSafeInteger(Number(literal))
  const significant = mantissa.replace(".", "").replace(/^0+/, "")
  return significant.length <= 15
}

/** Rewrites inexact number literals of a JSON text as JSON strings. Returns the text unchanged when there are none. */
const quoteInexactNumbers = (text: string): string => {
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
      while (i < n) {
        const d = text.charCodeAt(i)
        if (isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++
        else break
      }
      const literal = text.slice(start, i)
      if (!exactAsDouble(literal)) {
        out ??= []
        out.push(text.slice(last, start), `"${literal}"`)
        last = i
      }
      continue
    }
    i++
  }
  if (out === undefined) return text
  out.push(text.slice(last))
  return out.join("")
}

/**
 * The obviously-correct version: scans the whole text, quotes every inexact literal, then
 * `JSON.parse`. {@link parseLossless} gives the same result faster; tests compare the two.
 */
export const parseLosslessSlow = (text: string): unknown => JSON.parse(quoteInexactNumbers(text))

/**
 * Every number literal of a JSON text long enough to be inexact (15+ characters), with the
 * structural character before it. A JSON number always follows `:`, `,` or `[` (or starts the
 * text), so every real literal of 15+ characters is matched, whole; a match inside a string is a
 * false alarm at worst. The native regex engine scans far faster than a character loop in JS.
 */
const longLiteral = /(?:^|[:,[])[ \t\n\r]*(-?\d[\d.eE+-]{13,})/g

/**
 * `JSON.parse` that keeps integers above 2^53 and long decimals exact, as strings. Throws like
 * `JSON.parse` on bad input.
 *
 * Fast path: when every long literal (see {@link longLiteral}) is exact as a double — µs timestamps
 * and other safe integers are — nothing needs quoting and the text goes straight to `JSON.parse`.
 * Otherwise the exact scan of {@link parseLosslessSlow} runs.
 */
export const parseLossless = (text: string): unknown => {
  longLiteral.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = longLiteral.exec(text)) !== null) {
    if (!exactAsDouble(match[1]!)) return parseLosslessSlow(text)
  }
  return JSON.parse(text)
}

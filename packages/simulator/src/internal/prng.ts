/**
 * Seeded pseudo random number generator (sfc32 seeded through splitmix32), so a seed reproduces a run.
 *
 * @internal
 */

/** A deterministic random source. */
export interface Prng {
  /** Uniform float in [0, 1). */
  readonly next: () => number
  /** Uniform integer in [min, max] (inclusive). */
  readonly int: (min: number, max: number) => number
  /** Picks one element. */
  readonly pick: <A>(items: ReadonlyArray<A>) => A
  /** 32 random bytes. */
  readonly bytes32: () => Uint8Array
}

const splitmix32 = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x9e3779b9) | 0
    let t = a ^ (a >>> 16)
    t = Math.imul(t, 0x21f0aaad)
    t = t ^ (t >>> 15)
    t = Math.imul(t, 0x735a2d97)
    return (t ^ (t >>> 15)) >>> 0
  }
}

/** Creates a generator from an integer seed. */
export const make = (seed: number): Prng => {
  const init = splitmix32(seed)
  let a = init()
  let b = init()
  let c = init()
  let d = init()
  const nextU32 = () => {
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
  const next = () => nextU32() / 4294967296
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    bytes32: () => {
      const out = new Uint8Array(32)
      for (let i = 0; i < 32; i += 4) {
        const v = nextU32()
        out[i] = v & 0xff
        out[i + 1] = (v >>> 8) & 0xff
        out[i + 2] = (v >>> 16) & 0xff
        out[i + 3] = (v >>> 24) & 0xff
      }
      return out
    }
  }
}

/**
 * A printed block of the report: a title, a table of results and notes under it (or a note that the
 * block was skipped and why).
 *
 * @since 0.1.0
 */
import type { Result } from "./Harness.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Section {
  readonly title: string
  readonly results: ReadonlyArray<Result>
  readonly notes: ReadonlyArray<string>
  /** Set when the block did not run; the reason is printed instead of a table. */
  readonly skipped?: string | undefined
}

/**
 * The iteration budget of a run (`--quick` scales every count down).
 *
 * @since 0.1.0
 * @category models
 */
export interface Budget {
  readonly quick: boolean
  /** Picks the full or the quick count. */
  readonly pick: (full: number, quick: number) => number
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const budget = (quick: boolean): Budget => ({ quick, pick: (full, q) => (quick ? q : full) })

/**
 * Plain aligned tables: one header row, columns separated by two spaces, no borders. Decimal
 * columns are written in fixed point at the largest scale of the column (exact: only zeros are
 * added) and right-aligned, so their decimal points line up; integers are right-aligned too.
 *
 * @since 0.1.0
 */
import { Precision } from "@effect-backpack/sdk"
import * as BigDecimal from "effect/BigDecimal"
import * as DateTime from "effect/DateTime"

/**
 * A table cell. `undefined` prints as `-`.
 *
 * @since 0.1.0
 * @category models
 */
export type Cell = string | number | bigint | boolean | BigDecimal.BigDecimal | DateTime.DateTime | undefined

/**
 * A column: its header and how to read the cell of a row.
 *
 * @since 0.1.0
 * @category models
 */
export interface Column<A> {
  readonly header: string
  readonly cell: (row: A) => Cell
  /**
   * Decimals: `"column"` (default) writes every value at the column's largest scale so the points
   * line up; `"own"` keeps each value's own scale (for increments such as tick sizes).
   */
  readonly scale?: "column" | "own" | undefined
}

/**
 * A UTC date-time as `YYYY-MM-DD HH:MM:SS.mmm`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatTime = (time: DateTime.DateTime | number): string => {
  const utc = typeof time === "number" ? DateTime.unsafeMake(time) : DateTime.toUtc(time)
  return DateTime.formatIso(utc).replace("T", " ").replace("Z", "")
}

const isRightAligned = (cell: Cell): boolean =>
  typeof cell === "number" || typeof cell === "bigint" || BigDecimal.isBigDecimal(cell)

/**
 * Renders rows as lines of an aligned table (the header first). Trailing spaces are trimmed.
 *
 * @since 0.1.0
 * @category rendering
 */
export const render = <A>(columns: ReadonlyArray<Column<A>>, rows: ReadonlyArray<A>): Array<string> => {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)))
  const scales = columns.map((column, c) =>
    column.scale === "own" ? 0 : cells.reduce(
      (max, row) => {
        const cell = row[c]
        return BigDecimal.isBigDecimal(cell) ? Math.max(max, cell.scale) : max
      },
      0
    )
  )
  const text = cells.map((row) =>
    row.map((cell, c) => {
      if (cell === undefined) return "-"
      if (BigDecimal.isBigDecimal(cell)) {
        return Precision.format(BigDecimal.scale(cell, Math.max(cell.scale, scales[c]!, 0)))
      }
      if (DateTime.isDateTime(cell)) return formatTime(cell)
      return String(cell)
    })
  )
  const right = columns.map((_, c) =>
    cells.length > 0 && cells.every((row) => row[c] === undefined || isRightAligned(row[c]))
  )
  const widths = columns.map((column, c) => Math.max(column.header.length, ...text.map((row) => row[c]!.length)))
  const line = (row: ReadonlyArray<string>) =>
    row.map((value, c) => right[c] ? value.padStart(widths[c]!) : value.padEnd(widths[c]!)).join("  ").trimEnd()
  return [line(columns.map((column) => column.header)), ...text.map(line)]
}

/**
 * Renders `label  value` pairs with the labels padded to one width (a vertical record).
 *
 * @since 0.1.0
 * @category rendering
 */
export const renderRecord = (pairs: ReadonlyArray<readonly [string, Cell]>): Array<string> => {
  const width = Math.max(0, ...pairs.map(([label]) => label.length))
  return pairs.map(([label, cell]) => {
    const value = cell === undefined
      ? "-"
      : BigDecimal.isBigDecimal(cell)
      ? Precision.format(cell)
      : DateTime.isDateTime(cell)
      ? formatTime(cell)
      : String(cell)
    return `${label.padEnd(width)}  ${value}`.trimEnd()
  })
}

/** A bad row of an import file, where a clerk finds it: the sheet, the line and the column. */
export interface RowProblem {
  sheet: string;
  /** The line in the file (the header is line 1). */
  line: number;
  /** The column's header; null when the whole row or sheet is at fault. */
  column: string | null;
  /** The cell as a spreadsheet names it (`C5`), when one cell is at fault. */
  cell?: string;
  rule: string;
  message: string;
}

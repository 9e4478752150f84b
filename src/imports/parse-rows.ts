import { createHash } from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { isEmptyCell } from './cell-parsers';
import { SheetKind } from './import-template';
import { RowProblem } from './row-problem';
import { RawSheet } from './spreadsheet-reader';

/** A row read into the fields of its sheet, with where each field came from. */
export interface ImportRow {
  kind: SheetKind;
  sheet: string;
  line: number;
  values: Record<string, unknown>;
  /** The header and cell of each field, to point a later refusal at the cell. */
  cells: Record<string, { header: string; cell: string }>;
  /** The row's identity within its sheet (the sheet's key fields). */
  key: string;
  /**
   * SHA-256 of the row's values: with the key it seeds the ids of the events the row writes, so
   * the same row imported again (from this file or another) appends nothing.
   */
  contentHash: string;
}

/** Reads every row of every sheet; every cell that cannot be read is a problem, none is skipped. */
export function parseRows(sheets: RawSheet[]): { rows: ImportRow[]; problems: RowProblem[] } {
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const sheet of sheets) {
    problems.push(...headerProblems(sheet));
    const seen = new Map<string, number>();
    for (const raw of sheet.rows) {
      const values: Record<string, unknown> = {};
      const cells: ImportRow['cells'] = {};
      let readable = true;
      for (const spec of sheet.spec.columns) {
        const found = raw.cells.get(spec.header);
        const cell = found ? `${found.column}${raw.line}` : undefined;
        if (found) cells[spec.field] = { header: spec.header, cell: cell! };
        const at = { sheet: sheet.name, line: raw.line, column: spec.header, cell };
        if (!found || isEmptyCell(found.value)) {
          if (spec.required && found)
            problems.push({ ...at, rule: 'import.required', message: 'bắt buộc (required)' });
          if (spec.required) readable = false;
          continue;
        }
        const parsed = spec.parse(found.value);
        if (parsed.ok) values[spec.field] = parsed.value;
        else {
          readable = false;
          problems.push({ ...at, rule: parsed.rule, message: parsed.message });
        }
      }
      if (!readable) continue;
      const key = sheet.spec.key.map((field) => String(values[field])).join(' | ');
      const first = seen.get(key);
      if (first !== undefined) {
        const field = sheet.spec.key[0];
        problems.push({
          sheet: sheet.name,
          line: raw.line,
          column: cells[field]?.header ?? null,
          rule: 'import.duplicate_row',
          message: `trùng với dòng ${first} (the same record as line ${first}: ${key})`,
        });
        continue;
      }
      seen.set(key, raw.line);
      const contentHash = createHash('sha256').update(canonicalJson(values)).digest('hex');
      rows.push({
        kind: sheet.spec.kind,
        sheet: sheet.name,
        line: raw.line,
        values,
        cells,
        key,
        contentHash,
      });
    }
  }
  return { rows, problems };
}

/** A required column missing from the header row, or a header the template does not have. */
function headerProblems(sheet: RawSheet): RowProblem[] {
  const present = sheet.headers.map((h) => h.header).filter(Boolean);
  const known = sheet.spec.columns.map((c) => c.header);
  const missing = sheet.spec.columns
    .filter((column) => column.required && !present.includes(column.header))
    .map((column) => ({
      sheet: sheet.name,
      line: 1,
      column: column.header,
      rule: 'import.missing_column',
      message: `thiếu cột "${column.header}" (missing column: ${column.headerEn})`,
    }));
  const unknown = sheet.headers
    .filter((h) => h.header && !known.includes(h.header))
    .map((h) => ({
      sheet: sheet.name,
      line: 1,
      column: h.header,
      cell: `${h.column}1`,
      rule: 'import.unknown_column',
      message: `cột "${h.header}" không có trong mẫu (not a column of the template: ${known.join(', ')})`,
    }));
  return [...missing, ...unknown];
}

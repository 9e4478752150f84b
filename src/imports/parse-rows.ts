import { createHash } from 'node:crypto';
import { canonicalJson } from '../event-store/canonical-json';
import { isEmptyCell } from './cell-parsers';
import { SheetKind } from './import-template';
import { RowProblem } from './row-problem';
import { RawSheet } from './spreadsheet-reader';

/** A row's cells read into the fields of its sheet, with where each field came from. */
export interface ReadRow {
  kind: SheetKind;
  sheet: string;
  line: number;
  values: Record<string, unknown>;
  /** The header and cell of each field, to point a later refusal at the cell. */
  cells: Record<string, { header: string; cell: string }>;
}

/** A row read whole: every required field is there and every cell could be read. */
export interface ImportRow extends ReadRow {
  /** The row's identity within its sheet (the sheet's key fields). */
  key: string;
  /**
   * SHA-256 of the row's values: with the key it seeds the ids of the events the row writes, so
   * the same row imported again (from this file or another) appends nothing.
   */
  contentHash: string;
}

/**
 * Reads every row of every sheet; every cell that cannot be read is a problem, none is skipped.
 * A row with a cell that cannot be read is not a record to write, but its cells that could be
 * read are `partlyRead`: the references they name are still checked, so that a clerk meets the
 * row's unknown post together with its bad day, not after fixing the day.
 */
export function parseRows(sheets: RawSheet[]): {
  rows: ImportRow[];
  partlyRead: ReadRow[];
  problems: RowProblem[];
} {
  const rows: ImportRow[] = [];
  const partlyRead: ReadRow[] = [];
  const problems: RowProblem[] = [];
  for (const sheet of sheets) {
    problems.push(...headerProblems(sheet));
    const seen = new Map<string, { line: number; contentHash: string }>();
    for (const raw of sheet.rows) {
      const { row: read, readable, problems: cellProblems } = readCells(sheet, raw);
      const { values, cells } = read;
      problems.push(...cellProblems);
      if (!readable) {
        partlyRead.push(read);
        continue;
      }
      const key = sheet.spec.key.map((field) => String(values[field])).join(' | ');
      const contentHash = createHash('sha256').update(canonicalJson(values)).digest('hex');
      const first = seen.get(key);
      if (first !== undefined) {
        const field = sheet.spec.key[0];
        problems.push({
          sheet: sheet.name,
          line: raw.line,
          column: cells[field]?.header ?? null,
          ...(cells[field] ? { cell: cells[field].cell } : {}),
          rule: 'import.duplicate_row',
          message: duplicateMessage(first, contentHash, key),
        });
        continue;
      }
      seen.set(key, { line: raw.line, contentHash });
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
  return { rows, partlyRead, problems };
}

/**
 * A second row of a key: the same record again, or the same key with other data (the same
 * person's row with another name or birth day), which the clerk must choose between.
 */
function duplicateMessage(
  first: { line: number; contentHash: string },
  contentHash: string,
  key: string,
): string {
  return first.contentHash === contentHash
    ? `trùng với dòng ${first.line} (the same record as line ${first.line}: ${key})`
    : `trùng mã với dòng ${first.line} nhưng khác nội dung; mỗi mã chỉ một dòng (the same key as line ${first.line} with other data: ${key}; one row per key)`;
}

/** A row's cells read into its fields; `readable` when every required field is there and read. */
function readCells(
  sheet: RawSheet,
  raw: RawSheet['rows'][number],
): { row: ReadRow; readable: boolean; problems: RowProblem[] } {
  const values: Record<string, unknown> = {};
  const cells: ReadRow['cells'] = {};
  const problems: RowProblem[] = [];
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
  const row = { kind: sheet.spec.kind, sheet: sheet.name, line: raw.line, values, cells };
  return { row, readable, problems };
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

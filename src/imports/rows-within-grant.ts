import { SheetKind } from './import-template';
import { ReadRow } from './parse-rows';
import { RowProblem } from './row-problem';

/** The sheets of the person's own record (the rest open and run cases). */
export const REGISTRY_KINDS: SheetKind[] = ['people', 'posts', 'planning', 'discipline'];

/**
 * The rows to judge further: not one outside the grant, nor a row of a person whose row in the
 * people sheet is outside it, nor a step of a case whose row is (those rows found among `file`,
 * every row of the file, read whole or in part).
 */
export function rowsWithinGrant<Row extends ReadRow>(
  rows: Row[],
  outOfScope: RowProblem[],
  file: readonly ReadRow[] = rows,
): Row[] {
  if (outOfScope.length === 0) return rows;
  const outside = new Set(outOfScope.map((p) => `${p.sheet}\u001f${p.line}`));
  const isOutside = (row: ReadRow) => outside.has(`${row.sheet}\u001f${row.line}`);
  const value = (row: ReadRow, field: string) => (row.values as Record<string, unknown>)[field];
  const people = new Set(
    file.filter((row) => row.kind === 'people' && isOutside(row)).map((r) => value(r, 'personId')),
  );
  const cases = new Set(
    file.filter((row) => row.kind === 'cases' && isOutside(row)).map((r) => value(r, 'caseId')),
  );
  return rows.filter(
    (row) =>
      !isOutside(row) &&
      !(REGISTRY_KINDS.includes(row.kind) && people.has(value(row, 'personId'))) &&
      !(row.kind === 'caseSteps' && cases.has(value(row, 'caseId'))),
  );
}

import { Injectable } from '@nestjs/common';
import { BoundedCache } from '../common/bounded-cache';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { cellText } from './cell-parsers';
import { sheetSpec } from './import-template';
import { parseRows } from './parse-rows';
import { RowProblem } from './row-problem';
import { FileFormat, RawSheet, readSpreadsheet, UnreadableFile } from './spreadsheet-reader';

/** What an import file's bytes alone decide: its sheets, its rows read into fields, their problems. */
export interface ReadImportFile {
  format: FileFormat;
  sheets: RawSheet[];
  /** What could not be read of the sheets (before any row is parsed). */
  problems: RowProblem[];
  parsed: ReturnType<typeof parseRows>;
  /** The person ids the people sheet names, whatever else is wrong with their rows. */
  declared: Set<string>;
}

/**
 * Files kept as read between a dry run and the import of the same file. The web app, like a
 * careful clerk, sends a file twice: its dry run, then the import. Reading and parsing 10,000 rows
 * is about a quarter of an import's time with a CSV file (bench/README.md, twenty-seventh session)
 * and far more with an xlsx workbook; everything else (scope, references, the records as they
 * stand now) is checked again on every request. Two files: two clerks may check theirs at once. A
 * file of 10,000 rows kept is about 22 MB of the heap (20,000 rows at most, IMPORT_MAX_ROWS), held
 * only until its import takes it or two later dry runs push it out.
 */
const FILES_KEPT = 2;

/**
 * Reads an import file into rows, or answers the rows of the same bytes (by their SHA-256) a dry
 * run read before. The read rows are only ever read after this, never changed, so a second request
 * may share them.
 */
@Injectable()
export class ReadImportFiles {
  private readonly kept = new BoundedCache<string, ReadImportFile>(FILES_KEPT);

  /** `forDryRun`: kept for the import expected to follow; otherwise taken (an import reads once). */
  async read(sha256: string, bytes: Buffer, forDryRun: boolean): Promise<ReadImportFile> {
    const kept = this.kept.get(sha256);
    if (kept && !forDryRun) this.kept.delete(sha256);
    if (kept) return kept;
    const file = await readImportFile(bytes);
    if (forDryRun) this.kept.set(sha256, file);
    return file;
  }
}

async function readImportFile(bytes: Buffer): Promise<ReadImportFile> {
  const read = await readSpreadsheet(bytes).catch((error: unknown) => {
    if (error instanceof UnreadableFile)
      throw new DomainRuleViolation(error.rule, `file: ${error.message}`, 'unprocessable', 'file');
    throw error;
  });
  return { ...read, parsed: parseRows(read.sheets), declared: declaredPeople(read.sheets) };
}

const PERSON_ID_HEADER = sheetSpec('people').columns.find((c) => c.field === 'personId')!.header;

function declaredPeople(sheets: RawSheet[]): Set<string> {
  const ids = new Set<string>();
  for (const sheet of sheets.filter((s) => s.spec.kind === 'people'))
    for (const row of sheet.rows) {
      const id = cellText(row.cells.get(PERSON_ID_HEADER)?.value ?? null);
      if (id) ids.add(id);
    }
  return ids;
}

import { RowProblem } from './row-problem';

/**
 * How many problems an answer lists. A file of 20,000 rows with a bad column could carry 20,000
 * problems: a table no clerk reads through and a body of megabytes. The first thousand, in the
 * file's order, show what to fix; the count says how much is left.
 */
export const PROBLEMS_LISTED = 1000;

export interface ProblemList {
  /** The problems in the file's order (sheet, then line), the first `PROBLEMS_LISTED` of them. */
  errors: RowProblem[];
  /** How many problems the file has in all. */
  errorCount: number;
  /** How many of them are not listed ("and N more"). */
  errorsNotListed: number;
}

/** Every problem every check found, in the file's order, listed up to the cap. */
export function listProblems(problems: readonly RowProblem[]): ProblemList {
  const ordered = [...problems].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.line - b.line);
  const errors = ordered.slice(0, PROBLEMS_LISTED);
  return { errors, errorCount: ordered.length, errorsNotListed: ordered.length - errors.length };
}

/** What a refusal says of the problems: all listed, or the first ones and how many more. */
export function problemsListedNote({ errors, errorsNotListed }: ProblemList): string {
  return errorsNotListed === 0
    ? 'every one is listed in errors'
    : `the first ${errors.length} are listed in errors, and ${errorsNotListed} more`;
}

import type { CaseSummaryRow } from './case-summary-row';

/**
 * A re-appointment's term end corrected: the notice's summary names the term end, so the row's
 * summary follows the corrected one (`summary` absent: one written by hand, which stays).
 */
export function termCorrected(
  row: CaseSummaryRow,
  summary: string | undefined,
  sequence: number,
): CaseSummaryRow {
  return summary ? { ...row, summary, updated_sequence: sequence } : row;
}

/** What the API writes in place of a field a ballot's rule withholds from the reader. */
const WITHHELD = ['not announced', 'withheld from the subject'] as const;
type WithholdingReason = (typeof WITHHELD)[number];

/** Whether a field's value is the API's placeholder for a withheld one. */
export const isWithheld = (value: unknown): value is WithholdingReason =>
  typeof value === 'string' && (WITHHELD as readonly string[]).includes(value);

/**
 * A correction's reason as the reader may read it: the clerk's words, or "không công bố" where the
 * API withholds them (from the subject and candidates of a secret ballot: its placeholder in their
 * place, or the field left out of a history line). Never "undefined".
 */
export function correctionReasonText(reason: unknown, hidden: string): string {
  return typeof reason === 'string' && reason !== '' && !isWithheld(reason) ? reason : hidden;
}

/**
 * Why a recorded step's result is withheld from this reader, or null when it is shown: the API
 * names the fields it left out (`withheld`) and puts the reason in place of `tally` or `reason`.
 * The step itself was recorded; only its counts are not this reader's to see.
 */
export function withheldResultOf(record: Record<string, unknown>): WithholdingReason | null {
  if (!Array.isArray(record.withheld) || record.withheld.length === 0) return null;
  const placeholder = [record.tally, record.reason].find(isWithheld);
  return (placeholder as WithholdingReason | undefined) ?? null;
}

/**
 * The i18n key of the line that says a step was recorded and why its result is not shown: an
 * examination board's scores, or a ballot's counts.
 */
export function withheldResultKey(reason: WithholdingReason, recordType: unknown): string {
  const what = recordType === 'ExamScoresRecorded' ? 'scores' : 'result';
  return reason === 'not announced'
    ? `case.${what}NotAnnounced`
    : `case.${what}WithheldFromSubject`;
}

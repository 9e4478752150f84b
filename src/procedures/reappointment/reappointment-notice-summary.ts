/**
 * The summary a re-appointment opened by a term's notice carries (the web shows it in Vietnamese,
 * web/src/server-text/sentences/record.ts). A correction of the term end writes it again with the
 * corrected end; a summary written by hand is left as it is.
 */
export function reappointmentNoticeSummary(termEnd: string): string {
  return `Re-appointment: the term ends on ${termEnd}`;
}

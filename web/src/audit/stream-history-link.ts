/**
 * Where the auditor reads a stream's events as history: a case's stream (`appointment-a-1`) on its
 * case's history, a person's own (`cadre-p-1`) on that person's; every other stream (timers, id
 * reservations, seats) has no history page, and is named without a link.
 */

/** The kinds of a case's stream (CASE_PROCEDURES on the server, src/procedures/case/case-stream.ts). */
const CASE_STREAM_KINDS: readonly string[] = [
  'appointment',
  'reappointment',
  'rotation',
  'discipline',
  'removal',
  'extension',
  'approval_in_principle',
  'consultation',
  'election',
];
/** The kind of a person's own stream (PERSON_STREAM_KIND on the server). */
const PERSON_STREAM_KIND = 'cadre';

export interface StreamHistory {
  /** Whose history it is: a case's or a person's. */
  of: 'case' | 'person';
  id: string;
  path: string;
}

/** The history page of a stream, or null for a stream that has none. */
export function streamHistory(streamId: string): StreamHistory | null {
  // Kinds never hold a hyphen; ids may.
  const dash = streamId.indexOf('-');
  if (dash <= 0 || dash === streamId.length - 1) return null;
  const kind = streamId.slice(0, dash);
  const id = streamId.slice(dash + 1);
  if (kind === PERSON_STREAM_KIND)
    return { of: 'person', id, path: `/cadres/${encodeURIComponent(id)}/history` };
  if (CASE_STREAM_KINDS.includes(kind))
    return { of: 'case', id, path: `/cases/${encodeURIComponent(id)}/history` };
  return null;
}

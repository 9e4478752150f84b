import { RecordedEvent } from '../event-store/event-envelope';
import { ProjectedEvent, Projection, ProjectionTx } from '../projections/projection';
import { applyToSummary, caseIdOf } from './case-summary';
import { CASE_SUMMARY_COLUMNS, CaseSummaryRow } from './case-summary-row';
import { CASE_PROCEDURES } from '../procedures/case/case-stream';

type Data = Record<string, unknown>;

const COLUMN_LIST = CASE_SUMMARY_COLUMNS.map(([column]) => column).join(', ');
const RECORD_TYPE = CASE_SUMMARY_COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ');
const UPDATE_LIST = CASE_SUMMARY_COLUMNS.filter(([column]) => column !== 'case_id')
  .map(([column]) => `${column} = EXCLUDED.${column}`)
  .join(', ');

/**
 * Folds a batch of case events per case in memory, then writes each touched case once: rebuilds
 * of a million events cost a few statements per batch, not one per event.
 */
async function onCaseEvents(events: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  if (events.length === 0) return;
  const ids = [...new Set(events.map(({ event }) => caseIdOf(event.streamId)))];
  const { rows } = await tx.query<CaseSummaryRow>(
    `SELECT ${CASE_SUMMARY_COLUMNS.map(([column, type]) => (type === 'date' ? `${column}::text AS ${column}` : column)).join(', ')}
       FROM case_summaries WHERE case_id = ANY ($1::text[])`,
    [ids],
  );
  const current = new Map(rows.map((row) => [row.case_id, row]));
  const touched = new Set<string>();
  for (const { event, sequence } of events) {
    const id = caseIdOf(event.streamId);
    const next = applyToSummary(current.get(id), event, sequence);
    if (next && next !== current.get(id)) {
      current.set(id, next);
      touched.add(id);
    }
  }
  if (touched.size === 0) return;
  await tx.query(
    `INSERT INTO case_summaries (${COLUMN_LIST})
     SELECT ${COLUMN_LIST} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})
     ON CONFLICT (case_id) DO UPDATE SET ${UPDATE_LIST}`,
    [JSON.stringify([...touched].map((id) => current.get(id)))],
  );
}

async function onPersonEvent(
  event: RecordedEvent,
  tx: ProjectionTx,
  sequence: number,
): Promise<void> {
  if (event.type !== 'ReappointmentDue') return;
  const data = event.data as Data;
  // A case opened by the notice is already in the inbox as its first step; otherwise staff must act.
  if (data.action === 'open_case' && data.caseId) return;
  const detail = data.refusal
    ? `re-appointment for ${data.positionId} (term ends ${data.termEnd}) could not be opened: ${data.refusal}`
    : `re-appointment for ${data.positionId} is due: the term ends on ${data.termEnd}`;
  await tx.query(
    `INSERT INTO inbox_tasks (task_id, kind, person_id, position_id, org_unit_id, due_on, detail, refusal_rule, created_sequence)
     VALUES ($1, 'reappointment_due', $2, $3, $4, $5, $6, $7, $8)`,
    [
      `reappointment:${data.personId}:${data.positionId}:${data.termEnd}`,
      data.personId,
      data.positionId,
      data.orgUnitId,
      data.termEnd,
      detail,
      refusalRuleOf(data.refusal as string | null),
      sequence,
    ],
  );
}

/** The rule of a refusal the notice noted as `<rule>: <message>` (the case opening's). */
const refusalRuleOf = (refusal: string | null | undefined): string | null =>
  refusal ? (/^([a-z_]+\.[a-z0-9_.]+):/.exec(refusal)?.[1] ?? null) : null;

// Every procedure with its own case streams (approval in principle and consultation included).
const CASE_STREAM = new RegExp(`^(${CASE_PROCEDURES.join('|')})-`);

const isPersonNotice = (event: RecordedEvent): boolean =>
  event.type === 'ReappointmentDue' && event.streamId.startsWith('cadre-');

/** Every event of a case stream (the summary's fold decides what it changes) and the notices. */
const handles = (event: RecordedEvent): boolean =>
  CASE_STREAM.test(event.streamId) || isPersonNotice(event);

async function handleBatch(events: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  await onCaseEvents(
    events.filter(({ event }) => CASE_STREAM.test(event.streamId)),
    tx,
  );
  for (const { event, sequence } of events) {
    if (isPersonNotice(event)) await onPersonEvent(event, tx, sequence);
  }
}

/** Where every case stands (status, current step, deadline) and the staff's non-step tasks. */
export const caseSummariesProjection: Projection = {
  name: 'case_summaries',
  // 2: inbox_due, the inbox's sort key. 3: a case opened for a post takes its appointee as its
  // person at the decision. 4: named_people, the nominees and candidates the inbox leaves the
  // case out for. 5: nominees, who stands for a case opened for a post, which the inbox names.
  // 6: a task's refusal_rule, the rule that refused opening the re-appointment. 7: a complaint
  // under review clears the case's end day, its review sets it again. 8: deadline_missed is the
  // current step's visit's: a correction that makes another step current clears it, one that
  // keeps the case where it was keeps it. 9: flagged_items, the vetting items holding the decision
  // back, which the inbox names (and last_vetting_items, which a correction of the vetting replaces).
  version: 9,
  tables: ['case_summaries', 'inbox_tasks'],
  handles,
  handle: (event, tx, { sequence }) => handleBatch([{ event, sequence }], tx),
  handleBatch,
};

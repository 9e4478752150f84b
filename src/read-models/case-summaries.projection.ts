import { RecordedEvent } from '../event-store/event-envelope';
import { Projection, ProjectionTx } from '../projections/projection';

type Data = Record<string, unknown>;

const OPENED = ['CaseOpened', 'DisciplineCaseOpened'];
const CLOSED_STATUS: Record<string, string> = {
  DecisionIssued: 'decided',
  DisciplineDecided: 'decided',
  CaseRejected: 'rejected',
  CaseWithdrawn: 'withdrawn',
  DisciplineCaseClosed: 'closed',
};

/** `appointment-c-1` → `c-1`: every case stream is `<procedure>-<caseId>`. */
const caseIdOf = (streamId: string) => streamId.slice(streamId.indexOf('-') + 1);

async function onCaseEvent(event: RecordedEvent, tx: ProjectionTx, sequence: number): Promise<void> {
  const data = event.data as Data;
  const caseId = caseIdOf(event.streamId);
  if (OPENED.includes(event.type)) {
    await tx.query(
      `INSERT INTO case_summaries (case_id, stream_id, procedure, definition, rule_set, person_id, position_id, org_unit_id, summary, status,
                                   current_step_id, current_step_due_on, opened_on, opened_sequence, updated_sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10, $11, $12, $13, $13)`,
      [caseId, event.streamId, data.procedure, `${data.definitionId}@${data.definitionVersion}`, data.ruleSetId, data.personId, data.positionId ?? null, data.orgUnitId, data.summary, data.firstStepId, data.firstStepDueOn ?? null, data.openedOn, sequence],
    );
    return;
  }
  const closed = CLOSED_STATUS[event.type];
  if (closed) {
    const on = (data.heldOn ?? data.rejectedOn ?? data.withdrawnOn ?? data.closedOn) as string;
    await tx.query(
      `UPDATE case_summaries SET status = $2, current_step_id = NULL, current_step_due_on = NULL, closed_on = $3, updated_sequence = $4 WHERE case_id = $1`,
      [caseId, closed, on, sequence],
    );
    return;
  }
  switch (event.type) {
    case 'DisciplineComplaintFiled':
      // The review of a complaint is the leadership's next task on the case.
      await tx.query(`UPDATE case_summaries SET status = 'under_review', current_step_id = 'complaint-review', current_step_due_on = NULL, updated_sequence = $2 WHERE case_id = $1`, [caseId, sequence]);
      return;
    case 'DisciplineComplaintReviewed':
      await tx.query(`UPDATE case_summaries SET status = $2, current_step_id = NULL, updated_sequence = $3 WHERE case_id = $1`, [caseId, data.outcome === 'annul' ? 'annulled' : 'decided', sequence]);
      return;
    case 'DeadlineMissed':
      await tx.query(`UPDATE case_summaries SET deadline_missed = true, updated_sequence = $2 WHERE case_id = $1 AND (current_step_id = $3 OR $3 = 'time-limit')`, [caseId, sequence, data.stepId]);
      return;
    default:
      if (typeof data.stepId === 'string' && 'nextStepId' in data) {
        const moved = data.nextStepId !== data.stepId;
        await tx.query(
          `UPDATE case_summaries
              SET current_step_id = $2, current_step_due_on = $3, deadline_missed = CASE WHEN $4 THEN false ELSE deadline_missed END, updated_sequence = $5
            WHERE case_id = $1 AND status = 'open'`,
          [caseId, data.nextStepId ?? null, data.nextStepDueOn ?? null, moved, sequence],
        );
      }
  }
}

async function onPersonEvent(event: RecordedEvent, tx: ProjectionTx, sequence: number): Promise<void> {
  if (event.type !== 'ReappointmentDue') return;
  const data = event.data as Data;
  // A case opened by the notice is already in the inbox as its first step; otherwise staff must act.
  if (data.action === 'open_case' && data.caseId) return;
  const detail = data.refusal
    ? `re-appointment for ${data.positionId} (term ends ${data.termEnd}) could not be opened: ${data.refusal}`
    : `re-appointment for ${data.positionId} is due: the term ends on ${data.termEnd}`;
  await tx.query(
    `INSERT INTO inbox_tasks (task_id, kind, person_id, position_id, org_unit_id, due_on, detail, created_sequence)
     VALUES ($1, 'reappointment_due', $2, $3, $4, $5, $6, $7)`,
    [`reappointment:${data.personId}:${data.positionId}:${data.termEnd}`, data.personId, data.positionId, data.orgUnitId, data.termEnd, detail, sequence],
  );
}

const CASE_STREAM = /^(appointment|reappointment|rotation|discipline)-/;

/** Where every case stands (status, current step, deadline) and the staff's non-step tasks. */
export const caseSummariesProjection: Projection = {
  name: 'case_summaries',
  version: 1,
  tables: ['case_summaries', 'inbox_tasks'],
  async handle(event, tx, { sequence }) {
    if (CASE_STREAM.test(event.streamId)) await onCaseEvent(event, tx, sequence);
    else if (event.streamId.startsWith('cadre-')) await onPersonEvent(event, tx, sequence);
  },
};

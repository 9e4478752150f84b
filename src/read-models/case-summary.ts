import { asCaseStreamEvent } from '../procedures/case/case-stream';
import { RecordedEvent } from '../event-store/event-envelope';

/** A `case_summaries` row, column by column. */
export interface CaseSummaryRow {
  case_id: string;
  stream_id: string;
  procedure: string;
  definition: string;
  rule_set: string;
  person_id: string;
  position_id: string | null;
  org_unit_id: string;
  summary: string;
  status: string;
  current_step_id: string | null;
  current_step_due_on: string | null;
  /** The inbox's sort key: the deadline, or 9999-12-31 for an open step without one; null when no step is open. */
  inbox_due: string | null;
  deadline_missed: boolean;
  opened_on: string;
  closed_on: string | null;
  opened_sequence: number;
  updated_sequence: number;
}

export const CASE_SUMMARY_COLUMNS: [keyof CaseSummaryRow, string][] = [
  ['case_id', 'text'],
  ['stream_id', 'text'],
  ['procedure', 'text'],
  ['definition', 'text'],
  ['rule_set', 'text'],
  ['person_id', 'text'],
  ['position_id', 'text'],
  ['org_unit_id', 'text'],
  ['summary', 'text'],
  ['status', 'text'],
  ['current_step_id', 'text'],
  ['current_step_due_on', 'date'],
  ['inbox_due', 'date'],
  ['deadline_missed', 'boolean'],
  ['opened_on', 'date'],
  ['closed_on', 'date'],
  ['opened_sequence', 'bigint'],
  ['updated_sequence', 'bigint'],
];

/** `appointment-c-1` → `c-1`: every case stream is `<procedure>-<caseId>`. */
export const caseIdOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

export const NO_DEADLINE = '9999-12-31';

/** Where a case stands after one more of its events, with the inbox's sort key kept in step. */
export function applyToSummary(
  row: CaseSummaryRow | undefined,
  event: RecordedEvent,
  sequence: number,
): CaseSummaryRow | undefined {
  const next = applyEvent(row, event, sequence);
  if (!next || next === row) return next;
  return {
    ...next,
    inbox_due: next.current_step_id === null ? null : (next.current_step_due_on ?? NO_DEADLINE),
  };
}

function applyEvent(
  row: CaseSummaryRow | undefined,
  event: RecordedEvent,
  sequence: number,
): CaseSummaryRow | undefined {
  const e = asCaseStreamEvent(event);
  if (e.type === 'CaseOpened' || e.type === 'DisciplineCaseOpened') {
    const data = e.data;
    return {
      case_id: caseIdOf(event.streamId),
      stream_id: event.streamId,
      procedure: data.procedure,
      definition: `${data.definitionId}@${data.definitionVersion}`,
      rule_set: data.ruleSetId,
      person_id: data.personId,
      position_id: data.positionId ?? null,
      org_unit_id: data.orgUnitId,
      summary: data.summary,
      status: 'open',
      current_step_id: data.firstStepId,
      current_step_due_on: data.firstStepDueOn ?? null,
      inbox_due: null,
      deadline_missed: false,
      opened_on: data.openedOn,
      closed_on: null,
      opened_sequence: sequence,
      updated_sequence: sequence,
    };
  }
  if (!row) return row;
  const close = (status: string, on: string): CaseSummaryRow => ({
    ...row,
    status,
    current_step_id: null,
    current_step_due_on: null,
    closed_on: on,
    updated_sequence: sequence,
  });
  switch (e.type) {
    case 'DecisionIssued':
    case 'DisciplineDecided':
      return close('decided', e.data.heldOn);
    case 'CaseRejected':
      return close('rejected', e.data.rejectedOn);
    case 'CaseWithdrawn':
      return close('withdrawn', e.data.withdrawnOn);
    case 'DisciplineCaseClosed':
      return close('closed', e.data.closedOn);
    case 'DisciplineComplaintFiled':
      // The review of a complaint is the leadership's next task on the case.
      return {
        ...row,
        status: 'under_review',
        current_step_id: 'complaint-review',
        current_step_due_on: null,
        updated_sequence: sequence,
      };
    case 'DisciplineComplaintReviewed':
      return {
        ...row,
        status: e.data.outcome === 'annul' ? 'annulled' : 'decided',
        current_step_id: null,
        updated_sequence: sequence,
      };
    case 'DeadlineMissed':
      if (row.current_step_id !== e.data.stepId && e.data.stepId !== 'time-limit') return row;
      return { ...row, deadline_missed: true, updated_sequence: sequence };
    case 'ProposalRecorded':
    case 'MeetingRecorded':
    case 'NominationTallied':
    case 'BallotTallied':
    case 'VettingItemsRecorded':
    case 'DisciplineStepRecorded':
    case 'DisciplineBallotTallied': {
      if (row.status !== 'open') return row;
      const { stepId, nextStepId, nextStepDueOn } = e.data;
      return {
        ...row,
        current_step_id: nextStepId ?? null,
        current_step_due_on: nextStepDueOn ?? null,
        deadline_missed: nextStepId !== stepId ? false : row.deadline_missed,
        updated_sequence: sequence,
      };
    }
    case 'StepDeadlineRecomputed':
      if (row.current_step_id !== e.data.stepId) return row;
      return { ...row, current_step_due_on: e.data.dueOn, updated_sequence: sequence };
    case 'VettingItemResolved':
    case 'VettingItemFlaggedFromRecord':
    case 'DisciplineTimeLimitExtended':
      return row;
    default: {
      const unknownType: never = e;
      void unknownType;
      return row;
    }
  }
}

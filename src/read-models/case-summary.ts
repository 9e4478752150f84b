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

type Data = Record<string, unknown>;

const CLOSED_STATUS: Record<string, string> = {
  DecisionIssued: 'decided',
  DisciplineDecided: 'decided',
  CaseRejected: 'rejected',
  CaseWithdrawn: 'withdrawn',
  DisciplineCaseClosed: 'closed',
};

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
  const data = event.data as Data;
  if (event.type === 'CaseOpened' || event.type === 'DisciplineCaseOpened') {
    return {
      case_id: caseIdOf(event.streamId),
      stream_id: event.streamId,
      procedure: data.procedure as string,
      definition: `${data.definitionId}@${data.definitionVersion}`,
      rule_set: data.ruleSetId as string,
      person_id: data.personId as string,
      position_id: (data.positionId as string | null | undefined) ?? null,
      org_unit_id: data.orgUnitId as string,
      summary: data.summary as string,
      status: 'open',
      current_step_id: data.firstStepId as string,
      current_step_due_on: (data.firstStepDueOn as string | null | undefined) ?? null,
      inbox_due: null,
      deadline_missed: false,
      opened_on: data.openedOn as string,
      closed_on: null,
      opened_sequence: sequence,
      updated_sequence: sequence,
    };
  }
  if (!row) return row;
  const closed = CLOSED_STATUS[event.type];
  if (closed) {
    const on = (data.heldOn ?? data.rejectedOn ?? data.withdrawnOn ?? data.closedOn) as string;
    return {
      ...row,
      status: closed,
      current_step_id: null,
      current_step_due_on: null,
      closed_on: on,
      updated_sequence: sequence,
    };
  }
  switch (event.type) {
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
        status: data.outcome === 'annul' ? 'annulled' : 'decided',
        current_step_id: null,
        updated_sequence: sequence,
      };
    case 'DeadlineMissed':
      if (row.current_step_id !== data.stepId && data.stepId !== 'time-limit') return row;
      return { ...row, deadline_missed: true, updated_sequence: sequence };
    default:
      if (typeof data.stepId === 'string' && 'nextStepId' in data && row.status === 'open') {
        const moved = data.nextStepId !== data.stepId;
        return {
          ...row,
          current_step_id: (data.nextStepId as string | null) ?? null,
          current_step_due_on: (data.nextStepDueOn as string | null | undefined) ?? null,
          deadline_missed: moved ? false : row.deadline_missed,
          updated_sequence: sequence,
        };
      }
      return row;
  }
}

import { asCaseStreamEvent, CaseStreamEvent } from '../procedures/case/case-stream';
import { RecordedEvent } from '../event-store/event-envelope';
import { namedInStep } from '../procedures/case/decider/case-people';
import { standingAfter } from './case-summary-nominees';
import { termCorrected } from './case-summary-term-corrected';
import { complaint } from './case-summary-complaint';
import { withVetting } from './case-summary-vetting';
import type { CaseSummaryRow } from './case-summary-row';

/** `appointment-c-1` → `c-1`: every case stream is `<procedure>-<caseId>`. */
export const caseIdOf = (streamId: string): string => streamId.slice(streamId.indexOf('-') + 1);

export const NO_DEADLINE = '9999-12-31';

/** Where a case stands after one more of its events, with the inbox's sort key kept in step. */
export function applyToSummary(
  row: CaseSummaryRow | undefined,
  event: RecordedEvent,
  sequence: number,
): CaseSummaryRow | undefined {
  // The vetting items holding the decision back are kept beside (case-summary-vetting.ts).
  const next = withVetting(row, applyEvent(row, event, sequence), event, sequence);
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
  if (e.type === 'CaseOpened' || e.type === 'DisciplineCaseOpened')
    return openedRow(event.streamId, e.data, sequence);
  if (!row) return row;
  const close = (status: string, on: string) => closedRow(row, status, on, sequence);
  switch (e.type) {
    case 'DecisionIssued':
      return withAppointee(close('decided', e.data.heldOn), e.data.appointee);
    case 'DisciplineDecided':
      return close('decided', e.data.heldOn);
    case 'CaseRejected':
      return close('rejected', e.data.rejectedOn);
    case 'CaseWithdrawn':
      return close('withdrawn', e.data.withdrawnOn);
    case 'DisciplineCaseClosed':
      return close('closed', e.data.closedOn);
    case 'DisciplineTimeBarred':
      return close('time_barred', e.data.heldOn);
    case 'DisciplineComplaintFiled':
    case 'DisciplineComplaintReviewed':
      return complaintOf(row, e, sequence);
    case 'DeadlineMissed':
      return deadlineMissed(row, e.data.stepId, sequence);
    case 'NominationTallied':
    case 'BallotTallied':
    case 'CandidatesRegistered':
    case 'ExamScoresRecorded':
      return afterStepNaming(row, e, sequence);
    case 'ProposalRecorded':
    case 'MeetingRecorded':
    case 'ElectionResultRecorded':
    case 'VettingItemsRecorded':
    case 'DisciplineStepRecorded':
    case 'DisciplineBallotTallied':
      return row.status === 'open' ? afterStep(row, e.data, sequence) : row;
    case 'StepCorrected':
      return correctedNaming(row, e.data, sequence);
    case 'StepDeadlineRecomputed':
      return dueCountedAgain(row, e.data, sequence);
    case 'DisciplineTimeLimitExtended':
      return dueCountedAgain(row, e.data.currentStepDue, sequence);
    case 'VettingItemResolved':
    case 'VettingItemFlaggedFromRecord':
    case 'VettingItemClearedFromRecord':
      return row;
    case 'RenewedTermCorrected':
      return termCorrected(row, e.data.summary, sequence);
    default: {
      const unknownType: never = e;
      void unknownType;
      return row;
    }
  }
}

/** A complaint filed against a discipline decision, or its review. */
function complaintOf(
  row: CaseSummaryRow,
  e: Extract<CaseStreamEvent, { type: 'DisciplineComplaintFiled' | 'DisciplineComplaintReviewed' }>,
  sequence: number,
): CaseSummaryRow {
  return e.type === 'DisciplineComplaintFiled'
    ? complaint(row, { filed: e.data.reviewDueOn ?? null }, sequence)
    : complaint(row, { outcome: e.data.outcome, on: e.data.heldOn }, sequence);
}

/** The current step's deadline (or the case's time limit, `time-limit`) passed undone. */
function deadlineMissed(row: CaseSummaryRow, stepId: string, sequence: number): CaseSummaryRow {
  if (row.current_step_id !== stepId && stepId !== 'time-limit') return row;
  return { ...row, deadline_missed: true, updated_sequence: sequence };
}

/** The current step's due day counted again (a new calendar, a longer time to decide). */
function dueCountedAgain(
  row: CaseSummaryRow,
  due: { stepId: string; dueOn: string } | undefined,
  sequence: number,
): CaseSummaryRow {
  if (!due || row.current_step_id !== due.stepId) return row;
  return { ...row, current_step_due_on: due.dueOn, updated_sequence: sequence };
}

/** A case that ended (`status`) on `on`: no step is open any more. */
function closedRow(
  row: CaseSummaryRow,
  status: string,
  on: string,
  sequence: number,
): CaseSummaryRow {
  return {
    ...row,
    status,
    current_step_id: null,
    current_step_due_on: null,
    closed_on: on,
    updated_sequence: sequence,
  };
}

/**
 * A case opened for a post names nobody: whom it appoints is known at its decision, and only
 * then becomes its person (the winner of an exam or a final ballot is withheld from some readers
 * before it, so the list's person filter must not reveal them earlier).
 */
function withAppointee(row: CaseSummaryRow, appointee: string | undefined): CaseSummaryRow {
  return row.person_id === '' && appointee ? { ...row, person_id: appointee } : row;
}

type NamingStep = Extract<
  CaseStreamEvent,
  { type: 'NominationTallied' | 'BallotTallied' | 'CandidatesRegistered' | 'ExamScoresRecorded' }
>;

/** A step that names nominees or candidates: they are kept, and an open case moves on. */
function afterStepNaming(row: CaseSummaryRow, e: NamingStep, sequence: number): CaseSummaryRow {
  const named = withNamed(withStanding(row, e.type, e.data), namedInStep(e.type, e.data));
  return named.status === 'open' ? afterStep(named, e.data, sequence) : named;
}

/** A corrected step: whom its corrected version names is kept too (the replaced one's stays). */
function correctedNaming(
  row: CaseSummaryRow,
  {
    corrected: version,
    replacedNextStepId,
  }: { corrected: unknown; replacedNextStepId?: string | null },
  sequence: number,
): CaseSummaryRow {
  const { type, data } = version as { type: string; data: Record<string, unknown> };
  const named = withNamed(withStanding(row, type, data), namedInStep(type, data));
  return corrected(named, replacedNextStepId ?? null, data, sequence);
}

/** The row with the nominees standing after the step (a correction replaces the last step). */
function withStanding(row: CaseSummaryRow, type: string, data: object): CaseSummaryRow {
  return { ...row, nominees: standingAfter(row.nominees ?? [], type, data) };
}

/** The row with more people named (kept once each, in the order first named). */
function withNamed(row: CaseSummaryRow, people: string[]): CaseSummaryRow {
  const known = row.named_people ?? [];
  const added = people.filter((personId) => !known.includes(personId));
  return added.length ? { ...row, named_people: [...known, ...added] } : row;
}

type OpenedEvent = Extract<CaseStreamEvent, { type: 'CaseOpened' | 'DisciplineCaseOpened' }>;

/** The row a case starts with: open, at its first step. */
function openedRow(streamId: string, data: OpenedEvent['data'], sequence: number): CaseSummaryRow {
  return {
    case_id: caseIdOf(streamId),
    stream_id: streamId,
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
    named_people: [],
    nominees: [],
    flagged_items: [],
    last_vetting_items: [],
    opened_sequence: sequence,
    updated_sequence: sequence,
  };
}

/** A step recorded: the case moves to the next step (a missed deadline is cleared when it moves). */
function afterStep(
  row: CaseSummaryRow,
  data: { stepId: string; nextStepId?: string | null; nextStepDueOn?: string | null },
  sequence: number,
): CaseSummaryRow {
  const { stepId, nextStepId, nextStepDueOn } = data;
  return {
    ...row,
    current_step_id: nextStepId ?? null,
    current_step_due_on: nextStepDueOn ?? null,
    deadline_missed: nextStepId !== stepId ? false : row.deadline_missed,
    updated_sequence: sequence,
  };
}

/**
 * A corrected step: the case stands where the corrected version sends it, open again if the
 * replaced version had ended it (an ending the corrected result brings follows as its own event).
 * The missed deadline is the current step's visit's: a correction that sends the case elsewhere
 * than the replaced version did (back to the step it corrected, too) begins another visit, which
 * has missed nothing yet; one sending it where the replaced version did keeps the visit, and its
 * miss (the deadline check records a visit's miss once: step-deadline.ts).
 */
function corrected(
  row: CaseSummaryRow,
  replacedNextStepId: string | null,
  data: Record<string, unknown>,
  sequence: number,
): CaseSummaryRow {
  const nextStepId = (data.nextStepId as string | null | undefined) ?? null;
  return {
    ...row,
    status: 'open',
    closed_on: null,
    current_step_id: nextStepId,
    current_step_due_on: (data.nextStepDueOn as string | null | undefined) ?? null,
    deadline_missed: nextStepId !== replacedNextStepId ? false : row.deadline_missed,
    updated_sequence: sequence,
  };
}

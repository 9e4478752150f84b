import { DomainEvent } from '../../../common/stream-decider';
import { advanceOn, correctableEvolve, withRecorder } from '../../../workflow/step-engine';
import { CaseEvent } from './case.events';
import { CaseFacts, CaseState, ExistingCase } from './case.state';
import { ClosingEvent, Data, VettingEvent } from './case.types';
import { evolveExam } from '../../competitive-exam/exam.evolve';

/** Step events: each becomes the case's last step, which may be corrected until overtaken. */
const STEP_EVENTS = [
  'ProposalRecorded',
  'MeetingRecorded',
  'NominationTallied',
  'BallotTallied',
  'VettingItemsRecorded',
  'ElectionResultRecorded',
  'DecisionIssued',
  'CandidatesRegistered',
  'ExamScoresRecorded',
];

const LAST_STEP_KINDS = {
  steps: STEP_EVENTS,
  // A case ended by its step's result (not by staff) and a missed deadline leave the step correctable.
  keepsLastStep: (event: DomainEvent) =>
    event.type === 'DeadlineMissed' ||
    event.type === 'StepDeadlineRecomputed' ||
    (event.type === 'CaseRejected' && event.data.rule !== 'case.rejected_by_staff'),
};

export const evolveCase = correctableEvolve<CaseState, CaseEvent, 'CaseOpened', ExistingCase>({
  openedBy: 'CaseOpened',
  opened,
  evolveEvent,
  kinds: LAST_STEP_KINDS,
  // A corrected vetting's first flag-end timer stays set (a correction cancels none of them).
  keptOnCorrection: (state) => (state.flagEndsByTime ? { flagEndsByTime: true } : {}),
});

/** The case's mark that a flag ends by time, when `ends` names a day (see `flagEndsByTime`). */
const flagEndsFrom = (ends: object | string | undefined): Pick<CaseFacts, 'flagEndsByTime'> =>
  ends && (typeof ends === 'string' || Object.keys(ends).length) ? { flagEndsByTime: true } : {};

function evolveEvent(
  state: ExistingCase,
  e: Exclude<CaseEvent, { type: 'CaseOpened' | 'StepCorrected' }>,
): ExistingCase {
  switch (e.type) {
    case 'ProposalRecorded':
    case 'MeetingRecorded':
      return { ...state, ...advanceOn(state, e.data, true), steps: [...state.steps, e] };
    case 'NominationTallied':
      return {
        ...state,
        ...advanceOn(state, e.data, true),
        steps: [...state.steps, e],
        // A reference tally leaves the nominees the decisive nominations brought up.
        nominees: e.data.outcome === 'reference' ? state.nominees : e.data.selected,
        tallyRecorders: withRecorder(state.tallyRecorders, e.data),
      };
    case 'BallotTallied':
      return {
        ...state,
        ...advanceOn(state, e.data, e.data.outcome !== 'failed'),
        steps: [...state.steps, e],
        tallyRecorders: withRecorder(state.tallyRecorders, e.data),
        // A post case: only the nominees who passed go on; the final ballot names the appointee.
        ...(e.data.passed ? { nominees: e.data.passed } : {}),
        ...(e.data.appointee ? { appointee: e.data.appointee.personId } : {}),
      };
    case 'ElectionResultRecorded':
      return {
        ...state,
        ...advanceOn(state, e.data, e.data.outcome === 'elected'),
        steps: [...state.steps, e],
        tallyRecorders: withRecorder(state.tallyRecorders, e.data),
      };
    case 'CandidatesRegistered':
    case 'ExamScoresRecorded':
      return evolveExam(state, e);
    case 'VettingItemsRecorded':
    case 'VettingItemResolved':
    case 'VettingItemFlaggedFromRecord':
    case 'VettingItemClearedFromRecord':
      return evolveVetting(state, e);
    case 'DecisionIssued':
    case 'CaseRejected':
    case 'CaseWithdrawn':
      return evolveClosing(state, e);
    case 'DeadlineMissed':
      // A missed time limit is recorded; it does not move or block the steps.
      return state;
    case 'StepDeadlineRecomputed':
      return state.status === 'open' ? { ...state, currentStepDueOn: e.data.dueOn } : state;
    case 'RenewedTermCorrected':
      return renewedTermCorrected(state, e.data);
    default: {
      const unknownType: never = e;
      void unknownType;
      return state;
    }
  }
}

/** The opening's facts give the corrected term end; the first one it opened with is kept beside it. */
function renewedTermCorrected(
  state: ExistingCase,
  data: Data<'RenewedTermCorrected'>,
): ExistingCase {
  const { termEndAtOpening = data.previousTermEnd } = state.openFacts;
  const openFacts: Record<string, unknown> = {
    ...state.openFacts,
    termEnd: data.termEnd,
    termEndAtOpening,
  };
  if (data.openBy !== undefined) {
    // The deadline and lateness are the corrected end's; the days late are kept only when late.
    delete openFacts.daysLate;
    delete openFacts.lateUnit;
    Object.assign(
      openFacts,
      { openBy: data.openBy, late: data.late === true },
      data.late ? { daysLate: data.daysLate, lateUnit: data.lateUnit } : {},
    );
  }
  return { ...state, openFacts, summary: data.summary ?? state.summary };
}

function opened(data: Data<'CaseOpened'>): CaseState {
  const facts: CaseFacts = {
    caseId: data.caseId,
    procedure: data.procedure,
    definitionId: data.definitionId,
    definitionVersion: data.definitionVersion,
    ruleSetId: data.ruleSetId,
    personId: data.personId,
    positionId: data.positionId,
    orgUnitId: data.orgUnitId,
    openedOn: data.openedOn,
    summary: data.summary,
    openFacts: data.facts ?? {},
    ...(data.recordedFromPaper ? { recordedFromPaper: data.recordedFromPaper } : {}),
    currentStep: 0,
    currentStepDueOn: data.firstStepDueOn,
    governingDeadline: data.governingDeadline ?? null,
    steps: [],
    vetting: {},
    nominees: null,
    fillsPost: data.fillsPost === true,
    appointee: null,
    tallyRecorders: [],
    lastStep: null,
    corrections: [],
  };
  return { status: 'open', ...facts };
}

function evolveVetting(state: ExistingCase, e: VettingEvent): ExistingCase {
  switch (e.type) {
    case 'VettingItemsRecorded': {
      const vetting = { ...state.vetting };
      for (const entry of e.data.items) vetting[entry.item] = entry;
      return {
        ...state,
        ...advanceOn(state, e.data, e.data.complete),
        steps: [...state.steps, e],
        vetting,
        ...flagEndsFrom(e.data.flagsEndOn),
      };
    }
    case 'VettingItemResolved': {
      const entry = state.vetting[e.data.item];
      if (!entry) return state;
      const { note, resolvedBy, resolvedByName, resolvedOn } = e.data;
      return {
        ...state,
        vetting: {
          ...state.vetting,
          [e.data.item]: {
            ...entry,
            resolved: {
              note,
              resolvedBy,
              ...(resolvedByName ? { resolvedByName } : {}),
              resolvedOn,
            },
          },
        },
      };
    }
    case 'VettingItemFlaggedFromRecord': {
      const { item, note } = e.data;
      return {
        ...state,
        vetting: { ...state.vetting, [item]: { item, result: 'flagged', note, source: 'record' } },
        ...flagEndsFrom(e.data.endsOn),
      };
    }
    case 'VettingItemClearedFromRecord': {
      const { item, note } = e.data;
      return {
        ...state,
        vetting: { ...state.vetting, [item]: { item, result: 'cleared', note, source: 'record' } },
      };
    }
  }
}

function evolveClosing(state: ExistingCase, e: ClosingEvent): ExistingCase {
  const { status: _status, ...rest } = state;
  const facts = rest as CaseFacts;
  switch (e.type) {
    case 'DecisionIssued':
      return {
        ...facts,
        status: 'decided',
        decision: e.data,
        currentStep: state.currentStep + 1,
        currentStepDueOn: null,
        steps: [...state.steps, e],
      };
    case 'CaseRejected':
      return { ...facts, status: 'rejected', rejection: e.data, currentStepDueOn: null };
    case 'CaseWithdrawn':
      return { ...facts, status: 'withdrawn', withdrawal: e.data, currentStepDueOn: null };
  }
}

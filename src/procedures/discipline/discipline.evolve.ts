import { DomainEvent } from '../../common/stream-decider';
import { StepRecord, advanceOn, correctableEvolve, withRecorder } from '../../workflow/step-engine';
import { DisciplineEvent } from './discipline.events';
import { DisciplineState, ExistingDiscipline } from './discipline.state';
import { Data } from './discipline.types';
import { serviceStatusOpened } from './service-status-opened';

/** Closures a step's own result writes (not staff's): the step stays correctable. */
const STEP_RESULT_CLOSURES = ['discipline.violation_not_confirmed', 'ballot.no_form_reached'];

const LAST_STEP_KINDS = {
  steps: ['DisciplineStepRecorded', 'DisciplineBallotTallied', 'DisciplineDecided'],
  // A time bar found by a ballot is that ballot's result: the ballot stays correctable.
  keepsLastStep: (event: DomainEvent) =>
    event.type === 'DeadlineMissed' ||
    event.type === 'StepDeadlineRecomputed' ||
    event.type === 'DisciplineTimeBarred' ||
    (event.type === 'DisciplineCaseClosed' &&
      STEP_RESULT_CLOSURES.includes(String(event.data.rule))),
};

/** A correction keeps the deadlines missed before it, besides the tally recorders of both versions. */
export const evolveDiscipline = correctableEvolve<
  DisciplineState,
  DisciplineEvent,
  'DisciplineCaseOpened',
  ExistingDiscipline
>({
  openedBy: 'DisciplineCaseOpened',
  opened,
  evolveEvent,
  kinds: LAST_STEP_KINDS,
  keptOnCorrection: (state) => ({ missedDeadlines: state.missedDeadlines }),
});

function evolveEvent(
  state: ExistingDiscipline,
  e: Exclude<DisciplineEvent, { type: 'DisciplineCaseOpened' | 'StepCorrected' }>,
): ExistingDiscipline {
  const moves = (data: StepRecord) => data.nextStepId !== data.stepId;
  switch (e.type) {
    case 'DisciplineStepRecorded':
      return stepRecorded(state, e);
    case 'DisciplineBallotTallied':
      return {
        ...state,
        ...advanceOn(state, e.data, moves(e.data)),
        steps: [...state.steps, e],
        ballot: e.data,
        tallyRecorders: withRecorder(state.tallyRecorders, e.data),
      };
    case 'DisciplineDecided':
      return decided(state, e);
    case 'DisciplineTimeBarred': {
      const { status: _status, ...facts } = state;
      return {
        ...facts,
        status: 'time_barred',
        timeBarred: e.data,
        currentStepDueOn: null,
        steps: [...state.steps, e],
      } as ExistingDiscipline;
    }
    case 'DisciplineTimeLimitExtended':
      return extended(state, e.data);
    case 'DisciplineComplaintFiled':
      return complaintFiled(state, e.data);
    case 'DisciplineComplaintReviewed':
      return reviewed(state, e.data);
    case 'DisciplineCaseClosed': {
      const { status: _status, ...facts } = state;
      return {
        ...facts,
        status: 'closed',
        closure: e.data,
        currentStepDueOn: null,
      } as ExistingDiscipline;
    }
    case 'DeadlineMissed':
      return { ...state, missedDeadlines: [...state.missedDeadlines, e.data.stepId] };
    // Counted again at a start (calendar, definition or the time to decide's cap: calendar-adoption.ts).
    case 'StepDeadlineRecomputed':
      return state.status === 'open' ? { ...state, currentStepDueOn: e.data.dueOn } : state;
    default: {
      const unknownType: never = e;
      void unknownType;
      return state;
    }
  }
}

/** A longer time to decide; the current step due again on its own day, or the new limit. */
function extended(
  state: ExistingDiscipline,
  data: Data<'DisciplineTimeLimitExtended'>,
): ExistingDiscipline {
  return {
    ...state,
    decideBy: data.to,
    timeLimitExtended: true,
    ...(data.currentStepDue ? { currentStepDueOn: data.currentStepDue.dueOn } : {}),
  };
}

/** A meeting; one that passes over the council steps moves past them too. */
function stepRecorded(
  state: ExistingDiscipline,
  e: Extract<DisciplineEvent, { type: 'DisciplineStepRecorded' }>,
): ExistingDiscipline {
  const moved = e.data.nextStepId !== e.data.stepId;
  const skipped = moved ? (e.data.skippedSteps?.stepIds.length ?? 0) : 0;
  const later = e.data.laterViolationsOn ?? [];
  return {
    ...state,
    ...advanceOn(state, e.data, moved),
    ...(skipped ? { currentStep: state.currentStep + 1 + skipped } : {}),
    ...(later.length
      ? {
          violation: {
            ...state.violation,
            laterViolationsOn: [...(state.violation.laterViolationsOn ?? []), ...later],
          },
        }
      : {}),
    steps: [...state.steps, e],
  };
}

/**
 * No step is held before the case was opened, as on the appointment procedures
 * (`step.held_before_opening`): a step dated earlier wrote a history that ended before it began
 * (the audit listed a case opened on 6 Dec and ended on 20 Nov). A discipline case has no paper
 * opening (a records clerk's `fromPaper`), so none is exempt. Nor before the violation, which is
 * never after the opening day.
 */
function firstStepFromOf(data: Data<'DisciplineCaseOpened'>) {
  return data.violation.committedOn > data.openedOn
    ? { day: data.violation.committedOn, field: 'violation.committedOn' }
    : { day: data.openedOn, field: 'openedOn' };
}

function opened(data: Data<'DisciplineCaseOpened'>): DisciplineState {
  const { firstStepId: _first, firstStepDueOn, procedure: _procedure, ...facts } = data;
  return {
    status: 'open',
    ...facts,
    serviceStatus: serviceStatusOpened(data),
    firstStepFrom: firstStepFromOf(data),
    currentStep: 0,
    currentStepDueOn: firstStepDueOn,
    steps: [],
    ballot: null,
    tallyRecorders: [],
    timeLimitExtended: false,
    missedDeadlines: [],
    lastStep: null,
    corrections: [],
  };
}

function decided(
  state: ExistingDiscipline,
  e: Extract<DisciplineEvent, { type: 'DisciplineDecided' }>,
): ExistingDiscipline {
  const { status: _status, ...facts } = state;
  return {
    ...facts,
    status: 'decided',
    currentStep: state.currentStep + 1,
    currentStepDueOn: null,
    steps: [...state.steps, e],
    decision: e.data,
    form: e.data.form,
    barEndsOn: e.data.barEndsOn,
    ...validityOf(e.data),
    complaint: null,
    complaints: [],
    reviews: [],
  } as ExistingDiscipline;
}

/** A complaint against the decision puts it under review; every complaint is kept, in order. */
function complaintFiled(
  state: ExistingDiscipline,
  data: Data<'DisciplineComplaintFiled'>,
): ExistingDiscipline {
  if (state.status !== 'decided') return state;
  const complaints = [...(state.complaints ?? []), data];
  return { ...state, status: 'under_review', complaint: data, complaints };
}

/** A complaint review keeps, changes or annuls the form; the case is decided again (or annulled). */
function reviewed(
  state: ExistingDiscipline,
  data: Data<'DisciplineComplaintReviewed'>,
): ExistingDiscipline {
  if (state.status !== 'under_review') return state;
  const reviews = [...state.reviews, data];
  if (data.outcome === 'annul') return { ...state, status: 'annulled', reviews };
  if (data.outcome === 'change')
    return {
      ...state,
      status: 'decided',
      form: data.form!,
      barEndsOn: data.barEndsOn,
      ...validityOf(data),
      reviews,
    };
  return { ...state, status: 'decided', reviews };
}

/** The validity a decision or a changing review recorded; older ones recorded none. */
function validityOf(data: { inEffectUntil?: string | null }): { inEffectUntil?: string | null } {
  return 'inEffectUntil' in data ? { inEffectUntil: data.inEffectUntil } : {};
}

import { DomainEvent } from '../../common/stream-decider';
import { StepRecord, advanceOn, withRecorder } from '../../workflow/step-engine';
import { DisciplineEvent } from './discipline.events';
import { DisciplineState, ExistingDiscipline } from './discipline.state';
import { Data } from './discipline.types';

export function evolveDiscipline(state: DisciplineState, event: DomainEvent): DisciplineState {
  const e = event as DisciplineEvent;
  if (e.type === 'DisciplineCaseOpened') return opened(e.data);
  if (state.status === 'none') return state;
  const moves = (data: StepRecord) => data.nextStepId !== data.stepId;
  switch (e.type) {
    case 'DisciplineStepRecorded':
      return { ...state, ...advanceOn(state, e.data, moves(e.data)), steps: [...state.steps, e] };
    case 'DisciplineBallotTallied':
      return {
        ...state,
        ...advanceOn(state, e.data, moves(e.data)),
        steps: [...state.steps, e],
        ballot: e.data,
        tallyRecorders: withRecorder(state.tallyRecorders, e.data.recordedBy),
      };
    case 'DisciplineDecided':
      return decided(state, e);
    case 'DisciplineTimeLimitExtended':
      return { ...state, decideBy: e.data.to, timeLimitExtended: true };
    case 'DisciplineComplaintFiled':
      return state.status === 'decided'
        ? { ...state, status: 'under_review', complaint: e.data }
        : state;
    case 'DisciplineComplaintReviewed':
      return reviewed(state, e.data);
    case 'DisciplineCaseClosed': {
      const { status: _status, ...facts } = state;
      return {
        ...facts,
        status: 'closed',
        closure: e.data,
        currentStepDueOn: null,
      } as DisciplineState;
    }
    case 'DeadlineMissed':
      return { ...state, missedDeadlines: [...state.missedDeadlines, e.data.stepId] };
    default: {
      const unknownType: never = e;
      void unknownType;
      return state;
    }
  }
}

function opened(data: Data<'DisciplineCaseOpened'>): DisciplineState {
  const { firstStepId: _first, firstStepDueOn, procedure: _procedure, ...facts } = data;
  return {
    status: 'open',
    ...facts,
    currentStep: 0,
    currentStepDueOn: firstStepDueOn,
    steps: [],
    ballot: null,
    tallyRecorders: [],
    timeLimitExtended: false,
    missedDeadlines: [],
  };
}

function decided(
  state: ExistingDiscipline,
  e: Extract<DisciplineEvent, { type: 'DisciplineDecided' }>,
): DisciplineState {
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
    complaint: null,
    reviews: [],
  } as DisciplineState;
}

/** A complaint review keeps, changes or annuls the form; the case is decided again (or annulled). */
function reviewed(
  state: ExistingDiscipline,
  data: Data<'DisciplineComplaintReviewed'>,
): DisciplineState {
  if (state.status !== 'under_review') return state;
  const reviews = [...state.reviews, data];
  if (data.outcome === 'annul') return { ...state, status: 'annulled', reviews };
  if (data.outcome === 'change')
    return { ...state, status: 'decided', form: data.form!, barEndsOn: data.barEndsOn, reviews };
  return { ...state, status: 'decided', reviews };
}

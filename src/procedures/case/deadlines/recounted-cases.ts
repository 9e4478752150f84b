import { DomainEvent, StreamDecider } from '../../../common/stream-decider';
import { GoverningDeadline } from '../../../workflow/step-engine';
import { ProcedureDefinition } from '../../../workflow/definitions/procedure-definition';
import { caseDecider } from '../decider/case.decider';
import { CaseState } from '../decider/case.state';
import { evolveDiscipline } from '../../discipline/discipline.evolve';
import { DisciplineState, initialDisciplineState } from '../../discipline/discipline.state';
import { disciplineTimeLimit } from '../../discipline/discipline-time-limit';
import {
  decideStepDeadlineRecompute,
  RecomputeContext,
  RecomputeStepDeadline,
} from './step-deadline-recompute';

/** What a case of either engine says of its current step once folded. */
export interface CountedStep {
  caseId: string;
  definitionKey: string;
  currentStep: number;
  currentStepDueOn: string;
}

/**
 * How the start-up recount reads one engine's cases: its decider with the recount command, where
 * its current step stands, and the legal limit its steps may not be due after.
 */
export interface RecountedCases<S> {
  decider: StreamDecider<S, RecomputeStepDeadline, RecomputeContext>;
  openStep(state: S): CountedStep | null;
  governingDeadline(state: S, definition: ProcedureDefinition): GoverningDeadline | null;
}

const decide = <S extends { status: string }>(
  state: S,
  command: RecomputeStepDeadline,
  context: RecomputeContext,
): DomainEvent[] => decideStepDeadlineRecompute(state, command, context);

/** Appointment, re-appointment, rotation, transfer, removal…: the limit recorded at opening. */
export const RECOUNTED_CASES: RecountedCases<CaseState> = {
  decider: { initialState: caseDecider.initialState, evolve: caseDecider.evolve, decide },
  openStep: (state) =>
    state.status === 'open' && state.currentStepDueOn
      ? {
          caseId: state.caseId,
          definitionKey: `${state.definitionId}@${state.definitionVersion}`,
          currentStep: state.currentStep,
          currentStepDueOn: state.currentStepDueOn,
        }
      : null,
  governingDeadline: (state) => (state.status === 'none' ? null : state.governingDeadline),
};

/** Discipline cases: every step is due by the time to decide (`decideBy`), when the track has one. */
export const RECOUNTED_DISCIPLINE_CASES: RecountedCases<DisciplineState> = {
  decider: { initialState: initialDisciplineState, evolve: evolveDiscipline, decide },
  openStep: (state) =>
    state.status === 'open' && state.currentStepDueOn
      ? {
          caseId: state.caseId,
          definitionKey: `${state.definitionId}@${state.definitionVersion}`,
          currentStep: state.currentStep,
          currentStepDueOn: state.currentStepDueOn,
        }
      : null,
  governingDeadline: (state, definition) =>
    state.status === 'none' ? null : disciplineTimeLimit(state.decideBy, definition),
};

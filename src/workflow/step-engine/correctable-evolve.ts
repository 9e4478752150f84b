import { DomainEvent } from '../../common/stream-decider';
import { StepCorrectedData } from './correction';
import { FollowsLastStep, StepEventKinds, followLastStep } from './last-step';

/** A correction as the case view and auditors read it: the replaced version beside the reason. */
export interface StepCorrectionNote {
  stepId: string;
  reason: string;
  correctedBy: string;
  /** The corrector's name, when their token gave one (`StepCorrectedData.correctedByName`). */
  correctedByName?: string;
  correctedOn: string;
  replaced: { type: string; data: Record<string, unknown> };
  /** Where the corrected version sent the case: a step's visits count the corrections that moved it (`stepVisits`). */
  correctedNextStepId?: string | null;
}

/** A case whose last step may be corrected (both procedures' case states). */
export interface CorrectableCase<S> extends FollowsLastStep<S> {
  /** Users who recorded a tally: a correction keeps the recorders of both versions. */
  tallyRecorders: string[];
  corrections: StepCorrectionNote[];
}

type OpeningData<E extends { type: string; data: unknown }, O extends E['type']> = Extract<
  E,
  { type: O }
>['data'];
type Corrected = StepCorrectedData & Record<string, unknown>;

/** How a procedure's events build its case, but for the opening, corrections and the last step. */
export interface CorrectableEvolveSpec<
  E extends { type: string; data: unknown },
  O extends E['type'],
  State,
  Existing,
> {
  /** The event that opens a case. */
  openedBy: O;
  opened(data: OpeningData<E, O>): State;
  /** Every other event of an existing case but `StepCorrected`. */
  evolveEvent(state: Existing, event: Exclude<E, { type: O | 'StepCorrected' }>): Existing;
  kinds: StepEventKinds;
  /** What a correction keeps of the case as it stood, besides its tally recorders. */
  keptOnCorrection?(state: Existing): Partial<Existing>;
}

/**
 * A procedure's `evolve`: the opening event opens the case, a correction replaces its step's
 * effect (the corrected step event is applied to the case as it stood before the step, and
 * whoever recorded either version of a tally stays a tally recorder), every other event is the
 * procedure's own and follows the last step.
 */
export function correctableEvolve<
  State extends { status: string },
  E extends { type: string; data: unknown },
  O extends E['type'],
  Existing extends State & CorrectableCase<Existing>,
>(spec: CorrectableEvolveSpec<E, O, State, Existing>): (state: State, event: DomainEvent) => State {
  const evolve = (state: State, event: DomainEvent): State => {
    if (event.type === spec.openedBy) return spec.opened(event.data as OpeningData<E, O>);
    if (state.status === 'none') return state;
    const existing = state as State & Existing;
    if (event.type === 'StepCorrected') return corrected(existing, event.data as Corrected);
    const own = event as Exclude<E, { type: O | 'StepCorrected' }>;
    return followLastStep(existing, spec.evolveEvent(existing, own), event, spec.kinds);
  };
  const corrected = (state: Existing, data: StepCorrectedData): State => {
    const last = state.lastStep;
    if (!last) return state;
    const next = evolve(last.before, data.corrected);
    if (next.status === 'none') return next;
    const after = next as State & Existing;
    const { stepId, reason, correctedBy, correctedByName, correctedOn } = data;
    return {
      ...after,
      tallyRecorders: [...new Set([...state.tallyRecorders, ...after.tallyRecorders])],
      ...spec.keptOnCorrection?.(state),
      corrections: [
        ...state.corrections,
        {
          stepId,
          reason,
          correctedBy,
          ...(correctedByName ? { correctedByName } : {}),
          correctedOn,
          replaced: last.event,
          correctedNextStepId:
            (data.corrected.data.nextStepId as string | null | undefined) ?? null,
        },
      ],
    };
  };
  return evolve;
}

import { DisciplineEvent } from './discipline.events';

type Data<T extends DisciplineEvent['type']> = Extract<DisciplineEvent, { type: T }>['data'];

export interface DisciplineStanding extends Omit<
  Data<'DisciplineCaseOpened'>,
  'firstStepId' | 'firstStepDueOn' | 'procedure'
> {
  /** Index of the current step in the pinned definition. */
  currentStep: number;
  currentStepDueOn: string | null;
  steps: DisciplineEvent[];
  ballot: Data<'DisciplineBallotTallied'> | null;
  tallyRecorders: string[];
  timeLimitExtended: boolean;
  missedDeadlines: string[];
}

/**
 * `decided`: a form applies (the complaint window may be open); `under_review`: a complaint is
 * being reviewed, the form still applies meanwhile; `annulled`: a review annulled it.
 */
export type DisciplineState =
  | { status: 'none' }
  | ({ status: 'open' } & DisciplineStanding)
  | ({
      status: 'decided' | 'under_review' | 'annulled';
      decision: Data<'DisciplineDecided'>;
      form: string;
      barEndsOn: string | null;
      complaint: Data<'DisciplineComplaintFiled'> | null;
      reviews: Data<'DisciplineComplaintReviewed'>[];
    } & DisciplineStanding)
  | ({ status: 'closed'; closure: Data<'DisciplineCaseClosed'> } & DisciplineStanding);

export type ExistingDiscipline = Exclude<DisciplineState, { status: 'none' }>;
export const initialDisciplineState = (): DisciplineState => ({ status: 'none' });

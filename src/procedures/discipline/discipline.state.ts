import { FirstStepFrom, LastStep } from '../../workflow/step-engine';
import { StepCorrectionNote } from '../case/decider/case.state';
import { DisciplineEvent, ServiceStatus } from './discipline.events';

type Data<T extends DisciplineEvent['type']> = Extract<DisciplineEvent, { type: T }>['data'];

export interface DisciplineStanding extends Omit<
  Data<'DisciplineCaseOpened'>,
  'firstStepId' | 'firstStepDueOn' | 'procedure' | 'serviceStatus'
> {
  serviceStatus: ServiceStatus;
  /** No discipline step is held before the case was opened (nor before the violation). */
  firstStepFrom: FirstStepFrom;
  /** Index of the current step in the pinned definition. */
  currentStep: number;
  currentStepDueOn: string | null;
  /** The day the current step became current (absent while the first step is: `openedOn`). */
  currentStepSince?: string;
  steps: DisciplineEvent[];
  ballot: Data<'DisciplineBallotTallied'> | null;
  tallyRecorders: string[];
  timeLimitExtended: boolean;
  missedDeadlines: string[];
  /** The last performed step, while it may still be corrected (see the step engine's last-step). */
  lastStep: LastStep<ExistingDiscipline> | null;
  /** Corrections made, in order, each with the version it replaced. */
  corrections: StepCorrectionNote[];
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
      /** The form's validity, as decided or as a review changed it (absent on older decisions). */
      inEffectUntil?: string | null;
      complaint: Data<'DisciplineComplaintFiled'> | null;
      /** Every complaint filed, in order (the latest is `complaint`). */
      complaints?: Data<'DisciplineComplaintFiled'>[];
      reviews: Data<'DisciplineComplaintReviewed'>[];
    } & DisciplineStanding)
  | ({ status: 'closed'; closure: Data<'DisciplineCaseClosed'> } & DisciplineStanding)
  /** Confirmed but past its limitation period (vi phạm nhưng hết thời hiệu): decided, no form. */
  | ({ status: 'time_barred'; timeBarred: Data<'DisciplineTimeBarred'> } & DisciplineStanding);

export type ExistingDiscipline = Exclude<DisciplineState, { status: 'none' }>;
export const initialDisciplineState = (): DisciplineState => ({ status: 'none' });

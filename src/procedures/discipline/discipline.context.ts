import { DisciplineOnRecord, PersonStatusPeriod } from '../../cadres/person/person.state';
import { StepContext } from '../../workflow/step-engine';
import { DisciplinePostHoldings } from './discipline-post-holding';
import { SameViolationCase } from './same-violation';
import { OtherDisciplineCase } from './violation-handled-once';

/** Everything the discipline decider needs besides state and command; gathered by the service. */
export interface DisciplineContext extends StepContext {
  /** The person's circumstances from their record (deferral reads them). */
  personStatuses: PersonStatusPeriod[];
  /** The person's gender from their record (a father's deferral needs a ground); absent where not read. */
  gender?: 'male' | 'female';
  /** Whether the person's record says they are a Party member (Party discipline needs one); absent where not read. */
  partyMember?: boolean;
  /** The posts the person holds (removal from post needs one); absent where not read. */
  postsHeld?: readonly string[];
  /**
   * The disciplines on the person's record (a violation committed while one of the track was in
   * effect takes a heavier form); absent where not read.
   */
  disciplineOnRecord?: readonly DisciplineOnRecord[];
  /**
   * The person's other discipline cases (open ones and decided ones on their record), read before
   * an opening or a decision: one violation is disciplined once per track. Absent where not read.
   */
  otherDisciplineCases?: readonly OtherDisciplineCase[];
  /** The case a decision names as the same violation on the other track, read before deciding. */
  sameViolationCase?: SameViolationCase;
  /**
   * A decision or a complaint's review: the holdings' streams of the posts it can end or give
   * back, read before it is decided; it records itself there at that revision
   * (`DisciplinePostHolding`). The decider does not read it.
   */
  postHoldings?: DisciplinePostHoldings;
}

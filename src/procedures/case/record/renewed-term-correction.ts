import { PersonState } from '../../../cadres/person/person.state';
import { WorkflowCommand } from '../../../sagas/workflow-command';
import { ExistingCase } from '../decider/case.state';
import { RecordWrite } from './record-writes';

/** A hold of a post with a term end, as recorded by hand or imported (first or again). */
export interface RecordedTerm {
  personId: string;
  positionId: string;
  termEnd: string;
  decisionRef: string;
}

/**
 * A term was recorded on the person's record: a re-appointment of the post that its notice
 * opened (or found open) and that is still open follows the term end as recorded now.
 */
export class FollowRecordedTerm extends WorkflowCommand {
  constructor(readonly term: RecordedTerm) {
    super();
  }
}

/**
 * The re-appointment case a notice of the post opened or found open, the last one noted: only it
 * can still be open (a term's notice is noted once, and the one before was closed to open it).
 */
export function noticedReappointment(person: PersonState, positionId: string): string | null {
  if (person.status !== 'registered') return null;
  const noted = person.reappointmentsDue.filter(
    (due) => due.positionId === positionId && due.caseId !== null,
  );
  return noted.at(-1)?.caseId ?? null;
}

/**
 * What the corrected term writes on the open re-appointment: the corrected end, when the person
 * still holds the post with it, on the hold the case was opened for (begun by its opening day),
 * and the case's facts give another. A case closed since, or one already following this end (a
 * redelivery), is left as it is.
 */
export function renewedTermCorrection(
  person: PersonState,
  reappointment: ExistingCase,
  term: RecordedTerm,
): RecordWrite[] {
  if (person.status !== 'registered' || reappointment.status !== 'open') return [];
  const held = person.posts.find((post) => post.positionId === term.positionId);
  if (!held || held.termEnd !== term.termEnd) return [];
  // A hold begun after the case opened is a new term recorded by hand, not the renewed one corrected.
  if (held.from > reappointment.openedOn) return [];
  if (reappointment.openFacts.termEnd === term.termEnd) return [];
  return [
    {
      to: 'case',
      caseId: reappointment.caseId,
      orgUnitId: reappointment.orgUnitId,
      key: `term:${term.termEnd}`,
      command: {
        type: 'CorrectRenewedTerm',
        data: { termEnd: term.termEnd, decisionRef: term.decisionRef },
      },
    },
  ];
}

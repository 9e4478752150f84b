import { PersonState } from '../../../cadres/person/person.state';
import { reappointmentNoticeSummary } from '../../reappointment/reappointment-notice-summary';
import { ExistingCase } from '../decider/case.state';
import { decisionRefOf, OpenCaseSeen, RecordWrite, toPerson } from './record-writes';
import { withdrawnWithPostsEndedBy } from './withdrawn-with-post';
import { heldTermEnd, movesThePerson } from '../decider/decision-posts';
import { moveEndReason, postsAMoveEnds } from '../decider/posts-a-move-ends';
import { termRunsToRetirement } from '../decider/term-to-retirement';

/**
 * The case-record workflow, pure: from an appointment, re-appointment or rotation case (and the
 * person's record where it matters) to the writes on the person's record. `case-record.saga.ts`
 * says when each runs; the writes keep the triggering event's seed (key null).
 */

/**
 * Whose record the case's decision writes: a post case's appointee (the nominee its final ballot
 * chose), otherwise the person the case opened for.
 */
export const appointeeOf = (state: ExistingCase): string => state.appointee ?? state.personId;

/** Note the case as open or closed on the person's record (a post case opened for nobody: none). */
export function noteCase(
  state: ExistingCase,
  note: { status: 'open' | 'closed'; on: string },
): RecordWrite[] {
  const { personId, caseId, procedure } = state;
  if (!personId) return [];
  return [
    toPerson(personId, null, {
      type: 'NoteCase',
      data: { personId, caseId, procedure, status: note.status, stage: null, on: note.on },
    }),
  ];
}

/** The end of the term the decided post is held on (`heldTermEnd`). */
export function postTermEndOf(state: Extract<ExistingCase, { status: 'decided' }>): string | null {
  return heldTermEnd(state.procedure, state.decision);
}

/**
 * The decision assigns the post with its term (`postTermEndOf`). An appointment to a new post
 * ends the posts the appointee held unless the decision keeps them concurrently (kiêm nhiệm),
 * withdrawing their open cases on them that stop when they end (a re-appointment, an extension),
 * as a removal does, and ends the appointee's planning-pool entry for the post taken up; `person`
 * and `openCases` are read before (a redelivery finds the old posts and the entry already gone).
 */
export function assignPost(
  state: ExistingCase,
  person?: PersonState,
  openCases: OpenCaseSeen[] = [],
): RecordWrite[] {
  if (state.status !== 'decided') throw new Error(`case ${state.caseId} has no decision`);
  const { decision } = state;
  const personId = appointeeOf(state);
  const ended = previousPostsEnded(state, person);
  const reason = `withdrawn: the post ended by ${decisionRefOf(decision)} (case ${state.caseId})`;
  return [
    // First: a redelivery after the posts ended would find none to end, so none to withdraw.
    ...withdrawnWithPostsEndedBy(ended, openCases, reason),
    ...ended,
    toPerson(personId, null, {
      type: 'AssignPost',
      data: {
        personId,
        positionId: state.positionId,
        from: decision.effectiveFrom,
        termEnd: postTermEndOf(state),
        decisionRef: decisionRefOf(decision),
        caseId: state.caseId,
        procedure: state.procedure,
        // The record shows the next notice from the day the decision is taken (its timer fires later).
        ...(decision.reappointmentNoticeOn
          ? { reappointmentNoticeOn: decision.reappointmentNoticeOn }
          : {}),
      },
    }),
    ...poolEntryForPostEnded(state, person),
  ];
}

/**
 * The pool plans people for a post they may take up: once the appointee holds it, their entry
 * for it ends, and with it the seat it kept among the post's places (`planning.maxPeoplePerPost`;
 * the seat stream counts an entry removed after its claim as gone).
 */
function poolEntryForPostEnded(
  state: Extract<ExistingCase, { status: 'decided' }>,
  person: PersonState | undefined,
): RecordWrite[] {
  if (!person || person.status !== 'registered') return [];
  const entry = person.planningPool.find((e) => e.positionId === state.positionId);
  if (!entry) return [];
  const personId = appointeeOf(state);
  const { decision } = state;
  return [
    toPerson(personId, `pool:${entry.positionId}`, {
      type: 'RemovePlanningPoolEntry',
      data: {
        personId,
        positionId: entry.positionId,
        decisionRef: decisionRefOf(decision),
        reason: `took up the post (case ${state.caseId}); planned for it in ${entry.term} by ${entry.decisionRef}`,
      },
    }),
  ];
}

/** The posts the decision ends (`postsAMoveEnds`) end on its effective day. */
function previousPostsEnded(
  state: Extract<ExistingCase, { status: 'decided' }>,
  person: PersonState | undefined,
): RecordWrite[] {
  if (!person || person.status !== 'registered') return [];
  const { decision } = state;
  const personId = appointeeOf(state);
  const move = {
    ...decision,
    procedure: state.procedure,
    caseId: state.caseId,
    positionId: state.positionId,
  };
  return postsAMoveEnds(person, move).map((post) =>
    toPerson(personId, `end-previous:${post.positionId}`, {
      type: 'EndPost',
      data: {
        personId,
        positionId: post.positionId,
        on: decision.effectiveFrom,
        reason: moveEndReason(move),
        decisionRef: decision.number,
      },
    }),
  );
}

/**
 * A decision that moves the person into a post of another unit (a rotation, a transfer, an
 * appointment from outside) moves their registration there: the receiving unit manages the
 * record from the decision's effective day, and the unit they left no longer reaches it. Not when
 * they keep the posts they held (kiêm nhiệm), nor into the unit that already manages the record.
 */
export function moveRegistration(
  state: ExistingCase,
  person: PersonState,
  receivingUnit: string,
): RecordWrite[] {
  if (state.status !== 'decided' || !movesThePerson(state.procedure)) return [];
  const { decision } = state;
  if (decision.keepsPreviousPost || person.status !== 'registered') return [];
  if (person.profile.orgUnitId === receivingUnit) return [];
  const personId = appointeeOf(state);
  return [
    toPerson(personId, 'move-registration', {
      type: 'MoveRegistration',
      data: {
        personId,
        orgUnitId: receivingUnit,
        from: decision.effectiveFrom,
        caseId: state.caseId,
        decisionRef: decisionRefOf(decision),
      },
    }),
  ];
}

/**
 * The registration's move on the decision's effective day (its timer), while the person still
 * holds the post the decision gave them: a later decision that moved them on, or a removal,
 * ended that post meanwhile, and its move must not take the record away from where they are now.
 */
export function moveRegistrationOnEffectiveDay(
  state: ExistingCase,
  person: PersonState,
  receivingUnit: string,
): RecordWrite[] {
  if (state.status !== 'decided' || person.status !== 'registered') return [];
  const holdsDecidedPost = person.posts.some(
    (post) =>
      post.positionId === state.positionId && post.decisionRef === decisionRefOf(state.decision),
  );
  return holdsDecidedPost ? moveRegistration(state, person, receivingUnit) : [];
}

/**
 * Whether the decision is in effect on the day it was issued: then the registration moves with
 * the post; a later effective day moves it when that day comes (its timer).
 */
export const effectiveWhenIssued = (decision: { effectiveFrom: string; heldOn: string }) =>
  decision.effectiveFrom <= decision.heldOn;

/** The person still holds the case's post with that term (a later decision or removal supersedes it). */
export function holdsTerm(person: PersonState, state: ExistingCase, termEnd: string): boolean {
  return (
    person.status === 'registered' &&
    person.posts.some((p) => p.positionId === state.positionId && p.termEnd === termEnd)
  );
}

/**
 * A term's notice leads to a re-appointment while the person still holds that term and it does
 * not run to their retirement: a notice scheduled for such a term before decisions stopped
 * scheduling one finds nothing to re-appoint.
 */
export function reappointmentFollows(
  person: PersonState,
  state: ExistingCase,
  termEnd: string,
): boolean {
  if (!holdsTerm(person, state, termEnd)) return false;
  return !(state.status === 'decided' && termRunsToRetirement(state.decision));
}

/**
 * The term's end ends the post, if the person still holds it with that term. The end of a
 * rotation period ends nothing (timers scheduled before this rule still fire, and do nothing);
 * the end of the term of a leadership post taken up through a rotation does, as an appointment's.
 */
export function endTerm(state: ExistingCase, person: PersonState, termEnd: string): RecordWrite[] {
  const endsThePost =
    state.procedure !== 'rotation' ||
    (state.status === 'decided' && postTermEndOf(state) === termEnd);
  if (!endsThePost || !holdsTerm(person, state, termEnd)) return [];
  const personId = appointeeOf(state);
  return [
    toPerson(personId, null, {
      type: 'EndPost',
      data: {
        personId,
        positionId: state.positionId,
        on: termEnd,
        reason: `term ended (case ${state.caseId})`,
        decisionRef: state.status === 'decided' ? state.decision.number : state.caseId,
      },
    }),
  ];
}

/** Whose term a notice is for, and the unit whose staff act on it (and run its case). */
export interface NoticeTarget {
  personId: string;
  positionId: string;
  orgUnitId: string;
}

/** A decided case's notice: for its appointee's post, acted on in the case's unit. */
export const noticeTargetOf = (state: ExistingCase): NoticeTarget => ({
  personId: appointeeOf(state),
  positionId: state.positionId,
  orgUnitId: state.orgUnitId,
});

/** The re-appointment case a term's notice opens (when the rule set says to open one). */
export function reappointmentCase(target: NoticeTarget, termEnd: string, caseId: string) {
  return {
    caseId,
    procedure: 'reappointment',
    definition: 'reappointment.standard',
    personId: target.personId,
    positionId: target.positionId,
    orgUnitId: target.orgUnitId,
    summary: reappointmentNoticeSummary(termEnd),
  };
}

/** The notice is due: noted on the record with the case opened, or the refusal as an inbox task. */
export function reappointmentDue(
  target: NoticeTarget,
  notice: { termEnd: string; noticeOn: string },
  action: 'open_case' | 'inbox_task',
  outcome: { caseId: string | null; refusal: string | null },
): RecordWrite[] {
  const { personId, positionId, orgUnitId } = target;
  return [
    toPerson(personId, 'due', {
      type: 'NoteReappointmentDue',
      data: {
        personId,
        positionId,
        termEnd: notice.termEnd,
        noticeOn: notice.noticeOn,
        action,
        ...outcome,
        orgUnitId,
      },
    }),
  ];
}

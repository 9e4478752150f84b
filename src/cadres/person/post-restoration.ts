import { DomainEvent } from '../../common/stream-decider';
import { busiestDayOfHold, seatsHeldOnRecord } from '../post-seats';
import { CommandOf, PersonDecideContext } from './person.commands';
import { PastPost, PersonState } from './person.state';

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;
type RestorePostData = CommandOf<'RestorePost'>['data'];

/**
 * Gives back a post a discipline decision ended, once a complaint review annulled that decision
 * or changed it to a form that does not end the post (cách chức reduced to khiển trách): the
 * person holds it again on the term it had, from the day and under the decision that first gave
 * it, as if it had not been ended. Not a new assignment from the review's day: a term is the
 * appointment's (5 years), and the re-appointment notice and the end of the term already scheduled
 * for it find the post again by that term. A post the person holds again (appointed anew), whose
 * term ended by the review's day, or whose seats others held meanwhile (a successor appointed to a
 * head post: giving it back would seat two heads) is not given back, and the record says why. One
 * outcome per end of the post: a redelivered review writes nothing more.
 */
export function decidePostRestoration(
  state: RegisteredPerson,
  data: RestorePostData,
  postSeats?: PersonDecideContext['postSeats'],
): DomainEvent[] {
  const { personId, positionId, caseId, revisedBy, endedOn } = data;
  const decided = state.postRestorations.some(
    (r) => r.caseId === caseId && r.positionId === positionId && r.endedOn === endedOn,
  );
  const ended = state.pastPosts.findLast(
    (p) => p.positionId === positionId && p.endedOn === endedOn && p.endedBy === data.endedBy,
  );
  if (decided || !ended) return [];
  const refusal =
    whyNotRestored(state, ended, data.on) ?? seatsTakenSince(personId, ended, postSeats);
  if (refusal !== null)
    return [
      {
        type: 'PostNotRestored',
        data: { personId, positionId, caseId, endedOn, decisionRef: revisedBy, reason: refusal },
      },
    ];
  return [
    {
      type: 'PostAssigned',
      data: {
        personId,
        positionId,
        from: ended.from,
        termEnd: ended.termEnd,
        decisionRef: ended.decisionRef,
        ...(ended.electedOn === undefined ? {} : { electedOn: ended.electedOn }),
        restoredAfter: { caseId, decisionRef: revisedBy },
      },
    },
  ];
}

function whyNotRestored(state: RegisteredPerson, ended: PastPost, on: string): string | null {
  const again = state.posts.find((p) => p.positionId === ended.positionId);
  if (again)
    return `post.held_again: the person holds ${ended.positionId} again (from ${again.from}, ${again.decisionRef})`;
  if (ended.termEnd !== null && ended.termEnd < on)
    return `post.term_ended: the term of ${ended.positionId} (${ended.decisionRef}) ended on ${ended.termEnd}, before ${on}`;
  return null;
}

/**
 * The days given back run from the day the post was taken away to the end of its term: a holder
 * another decision seated in them (a successor) keeps the seat, and the post is not given back
 * past the post's seats (`post.held_by_another`). A post without a seat limit has no `postSeats`.
 */
function seatsTakenSince(
  personId: string,
  ended: PastPost,
  postSeats: PersonDecideContext['postSeats'],
): string | null {
  if (!postSeats) return null;
  const { position, seats, holds } = postSeats;
  const { day, sitting } = busiestDayOfHold(holds, personId, ended.endedOn, ended.termEnd);
  if (sitting.length < seats) return null;
  return `post.held_by_another: ${seatsHeldOnRecord(position, day, seats, sitting)}, since the post was taken away on ${ended.endedOn}`;
}

import { DomainEvent } from '../../../common/stream-decider';
import { Body, Open } from './case.types';
import { CaseContext } from './case.context';
import { electedPostsKept } from './elected-posts-kept';

/**
 * The procedures whose decision moves the person into the case's post, and how the end of the
 * posts they leave is worded. A rotation (luân chuyển) or transfer (điều động) moves the person
 * as an appointment does; a re-appointment keeps them where they are.
 */
export const MOVES_THE_PERSON: Readonly<Record<string, string>> = {
  appointment: 'appointed to',
  // transfer.standard runs as a rotation case (procedure `rotation`, alias `transfer`).
  rotation: 'rotated or transferred to',
};

export const movesThePerson = (procedure: string): boolean =>
  Object.hasOwn(MOVES_THE_PERSON, procedure);

/**
 * The procedures whose decision places the person in the case's post (their record is given the
 * post from its effective day): the moves, a re-appointment, whose new term is a new hold, and an
 * election's confirmation (phê chuẩn), which puts the person elected on the record for the
 * council's term.
 */
export const placesAHolder = (procedure: string): boolean =>
  movesThePerson(procedure) || procedure === 'reappointment' || procedure === 'election';

/**
 * The procedures whose decision takes days of the case's post for the person, to claim on the
 * post's seat stream (`postseat-<post>`) with the decision: those that place a holder, and an
 * extension (kéo dài thời hạn giữ chức vụ), whose person keeps the post from its effective day to
 * retirement. Before, an extension claimed nothing, and a record of another into the extended
 * days went through beside it.
 */
export const claimsSeatDays = (procedure: string): boolean =>
  placesAHolder(procedure) || procedure === 'extension';

/**
 * The end of the term the decided post is held on. A rotation (luân chuyển) or transfer (điều
 * động) decision's `termEnd` is the end of its planned period, not a term of the post: a
 * leadership post taken up through it has its own term (`postTerm`), any other post none (held
 * until another decision ends it).
 */
export function heldTermEnd(
  procedure: string,
  term: { termEnd?: string; postTerm?: { termEnd: string } },
): string | null {
  if (procedure === 'rotation') return term.postTerm?.termEnd ?? null;
  return term.termEnd ?? null;
}

/**
 * What a decision says about the person's posts, beside its term: whom it appoints (a post case:
 * the nominee its final ballot chose), whether the appointee keeps the posts they hold (kiêm
 * nhiệm), which the record otherwise ends when the new post begins, and, for a decision that
 * moves the person, the elected posts it leaves to the council that elected them
 * (`electedPostsKept`).
 */
export function withDecisionPosts(
  state: Open,
  body: Body<'decision'>,
  issued: DomainEvent,
  context: CaseContext,
): DomainEvent {
  const kept = movesThePerson(state.procedure) ? electedPostsKept(state, body, context) : [];
  return {
    ...issued,
    data: {
      ...issued.data,
      ...(state.appointee ? { appointee: state.appointee } : {}),
      ...(body.keepsPreviousPost ? { keepsPreviousPost: true } : {}),
      ...(kept.length ? { electedPostsKept: kept } : {}),
    },
  };
}

import { PostHeld } from '../../../cadres/person/person.state';
import { PostsOnRecord, postsRunningPast } from '../../../cadres/person/posts-held-on';
import { MOVES_THE_PERSON } from './decision-posts';

/** What a decision says that decides which of its person's posts it ends. */
export interface MoveDecision {
  procedure: string;
  caseId: string;
  /** The post the decision gives the person. */
  positionId: string;
  effectiveFrom: string;
  keepsPreviousPost?: boolean;
  electedPostsKept?: readonly { positionId: string }[];
}

/**
 * The posts a decision that moves the person (an appointment, a rotation, a transfer) ends:
 * every other post held on its effective day (`postsRunningPast`), unless it says kiêm nhiệm, but
 * for the elected posts it leaves to the council that elected them (`electedPostsKept`). The
 * record saga ends them on the record; the decision records those ends on each post's holding
 * stream in its own write (`DecisionPostHolding`), read from the same record, so that a
 * re-appointment of one of them decided beside it meets the end.
 */
export function postsAMoveEnds(record: PostsOnRecord, move: MoveDecision): PostHeld[] {
  if (!Object.hasOwn(MOVES_THE_PERSON, move.procedure) || move.keepsPreviousPost) return [];
  const kept = new Set((move.electedPostsKept ?? []).map((post) => post.positionId));
  const on = move.effectiveFrom;
  // Posts held past the effective day, one another decision ends later among them (that end
  // comes forward), and one begun on that very day (a deputy post given and left the same day:
  // before, both were held); not one begun later, which this decision would end before it began.
  return postsRunningPast(record, on).filter(
    (post) => post.from <= on && post.positionId !== move.positionId && !kept.has(post.positionId),
  );
}

/** How the record words the end of a post a move ends (`PostEnded.reason`). */
export const moveEndReason = (move: Pick<MoveDecision, 'procedure' | 'caseId' | 'positionId'>) =>
  `${MOVES_THE_PERSON[move.procedure]} ${move.positionId} (case ${move.caseId}) without keeping this post concurrently (kiêm nhiệm)`;

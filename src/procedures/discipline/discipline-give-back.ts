import { PersonState } from '../../cadres/person/person.state';
import { RecordWrite, decisionRefOf, toPerson } from '../case/record/record-writes';
import { decisionLeavesPlanningPool } from './decision-effects';
import { decisionEndsPost } from './decision-ends-post';
import { ExistingDiscipline } from './discipline.state';

type Decided = Extract<ExistingDiscipline, { decision: unknown }>;

/**
 * What the review gives back of what the case took: an annulment (`changedTo` null) everything, a
 * changed form what it would not have taken itself (the post when it does not end the post, the
 * pool entries when it keeps the pool).
 */
export function givenBackBy(
  state: Decided,
  person: Extract<PersonState, { status: 'registered' }>,
  changedTo: { form: string; endsPost?: boolean; leavesPlanningPool?: boolean } | null,
  review: { decisionRef: string; on: string },
): RecordWrite[] {
  const { personId, caseId } = state;
  const posts = changedTo === null || !decisionEndsPost(changedTo);
  const pool = changedTo === null || !decisionLeavesPlanningPool(changedTo);
  return [
    ...(posts ? postsEndedBy(state, person) : []).map((post) =>
      toPerson(personId, `restore-post:${post.positionId}`, {
        type: 'RestorePost',
        data: {
          personId,
          positionId: post.positionId,
          caseId,
          endedOn: post.endedOn,
          endedBy: post.endedBy,
          revisedBy: review.decisionRef,
          on: review.on,
        },
      }),
    ),
    ...(pool ? entriesRemovedBy(state, person) : []).map((entry) =>
      toPerson(personId, `restore:${entry.positionId}`, {
        type: 'RestorePlanningPoolEntry',
        data: {
          personId,
          positionId: entry.positionId,
          term: entry.term,
          decisionRef: entry.decisionRef,
          caseId,
          revisedBy: review.decisionRef,
        },
      }),
    ),
  ];
}

/** The decision and the earlier reviews of the case: what wrote its effects on the record. */
function refsOfCase(state: Decided): Set<string> {
  return new Set([decisionRefOf(state.decision), ...state.reviews.map((r) => decisionRefOf(r))]);
}

/**
 * The posts the case's decision (or an earlier review of it) ended, one per post. Ends recorded
 * before they named their case are known by the decision's own reference.
 */
function postsEndedBy(state: Decided, person: Extract<PersonState, { status: 'registered' }>) {
  const refs = refsOfCase(state);
  const ended = person.pastPosts.filter((post) =>
    post.caseId === null ? refs.has(post.endedBy) : post.caseId === state.caseId,
  );
  return [...new Map(ended.map((post) => [post.positionId, post])).values()];
}

/**
 * The entries the case's decision (or an earlier review of it) took off the pool, one per post.
 * Removals recorded before they named their case are known by the decision's own reference.
 */
function entriesRemovedBy(state: Decided, person: Extract<PersonState, { status: 'registered' }>) {
  const refs = refsOfCase(state);
  const removed = person.pastPlanningPool.filter((left) =>
    left.caseId === null ? refs.has(left.removedBy) : left.caseId === state.caseId,
  );
  return [...new Map(removed.map((left) => [left.positionId, left])).values()];
}

import { PastPost, PostHeld } from '../../cadres/person/person.state';
import { lastHoldingOf } from '../../cadres/person/post-ended-by-decision';
import { postsRunningPast } from '../../cadres/person/posts-held-on';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * A move out of a named post (a transfer batch's entry says which: `leavesPositionId`) is decided
 * while the person still holds that post on the decision's effective day, read from the record
 * when the decision is taken. Before, a transfer was decided after another decision had moved the
 * person out of that post, and moved them from a post they no longer held.
 */
export function refuseMoveFromPostNotHeld(
  person: { posts: PostHeld[]; pastPosts: PastPost[] },
  move: { personId: string; leaves: string; effectiveFrom: string },
): void {
  const { personId, leaves, effectiveFrom } = move;
  const held = postsRunningPast(person, effectiveFrom).some(
    (post) => post.positionId === leaves && post.from <= effectiveFrom,
  );
  if (held) return;
  const ended = lastHoldingOf(person.pastPosts, leaves);
  throw new DomainRuleViolation(
    'rotation.post_ended',
    `leavesPositionId: the case moves ${personId} out of ${leaves} (its transfer batch entry's currentPositionId), which they no longer hold on ${effectiveFrom}${ended ? `: decision ${ended.endedBy} ended it on ${ended.endedOn} (${ended.reason})` : ''}; withdraw this case`,
    'unprocessable',
    'leavesPositionId',
    {
      leavesPositionId: leaves,
      ...(ended ? { endedOn: ended.endedOn, endedBy: ended.endedBy } : {}),
    },
  );
}

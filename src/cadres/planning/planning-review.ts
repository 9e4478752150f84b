import { RegistryRuleViolation } from '../registry-rule-violation';
import { PlanningLimits } from './planning-pool-seats';

/** The periodic review of a unit's planning pools (rà soát, bổ sung quy hoạch): one event. */
export interface PlanningPoolReviewed {
  type: 'PlanningPoolReviewed';
  data: {
    reviewId: string;
    orgUnitId: string;
    term: string;
    reviewedOn: string;
    decisionRef: string;
    added: { personId: string; positionId: string }[];
    removed: { personId: string; positionId: string; reason: string }[];
  };
}

export const planningReviewStream = (reviewId: string): string => `planningreview-${reviewId}`;

/** What the pools hold before the review: per post, who is planned; per person, their entries. */
export interface PoolsBeforeReview {
  plannedByPost: Map<string, string[]>;
  entriesByPerson: Map<string, { positionId: string; term: string }[]>;
  levelOf: Record<string, number>;
}

/**
 * Refuses a review whose result would break a limit of the rule set: a post with more people than
 * allowed, or a person planned for more posts of one level, counted after its removals and
 * additions, so a review may swap people in a full pool.
 */
export function assertReviewWithinLimits(
  review: PlanningPoolReviewed['data'],
  before: PoolsBeforeReview,
  limits: PlanningLimits,
): void {
  const removed = (personId: string, positionId: string) =>
    review.removed.some((r) => r.personId === personId && r.positionId === positionId);
  for (const positionId of new Set(review.added.map((a) => a.positionId))) {
    const after = new Set(
      (before.plannedByPost.get(positionId) ?? []).filter((p) => !removed(p, positionId)),
    );
    for (const a of review.added) if (a.positionId === positionId) after.add(a.personId);
    const { value, citation } = limits.maxPeoplePerPost;
    if (after.size > value)
      throw new RegistryRuleViolation(
        'planning_pool.post_full',
        `planning pool full: post ${positionId} would have ${after.size} of ${value} people in term ${review.term} (${[...after].sort().join(', ')}) (${citation})`,
        'unprocessable',
        'added',
      );
  }
  for (const personId of new Set(review.added.map((a) => a.personId))) {
    const entries = [
      ...(before.entriesByPerson.get(personId) ?? []).filter(
        (e) => !removed(personId, e.positionId),
      ),
      ...review.added
        .filter((a) => a.personId === personId)
        .map((a) => ({ positionId: a.positionId, term: review.term })),
    ];
    const posts = new Map(
      entries.filter((e) => e.term === review.term).map((e) => [e.positionId, e]),
    );
    const byLevel = new Map<number, string[]>();
    for (const positionId of posts.keys()) {
      const level = before.levelOf[positionId];
      byLevel.set(level, [...(byLevel.get(level) ?? []), positionId]);
    }
    const { value, citation } = limits.maxPostsPerPersonPerLevel;
    for (const [level, ids] of byLevel) {
      if (ids.length > value)
        throw new RegistryRuleViolation(
          'planning_pool.person_full',
          `planning pool full: person ${personId} would be planned for ${ids.length} of ${value} posts of level ${level} in term ${review.term} (${ids.sort().join(', ')}) (${citation})`,
          'unprocessable',
          'added',
        );
    }
  }
}

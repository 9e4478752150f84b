import { RegistryRuleViolation } from '../registry-rule-violation';
import type { CitedPlannableTerms } from './planning-term';
import type { PlanningWorkingTime } from './planning-working-time';

/** A limit from the rule set in force, with the citation a refusal names. */
export interface CitedLimit {
  value: number;
  citation: string;
}

/**
 * What the person's decider needs to judge a new planning-pool entry: the per-person limit and
 * the level of every post involved. Posts of one level are those of equal rank (the registry's
 * `rank` orders posts by seniority: equal rank, equivalent posts).
 */
export interface PersonPlanningLimits {
  maxPostsPerLevel: CitedLimit;
  levelOf: Record<string, number>;
  /** How many years a planning term spans (`planning.termYears`). */
  termYears: CitedLimit;
  /** The terms of office an entry may be made for (`planning.plannableTerms`). */
  plannableTerms: CitedPlannableTerms;
  /** The working time a planned person must still have before retirement, and their retirement day. */
  workingTime: PlanningWorkingTime;
  /** The day the entry is made: an entry for another term of the post that has not ended stays. */
  day: string;
  /** The day of the planning decision when it is not `day` (a review's `reviewedOn`). */
  decidedOn?: string;
}

/**
 * Refuses a person's planning for one more post when they are already planned for as many posts
 * of the same level in the same term as the rule set allows (a re-planning for a post they are
 * already planned for is not one more).
 */
export function assertPersonHasRoomInPool(
  personId: string,
  entries: readonly { positionId: string; term: string }[],
  entry: { positionId: string; term: string },
  limits: Pick<PersonPlanningLimits, 'maxPostsPerLevel' | 'levelOf'>,
): void {
  const level = limits.levelOf[entry.positionId];
  const sameLevel = entries.filter(
    (e) =>
      e.positionId !== entry.positionId &&
      e.term === entry.term &&
      limits.levelOf[e.positionId] === level,
  );
  const { value, citation } = limits.maxPostsPerLevel;
  if (sameLevel.length >= value)
    throw new RegistryRuleViolation(
      'planning_pool.person_full',
      `planning pool full: person ${personId} is planned for ${sameLevel.length} of ${value} posts of level ${level} in term ${entry.term} (${sameLevel.map((e) => e.positionId).join(', ')}) (${citation})`,
      'unprocessable',
      'positionId',
    );
}

/** Refuses one more person for a post whose pool for the term already holds as many as the rule allows. */
export function assertPostHasRoomInPool(
  positionId: string,
  term: string,
  planned: readonly string[],
  limit: CitedLimit,
): void {
  if (planned.length >= limit.value)
    throw new RegistryRuleViolation(
      'planning_pool.post_full',
      `planning pool full: post ${positionId} has ${planned.length} of ${limit.value} people in term ${term} (${planned.join(', ')}) (${limit.citation})`,
      'unprocessable',
      'positionId',
    );
}

import { PersonCommand } from '../cadres/person/person.decider';
import { PersonState } from '../cadres/person/person.state';
import {
  assertPostHasRoomInPool,
  CitedLimit,
  PersonPlanningLimits,
} from '../cadres/planning/planning-pool-limits';
import { planningLimits } from '../cadres/planning/planning-pool-seats';
import { RegistryRuleViolation } from '../cadres/registry-rule-violation';
import { RegistryService } from '../cadres/registry.service';
import { RuleSet, RuleTrack } from '../workflow/rule-sets/rule-set';

/**
 * The planning-pool limits in force on the import's day, with who is planned for each post and
 * term the rows name: the registry's command path refuses a row past them
 * (`planning-pool-limits.ts`), so the check before writing judges the rows by them too, counting
 * the file's own earlier rows (`plannedFor` grows as the simulation adds them).
 */
export interface ImportPlanningLimits {
  /** What the person decider judges a new entry by (per-person limit, term span, open terms). */
  person: PersonPlanningLimits;
  maxPeoplePerPost: CitedLimit;
  /** Per `poolKey`: who the registry has planned now, then the file's additions. */
  plannedFor: Map<string, Set<string>>;
  /** Per `poolKey`: who the registry has planned now (the others are the file's own rows). */
  onRecord: Map<string, Set<string>>;
}

const poolKey = (positionId: string, term: string) => `${positionId}\u001f${term}`;

export interface PlanningReads {
  ruleSetOn(day: string, track: RuleTrack): RuleSet | undefined;
  ranksOf(positionIds: readonly string[]): Promise<Map<string, number>>;
  plannedFor(positionId: string, term: string): Promise<string[]>;
}

/** The registry's answers: the rule set today, the posts' ranks, who each pool holds now. */
export const planningReadsOf = (
  catalog: Pick<PlanningReads, 'ruleSetOn'>,
  registry: RegistryService,
): PlanningReads => ({
  ruleSetOn: (day, track) => catalog.ruleSetOn(day, track),
  ranksOf: (ids) => registry.ranksOf(ids),
  plannedFor: (positionId, term) => registry.planningSeats.plannedFor(positionId, term),
});

/** The limits and pools the planning rows are judged by; none when the file has no planning row. */
export async function readImportPlanningLimits(
  commands: readonly { command: PersonCommand }[],
  records: ReadonlyMap<string, { state: PersonState }>,
  reads: PlanningReads,
  today: string,
): Promise<ImportPlanningLimits | undefined> {
  const entries = commands.flatMap(({ command }) =>
    command.type === 'AddPlanningPoolEntry' ? [command.data] : [],
  );
  const ruleSet = entries.length > 0 ? reads.ruleSetOn(today, 'state') : undefined;
  if (!ruleSet) return undefined;
  const limits = planningLimits(ruleSet);
  const held = [...records.values()].flatMap(({ state }) =>
    state.status === 'registered' ? state.planningPool.map((e) => e.positionId) : [],
  );
  const ranks = await reads.ranksOf([...new Set([...entries.map((e) => e.positionId), ...held])]);
  const onRecord = new Map<string, Set<string>>();
  for (const { positionId, term } of entries)
    if (!onRecord.has(poolKey(positionId, term)))
      onRecord.set(poolKey(positionId, term), new Set(await reads.plannedFor(positionId, term)));
  return {
    person: {
      maxPostsPerLevel: limits.maxPostsPerPersonPerLevel,
      levelOf: Object.fromEntries(ranks),
      termYears: limits.termYears,
      plannableTerms: limits.plannableTerms,
      workingTime: limits.workingTime,
      day: today,
    },
    maxPeoplePerPost: limits.maxPeoplePerPost,
    plannedFor: new Map([...onRecord].map(([key, people]) => [key, new Set(people)])),
    onRecord,
  };
}

/**
 * Takes a place in the post's pool for a row's new entry, or refuses it as the registry's seat
 * claim does: the pool is full with those on record (`has`), or would be past its limit with the
 * file's earlier rows (`would have`, naming them all).
 */
export function takeImportedPoolPlace(
  limits: ImportPlanningLimits,
  entry: { personId: string; positionId: string; term: string },
): void {
  const key = poolKey(entry.positionId, entry.term);
  const planned = limits.plannedFor.get(key) ?? new Set<string>();
  const others = [...planned].filter((personId) => personId !== entry.personId).sort();
  const recorded = limits.onRecord.get(key) ?? new Set<string>();
  const { value, citation } = limits.maxPeoplePerPost;
  if (others.every((personId) => recorded.has(personId)))
    assertPostHasRoomInPool(entry.positionId, entry.term, others, limits.maxPeoplePerPost);
  else if (others.length >= value) {
    const after = [...others, entry.personId].sort();
    throw new RegistryRuleViolation(
      'planning_pool.post_full',
      `planning pool full: post ${entry.positionId} would have ${after.length} of ${value} people in term ${entry.term} (${after.join(', ')}) (${citation})`,
      'unprocessable',
      'positionId',
    );
  }
  limits.plannedFor.set(key, planned.add(entry.personId));
}

import { RegistryRuleViolation } from '../registry-rule-violation';
import { PlanningPoolEntry } from '../person/person.state';

/**
 * An entry sent for a post and term the pool already holds: the identical entry (same decision)
 * is a repeat that writes nothing (`true`); another decision for it is refused 409
 * `planning_pool.other_decision`, naming the decision on record. Before, both answered 201 and the
 * new decision was dropped without a word (three sent at once with 91, 92 and 93-QĐ/TU: only one
 * kept). The record has no way to amend an entry's decision: the entry is removed first
 * (`DELETE /cadres/:id/planning-pool/:positionId`) and added with the new one.
 */
export function isPlanningPoolRepeat(
  pool: readonly PlanningPoolEntry[],
  entry: { personId: string; positionId: string; term: string; decisionRef: string },
): boolean {
  const onRecord = pool.find((p) => p.positionId === entry.positionId && p.term === entry.term);
  if (!onRecord) return false;
  if (onRecord.decisionRef === entry.decisionRef) return true;
  throw new RegistryRuleViolation(
    'planning_pool.other_decision',
    `decisionRef: ${entry.personId} is already in the planning pool for ${entry.positionId} in ${entry.term} by ${onRecord.decisionRef}, not ${entry.decisionRef}; an entry is not recorded again with another decision: remove it first to record it by the new one`,
    'conflict',
    'decisionRef',
  );
}

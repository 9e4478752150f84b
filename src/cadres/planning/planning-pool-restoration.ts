import { DomainEvent } from '../../common/stream-decider';
import { CommandOf, PersonDecideContext } from '../person/person.commands';
import { PersonState } from '../person/person.state';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { assertPersonHasRoomInPool, assertPostHasRoomInPool } from './planning-pool-limits';
import { planningTermCurrent } from './planning-term';

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;

type RestorePlanningPoolEntryData = CommandOf<'RestorePlanningPoolEntry'>['data'];

/**
 * Puts back a planning-pool entry that a discipline decision removed, once a complaint review
 * annulled it or changed it to a form that keeps the pool, under the limits a new entry meets:
 * the seat may have gone to someone else meanwhile, and the pool then stays within its limit; the
 * record says why the entry was not put back. Each entry has one outcome: a redelivered review
 * writes nothing more, whatever the pool has become since.
 */
export function decidePlanningPoolRestoration(
  state: RegisteredPerson,
  data: RestorePlanningPoolEntryData,
  context: PersonDecideContext,
): DomainEvent[] {
  const decided = state.planningRestorations.some(
    (r) => r.caseId === data.caseId && r.positionId === data.positionId,
  );
  if (decided) return [];
  const { revisedBy, caseId, ...entry } = data;
  const refusal = whyNotRestored(state, entry, context);
  if (refusal !== null)
    return [
      {
        type: 'PlanningPoolEntryNotRestored',
        data: { ...entry, caseId, decisionRef: revisedBy, reason: refusal },
      },
    ];
  return [
    {
      type: 'PlanningPoolEntryAdded',
      data: { ...entry, restoredAfter: { caseId, decisionRef: revisedBy } },
    },
  ];
}

function whyNotRestored(
  state: RegisteredPerson,
  entry: Omit<RestorePlanningPoolEntryData, 'caseId' | 'revisedBy'>,
  { planning, seats }: PersonDecideContext,
): string | null {
  const again = state.planningPool.find((p) => p.positionId === entry.positionId);
  if (again)
    return `the person is planned for ${entry.positionId} again (${again.term}, ${again.decisionRef})`;
  if (planning && !planningTermCurrent(entry.term, planning.day))
    return `planning term ${entry.term} has ended`;
  try {
    if (seats)
      assertPostHasRoomInPool(entry.positionId, entry.term, seats.plannedOthers, seats.limit);
    if (planning) assertPersonHasRoomInPool(entry.personId, state.planningPool, entry, planning);
  } catch (error) {
    if (error instanceof RegistryRuleViolation) return `${error.rule}: ${error.message}`;
    throw error;
  }
  return null;
}

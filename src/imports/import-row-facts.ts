import { PersonState } from '../cadres/person/person.state';
import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { Position } from '../cadres/registry-records';
import { PlannedCommand } from './import-plan';
import { ImportRowFacts } from './import-simulation';
import { vietnamDay } from '../common/vietnam-day';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

/**
 * The posts the rows and the records name (an elected one makes an elected cadre), for the rules
 * the API applies beyond the person decider; today as the service reads it (a recall's resolution
 * adopted by then).
 */
export async function readRowFacts(
  reads: PrefetchedRegistry,
  catalog: WorkflowCatalog,
  planned: PlannedCommand[],
  records: Map<string, { state: PersonState }>,
): Promise<ImportRowFacts> {
  const rowPosts = [
    ...new Set(
      planned.flatMap(({ command }) =>
        command.type === 'AssignPost' ? [command.data.positionId] : [],
      ),
    ),
  ];
  const held = [...records.values()].flatMap(({ state }) =>
    state.status === 'registered'
      ? [...state.posts, ...state.pastPosts].map((post) => post.positionId)
      : [],
  );
  const positions = new Map<string, Position>();
  for (const id of new Set([...rowPosts, ...held])) {
    const position = await reads.findPosition(id);
    if (position) positions.set(id, position);
  }
  return {
    today: vietnamDay(new Date()),
    positions,
    ruleSet: (id) => catalog.ruleSet(id),
  };
}

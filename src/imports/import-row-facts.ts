import { Pool } from 'pg';
import { PersonState } from '../cadres/person/person.state';
import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { Position } from '../cadres/registry-records';
import { PlannedCommand } from './import-plan';
import { ImportRowFacts } from './import-simulation';
import { vietnamDay } from '../common/vietnam-day';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

/**
 * The posts the rows and the records name (an elected one makes an elected cadre), and who else
 * holds the rows' posts at some time (the `person_posts` projection names them; each is judged on
 * their own record), for the rules the API applies beyond the person decider; today as the
 * service reads it (a recall's resolution adopted by then).
 */
export async function readRowFacts(
  pool: Pool,
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
  const { rows } = await pool.query<{ personId: string; positionId: string }>(
    `SELECT DISTINCT person_id AS "personId", position_id AS "positionId" FROM person_posts
      WHERE position_id = ANY($1::text[])`,
    [rowPosts],
  );
  const holdersOf = new Map<string, Set<string>>();
  const others = new Map<string, PersonState>();
  for (const { personId, positionId } of rows) {
    holdersOf.set(positionId, (holdersOf.get(positionId) ?? new Set()).add(personId));
    if (!records.has(personId) && !others.has(personId))
      others.set(personId, (await reads.loadPerson(personId)).state);
  }
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
    posts: { positions, holdersOf },
    others,
    ruleSet: (id) => catalog.ruleSet(id),
  };
}

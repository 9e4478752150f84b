import { Pool } from 'pg';
import { PersonState } from '../cadres/person/person.state';
import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { Position } from '../cadres/registry-records';
import { freshClaims, PostSeatClaim } from '../cadres/post-seat-claims';
import { EventStore } from '../event-store/event-store.port';
import { readImportSeatStreams } from './import-post-seats';
import { PlannedCommand } from './import-plan';
import { ImportRowFacts } from './import-simulation';
import { vietnamDay } from '../common/vietnam-day';
import { WorkflowCatalog } from '../workflow/workflow-catalog';

/**
 * The posts the rows and the records name (an elected one makes an elected cadre), and who else
 * holds the rows' posts at some time (the `person_posts` projection and, for a post with a seat
 * limit, the fresh claims on its seat stream name them; each is judged on their own record), for
 * the rules the API applies beyond the person decider; today as the service reads it (a recall's
 * resolution adopted by then). The seat streams are read before the holders, as the registry
 * reads them before its claim: the projection lags, so a record of a holder being written is
 * seen by its claim alone.
 */
export async function readRowFacts(
  pool: Pool,
  store: EventStore,
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
  const positions = new Map<string, Position>();
  const positionNamed = async (id: string) => {
    const position = positions.has(id) ? undefined : await reads.findPosition(id);
    if (position) positions.set(id, position);
  };
  for (const id of rowPosts) await positionNamed(id);
  // The seat streams first: a claim after them refuses the import's own (import-post-seats.ts).
  const seatStreams = await readImportSeatStreams(store, positions.values());
  const { rows } = await pool.query<{ personId: string; positionId: string }>(
    `SELECT DISTINCT person_id AS "personId", position_id AS "positionId" FROM person_posts
      WHERE position_id = ANY($1::text[])`,
    [rowPosts],
  );
  // A fresh claim's holder is judged on their record too: the projection may not have them yet.
  const now = Date.now();
  const claims = new Map<string, PostSeatClaim[]>();
  for (const [positionId, stream] of seatStreams) {
    const fresh = freshClaims(stream.claims, now);
    claims.set(positionId, fresh);
    rows.push(...fresh.map(({ personId }) => ({ personId, positionId })));
  }
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
  for (const id of new Set(held)) await positionNamed(id);
  return {
    today: vietnamDay(new Date()),
    posts: { positions, holdersOf, claims, seatStreams },
    others,
    ruleSet: (id) => catalog.ruleSet(id),
  };
}

import { RecordedEvent } from '../event-store/event-envelope';
import { Projection, ProjectedEvent, ProjectionTx } from '../projections/projection';
import { applyInRuns, lastOfEachKey } from './runs-of-events';

type Data = Record<string, unknown>;

const PERSON_TYPES: ReadonlySet<string> = new Set([
  'PostAssigned',
  'PostEnded',
  'PlanningPoolEntryAdded',
  'PlanningPoolEntryRemoved',
]);

/** What a person's posts are made of: written together, one statement for a run of them. */
const POST_TYPES: ReadonlySet<string> = new Set(['PostAssigned', 'PostEnded']);

/** Posts and pool entries on the person's stream, and each pool review on its own stream. */
const handles = (event: RecordedEvent): boolean =>
  event.streamId.startsWith('cadre-')
    ? PERSON_TYPES.has(event.type)
    : event.streamId.startsWith('planningreview-') && event.type === 'PlanningPoolReviewed';

/**
 * The posts people hold and the planning pools, from the `cadre-<id>` streams, and the periodic
 * reviews of the pools from their `planningreview-<id>` streams: what the reports count.
 */
export const registryFactsProjection: Projection = {
  name: 'registry_facts',
  version: 1,
  tables: ['person_posts', 'planning_pool_entries', 'planning_reviews'],
  handles,
  handleBatch: (events, tx) =>
    applyInRuns(
      events,
      handles,
      (event) => POST_TYPES.has(event.type),
      (run) => writePosts(run, tx),
      ({ event, sequence }) => registryFactsProjection.handle(event, tx, { sequence }),
    ),
  async handle(event, tx, { sequence }) {
    if (!handles(event)) return;
    const data = event.data as Data;
    if (event.streamId.startsWith('planningreview-') && event.type === 'PlanningPoolReviewed') {
      await tx.query(
        `INSERT INTO planning_reviews (review_id, org_unit_id, term, reviewed_on, decision_ref, added, removed, recorded_sequence)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (review_id) DO NOTHING`,
        [
          data.reviewId,
          data.orgUnitId,
          data.term,
          data.reviewedOn,
          data.decisionRef,
          JSON.stringify(data.added),
          JSON.stringify(data.removed),
          sequence,
        ],
      );
      return;
    }
    if (!event.streamId.startsWith('cadre-')) return;
    switch (event.type) {
      case 'PostAssigned':
      case 'PostEnded':
        await writePosts([{ event, sequence }], tx);
        return;
      case 'PlanningPoolEntryAdded':
        await tx.query(
          `INSERT INTO planning_pool_entries (person_id, position_id, term, decision_ref, updated_sequence) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (person_id, position_id) DO UPDATE SET term = EXCLUDED.term, decision_ref = EXCLUDED.decision_ref, updated_sequence = EXCLUDED.updated_sequence`,
          [data.personId, data.positionId, data.term, data.decisionRef, sequence],
        );
        return;
      case 'PlanningPoolEntryRemoved':
        await tx.query(
          'DELETE FROM planning_pool_entries WHERE person_id = $1 AND position_id = $2',
          [data.personId, data.positionId],
        );
        return;
    }
  },
};

/**
 * One statement for a run of posts assigned and ended: the last event of each person's post says
 * whether the row is there (with that assignment's dates) or gone. The rows deleted and the rows
 * upserted are different posts, so the two parts of the statement never meet on a row. A decision
 * assigns a post and ends the one held: one round trip instead of two.
 */
async function writePosts(run: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  const last = lastOfEachKey(run, ({ data }) => JSON.stringify([data.personId, data.positionId]));
  const assigned = last.filter(({ event }) => event.type === 'PostAssigned');
  const ended = last.filter(({ event }) => event.type === 'PostEnded');
  const column = (
    rows: readonly ProjectedEvent[],
    pick: (data: Data, sequence: number) => unknown,
  ) => rows.map(({ event, sequence }) => pick(event.data as Data, sequence));
  await tx.query(
    `WITH ended AS (
       DELETE FROM person_posts p USING unnest($6::text[], $7::text[]) AS e(person_id, position_id)
        WHERE p.person_id = e.person_id AND p.position_id = e.position_id)
     INSERT INTO person_posts (person_id, position_id, from_on, term_end, updated_sequence)
     SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::bigint[])
     ON CONFLICT (person_id, position_id) DO UPDATE SET from_on = EXCLUDED.from_on, term_end = EXCLUDED.term_end, updated_sequence = EXCLUDED.updated_sequence`,
    [
      column(assigned, (data) => data.personId),
      column(assigned, (data) => data.positionId),
      column(assigned, (data) => data.from),
      column(assigned, (data) => data.termEnd ?? null),
      column(assigned, (_, sequence) => sequence),
      column(ended, (data) => data.personId),
      column(ended, (data) => data.positionId),
    ],
  );
}

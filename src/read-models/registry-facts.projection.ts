import { RecordedEvent } from '../event-store/event-envelope';
import { Projection, ProjectedEvent, ProjectionTx } from '../projections/projection';
import { applyInRuns } from './runs-of-events';

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
  // 2: a post ended keeps its row with the day it ends (`ends_on`), held until then; `from_on` is
  // the day held since (a new term continues the post). 3: an end earlier than the one stored
  // (another decision ends the post sooner) moves `ends_on` earlier. 4: `term_from`, the start of
  // the row's term; a term starting before it, recorded after it, is past on the person's record:
  // it keeps the row's term and moves `from_on` back only if it runs up to it (before, it replaced
  // the term's end and moved `from_on` back across any gap between them). 5: so is a term starting
  // before the row's term ended since, which keeps its end (before, the earlier term was taken
  // for the post held, with no end: held today, both terms past).
  version: 5,
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
 * A post's row as a run of its events leaves it. `assigned`: the run assigns it (from the day held
 * since, on the term from `termFrom` to `termEnd`; `restarts` when that does not continue the row
 * stored), ending on `endsOn` (null: no end decided). Without `assigned` the run only ends the row
 * stored on `endsOn`.
 */
interface PostRow {
  personId: string;
  positionId: string;
  assigned: {
    from: string;
    termFrom: string;
    termEnd: string | null;
    restarts: boolean;
  } | null;
  endsOn: string | null;
  sequence: number;
}

/**
 * Folds a run's events of one post the way the person's record does: an end ends the post held
 * (an earlier end brings a later one forward), an assignment to a post held continues it (a new
 * term, an extension: held since the earlier day), one after the post ended on an earlier day
 * starts it again. A term starting before a term of the row that covers days, held or ended, is
 * an earlier term, past (`earlierTermHeldSince`). An assignment continuing a post the run has
 * ended (a new term from a day before that end) is where the run is cut (`taken`): whether the
 * end ended the row stored or the run's own term is told by the row stored only.
 */
function postRows(run: readonly ProjectedEvent[]): { rows: PostRow[]; taken: number } {
  const rows = new Map<string, PostRow>();
  let taken = 0;
  for (const { event, sequence } of run) {
    const data = event.data as Data;
    const personId = String(data.personId);
    const positionId = String(data.positionId);
    const key = JSON.stringify([personId, positionId]);
    const row = rows.get(key) ?? { personId, positionId, assigned: null, endsOn: null, sequence };
    if (event.type === 'PostEnded') {
      const on = String(data.on);
      row.endsOn = row.endsOn === null || on < row.endsOn ? on : row.endsOn;
    } else {
      const from = String(data.from);
      const termEnd = (data.termEnd as string | null | undefined) ?? null;
      const held = row.assigned;
      if (held && from < held.termFrom && coversDaysAfter(row.endsOn, from, held.from)) {
        held.from = earlierTermHeldSince(from, termEnd, held.from);
      } else {
        const continues = row.endsOn === null || row.endsOn >= from;
        if (continues && row.endsOn !== null) break;
        const earlier = row.assigned && continues && row.assigned.from < from;
        row.assigned = {
          from: earlier ? row.assigned!.from : from,
          termFrom: from,
          termEnd,
          restarts: continues ? (row.assigned?.restarts ?? false) : true,
        };
        row.endsOn = null;
      }
    }
    row.sequence = sequence;
    rows.delete(key);
    rows.set(key, row);
    taken += 1;
  }
  return { rows: [...rows.values()], taken };
}

/**
 * Whether a post held since `heldSince` and ending on `endsOn` (null: no end) has a term covering
 * days after `from`: only such a term follows a term from `from`, which is then an earlier one. A
 * term ended on or before it began covers none (the person's record: `nextTermOnRecord`).
 */
function coversDaysAfter(endsOn: string | null, from: string, heldSince: string): boolean {
  return endsOn === null || (endsOn > from && endsOn > heldSince);
}

/**
 * The day a post held since `heldSince` is held since once a term of it from `from` to `termEnd`
 * (null: no end), starting before the term held, is recorded: the person's record keeps the term
 * held and puts the earlier one in the past, ending at its own end or where the later one starts.
 * It is held since the earlier start only if that term runs up to the day held since; with days
 * between them, the post was not held then. The SQL in `writePosts` says the same of a row stored.
 */
function earlierTermHeldSince(from: string, termEnd: string | null, heldSince: string): string {
  return from < heldSince && (termEnd === null || termEnd >= heldSince) ? from : heldSince;
}

/**
 * Held since, for a run continuing the row stored (`p`) with its own row (`EXCLUDED`): the earlier
 * day, unless the row stored ended before the run's start.
 */
const HELD_SINCE = `CASE WHEN p.ends_on IS NULL OR p.ends_on >= EXCLUDED.from_on
                         THEN LEAST(p.from_on, EXCLUDED.from_on) ELSE EXCLUDED.from_on END`;

/**
 * The run's term starts before the term stored, which covers days after it (`coversDaysAfter`),
 * held or ended: an earlier term (`earlierTermHeldSince`), which leaves the row's term and end as
 * they are. A row built before `term_from` was kept reads `from_on`, the earliest its term can
 * start. The run's end, if any, ends the post sooner still.
 */
const EARLIER_TERM = `EXCLUDED.term_from < COALESCE(p.term_from, p.from_on)
  AND (p.ends_on IS NULL OR p.ends_on > GREATEST(EXCLUDED.term_from, p.from_on))`;

/**
 * A run of posts assigned and ended, one statement for each part of it `postRows` takes (the whole
 * run, unless a post it ends is assigned again from a day before that end): each post's events
 * folded into its row, written by one of three parts that never meet on a row (a different post
 * each). A post a decision ends stays, with the day it ends: the decision may take effect on a
 * later day, and until then the person holds it (who holds a post is asked for a day:
 * `postHeldOnSql`). A decision assigns a post and ends the one held: one round trip instead of two.
 */
async function writePosts(run: readonly ProjectedEvent[], tx: ProjectionTx): Promise<void> {
  for (let rest = run; rest.length > 0;) {
    const { rows, taken } = postRows(rest);
    await writePostRows(rows, tx);
    rest = rest.slice(taken);
  }
}

async function writePostRows(rows: readonly PostRow[], tx: ProjectionTx): Promise<void> {
  const endedOnly = rows.filter((row) => row.assigned === null);
  const assigned = rows.filter((row) => row.assigned !== null);
  const column = <T>(picked: readonly PostRow[], pick: (row: PostRow) => T) => picked.map(pick);
  const upsert = (part: readonly PostRow[]) => [
    column(part, (row) => row.personId),
    column(part, (row) => row.positionId),
    column(part, (row) => row.assigned!.from),
    column(part, (row) => row.assigned!.termFrom),
    column(part, (row) => row.assigned!.termEnd),
    column(part, (row) => row.endsOn),
    column(part, (row) => row.sequence),
  ];
  const restarted = assigned.filter((row) => row.assigned!.restarts);
  const continued = assigned.filter((row) => !row.assigned!.restarts);
  await tx.query(
    `WITH ended AS (
       UPDATE person_posts p SET ends_on = LEAST(p.ends_on, e.ends_on), updated_sequence = e.sequence
         FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[]) AS e(person_id, position_id, ends_on, sequence)
        WHERE p.person_id = e.person_id AND p.position_id = e.position_id),
     restarted AS (
       INSERT INTO person_posts (person_id, position_id, from_on, term_from, term_end, ends_on, updated_sequence)
       SELECT * FROM unnest($5::text[], $6::text[], $7::date[], $8::date[], $9::date[], $10::date[], $11::bigint[])
       ON CONFLICT (person_id, position_id) DO UPDATE SET from_on = EXCLUDED.from_on, term_from = EXCLUDED.term_from,
          term_end = EXCLUDED.term_end, ends_on = EXCLUDED.ends_on, updated_sequence = EXCLUDED.updated_sequence)
     INSERT INTO person_posts AS p (person_id, position_id, from_on, term_from, term_end, ends_on, updated_sequence)
     SELECT * FROM unnest($12::text[], $13::text[], $14::date[], $15::date[], $16::date[], $17::date[], $18::bigint[])
     ON CONFLICT (person_id, position_id) DO UPDATE SET
        from_on = CASE WHEN ${EARLIER_TERM}
                       THEN CASE WHEN EXCLUDED.from_on < p.from_on
                                  AND (EXCLUDED.term_end IS NULL OR EXCLUDED.term_end >= p.from_on)
                                 THEN EXCLUDED.from_on ELSE p.from_on END
                       ELSE ${HELD_SINCE} END,
        term_from = CASE WHEN ${EARLIER_TERM} THEN p.term_from ELSE EXCLUDED.term_from END,
        term_end = CASE WHEN ${EARLIER_TERM} THEN p.term_end ELSE EXCLUDED.term_end END,
        ends_on = CASE WHEN ${EARLIER_TERM} THEN LEAST(p.ends_on, EXCLUDED.ends_on) ELSE EXCLUDED.ends_on END,
        updated_sequence = EXCLUDED.updated_sequence`,
    [
      column(endedOnly, (row) => row.personId),
      column(endedOnly, (row) => row.positionId),
      column(endedOnly, (row) => row.endsOn),
      column(endedOnly, (row) => row.sequence),
      ...upsert(restarted),
      ...upsert(continued),
    ],
  );
}

/** The condition for a `person_posts` row (alias `pp`) held on the day in parameter `$n`. */
export const postHeldOnSql = (day: string) =>
  `pp.from_on <= ${day}::date AND (pp.ends_on IS NULL OR ${day}::date < pp.ends_on)`;

import request from 'supertest';
import { TestApp } from '../../support/test-app';

/**
 * The end state of a run, as users see it (every case and person through the API) plus how many
 * events of each type every stream holds, with what differs between two runs by nature taken out:
 * timestamps, revisions, hashes, ids derived from random event ids (the case a timer opened is
 * named after its person, a timer after its kind and target).
 */
export interface EngineSnapshot {
  people: Record<string, unknown>;
  cases: Record<string, unknown>;
  eventCounts: Record<string, number>;
}

/** Ids of cases a re-appointment notice opened: `r-` and 18 characters of an id derived from the timer. */
const TIMER_OPENED_CASE = /^r-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}$/;
const VOLATILE_KEYS =
  /(At|Position|Revision)$|^(revision|position|hash|eventId|etag|correlationId|causationId|idSeed|timerId)$/;

export async function takeSnapshot(
  t: TestApp,
  headers: Record<string, string>,
  peopleIds: string[],
): Promise<EngineSnapshot> {
  const http = () => request(t.server as never);
  const pool = t.db.pool;

  // Cases opened by a timer carry an id derived from the timer's id: name them after their person.
  const opened = await pool.query<{ stream_id: string; person_id: string; case_id: string }>(
    `SELECT stream_id, data->>'personId' AS person_id, data->>'caseId' AS case_id FROM events WHERE type IN ('CaseOpened.v1', 'DisciplineCaseOpened.v1') ORDER BY stream_id`,
  );
  const renames = new Map<string, string>();
  const byPerson = new Map<string, number>();
  for (const row of opened.rows) {
    if (!TIMER_OPENED_CASE.test(row.case_id)) continue;
    const n = (byPerson.get(row.person_id) ?? 0) + 1;
    byPerson.set(row.person_id, n);
    renames.set(row.case_id, `timer-opened-${n}-for-${row.person_id}`);
  }
  const rename = (text: string): string =>
    text.replace(
      new RegExp(TIMER_OPENED_CASE.source.slice(1, -1), 'g'),
      (id) => renames.get(id) ?? id,
    );
  const normalise = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(normalise);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([key]) => !VOLATILE_KEYS.test(key))
          .map(([key, inner]) => [key, normalise(inner)]),
      );
    }
    return typeof value === 'string' ? rename(value) : value;
  };

  const people: Record<string, unknown> = {};
  for (const id of peopleIds)
    people[id] = normalise((await http().get(`/cadres/${id}`).set(headers).expect(200)).body);

  const cases: Record<string, unknown> = {};
  for (const row of opened.rows) {
    const path = row.stream_id.startsWith('discipline-')
      ? `/discipline-cases/${row.case_id}`
      : `/cases/${row.case_id}`;
    cases[rename(row.case_id)] = normalise((await http().get(path).set(headers).expect(200)).body);
  }

  // Counted by type as the code sees it: stored names carry their version (`TimerScheduled.v1`).
  const counts = await pool.query<{ stream: string; type: string; n: number }>(
    `SELECT CASE WHEN stream_id LIKE 'timer-%' THEN 'timer ' || (min(data->>'kind') OVER (PARTITION BY stream_id)) || ' on ' || (min(data->>'target') OVER (PARTITION BY stream_id))
                    || coalesce(' step ' || (min(data->'payload'->>'stepId') OVER (PARTITION BY stream_id)), '') ELSE stream_id END AS stream,
            regexp_replace(type, '\.v[0-9]+$', '') AS type, 1 AS n
       FROM events`,
  );
  const eventCounts: Record<string, number> = {};
  for (const row of counts.rows) {
    const key = `${rename(row.stream)} ${row.type}`;
    eventCounts[key] = (eventCounts[key] ?? 0) + row.n;
  }
  return { people, cases, eventCounts };
}

import { Pool } from 'pg';

/**
 * How many events the named streams hold: exact stream ids, or LIKE patterns (`caseslot-%/p-an/%`).
 * A "writes nothing" check counts the streams the refused request could have written, never the
 * whole store: the sagas and timers of earlier steps and the demo data's notices keep writing
 * elsewhere while a test runs, so a whole-store count moves for reasons of its own under load.
 *
 * `requestsOnly` leaves out what the workers write into those same streams as `system:…` (a timer's
 * missed deadline on an overdue case, a saga's slot release): a request writes as its user.
 */
export async function streamEventCount(
  pool: Pool,
  streams: readonly string[],
  options: { requestsOnly?: boolean } = {},
): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE stream_id LIKE ANY ($1::text[])${
      options.requestsOnly ? " AND metadata->>'actorId' NOT LIKE 'system:%'" : ''
    }`,
    [streams],
  );
  return rows[0].n;
}

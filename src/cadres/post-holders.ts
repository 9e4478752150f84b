import { Pool } from 'pg';
import { PersonState } from './person/person.state';

/** A person holding a post now, with the term their record gives it. */
export interface PostHolder {
  personId: string;
  from: string;
  /** End of the term, or null for a post held without one. */
  termEnd: string | null;
}

/**
 * Who holds a post now: the `registry_facts` projection's `person_posts` names them (the only
 * index of posts by holder), each confirmed on their own record, whose term is the one judged (a
 * post ended since the projection's last batch is no longer held). A post assigned within the
 * projection's lag is not seen yet.
 */
export async function postHolders(
  pool: Pool,
  loadPerson: (personId: string) => Promise<{ state: PersonState }>,
  positionId: string,
): Promise<PostHolder[]> {
  const { rows } = await pool.query<{ personId: string }>(
    'SELECT person_id AS "personId" FROM person_posts WHERE position_id = $1 ORDER BY person_id',
    [positionId],
  );
  const records = await Promise.all(rows.map(({ personId }) => loadPerson(personId)));
  return records.flatMap(({ state }, at) => {
    if (state.status !== 'registered') return [];
    const held = state.posts.find((post) => post.positionId === positionId);
    return held ? [{ personId: rows[at].personId, from: held.from, termEnd: held.termEnd }] : [];
  });
}

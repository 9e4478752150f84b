import { Pool } from 'pg';
import { PersonState } from './person/person.state';
import { postsHeldOn } from './person/posts-held-on';

/** A person holding a post on a day, with the term their record gives it. */
export interface PostHolder {
  personId: string;
  /** The holder's name on their record, for a refusal to name them. */
  fullName: string;
  from: string;
  /** End of the term, or null for a post held without one. */
  termEnd: string | null;
  /** The day a decision ends the post (one effective on a later day), or null when none does. */
  endsOn: string | null;
}

/**
 * Who holds a post on `day`: the `registry_facts` projection's `person_posts` names the candidates
 * (the only index of posts by holder; a post a decision ends on a later day keeps its row until
 * then), each confirmed on their own record, whose term is the one judged: a post ended since the
 * projection's last batch is no longer held, one a decision ends after `day` still is, one decided
 * to start after it not yet. A post assigned within the projection's lag is not seen yet.
 */
export async function postHolders(
  pool: Pool,
  loadPerson: (personId: string) => Promise<{ state: PersonState }>,
  positionId: string,
  day: string,
): Promise<PostHolder[]> {
  const { rows } = await pool.query<{ personId: string }>(
    `SELECT person_id AS "personId" FROM person_posts
      WHERE position_id = $1 AND (ends_on IS NULL OR ends_on > $2::date) ORDER BY person_id`,
    [positionId, day],
  );
  const records = await Promise.all(rows.map(({ personId }) => loadPerson(personId)));
  return records.flatMap(({ state }, at) => {
    const holder = holderOn(rows[at].personId, state, positionId, day);
    return holder ? [holder] : [];
  });
}

/** The person as the post's holder on `day`, by their record, or null if they do not hold it then. */
export function holderOn(
  personId: string,
  state: PersonState,
  positionId: string,
  day: string,
): PostHolder | null {
  if (state.status !== 'registered') return null;
  const held = postsHeldOn(state, day).find((post) => post.positionId === positionId);
  if (!held) return null;
  const { from, termEnd, endsOn } = held;
  return { personId, fullName: state.profile.fullName, from, termEnd, endsOn };
}

/** The day the holder's seat falls free: the term's end, or a decided end of the post before it. */
export function seatHeldUntil(holder: PostHolder): string | null {
  if (holder.endsOn === null) return holder.termEnd;
  return holder.termEnd !== null && holder.termEnd < holder.endsOn ? holder.termEnd : holder.endsOn;
}

/**
 * Every hold of the post on the person's record, whenever it lies: a post no decision ended (one
 * beginning on a later day too) and one a decision ended (`endsOn`), not one ended on its first day.
 */
export function holdsOnRecord(
  personId: string,
  state: PersonState,
  positionId: string,
): PostHolder[] {
  if (state.status !== 'registered') return [];
  const fullName = state.profile.fullName;
  const open = state.posts
    .filter((post) => post.positionId === positionId)
    .map(({ from, termEnd }) => ({ personId, fullName, from, termEnd, endsOn: null }));
  const ended = state.pastPosts
    .filter((post) => post.positionId === positionId && post.endedOn > post.from)
    .map(({ from, termEnd, endedOn }) => ({ personId, fullName, from, termEnd, endsOn: endedOn }));
  return [...open, ...ended];
}

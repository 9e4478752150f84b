import { PastPost, PostHeld } from './person.state';

/**
 * The last holding of a post when a decision took it away before its term ran out (the holder
 * appointed, moved or removed elsewhere): no term of it is on the record as held (`posts`; a
 * decision effective on a later day takes it off at once), and the last one ended before its term
 * end. Null while a term of it is held, and when the term ran out by itself (the term-end timer
 * ends it on that day): a re-appointment decided late still renews that one.
 */
export function postEndedByDecision(
  record: { posts: readonly PostHeld[]; pastPosts: readonly PastPost[] },
  positionId: string,
): PastPost | null {
  if (record.posts.some((post) => post.positionId === positionId)) return null;
  const last = lastHoldingOf(record.pastPosts, positionId);
  if (!last) return null;
  const cutShort = last.termEnd === null || last.endedOn < last.termEnd;
  return cutShort ? last : null;
}

/** The holding of a post that ended last, if it was ever held. */
export function lastHoldingOf(
  pastPosts: readonly PastPost[],
  positionId: string,
): PastPost | undefined {
  return pastPosts
    .filter((post) => post.positionId === positionId)
    .reduce<PastPost | undefined>(
      (last, post) => (!last || post.endedOn > last.endedOn ? post : last),
      undefined,
    );
}

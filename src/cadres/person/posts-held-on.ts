import { PostHeld } from './person.state';

/**
 * What the record says of posts: `posts` are those no decision has ended (some may start on a
 * later day), `pastPosts` those a decision ended (some only on a later day). A decision effective
 * on a later day writes its post and its end at once, so who holds what on a day is read from the
 * days, not from the list a post sits in.
 */
export interface PostsOnRecord {
  posts: readonly PostHeld[];
  pastPosts: readonly (PostHeld & { endedOn: string })[];
}

/** A post held on a day, with the day a decision ends it (null: no decision ends it). */
export type PostHeldOnDay = PostHeld & { endsOn: string | null };

/** The posts held on `day`: begun on or before it and not ended by then (held through `endsOn - 1`). */
export function postsHeldOn(record: PostsOnRecord, day: string): PostHeldOnDay[] {
  const ending = record.pastPosts.map(({ endedOn, ...post }) => ({
    ...withoutEndFields(post),
    endsOn: endedOn,
  }));
  const open = record.posts.map((post) => ({ ...post, endsOn: null }));
  return [...open, ...ending].filter(
    (post) => post.from <= day && (post.endsOn === null || day < post.endsOn),
  );
}

/** The new term of a post held, from the day the term held ends (a re-appointment, a re-election). */
export type TermRenewal = Pick<PostHeld, 'from' | 'termEnd' | 'decisionRef'>;

/**
 * The posts on a person's page on `day`: those held, and those decided to start later. A term
 * held that a new term of the same post continues from its end (a re-appointment effective
 * later) is not left: it is held on, with the new term (`renewedBy`), which is no post to take
 * up (before, the page said the person left the post they were re-appointed to).
 */
export function postsOnPage(
  record: PostsOnRecord,
  day: string,
): { held: (PostHeldOnDay & { renewedBy?: TermRenewal })[]; upcoming: PostHeld[] } {
  const upcoming = postsStartingAfter(record, day);
  const renewalOf = (post: PostHeldOnDay) =>
    upcoming.find((next) => next.positionId === post.positionId && next.from === post.endsOn);
  const renewals = new Set<PostHeld>();
  const held = postsHeldOn(record, day).map((post) => {
    const renewal = renewalOf(post);
    if (!renewal) return post;
    renewals.add(renewal);
    const { from, termEnd, decisionRef } = renewal;
    return { ...post, endsOn: null, renewedBy: { from, termEnd, decisionRef } };
  });
  return { held, upcoming: upcoming.filter((post) => !renewals.has(post)) };
}

/** The posts decided to start after `day` (a decision effective on a later day), not ended since. */
export function postsStartingAfter(record: PostsOnRecord, day: string): PostHeld[] {
  return record.posts.filter((post) => post.from > day);
}

/**
 * The posts a decision effective on `day` can end: no decision has ended them, or one ends them
 * only after `day` (a decision effective on a later day: the earlier end comes first), one entry
 * per post. A post ended on `day` or before is not held past it.
 */
export function postsRunningPast(record: PostsOnRecord, day: string): PostHeld[] {
  const open = new Set(record.posts.map((post) => post.positionId));
  const endingLater = record.pastPosts
    .filter((post) => post.endedOn > day && !open.has(post.positionId))
    .map(({ endedOn: _endedOn, ...post }) => withoutEndFields(post));
  return [...record.posts, ...endingLater];
}

/**
 * The posts held on `day` that a decision ends on a later day, with that day and decision: not a
 * term a new term of the same post continues (it ends where the new one starts; the post stays).
 */
export function postsEndingLater<P extends PostHeld & { endedOn: string }>(
  record: { posts: readonly PostHeld[]; pastPosts: readonly P[] },
  day: string,
): P[] {
  const continued = new Set(record.posts.map((post) => post.positionId));
  return record.pastPosts.filter(
    (post) => post.from <= day && post.endedOn > day && !continued.has(post.positionId),
  );
}

/** Whether the post is held on `day`. */
export function holdsPostOn(record: PostsOnRecord, positionId: string, day: string): boolean {
  return postsHeldOn(record, day).some((post) => post.positionId === positionId);
}

/** A past post's own fields: why and by what it ended are not part of a post held. */
function withoutEndFields<
  T extends PostHeld & { reason?: string; endedBy?: string; caseId?: string | null },
>(post: T): PostHeld {
  const { reason: _reason, endedBy: _endedBy, caseId: _caseId, ...held } = post;
  return held;
}

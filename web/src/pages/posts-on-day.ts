/** A post as the record keeps it: held now or later (`posts`), or ended (`pastPosts`). */
interface Post {
  positionId: string;
  from: string;
  termEnd: string | null;
  decisionRef: string;
}
interface PastPost extends Post {
  endedOn: string;
  reason: string;
}

/** A row of the posts a person holds on a day, with what is still to come on it. */
export type HeldRow = Post & { startsOn?: string; leavesOn?: string; reason?: string };

/**
 * The record takes a decision in on the day it is made, whatever its effective day: a post taken
 * from 1 Jan is on `posts` and the one it ends is on `pastPosts` ending that day. On a day before
 * then the person still holds the one and not yet the other: both show among the posts held, each
 * with the day it changes, and only what ended by then shows as past.
 */
export function postsOnDay(
  posts: readonly Post[],
  pastPosts: readonly PastPost[],
  day: string,
): { held: HeldRow[]; past: PastPost[] } {
  const stillHeld = pastPosts.filter((post) => post.endedOn > day);
  return {
    held: [
      ...posts.filter((post) => post.from <= day),
      ...stillHeld.map(({ endedOn, ...post }) => ({ ...post, leavesOn: endedOn })),
      ...posts.filter((post) => post.from > day).map((post) => ({ ...post, startsOn: post.from })),
    ],
    past: pastPosts.filter((post) => post.endedOn <= day),
  };
}

import { RegistryRuleViolation } from '../registry-rule-violation';
import { PostAssigned } from './person.events';
import { PostHeld } from './person.state';
import { isRecordedByHand, PostsOnRecord } from './post-term-on-record';

/** The days a term on record covers: from its start up to (not including) its end; null: no end. */
interface TermSpan {
  post: PostHeld;
  from: string;
  until: string | null;
}

/**
 * A term of a post recorded by hand (or imported) that shares days with another term of the same
 * post on the person's record. Before, `POST /cadres/:id/posts` took it: a term from 2026 recorded
 * over one from 2040 pushed the 2040 term into the past, "ended" before it began, and the page
 * showed it nowhere. Refused 409 `post.term_overlaps`, naming the term it overlaps, writing nothing.
 *
 * What is no overlap: the term held with the same start (the same term, its end or decision
 * changed: judged as such), a new term starting after the one held (a re-appointment or
 * re-election: the term held ends where it starts), a term ended with the same start
 * (`endedTermViolation` judges it), and a term ending on or before the day another starts. An
 * ended term covers its days up to the day it ended; one ended on or before it began covers none.
 * Only a record by hand is judged: a case's decision is decided as such.
 */
export function overlappingTermViolation(
  record: PostsOnRecord,
  data: PostAssigned['data'],
): RegistryRuleViolation | null {
  if (!isRecordedByHand(data)) return null;
  const samePost = (post: PostHeld) => post.positionId === data.positionId;
  const held: TermSpan[] = record.posts
    .filter((post) => samePost(post) && post.from > data.from)
    .map((post) => ({ post, from: post.from, until: post.termEnd }));
  const ended: TermSpan[] = record.pastPosts
    .filter((post) => samePost(post) && post.from !== data.from && post.from < post.endedOn)
    .map((post) => ({ post, from: post.from, until: post.endedOn }));
  const overlapped = [...held, ...ended].find(
    (span) =>
      (span.until === null || data.from < span.until) &&
      (data.termEnd === null || span.from < data.termEnd),
  );
  if (!overlapped) return null;
  // The field to change: a start inside the other term, or an end running into it.
  const field = data.from >= overlapped.from ? 'from' : 'termEnd';
  const { post } = overlapped;
  const until = overlapped.until ?? 'no end';
  return new RegistryRuleViolation(
    'post.term_overlaps',
    `${field}: the term of post ${data.positionId} from ${data.from} to ${data.termEnd ?? 'no end'} overlaps the term on record from ${post.from} to ${until} (${post.decisionRef}); a person holds one term of a post at a time: record a term that ends before the other starts, or starts after it`,
    'conflict',
    field,
  );
}

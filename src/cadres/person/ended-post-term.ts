import { RegistryRuleViolation } from '../registry-rule-violation';
import { PostAssigned } from './person.events';
import { PostHeld } from './person.state';
import {
  isExtendedSince,
  isRecordedByHand,
  isTermOnRecord,
  PostsOnRecord,
} from './post-term-on-record';

/**
 * A term the record shows as ended (the same post and start among `pastPosts`: a decision ended
 * it — a removal, a discipline, a move to another post, the term's own end — or a new term of the
 * post replaced it), recorded again by hand or by an import with another term end, decision or
 * election day. Written, it would put the term back among the posts held (or, for a term a new one
 * replaced, push the new one into the past), reopening what a decision ended with no decision to
 * say so; before, `POST /cadres/:id/posts` and the import did just that. The very term on record
 * is a repeat that writes nothing (`isPostRepeat`, and the import's `unchanged`); a term the person
 * holds now with that start (one a complaint review gave back) is not ended. Only a record by hand
 * is judged: a case's decision, extension or restoration is decided as such (a review giving a
 * post back is the way an ended term comes back). `today`, when known, tells an end already past
 * from one a decision set for a later day.
 */
export function endedTermViolation(
  record: PostsOnRecord,
  data: PostAssigned['data'],
  today?: string,
): RegistryRuleViolation | null {
  if (!isRecordedByHand(data)) return null;
  const sameTerm = (post: PostHeld) =>
    post.positionId === data.positionId && post.from === data.from;
  if (record.posts.some(sameTerm)) return null;
  const ended = record.pastPosts.filter(sameTerm);
  if (ended.length === 0) return null;
  if (ended.some((post) => isTermOnRecord(post, data) || isExtendedSince(post, data))) return null;
  const last = ended[ended.length - 1];
  const field =
    last.termEnd !== data.termEnd
      ? 'termEnd'
      : last.decisionRef !== data.decisionRef
        ? 'decisionRef'
        : 'electedOn';
  const ends = today !== undefined && last.endedOn > today ? 'ends' : 'ended';
  return new RegistryRuleViolation(
    'post.ended',
    `${field}: post ${data.positionId} from ${data.from} (${last.decisionRef}) ${ends} on ${last.endedOn} by ${last.endedBy}; an ended term is not recorded again with another term end, decision or election day: record a new term from its own start, or, for a post a discipline decision took away, a complaint review of that decision gives it back`,
    'conflict',
    field,
  );
}

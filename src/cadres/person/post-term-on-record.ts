import { PostAssigned } from './person.events';
import { PastPost, PostHeld } from './person.state';

/** The posts a record holds and those it shows ended, as the person decider folds them. */
export interface PostsOnRecord {
  posts: readonly PostHeld[];
  pastPosts: readonly PastPost[];
}

/**
 * True when the post is the very term the command states: the same post, start, term end,
 * decision and election day. What a command does not state (a case's notice day, an extension
 * beside the appointing decision) is not a difference: a clerk recording again what the record
 * holds, or a file imported again, does not take it away.
 */
export function isTermOnRecord(post: PostHeld, data: PostAssigned['data']): boolean {
  return (
    post.positionId === data.positionId &&
    post.from === data.from &&
    post.termEnd === data.termEnd &&
    post.decisionRef === data.decisionRef &&
    post.electedOn === data.electedOn
  );
}

/**
 * The command's term as it was before an extension to retirement moved its end (`extendedBy`, the
 * appointing decision kept beside it): the record holds that appointment, extended since, and
 * recording it again (by hand or by a file imported again) does not take the extension away. Any
 * end not after the extended one counts: the extended term already runs past it. Another term
 * end of a post held (a later one, or one not extended) is a change of the term, written as such.
 */
export function isExtendedSince(post: PostHeld, data: PostAssigned['data']): boolean {
  return (
    post.extendedBy !== undefined &&
    post.positionId === data.positionId &&
    post.from === data.from &&
    post.decisionRef === data.decisionRef &&
    data.termEnd !== null &&
    post.termEnd !== null &&
    data.termEnd < post.termEnd
  );
}

/**
 * A post recorded by hand or imported: no case's decision, extension, restoration or notice day in
 * it. Only such a record is judged against the term on record (a decision is decided as such).
 */
export function isRecordedByHand(data: PostAssigned['data']): boolean {
  return (
    data.caseId === undefined &&
    data.procedure === undefined &&
    data.restoredAfter === undefined &&
    data.extendedBy === undefined &&
    data.reappointmentNoticeOn === undefined
  );
}

/**
 * A post recorded again by hand (`isRecordedByHand`) on exactly a term on record, held or ended
 * (`pastPosts`), or on the term an extension to retirement has moved since (`isExtendedSince`), as
 * the import counts it unchanged: nothing to write, as a repeated status period or planning-pool
 * entry. Before, the very term of an ended post was written again and reopened it. A decision's
 * assignment is decided as such (its events' ids keep a redelivery from writing twice).
 */
export function isPostRepeat(record: PostsOnRecord, data: PostAssigned['data']): boolean {
  const onRecord = [...record.posts, ...record.pastPosts];
  return (
    isRecordedByHand(data) &&
    onRecord.some((post) => isTermOnRecord(post, data) || isExtendedSince(post, data))
  );
}

import { PostAssigned } from './person.events';
import { PostHeld } from './person.state';

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
 * A post recorded again by hand (no case's decision, extension or restoration in it) that the
 * person holds on exactly that term, or on the term an extension to retirement has moved since
 * (`isExtendedSince`, as the import counts it unchanged): nothing to write, as a repeated status
 * period or planning-pool entry. A decision's assignment is decided as such (its events' ids keep
 * a redelivery from writing twice).
 */
export function isPostRepeat(posts: readonly PostHeld[], data: PostAssigned['data']): boolean {
  const decided =
    data.caseId !== undefined ||
    data.procedure !== undefined ||
    data.restoredAfter !== undefined ||
    data.extendedBy !== undefined ||
    data.reappointmentNoticeOn !== undefined;
  return (
    !decided && posts.some((post) => isTermOnRecord(post, data) || isExtendedSince(post, data))
  );
}

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
 * A post recorded again by hand (no case's decision, extension or restoration in it) that the
 * person holds on exactly that term: nothing to write, as a repeated status period or
 * planning-pool entry. A decision's assignment is decided as such (its events' ids keep a
 * redelivery from writing twice).
 */
export function isPostRepeat(posts: readonly PostHeld[], data: PostAssigned['data']): boolean {
  const decided =
    data.caseId !== undefined ||
    data.procedure !== undefined ||
    data.restoredAfter !== undefined ||
    data.extendedBy !== undefined ||
    data.reappointmentNoticeOn !== undefined;
  return !decided && posts.some((post) => isTermOnRecord(post, data));
}

import { EventOf, Evolvers, RegisteredPerson } from './person-evolvers';
import { PastPost, PostHeld, PostRestoration } from './person.state';

/**
 * Posts held (chức vụ): an ended one moves to the past; one ended on a later day that another
 * decision ends earlier ends on the earlier day. A new assignment to a post held replaces
 * it: with another start (a re-appointment's or re-election's new term) the term held moves to
 * the past, ending at its own term end or where the new one starts, whichever is earlier (before,
 * it was dropped, and the record lost that term; then it ended where the new one started, months
 * after a council's term had run out); with the same
 * start (an extension moving the term's end) it is the same term; one starting before a term of
 * the post on record, held or ended, is an earlier term, past (`earlierTerm`). A post given back after a
 * complaint review leaves the past: the decision that ended it no longer does, and the person
 * holds it on its own term as before (the record of what happened is `postRestorations`).
 */
export const postEvolvers: Pick<Evolvers, 'PostAssigned' | 'PostEnded' | 'PostNotRestored'> = {
  PostAssigned: (state, { data }) => {
    const held = state.posts.find((p) => p.positionId === data.positionId);
    const newTerm = held !== undefined && held.from !== data.from;
    const post: PostHeld = {
      positionId: data.positionId,
      from: data.from,
      termEnd: data.termEnd,
      decisionRef: data.decisionRef,
      ...(data.electedOn === undefined ? {} : { electedOn: data.electedOn }),
      ...(data.extendedBy ? { extendedBy: data.extendedBy } : {}),
      ...(data.reappointmentNoticeOn ? { reappointmentNoticeOn: data.reappointmentNoticeOn } : {}),
    };
    const next = data.restoredAfter ? undefined : nextTermOnRecord(state, data);
    if (next) return { ...state, pastPosts: [...state.pastPosts, earlierTerm(post, next)] };
    const posts = [...state.posts.filter((p) => p.positionId !== data.positionId), post];
    if (data.restoredAfter) return restorePost(state, posts, post, data.restoredAfter);
    return {
      ...state,
      posts,
      pastPosts: newTerm
        ? [
            ...state.pastPosts,
            {
              ...held,
              endedOn: endOfTermRenewed(held, data.from),
              reason: renewalReason(data),
              endedBy: data.decisionRef,
              caseId: null,
            },
          ]
        : state.pastPosts,
    };
  },
  PostEnded: (state, { data }) => {
    const end = {
      endedOn: data.on,
      reason: data.reason,
      endedBy: data.decisionRef,
      caseId: data.caseId ?? null,
      ...(data.councilResolution ? { councilResolution: data.councilResolution } : {}),
    };
    const ended = state.posts.find((p) => p.positionId === data.positionId);
    // A term of the post a decision ends on a later day, ended earlier by another: the earlier
    // end holds (before, the second end was dropped and the person kept the post until the later day).
    const pastPosts = state.pastPosts.map((p) =>
      p.positionId === data.positionId && p.endedOn > data.on ? { ...p, ...end } : p,
    );
    return {
      ...state,
      posts: state.posts.filter((p) => p.positionId !== data.positionId),
      pastPosts: ended ? [...pastPosts, { ...ended, ...end }] : pastPosts,
    };
  },
  PostNotRestored: (state, { data }) => {
    const { personId: _personId, ...outcome } = data;
    return {
      ...state,
      postRestorations: [...state.postRestorations, { ...outcome, restored: false }],
    };
  },
};

/** The post given back is the term that ended (same start, same decision): it leaves the past. */
function restorePost(
  state: RegisteredPerson,
  posts: PostHeld[],
  post: PostHeld,
  after: { caseId: string; decisionRef: string },
): RegisteredPerson {
  const ended = state.pastPosts.findLast(
    (p) =>
      p.positionId === post.positionId &&
      p.from === post.from &&
      p.decisionRef === post.decisionRef,
  );
  const outcome: PostRestoration = {
    ...after,
    positionId: post.positionId,
    endedOn: ended?.endedOn ?? post.from,
    restored: true,
    reason: null,
  };
  return {
    ...state,
    posts,
    pastPosts: state.pastPosts.filter((p) => p !== ended),
    postRestorations: [...state.postRestorations, outcome],
  };
}

/**
 * The term of the post on record that follows a term from `data.from`: the one with the nearest
 * later start, held or ended (an ended one that covered no day, ended on or before it began, is
 * none: an appointment after it is the post held). Recorded in the order of their starts, that
 * term would have renewed the earlier one; a term starting after it does not (before, only the
 * term held was looked at: an earlier term recorded after a later one already ended was taken
 * for the post held, and the person held it today, both terms past).
 */
function nextTermOnRecord(
  state: Pick<RegisteredPerson, 'posts' | 'pastPosts'>,
  data: Pick<PostHeld, 'positionId' | 'from'>,
): PostHeld | undefined {
  const later = [
    ...state.posts,
    ...state.pastPosts.filter((post) => post.from < post.endedOn),
  ].filter((post) => post.positionId === data.positionId && post.from > data.from);
  return later.reduce<PostHeld | undefined>(
    (nearest, post) => (nearest === undefined || post.from < nearest.from ? post : nearest),
    undefined,
  );
}

/**
 * A term starting before a term of the post on record (`nextTermOnRecord`), recorded after it (an
 * earlier term entered later or imported, or, on a record from before overlapping terms were
 * refused, one over it): the later term goes on, held or ended as it was, and the earlier one is
 * past, renewed by it — as if recorded in the order of their starts. Before, it replaced the term
 * held, which went to the past ending before it began, and the person's page showed that term
 * nowhere (a term from 2040 under one recorded after it from 2026).
 */
function earlierTerm(post: PostHeld, later: PostHeld): PastPost {
  return {
    ...post,
    endedOn: endOfTermRenewed(post, later.from),
    reason: renewalReason(later),
    endedBy: later.decisionRef,
    caseId: null,
  };
}

/** A term renewed ends at its own end, or where the new term starts if that comes first. */
function endOfTermRenewed(held: PostHeld, newTermFrom: string): string {
  return held.termEnd !== null && held.termEnd < newTermFrom ? held.termEnd : newTermFrom;
}

/**
 * Why the term held ended: re-elected (an election case, or an election recorded by hand) or
 * re-appointed, for the new term from its day, by its decision. A decision's reference made by a
 * case carries its own day (`99/QĐ-UBND (2026-12-06)`): the same day is not said twice.
 */
function renewalReason(
  data: Pick<EventOf<'PostAssigned'>['data'], 'procedure' | 'electedOn' | 'from' | 'decisionRef'>,
): string {
  const how =
    data.procedure === 'election' || data.electedOn !== undefined ? 're-elected' : 're-appointed';
  const sameDay = ` (${data.from})`;
  const decision = data.decisionRef.endsWith(sameDay)
    ? data.decisionRef.slice(0, -sameDay.length)
    : data.decisionRef;
  return `${how}: new term from ${data.from} by ${decision}`;
}

import { NotFoundException } from '@nestjs/common';
import { barredOn, disciplineStatusOn, inEffectUntil } from './discipline-standing';
import { PersonState } from './person/person.state';
import { postsOnPage } from './person/posts-held-on';

/**
 * A person's record as the API answers it, on `today`: the posts held that day (one a decision
 * ends on a later day with that day, `endsOn`), those decided to start later (`upcomingPosts`),
 * those ended by then (`pastPosts`): every post held some day is in one of them. And each
 * discipline record with its status.
 */
export function personView(
  personId: string,
  state: PersonState,
  revision: number | null,
  today: string,
) {
  if (state.status !== 'registered')
    throw new NotFoundException(`person ${personId} is not registered`);
  const posts = postsOnPage(state, today);
  return {
    id: personId,
    revision,
    ...state.profile,
    registrationMoves: state.registrationMoves,
    posts: posts.held,
    upcomingPosts: [...posts.upcoming, ...upcomingPostsEnding(state, today)],
    // A post ended on or before the day it was to begin was never held (a record from before
    // decisions were refused over a post still to begin, or a term ending the day it began): it
    // is no past post.
    pastPosts: state.pastPosts.filter((post) => post.endedOn <= today && post.from < post.endedOn),
    postRestorations: state.postRestorations,
    planningPool: state.planningPool,
    pastPlanningPool: state.pastPlanningPool,
    planningRestorations: state.planningRestorations,
    statuses: state.statuses,
    partyMembershipEnded: state.partyMembershipEnded ?? null,
    partyMembershipRestored: state.partyMembershipRestored ?? null,
    discipline: state.discipline.map((record) => {
      const status = disciplineStatusOn(record, today);
      // An annulled decision has no validity and no bar left, as the register has it (before: the
      // page still showed both days of a decision annulled on complaint).
      const annulled = status === 'annulled';
      return {
        ...record,
        revisedByRef: record.revisedByRef ?? null,
        revisedOn: record.revisedOn ?? null,
        inEffectUntil: annulled ? null : inEffectUntil(record),
        barEndsOn: annulled ? null : record.barEndsOn,
        status,
        barred: barredOn(record, today),
      };
    }),
    openCases: state.openCases,
    reappointmentsDue: reappointmentsStillDue(state),
    reappointmentNoticesAhead: reappointmentNoticesAhead(state),
    placeOfOrigin: state.placeOfOrigin,
    managementTier: state.managementTier,
    civilServiceRank: state.civilServiceRank,
    ratings: state.ratings,
  };
}

/**
 * The posts to begin after `today` that a decision already ends on a later day (a term a new one
 * renews, both decided ahead), with that day (`endsOn`): before, such a post was in no list, not
 * held yet, not upcoming (it sits among the ended), not past.
 */
function upcomingPostsEnding(state: Extract<PersonState, { status: 'registered' }>, today: string) {
  return state.pastPosts
    .filter((post) => post.from > today && post.endedOn > post.from)
    .map(({ endedOn, reason: _r, endedBy: _b, caseId: _c, councilResolution: _cr, ...post }) => ({
      ...post,
      endsOn: endedOn,
    }));
}

/**
 * The re-appointment notices given for a post no decision has ended: a post ended (the holder
 * appointed to another, removed, disciplined) is due for no re-appointment, and the case its
 * notice opened was withdrawn with it (before: the page still listed «Đã mở hồ sơ bổ nhiệm lại»
 * for the deputy post a new appointment had ended). A renewed term is the post held on.
 */
function reappointmentsStillDue(state: Extract<PersonState, { status: 'registered' }>) {
  const held = new Set(state.posts.map((post) => post.positionId));
  const ended = new Set(
    state.pastPosts.map((post) => post.positionId).filter((positionId) => !held.has(positionId)),
  );
  return state.reappointmentsDue.filter((due) => !ended.has(due.positionId));
}

/**
 * The re-appointment notices the decisions set for the terms on record and not yet given (a
 * given one is in `reappointmentsDue`): before, the page said there was none until the day came.
 */
function reappointmentNoticesAhead(state: Extract<PersonState, { status: 'registered' }>) {
  const given = (positionId: string, termEnd: string | null) =>
    state.reappointmentsDue.some((due) => due.positionId === positionId && due.termEnd === termEnd);
  return state.posts.flatMap(({ positionId, termEnd, reappointmentNoticeOn, decisionRef }) =>
    reappointmentNoticeOn && termEnd && !given(positionId, termEnd)
      ? [{ positionId, termEnd, noticeOn: reappointmentNoticeOn, decisionRef }]
      : [],
  );
}

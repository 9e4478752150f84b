import { NotFoundException } from '@nestjs/common';
import { barredOn, disciplineStatusOn, inEffectUntil } from './discipline-standing';
import { PersonState } from './person/person.state';
import { postsOnPage } from './person/posts-held-on';

/**
 * A person's record as the API answers it, on `today`: the posts held that day (one a decision
 * ends on a later day with that day, `endsOn`), those decided to start later (`upcomingPosts`),
 * those ended by then (`pastPosts`), and each discipline record with its status.
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
    upcomingPosts: posts.upcoming,
    // A post ended on or before the day it was to begin was never held (a record from before
    // decisions were refused over a post still to begin): it is no past post.
    pastPosts: state.pastPosts.filter((post) => post.endedOn <= today && post.from < post.endedOn),
    postRestorations: state.postRestorations,
    planningPool: state.planningPool,
    pastPlanningPool: state.pastPlanningPool,
    planningRestorations: state.planningRestorations,
    statuses: state.statuses,
    partyMembershipEnded: state.partyMembershipEnded ?? null,
    partyMembershipRestored: state.partyMembershipRestored ?? null,
    discipline: state.discipline.map((record) => ({
      ...record,
      inEffectUntil: inEffectUntil(record),
      status: disciplineStatusOn(record, today),
      barred: barredOn(record, today),
    })),
    openCases: state.openCases,
    reappointmentsDue: state.reappointmentsDue,
    reappointmentNoticesAhead: reappointmentNoticesAhead(state),
    placeOfOrigin: state.placeOfOrigin,
    managementTier: state.managementTier,
    civilServiceRank: state.civilServiceRank,
    ratings: state.ratings,
  };
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

import { NotFoundException } from '@nestjs/common';
import { barredOn, disciplineStatusOn, inEffectUntil } from './discipline-standing';
import { PersonState } from './person/person.state';

/** A person's record as the API answers it: each discipline record with its status on `today`. */
export function personView(
  personId: string,
  state: PersonState,
  revision: number | null,
  today: string,
) {
  if (state.status !== 'registered')
    throw new NotFoundException(`person ${personId} is not registered`);
  return {
    id: personId,
    revision,
    ...state.profile,
    registrationMoves: state.registrationMoves,
    posts: state.posts,
    pastPosts: state.pastPosts,
    planningPool: state.planningPool,
    pastPlanningPool: state.pastPlanningPool,
    planningRestorations: state.planningRestorations,
    statuses: state.statuses,
    discipline: state.discipline.map((record) => ({
      ...record,
      inEffectUntil: inEffectUntil(record),
      status: disciplineStatusOn(record, today),
      barred: barredOn(record, today),
    })),
    openCases: state.openCases,
    reappointmentsDue: state.reappointmentsDue,
    placeOfOrigin: state.placeOfOrigin,
    managementTier: state.managementTier,
    civilServiceRank: state.civilServiceRank,
    ratings: state.ratings,
  };
}

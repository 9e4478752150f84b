import { DomainEvent } from '../../common/stream-decider';
import { evolveProfile, emptyProfileFacts } from './person-profile';
import { PersonProfileEvent } from './person-profile.events';
import { PersonRegistered } from './person.events';
import { PersonState } from './person.state';

import { Evolvers, RecordEvent, RegisteredPerson } from './person-evolvers';
import { postEvolvers } from './person-posts.evolve';

function registered(data: PersonRegistered['data']): RegisteredPerson {
  return {
    status: 'registered',
    profile: data,
    posts: [],
    registrationMoves: [],
    pastPosts: [],
    postRestorations: [],
    planningPool: [],
    pastPlanningPool: [],
    planningRestorations: [],
    statuses: [],
    discipline: [],
    partyMembershipEnded: null,
    partyMembershipRestored: null,
    openCases: [],
    reappointmentsDue: [],
    ...emptyProfileFacts(),
  };
}

const withProfile = (state: RegisteredPerson, event: PersonProfileEvent): RegisteredPerson => ({
  ...state,
  ...evolveProfile(state, event),
});

/** The registration moved: the record is managed by the receiving unit from then on. */
const registrationEvolvers: Pick<Evolvers, 'RegistrationMoved'> = {
  RegistrationMoved: (state, { data }) => {
    const { personId: _personId, ...move } = data;
    return {
      ...state,
      profile: { ...state.profile, orgUnitId: data.orgUnitId },
      registrationMoves: [...state.registrationMoves, move],
    };
  },
};

/**
 * The planning pool (quy hoạch): one entry per post. A removed entry is kept with what removed it,
 * so that an annulled discipline decision can put back the entries it took off (and only those).
 */
const planningEvolvers: Pick<
  Evolvers,
  'PlanningPoolEntryAdded' | 'PlanningPoolEntryRemoved' | 'PlanningPoolEntryNotRestored'
> = {
  PlanningPoolEntryAdded: (state, { data }) => ({
    ...state,
    planningPool: [
      ...state.planningPool.filter((p) => p.positionId !== data.positionId),
      { positionId: data.positionId, term: data.term, decisionRef: data.decisionRef },
    ],
    planningRestorations: data.restoredAfter
      ? [
          ...state.planningRestorations,
          {
            ...data.restoredAfter,
            positionId: data.positionId,
            term: data.term,
            restored: true,
            reason: null,
          },
        ]
      : state.planningRestorations,
  }),
  PlanningPoolEntryRemoved: (state, { data }) => {
    const removed = state.planningPool.find((p) => p.positionId === data.positionId);
    const left = removed && {
      ...removed,
      removedBy: data.decisionRef,
      reason: data.reason,
      caseId: data.caseId ?? null,
    };
    return {
      ...state,
      planningPool: state.planningPool.filter((p) => p.positionId !== data.positionId),
      pastPlanningPool: left ? [...state.pastPlanningPool, left] : state.pastPlanningPool,
    };
  },
  PlanningPoolEntryNotRestored: (state, { data }) => {
    const { personId: _personId, ...outcome } = data;
    return {
      ...state,
      planningRestorations: [...state.planningRestorations, { ...outcome, restored: false }],
    };
  },
};

/** Discipline on record (kỷ luật): a complaint review changes the form (history kept) or annuls it. */
const disciplineEvolvers: Pick<
  Evolvers,
  'DisciplineRecorded' | 'DisciplineRevised' | 'PartyMembershipEnded' | 'PartyMembershipRestored'
> = {
  PartyMembershipEnded: (state, { data }) => {
    const { personId: _personId, ...ended } = data;
    return {
      ...state,
      profile: { ...state.profile, partyMember: false },
      partyMembershipEnded: ended,
      partyMembershipRestored: null,
    };
  },
  PartyMembershipRestored: (state, { data }) => {
    const { personId: _personId, ...restored } = data;
    return {
      ...state,
      profile: { ...state.profile, partyMember: true },
      partyMembershipEnded: null,
      partyMembershipRestored: restored,
    };
  },
  DisciplineRecorded: (state, { data }) => {
    const { personId: _personId, ...record } = data;
    // Only the later of two decisions on one violation names the other: the earlier record is
    // linked back here, so either leads to the other, as in the discipline register.
    const namedByOther = state.discipline.find((d) => d.sameViolationCaseId === data.caseId);
    const linked =
      record.sameViolationCaseId || !namedByOther
        ? record
        : { ...record, sameViolationCaseId: namedByOther.caseId };
    return {
      ...state,
      discipline: [
        ...state.discipline
          .filter((d) => d.caseId !== data.caseId)
          .map((d) =>
            data.sameViolationCaseId && d.caseId === data.sameViolationCaseId
              ? { ...d, sameViolationCaseId: data.caseId }
              : d,
          ),
        { ...linked, annulled: null, revisions: [], revisedByRef: null, revisedOn: null },
      ],
    };
  },
  DisciplineRevised: (state, { data }) => ({
    ...state,
    discipline: state.discipline.map((d) => {
      if (d.caseId !== data.caseId) return d;
      // The decision keeps its own number; the review is named apart (before: a change put the
      // review's number in `decisionRef`, the decision's own only inside `revisions`).
      const review = { revisedByRef: data.decisionRef, revisedOn: data.revisedOn };
      if (data.outcome === 'annulled')
        return { ...d, ...review, annulled: { on: data.revisedOn, decisionRef: data.decisionRef } };
      // The form replaced, with the decision that had set it: the decision, or an earlier review.
      const replaced = {
        form: d.form,
        barEndsOn: d.barEndsOn,
        decisionRef: d.revisedByRef ?? d.decisionRef,
      };
      // The changed form's scope replaces the old one: a removal reduced to a reprimand bars a higher post only.
      const { barScope: _replacedScope, ...kept } = d;
      return {
        ...kept,
        form: data.form ?? d.form,
        barEndsOn: data.barEndsOn,
        ...(data.barScope ? { barScope: data.barScope } : {}),
        ...('inEffectUntil' in data ? { inEffectUntil: data.inEffectUntil } : {}),
        revisions: [...d.revisions, { ...replaced, revisedOn: data.revisedOn }],
        ...review,
      };
    }),
  }),
};

/** What other procedures see: statuses, open cases and re-appointment notices due. */
const circumstanceEvolvers: Pick<
  Evolvers,
  'PersonStatusRecorded' | 'PersonStatusPeriodEnded' | 'CaseNoted' | 'ReappointmentDue'
> = {
  PersonStatusRecorded: (state, { data }) => ({
    ...state,
    statuses: [
      ...state.statuses,
      {
        status: data.status,
        from: data.from,
        until: data.until,
        note: data.note,
        ...(data.fatherCareGround ? { fatherCareGround: data.fatherCareGround } : {}),
      },
    ],
  }),
  PersonStatusPeriodEnded: (state, { data }) => ({
    ...state,
    statuses: state.statuses.map((period) =>
      // An open period, or one whose planned end the day it really ended replaced.
      period.status === data.status && period.from === data.from
        ? { ...period, until: data.until }
        : period,
    ),
  }),
  ReappointmentDue: (state, { data }) => {
    const { personId: _personId, ...due } = data;
    return { ...state, reappointmentsDue: [...state.reappointmentsDue, due] };
  },
  CaseNoted: (state, { data }) => {
    const others = state.openCases.filter((c) => c.caseId !== data.caseId);
    if (data.status === 'closed') return { ...state, openCases: others };
    const since = state.openCases.find((c) => c.caseId === data.caseId)?.since ?? data.on;
    const noted = {
      caseId: data.caseId,
      procedure: data.procedure,
      stage: data.stage,
      since,
      ...(data.serviceStatus ? { serviceStatus: data.serviceStatus } : {}),
    };
    return { ...state, openCases: [...others, noted] };
  },
};

const evolvers: Evolvers = {
  ...postEvolvers,
  ...registrationEvolvers,
  ...planningEvolvers,
  ...disciplineEvolvers,
  ...circumstanceEvolvers,
  PlaceOfOriginRecorded: withProfile,
  ManagementTierRecorded: withProfile,
  CivilServiceRankRecorded: withProfile,
  AnnualRatingRecorded: withProfile,
};

function isRecordEvent(event: DomainEvent): event is RecordEvent {
  return Object.prototype.hasOwnProperty.call(evolvers, event.type);
}

/** Folds one event of `cadre-<id>`; a type this code does not know changes nothing. */
export function evolvePerson(state: PersonState, event: DomainEvent): PersonState {
  if (event.type === 'PersonRegistered') return registered((event as PersonRegistered).data);
  if (state.status !== 'registered' || !isRecordEvent(event)) return state;
  const evolve = evolvers[event.type] as (s: RegisteredPerson, e: RecordEvent) => RegisteredPerson;
  return evolve(state, event);
}

import { DomainEvent } from '../../common/stream-decider';
import { evolveProfile, emptyProfileFacts } from './person-profile';
import { PersonProfileEvent } from './person-profile.events';
import { PersonEvent, PersonRegistered } from './person.events';
import { PersonState, PostHeld, PostRestoration } from './person.state';

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;
/** Every event after registration: one evolver each, so a new event type without one fails to compile. */
type RecordEvent = Exclude<PersonEvent, PersonRegistered>;
type EventOf<T extends RecordEvent['type']> = Extract<RecordEvent, { type: T }>;
type Evolvers = {
  [T in RecordEvent['type']]: (state: RegisteredPerson, event: EventOf<T>) => RegisteredPerson;
};

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
    openCases: [],
    reappointmentsDue: [],
    ...emptyProfileFacts(),
  };
}

const withProfile = (state: RegisteredPerson, event: PersonProfileEvent): RegisteredPerson => ({
  ...state,
  ...evolveProfile(state, event),
});

/**
 * Posts held (chức vụ): an ended one moves to the past; one ended on a later day that another
 * decision ends earlier ends on the earlier day. A new assignment to a post held replaces
 * it: with another start (a re-appointment's new term) the term held moves to the past, ending
 * where the new one starts (before, it was dropped, and the record lost that term); with the same
 * start (an extension moving the term's end) it is the same term. A post given back after a
 * complaint review leaves the past: the decision that ended it no longer does, and the person
 * holds it on its own term as before (the record of what happened is `postRestorations`).
 */
const postEvolvers: Pick<Evolvers, 'PostAssigned' | 'PostEnded' | 'PostNotRestored'> = {
  PostAssigned: (state, { data }) => {
    const held = state.posts.find((p) => p.positionId === data.positionId);
    const newTerm = held !== undefined && held.from !== data.from;
    const post: PostHeld = {
      positionId: data.positionId,
      from: data.from,
      termEnd: data.termEnd,
      decisionRef: data.decisionRef,
      ...(data.electedOn === undefined ? {} : { electedOn: data.electedOn }),
    };
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
              endedOn: data.from,
              reason: `new term from ${data.from} (${data.decisionRef})`,
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
    };
  },
  PartyMembershipRestored: (state) => ({
    ...state,
    profile: { ...state.profile, partyMember: true },
    partyMembershipEnded: null,
  }),
  DisciplineRecorded: (state, { data }) => {
    const { personId: _personId, ...record } = data;
    return {
      ...state,
      discipline: [
        ...state.discipline.filter((d) => d.caseId !== data.caseId),
        { ...record, annulled: null, revisions: [] },
      ],
    };
  },
  DisciplineRevised: (state, { data }) => ({
    ...state,
    discipline: state.discipline.map((d) => {
      if (d.caseId !== data.caseId) return d;
      if (data.outcome === 'annulled')
        return { ...d, annulled: { on: data.revisedOn, decisionRef: data.decisionRef } };
      const replaced = { form: d.form, barEndsOn: d.barEndsOn, decisionRef: d.decisionRef };
      return {
        ...d,
        form: data.form ?? d.form,
        barEndsOn: data.barEndsOn,
        ...('inEffectUntil' in data ? { inEffectUntil: data.inEffectUntil } : {}),
        revisions: [...d.revisions, { ...replaced, revisedOn: data.revisedOn }],
        decisionRef: data.decisionRef,
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
      { status: data.status, from: data.from, until: data.until, note: data.note },
    ],
  }),
  PersonStatusPeriodEnded: (state, { data }) => ({
    ...state,
    statuses: state.statuses.map((period) =>
      period.status === data.status && period.from === data.from && period.until === null
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

import { DomainEvent } from '../../common/stream-decider';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonEvent, PersonStatusKind } from './person.events';
import { PersonState } from './person.state';
import {
  decideProfile,
  emptyProfileFacts,
  evolveProfile,
  PersonProfileCommand,
  PROFILE_COMMAND_TYPES,
  PROFILE_EVENT_TYPES,
} from './person-profile';
import { PersonProfileEvent } from './person-profile.events';
import { assertPersonHasRoomInPool, PersonPlanningLimits } from '../planning/planning-pool-limits';

export type PersonCommand =
  | { type: 'RegisterPerson'; data: Extract<PersonEvent, { type: 'PersonRegistered' }>['data'] }
  | { type: 'AssignPost'; data: Extract<PersonEvent, { type: 'PostAssigned' }>['data'] }
  | { type: 'EndPost'; data: Extract<PersonEvent, { type: 'PostEnded' }>['data'] }
  | {
      type: 'AddPlanningPoolEntry';
      data: Extract<PersonEvent, { type: 'PlanningPoolEntryAdded' }>['data'];
    }
  | {
      type: 'RemovePlanningPoolEntry';
      data: Extract<PersonEvent, { type: 'PlanningPoolEntryRemoved' }>['data'];
    }
  | {
      type: 'RecordPersonStatus';
      data: {
        personId: string;
        status: PersonStatusKind;
        from: string;
        until: string | null;
        note: string;
      };
    }
  | { type: 'RecordDiscipline'; data: Extract<PersonEvent, { type: 'DisciplineRecorded' }>['data'] }
  | { type: 'ReviseDiscipline'; data: Extract<PersonEvent, { type: 'DisciplineRevised' }>['data'] }
  | { type: 'NoteCase'; data: Extract<PersonEvent, { type: 'CaseNoted' }>['data'] }
  | {
      type: 'NoteReappointmentDue';
      data: Extract<PersonEvent, { type: 'ReappointmentDue' }>['data'];
    }
  | PersonProfileCommand;

/** What the registry looks up before deciding: the planning limits for a new pool entry. */
export interface PersonDecideContext {
  planning?: PersonPlanningLimits;
}

export const initialPersonState = (): PersonState => ({ status: 'unknown' });

export function evolvePerson(state: PersonState, event: DomainEvent): PersonState {
  const e = event as PersonEvent;
  if (e.type === 'PersonRegistered') {
    return {
      status: 'registered',
      profile: e.data,
      posts: [],
      pastPosts: [],
      planningPool: [],
      statuses: [],
      discipline: [],
      openCases: [],
      reappointmentsDue: [],
      ...emptyProfileFacts(),
    };
  }
  if (state.status !== 'registered') return state;
  if ((PROFILE_EVENT_TYPES as readonly string[]).includes(e.type))
    return { ...state, ...evolveProfile(state, e as PersonProfileEvent) };
  switch (e.type) {
    case 'PostAssigned':
      return {
        ...state,
        posts: [
          ...state.posts.filter((p) => p.positionId !== e.data.positionId),
          {
            positionId: e.data.positionId,
            from: e.data.from,
            termEnd: e.data.termEnd,
            decisionRef: e.data.decisionRef,
          },
        ],
      };
    case 'PostEnded': {
      const ended = state.posts.find((p) => p.positionId === e.data.positionId);
      return {
        ...state,
        posts: state.posts.filter((p) => p.positionId !== e.data.positionId),
        pastPosts: ended
          ? [...state.pastPosts, { ...ended, endedOn: e.data.on, reason: e.data.reason }]
          : state.pastPosts,
      };
    }
    case 'PlanningPoolEntryAdded':
      return {
        ...state,
        planningPool: [
          ...state.planningPool.filter((p) => p.positionId !== e.data.positionId),
          {
            positionId: e.data.positionId,
            term: e.data.term,
            decisionRef: e.data.decisionRef,
          },
        ],
      };
    case 'PlanningPoolEntryRemoved':
      return {
        ...state,
        planningPool: state.planningPool.filter((p) => p.positionId !== e.data.positionId),
      };
    case 'PersonStatusRecorded':
      return {
        ...state,
        statuses: [
          ...state.statuses,
          { status: e.data.status, from: e.data.from, until: e.data.until, note: e.data.note },
        ],
      };
    case 'DisciplineRecorded': {
      const { personId: _personId, ...record } = e.data;
      return {
        ...state,
        discipline: [
          ...state.discipline.filter((d) => d.caseId !== e.data.caseId),
          { ...record, annulled: null, revisions: [] },
        ],
      };
    }
    case 'DisciplineRevised':
      return {
        ...state,
        discipline: state.discipline.map((d) => {
          if (d.caseId !== e.data.caseId) return d;
          if (e.data.outcome === 'annulled')
            return { ...d, annulled: { on: e.data.revisedOn, decisionRef: e.data.decisionRef } };
          return {
            ...d,
            form: e.data.form ?? d.form,
            barEndsOn: e.data.barEndsOn,
            revisions: [
              ...d.revisions,
              {
                form: d.form,
                barEndsOn: d.barEndsOn,
                decisionRef: d.decisionRef,
                revisedOn: e.data.revisedOn,
              },
            ],
            decisionRef: e.data.decisionRef,
          };
        }),
      };
    case 'ReappointmentDue': {
      const { personId: _personId, ...due } = e.data;
      return { ...state, reappointmentsDue: [...state.reappointmentsDue, due] };
    }
    case 'CaseNoted': {
      const others = state.openCases.filter((c) => c.caseId !== e.data.caseId);
      if (e.data.status === 'closed') return { ...state, openCases: others };
      const since = state.openCases.find((c) => c.caseId === e.data.caseId)?.since ?? e.data.on;
      return {
        ...state,
        openCases: [
          ...others,
          { caseId: e.data.caseId, procedure: e.data.procedure, stage: e.data.stage, since },
        ],
      };
    }
    default:
      // Profile events were folded above; a type this code does not know changes nothing.
      return state;
  }
}

export function decidePerson(
  state: PersonState,
  command: PersonCommand,
  context: PersonDecideContext = {},
): DomainEvent[] {
  if (command.type === 'RegisterPerson') {
    if (state.status !== 'unknown')
      throw new RegistryRuleViolation(
        'person.already_registered',
        `person ${command.data.personId} is already registered`,
        'conflict',
      );
    return [{ type: 'PersonRegistered', data: command.data }];
  }
  if (state.status !== 'registered') {
    throw new RegistryRuleViolation(
      'person.not_found',
      `person ${command.data.personId} is not registered`,
      'not_found',
    );
  }
  if ((PROFILE_COMMAND_TYPES as readonly string[]).includes(command.type))
    return decideProfile(state, command as PersonProfileCommand);
  switch (command.type) {
    case 'AssignPost':
      return [{ type: 'PostAssigned', data: command.data }];
    case 'EndPost':
      if (!state.posts.some((p) => p.positionId === command.data.positionId)) {
        throw new RegistryRuleViolation(
          'post.not_held',
          `person ${command.data.personId} does not hold post ${command.data.positionId}`,
          'unprocessable',
        );
      }
      return [{ type: 'PostEnded', data: command.data }];
    case 'AddPlanningPoolEntry':
      if (
        state.planningPool.some(
          (p) => p.positionId === command.data.positionId && p.term === command.data.term,
        )
      )
        return [];
      if (context.planning)
        assertPersonHasRoomInPool(
          command.data.personId,
          state.planningPool,
          command.data,
          context.planning,
        );
      return [{ type: 'PlanningPoolEntryAdded', data: command.data }];
    case 'RemovePlanningPoolEntry':
      if (!state.planningPool.some((p) => p.positionId === command.data.positionId)) {
        throw new RegistryRuleViolation(
          'planning_pool.no_entry',
          `person ${command.data.personId} has no planning-pool entry for ${command.data.positionId}`,
          'unprocessable',
        );
      }
      return [{ type: 'PlanningPoolEntryRemoved', data: command.data }];
    case 'RecordPersonStatus':
      if (command.data.until !== null && command.data.until < command.data.from) {
        throw new RegistryRuleViolation(
          'status.period_reversed',
          `status period ends (${command.data.until}) before it starts (${command.data.from})`,
          'invalid',
          'until',
        );
      }
      return [{ type: 'PersonStatusRecorded', data: command.data }];
    case 'RecordDiscipline': {
      const existing = state.discipline.find((d) => d.caseId === command.data.caseId);
      // A redelivered decision of the same case records nothing new.
      if (existing && existing.decisionRef === command.data.decisionRef) return [];
      return [{ type: 'DisciplineRecorded', data: command.data }];
    }
    case 'ReviseDiscipline': {
      const existing = state.discipline.find((d) => d.caseId === command.data.caseId);
      if (!existing)
        throw new RegistryRuleViolation(
          'discipline.not_on_record',
          `person ${command.data.personId} has no discipline from case ${command.data.caseId}`,
          'unprocessable',
        );
      if (existing.annulled || existing.decisionRef === command.data.decisionRef) return [];
      return [{ type: 'DisciplineRevised', data: command.data }];
    }
    case 'NoteReappointmentDue':
      if (
        state.reappointmentsDue.some(
          (d) => d.positionId === command.data.positionId && d.termEnd === command.data.termEnd,
        )
      )
        return [];
      return [{ type: 'ReappointmentDue', data: command.data }];
    case 'NoteCase': {
      const open = state.openCases.find((c) => c.caseId === command.data.caseId);
      if (command.data.status === 'closed' ? !open : open?.stage === command.data.stage) return [];
      return [{ type: 'CaseNoted', data: command.data }];
    }
    default:
      // The profile commands were decided above.
      return [];
  }
}

export const personDecider = {
  initialState: initialPersonState,
  evolve: evolvePerson,
  decide: (state: PersonState, command: PersonCommand, context?: PersonDecideContext) =>
    decidePerson(state, command, context),
};

import { DomainEvent } from '../../common/stream-decider';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { assertPersonHasRoomInPool } from '../planning/planning-pool-limits';
import { refusePlanningUnderDiscipline } from '../planning/planning-discipline';
import {
  assertPlanningTermNotEnded,
  assertPlanningTermSpan,
  assertPlannableTerm,
  planningTermCurrent,
} from '../planning/planning-term';
import { decidePlanningPoolRestoration } from '../planning/planning-pool-restoration';
import { isPlanningPoolRepeat } from '../planning/planning-pool-repeat';
import { assertEnoughWorkingTime } from '../planning/planning-working-time';
import { CommandOf, PersonCommand, PersonDecideContext } from './person.commands';
import { refuseImpossiblePost } from './person-dates';
import { decidePostRestoration } from './post-restoration';
import { isPostRepeat } from './post-term-on-record';
import { isRenewalOfPostEnded } from './renewal-of-ended-post';
import { endedTermViolation } from './ended-post-term';
import { overlappingTermViolation } from './overlapping-post-term';
import { decideStatusEnd, isStatusRepeat } from './status-periods';
import { membershipEndedBy, membershipAfterRevision } from './party-membership';
import { postsRunningPast } from './posts-held-on';
import { PersonState } from './person.state';
import { WOMEN_ONLY_STATUSES } from './person-status-kinds';

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;
type Decide<T extends PersonCommand['type']> = (
  state: RegisteredPerson,
  command: CommandOf<T>,
  context: PersonDecideContext,
) => DomainEvent[];

/**
 * Posts held (chức vụ): a post recorded again on the term on record writes nothing (`isPostRepeat`),
 * one ended is not reopened by another term end, decision or election day (`endedTermViolation`),
 * a re-appointment's new term of a post ended before it begins writes nothing (`isRenewalOfPostEnded`),
 * nor does a term share days with another of the same post (`overlappingTermViolation`);
 * only a post the person holds past the day can end (one already ended
 * on a later day ends earlier); one a discipline decision ended
 * comes back after a review that no longer ends it (`decidePostRestoration`).
 */
export const postDeciders: {
  AssignPost: Decide<'AssignPost'>;
  EndPost: Decide<'EndPost'>;
  RestorePost: Decide<'RestorePost'>;
} = {
  AssignPost: (state, command, context) => {
    refuseImpossiblePost(state.profile, command.data);
    // Sent again (a double submission, a retry): decided on the record after the first, nothing new.
    if (isPostRepeat(state, command.data)) return [];
    if (isRenewalOfPostEnded(state, command.data)) return [];
    const reopened = endedTermViolation(state, command.data, context.today);
    if (reopened) throw reopened;
    const overlap = overlappingTermViolation(state, command.data);
    if (overlap) throw overlap;
    return [{ type: 'PostAssigned', data: command.data }];
  },
  EndPost: (state, command) => {
    const { positionId, on } = command.data;
    // A post a decision ends on a later day is still held until then: an earlier end comes first.
    if (!postsRunningPast(state, on).some((p) => p.positionId === positionId)) {
      throw new RegistryRuleViolation(
        'post.not_held',
        `person ${command.data.personId} does not hold post ${command.data.positionId}`,
        'unprocessable',
      );
    }
    return [{ type: 'PostEnded', data: command.data }];
  },
  RestorePost: (state, { data }, context) => decidePostRestoration(state, data, context.postSeats),
};

/**
 * The registration (the unit managing the record) moves once per case: a redelivered move of the
 * same case, or one to the unit that already manages the record, writes nothing.
 */
export const registrationDeciders: { MoveRegistration: Decide<'MoveRegistration'> } = {
  MoveRegistration: (state, { data }) => {
    const previousOrgUnitId = state.profile.orgUnitId;
    const moved = state.registrationMoves.some((move) => move.caseId === data.caseId);
    if (moved || previousOrgUnitId === data.orgUnitId) return [];
    return [{ type: 'RegistrationMoved', data: { ...data, previousOrgUnitId } }];
  },
};

/**
 * The planning pool (quy hoạch): the same entry again writes nothing; another decision for an entry
 * there is refused (`isPlanningPoolRepeat`).
 */
export const planningDeciders: {
  AddPlanningPoolEntry: Decide<'AddPlanningPoolEntry'>;
  RemovePlanningPoolEntry: Decide<'RemovePlanningPoolEntry'>;
  RestorePlanningPoolEntry: Decide<'RestorePlanningPoolEntry'>;
} = {
  AddPlanningPoolEntry: (state, { data }, context) => {
    if (isPlanningPoolRepeat(state.planningPool, data)) return [];
    refusePlanningUnderDiscipline(data.personId, state.discipline, context.planningDiscipline);
    if (context.planning) {
      assertPlanningTermSpan(data.term, context.planning.termYears);
      assertPlanningTermNotEnded(data.term, context.planning.day);
      const { plannableTerms, termYears, day } = context.planning;
      assertPlannableTerm(data.term, plannableTerms, termYears.value, day);
      const { dateOfBirth, gender } = state.profile;
      assertEnoughWorkingTime(
        { personId: data.personId, dateOfBirth, gender },
        data.term,
        context.planning,
      );
      assertNoOtherTermRunning(state, data, context.planning.day);
      assertPersonHasRoomInPool(data.personId, state.planningPool, data, context.planning);
    }
    return [{ type: 'PlanningPoolEntryAdded', data }];
  },
  RemovePlanningPoolEntry: (state, { data }) => {
    if (!state.planningPool.some((p) => p.positionId === data.positionId)) {
      throw new RegistryRuleViolation(
        'planning_pool.no_entry',
        `person ${data.personId} has no planning-pool entry for ${data.positionId}`,
        'unprocessable',
      );
    }
    return [{ type: 'PlanningPoolEntryRemoved', data }];
  },
  RestorePlanningPoolEntry: (state, { data }, context) =>
    decidePlanningPoolRestoration(state, data, context),
};

/**
 * The record keeps one entry per post: planning the person for another term of a post while the
 * term on record runs would drop that entry (and the seat it holds) without a word. It is removed
 * first; an entry whose term has ended is replaced.
 */
function assertNoOtherTermRunning(
  state: RegisteredPerson,
  data: { personId: string; positionId: string; term: string },
  day: string,
): void {
  const running = state.planningPool.find(
    (p) =>
      p.positionId === data.positionId && p.term !== data.term && planningTermCurrent(p.term, day),
  );
  if (running)
    throw new RegistryRuleViolation(
      'planning_pool.other_term_running',
      `term: ${data.personId} is planned for ${data.positionId} in ${running.term} (${running.decisionRef}), which has not ended; the record keeps one entry per post: remove that entry first to plan ${data.term}`,
      'conflict',
      'term',
    );
}

/** Statuses, discipline, open cases and notices: a redelivered note of the same fact writes nothing. */
export const recordDeciders: {
  RecordPersonStatus: Decide<'RecordPersonStatus'>;
  EndPersonStatus: Decide<'EndPersonStatus'>;
  RecordDiscipline: Decide<'RecordDiscipline'>;
  ReviseDiscipline: Decide<'ReviseDiscipline'>;
  NoteReappointmentDue: Decide<'NoteReappointmentDue'>;
  NoteCase: Decide<'NoteCase'>;
} = {
  RecordPersonStatus: (state, { data, fromDecision }) => {
    // A period the person lived through (before: maternity leave from 1950 for a woman born 1986).
    if (data.from < state.profile.dateOfBirth)
      throw new RegistryRuleViolation(
        'status.before_birth',
        `from: ${data.from} is before ${data.personId} was born (${state.profile.dateOfBirth})`,
        'invalid',
        'from',
      );
    if (data.until !== null && data.until < data.from) {
      throw new RegistryRuleViolation(
        'status.period_reversed',
        `status period ends (${data.until}) before it starts (${data.from})`,
        'invalid',
        'until',
      );
    }
    refuseWomenOnlyStatusForAMan(state.profile.gender, data.status);
    refuseFatherCareGround(state.profile.gender, data);
    // A decision's period (a suspension) is recorded as decided; one entered by hand is checked
    // against those on record.
    if (!fromDecision && isStatusRepeat(state.statuses, data)) return [];
    return [{ type: 'PersonStatusRecorded', data }];
  },
  EndPersonStatus: (state, { data }, { today }) => decideStatusEnd(state.statuses, data, today),
  RecordDiscipline: (state, { data }) => {
    const existing = state.discipline.find((d) => d.caseId === data.caseId);
    // A redelivered decision of the same case records nothing new.
    if (existing && existing.decisionRef === data.decisionRef) return [];
    return [{ type: 'DisciplineRecorded', data }, ...membershipEndedBy(state, data)];
  },
  ReviseDiscipline: (state, { data }) => {
    const existing = state.discipline.find((d) => d.caseId === data.caseId);
    if (!existing)
      throw new RegistryRuleViolation(
        'discipline.not_on_record',
        `person ${data.personId} has no discipline from case ${data.caseId}`,
        'unprocessable',
      );
    // A redelivered review records nothing new.
    if (existing.annulled || existing.revisedByRef === data.decisionRef) return [];
    return [{ type: 'DisciplineRevised', data }, ...membershipAfterRevision(state, data)];
  },
  NoteReappointmentDue: (state, { data }) => {
    const noted = state.reappointmentsDue.some(
      (d) => d.positionId === data.positionId && d.termEnd === data.termEnd,
    );
    return noted ? [] : [{ type: 'ReappointmentDue', data }];
  },
  NoteCase: (state, { data }) => {
    const open = state.openCases.find((c) => c.caseId === data.caseId);
    if (data.status === 'closed' ? !open : open?.stage === data.stage) return [];
    return [{ type: 'CaseNoted', data }];
  },
};

/**
 * Pregnancy and maternity leave are a woman's (`WOMEN_ONLY_STATUSES`), by the sex on the record.
 * Before, a man's record took them and they deferred his discipline as a woman's would.
 */
export function refuseWomenOnlyStatusForAMan(gender: 'male' | 'female', status: string): void {
  if (gender !== 'male' || !(WOMEN_ONLY_STATUSES as readonly string[]).includes(status)) return;
  throw new RegistryRuleViolation(
    'status.women_only',
    `status: the record shows a man; ${status} is a woman's period (Nghị định 172/2025 defers a woman's discipline while she is pregnant or on maternity leave, a man's while he raises a child under 12 months himself: child_under_12_months with fatherCareGround); a man's leave when his wife gives birth is on_leave`,
    'invalid',
    'status',
  );
}

/**
 * A father's ground (fatherCareGround) says why a man raises a child under 12 months himself:
 * it belongs to a child_under_12_months period of a man, nowhere else.
 */
function refuseFatherCareGround(
  gender: 'male' | 'female',
  data: { status: string; fatherCareGround?: string },
): void {
  if (data.fatherCareGround === undefined) return;
  if (data.status !== 'child_under_12_months')
    throw new RegistryRuleViolation(
      'status.father_care_ground_without_child',
      `fatherCareGround: a father's ground belongs to a child_under_12_months period, not to ${data.status}`,
      'invalid',
      'fatherCareGround',
    );
  if (gender !== 'male')
    throw new RegistryRuleViolation(
      'status.father_care_ground_for_a_woman',
      "fatherCareGround: the record shows a woman; a father's ground (wife died, wife unable to raise the child) is stated for a man only",
      'invalid',
      'fatherCareGround',
    );
}

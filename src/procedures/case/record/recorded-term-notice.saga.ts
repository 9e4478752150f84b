import { RecordedEvent } from '../../../event-store/event-envelope';
import { Ignore, Saga, SagaOutput, Schedule, Send } from '../../../sagas/saga';
import { FollowRecordedTerm } from './renewed-term-correction';
import { vietnamDay } from '../../../common/vietnam-day';
import { PostAssigned } from '../../../cadres/person/person.events';
import { ruleValue } from '../../../workflow/rule-sets/rule-set';
import { addCalendarDays } from '../../../workflow/calendar/working-day-calendar';
import { WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { PostFilledBy } from '../../../cadres/post-filled-by';

export const RECORDED_TERM_NOTICE_SAGA = 'recorded-term-notice';
export const RECORDED_TERM_NOTICE_TIMER = 'recorded-term-notice';

/** The definition a notice's re-appointment opens, whose rule set gives the notice's lead time. */
export const REAPPOINTMENT_DEFINITION = 'reappointment.standard';

/** What the timer carries: the hold it is for, its day, and the rule set that set that day. */
export interface RecordedTermNoticePayload {
  personId: string;
  positionId: string;
  termEnd: string;
  decisionRef: string;
  noticeOn: string;
  /** The re-appointment definition (`id@version`) in force on the day the hold was recorded. */
  definition: string;
  /** Its rule set on that day: `reappointment.leadTime` and `reappointment.reminderAction`. */
  ruleSetId: string;
}

type LeadTime = { amount: number; unit: 'days' | 'working_days' };

/** How the post is filled, as the registry's position says (null: not in the registry). */
export type FilledByOf = (positionId: string) => Promise<PostFilledBy | null>;

/**
 * Why a post assigned on the record gets no notice of its own: a case's decision schedules its
 * notice (case-record saga), a restored or extended post keeps the one it had, an elected post is
 * renewed by an election, not a re-appointment. An elected post is known by its position's
 * `filledBy`: seeded posts and those recorded before `electedOn` existed carry no election day.
 */
function noNoticeBecause(data: PostAssigned['data'], filledBy: PostFilledBy | null): string | null {
  if (data.caseId) return "a case's decision schedules its own notice";
  if (data.restoredAfter) return 'a post given back keeps the notice of the decision that gave it';
  if (data.extendedBy) return 'a term extended to retirement is not re-appointed';
  if (data.electedOn || filledBy === 'election')
    return 'an elected post is renewed by an election, not a re-appointment';
  if (!data.termEnd) return 'a post without a term end has no re-appointment';
  return null;
}

/**
 * The notice of a term recorded by hand (`POST /cadres/:id/posts`) or imported: the same day a
 * decision's term gets (term end minus `reappointment.leadTime`), counted with the rule set the
 * re-appointment definition pins on the day the hold was recorded (the event's own day, so a
 * redelivery computes the same). A notice day already past fires at once; a term already ended on
 * that day is history and gets none. A post recorded to start later is not held before its first
 * day (its re-appointment would be refused), so a notice day before that day moves to it.
 */
export function recordedTermNotice(
  recorded: RecordedEvent,
  catalog: WorkflowCatalog,
  filledBy: PostFilledBy | null,
): SagaOutput[] {
  const data = recorded.data as PostAssigned['data'];
  const skipped = noNoticeBecause(data, filledBy);
  if (skipped) return [Ignore(skipped)];
  const termEnd = data.termEnd!;
  const recordedOn = vietnamDay(new Date(recorded.metadata.occurredAt));
  if (termEnd < recordedOn) return [Ignore(`the term ended on ${termEnd}, before it was recorded`)];
  const definition = catalog.resolveDefinitionOn(REAPPOINTMENT_DEFINITION, recordedOn);
  const ruleSet = definition && catalog.ruleSetFor(definition, recordedOn);
  if (!definition || !ruleSet)
    throw new Error(`no ${REAPPOINTMENT_DEFINITION} or rule set in force on ${recordedOn}`);
  const lead = ruleValue<LeadTime>(ruleSet, 'reappointment.leadTime');
  const leadDay =
    lead.unit === 'working_days'
      ? catalog.calendar.subtractWorkingDays(termEnd, lead.amount)
      : addCalendarDays(termEnd, -lead.amount);
  const noticeOn = leadDay < data.from ? data.from : leadDay;
  const payload: RecordedTermNoticePayload = {
    personId: data.personId,
    positionId: data.positionId,
    termEnd,
    decisionRef: data.decisionRef,
    noticeOn,
    definition: `${definition.id}@${definition.version}`,
    ruleSetId: ruleSet.id,
  };
  return [
    Schedule({
      kind: RECORDED_TERM_NOTICE_TIMER,
      dueAt: `${noticeOn}T01:00:00.000Z`,
      target: recorded.streamId,
      payload: { ...payload },
      // One timer per hold and term, however often the event is delivered.
      cause: `${data.personId}/${data.positionId}/${termEnd}`,
    }),
    // The term recorded again after its notice opened the re-appointment: the case follows it.
    Send(
      new FollowRecordedTerm({
        personId: data.personId,
        positionId: data.positionId,
        termEnd,
        decisionRef: data.decisionRef,
      }),
      'term',
    ),
  ];
}

/** Schedules the re-appointment notice of every term recorded by hand or imported. */
export function recordedTermNoticeSaga(catalog: WorkflowCatalog, filledByOf: FilledByOf): Saga {
  return {
    name: RECORDED_TERM_NOTICE_SAGA,
    filter: { streamPrefix: 'cadre-', eventTypes: ['PostAssigned'] },
    handle: async (recorded) =>
      recordedTermNotice(
        recorded,
        catalog,
        await filledByOf((recorded.data as PostAssigned['data']).positionId),
      ),
    // It only schedules timers: the people's posts need no order between them.
    orderingKey: (recorded) => `record:${recorded.streamId}`,
  };
}

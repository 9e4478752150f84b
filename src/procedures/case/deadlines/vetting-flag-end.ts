import { RecordedEvent } from '../../../event-store/event-envelope';
import { EventStore } from '../../../event-store/event-store.port';
import { Cancel, Ignore, Saga, SagaOutput, Schedule } from '../../../sagas/saga';
import { isWrittenWith } from '../../../sagas/written-with';
import { addCalendarDays } from '../../../workflow/calendar/working-day-calendar';
import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { asCaseStreamEvent, CASE_PROCEDURES } from '../case-stream';
import { closesCase, eventsUpTo, unsettledTimers } from './closed-case-timers';
import { StepDeadlineEvent } from './step-deadline.saga';
import { endOfVietnamDay } from './step-deadline';

export const VETTING_FLAG_END_TIMER = 'vetting-flag-end';
export const VETTING_FLAG_END_SAGA = 'vetting-flag-end';

/** What the timer carries: the case, the item, the day its flag ends. */
export interface VettingFlagEndPayload {
  caseId: string;
  item: VettingItem;
  endsOn: string;
}

/** One timer per case, item and day: a vetting delivered twice, or redone to the same day, sets one. */
const flagEndCause = (streamId: string, item: string, day: string) =>
  `${streamId}/vetting-flag-end/${item}/${day}`;

/** The start of a day in Vietnam (UTC+7): the end of the day before, as the deadlines count it. */
const startOfVietnamDay = (day: string) => endOfVietnamDay(addCalendarDays(day, -1));

/**
 * The days flags end on that a vetting, or its correction, recorded (`flagsEndOn`), or that a
 * workflow's flag from the record (a discipline decided while the case ran) did (`endsOn`).
 */
function flagEnds(event: StepDeadlineEvent): Partial<Record<VettingItem, string>> | undefined {
  const e = asCaseStreamEvent(event);
  if (e.type === 'VettingItemsRecorded') return e.data.flagsEndOn;
  if (e.type === 'VettingItemFlaggedFromRecord')
    return e.data.endsOn ? { [e.data.item]: e.data.endsOn } : undefined;
  if (e.type !== 'StepCorrected' || e.data.corrected.type !== 'VettingItemsRecorded') return;
  return e.data.corrected.data.flagsEndOn as Partial<Record<VettingItem, string>> | undefined;
}

/**
 * A vetting flag read from the record that ends by time (a discipline's bar running to a day) gets
 * a durable timer at the start of that day in Vietnam; its firing asks the case to read the item
 * again from the record (`RecheckVettingItemFromRecord`), which clears it where the record no
 * longer bears it out and does nothing otherwise (staff cleared it already, it still runs).
 */
export function vettingFlagEndOutputs(event: StepDeadlineEvent): SagaOutput[] {
  const ends = flagEnds(event);
  const scheduled = (Object.entries(ends ?? {}) as [VettingItem, string][]).map(([item, day]) =>
    Schedule({
      kind: VETTING_FLAG_END_TIMER,
      dueAt: startOfVietnamDay(day),
      target: event.streamId,
      payload: {
        caseId: event.streamId.slice(event.streamId.indexOf('-') + 1),
        item,
        endsOn: day,
      } satisfies VettingFlagEndPayload as unknown as Record<string, unknown>,
      cause: flagEndCause(event.streamId, item, day),
    }),
  );
  return scheduled.length ? scheduled : [Ignore('no vetting flag ending by time')];
}

const vettingFlagEndSaga: Saga = {
  name: VETTING_FLAG_END_SAGA,
  filter: { streamPrefix: CASE_PROCEDURES.map((procedure) => `${procedure}-`) },
  handle: (event: RecordedEvent): SagaOutput[] => vettingFlagEndOutputs(event),
  orderingKey: (event: RecordedEvent) => event.streamId,
};

/**
 * The saga, which also cancels the flag-end timers of a case that ends (as `closedCaseTimers` does
 * its step deadlines): the case's events up to the ending one say which, the same at every
 * delivery. One that fires on a closed case all the same (a cancel lost) finds it closed and does
 * nothing.
 */
export function vettingFlagEndSagaOn(store: Pick<EventStore, 'readStream'>): Saga {
  return {
    ...vettingFlagEndSaga,
    handle: async (event) => {
      // A closing written so had no flag-end timer to cancel (`markedFlagEndsSettled`): no read.
      if (isWrittenWith(event.metadata, VETTING_FLAG_END_SAGA))
        return [Ignore('case closed with no vetting flag ending by time')];
      if (!closesCase(event)) return vettingFlagEndOutputs(event);
      const pending = unsettledTimers(
        await eventsUpTo(store, event),
        vettingFlagEndOutputs,
        VETTING_FLAG_END_TIMER,
      );
      return pending.length
        ? pending.map((timerId) => Cancel(timerId, 'case closed'))
        : [Ignore('no vetting flag ending by time')];
    },
  };
}

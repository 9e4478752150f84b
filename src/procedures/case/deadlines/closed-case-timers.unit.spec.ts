import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { SagaOutput } from '../../../sagas/saga';
import { closesCase, stepDeadlineSagaOn, unsettledStepTimers } from './closed-case-timers';

const STREAM = 'appointment-c1';
const timer = (cause: string) => timerIdFor(`${STREAM}/${cause}`, 'step-deadline');

/** The case's events, in order, each at its revision. */
function stream(...events: [string, Record<string, unknown>][]): RecordedEvent[] {
  return events.map(([type, data], revision) => ({
    id: `e-${revision}`,
    streamId: STREAM,
    revision,
    position: `1/${revision}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actorId: 'u',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-12-01T03:00:00.000Z',
    },
    recordedAt: '2026-12-01T03:00:00.000Z',
    hash: '',
  }));
}

const opened: [string, Record<string, unknown>] = [
  'CaseOpened',
  { firstStepId: 'leadership-round-1', firstStepDueOn: '2026-12-20' },
];
const recomputed: [string, Record<string, unknown>] = [
  'StepDeadlineRecomputed',
  { stepId: 'leadership-round-1', previousDueOn: '2026-12-20', dueOn: '2026-12-22' },
];
const met: [string, Record<string, unknown>] = [
  'MeetingRecorded',
  { stepId: 'leadership-round-1', nextStepId: 'decision', nextStepDueOn: '2026-12-28' },
];

describe('the step-deadline timers of a case that ends', () => {
  it('are the ones the saga set and did not settle: the current step’s, and a recomputed day its step left pending', () => {
    expect(unsettledStepTimers(stream(opened, recomputed, met))).toEqual([
      timer('leadership-round-1@2026-12-22'),
      timer('decision'),
    ]);
  });

  it('include the timer a correction named after itself (`#`), which leaving its step did not cancel', () => {
    const corrected: [string, Record<string, unknown>] = [
      'StepCorrected',
      {
        stepId: 'leadership-round-1',
        replacedNextStepId: 'leadership-round-1',
        corrected: {
          type: 'MeetingRecorded',
          data: {
            stepId: 'leadership-round-1',
            nextStepId: 'decision',
            nextStepDueOn: '2026-12-28',
          },
        },
      },
    ];
    const decided: [string, Record<string, unknown>] = [
      'DecisionIssued',
      { stepId: 'decision', nextStepId: null },
    ];
    // The decision cancels its visit's timer (`decision`), not the correction's.
    expect(unsettledStepTimers(stream(opened, corrected, decided))).toEqual([
      timer('decision#e-1'),
    ]);
  });

  it('end the case on a withdrawal, a rejection, a closing, and a step event sending it nowhere', () => {
    expect(closesCase({ type: 'CaseWithdrawn', data: {} })).toBe(true);
    expect(closesCase({ type: 'CaseRejected', data: {} })).toBe(true);
    expect(closesCase({ type: 'DisciplineCaseClosed', data: {} })).toBe(true);
    expect(closesCase({ type: 'DecisionIssued', data: { nextStepId: null } })).toBe(true);
    expect(closesCase({ type: 'DisciplineDecided', data: { nextStepId: null } })).toBe(true);
    expect(closesCase({ type: 'DisciplineTimeBarred', data: { nextStepId: null } })).toBe(true);
    expect(closesCase({ type: 'MeetingRecorded', data: { nextStepId: null } })).toBe(false);
    expect(closesCase({ type: 'DeadlineMissed', data: {} })).toBe(false);
  });

  it('are cancelled by the saga when the case is withdrawn, the same at every delivery', async () => {
    const events = stream(opened, recomputed, met, ['CaseWithdrawn', { reason: 'r' }]);
    const saga = stepDeadlineSagaOn({ readStream: () => Promise.resolve(events) });
    const handle = () => saga.handle(events[3], { now: new Date() }) as Promise<SagaOutput[]>;
    const expected = [
      { kind: 'Cancel', timerId: timer('leadership-round-1@2026-12-22'), reason: 'case closed' },
      { kind: 'Cancel', timerId: timer('decision'), reason: 'case closed' },
    ];
    expect(await handle()).toEqual(expected);
    expect(await handle()).toEqual(expected);
  });

  it('a decided case leaves none: its decision cancels its own step’s timer, the sweep the rest', async () => {
    const decided: [string, Record<string, unknown>] = [
      'DecisionIssued',
      { stepId: 'decision', nextStepId: null },
    ];
    const events = stream(opened, recomputed, met, decided);
    const saga = stepDeadlineSagaOn({ readStream: () => Promise.resolve(events) });
    expect(await saga.handle(events[3], { now: new Date() })).toEqual([
      { kind: 'Cancel', timerId: timer('decision'), reason: 'step completed' },
      { kind: 'Cancel', timerId: timer('leadership-round-1@2026-12-22'), reason: 'case closed' },
    ]);
  });

  it('an event that ends nothing reads no stream', async () => {
    const events = stream(opened, met);
    const readStream = jest.fn(() => Promise.resolve(events));
    await stepDeadlineSagaOn({ readStream }).handle(events[1], { now: new Date() });
    expect(readStream).not.toHaveBeenCalled();
  });
});

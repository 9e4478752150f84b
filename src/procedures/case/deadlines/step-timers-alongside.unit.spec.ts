import { NewEvent } from '../../../event-store/event-envelope';
import { timerIdFor, timerStreamId } from '../../../jobs/timers/timer.events';
import { CaseState } from '../decider/case.state';
import { STEP_DEADLINE_TIMER } from './step-deadline';
import { stepTimerId } from './step-deadline.saga';
import { StepTimersAlongside } from './step-timers-alongside';

const STREAM = 'appointment-c-1';
const clock = { now: () => new Date('2026-03-02T01:00:00.000Z') };
const openCase = (currentStepDueOn: string | null) =>
  ({ status: 'open', currentStepDueOn }) as unknown as CaseState;
const meeting: NewEvent = {
  id: 'evt-1',
  type: 'MeetingRecorded',
  data: { stepId: 'round-1', nextStepId: 'round-2', nextStepDueOn: '2026-03-20' },
  metadata: {
    actorId: 'u-staff',
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: '2026-03-02T01:00:00.000Z',
  },
};
const nextTimer = timerIdFor(`${STREAM}/round-2`, STEP_DEADLINE_TIMER);

describe("a step's deadline timers planned with the step", () => {
  it("schedules the next step's timer as a new stream, superseding the step's own, and marks the step", () => {
    const plan = new StepTimersAlongside(STREAM, true, clock).plan(
      openCase('2026-03-05'),
      [meeting],
      new Set(),
    );
    expect(plan.appends.map((a) => [a.streamId, a.expectedRevision, a.events[0].type])).toEqual([
      [timerStreamId(nextTimer), 'no_stream', 'TimerScheduled'],
    ]);
    expect(plan.appends[0].events[0].data.supersedes).toEqual([stepTimerId(STREAM, 'round-1')]);
    expect(plan.appends[0].events[0].metadata).toEqual({
      actorId: 'system:saga:step-deadlines',
      correlationId: 'corr-1',
      causationId: 'evt-1',
      occurredAt: '2026-03-02T01:00:00.000Z',
    });
    expect(plan.events[0].metadata.writtenWith).toEqual(['step-deadlines']);
  });

  it("cancels the last step's timer at its first revision", () => {
    const decision = { ...meeting, data: { stepId: 'round-1', nextStepId: null } };
    const plan = new StepTimersAlongside(STREAM, true, clock).plan(
      openCase('2026-03-05'),
      [decision],
      new Set(),
    );
    expect(plan.appends.map((a) => [a.streamId, a.expectedRevision, a.events[0].type])).toEqual([
      [timerStreamId(stepTimerId(STREAM, 'round-1')), 0, 'TimerCancelled'],
    ]);
    expect(plan.events[0].metadata.writtenWith).toEqual(['step-deadlines']);
  });

  it("names a step's later visit as the saga does: its own timer, superseding the visit being left", () => {
    const again = {
      ...meeting,
      data: { ...meeting.data, stepVisit: 2, nextStepVisit: 3 },
    };
    const plan = new StepTimersAlongside(STREAM, true, clock).plan(
      openCase('2026-03-05'),
      [again],
      new Set(),
    );
    expect(plan.appends.map((a) => [a.streamId, a.expectedRevision])).toEqual([
      [timerStreamId(stepTimerId(STREAM, 'round-2', 3)), 'no_stream'],
    ]);
    expect(stepTimerId(STREAM, 'round-2', 3)).not.toBe(nextTimer);
    expect(plan.appends[0].events[0].data.supersedes).toEqual([stepTimerId(STREAM, 'round-1', 2)]);
  });

  it('leaves out the cancel of a step that had no due day, so had no timer', () => {
    const decision = { ...meeting, data: { stepId: 'round-1', nextStepId: null } };
    const plan = new StepTimersAlongside(STREAM, true, clock).plan(
      openCase(null),
      [decision],
      new Set(),
    );
    expect(plan.appends).toEqual([]);
  });

  it('leaves an event that moves no step unmarked', () => {
    const resolved: NewEvent = {
      ...meeting,
      type: 'VettingItemResolved',
      data: { item: 'health' },
    };
    const plan = new StepTimersAlongside(STREAM, true, clock).plan(
      openCase('2026-03-05'),
      [resolved],
      new Set(),
    );
    expect(plan.appends).toEqual([]);
    expect(plan.events[0].metadata.writtenWith).toBeUndefined();
  });

  it('plans nothing where the store cannot write them together, or after it refused a timer', () => {
    for (const plan of [
      new StepTimersAlongside(STREAM, false, clock).plan(
        openCase('2026-03-05'),
        [meeting],
        new Set(),
      ),
      new StepTimersAlongside(STREAM, true, clock).plan(
        openCase('2026-03-05'),
        [meeting],
        new Set([timerStreamId(stepTimerId(STREAM, 'round-1'))]),
      ),
    ]) {
      expect(plan.appends).toEqual([]);
      expect(plan.events).toEqual([meeting]);
    }
  });
});

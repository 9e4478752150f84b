import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { decideDeadlineMissed, evolveDeadlineWatch, initialDeadlineWatch } from './step-deadline';
import { SagaOutput } from '../../../sagas/saga';
import { stepDeadlineSaga } from './step-deadline.saga';

function recorded(type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    id: `e-${type}`,
    streamId: 'appointment-c1',
    revision: 0,
    position: '1/1',
    type,
    schemaVersion: 1,
    data,
    metadata: { actorId: 'u', correlationId: 'c', causationId: null, occurredAt: '' },
    recordedAt: '',
    hash: '',
  };
}

describe('step deadlines', () => {
  it('schedules the first step’s deadline at the end of its day in Vietnam', () => {
    const outputs = stepDeadlineSaga.handle(
      recorded('CaseOpened', { firstStepId: 'leadership-round-1', firstStepDueOn: '2026-12-11' }),
      { now: new Date() },
    );
    expect(outputs).toEqual([
      {
        kind: 'Schedule',
        timer: {
          kind: 'step-deadline',
          dueAt: '2026-12-11T17:00:00.000Z',
          target: 'appointment-c1',
          payload: { caseId: 'c1', stepId: 'leadership-round-1', dueOn: '2026-12-11' },
          cause: 'appointment-c1/leadership-round-1',
        },
      },
    ]);
  });

  it('schedules the next step’s timer in place of the finished step’s (it supersedes it)', () => {
    const outputs = <SagaOutput[]>stepDeadlineSaga.handle(
      recorded('MeetingRecorded', {
        stepId: 'leadership-round-1',
        nextStepId: 'expanded-nomination',
        nextStepDueOn: '2027-01-05',
      }),
      { now: new Date() },
    );
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({
      kind: 'Schedule',
      timer: {
        payload: { stepId: 'expanded-nomination' },
        supersedes: [timerIdFor('appointment-c1/leadership-round-1', 'step-deadline')],
      },
    });
  });

  it('cancels the finished step’s timer when no next step has a due day', () => {
    const outputs = <SagaOutput[]>(
      stepDeadlineSaga.handle(
        recorded('DecisionIssued', { stepId: 'decision', nextStepId: null }),
        { now: new Date() },
      )
    );
    expect(outputs).toEqual([
      {
        kind: 'Cancel',
        timerId: timerIdFor('appointment-c1/decision', 'step-deadline'),
        reason: 'step completed',
      },
    ]);
  });

  it('a step current again gets its visit’s own timer, and leaving it names that timer', () => {
    const schedule = (outputs: SagaOutput[]) =>
      outputs.find((output) => output.kind === 'Schedule') as Extract<
        SagaOutput,
        { kind: 'Schedule' }
      >;
    const completed = (nextStepVisit?: number) => <SagaOutput[]>stepDeadlineSaga.handle(
        recorded('VettingItemsRecorded', {
          stepId: 'vetting',
          nextStepId: 'decision',
          nextStepDueOn: '2027-01-05',
          ...(nextStepVisit ? { nextStepVisit } : {}),
        }),
        { now: new Date() },
      );
    // Events written before visits were named read as first visits: the step's first timer.
    expect(schedule(completed()).timer.cause).toBe('appointment-c1/decision');
    const again = schedule(completed(2)).timer;
    expect(again.cause).not.toBe('appointment-c1/decision');
    expect(schedule(completed(2)).timer.cause).toBe(again.cause);

    const decided = <SagaOutput[]>(
      stepDeadlineSaga.handle(
        recorded('DecisionIssued', { stepId: 'decision', stepVisit: 2, nextStepId: null }),
        { now: new Date() },
      )
    );
    expect(decided).toEqual([
      expect.objectContaining({
        kind: 'Cancel',
        timerId: timerIdFor(again.cause ?? '', 'step-deadline'),
      }),
    ]);
  });

  it('sets no timer for a deadline that had passed before the step was recorded (a paper case)', () => {
    const event = recorded('MeetingRecorded', {
      stepId: 'leadership-round-1',
      nextStepId: 'expanded-nomination',
      nextStepDueOn: '2025-07-11',
    });
    event.metadata.occurredAt = '2026-12-01T03:00:00.000Z';
    const outputs = stepDeadlineSaga.handle(event, { now: new Date() }) as SagaOutput[];
    expect(outputs.map((output) => output.kind)).toEqual(['Cancel', 'Ignore']);
  });

  it('leaves the timer of a step still in progress (partial vetting)', () => {
    expect(
      stepDeadlineSaga.handle(
        recorded('VettingItemsRecorded', {
          stepId: 'vetting',
          nextStepId: 'vetting',
          nextStepDueOn: '2027-01-05',
        }),
        { now: new Date() },
      ),
    ).toEqual([{ kind: 'Ignore', reason: 'no step changed' }]);
  });

  it('records a miss once, only while the step is still current and the case open', () => {
    const missed = {
      type: 'RecordDeadlineMissed' as const,
      data: { caseId: 'c1', stepId: 's1', dueOn: '2026-12-11', missedAt: '2026-12-12T00:00:00Z' },
    };
    const opened = evolveDeadlineWatch(initialDeadlineWatch(), {
      type: 'CaseOpened',
      data: { firstStepId: 's1' },
    });
    expect(decideDeadlineMissed(opened, missed)).toEqual([
      { type: 'DeadlineMissed', data: missed.data },
    ]);
    const already = evolveDeadlineWatch(opened, { type: 'DeadlineMissed', data: missed.data });
    expect(decideDeadlineMissed(already, missed)).toEqual([]);
    const moved = evolveDeadlineWatch(opened, {
      type: 'MeetingRecorded',
      data: { stepId: 's1', nextStepId: 's2' },
    });
    expect(decideDeadlineMissed(moved, missed)).toEqual([]);
    const withdrawn = evolveDeadlineWatch(opened, { type: 'CaseWithdrawn', data: {} });
    expect(decideDeadlineMissed(withdrawn, missed)).toEqual([]);
  });
});

describe('step deadlines after a correction', () => {
  const corrected = (replacedNextStepId: string, nextStepId: string) =>
    recorded('StepCorrected', {
      stepId: 'leadership-round-3',
      replacedNextStepId,
      corrected: {
        type: 'BallotTallied',
        data: { stepId: 'leadership-round-3', nextStepId, nextStepDueOn: '2027-01-05' },
      },
    });

  it('a failed ballot corrected to a pass completes its step and schedules the next', () => {
    const outputs = stepDeadlineSaga.handle(corrected('leadership-round-3', 'vetting'), {
      now: new Date(),
    }) as SagaOutput[];
    expect(outputs.map((output) => output.kind)).toEqual(['Cancel', 'Schedule']);
    expect(outputs[0]).toMatchObject({
      timerId: timerIdFor('appointment-c1/leadership-round-3', 'step-deadline'),
    });
  });

  it('a pass corrected to a failure cancels the next step’s timer and gives its own step one again', () => {
    const outputs = stepDeadlineSaga.handle(corrected('vetting', 'leadership-round-3'), {
      now: new Date(),
    }) as SagaOutput[];
    // The case the failure ends is closed by the event after it: this timer then does nothing.
    expect(outputs).toMatchObject([
      { kind: 'Cancel', timerId: timerIdFor('appointment-c1/vetting', 'step-deadline') },
      { kind: 'Schedule', timer: { payload: { stepId: 'leadership-round-3' } } },
    ]);
  });

  it('the step a correction makes current gets a timer of that correction’s own, the same at every delivery', () => {
    const causeOf = (event: RecordedEvent) =>
      (stepDeadlineSaga.handle(event, { now: new Date() }) as SagaOutput[])
        .map((output) => (output.kind === 'Schedule' ? output.timer.cause : null))
        .find(Boolean);
    const first = corrected('leadership-round-3', 'vetting');
    const again = { ...corrected('leadership-round-3', 'vetting'), id: 'e-StepCorrected-again' };
    // The step's first timer may be settled (the case was on it before): not its id.
    expect(causeOf(first)).not.toBe('appointment-c1/vetting');
    expect(causeOf(first)).toBe(causeOf(first));
    expect(causeOf(again)).not.toBe(causeOf(first));
  });

  it('a correction naming the visit it begins gives the step that visit’s timer, which leaving the step names', () => {
    const handle = (event: RecordedEvent) =>
      stepDeadlineSaga.handle(event, { now: new Date() }) as SagaOutput[];
    // Vetting completed, then corrected as incomplete: the case is back on vetting, its second visit.
    const back = recorded('StepCorrected', {
      stepId: 'vetting',
      replacedNextStepId: 'decision',
      nextStepVisit: 2,
      corrected: {
        type: 'VettingItemsRecorded',
        data: {
          stepId: 'vetting',
          stepVisit: 2,
          nextStepId: 'vetting',
          nextStepDueOn: '2027-01-05',
        },
      },
    });
    expect(handle(back)).toMatchObject([
      { kind: 'Cancel', timerId: timerIdFor('appointment-c1/decision', 'step-deadline') },
      { kind: 'Schedule', timer: { cause: 'appointment-c1/vetting~2' } },
    ]);
    const completed = recorded('VettingItemsRecorded', {
      stepId: 'vetting',
      stepVisit: 2,
      nextStepId: 'decision',
      nextStepVisit: 2,
      nextStepDueOn: '2027-01-10',
    });
    expect(handle(completed)).toMatchObject([
      {
        kind: 'Schedule',
        timer: {
          cause: 'appointment-c1/decision~2',
          supersedes: [timerIdFor('appointment-c1/vetting~2', 'step-deadline')],
        },
      },
    ]);
  });

  it('records a step’s miss again on a later visit, once a visit', () => {
    const missed = (stepId: string) => ({
      type: 'RecordDeadlineMissed' as const,
      data: { caseId: 'c1', stepId, dueOn: '2027-01-05', missedAt: '2027-01-06T00:00:00Z' },
    });
    const events = [
      { type: 'CaseOpened', data: { firstStepId: 'vetting', firstStepDueOn: '2027-01-05' } },
      { type: 'DeadlineMissed', data: missed('vetting').data },
      { type: 'VettingItemsRecorded', data: { stepId: 'vetting', nextStepId: 'decision' } },
      {
        type: 'StepCorrected',
        data: {
          stepId: 'vetting',
          replacedNextStepId: 'decision',
          nextStepVisit: 2,
          corrected: {
            type: 'VettingItemsRecorded',
            data: { stepId: 'vetting', nextStepId: 'vetting', nextStepDueOn: '2027-01-05' },
          },
        },
      },
    ];
    const watch = events.reduce(evolveDeadlineWatch, initialDeadlineWatch());
    const decided = decideDeadlineMissed(watch, missed('vetting'));
    expect(decided).toEqual([
      { type: 'DeadlineMissed', data: { ...missed('vetting').data, stepVisit: 2 } },
    ]);
    expect(decideDeadlineMissed(evolveDeadlineWatch(watch, decided[0]), missed('vetting'))).toEqual(
      [],
    );
  });

  it('the deadline watch follows the corrected version', () => {
    const watch = evolveDeadlineWatch(
      { ...initialDeadlineWatch(), closed: true },
      corrected('leadership-round-3', 'vetting'),
    );
    expect(watch).toMatchObject({ currentStepId: 'vetting', closed: false });
  });
});

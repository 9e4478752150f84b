import * as path from 'node:path';
import { RecordedEvent } from '../../../event-store/event-envelope';
import { timerIdFor } from '../../../jobs/timers/timer.events';
import { WorkingDayCalendar } from '../../../workflow/calendar/working-day-calendar';
import { caseDecider } from '../decider/case.decider';
import { WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { event, fold } from '../../../workflow/testing/process-spec';
import { decideDeadlineMissed, deadlineDecider } from './step-deadline';
import { stepDeadlineSaga } from './step-deadline.saga';
import {
  currentStepCountedFrom,
  decideStepDeadlineRecompute,
  RecomputeStepDeadline,
} from './step-deadline-recompute';

const root = path.resolve(__dirname, '../../../..');
const catalog = WorkflowCatalog.load(
  { definitions: 'seeds/definitions', ruleSets: 'seeds/rule-sets', calendar: 'seeds/calendar' },
  root,
);
const definition = catalog.definition('appointment.internal@1')!;
const codeOnly2027 = catalog.calendar; // 2025 and 2026 official, 2027 from the Labour Code
const with2027 = new WorkingDayCalendar([
  { year: 2026, daysOff: [], workingDays: [] },
  { year: 2027, daysOff: ['2027-01-01', '2027-01-04'], workingDays: [] },
]);

const opened = event('CaseOpened', {
  caseId: 'c1',
  procedure: 'appointment',
  definitionId: 'appointment.internal',
  definitionVersion: 1,
  ruleSetId: 'vn-2025',
  personId: 'p',
  positionId: 'pos',
  orgUnitId: 'ou',
  openedOn: '2026-12-21',
  summary: 's',
  openedBy: 'u',
  firstStepId: 'leadership-round-1',
  firstStepDueOn: '2027-01-12',
});
const recompute = (previousDueOn: string): RecomputeStepDeadline => ({
  type: 'RecomputeStepDeadline',
  data: { caseId: 'c1', stepId: 'leadership-round-1', countedFrom: '2026-12-21', previousDueOn },
});

describe('recomputing a step deadline when the calendar changes', () => {
  it('counts 15 working days again from the day the step became current', () => {
    // The Code's 2027 gives 12 Jan; a 2027 schedule with Mon 4 Jan off gives 13 Jan.
    expect(
      decideStepDeadlineRecompute(fold(caseDecider, [opened]), recompute('2027-01-12'), {
        definition,
        calendar: codeOnly2027,
      }),
    ).toEqual([]);
    expect(
      decideStepDeadlineRecompute(fold(caseDecider, [opened]), recompute('2027-01-12'), {
        definition,
        calendar: with2027,
      }),
    ).toEqual([
      event('StepDeadlineRecomputed', {
        caseId: 'c1',
        stepId: 'leadership-round-1',
        countedFrom: '2026-12-21',
        previousDueOn: '2027-01-12',
        dueOn: '2027-01-13',
        calendarVersion: with2027.version,
        provisional: false,
      }),
    ]);
  });

  it('leaves a case whose step or due day already changed', () => {
    const moved = fold(caseDecider, [
      opened,
      event('StepDeadlineRecomputed', { stepId: 'leadership-round-1', dueOn: '2027-01-13' }),
    ]);
    expect(moved.status === 'open' && moved.currentStepDueOn).toBe('2027-01-13');
    expect(
      decideStepDeadlineRecompute(moved, recompute('2027-01-12'), {
        definition,
        calendar: with2027,
      }),
    ).toEqual([]);
  });

  it('counts no later than the legal limit governing the step (a resignation talk, a time to decide)', () => {
    const governingDeadline = {
      dueOn: '2027-01-08',
      rule: 'removal.resignation.talk',
      stepIds: ['leadership-round-1'],
    };
    expect(
      decideStepDeadlineRecompute(fold(caseDecider, [opened]), recompute('2027-01-12'), {
        definition,
        calendar: with2027,
        governingDeadline,
      }),
    ).toEqual([
      expect.objectContaining({
        type: 'StepDeadlineRecomputed',
        data: expect.objectContaining({ previousDueOn: '2027-01-12', dueOn: '2027-01-08' }),
      }),
    ]);
    // A limit governing other steps leaves this one on its own day.
    expect(
      decideStepDeadlineRecompute(fold(caseDecider, [opened]), recompute('2027-01-12'), {
        definition,
        calendar: codeOnly2027,
        governingDeadline: { ...governingDeadline, stepIds: ['decision'] },
      }),
    ).toEqual([]);
  });

  it('finds the day the step became current from the event that made it current', () => {
    const events = [
      { type: 'CaseOpened', data: opened.data, metadata: { occurredAt: '2026-12-20T18:30:00Z' } },
    ] as unknown as RecordedEvent[];
    // 18:30 UTC on 20 Dec is 01:30 on 21 Dec in Hà Nội.
    expect(currentStepCountedFrom(events, 'leadership-round-1')).toBe('2026-12-21');
    expect(currentStepCountedFrom(events, 'another-step')).toBeNull();
  });

  it('counts a step from the day the step that made it current was held, a correction too', () => {
    const at = (type: string, data: object, occurredAt: string) =>
      ({ type, data, metadata: { occurredAt } }) as unknown as RecordedEvent;
    const typedToday = '2026-12-28T03:00:00Z';
    const round = (nextStepId: string, heldOn: string) => ({
      stepId: 'leadership-round-3',
      heldOn,
      nextStepId,
    });
    const events = [
      at('CaseOpened', opened.data, '2026-12-21T03:00:00Z'),
      at('BallotTallied', round('vetting', '2026-12-22'), typedToday),
      at(
        'VettingItemsRecorded',
        { stepId: 'vetting', heldOn: '2026-12-23', nextStepId: 'decision' },
        typedToday,
      ),
    ];
    expect(currentStepCountedFrom(events, 'vetting')).toBe('2026-12-22');
    expect(currentStepCountedFrom(events, 'decision')).toBe('2026-12-23');
    // Corrected to the same next step on another day: the decision counts from the corrected one.
    const corrected = (data: object) =>
      at(
        'StepCorrected',
        { stepId: 'vetting', corrected: { type: 'VettingItemsRecorded', data } },
        typedToday,
      );
    expect(
      currentStepCountedFrom(
        [...events, corrected({ stepId: 'vetting', heldOn: '2026-12-24', nextStepId: 'decision' })],
        'decision',
      ),
    ).toBe('2026-12-24');
    // Sent back to the vetting: it keeps the due day the ballot gave it.
    expect(
      currentStepCountedFrom(
        [...events, corrected({ stepId: 'vetting', heldOn: '2026-12-24', nextStepId: 'vetting' })],
        'vetting',
      ),
    ).toBe('2026-12-22');
  });

  it('moves the timer: cancels the pending one and schedules one for the new day', () => {
    const outputs = stepDeadlineSaga.handle(
      {
        streamId: 'appointment-c1',
        type: 'StepDeadlineRecomputed',
        data: { stepId: 'leadership-round-1', previousDueOn: '2027-01-12', dueOn: '2027-01-13' },
      } as unknown as RecordedEvent,
      { now: new Date() },
    );
    expect(outputs).toEqual([
      expect.objectContaining({
        kind: 'Cancel',
        timerId: timerIdFor('appointment-c1/leadership-round-1', 'step-deadline'),
      }),
      expect.objectContaining({
        kind: 'Cancel',
        timerId: timerIdFor('appointment-c1/leadership-round-1@2027-01-12', 'step-deadline'),
      }),
      expect.objectContaining({
        kind: 'Schedule',
        timer: expect.objectContaining({
          dueAt: '2027-01-13T17:00:00.000Z',
          cause: 'appointment-c1/leadership-round-1@2027-01-13',
        }),
      }),
    ]);
  });

  it("moves a later visit's timer: the visit's own and its recomputed one give way", () => {
    const outputs = stepDeadlineSaga.handle(
      {
        streamId: 'appointment-c1',
        type: 'StepDeadlineRecomputed',
        data: {
          stepId: 'vetting',
          previousDueOn: '2027-01-12',
          dueOn: '2027-01-13',
          stepVisit: 2,
        },
      } as unknown as RecordedEvent,
      { now: new Date() },
    );
    expect(outputs).toEqual([
      expect.objectContaining({
        kind: 'Cancel',
        timerId: timerIdFor('appointment-c1/vetting~2', 'step-deadline'),
      }),
      expect.objectContaining({
        kind: 'Cancel',
        timerId: timerIdFor('appointment-c1/vetting~2@2027-01-12', 'step-deadline'),
      }),
      expect.objectContaining({
        kind: 'Schedule',
        timer: expect.objectContaining({ cause: 'appointment-c1/vetting~2@2027-01-13' }),
      }),
    ]);
  });

  it('ignores a timer for a due day a recomputation replaced', () => {
    const watch = fold(deadlineDecider, [
      opened,
      event('StepDeadlineRecomputed', { stepId: 'leadership-round-1', dueOn: '2027-01-13' }),
    ]);
    const missed = (dueOn: string) =>
      decideDeadlineMissed(watch, {
        type: 'RecordDeadlineMissed',
        data: { caseId: 'c1', stepId: 'leadership-round-1', dueOn, missedAt: '' },
      });
    expect(missed('2027-01-12')).toEqual([]);
    expect(missed('2027-01-13')).toHaveLength(1);
  });
});

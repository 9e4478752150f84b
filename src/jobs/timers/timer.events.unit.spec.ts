import { evolveTimer, initialTimerState, timerIdFor, TimerState } from './timer.events';

const scheduled = {
  type: 'TimerScheduled',
  data: {
    timerId: 't1',
    dueAt: '2026-03-02T00:00:00.000Z',
    kind: 'deadline',
    target: 'appointment-1',
    payload: {},
  },
};
const fired = { type: 'TimerFired', data: { timerId: 't1', firedAt: '2026-03-02T00:00:01.000Z' } };
const cancelled = { type: 'TimerCancelled', data: { timerId: 't1', reason: 'step done' } };

const fold = (...events: { type: string; data: Record<string, unknown> }[]): TimerState =>
  events.reduce(evolveTimer, initialTimerState());

describe('timer stream', () => {
  it('given nothing, TimerScheduled makes it scheduled', () => {
    expect(fold(scheduled)).toEqual({ status: 'scheduled', timer: scheduled.data });
  });
  it('given scheduled, TimerFired makes it fired; a later cancel changes nothing', () => {
    expect(fold(scheduled, fired, cancelled)).toMatchObject({
      status: 'fired',
      firedAt: fired.data.firedAt,
    });
  });
  it('given cancelled, a late TimerFired changes nothing', () => {
    expect(fold(scheduled, cancelled, fired)).toMatchObject({
      status: 'cancelled',
      reason: 'step done',
    });
  });
  it('timer ids are deterministic per cause and kind, and usable as BullMQ job ids', () => {
    const id = timerIdFor('event-1', 'deadline');
    expect(timerIdFor('event-1', 'deadline')).toBe(id);
    expect(timerIdFor('event-1', 'term-end')).not.toBe(id);
    expect(timerIdFor('event-2', 'deadline')).not.toBe(id);
    expect(id).not.toContain(':');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

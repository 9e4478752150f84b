import { RecordedEvent } from '../../event-store/event-envelope';
import { EventStore } from '../../event-store/event-store.port';
import { evolveTimer, initialTimerState, TimerState, timerStreamId } from './timer.events';

export interface LoadedTimer {
  state: TimerState;
  /** Revision of the stream's last event; null when the timer was never scheduled. */
  revision: number | null;
  events: RecordedEvent[];
}

export async function loadTimer(store: EventStore, timerId: string): Promise<LoadedTimer> {
  const events = await store.readStream(timerStreamId(timerId));
  let state = initialTimerState();
  for (const event of events) state = evolveTimer(state, event);
  return { state, revision: events.length ? events[events.length - 1].revision : null, events };
}

import { Clock } from '../../common/clock';
import { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { timerDeadLetterKey } from './timer-firing';
import { TimerReconciler } from './timer-reconciler';

/** Pending timers that should have fired a while ago, and when the earliest fell due. */
export interface OverdueTimers {
  overdue: number;
  since: string | null;
}

/**
 * The pending timers due `afterMs` ago or longer whose firing is not parked (a parked one waits for
 * an operator's replay, and says so in dead letters): the instance running the timer worker fires a
 * timer at its time, so these mean no instance runs it, or its worker is stuck.
 */
export async function overdueTimers(
  timers: { reconciler: TimerReconciler; deadLetters: DeadLetterStore; clock: Clock },
  afterMs: number,
): Promise<OverdueTimers> {
  const dueBefore = timers.clock.now().getTime() - afterMs;
  const late = (await timers.reconciler.pendingTimers()).filter(
    (timer) => new Date(timer.dueAt).getTime() <= dueBefore,
  );
  if (late.length === 0) return { overdue: 0, since: null };
  const parked = await timers.deadLetters.parkedKeys(
    late.map((timer) => timerDeadLetterKey(timer.timerId)),
  );
  const stuck = late
    .filter((timer) => !parked.has(timerDeadLetterKey(timer.timerId)))
    .map((timer) => new Date(timer.dueAt).getTime());
  if (stuck.length === 0) return { overdue: 0, since: null };
  return { overdue: stuck.length, since: new Date(Math.min(...stuck)).toISOString() };
}

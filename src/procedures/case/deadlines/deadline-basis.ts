import { hash } from 'node:crypto';
import { WorkflowCatalog } from '../../../workflow/workflow-catalog';

/**
 * How stored step deadlines are counted, as a number: raise it when the code's counting changes so
 * that every pending deadline must be counted again at the next start. 2: a step is never due
 * after the legal limit governing it (a civil-service discipline case's time to decide, a
 * resignation's talk); deadlines stored before were not capped.
 */
export const DEADLINE_COUNTING_REVISION = 2;

/**
 * What the pending step deadlines are counted from, as one version string: the working-day
 * calendar's version, the counting revision and a digest of every definition's step time limits
 * (`steps[].deadline`). A start with a basis its store has not adopted counts the pending
 * deadlines again (calendar-adoption.ts), so a corrected definition file or a new counting rule
 * reaches the inbox and the timers as a new calendar file does.
 *
 * Rule sets are not in it: the one figure of theirs a step deadline depends on, the time to decide
 * (`discipline.decideDays`), is counted once into the case's `decideBy` when it opens and changes
 * only by an extension decision; the recount caps the steps by that recorded day.
 */
export function deadlineBasis(catalog: Pick<WorkflowCatalog, 'definitions' | 'calendar'>): string {
  const stepLimits = [...catalog.definitions.keys()]
    .sort()
    .map((key) => [
      key,
      catalog.definitions.get(key)!.steps.map((step) => [step.id, step.deadline ?? null]),
    ]);
  const digest = hash('sha256', JSON.stringify(stepLimits)).slice(0, 12);
  return `${catalog.calendar.version}+deadlines:${DEADLINE_COUNTING_REVISION}#${digest}`;
}

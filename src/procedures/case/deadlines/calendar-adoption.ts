import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, CLOCK } from '../../../common/clock';
import { deterministicId } from '../../../common/deterministic-id';
import { runStreamCommand } from '../../../common/stream-command-runner';
import { EventMetadata, systemMetadata } from '../../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../../event-store/event-store.errors';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { JobsRuntime } from '../../../jobs/jobs-runtime';
import { caseDecider } from '../decider/case.decider';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { STEP_DEADLINE_TIMER } from './step-deadline';
import { currentStepCountedFrom, stepDeadlineRecomputeDecider } from './step-deadline-recompute';

/** The stream that remembers which calendar version the stored deadlines were counted with. */
export const CALENDAR_STREAM = 'calendar-schedule';
const ACTOR = 'system:calendar';

export interface CalendarAdoptionReport {
  version: string;
  previousVersion: string | null;
  /** Pending step deadlines looked at, and those whose due day moved. */
  checked: number;
  recomputed: number;
}

/**
 * When the service starts with a calendar version its store has not adopted yet (an official
 * year schedule landed or was corrected), every pending step deadline is counted again: a case
 * whose due day moves gets StepDeadlineRecomputed, and the step-deadline saga moves its timer.
 * The version is then recorded (CalendarVersionAdopted) so the next start does nothing. Until a
 * first deadline moves nothing is recorded, and each start checks the pending deadlines again
 * (one stream read each).
 *
 * Discipline cases are not recomputed here: their steps and time limit follow their own
 * decider (not yet covered).
 */
@Injectable()
export class CalendarAdoption implements OnApplicationBootstrap {
  private readonly logger = new Logger('Calendar');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly jobs: JobsRuntime,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const report = await this.adopt();
    if (report.checked > 0 || report.recomputed > 0)
      this.logger.log(
        `calendar ${report.version} (was ${report.previousVersion ?? 'not recorded'}): ${report.recomputed} of ${report.checked} pending deadlines recomputed`,
      );
  }

  async adopt(): Promise<CalendarAdoptionReport> {
    const calendar = this.catalog.calendar;
    const adopted = await this.store.readStream(CALENDAR_STREAM);
    const last = adopted.at(-1);
    const previousVersion = last ? String(last.data.version) : null;
    const report = { version: calendar.version, previousVersion, checked: 0, recomputed: 0 };
    if (previousVersion === calendar.version) return report;

    const correlationId = deterministicId('calendar-adoption', calendar.version);
    const deadlines = new Map<string, { target: string; stepId: string }>();
    for (const timer of await this.jobs.reconciler.pendingTimers()) {
      if (timer.kind !== STEP_DEADLINE_TIMER || timer.target.startsWith('discipline-')) continue;
      const stepId = String(timer.payload.stepId);
      deadlines.set(`${timer.target}/${stepId}`, { target: timer.target, stepId });
    }
    for (const { target, stepId } of deadlines.values()) {
      report.checked += 1;
      if (await this.recompute(target, stepId, correlationId)) report.recomputed += 1;
    }
    // Nothing recorded and nothing moved: write nothing (a start must not change a store that
    // needs no change, e.g. right after an upgrade); the next start checks again.
    if (report.recomputed === 0 && previousVersion === null) return report;
    try {
      await this.store.append(
        CALENDAR_STREAM,
        [
          {
            id: deterministicId('calendar-adopted', calendar.version, String(previousVersion)),
            type: 'CalendarVersionAdopted',
            data: { ...report, officialYears: calendar.officialYears },
            metadata: this.metadata(correlationId),
          },
        ],
        { expectedRevision: last ? last.revision : 'no_stream' },
      );
    } catch (error) {
      // Another instance starting with the same calendar recorded it first.
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
    return report;
  }

  /** Counts one case's current step again; true when its due day moved. */
  private async recompute(target: string, stepId: string, correlationId: string) {
    const events = await this.store.readStream(target);
    const countedFrom = currentStepCountedFrom(events, stepId);
    const opened = events.find((event) => event.type === 'CaseOpened');
    if (!countedFrom || !opened) return false;
    const { definitionId, definitionVersion, caseId } = opened.data as Record<string, string>;
    const definition = this.catalog.definition(`${definitionId}@${definitionVersion}`);
    if (!definition) return false;
    let state = caseDecider.initialState();
    for (const event of events) state = caseDecider.evolve(state, event);
    const previousDueOn = state.status === 'open' ? state.currentStepDueOn : null;
    if (!previousDueOn) return false;
    const result = await runStreamCommand(
      this.store,
      target,
      stepDeadlineRecomputeDecider,
      { type: 'RecomputeStepDeadline', data: { caseId, stepId, countedFrom, previousDueOn } },
      {
        idSeed: `${correlationId}/${target}/${stepId}`,
        metadata: this.metadata(correlationId),
        context: () => ({ definition, calendar: this.catalog.calendar }),
      },
    );
    return result.appended.length > 0;
  }

  private metadata(correlationId: string): EventMetadata {
    return systemMetadata(ACTOR, correlationId, this.clock.now());
  }
}

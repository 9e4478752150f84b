import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock, CLOCK } from '../../../common/clock';
import { deterministicId } from '../../../common/deterministic-id';
import { runStreamCommand } from '../../../common/stream-command-runner';
import { EventMetadata, systemMetadata } from '../../../event-store/event-envelope';
import { WrongExpectedRevision } from '../../../event-store/event-store.errors';
import { EVENT_STORE, EventStore } from '../../../event-store/event-store.port';
import { JobsRuntime } from '../../../jobs/jobs-runtime';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { deadlineBasis } from './deadline-basis';
import { RECOUNTED_CASES, RECOUNTED_DISCIPLINE_CASES, RecountedCases } from './recounted-cases';
import { STEP_DEADLINE_TIMER } from './step-deadline';
import { currentStepCountedFrom } from './step-deadline-recompute';

/** The stream that remembers which deadline basis the stored deadlines were counted with. */
export const CALENDAR_STREAM = 'calendar-schedule';
const ACTOR = 'system:calendar';
const DISCIPLINE_PREFIX = 'discipline-';
/** The events that open a discipline case, end it, or may reopen it (a correction). */
const DISCIPLINE_OPENING_OR_ENDING = [
  'DisciplineCaseOpened',
  'DisciplineDecided',
  'DisciplineCaseClosed',
  'DisciplineTimeBarred',
  'StepCorrected',
];
/** Events read at a time when listing the discipline cases to recount. */
const PAGE = 500;

export interface CalendarAdoptionReport {
  version: string;
  previousVersion: string | null;
  /** Pending step deadlines looked at, and those whose due day moved. */
  checked: number;
  recomputed: number;
}

/**
 * When the service starts with a deadline basis its store has not adopted yet (deadline-basis.ts:
 * an official year schedule landed or was corrected, a definition's step time limit changed, or
 * the way deadlines are counted changed with an upgrade), every pending step deadline is counted
 * again, no later than the legal limit governing the step: a case whose due day moves gets
 * StepDeadlineRecomputed, the inbox row (case_summaries) and the step-deadline saga's timer follow.
 * The basis is then recorded (CalendarVersionAdopted) so the next start does nothing. Until a
 * first deadline moves nothing is recorded, and each start checks the pending deadlines again.
 *
 * Pending: an appointment-like case's step with a deadline timer still pending; every open
 * discipline case (its first step has no timer of its own, and its time to decide caps it).
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
    const basis = deadlineBasis(this.catalog);
    const adopted = await this.store.readStream(CALENDAR_STREAM);
    const last = adopted.at(-1);
    const previousVersion = last ? String(last.data.version) : null;
    const report = { version: basis, previousVersion, checked: 0, recomputed: 0 };
    if (previousVersion === basis) return report;

    const correlationId = deterministicId('calendar-adoption', basis);
    const recount = async <S>(targets: Iterable<string>, cases: RecountedCases<S>) => {
      for (const target of targets) {
        report.checked += 1;
        if (await this.recompute(target, cases, correlationId)) report.recomputed += 1;
      }
    };
    await recount(await this.casesWithPendingDeadline(), RECOUNTED_CASES);
    await recount(await this.disciplineCases(), RECOUNTED_DISCIPLINE_CASES);
    // Nothing recorded and nothing moved: write nothing (a start must not change a store that
    // needs no change, e.g. right after an upgrade); the next start checks again.
    if (report.recomputed === 0 && previousVersion === null) return report;
    try {
      await this.store.append(
        CALENDAR_STREAM,
        [
          {
            id: deterministicId('calendar-adopted', basis, String(previousVersion)),
            type: 'CalendarVersionAdopted',
            data: {
              ...report,
              calendarVersion: calendar.version,
              officialYears: calendar.officialYears,
            },
            metadata: this.metadata(correlationId),
          },
        ],
        { expectedRevision: last ? last.revision : 'no_stream' },
      );
    } catch (error) {
      // Another instance starting with the same basis recorded it first.
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
    return report;
  }

  /** The appointment-like cases whose current step's deadline timer is still pending. */
  private async casesWithPendingDeadline(): Promise<Set<string>> {
    const targets = new Set<string>();
    for (const timer of await this.jobs.reconciler.pendingTimers())
      if (timer.kind === STEP_DEADLINE_TIMER && !timer.target.startsWith(DISCIPLINE_PREFIX))
        targets.add(timer.target);
    return targets;
  }

  /**
   * The discipline cases that may be open: opened and not since decided, closed or time-barred
   * (a correction may have reopened one: kept). The recount folds each and skips any not open.
   */
  private async disciplineCases(): Promise<Set<string>> {
    const open = new Set<string>();
    for (let from = 'start'; ;) {
      const page = await this.store.readAll(from, {
        limit: PAGE,
        filter: { streamPrefix: DISCIPLINE_PREFIX, eventTypes: DISCIPLINE_OPENING_OR_ENDING },
      });
      for (const { streamId, type } of page)
        if (type === 'DisciplineCaseOpened' || type === 'StepCorrected') open.add(streamId);
        else open.delete(streamId);
      if (page.length < PAGE) return open;
      from = page[page.length - 1].position;
    }
  }

  /** Counts one case's current step again; true when its due day moved. */
  private async recompute<S>(target: string, cases: RecountedCases<S>, correlationId: string) {
    const events = await this.store.readStream(target);
    let state = cases.decider.initialState();
    for (const event of events) state = cases.decider.evolve(state, event);
    const open = cases.openStep(state);
    const definition = open && this.catalog.definition(open.definitionKey);
    const stepId = definition && definition.steps[open.currentStep]?.id;
    const countedFrom = stepId && currentStepCountedFrom(events, stepId);
    if (!open || !definition || !stepId || !countedFrom) return false;
    const result = await runStreamCommand(
      this.store,
      target,
      cases.decider,
      {
        type: 'RecomputeStepDeadline',
        data: { caseId: open.caseId, stepId, countedFrom, previousDueOn: open.currentStepDueOn },
      },
      {
        idSeed: `${correlationId}/${target}/${stepId}`,
        metadata: this.metadata(correlationId),
        context: (current) => ({
          definition,
          calendar: this.catalog.calendar,
          governingDeadline: cases.governingDeadline(current, definition),
        }),
      },
    );
    return result.appended.length > 0;
  }

  private metadata(correlationId: string): EventMetadata {
    return systemMetadata(ACTOR, correlationId, this.clock.now());
  }
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { OpenCaseOnRecord } from '../cadres/person/person.state';
import { RegistryService } from '../cadres/registry.service';
import { CaseService } from '../cases/case.service';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { loadStream, runStreamCommand } from '../common/stream-command-runner';
import { deterministicId } from '../common/deterministic-id';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { TimerHandlerRegistry } from '../jobs/timers/timer-handlers';
import { DispatchContext } from '../sagas/command-dispatch';
import { SagasRuntime } from '../sagas/sagas-runtime';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { disciplineStream } from './discipline-stream';
import {
  DISCIPLINE_RECORD_COMMANDS,
  DISCIPLINE_TIME_LIMIT_TIMER,
  disciplineRecordSaga,
} from './discipline-record.saga';
import { disciplineDecider } from './discipline.decider';
import { ExistingDiscipline } from './discipline.state';

/** Forms that take the person out of their post (removal, and the forms that end the service). */
const ENDS_POST = ['removal_from_post', 'dismissal', 'recall', 'expulsion'];

/** Wires the discipline-record saga's dispatchers and the time-limit timer into the durable runtime. */
@Injectable()
export class DisciplineRecordRegistration implements OnModuleInit {
  constructor(
    private readonly sagas: SagasRuntime,
    private readonly timers: TimerHandlerRegistry,
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  private async loadCase(caseId: string): Promise<ExistingDiscipline> {
    const { state } = await loadStream(this.store, disciplineStream(caseId), disciplineDecider);
    if (state.status === 'none') throw new Error(`discipline case ${caseId} does not exist`);
    return state;
  }

  /** Each person command gets its own seed, so a redelivery skips the ones already written. */
  private person(
    personId: string,
    context: DispatchContext,
    key: string,
    command: Parameters<RegistryService['runPersonCommand']>[1],
  ) {
    return this.registry.runPersonCommand(
      personId,
      command,
      { ...context.metadata },
      { idSeed: deterministicId(context.idSeed, key) },
    );
  }

  /**
   * A discipline decided while other cases of the person are open flags their discipline vetting
   * item (reopening it if it was cleared); a removal also withdraws an open re-appointment.
   */
  private async carryIntoOpenCases(
    state: ExistingDiscipline,
    openCases: OpenCaseOnRecord[],
    form: string,
    decisionRef: string,
    context: DispatchContext,
  ): Promise<void> {
    const bar = state.status === 'decided' ? state.decision.barEndsOn : null;
    for (const open of openCases.filter((c) => c.procedure !== 'discipline')) {
      const view = await this.cases.stateOf(open.caseId);
      if (view.status !== 'open') continue;
      const actor = {
        userId: context.metadata.actorId,
        roles: ['organization_staff'],
        orgUnit: view.orgUnitId,
      };
      const options = (key: string) => ({
        actor,
        metadata: { ...context.metadata },
        idSeed: deterministicId(context.idSeed, key, open.caseId),
      });
      const note = `discipline decided: ${form} (${decisionRef}, case ${state.caseId})${bar ? `, bars a higher post until ${bar}` : ''}`;
      await this.ignoreClosed(() =>
        this.cases.act(
          open.caseId,
          {
            type: 'FlagVettingItemFromRecord',
            data: { item: 'discipline_bar', note, causeRef: state.caseId },
          },
          options('flag'),
        ),
      );
      if (ENDS_POST.includes(form) && open.procedure === 'reappointment') {
        await this.ignoreClosed(() =>
          this.cases.act(
            open.caseId,
            {
              type: 'WithdrawCase',
              data: {
                reason: `withdrawn: the holder was removed from the post by ${decisionRef} (discipline case ${state.caseId})`,
              },
            },
            options('withdraw'),
          ),
        );
      }
    }
  }

  /** The case may have closed since the record was read; then there is nothing to carry into it. */
  private async ignoreClosed(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof DomainRuleViolation && error.rule === 'case.closed') return;
      throw error;
    }
  }

  onModuleInit(): void {
    this.sagas.register(disciplineRecordSaga);
    this.sagas.commands
      .register(DISCIPLINE_RECORD_COMMANDS.note, async (command, context) => {
        const data = command.data as {
          caseId: string;
          status: 'open' | 'closed';
          stage: string | null;
          on: string;
        };
        const state = await this.loadCase(data.caseId);
        await this.person(state.personId, context, 'note', {
          type: 'NoteCase',
          data: {
            personId: state.personId,
            caseId: data.caseId,
            procedure: 'discipline',
            status: data.status,
            stage: data.stage,
            on: data.on,
          },
        });
      })
      .register(DISCIPLINE_RECORD_COMMANDS.apply, async (command, context) => {
        const state = await this.loadCase((command.data as { caseId: string }).caseId);
        if (state.status === 'open' || state.status === 'closed')
          throw new Error(`discipline case ${state.caseId} has no decision`);
        const { decision } = state;
        const decisionRef = `${decision.number} (${decision.heldOn})`;
        await this.person(state.personId, context, 'record', {
          type: 'RecordDiscipline',
          data: {
            personId: state.personId,
            caseId: state.caseId,
            track: state.track,
            form: decision.form,
            decidedOn: decision.heldOn,
            effectiveFrom: decision.effectiveFrom,
            decisionRef,
            barEndsOn: decision.barEndsOn,
            ruleSetId: state.ruleSetId,
            violationCategory: state.violation.category,
            orgUnitId: state.orgUnitId,
          },
        });
        const { state: person } = await this.registry.loadPerson(state.personId);
        if (person.status !== 'registered') return;
        for (const entry of person.planningPool) {
          await this.person(state.personId, context, `pool:${entry.positionId}`, {
            type: 'RemovePlanningPoolEntry',
            data: {
              personId: state.personId,
              positionId: entry.positionId,
              decisionRef,
              reason: `discipline: ${decision.form} (case ${state.caseId})`,
            },
          });
        }
        await this.carryIntoOpenCases(state, person.openCases, decision.form, decisionRef, context);
        if (ENDS_POST.includes(decision.form)) {
          const posts = state.positionId
            ? person.posts.filter((p) => p.positionId === state.positionId)
            : person.posts;
          for (const post of posts) {
            await this.person(state.personId, context, `post:${post.positionId}`, {
              type: 'EndPost',
              data: {
                personId: state.personId,
                positionId: post.positionId,
                on: decision.effectiveFrom,
                reason: `discipline: ${decision.form} (case ${state.caseId})`,
                decisionRef,
              },
            });
          }
        }
      })
      .register(DISCIPLINE_RECORD_COMMANDS.revise, async (command, context) => {
        const state = await this.loadCase((command.data as { caseId: string }).caseId);
        if (state.status === 'open' || state.status === 'closed')
          throw new Error(`discipline case ${state.caseId} has no decision`);
        const review = state.reviews.at(-1);
        if (!review || review.outcome === 'keep') return;
        await this.person(state.personId, context, 'revise', {
          type: 'ReviseDiscipline',
          data: {
            personId: state.personId,
            caseId: state.caseId,
            outcome: review.outcome === 'annul' ? 'annulled' : 'changed',
            form: review.form,
            barEndsOn: review.barEndsOn,
            decisionRef: `${review.number} (${review.heldOn})`,
            revisedOn: review.heldOn,
          },
        });
      });
    this.timers.register(DISCIPLINE_TIME_LIMIT_TIMER, async (timer, context) => {
      const payload = timer.payload as { caseId: string; dueOn: string };
      const { state } = await loadStream(this.store, timer.target, disciplineDecider);
      if (state.status === 'none') return;
      const definition = this.catalog.definition(
        `${state.definitionId}@${state.definitionVersion}`,
      )!;
      const ruleSet = this.catalog.ruleSet(state.ruleSetId)!;
      await runStreamCommand(
        this.store,
        timer.target,
        disciplineDecider,
        {
          type: 'RecordTimeLimitMissed',
          data: { dueOn: payload.dueOn, missedAt: context.now.toISOString() },
        },
        {
          idSeed: context.idSeed,
          metadata: context.metadata,
          context: () => ({
            definition,
            ruleSet,
            calendar: this.catalog.calendar,
            actor: { userId: context.metadata.actorId, roles: [], orgUnit: state.orgUnitId },
            today: '',
            actorReachesCaseUnit: false,
            personStatuses: [],
          }),
        },
      );
    });
  }
}

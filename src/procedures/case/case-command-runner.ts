import { refuseCaseUnitWithoutAuthority } from './unit-authority';
import { settleInOrder } from '../../common/settle-in-order';
import { ClosingSlotRelease } from './closing-slot-release';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../common/clock';
import { TimerScheduler } from '../../jobs/timers/timer-scheduler';
import { StepTimersAlongside } from './deadlines/step-timers-alongside';
import { markedFlagEndsSettled } from './deadlines/flag-ends-settled';
import { AlongsideWrite, runStreamCommand } from '../../common/stream-command-runner';
import { WrittenStreamFolds } from '../../common/written-stream-folds';
import { EVENT_STORE, EventStore, StreamAppend } from '../../event-store/event-store.port';
import { CaseCommand } from './decider/case.commands';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { CaseContextFactory } from './case-context.factory';
import { CaseIdReservations } from './case-id-reservations';
import { CaseService, CaseWriteOptions } from './case.service';
import { caseStream } from './case-stream';
import { caseView } from './case-view';
import { OpenCaseSlots } from './open-case-slots';
import { openCaseSlotOf } from './open-case-slot';
import { keepOpenedCase } from './opened-case-origins';
import { RecordOrigins } from '../../identity/record-origins';
import { OpeningReads, ProcedureRegistry } from './procedure-registry';
import { OpenCaseInput } from './commands/case-commands';
import { openingFor } from './opening-for';
import { CaseReads, personReadBy, stepReads } from './case-reads';
import { Actor } from '../../identity/actor';
import { RegistryService } from '../../cadres/registry.service';
import { RegistryReadsOnce } from '../../cadres/registry-reads-once';
import { openingInput } from './opening-input';
import { ownThenDefinitionOpeningChecks } from './definition-opening-checks';
import { DecisionAppends } from './decision-appends';
import { holdingReads } from './holding-reads';

const WRITTEN_CASES_KEPT = 5_000; // case states one process keeps after writing (a few kB each)

/**
 * The write path of every personnel-case command (the rows of `case-command-table.ts`): find the
 * case's stream, load it once, build the context the command needs, decide, append at the
 * expected revision (If-Match), and free the open-case slot when the case closed.
 */
@Injectable()
export class CaseCommandRunner {
  /** A case's next step is decided on the state its last step left, without a read. */
  private readonly writtenCases = new WrittenStreamFolds<CaseState>(WRITTEN_CASES_KEPT);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contexts: CaseContextFactory,
    private readonly procedures: ProcedureRegistry,
    private readonly slots: OpenCaseSlots,
    private readonly caseIds: CaseIdReservations,
    private readonly cases: CaseService,
    private readonly registry: RegistryService,
    private readonly timers: TimerScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly origins: RecordOrigins,
  ) {}

  async open(input: OpenCaseInput, options: CaseWriteOptions) {
    // The id (read once for both its checks) and slot, read beside the rest for a first attempt.
    const procedure = this.procedures.forOpening(input.procedure)?.module.procedure;
    const caseIds = this.caseIds.readOnce(input.caseId);
    let early = procedure ? this.idAndSlotAppends(input, procedure, options, caseIds) : undefined;
    early?.catch(() => undefined);
    const { module, pinned, context, command } = await this.prepareOpening(input, options.actor, {
      caseIds,
    });
    return this.write(
      module.procedure,
      input.caseId,
      command,
      options,
      async () => context,
      pinned,
      undefined,
      () => {
        const planned = early ?? this.idAndSlotAppends(input, module.procedure, options);
        early = undefined;
        return planned;
      },
    );
  }

  /**
   * Everything an opening reads before it is decided: the procedure and pinned definition, the
   * id not taken by another procedure, the context, and the procedure's and its gates' opening
   * checks. An import's dry run decides it without appending; a transfer batch passes `reads`.
   */
  async prepareOpening(input: OpenCaseInput, actor: Actor, reads: Partial<OpeningReads> = {}) {
    const { module, pinned, openedOn } = openingFor(this.procedures, this.contexts, input);
    const caseIds = reads.caseIds ?? this.caseIds;
    const registry = reads.registry ?? new RegistryReadsOnce(this.registry);
    // A transfer runs as a rotation case: its id and slot are the rotation stream's, as its case is.
    const [, context] = await settleInOrder([
      () => caseIds.assertFree(input.caseId, module.procedure),
      () => this.contexts.build(actor, pinned, input.orgUnitId, undefined, openedOn),
    ]);
    const opening = openingInput(input, registry, pinned.definition, context);
    // The procedure's, its gates' and the unit's checks read side by side (one registry read each,
    // shared); a refusal is the one the first of them in this order would have given.
    const [own, ...gated] = await settleInOrder([
      async () => ownThenDefinitionOpeningChecks(module, opening),
      ...this.procedures
        .gatesOf(module.procedure)
        .map((gate) => async () => gate.onOpen?.(opening)),
      async () =>
        refuseCaseUnitWithoutAuthority(registry, input, {
          partyCommitteeOfTerritory: module.partyCommitteeOfTerritoryRuns === true,
        }),
    ]);
    let facts = own ?? undefined;
    for (const added of gated)
      if (added && Object.keys(added).length) facts = { ...facts, ...added };
    const governingDeadline = facts
      ? module.governingDeadline?.(facts, pinned.definition)
      : undefined;
    const command: CaseCommand = {
      type: 'OpenCase',
      data: {
        caseId: input.caseId,
        procedure: module.procedure,
        personId: input.personId,
        positionId: input.positionId,
        orgUnitId: input.orgUnitId,
        summary: input.summary,
        ...(facts ? { facts } : {}),
        ...(governingDeadline ? { governingDeadline } : {}),
        ...(input.fromPaper
          ? {
              recordedFromPaper: {
                paperRecordRef: input.fromPaper.paperRecordRef,
                recordedOn: this.contexts.today(),
              },
            }
          : {}),
      },
    };
    return { module, pinned, context, command };
  }

  /** The id reservation and slot claim, in the opening's write (a refused or failed one claims none). */
  private async idAndSlotAppends(
    input: OpenCaseInput,
    procedure: string,
    options: CaseWriteOptions,
    caseIds: Pick<CaseIdReservations, 'planReservation'> = this.caseIds,
  ): Promise<StreamAppend[]> {
    const slot = openCaseSlotOf({ ...input, procedure, definitionId: input.definition });
    const planned = await settleInOrder([
      () => caseIds.planReservation(input.caseId, procedure, options.metadata),
      () => this.slots.planClaim(slot, input.caseId, options.metadata),
    ]);
    return planned.filter((append): append is StreamAppend => append !== null);
  }

  async act(
    caseId: string,
    command: CaseCommand,
    options: CaseWriteOptions,
    reads: CaseReads = {},
  ) {
    const procedure = await this.cases.locate(caseId);
    const context = this.decideContext(procedure, caseId, command, options.actor, reads);
    return this.write(procedure, caseId, command, options, context);
  }

  /** The context a command on an existing case is decided in (an import's dry run uses it too). */
  decideContext(
    procedure: string,
    caseId: string,
    command: CaseCommand,
    actor: Actor,
    reads: CaseReads = {},
  ) {
    const context = this.contextOf(procedure, caseId, actor, reads);
    const gates = this.procedures.gatesOf(procedure);
    if (command.type !== 'PerformStep' || !gates.length) return context;
    // Other procedures' checks on this step (approval in principle) run before it is decided.
    return async (state: CaseState) => {
      const built = await context(state);
      if (state.status !== 'none')
        for (const gate of gates)
          await gate.beforeStep?.({ state, stepId: command.data.stepId, context: built });
      return built;
    };
  }

  /**
   * Corrects a recorded step. A case the original result had rejected and the correction reopens
   * takes its open-case slot back first (409 `case.duplicate_open` if another case took it since);
   * if the corrected result rejects it again, the write releases the slot as for any closing.
   */
  async correct(
    caseId: string,
    correction: Extract<CaseCommand, { type: 'CorrectStep' }>['data'],
    options: CaseWriteOptions,
  ) {
    const procedure = await this.cases.locate(caseId);
    const context = this.contextOf(procedure, caseId, options.actor, stepReads(correction.body));
    const reclaimSlot = async (state: CaseState) => {
      if (state.status !== 'rejected') return;
      const slot = openCaseSlotOf(state);
      const claimed = await this.slots.claim(slot, caseId, options.metadata);
      return {
        undo: async () => {
          if (claimed) await this.slots.release(slot, caseId, 'rejected', options.metadata);
        },
      };
    };
    const command: CaseCommand = { type: 'CorrectStep', data: correction };
    return this.write(procedure, caseId, command, options, context, undefined, reclaimSlot);
  }

  /** The decide context of an existing case: its pins, the caller, and what its steps read. */
  private contextOf(procedure: string, caseId: string, actor: Actor, reads: CaseReads) {
    return async (state: CaseState) => {
      const pinned = this.contexts.pinned(state);
      if (state.status === 'none')
        throw new DomainRuleViolation(
          'case.not_found',
          `case ${caseId} does not exist`,
          'not_found',
        );
      const context = await this.contexts.build(
        actor,
        pinned,
        state.orgUnitId,
        personReadBy(state, reads),
      );
      const held = await holdingReads(this.store, state, context, reads);
      const withHolding = { ...context, ...held };
      const facts = await this.contexts.caseFacts(state, reads, actor);
      const term = await this.procedures.get(procedure)?.decisionTerm?.(withHolding, state);
      const asked = await this.procedures.prerequisitePeople(procedure, state);
      return { ...withHolding, ...facts, ...(term ? { decisionTerm: term } : {}), ...asked };
    };
  }

  private async write(
    procedure: string,
    caseId: string,
    command: CaseCommand,
    options: CaseWriteOptions,
    context: (state: CaseState) => Promise<Parameters<typeof caseDecider.decide>[2]>,
    pinnedAtOpen?: ReturnType<CaseContextFactory['forOpening']>,
    beforeAppend?: (state: CaseState) => Promise<{ undo(): Promise<void> } | void>,
    alongside?: (state: CaseState) => Promise<StreamAppend[]>,
  ) {
    let pinned = pinnedAtOpen;
    const stream = caseStream(procedure, caseId);
    const atomic = this.store.appendManyIsAtomic;
    const closing = new ClosingSlotRelease(this.slots, caseId, options.metadata, atomic);
    const timers = new StepTimersAlongside(stream, atomic, this.clock);
    const decision = new DecisionAppends(options.metadata, this.store);
    const result = await runStreamCommand(this.store, stream, caseDecider, command, {
      ifMatch: options.ifMatch,
      idSeed: options.idSeed,
      metadata: options.metadata,
      context: async (state) => {
        const built = await context(state);
        decision.keep(built);
        pinned = { definition: built.definition, ruleSet: built.ruleSet };
        // Every case event records the definition version and rule set it was decided under.
        options.metadata.definitionVersion = `${built.definition.id}@${built.definition.version}`;
        options.metadata.ruleSet = built.ruleSet.id;
        return built;
      },
      beforeAppend,
      // An opening writes its id and slot alongside; any other command, a closing's slot release,
      // a decision's seat claim and its record on the holding of the post it ends or continues.
      alongside: async (state, events, refused): Promise<AlongsideWrite> => {
        const own = alongside
          ? { appends: await alongside(state), events: [...events] }
          : await closing.plan(state, events);
        const claims = decision.plan(state, own.events ?? events);
        const withTimers = timers.plan(state, own.events ?? events, refused);
        const appends = [...own.appends, ...claims, ...withTimers.appends];
        // A refused write that left them written (a store writing stream by stream) withdraws them.
        return {
          events: markedFlagEndsSettled(state, withTimers.events),
          appends,
          undo: () => decision.withdrawIfWrittenAlone(),
        };
      },
      written: this.writtenCases,
      expectNew: pinnedAtOpen !== undefined, // an opening: its first attempt is without a read
    });
    await closing.releaseUnlessWritten(result);
    timers.queueDueSoon(result, this.timers);
    if (pinnedAtOpen) keepOpenedCase(this.origins, { caseId, procedure }, result);
    if (!pinned) pinned = this.contexts.pinned(result.state);
    return caseView(result.state, pinned, result.revision, options.actor, {
      calendar: this.contexts.calendar,
      today: this.contexts.today(),
    });
  }
}

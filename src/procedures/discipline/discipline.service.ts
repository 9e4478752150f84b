import { Inject, Injectable } from '@nestjs/common';
import { RegistryService } from '../../cadres/registry.service';
import { CaseIdReservations } from '../case/case-id-reservations';
import { Clock, CLOCK } from '../../common/clock';
import { loadStream, runStreamCommand } from '../../common/stream-command-runner';
import { vietnamDay } from '../../common/vietnam-day';
import { EventMetadata } from '../../event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { disciplineStream } from './discipline-stream';
import { disciplineView } from './discipline-view';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import { Violation } from './discipline.events';
import { DisciplineState } from './discipline.state';

export interface DisciplineWriteOptions {
  actor: Actor;
  metadata: EventMetadata;
  ifMatch?: number;
  idSeed?: string;
}

export interface OpenDisciplineInput {
  caseId: string;
  definition: string;
  personId: string;
  positionId: string | null;
  orgUnitId: string;
  electedCadre: boolean;
  summary: string;
  violation: Violation;
}

/** Load a discipline case, gather its context (person's record, scope), decide, append. */
@Injectable()
export class DisciplineService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: RegistryService,
    private readonly scope: OrgScope,
    private readonly caseIds: CaseIdReservations,
  ) {}

  today(): string {
    return vietnamDay(this.clock.now());
  }

  pinned(state: DisciplineState): { definition: ProcedureDefinition; ruleSet: RuleSet } {
    if (state.status === 'none')
      throw new DomainRuleViolation(
        'case.not_found',
        'the discipline case does not exist',
        'not_found',
      );
    const definition = this.catalog.definition(`${state.definitionId}@${state.definitionVersion}`);
    const ruleSet = this.catalog.ruleSet(state.ruleSetId);
    if (!definition || !ruleSet)
      throw new Error(
        `discipline case ${state.caseId} pins ${state.definitionId}@${state.definitionVersion} / ${state.ruleSetId}, which are not loaded`,
      );
    return { definition, ruleSet };
  }

  async load(caseId: string, until?: Date) {
    const loaded = await loadStream(this.store, disciplineStream(caseId), disciplineDecider, until);
    if (loaded.state.status === 'none') {
      throw new DomainRuleViolation(
        'case.not_found',
        until
          ? `discipline case ${caseId} did not exist yet on ${until.toISOString()}`
          : `discipline case ${caseId} does not exist`,
        'not_found',
      );
    }
    return loaded;
  }

  async view(caseId: string, actor: Actor, asOf?: Date) {
    const { state, revision } = await this.load(caseId, asOf);
    if (state.status !== 'none')
      await this.scope.assertReaches(actor, state.orgUnitId, `discipline case ${caseId}`);
    return disciplineView(
      state,
      this.pinned(state).definition,
      revision,
      actor,
      asOf ? vietnamDay(asOf) : this.today(),
    );
  }

  async stepKind(caseId: string, stepId: string) {
    const { state } = await this.load(caseId);
    const step = this.pinned(state).definition.steps.find((s) => s.id === stepId);
    if (!step)
      throw new DomainRuleViolation(
        'step.unknown',
        `discipline case ${caseId} has no step "${stepId}"`,
        'not_found',
        'stepId',
      );
    return step.kind;
  }

  async open(input: OpenDisciplineInput, options: DisciplineWriteOptions) {
    const definition = this.catalog.resolveDefinition(input.definition);
    if (!definition || definition.procedure !== 'discipline') {
      const known = [...this.catalog.definitions.values()]
        .filter((d) => d.procedure === 'discipline')
        .map((d) => d.id);
      throw new DomainRuleViolation(
        'definition.unknown',
        `definition: "${input.definition}" is not a discipline procedure (use ${[...new Set(known)].join(' or ')})`,
        'invalid',
        'definition',
      );
    }
    // One case id space: an id used by a case of another procedure is refused before any rule.
    await this.caseIds.assertFree(input.caseId, 'discipline');
    const ruleSet = this.catalog.ruleSetFor(definition, this.today());
    if (!ruleSet)
      throw new Error(`no rule set is in force on ${this.today()} for ${definition.id}`);
    if (!(await this.registry.findOrgUnit(input.orgUnitId)))
      throw new DomainRuleViolation(
        'org_unit.not_found',
        `orgUnitId: org unit ${input.orgUnitId} does not exist`,
        'unprocessable',
        'orgUnitId',
      );
    const person = await this.registry.loadPerson(input.personId);
    if (person.state.status !== 'registered')
      throw new DomainRuleViolation(
        'person.not_found',
        `personId: person ${input.personId} is not registered`,
        'unprocessable',
        'personId',
      );
    if (
      input.positionId &&
      !person.state.posts.some((post) => post.positionId === input.positionId)
    ) {
      throw new DomainRuleViolation(
        'discipline.post_not_held',
        `positionId: ${input.personId} does not hold ${input.positionId}`,
        'unprocessable',
        'positionId',
      );
    }
    const { electedCadre, ...rest } = input;
    return this.write(
      input.caseId,
      {
        type: 'OpenDisciplineCase',
        data: {
          caseId: rest.caseId,
          personId: rest.personId,
          positionId: rest.positionId,
          orgUnitId: rest.orgUnitId,
          electedCadre,
          violation: rest.violation,
          summary: rest.summary,
        },
      },
      options,
      () => ({ definition, ruleSet }),
      input.orgUnitId,
      input.personId,
      () => this.caseIds.reserve(input.caseId, 'discipline', options.metadata),
    );
  }

  async act(caseId: string, command: DisciplineCommand, options: DisciplineWriteOptions) {
    const { state } = await this.load(caseId);
    if (state.status === 'none')
      throw new DomainRuleViolation(
        'case.not_found',
        `discipline case ${caseId} does not exist`,
        'not_found',
      );
    return this.write(
      caseId,
      command,
      options,
      (current) => this.pinned(current),
      state.orgUnitId,
      state.personId,
    );
  }

  private async write(
    caseId: string,
    command: DisciplineCommand,
    options: DisciplineWriteOptions,
    pin: (state: DisciplineState) => { definition: ProcedureDefinition; ruleSet: RuleSet },
    caseUnit: string,
    personId: string,
    beforeAppend?: () => Promise<{ undo(): Promise<void> }>,
  ) {
    let pinned: { definition: ProcedureDefinition; ruleSet: RuleSet } | undefined;
    const result = await runStreamCommand(
      this.store,
      disciplineStream(caseId),
      disciplineDecider,
      command,
      {
        ifMatch: options.ifMatch,
        idSeed: options.idSeed,
        metadata: options.metadata,
        context: async (state): Promise<DisciplineContext> => {
          pinned = pin(state);
          options.metadata.definitionVersion = `${pinned.definition.id}@${pinned.definition.version}`;
          options.metadata.ruleSet = pinned.ruleSet.id;
          const subtree = await this.registry.orgUnitSubtree(options.actor.orgUnit);
          const person = await this.registry.loadPerson(personId);
          return {
            ...pinned,
            calendar: this.catalog.calendar,
            actor: options.actor,
            today: this.today(),
            actorReachesCaseUnit: subtree.some((unit) => unit.id === caseUnit),
            personStatuses: person.state.status === 'registered' ? person.state.statuses : [],
          };
        },
        beforeAppend,
      },
    );
    return disciplineView(
      result.state,
      (pinned ?? this.pinned(result.state)).definition,
      result.revision,
      options.actor,
      this.today(),
    );
  }
}

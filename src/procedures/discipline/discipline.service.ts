import { StepDefinition } from '../../workflow/definitions/procedure-definition';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../common/clock';
import { loadStream } from '../../common/stream-command-runner';
import { vietnamDay } from '../../common/vietnam-day';
import { WriteOptions } from '../../common/http/write-options';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { RecordOrigins } from '../../identity/record-origins';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { disciplineStream } from './discipline-stream';
import { disciplineConcluded, disciplineView } from './discipline-view';
import { disciplineDecider } from './discipline.decider';
import { DisciplineState } from './discipline.state';
import { refuseNotDisciplineCase, SameViolationCase } from './same-violation';
import { heavierFormView } from './repeat-violation';
import { RegistryService } from '../../cadres/registry.service';
import { decisionRefOf } from '../case/record/record-writes';
import { PersonState } from '../../cadres/person/person.state';
import { OtherDisciplineCase } from './violation-handled-once';
import { importedDisciplineAsCase } from './imported-discipline-as-case';

/** What a write carries besides its command (built from the request by CommandWriter). */
export type DisciplineWriteOptions = WriteOptions;

/** What a discipline case looks like and which definition and rule set it pinned: the read side. */
@Injectable()
export class DisciplineService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrgScope,
    private readonly origins: RecordOrigins,
    private readonly registry: RegistryService,
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

  /**
   * The case a decision names as the same violation on the other track, as the decider checks it
   * (403 when it is outside the caller's grant or does not exist; 422
   * `discipline.same_violation_not_discipline` when it is another procedure's case in the grant).
   */
  async sameViolationCase(caseId: string, actor: Actor): Promise<SameViolationCase> {
    // Before anything is read: a case outside the grant and one that does not exist answer alike
    // (before, 403 named the other unit's case's unit and a missing one was 422 not_found).
    await this.scope.assertAnyCaseInScope(actor, caseId, 'sameViolationCaseId');
    const { state } = await loadStream(this.store, disciplineStream(caseId), disciplineDecider);
    // A case in the grant (the check above) with no discipline stream: another procedure's case.
    if (state.status === 'none') refuseNotDisciplineCase(caseId);
    const decided = 'decision' in state ? state : undefined;
    return {
      caseId,
      personId: state.personId,
      track: state.track,
      status: state.status,
      form: decided ? decided.form : null,
      barEndsOn: decided ? decided.barEndsOn : null,
      decisionRef: decided ? decisionRefOf(decided.decision) : null,
      effectiveFrom: decided ? decided.decision.effectiveFrom : null,
    };
  }

  /**
   * The person's other discipline cases as the once-per-track rule reads them: those their record
   * names (open, or decided), each read from its own stream (the record says neither the track
   * nor the violation of an open one). Only this person's cases are read, never a scan.
   */
  async otherCasesOf(
    person: PersonState,
    caseId: string,
    actor: Actor,
  ): Promise<OtherDisciplineCase[]> {
    if (person.status !== 'registered') return [];
    const ids = new Set([
      ...person.openCases.filter((open) => open.procedure === 'discipline').map((c) => c.caseId),
      ...person.discipline.map((record) => record.caseId),
    ]);
    ids.delete(caseId);
    const cases = await Promise.all(
      [...ids].map(
        async (id) =>
          (await this.asOtherCase(id, actor)) ?? this.importedAsOtherCase(person, id, actor),
      ),
    );
    return cases.filter((c): c is OtherDisciplineCase => c !== null);
  }

  /** A discipline the record holds with no case stream (imported from paper), read from the record. */
  private async importedAsOtherCase(
    person: Extract<PersonState, { status: 'registered' }>,
    caseId: string,
    actor: Actor,
  ): Promise<OtherDisciplineCase | null> {
    const record = person.discipline.find((d) => d.caseId === caseId);
    if (!record?.violationCommittedOn) return null;
    return importedDisciplineAsCase(record, await this.scope.reaches(actor, record.orgUnitId));
  }

  /** A discipline case as the once-per-track rule reads it, from its stream; null: no such case. */
  async asOtherCase(caseId: string, actor: Actor): Promise<OtherDisciplineCase | null> {
    const { state } = await loadStream(this.store, disciplineStream(caseId), disciplineDecider);
    if (state.status === 'none') return null;
    const { category, committedOn, distinctViolation } = state.violation;
    return {
      caseId,
      track: state.track,
      violation: { category, committedOn, ...(distinctViolation ? { distinctViolation } : {}) },
      status: state.status,
      withinGrant: await this.scope.reaches(actor, state.orgUnitId),
    };
  }

  async view(caseId: string, actor: Actor, asOf?: Date) {
    const { state, revision } = await this.load(caseId, asOf);
    if (state.status !== 'none')
      await this.scope.assertReaches(actor, state.orgUnitId, `discipline case ${caseId}`);
    const { definition, ruleSet } = this.pinned(state);
    const day = asOf ? vietnamDay(asOf) : this.today();
    const view = disciplineView(
      state,
      definition,
      revision,
      actor,
      day,
      this.catalog.calendar,
      ruleSet,
      await this.concludedSince(state, asOf),
    );
    // As of a past moment nothing may be done: no action is offered (before: its actions then,
    // file-complaint or review-complaint, as if that moment were now).
    if (view && asOf) view.allowedNext = [];
    if (!view || state.status !== 'open') return view;
    const person = await this.registry.loadPerson(state.personId, asOf);
    return { ...view, ...heavierFormView(state, ruleSet, person.state, day) };
  }

  /**
   * For a view as of a moment its ballot had chosen a form and nothing was decided yet: whether
   * the case is decided by now, which makes that form public (as the histories judge it).
   */
  private async concludedSince(state: DisciplineState, asOf: Date | undefined): Promise<boolean> {
    if (!asOf || state.status !== 'open' || !state.ballot?.form) return false;
    return disciplineConcluded((await this.load(state.caseId)).state);
  }

  /**
   * A step of the case's pinned definition (its kind, its roles). The pins are the opening's (the stream's
   * first event, kept per process): the command that follows reads the whole stream once, this
   * does not read it again.
   */
  async stepOf(caseId: string, stepId: string): Promise<StepDefinition> {
    const opening = await this.origins.firstEvent(disciplineStream(caseId));
    if (!opening)
      throw new DomainRuleViolation(
        'case.not_found',
        `discipline case ${caseId} does not exist`,
        'not_found',
      );
    const state = disciplineDecider.evolve(disciplineDecider.initialState(), {
      type: opening.type,
      data: opening.data,
    });
    const step = this.pinned(state).definition.steps.find((s) => s.id === stepId);
    if (!step)
      throw new DomainRuleViolation(
        'step.unknown',
        `discipline case ${caseId} has no step "${stepId}"`,
        'not_found',
        'stepId',
      );
    return step;
  }
}

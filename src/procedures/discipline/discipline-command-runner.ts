import { PersonState } from '../../cadres/person/person.state';
import { holdsPostOn, postsHeldOn } from '../../cadres/person/posts-held-on';
import { Inject, Injectable } from '@nestjs/common';
import { RegistryService } from '../../cadres/registry.service';
import { runStreamCommand } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { CaseContextFactory } from '../case/case-context.factory';
import { CaseIdReservations } from '../case/case-id-reservations';
import { isTerritorial } from '../../cadres/org-unit-levels';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { refuseSupersededDefinition } from '../case/superseded-definition';
import { OpenDisciplineInput } from './commands/discipline-commands';
import { disciplineStream } from './discipline-stream';
import { ElectedPostOnRecord, electedCadreOnOpening } from './elected-cadre-status';
import { disciplineView } from './discipline-view';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import { DisciplineState } from './discipline.state';
import { DisciplineService, DisciplineWriteOptions } from './discipline.service';
import { heavierFormView } from './repeat-violation';
import { DisciplinePostHolding } from './discipline-post-holding';
import { OpeningViolationClaim } from './opening-violation-claim';

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;

/** The pins a command is decided under, and whose case it is. */
interface PinnedCase {
  definition: ProcedureDefinition;
  ruleSet: RuleSet;
  caseUnit: string;
  personId: string;
}

/**
 * The write path of every discipline command (the rows of `discipline-command-table.ts`): load
 * the case stream once, gather its context (the person's record, the caller's reach), decide,
 * append at the expected revision (If-Match).
 */
@Injectable()
export class DisciplineCommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contexts: CaseContextFactory,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly registry: RegistryService,
    private readonly caseIds: CaseIdReservations,
    private readonly cases: DisciplineService,
  ) {}

  async open(input: OpenDisciplineInput, options: DisciplineWriteOptions) {
    const definition = this.disciplineDefinition(input.definition);
    refuseSupersededDefinition(this.catalog, definition, this.cases.today());
    // One case id space: an id used by a case of another procedure is refused before any rule.
    await this.caseIds.assertFree(input.caseId, 'discipline');
    const ruleSet = this.catalog.ruleSetFor(definition, this.cases.today());
    if (!ruleSet)
      throw new Error(`no rule set is in force on ${this.cases.today()} for ${definition.id}`);
    const person = await this.assertSubjectsExist(input);
    // An elected cadre is one who holds a post filled by election (a commune's vice chair) on the
    // opening day; a cadre goes through their own body, not a discipline council.
    const electedCadre = electedCadreOnOpening(
      input,
      person.profile,
      await this.electedPostHeld(person, this.cases.today()),
    );
    return this.write(
      input.caseId,
      {
        type: 'OpenDisciplineCase',
        data: {
          caseId: input.caseId,
          personId: input.personId,
          positionId: input.positionId,
          orgUnitId: input.orgUnitId,
          electedCadre,
          ...(input.serviceStatus ? { serviceStatus: input.serviceStatus } : {}),
          violation: input.violation,
          summary: input.summary,
        },
      },
      options,
      () => ({ definition, ruleSet, caseUnit: input.orgUnitId, personId: input.personId }),
      () => this.caseIds.reserve(input.caseId, 'discipline', options.metadata),
    );
  }

  /** The definition an opening names, refused unless it is a discipline procedure. */
  private disciplineDefinition(requested: OpenDisciplineInput['definition']) {
    const definition = this.catalog.resolveDefinition(requested);
    if (definition && definition.procedure === 'discipline') return definition;
    const known = [...this.catalog.definitions.values()]
      .filter((d) => d.procedure === 'discipline')
      .map((d) => d.id);
    throw new DomainRuleViolation(
      'definition.unknown',
      `definition: "${requested}" is not a discipline procedure (use ${[...new Set(known)].join(' or ')})`,
      'invalid',
      'definition',
    );
  }

  /** A post filled by election that the person holds on `day` (taken up by then), if any. */
  private async electedPostHeld(
    person: RegisteredPerson,
    day: string,
  ): Promise<ElectedPostOnRecord | undefined> {
    const held = postsHeldOn(person, day);
    const positions = await Promise.all(
      held.map((post) => this.registry.findPosition(post.positionId)),
    );
    const at = positions.findIndex((position) => position?.filledBy === 'election');
    if (at < 0) return undefined;
    return { positionId: held[at].positionId, title: positions[at]!.title, from: held[at].from };
  }

  /** The unit, the person and (when named) the post an opening names exist in the registry. */
  private async assertSubjectsExist(input: OpenDisciplineInput): Promise<RegisteredPerson> {
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
    await this.assertUnitOverPerson(input.orgUnitId, person.state.profile.orgUnitId);
    // A violation is the person's: not before they were born (a mistyped year).
    if (input.violation.committedOn < person.state.profile.dateOfBirth)
      throw new DomainRuleViolation(
        'discipline.violation_before_birth',
        `violation.committedOn: ${input.violation.committedOn} is before ${input.personId} was born (${person.state.profile.dateOfBirth})`,
        'invalid',
        'violation.committedOn',
      );
    if (input.positionId && !holdsPostOn(person.state, input.positionId, this.cases.today())) {
      throw new DomainRuleViolation(
        'discipline.post_not_held',
        `positionId: ${input.personId} does not hold ${input.positionId}`,
        'unprocessable',
        'positionId',
      );
    }
    return person.state;
  }

  /**
   * A discipline case is run by the person's unit or one above it, or by an organ of a territory
   * the person works in (a ward's Party committee for a member in the ward's people's committee).
   * A unit elsewhere (a commune for a city department's official) has no authority over them,
   * and its staff would read a record their grant does not reach.
   */
  private async assertUnitOverPerson(caseUnit: string, personUnit: string): Promise<void> {
    const [person, unit] = await Promise.all([
      this.registry.findOrgUnit(personUnit),
      this.registry.findOrgUnit(caseUnit),
    ]);
    const path = person?.path ?? [personUnit];
    const territory = unit && !isTerritorial(unit.kind) ? unit.path.at(-2) : undefined;
    if (path.includes(caseUnit) || (territory !== undefined && path.includes(territory))) return;
    throw new DomainRuleViolation(
      'case.unit_without_authority',
      `orgUnitId: ${caseUnit} has no authority over ${personUnit}, the person's unit: open the case there, in a unit above it, or in an organ of a territory it lies in`,
      'unprocessable',
      'orgUnitId',
    );
  }

  async act(caseId: string, command: DisciplineCommand, options: DisciplineWriteOptions) {
    return this.write(caseId, command, options, (current) => {
      if (current.status === 'none')
        throw new DomainRuleViolation(
          'case.not_found',
          `discipline case ${caseId} does not exist`,
          'not_found',
        );
      return {
        ...this.cases.pinned(current),
        caseUnit: current.orgUnitId,
        personId: current.personId,
      };
    });
  }

  /** A decision naming the other track's case on the same violation: that case, read before deciding. */
  private async sameViolationCase(command: DisciplineCommand, options: DisciplineWriteOptions) {
    const body = command.type === 'PerformDisciplineStep' ? command.data.body : undefined;
    if (body?.kind !== 'decision' || !body.sameViolationCaseId) return {};
    return {
      sameViolationCase: await this.cases.sameViolationCase(
        body.sameViolationCaseId,
        options.actor,
      ),
    };
  }

  /** What the decider reads of the person's record. */
  private recordFacts(
    person: PersonState,
  ): Pick<
    DisciplineContext,
    'personStatuses' | 'gender' | 'partyMember' | 'postsHeld' | 'disciplineOnRecord'
  > {
    if (person.status !== 'registered') return { personStatuses: [] };
    return {
      personStatuses: person.statuses,
      gender: person.profile.gender,
      partyMember: person.profile.partyMember,
      postsHeld: postsHeldOn(person, this.cases.today()).map((post) => post.positionId),
      disciplineOnRecord: person.discipline,
    };
  }

  private async write(
    caseId: string,
    command: DisciplineCommand,
    options: DisciplineWriteOptions,
    pin: (state: DisciplineState) => PinnedCase,
    beforeAppend?: () => Promise<{ undo(): Promise<void> }>,
  ) {
    let pinned: { definition: ProcedureDefinition; ruleSet: RuleSet } | undefined;
    let person: PersonState | undefined;
    const holding = new DisciplinePostHolding(options.metadata, this.store);
    const claim = new OpeningViolationClaim(this.store, this.cases, options);
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
          const { caseUnit, personId, ...pins } = pin(state);
          pinned = pins;
          options.metadata.definitionVersion = `${pinned.definition.id}@${pinned.definition.version}`;
          options.metadata.ruleSet = pinned.ruleSet.id;
          const loaded = await this.registry.loadPerson(personId);
          person = loaded.state;
          const postHoldings = await holding.readFor(state, loaded.state, command);
          return {
            ...(await this.contexts.stepContext(options.actor, pinned, caseUnit)),
            ...this.recordFacts(loaded.state),
            ...(await this.sameViolationCase(command, options)),
            ...(await claim.otherCases(state, command, loaded.state, pins.definition)),
            ...(postHoldings ? { postHoldings } : {}),
          };
        },
        beforeAppend,
        // A decision or review ending or giving back a post records it on the post's holding.
        alongside: async (state, events) => ({
          appends: [...holding.plan(state, events), ...claim.plan()],
          undo: () => holding.withdrawIfWrittenAlone(),
        }),
      },
    );
    const pins = pinned ?? this.cases.pinned(result.state);
    const view = disciplineView(
      result.state,
      pins.definition,
      result.revision,
      options.actor,
      this.cases.today(),
      this.catalog.calendar,
      pins.ruleSet,
    );
    if (!view || !person) return view;
    return { ...view, ...heavierFormView(result.state, pins.ruleSet, person, this.cases.today()) };
  }
}

import { Injectable } from '@nestjs/common';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import type { RegistryReads } from '../../cadres/prefetched-registry';
import type { CaseIdReservations } from './case-id-reservations';
import { CaseContext } from './decider/case.context';
import { ExistingCase } from './decider/case.state';
import { PrerequisitePerson } from './decider/prerequisite-person';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import type { GoverningDeadline } from '../../workflow/step-engine';

/**
 * Where an opening's checks read, when not from the services themselves: a transfer batch reads
 * the case ids, people, posts and units of many entries at once and hands each opening these
 * (the same rules, judged on what the services would have answered a moment earlier).
 */
export interface OpeningReads {
  caseIds: Pick<CaseIdReservations, 'assertFree'>;
  registry: RegistryReads;
}

/** What a procedure's opening checks are given. */
export interface OpeningInput {
  personId: string;
  positionId: string;
  orgUnitId: string;
  definition: ProcedureDefinition;
  context: Omit<CaseContext, 'definition'>;
  /** What the request says the case rests on (removal grounds); the procedure checks it. */
  grounds?: Record<string, unknown>;
  /**
   * Where the opening checks read people, posts and units: the registry when absent, a bulk job's
   * prefetched copy when given (the same answers, read for many entries at once).
   */
  registry?: RegistryReads;
  /** The approval-in-principle case the opening names, if any. */
  approvalInPrincipleCaseId?: string;
  /** The inter-level consultation (hiệp y) case the opening names, if any. */
  consultationCaseId?: string;
}

/**
 * Another procedure's checks on a procedure's cases (approval in principle on an appointment):
 * at opening, with the facts they add, and before a step is performed. Both throw
 * DomainRuleViolation to refuse; neither writes.
 */
export interface ProcedureGate {
  onOpen?: (input: OpeningInput) => Promise<Record<string, unknown> | void>;
  beforeStep?: (input: {
    state: ExistingCase;
    stepId: string;
    context: CaseContext;
  }) => Promise<void>;
  /**
   * The person the case it names was asked for (null: it names none, or one about the post
   * alone): read before every command on the case, for its steps and their corrections to check.
   */
  personAskedFor?: (state: ExistingCase) => Promise<PrerequisitePerson | null>;
}

/** What a procedure module adds to the generic engine. */
export interface ProcedureModule {
  procedure: string;
  /** Definition ids this procedure accepts when a case is opened. */
  definitionIds: string[];
  /**
   * Other names a case of this module is opened under, each with the definitions it allows:
   * a transfer (điều động) is opened as `transfer` and runs as a rotation.
   */
  aliases?: Record<string, string[]>;
  /** Checks and facts when a case opens (e.g. the person holds a post); throws DomainRuleViolation. */
  onOpen?: (input: OpeningInput) => Promise<Record<string, unknown> | void>;
  /**
   * Whether `onOpen` judges the checks the definition names that every procedure shares
   * (`definitionOpeningRefusals`) among its own, in its own order, on the record it read: the
   * opening then does not judge them again after it (`ownThenDefinitionOpeningChecks`).
   */
  judgesDefinitionChecks?: boolean;
  /**
   * Whether the Party committee of a territory the post lies in may also run its cases (besides
   * the appointing authority, the post's unit and the units above them): see `unit-authority.ts`.
   */
  partyCommitteeOfTerritoryRuns?: boolean;
  /**
   * The legal time limit the opening's facts set for some of its steps (the resignation talk's,
   * counted from the letter): those steps are never due after it.
   */
  governingDeadline?: (
    facts: Record<string, unknown>,
    definition: ProcedureDefinition,
  ) => GoverningDeadline | null;
  /** The procedure's own term rule for its decision. */
  decisionTerm?: (
    context: CaseContext,
    state: ExistingCase,
  ) => Promise<CaseContext['decisionTerm']>;
}

/** Procedure modules register here at start; the cases API finds them by name. */
@Injectable()
export class ProcedureRegistry {
  private readonly modules = new Map<string, ProcedureModule>();
  private readonly openingNames = new Map<
    string,
    { module: ProcedureModule; definitionIds: string[] }
  >();

  private readonly gates = new Map<string, ProcedureGate[]>();

  /** Names another slice opens a registered procedure's cases under (see `addOpeningName`). */
  private readonly addedNames = new Map<string, { procedure: string; definitionIds: string[] }>();

  register(module: ProcedureModule): void {
    this.modules.set(module.procedure, module);
    this.openingNames.set(module.procedure, { module, definitionIds: module.definitionIds });
    for (const [alias, definitionIds] of Object.entries(module.aliases ?? {}))
      this.openingNames.set(alias, { module, definitionIds });
  }

  get(procedure: string): ProcedureModule | undefined {
    return this.modules.get(procedure);
  }

  /** The module that opens a case named `procedure` in a request, and the definitions it allows. */
  forOpening(procedure: string): { module: ProcedureModule; definitionIds: string[] } | undefined {
    const added = this.addedNames.get(procedure);
    const module = added ? this.modules.get(added.procedure) : undefined;
    if (added && module) return { module, definitionIds: added.definitionIds };
    return this.openingNames.get(procedure);
  }

  /**
   * As `forOpening`, refusing a name no case is opened under (400 procedure.unknown, naming
   * `field`: the request's field that gave it).
   */
  forOpeningOrRefuse(
    procedure: string,
    field = 'procedure',
  ): { module: ProcedureModule; definitionIds: string[] } {
    const opening = this.forOpening(procedure);
    if (opening) return opening;
    throw new DomainRuleViolation(
      'procedure.unknown',
      `${field}: "${procedure}" is not one of ${this.names().join(', ')}`,
      'invalid',
      field,
    );
  }

  /**
   * Another slice's way to open a registered procedure's cases (a competitive examination runs
   * as an appointment): its name and definitions, in any order of module start.
   */
  addOpeningName(name: string, procedure: string, definitionIds: string[]): void {
    this.addedNames.set(name, { procedure, definitionIds });
  }

  /** Adds another procedure's checks to a procedure's cases (in any order of module start). */
  addGate(procedure: string, gate: ProcedureGate): void {
    this.gates.set(procedure, [...(this.gates.get(procedure) ?? []), gate]);
  }

  gatesOf(procedure: string): ProcedureGate[] {
    return this.gates.get(procedure) ?? [];
  }

  /** The people the cases a case rests on were asked for, as its gates read them (none: {}). */
  async prerequisitePeople(
    procedure: string,
    state: ExistingCase,
  ): Promise<Pick<CaseContext, 'prerequisitePeople'>> {
    const read = this.gatesOf(procedure).map((gate) => gate.personAskedFor?.(state) ?? null);
    const people = (await Promise.all(read)).filter((p): p is PrerequisitePerson => !!p);
    return people.length ? { prerequisitePeople: people } : {};
  }

  /** Every name a case may be opened under. */
  names(): string[] {
    return [...new Set([...this.openingNames.keys(), ...this.addedNames.keys()])];
  }
}

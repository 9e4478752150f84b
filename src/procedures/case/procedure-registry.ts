import { Injectable } from '@nestjs/common';
import { CaseContext, DecisionTerm } from './decider/case.context';
import { ExistingCase } from './decider/case.state';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';

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
  onOpen?: (input: {
    personId: string;
    positionId: string;
    definition: ProcedureDefinition;
    context: Omit<CaseContext, 'definition'>;
    /** What the request says the case rests on (removal grounds); the procedure checks it. */
    grounds?: Record<string, unknown>;
  }) => Promise<Record<string, unknown> | void>;
  /** The procedure's own term rule for its decision. */
  decisionTerm?: (
    context: CaseContext,
    state: ExistingCase,
  ) => Promise<
    ((state: ExistingCase, effectiveFrom: string, years?: number) => DecisionTerm) | undefined
  >;
}

/** Procedure modules register here at start; the cases API finds them by name. */
@Injectable()
export class ProcedureRegistry {
  private readonly modules = new Map<string, ProcedureModule>();
  private readonly openingNames = new Map<
    string,
    { module: ProcedureModule; definitionIds: string[] }
  >();

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
    return this.openingNames.get(procedure);
  }

  /** Every name a case may be opened under. */
  names(): string[] {
    return [...this.openingNames.keys()];
  }
}

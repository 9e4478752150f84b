import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { Position, RegistryService } from '../../cadres/registry.service';
import { refuseUnlessPersonAndFillablePost } from '../appointment/elected-post';
import { CaseService } from './case.service';
import { CasesModule } from './cases.module';
import { existingPosition } from './opening-subjects';
import { PrerequisiteCase, loadPrerequisite } from './prerequisite-case';
import { PrerequisiteOpeningNames } from './prerequisite-opening';
import { OpeningInput, ProcedureModule, ProcedureRegistry } from './procedure-registry';

/** The post an appointment is for, with the kind of its appointing authority (null: not found). */
export type PostWithAuthority = Position & { appointingAuthorityKind: string | null };

/**
 * A procedure another one waits for (approval in principle, consultation): its own case for a
 * post and the proposed person, and the check it puts on the waiting procedure's cases.
 */
export interface PrerequisiteProcedure {
  names: PrerequisiteOpeningNames;
  definitionIds: string[];
  decisionTerm: NonNullable<ProcedureModule['decisionTerm']>;
  /** The procedure whose cases wait for this one (`appointment`). */
  gates: string;
  /** At the waiting case's opening: the facts it keeps, or a refusal (pure). */
  opening(input: {
    opening: OpeningInput;
    post: PostWithAuthority;
    named: string | undefined;
    prerequisite: PrerequisiteCase | null;
  }): Record<string, unknown>;
  /** Before the waiting case's first step and its decision: refuses until it is given (pure). */
  refuseUntilGiven(prerequisite: PrerequisiteCase, today: string): void;
}

const PREREQUISITE_PROCEDURE = Symbol('PREREQUISITE_PROCEDURE');

/** Registers the procedure and its gate at start. */
@Injectable()
class PrerequisiteProcedureRegistration implements OnModuleInit {
  constructor(
    @Inject(PREREQUISITE_PROCEDURE) private readonly procedure: PrerequisiteProcedure,
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
  ) {}

  onModuleInit(): void {
    const { names, definitionIds, decisionTerm } = this.procedure;
    this.procedures.register({
      procedure: names.procedure,
      definitionIds,
      onOpen: (opening) => refuseUnlessPersonAndFillablePost(this.registry, opening),
      decisionTerm,
    });
    this.procedures.addGate(this.procedure.gates, {
      onOpen: (opening) => this.checkOpening(opening),
      beforeStep: async ({ state, stepId, context }) => {
        const named = state.openFacts[names.field];
        const steps = context.definition.steps;
        const checked =
          stepId === steps[0]?.id || steps.find((s) => s.id === stepId)?.kind === 'decision';
        if (typeof named !== 'string' || !checked) return;
        const prerequisite = await this.load(named);
        if (prerequisite) this.procedure.refuseUntilGiven(prerequisite, context.today);
      },
    });
  }

  private async checkOpening(opening: OpeningInput): Promise<Record<string, unknown>> {
    const post = await existingPosition(this.registry, opening.positionId);
    const authority = await this.registry.findOrgUnit(post.appointingAuthority);
    const named = opening[this.procedure.names.field];
    return this.procedure.opening({
      opening,
      post: { ...post, appointingAuthorityKind: authority?.kind ?? null },
      named,
      prerequisite: named ? await this.load(named) : null,
    });
  }

  private load(caseId: string) {
    return loadPrerequisite((id) => this.cases.stateOf(id), caseId);
  }
}

@Module({})
class PrerequisiteProcedureModule {}

/** The module of one prerequisite procedure: its case on the generic engine, and its gate. */
export function prerequisiteProcedureModule(procedure: PrerequisiteProcedure): DynamicModule {
  return {
    module: PrerequisiteProcedureModule,
    imports: [CasesModule, CadresModule],
    providers: [
      { provide: PREREQUISITE_PROCEDURE, useValue: procedure },
      PrerequisiteProcedureRegistration,
    ],
  };
}

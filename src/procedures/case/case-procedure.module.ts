import { DynamicModule, Inject, Injectable, Module, OnModuleInit, Provider } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { OrgScope } from '../../identity/org-scope';
import { CaseService } from './case.service';
import { CasesModule } from './cases.module';
import { ProcedureGate, ProcedureModule, ProcedureRegistry } from './procedure-registry';

/** What a procedure's checks read when they run: the registry and other cases. */
export interface ProcedureServices {
  registry: RegistryService;
  cases: CaseService;
  /** Whose grant reaches which unit: what the case's unit may be told of another unit's case. */
  scope: OrgScope;
}

/** A procedure on the generic case engine, as its module gives it. */
export interface CaseProcedure {
  /** The procedure's own providers (its record commands' handlers, its saga's registration). */
  providers?: Provider[];
  /** The procedure as the engine runs it: definitions, opening checks, decision term. */
  procedure(services: ProcedureServices): ProcedureModule;
  /** The checks it puts on other procedures' cases, by the procedure they gate. */
  gates?(services: ProcedureServices): Record<string, ProcedureGate>;
}

const CASE_PROCEDURE = Symbol('CASE_PROCEDURE');

/** Registers the procedure and its gates with the engine at start. */
@Injectable()
class CaseProcedureRegistration implements OnModuleInit {
  constructor(
    @Inject(CASE_PROCEDURE) private readonly spec: CaseProcedure,
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
    private readonly scope: OrgScope,
  ) {}

  onModuleInit(): void {
    const services = { registry: this.registry, cases: this.cases, scope: this.scope };
    this.procedures.register(this.spec.procedure(services));
    for (const [gated, gate] of Object.entries(this.spec.gates?.(services) ?? {}))
      this.procedures.addGate(gated, gate);
  }
}

@Module({})
class CaseProcedureModule {}

/** The Nest module of one procedure on the generic case engine. */
export function caseProcedureModule(spec: CaseProcedure): DynamicModule {
  return {
    module: CaseProcedureModule,
    imports: [CasesModule, CadresModule],
    providers: [
      { provide: CASE_PROCEDURE, useValue: spec },
      CaseProcedureRegistration,
      ...(spec.providers ?? []),
    ],
  };
}

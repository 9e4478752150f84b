import { Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { refuseUnlessPersonAndFillablePost } from '../appointment/elected-post';
import { CaseService } from '../case/case.service';
import { CasesModule } from '../case/cases.module';
import { existingPosition } from '../case/opening-subjects';
import { loadPrerequisite } from '../case/prerequisite-case';
import { ProcedureRegistry } from '../case/procedure-registry';
import { agreementTerm, consultationOpening, refuseWithoutAgreement } from './consultation-rules';

/**
 * Inter-level consultation (hiệp y): its own case (`consultation-<id>` streams) for a post and the
 * proposed person, and the check it puts on appointment cases that need another body's agreement.
 */
@Module({ imports: [CasesModule, CadresModule] })
export class ConsultationModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'consultation',
      definitionIds: ['consultation.inter-level'],
      onOpen: (opening) => refuseUnlessPersonAndFillablePost(this.registry, opening),
      decisionTerm: async () => (_state, effectiveFrom) => agreementTerm(effectiveFrom),
    });
    this.procedures.addGate('appointment', {
      onOpen: async ({ positionId, context, consultationCaseId }) => {
        const post = await existingPosition(this.registry, positionId);
        const authority = await this.registry.findOrgUnit(post.appointingAuthority);
        return consultationOpening({
          ruleSet: context.ruleSet,
          post: { ...post, appointingAuthorityKind: authority?.kind ?? null },
          named: consultationCaseId,
          consultationCase: consultationCaseId ? await this.consultation(consultationCaseId) : null,
        });
      },
      beforeStep: async ({ state, stepId, context }) => {
        const named = state.openFacts.consultationCaseId;
        const step = context.definition.steps.find((s) => s.id === stepId);
        const checked = stepId === context.definition.steps[0]?.id || step?.kind === 'decision';
        if (typeof named !== 'string' || !checked) return;
        const consultation = await this.consultation(named);
        if (consultation) refuseWithoutAgreement(consultation, context.today);
      },
    });
  }

  private consultation(caseId: string) {
    return loadPrerequisite((id) => this.cases.stateOf(id), caseId);
  }
}

import { Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { refuseUnlessPersonAndFillablePost } from '../appointment/elected-post';
import { CaseService } from '../case/case.service';
import { CasesModule } from '../case/cases.module';
import { existingPosition } from '../case/opening-subjects';
import { ProcedureRegistry } from '../case/procedure-registry';
import { loadPrerequisite } from '../case/prerequisite-case';
import {
  approvalInPrincipleOpening,
  completionPeriod,
  refuseWithoutApproval,
} from './approval-in-principle-rules';

/**
 * Approval in principle (xin chủ trương): its own case (`approval_in_principle-<id>` streams) for
 * a post and the proposed person, and the check it puts on appointment cases that need it.
 */
@Module({ imports: [CasesModule, CadresModule] })
export class ApprovalInPrincipleModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    private readonly cases: CaseService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'approval_in_principle',
      definitionIds: ['approval.in-principle'],
      onOpen: (opening) => refuseUnlessPersonAndFillablePost(this.registry, opening),
      // The approval's term is the period the unit has to complete the appointment.
      decisionTerm: async (context) => (_state, effectiveFrom) =>
        completionPeriod(context.ruleSet, context.calendar, effectiveFrom),
    });
    this.procedures.addGate('appointment', {
      onOpen: async ({ positionId, orgUnitId, context, approvalInPrincipleCaseId }) => {
        const post = await existingPosition(this.registry, positionId);
        return approvalInPrincipleOpening({
          ruleSet: context.ruleSet,
          post,
          caseUnitId: orgUnitId,
          named: approvalInPrincipleCaseId,
          approvalCase: approvalInPrincipleCaseId
            ? await this.approvalCase(approvalInPrincipleCaseId)
            : null,
        });
      },
      beforeStep: async ({ state, stepId, context }) => {
        const named = state.openFacts.approvalInPrincipleCaseId;
        const steps = context.definition.steps;
        const checked =
          stepId === steps[0]?.id || steps.find((s) => s.id === stepId)?.kind === 'decision';
        if (typeof named !== 'string' || !checked) return;
        const approval = await this.approvalCase(named);
        if (approval) refuseWithoutApproval(approval, context.today);
      },
    });
  }

  private approvalCase(caseId: string) {
    return loadPrerequisite((id) => this.cases.stateOf(id), caseId);
  }
}

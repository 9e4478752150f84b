import { prerequisiteProcedureModule } from '../case/prerequisite-procedure.module';
import {
  CONSULTATION,
  agreementTerm,
  consultationOpening,
  refuseWithoutAgreement,
} from './consultation-rules';

/**
 * Inter-level consultation (hiệp y): its own case (`consultation-<id>` streams) for a post and the
 * proposed person, and the check it puts on appointment cases that need another body's agreement.
 */
export const ConsultationModule = prerequisiteProcedureModule({
  names: CONSULTATION,
  definitionIds: ['consultation.inter-level'],
  decisionTerm: async () => (_state, effectiveFrom) => agreementTerm(effectiveFrom),
  gates: 'appointment',
  opening: ({ opening, post, named, prerequisite }) =>
    consultationOpening({
      ruleSet: opening.context.ruleSet,
      post,
      named,
      consultationCase: prerequisite,
    }),
  refuseUntilGiven: refuseWithoutAgreement,
});

import { Module, OnModuleInit } from '@nestjs/common';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';

/** The definitions a competitive examination for a leadership post opens under. */
export const EXAM_DEFINITIONS = ['exam.leadership-post'];

/**
 * Competitive examination for a leadership post (thi tuyển chức danh lãnh đạo, quản lý) on the
 * case engine. It is a way of appointing: the case runs as an appointment that fills a post
 * (stream `appointment-<id>`), so the appointment's opening checks and gates (an elected post,
 * approval in principle) apply and its decision assigns the post to the winner through the
 * appointment's record workflow. What is the examination's own: registration with the post's
 * standards checked on each candidate's record, and the board's scores of each part
 * (`exam-registration.ts`, `exam-scores.ts`, `exam-winner.ts`).
 */
@Module({ imports: [CasesModule] })
export class CompetitiveExamModule implements OnModuleInit {
  constructor(private readonly procedures: ProcedureRegistry) {}

  onModuleInit(): void {
    this.procedures.addOpeningName('competitive_exam', 'appointment', EXAM_DEFINITIONS);
  }
}

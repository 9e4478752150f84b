import { ExpulsionProposal, FormBallotTally } from './form-ballot';
import { Violation } from './discipline.events';

export interface DisciplineStepBase {
  heldOn: string;
  minutesRef?: string;
  note?: string;
}

export type DisciplineStepBody =
  | ({ kind: 'meeting'; conclusion: string; violationConfirmed?: boolean } & DisciplineStepBase)
  | ({
      kind: 'ballot';
      tally: FormBallotTally;
      expulsionProposal?: ExpulsionProposal;
    } & DisciplineStepBase)
  | ({
      kind: 'decision';
      number: string;
      signer: string;
      form: string;
      effectiveFrom: string;
      /** The day the person received the decision (or it was announced to them); the complaint window runs from it. */
      servedOn?: string;
      /** The form came with relief from post (miễn nhiệm, cho thôi giữ chức vụ); its bar may differ. */
      relievedFromPost?: boolean;
      /** The other track's decided case on the same violation: the person carries the longer bar. */
      sameViolationCaseId?: string;
    } & DisciplineStepBase);

export type DisciplineCommand =
  | {
      type: 'OpenDisciplineCase';
      data: {
        caseId: string;
        personId: string;
        positionId: string | null;
        orgUnitId: string;
        electedCadre: boolean;
        violation: Violation;
        summary: string;
      };
    }
  | { type: 'PerformDisciplineStep'; data: { stepId: string; body: DisciplineStepBody } }
  /** Correct the last performed step (a mistyped tally): the corrected body and why. */
  | {
      type: 'CorrectDisciplineStep';
      data: { stepId: string; body: DisciplineStepBody; reason: string };
    }
  | { type: 'ExtendTimeLimit'; data: { reason: string } }
  | { type: 'FileComplaint'; data: { filedOn: string; grounds: string } }
  | {
      type: 'ReviewComplaint';
      data: {
        heldOn: string;
        number: string;
        outcome: 'keep' | 'change' | 'annul';
        form?: string;
        reason: string;
      };
    }
  | { type: 'CloseDisciplineCase'; data: { reason: string } }
  | { type: 'RecordTimeLimitMissed'; data: { dueOn: string; missedAt: string } };

import { ExpulsionProposal, FormBallotTally } from './form-ballot';
import { ServiceStatus, Violation } from './discipline.events';
import { CouncilResolution } from './electing-council';

export interface DisciplineStepBase {
  heldOn: string;
  minutesRef?: string;
  note?: string;
}

export type DisciplineStepBody =
  | ({
      kind: 'meeting';
      conclusion: string;
      violationConfirmed?: boolean;
      /** Later violations found (they restart the limitation period where the track says so). */
      laterViolationsOn?: string[];
      /** A skip path: no discipline council, on this ground (the rule set's list) and paper. */
      councilSkip?: { ground: string; reference: string };
    } & DisciplineStepBase)
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
      /** Civil service: why the authority decides another form than the council recommended. */
      reasonForDifferentForm?: string;
      /** The person's written request to be disciplined (ends the deferrals the rule set names). */
      personRequest?: { receivedOn: string; reference: string };
      /** The form came with relief from post (miễn nhiệm, cho thôi giữ chức vụ); its bar may differ. */
      relievedFromPost?: boolean;
      /** The other track's decided case on the same violation: the person carries the longer bar. */
      sameViolationCaseId?: string;
      /** A recall (bãi nhiệm): the electing council's resolution the decision carries out. */
      councilResolution?: CouncilResolution;
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
        /** Absent: an elected cadre is a cadre, anyone else a civil servant. */
        serviceStatus?: ServiceStatus;
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
  | {
      type: 'FileComplaint';
      data: {
        filedOn: string;
        grounds: string;
        complainantName?: string;
        /** The deciding body judged the case complex (vụ việc phức tạp): the longer time to resolve it. */
        complex?: boolean;
      };
    }
  | {
      type: 'ReviewComplaint';
      data: {
        heldOn: string;
        /** The day the complaint decision was announced; absent: its decision date. */
        servedOn?: string;
        number: string;
        outcome: 'keep' | 'change' | 'annul';
        form?: string;
        reason: string;
      };
    }
  | { type: 'CloseDisciplineCase'; data: { reason: string } }
  | { type: 'RecordTimeLimitMissed'; data: { dueOn: string; missedAt: string } };

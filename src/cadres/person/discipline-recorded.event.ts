import { WiderBarScope } from '../discipline-bar-scope';

/** A discipline decision on the person's record, written by the discipline-record saga. */
export interface DisciplineRecorded {
  type: 'DisciplineRecorded';
  data: {
    personId: string;
    caseId: string;
    track: 'party' | 'civil_service';
    form: string;
    decidedOn: string;
    effectiveFrom: string;
    decisionRef: string;
    /** Until when the person may not be appointed to a higher post; null when the form sets no bar. */
    barEndsOn: string | null;
    /** The posts the bar covers besides a higher one, and until when; absent: a higher post only. */
    barScope?: WiderBarScope;
    ruleSetId: string;
    violationCategory: string;
    /**
     * The day the violation was committed, on a discipline imported from paper whose row gave it
     * («Ngày vi phạm»): with the category it tells the violation apart, so a case or a later row on
     * it is refused (one discipline per violation and track). Absent on decided cases' records (the
     * case's stream has it) and on rows without it. An optional field added to v1 data, as
     * `inEffectUntil` and `serviceStatus` were: older events read the same, no upcaster.
     */
    violationCommittedOn?: string;
    orgUnitId: string;
    /**
     * The discipline's own validity (hiệu lực): its last day of effect, null when it has no end;
     * absent on records written before Dec 2026 (then the bar's end stands for it).
     */
    inEffectUntil?: string | null;
    /** The other track's discipline case on the same violation (the longer bar applies). */
    sameViolationCaseId?: string;
    /** A recall (bãi nhiệm) on paper: the electing council's resolution it carried out. */
    councilResolution?: { number: string; adoptedOn: string };
    /**
     * On the civil-service track, as whom the case ran the person: a cadre (cán bộ) or a civil
     * servant (công chức), as the case's `serviceStatus`; absent on the Party track, on records
     * written before Dec 2026 (then the case's opening says it) and on records imported before
     * Dec 2026 under «Khối» «Công chức» (now `civil_servant`; «Cán bộ» has `cadre`).
     */
    serviceStatus?: 'cadre' | 'civil_servant';
  };
}

import { DisciplineOnRecord, OpenCaseOnRecord } from './person/person.state';

/** Where a person stands on discipline on a day: bars still running and cases not decided (vetting reads it). */
export interface DisciplineStanding {
  /** Bars on a higher post still running on the day asked; `endsOn` null: the form has no end (expulsion, dismissal). */
  bars: { form: string; endsOn: string | null; decisionRef: string }[];
  openCasesPastVerification: string[];
  /** Every discipline case about the person not yet decided, closed or withdrawn. */
  openCases: string[];
}

/** Where a recorded discipline stands on a day. */
export function disciplineStatusOn(
  record: DisciplineOnRecord,
  day: string,
): 'in_effect' | 'expired' | 'annulled' {
  if (record.annulled && record.annulled.on <= day) return 'annulled';
  if (record.barEndsOn !== null && record.barEndsOn <= day) return 'expired';
  return 'in_effect';
}

/** The discipline part of a person's record, read as facts for a day. */
export function disciplineStandingFrom(
  discipline: DisciplineOnRecord[],
  openCases: OpenCaseOnRecord[],
  day: string,
): DisciplineStanding {
  return {
    bars: discipline
      .filter(
        (record) => record.decidedOn <= day && disciplineStatusOn(record, day) === 'in_effect',
      )
      .map((record) => ({
        form: record.form,
        endsOn: record.barEndsOn,
        decisionRef: record.decisionRef,
      })),
    openCasesPastVerification: openCases
      .filter((c) => c.procedure === 'discipline' && c.stage === 'past_verification')
      .map((c) => c.caseId),
    openCases: openCases.filter((c) => c.procedure === 'discipline').map((c) => c.caseId),
  };
}

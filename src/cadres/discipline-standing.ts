import { RunningBar } from './discipline-bar-scope';
import { DisciplineOnRecord, OpenCaseOnRecord } from './person/person.state';

/** Where a person stands on discipline on a day: bars still running and cases not decided (vetting reads it). */
export interface DisciplineStanding {
  /**
   * Bars still running on the day asked; `endsOn` null: the form has no end (expulsion, dismissal);
   * `scope`: the posts it covers besides a higher one.
   */
  bars: RunningBar[];
  openCasesPastVerification: string[];
  /** Every discipline case about the person not yet decided, closed or withdrawn. */
  openCases: string[];
}

/** The last day a recorded discipline has effect (hiệu lực); records written before it was recorded: the bar's end. */
export function inEffectUntil(record: DisciplineOnRecord): string | null {
  return record.inEffectUntil !== undefined ? record.inEffectUntil : record.barEndsOn;
}

/** Where a recorded discipline stands on a day, by its own validity (the bar is apart: `barredOn`). */
export function disciplineStatusOn(
  record: DisciplineOnRecord,
  day: string,
): 'in_effect' | 'expired' | 'annulled' {
  if (record.annulled && record.annulled.on <= day) return 'annulled';
  const until = inEffectUntil(record);
  if (until !== null && until <= day) return 'expired';
  return 'in_effect';
}

/** Whether a recorded discipline still bars a higher post on a day. */
export function barredOn(record: DisciplineOnRecord, day: string): boolean {
  if (record.annulled && record.annulled.on <= day) return false;
  return record.barEndsOn === null || record.barEndsOn > day;
}

/** The discipline part of a person's record, read as facts for a day. */
export function disciplineStandingFrom(
  discipline: DisciplineOnRecord[],
  openCases: OpenCaseOnRecord[],
  day: string,
): DisciplineStanding {
  return {
    bars: discipline
      .filter((record) => record.decidedOn <= day && barredOn(record, day))
      .map((record) => ({
        form: record.form,
        endsOn: record.barEndsOn,
        decisionRef: record.decisionRef,
        ...(record.barScope ? { scope: record.barScope } : {}),
      })),
    openCasesPastVerification: openCases
      .filter((c) => c.procedure === 'discipline' && c.stage === 'past_verification')
      .map((c) => c.caseId),
    openCases: openCases.filter((c) => c.procedure === 'discipline').map((c) => c.caseId),
  };
}

/** From which stage an open discipline case holds back an appointment (`appointment.disciplineCaseBarsFrom`). */
export type DisciplineCaseBarsFrom = 'opening' | 'violation_confirmed';

/** The open discipline cases that hold back an appointment to a higher post, by the rule set's stage. */
export function casesBarringAppointment(
  standing: { openCasesPastVerification: string[]; openCases: string[] },
  from: DisciplineCaseBarsFrom,
): string[] {
  return from === 'opening' ? standing.openCases : standing.openCasesPastVerification;
}

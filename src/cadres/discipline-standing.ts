import { RunningBar } from './discipline-bar-scope';
import { DisciplineOnRecord, OpenCaseOnRecord } from './person/person.state';
import { RuleSet } from '../workflow/rule-sets/rule-set';
import { barRuleOf } from './discipline-bar-rule';

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
  /**
   * The open cases the reader's grant does not reach, counted but not named (those lists leave
   * them out): they weigh as the others do.
   */
  elsewhere: DisciplineCasesElsewhere;
}

/** Where a discipline case out of a grant was opened: by a unit above the grant's, or another. */
export type OpenedOutOfGrant = 'above' | 'another';

/** How many open discipline cases out of a reader's grant they may not be told the ids of. */
export interface DisciplineCasesElsewhere {
  open: number;
  pastVerification: number;
  /**
   * How many of each were opened by a unit not above the reader's (a sibling's): absent on facts
   * recorded before it was kept, where each was told as opened by a unit above.
   */
  byAnotherUnit?: { open: number; pastVerification: number };
}

/** How a reader who may not be told a discipline case's id is told of it. */
export const CASE_OPENED_ABOVE = 'a discipline case opened by a unit above';
/** The same, for a case opened by a unit that is not above the reader's (a sibling's). */
export const CASE_OPENED_BY_ANOTHER_UNIT = 'a discipline case opened by another unit';

/** The open cases out of the grant holding back an appointment, each told without its id. */
export function casesElsewhereTold(
  elsewhere: DisciplineCasesElsewhere | undefined,
  from: DisciplineCaseBarsFrom,
): string[] {
  const count = casesElsewhereBarringAppointment(elsewhere, from);
  const another = casesByAnotherUnitBarringAppointment(elsewhere, from);
  return toldWithoutId(count, another);
}

/** How many of those (`casesElsewhereBarringAppointment`) a unit not above the reader's opened. */
export function casesByAnotherUnitBarringAppointment(
  elsewhere: DisciplineCasesElsewhere | undefined,
  from: DisciplineCaseBarsFrom,
): number {
  const byAnother = elsewhere?.byAnotherUnit;
  if (!byAnother) return 0;
  return from === 'opening' ? byAnother.open : byAnother.pastVerification;
}

/**
 * The open cases out of the grant not yet at the stage that holds back an appointment (opened,
 * not past verification, under `violation_confirmed`), each told without its id.
 */
export function casesElsewhereNotYetBarringTold(
  elsewhere: DisciplineCasesElsewhere | undefined,
  from: DisciplineCaseBarsFrom,
): string[] {
  const open = elsewhere?.open ?? 0;
  const another = elsewhere?.byAnotherUnit?.open ?? 0;
  return toldWithoutId(
    open - casesElsewhereBarringAppointment(elsewhere, from),
    another - casesByAnotherUnitBarringAppointment(elsewhere, from),
  );
}

/** `count` cases a reader may not name, `another` of them opened by a unit not above theirs. */
function toldWithoutId(count: number, another: number): string[] {
  return [
    ...Array<string>(Math.max(count - another, 0)).fill(CASE_OPENED_ABOVE),
    ...Array<string>(another).fill(CASE_OPENED_BY_ANOTHER_UNIT),
  ];
}

/**
 * How a count of open cases out of the grant reads in a refusal: "1 opened by a unit above",
 * "1 opened by another unit", or both; facts kept before `byAnotherUnit` say "by a unit above".
 */
export function countsElsewhereTold(count: number, byAnotherUnit = 0): string[] {
  const above = count - byAnotherUnit;
  return [
    ...(above > 0 ? [`${above} opened by a unit above`] : []),
    ...(byAnotherUnit > 0 ? [`${byAnotherUnit} opened by another unit`] : []),
  ];
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

/**
 * A discipline as a reason cites it: the decision's own number, and the complaint decision that
 * changed its form when one did ("12/QĐ-UBND as changed by 20/QĐ-UBND"); before, the review's
 * number alone stood for the decision.
 */
export const citedDecision = (record: Pick<DisciplineOnRecord, 'decisionRef' | 'revisedByRef'>) =>
  record.revisedByRef
    ? `${record.decisionRef} as changed by ${record.revisedByRef}`
    : record.decisionRef;

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
  /** The open cases the reader's grant does not reach, and by whom opened (`disciplineCasesOutOfGrant`). */
  outOfGrant: ReadonlyMap<string, OpenedOutOfGrant> = new Map(),
  /** The rule sets by id, where the reader has them: each bar cites its own (`RunningBar.rule`). */
  ruleSetOf: (id: string) => RuleSet | undefined = () => undefined,
): DisciplineStanding {
  const open = openCases.filter((c) => c.procedure === 'discipline');
  const past = open.filter((c) => c.stage === 'past_verification');
  const named = (cases: OpenCaseOnRecord[]) =>
    cases.filter((c) => !outOfGrant.has(c.caseId)).map((c) => c.caseId);
  const byAnother = (cases: OpenCaseOnRecord[]) =>
    cases.filter((c) => outOfGrant.get(c.caseId) === 'another').length;
  return {
    bars: discipline
      .filter((record) => record.decidedOn <= day && barredOn(record, day))
      .map((record) => {
        const rule = barRuleOf(ruleSetOf(record.ruleSetId), record);
        return {
          form: record.form,
          endsOn: record.barEndsOn,
          decisionRef: citedDecision(record),
          ...(record.barScope ? { scope: record.barScope } : {}),
          ...(rule ? { rule } : {}),
        };
      }),
    openCasesPastVerification: named(past),
    openCases: named(open),
    elsewhere: {
      open: open.length - named(open).length,
      pastVerification: past.length - named(past).length,
      byAnotherUnit: { open: byAnother(open), pastVerification: byAnother(past) },
    },
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

/** How many open discipline cases a reader may not name hold back an appointment, by the rule set's stage. */
export function casesElsewhereBarringAppointment(
  elsewhere: DisciplineCasesElsewhere | undefined,
  from: DisciplineCaseBarsFrom,
): number {
  if (!elsewhere) return 0;
  return from === 'opening' ? elsewhere.open : elsewhere.pastVerification;
}

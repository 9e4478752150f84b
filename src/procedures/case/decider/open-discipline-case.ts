import {
  casesBarringAppointment,
  casesElsewhereBarringAppointment,
  casesElsewhereTold,
  DisciplineCaseBarsFrom,
  DisciplineCasesElsewhere,
} from '../../../cadres/discipline-standing';
import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { refuse } from '../../../workflow/step-engine/refuse';
import { PersonFactsForVetting } from './case.context';

/** From which stage an open discipline case holds back an appointment. */
const BARS_FROM = 'appointment.disciplineCaseBarsFrom';

/**
 * The discipline cases about a person not yet decided, as a reader may be told of them: those
 * within reach by id, the others (a unit above or another unit opened them) only counted
 * (`disciplineStandingFrom`).
 */
export interface OpenDisciplineCases {
  /** Every open case, from its opening on. */
  openCases: string[];
  /** The open cases whose verification confirmed the violation. */
  openCasesPastVerification: string[];
  elsewhere?: DisciplineCasesElsewhere;
}

/** The open discipline cases of a person's vetting facts (a case's record of its person or candidate). */
export function openDisciplineCasesOf(facts: PersonFactsForVetting): OpenDisciplineCases {
  return {
    openCases: facts.pendingDisciplineCases ?? facts.openDisciplineCases,
    openCasesPastVerification: facts.openDisciplineCases,
    elsewhere: facts.disciplineCasesElsewhere,
  };
}

/**
 * Refuses an appointment's step while a discipline case about the person holds it back (from the
 * stage `appointment.disciplineCaseBarsFrom` names: Quy định 377-QĐ/TW's sets from its opening),
 * 422 `discipline.case_open` as the eligibility check names it: the opening naming the person,
 * a nomination naming them as a candidate, and the decision (a case opened since the vetting
 * cleared the person would otherwise let it through). Each case is named by its id, or told as "a
 * discipline case opened by a unit above" (or "by another unit") where the reader's grant does not reach it; `where`
 * says which step it is and which field names the person.
 */
export function refuseOpenDisciplineCase(
  personId: string,
  cases: OpenDisciplineCases | undefined,
  ruleSet: RuleSet,
  where: { step: string; field?: string },
): void {
  if (!cases || !ruleSet.params[BARS_FROM]) return;
  const barsFrom = ruleValue<DisciplineCaseBarsFrom>(ruleSet, BARS_FROM);
  const named = casesBarringAppointment(cases, barsFrom);
  const counted = casesElsewhereBarringAppointment(cases.elsewhere, barsFrom);
  if (named.length + counted === 0) return;
  const told = [
    ...named.map((caseId) => `discipline case ${caseId}`),
    ...casesElsewhereTold(cases.elsewhere, barsFrom),
  ];
  refuse(
    'discipline.case_open',
    `${where.field ? `${where.field}: ` : ''}${personId} is within the period of a discipline case (${told.join('; ')}), open${barsFrom === 'opening' ? '' : ' past verification'} (${ruleCitation(ruleSet, BARS_FROM)}): ${where.step} cannot go ahead until it is decided`,
    'unprocessable',
    where.field,
    { disciplineCases: named, disciplineCasesElsewhere: counted },
  );
}

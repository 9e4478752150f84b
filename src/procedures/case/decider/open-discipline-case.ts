import {
  CASE_OPENED_ABOVE,
  casesBarringAppointment,
  casesElsewhereBarringAppointment,
  DisciplineCaseBarsFrom,
} from '../../../cadres/discipline-standing';
import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { refuse } from '../../../workflow/step-engine/refuse';
import { PersonFactsForVetting } from './case.context';

/** From which stage an open discipline case holds back an appointment. */
const BARS_FROM = 'appointment.disciplineCaseBarsFrom';

/**
 * Refuses an appointment's step while a discipline case about the person holds it back (from the
 * stage `appointment.disciplineCaseBarsFrom` names: Quy định 377-QĐ/TW's sets from its opening),
 * 422 `discipline.case_open` as the eligibility check names it. A case opened since the vetting
 * cleared the person would otherwise let the decision through. Each case is named by its id, or
 * told as "a discipline case opened by a unit above" where the case's unit may not read it.
 */
export function refuseOpenDisciplineCase(
  personId: string,
  facts: PersonFactsForVetting | undefined,
  ruleSet: RuleSet,
  step: string,
): void {
  if (!facts || !ruleSet.params[BARS_FROM]) return;
  const barsFrom = ruleValue<DisciplineCaseBarsFrom>(ruleSet, BARS_FROM);
  const named = casesBarringAppointment(
    {
      openCasesPastVerification: facts.openDisciplineCases,
      openCases: facts.pendingDisciplineCases ?? facts.openDisciplineCases,
    },
    barsFrom,
  );
  const counted = casesElsewhereBarringAppointment(facts.disciplineCasesElsewhere, barsFrom);
  if (named.length + counted === 0) return;
  const cases = [
    ...named.map((caseId) => `discipline case ${caseId}`),
    ...Array<string>(counted).fill(CASE_OPENED_ABOVE),
  ];
  refuse(
    'discipline.case_open',
    `${personId} is within the period of a discipline case (${cases.join('; ')}), open${barsFrom === 'opening' ? '' : ' past verification'} (${ruleCitation(ruleSet, BARS_FROM)}): ${step} cannot go ahead until it is decided`,
    'unprocessable',
    undefined,
    { disciplineCases: named, disciplineCasesElsewhere: counted },
  );
}

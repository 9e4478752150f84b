import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths } from '../../workflow/rules/retirement';
import { LimitationJudgement, Violation } from './discipline.events';
import { valueOr } from './discipline.rules';

/**
 * The limitation period (thời hiệu) of a form, judged when the form is voted or decided (Party
 * practice: vote the form first, then apply its limitation): none for the forms and violation
 * kinds the rule set exempts (`discipline.limitationExemptCategories`): the violation's category,
 * or a kind the case knows otherwise (`alsoOfKinds`: a Party expulsion for the same violation);
 * where the track says so (`discipline.limitationRestartsOnNewViolation`), a later violation
 * within the running period restarts it from that violation's day.
 */
export function judgeLimitation(
  ruleSet: RuleSet,
  violation: Violation,
  form: string,
  judgedOn: string,
  alsoOfKinds: string[] = [],
): LimitationJudgement {
  const byForm = ruleValue<Record<string, number | null>>(ruleSet, 'discipline.limitationYears');
  if (byForm[form] === undefined)
    throw new Error(`rule set ${ruleSet.id} has no limitation period for ${form}`);
  // The whole sets vn-2022 and vn-2025 name their exempt kinds (since Dec 2026) but no restart.
  const exempt = valueOr<string[]>(ruleSet, 'discipline.limitationExemptCategories', []);
  const exemptCategory =
    [violation.category, ...alsoOfKinds].find((kind) => exempt.includes(kind)) ?? null;
  const years = exemptCategory ? null : byForm[form];
  const citations = [
    ruleCitation(ruleSet, 'discipline.limitationYears'),
    ...(exemptCategory ? [ruleCitation(ruleSet, 'discipline.limitationExemptCategories')] : []),
  ];
  let runsFrom = violation.committedOn;
  let restartedBy: string | null = null;
  const restarts = valueOr(ruleSet, 'discipline.limitationRestartsOnNewViolation', false);
  if (years !== null && restarts) {
    for (const later of [...(violation.laterViolationsOn ?? [])].sort()) {
      if (later > runsFrom && later <= addMonths(runsFrom, years * 12)) {
        runsFrom = later;
        restartedBy = later;
      }
    }
    if (restartedBy)
      citations.push(ruleCitation(ruleSet, 'discipline.limitationRestartsOnNewViolation'));
  }
  const endsOn = years === null ? null : addMonths(runsFrom, years * 12);
  return {
    form,
    years,
    runsFrom,
    restartedBy,
    exemptCategory,
    endsOn,
    judgedOn,
    expired: endsOn !== null && endsOn < judgedOn,
    citation: citations.join('; '),
  };
}

/** Why a judged limitation bars the form, in words an inspector reads. */
export function timeBarReason(judgement: LimitationJudgement): string {
  const restarted = judgement.restartedBy
    ? `, restarted by the later violation of ${judgement.restartedBy}`
    : '';
  return `the violation is confirmed but time-barred: its limitation period for ${judgement.form} is ${judgement.years} years from ${judgement.runsFrom}${restarted}, which ended on ${judgement.endsOn}; judged on ${judgement.judgedOn} (${judgement.citation})`;
}

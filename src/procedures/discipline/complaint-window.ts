import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { endOfPeriod, PeriodUnit } from '../../workflow/rules/rule-period';

/** How long the person has to complain and from which day: `served` is the day they received it. */
interface ComplaintWindowRule {
  amount: number;
  unit: PeriodUnit;
  from: 'served';
}

const RULE = 'discipline.complaintWindow';
/** The whole sets pinned before windows were set per track hold one figure in months. */
const LEGACY_RULE = 'discipline.complaintWindowMonths';

function windowRule(ruleSet: RuleSet): { rule: ComplaintWindowRule; name: string } {
  if (ruleSet.params[RULE])
    return { rule: ruleValue<ComplaintWindowRule>(ruleSet, RULE), name: RULE };
  return {
    rule: { amount: ruleValue<number>(ruleSet, LEGACY_RULE), unit: 'months', from: 'served' },
    name: LEGACY_RULE,
  };
}

export function complaintWindowCitation(ruleSet: RuleSet): string {
  return ruleCitation(ruleSet, windowRule(ruleSet).name);
}

/**
 * The last day to complain about a decision: the track's window counted from the day the person
 * received the decision (the signing day when that is not given); a window in days or months that
 * ends on a day off ends on the next working day.
 */
export function complaintWindowEnd(
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
  servedOn: string,
): string {
  const { rule } = windowRule(ruleSet);
  return endOfPeriod(calendar, servedOn, rule.amount, rule.unit);
}

/** A second complaint's window (khiếu nại lần hai): so many units from the first review, longer for some forms. */
interface SecondComplaintRule {
  amount: number;
  unit: PeriodUnit;
  from: 'served';
  byForm?: Record<string, number>;
}

const SECOND_RULE = 'discipline.secondComplaintWindow';

/** Until when the person may complain about a decision, and under which rule; null: no further complaint. */
export function complaintDeadline(
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
  decision: { complaintWindowEndsOn: string },
  reviews: { heldOn: string; form: string | null }[],
  form: string,
): { endsOn: string; citation: string; second: boolean } | null {
  const last = reviews.at(-1);
  if (!last) {
    return {
      endsOn: decision.complaintWindowEndsOn,
      citation: complaintWindowCitation(ruleSet),
      second: false,
    };
  }
  // Sets pinned before the second window was a parameter: the first window only.
  if (!ruleSet.params[SECOND_RULE] || reviews.length > 1) return null;
  const rule = ruleValue<SecondComplaintRule | null>(ruleSet, SECOND_RULE);
  if (!rule) return null;
  const amount = rule.byForm?.[form] ?? rule.amount;
  return {
    endsOn: endOfPeriod(calendar, last.heldOn, amount, rule.unit),
    citation: ruleCitation(ruleSet, SECOND_RULE),
    second: true,
  };
}

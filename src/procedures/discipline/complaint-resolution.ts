import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { endOfPeriod, PeriodUnit } from '../../workflow/rules/rule-period';

/** The time to resolve one round of complaint: ordinary, and for a complex case (vụ việc phức tạp). */
interface RoundPeriod {
  amount: number;
  complex: number;
}

/**
 * How long the deciding body has to resolve a complaint against its decision: so many units from
 * the complaint's acceptance (thụ lý), itself due within `acceptWithin` days of its receipt; the
 * first complaint (lần đầu) and a second one (lần hai, against the first's resolution) each have
 * their own period, longer for a complex case.
 */
interface ComplaintResolutionRule {
  unit: PeriodUnit;
  from: 'accepted';
  acceptWithin: number;
  first: RoundPeriod;
  second: RoundPeriod;
}

/** Which complaint is counted: a second one (after a review of the first) and whether it is complex. */
export interface ComplaintRound {
  second: boolean;
  complex: boolean;
}

const RULE = 'discipline.complaintResolution';

/**
 * The day a complaint received on `receivedOn` must be resolved by, with the rule's citation: the
 * period of its round (first or second) and kind (ordinary or complex); null
 * when the rule set sets no period (the Party track, where none was found, and sets pinned before
 * the parameter existed). The acceptance is not recorded, so the period runs from the last day
 * the law allows for it: the latest lawful day of the review.
 */
export function complaintResolutionDue(
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
  receivedOn: string,
  round: ComplaintRound,
): { dueOn: string; citation: string } | null {
  if (!ruleSet.params[RULE]) return null;
  const rule = ruleValue<ComplaintResolutionRule | null>(ruleSet, RULE);
  if (!rule) return null;
  const acceptedBy = endOfPeriod(calendar, receivedOn, rule.acceptWithin, 'days');
  const period = round.second ? rule.second : rule.first;
  const amount = round.complex ? period.complex : period.amount;
  return {
    dueOn: endOfPeriod(calendar, acceptedBy, amount, rule.unit),
    citation: ruleCitation(ruleSet, RULE),
  };
}

/**
 * The due day of a complaint under review, as the case shows it: the day counted when it was
 * filed, with the rule's citation; null when none was counted (no period set, or a complaint
 * recorded before the day was counted, which the inbox shows without a day too). `provisional`:
 * the day was counted through a year whose official holiday schedule is not published yet, as a
 * step's deadline is (WorkingDayCalendar.isProvisionalBetween), so it may move when it is.
 */
export function complaintUnderReviewDue(
  ruleSet: RuleSet,
  calendar: WorkingDayCalendar,
  complaint: {
    filedOn: string;
    reviewDueOn?: string | null;
    second?: boolean;
    complex?: boolean;
  } | null,
): { dueOn: string; citation: string; provisional: boolean } | null {
  if (!complaint?.reviewDueOn) return null;
  const counted = complaintResolutionDue(ruleSet, calendar, complaint.filedOn, {
    second: complaint.second ?? false,
    complex: complaint.complex ?? false,
  });
  return (
    counted && {
      dueOn: complaint.reviewDueOn,
      citation: counted.citation,
      provisional: calendar.isProvisionalBetween(complaint.filedOn, complaint.reviewDueOn),
    }
  );
}

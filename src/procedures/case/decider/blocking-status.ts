import { appointmentBlockingStatuses } from '../../../cadres/blocking-statuses';
import { PersonStatusPeriod } from '../../../cadres/person/person.state';
import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { refuse } from '../../../workflow/step-engine/refuse';

/**
 * Refuses an appointment of a person whose status holds it back on the day (under
 * investigation: `appointment.blockingStatuses`), 422 under the eligibility check's rule
 * (`status.under_investigation`), naming the status, its period and the rule; `where` says which
 * step names them ("the opening", "the nomination", "the decision").
 */
export function refuseBlockingStatus(
  personId: string,
  statuses: readonly PersonStatusPeriod[] | undefined,
  on: { ruleSet: RuleSet; day: string },
  where: { step: string; field?: string },
): void {
  const [blocking] = appointmentBlockingStatuses(statuses ?? [], on.ruleSet, on.day);
  if (!blocking) return;
  refuse(
    blocking.rule,
    `${where.field ? `${where.field}: ` : ''}${personId} is ${blocking.reason} on ${on.day}: ${where.step} cannot go ahead while it lasts; the competent authority decides the cases the rule leaves to it`,
    'unprocessable',
    where.field,
    { status: { status: blocking.status, from: blocking.from, until: blocking.until } },
  );
}

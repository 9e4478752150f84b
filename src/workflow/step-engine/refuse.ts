import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

/** Refuses a command: the stable rule name, the reason with its numbers, how the API answers. */
export function refuse(
  rule: string,
  message: string,
  category: DomainRuleViolation['category'],
  field?: string,
  details?: Record<string, unknown>,
): never {
  throw new DomainRuleViolation(rule, message, category, field, details);
}

import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/** What is wrong with one entry of a batch: its index, the field as the body names it, the rule. */
export interface TransferBatchProblem {
  index: number;
  field: string;
  rule: string;
  message: string;
}

/** Fields of the batch itself, which every entry is opened with: a refusal of one names it as sent. */
const BATCH_FIELDS: ReadonlySet<string> = new Set(['definition']);

/** The problem a refusal of entry `index` makes; a refusal that names no field points at the person. */
export function entryProblem(index: number, violation: DomainRuleViolation): TransferBatchProblem {
  const field = violation.field ?? 'personId';
  const [, rest] = /^[A-Za-z]+: (.*)$/s.exec(violation.message) ?? [null, violation.message];
  const path = BATCH_FIELDS.has(field) ? field : `entries[${index}].${field}`;
  return { index, field: path, rule: violation.rule, message: `${path}: ${rest}` };
}

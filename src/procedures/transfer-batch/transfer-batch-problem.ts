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

/**
 * A batch naming an id outside the grant is refused as any route is (403), with every entry's
 * problem listed, those outside the grant and the others: nothing was opened.
 */
export function refuseOutOfScope(
  outOfScope: TransferBatchProblem[],
  problems: TransferBatchProblem[],
): void {
  if (outOfScope.length)
    throw new DomainRuleViolation(
      'scope.out_of_scope',
      `${outOfScope[0].message}; ${outOfScope.length} entry(ies) name a unit, post or person outside your grant, ${problems.length} other problem(s) in the batch (each in errors), nothing was opened`,
      'forbidden',
      outOfScope[0].field,
      { errors: [...outOfScope, ...problems].sort((a, b) => a.index - b.index) },
    );
}

/** A batch with a bad entry opens nothing: every problem is listed. */
export function refuseInvalid(problems: TransferBatchProblem[]): void {
  if (problems.length)
    throw new DomainRuleViolation(
      'transfer_batch.invalid_entries',
      `entries: ${problems.length} problem(s) in the batch; nothing was opened (every one is listed in errors)`,
      'unprocessable',
      'entries',
      { errors: problems },
    );
}

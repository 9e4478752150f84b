import { DomainRuleViolation } from './decider/domain-rule-violation';
import { PrerequisiteCase, PrerequisiteNames } from './prerequisite-case';

/** How an appointment names a prerequisite case of one procedure, and how refusals name it. */
export interface PrerequisiteOpeningNames extends PrerequisiteNames {
  /** The prerequisite's own procedure (`approval_in_principle`). */
  procedure: string;
  /** The opening's field that names the case; the waiting case keeps it in its facts. */
  field: 'approvalInPrincipleCaseId' | 'consultationCaseId';
  /** "an approval-in-principle case" */
  kind: string;
  /** How a refusal tells to open one: "an approval_in_principle case". */
  toOpen: string;
  /** What the prerequisite asks for a post: "approval", "agreement". */
  asks: string;
}

/**
 * At an appointment's opening: a case it needs (`neededBecause` says why, or null) must be named,
 * must be one of the prerequisite's procedure and for the same post; the waiting case keeps the
 * name in its facts for the checks before its steps. Refusals are `<rule>_required`,
 * `_not_found`, `_other_post`, on the field.
 */
export function prerequisiteOpening(
  names: PrerequisiteOpeningNames,
  input: {
    postId: string;
    named: string | undefined;
    prerequisite: PrerequisiteCase | null;
    neededBecause: () => string | null;
  },
): Record<string, unknown> {
  const { postId, named, prerequisite } = input;
  const refuse = (refusal: string, message: string) =>
    new DomainRuleViolation(
      `${names.rule}_${refusal}`,
      `${names.field}: ${message}`,
      'unprocessable',
      names.field,
    );
  if (named === undefined) {
    const because = input.neededBecause();
    if (because === null) return {};
    throw refuse('required', `${because}; open ${names.toOpen} and name it`);
  }
  if (!prerequisite || prerequisite.procedure !== names.procedure)
    throw refuse('not_found', `${named} is not ${names.kind}`);
  if (prerequisite.positionId !== postId)
    throw refuse(
      'other_post',
      `${named} asks ${names.asks} for ${prerequisite.positionId}, not ${postId}`,
    );
  return { [names.field]: named };
}

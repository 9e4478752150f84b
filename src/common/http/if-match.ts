import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

/**
 * The revision a client says it last read (`If-Match: "3"`, weak or bare forms too): a write
 * with it fails with 409 when the stream has moved since. A header that names no revision is a
 * 400 naming the header, so a typo never turns into an unchecked write.
 */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match)
    throw new DomainRuleViolation(
      'header.if_match',
      'If-Match: the revision you last read (the case\'s, or the record\'s `revision`), e.g. "3"',
      'invalid',
      'If-Match',
    );
  return Number(match[1]);
}

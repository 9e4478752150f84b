import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

/**
 * The revision a client says it last read: the `ETag` a read answered (`"3.<digest>"`, see
 * viewEntityTag) or the bare revision (`"3"`), weak or unquoted forms too. Only the revision is
 * compared; the digest names one reader's body of it, and any reader's body of revision 3 is
 * revision 3. A write with it fails with 409 when the stream has moved since. A header that
 * names no revision is a 400 naming the header, so a typo never turns into an unchecked write.
 */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)(?:\.[\w-]+)?"?$/.exec(value.trim());
  if (!match)
    throw new DomainRuleViolation(
      'header.if_match',
      'If-Match: the ETag you last read, or its revision (the case\'s, or the record\'s `revision`), e.g. "3"',
      'invalid',
      'If-Match',
    );
  return Number(match[1]);
}

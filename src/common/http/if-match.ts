import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';

/** `"<revision>"` or `"<revision>.<digest>"` (viewEntityTag's 16 base64url characters), quotes optional. */
const STRONG_TAG = /^"?(\d+)(?:\.[A-Za-z0-9_-]{16})?"?$/;

function refused(message: string): DomainRuleViolation {
  return new DomainRuleViolation('header.if_match', `If-Match: ${message}`, 'invalid', 'If-Match');
}

/**
 * The revision a client says it last read: the `ETag` a read answered (`"3.<digest>"`, see
 * viewEntityTag) or the bare revision (`"3"`). Only the revision is compared; the digest names one
 * reader's body of it (so a browser never revalidates another sign-in's body), and any reader's
 * body of revision 3 is revision 3. A write with it fails with 409 when the stream has moved since.
 * A header that names no revision is a 400 naming the header, so a typo never turns into an
 * unchecked write: a weak tag too, since If-Match compares strongly and a weak tag never matches
 * (RFC 9110 §13.1.1), a digest not of the form the service answers, and a revision past 2^53 − 1
 * (no stream has it, and it would be read rounded). `*` matches any current representation
 * (RFC 9110 §13.1.1): undefined, as without the header, so the write checks no revision; a write
 * to a case or record that does not exist is refused as it is without the header.
 */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const tag = value.trim();
  if (tag === '*') return undefined;
  if (tag.startsWith('W/'))
    throw refused(
      `a weak entity tag (${tag}) never matches: If-Match uses strong comparison (RFC 9110 §13.1.1); send the ETag as it was answered, e.g. "3"`,
    );
  const match = STRONG_TAG.exec(tag);
  if (!match)
    throw refused(
      'the ETag you last read, or its revision (the case\'s, or the record\'s `revision`), e.g. "3"',
    );
  const revision = Number(match[1]);
  if (!Number.isSafeInteger(revision))
    throw refused(
      `revision ${match[1]} is beyond any revision (at most ${Number.MAX_SAFE_INTEGER}); send the ETag you last read`,
    );
  return revision;
}

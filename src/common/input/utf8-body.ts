import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';
import { noteRepeatedKey } from './repeated-keys';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A refusal body-parser passes on as a 400 (`status`; without it, a throwing verify hook is a 403). */
class BodyRefusal extends DomainRuleViolation {
  readonly status = 400;

  constructor(rule: string, message: string) {
    super(rule, message, 'invalid', 'body');
  }
}

/** Length of the longest prefix that is valid UTF-8: where the first bad sequence ends at the latest. */
function firstInvalidByte(raw: Buffer): number {
  let low = 0;
  let high = raw.length;
  // The longest valid prefix, found by halving: decoding is fatal at the first bad byte.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(raw.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}

/**
 * The JSON parser's `verify` hook: the raw body must be UTF-8. Left to itself the parser turns
 * invalid bytes into U+FFFD and the damaged text would be stored as if the user had typed it.
 * The decoded text is also where a key given twice can still be seen (`noteRepeatedKey`).
 */
export function verifyUtf8Body(
  request: object,
  _response: unknown,
  raw: Buffer,
  encoding: string | null,
): void {
  if (encoding !== null && !/^utf-?8$/i.test(encoding))
    throw new BodyRefusal(
      'body.charset',
      `the body must be UTF-8 JSON; Content-Type names charset ${encoding}`,
    );
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    throw new BodyRefusal(
      'body.invalid_utf8',
      `the body is not valid UTF-8 (near byte ${firstInvalidByte(raw)}); send text encoded as UTF-8`,
    );
  }
  noteRepeatedKey(request, text);
}

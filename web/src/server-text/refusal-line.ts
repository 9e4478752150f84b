/**
 * A refusal on one line, its rule then its message: "Không đủ túc số: 5/9 thành viên có mặt, …".
 * A message that already opens with the rule's words (the quorum's does) is not prefixed again
 * (before: "Không đủ túc số: Không đủ túc số: 5/9 …").
 */
export function refusalLine(rule: string | null, message: string): string {
  if (!rule) return message;
  return `${rule}: ${withoutRulePrefix(rule, message)}`;
}

/** The message without the rule's own words at its start (and the colon after them). */
export function withoutRulePrefix(rule: string, message: string): string {
  const opening = message.slice(0, rule.length);
  if (opening.toLocaleLowerCase('vi') !== rule.toLocaleLowerCase('vi')) return message;
  const rest = message.slice(rule.length).replace(/^\s*[:—-]\s*/, '');
  return rest || message;
}

/**
 * The day a renewed or extended term begins: the day the current term ends (its `termEnd`, the
 * day the next term takes over: a term runs 5 years from the day its decision takes effect, so it
 * ends on the anniversary the next one starts on; `TERM_RENEWED_AT_ITS_END`), or the decision's
 * own day when it is taken after that. An earlier day cuts the current term short
 * (`*.starts_before_term_end`); a later one leaves the post without its holder in between.
 */
export function termContinuesOn(termEnd: string, decidedOn: string): string {
  return decidedOn > termEnd ? decidedOn : termEnd;
}

/** Why the decision must take effect on that day, for a refusal's message. */
export function continuationWords(termEnd: string, decidedOn: string): string {
  return decidedOn > termEnd
    ? `the decision of ${decidedOn} was taken after the term ended on ${termEnd}: it takes effect on its own day`
    : `the decision of ${decidedOn} was taken before the term ends: it takes effect on ${termEnd}, the day the term ends`;
}

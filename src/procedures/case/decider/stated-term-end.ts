/**
 * The end of the term a decision states. Every procedure's decision states one except a transfer
 * (điều động) whose decision gives no period; a record workflow that needs the day and finds none
 * is a defect, named with the decision.
 */
export function statedTermEnd(decision: { number: string; termEnd?: string }): string {
  if (decision.termEnd === undefined)
    throw new Error(`decision ${decision.number} states no term end`);
  return decision.termEnd;
}

/** How the API answers a refusal: 409 state conflict, 422 rule refusal, 400 bad input, 403, 404. */
export type RefusalCategory = 'conflict' | 'unprocessable' | 'invalid' | 'forbidden' | 'not_found';

/** A refused command: the stable name of the rule that refused it and the reason with its numbers. */
export class DomainRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly category: RefusalCategory,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

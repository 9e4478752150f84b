/** A refused registry change: which rule refused it and how the API should answer. */
export class RegistryRuleViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly category: 'conflict' | 'unprocessable' | 'invalid' | 'not_found',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RegistryRuleViolation';
  }
}

import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';
import { Language } from './accept-language';

/**
 * Input that failed its DTO: `body.invalid` (or `query.invalid` for query parameters) naming the
 * field, with the message in every language we write.
 */
export class InvalidBody extends DomainRuleViolation {
  constructor(
    field: string,
    readonly messages: Record<Language, string>,
    where: 'body' | 'query' = 'body',
  ) {
    super(`${where}.invalid`, messages.en, 'invalid', field);
    this.name = 'InvalidBody';
  }
}

/** The message of an error in the caller's language, when the error was written in it. */
export function translatedMessage(error: unknown, language: Language): string | undefined {
  return error instanceof InvalidBody ? error.messages[language] : undefined;
}

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
    /** A rule more precise than `body.invalid` (a multipart body's own limits). */
    rule = `${where}.invalid`,
    /** Every field refused, when more than the one named (each bad entry of a list). */
    refused?: { fields: string[] },
  ) {
    super(
      rule,
      messages.en,
      'invalid',
      field,
      refused && refused.fields.length > 1 ? { refusedFields: refused.fields } : undefined,
    );
    this.name = 'InvalidBody';
  }
}

/** The message of an error in the caller's language, when the error was written in it. */
export function translatedMessage(error: unknown, language: Language): string | undefined {
  return error instanceof InvalidBody ? error.messages[language] : undefined;
}

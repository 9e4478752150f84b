import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidBody } from './problems/invalid-body';
import { Messages, validationMessages } from './problems/validation-messages';

/** The first problem of a class-validator result, with the field's full path (`violation.source`, `items[2].note`). */
export function firstValidationProblem(
  errors: ValidationError[],
  prefix = '',
): { field: string; message: string; messages: Messages } {
  const error = errors[0];
  const field = `${prefix}${error.property}`;
  if (error.constraints) {
    const [constraint, raw] = Object.entries(error.constraints).pop()!;
    const messages = validationMessages(error, field, constraint, raw);
    return { field, message: messages.en, messages };
  }
  return firstValidationProblem(
    error.children ?? [],
    /^\d+$/.test(error.property) ? `${prefix.replace(/\.$/, '')}[${error.property}].` : `${field}.`,
  );
}

/** Says whether the invalid input was the body or the query, so the rule does not mislead. */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof InvalidBody && metadata.type === 'query')
        throw new InvalidBody(error.field!, error.messages, 'query');
      throw error;
    }
  }
}

/** Bodies are checked against their DTO: unknown fields are refused, the answer names the field. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    // The value tells a missing field from a wrong one; it is never echoed to the client.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const problem = firstValidationProblem(errors);
      return new InvalidBody(problem.field, problem.messages);
    },
  });
}

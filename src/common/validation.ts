import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Bodies are checked against their DTO: unknown fields are refused, the answer names the field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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

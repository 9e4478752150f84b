import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';

/** The first problem of a class-validator result, with the field's full path (`violation.source`, `items[2].note`). */
export function firstValidationProblem(
  errors: ValidationError[],
  prefix = '',
): { field: string; message: string } {
  const error = errors[0];
  const field = `${prefix}${error.property}`;
  if (error.constraints) {
    const raw = Object.values(error.constraints)
      .pop()!
      .replace(/^property (\S+) should not exist$/, '$1: unknown field');
    return {
      field,
      message: raw.startsWith(error.property) ? `${prefix}${raw}` : `${field}: ${raw}`,
    };
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problem = firstValidationProblem(errors);
      return new DomainRuleViolation('body.invalid', problem.message, 'invalid', problem.field);
    },
  });
}

import {
  ArgumentMetadata,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
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

/**
 * A body's DTO class and a hand-written check of it: the checked body as the pipe would hand it
 * on, or null to let class-validator judge (and word the 400). For bodies too large for
 * class-validator to be cheap; the check must accept exactly what the DTO's decorators accept.
 */
export type BodyChecksByHand = ReadonlyMap<unknown, (body: unknown) => unknown>;

/** Says whether the invalid input was the body or the query, so the rule does not mislead. */
class InputValidationPipe extends ValidationPipe {
  constructor(
    options: ValidationPipeOptions,
    private readonly byHand: BodyChecksByHand,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checkByHand = metadata.type === 'body' ? this.byHand.get(metadata.metatype) : undefined;
    const accepted = checkByHand?.(value);
    if (accepted) return accepted;
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
export function createValidationPipe(byHand: BodyChecksByHand = new Map()): ValidationPipe {
  return new InputValidationPipe(
    {
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
    },
    byHand,
  );
}

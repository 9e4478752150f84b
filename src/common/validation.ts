import {
  ArgumentMetadata,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { InvalidBody } from './problems/invalid-body';
import { Messages, validationMessages } from './problems/validation-messages';

/**
 * A property's place in a field's path: a list's entry in brackets (`entries[0]`), a field after
 * a dot (`violation.source`), as every refusal names fields. Before, an entry refused itself (a
 * null in a list of objects) was named `entries.0`.
 */
function fieldPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** The first problem of a class-validator result, with the field's full path (`violation.source`, `items[2].note`). */
export function firstValidationProblem(
  errors: ValidationError[],
  parent = '',
): { field: string; message: string; messages: Messages } {
  const error = errors[0];
  const field = fieldPath(parent, error.property);
  if (error.constraints) {
    const [constraint, raw] = Object.entries(error.constraints).pop()!;
    const messages = validationMessages(error, field, constraint, raw);
    return { field, message: messages.en, messages };
  }
  return firstValidationProblem(error.children ?? [], field);
}

/**
 * Every field a class-validator result refuses, each by its path (`entries[0]`,
 * `entries[2].personId`): a list's bad entries are each named, not only the first the message
 * words.
 */
export function refusedFields(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const field = fieldPath(parent, error.property);
    return error.constraints ? [field] : refusedFields(error.children ?? [], field);
  });
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
        return new InvalidBody(problem.field, problem.messages, 'body', undefined, {
          fields: refusedFields(errors),
        });
      },
    },
    byHand,
  );
}

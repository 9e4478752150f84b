import { ValidateBy, ValidationOptions } from 'class-validator';

/** A tab or a line break: a name or a title is one line (free text such as a reason may hold them). */
export const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

/**
 * A name or a title on one line: a tab or a line break in it ("Nguyễn\tVăn\nX") would be stored
 * and then break every list, export and letter that prints it.
 */
export function OneLine(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'oneLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !LINE_BREAK_OR_TAB.test(value),
        defaultMessage: () => '$property must be one line: no tab or line break',
      },
    },
    options,
  );
}

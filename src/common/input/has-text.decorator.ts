import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Text that says something: at least one character that is not white space. `@Length(1, n)`
 * alone takes `"   "`, which stores a reason, a reference or a name nobody can read.
 */
export function HasText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasText',
      validator: {
        // An empty string is left to the length check, which calls it required.
        validate: (value: unknown) =>
          typeof value !== 'string' || value === '' || /\S/u.test(value),
        defaultMessage: () => '$property must not be blank',
      },
    },
    options,
  );
}

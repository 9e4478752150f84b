import { ValidateBy, ValidationOptions } from 'class-validator';

/** The properties (by their class's prototype) that `HasText` refuses blank. */
const REFUSING_BLANK = new WeakMap<object, Set<string | symbol>>();

/**
 * Whether the property refuses text of only spaces (`HasText`): `VisibleText` then leaves such
 * text as sent, for `hasText` to say "must not be blank (only spaces)", rather than storing it
 * trimmed to "", which the length check would call "required" as if nothing had been sent.
 */
export function refusesBlank(target: object, property: string | symbol): boolean {
  return REFUSING_BLANK.get(target)?.has(property) ?? false;
}

/**
 * Text that says something: at least one character that is not white space. `@Length(1, n)`
 * alone takes `"   "`, which stores a reason, a reference or a name nobody can read.
 */
export function HasText(options?: ValidationOptions): PropertyDecorator {
  const validate = ValidateBy(
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
  return (target, property) => {
    const properties = REFUSING_BLANK.get(target) ?? new Set<string | symbol>();
    REFUSING_BLANK.set(target, properties.add(property));
    validate(target, property);
  };
}

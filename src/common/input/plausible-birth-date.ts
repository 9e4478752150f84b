import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate } from './calendar-date';

/**
 * The earliest date of birth the registry takes. Not a legal number: a plausibility bound on
 * input (no one on a personnel record today was born before it), so a mistyped year such as
 * 0001 is refused as out of range instead of being recorded as a person retired in 0061.
 */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

/** A calendar day not before EARLIEST_DATE_OF_BIRTH (the form of the day is @IsCalendarDate's to check). */
export const isPlausibleBirthDate = (value: unknown): boolean =>
  !isCalendarDate(value) || value >= EARLIEST_DATE_OF_BIRTH;

export const birthDateOutOfRange = (field: string, value: string): string =>
  `${field}: ${value} is out of range: a date of birth from ${EARLIEST_DATE_OF_BIRTH} on`;

/** Class-validator decorator for a date of birth: days before EARLIEST_DATE_OF_BIRTH are refused. */
export function IsPlausibleBirthDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlausibleBirthDate',
      validator: {
        validate: (value) => isPlausibleBirthDate(value),
        defaultMessage: (args) => birthDateOutOfRange(args?.property ?? '', String(args?.value)),
      },
    },
    options,
  );
}

import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import {
  storedText,
  TextLayout,
  textProblemInEnglish,
  visibleTextProblem,
} from './text-characters';

const stored = (value: unknown, layout: TextLayout): unknown => {
  if (typeof value === 'string') return storedText(value, layout);
  if (Array.isArray(value)) return value.map((item) => stored(item, layout));
  return value;
};

/**
 * Text as people read it (the rules are `text-characters.ts`'s): stored composed (NFC) with its
 * space separators made ordinary spaces (on one line, runs of spaces one space, none at the ends),
 * and refused, naming the character and its position, when it holds a character that shows
 * nothing or shows differently on each computer, or stacked accent marks. For names and titles
 * (`one line`, the default), numbers, references and signers, and for free text (`lines`):
 * reasons, grounds, notes.
 */
export function VisibleText(
  layout: TextLayout = 'one line',
  options?: ValidationOptions,
): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => stored(value, layout)),
    ValidateBy(
      {
        name: 'visibleText',
        validator: {
          validate: (value: unknown) =>
            typeof value !== 'string' || visibleTextProblem(value) === null,
          defaultMessage: (args) => {
            const problem = visibleTextProblem(String(args?.value));
            return `${args?.property} must not hold ${problem ? textProblemInEnglish(problem) : 'this text'}`;
          },
        },
      },
      options,
    ),
  );
}

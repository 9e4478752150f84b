import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import {
  lineBreakIn,
  lineBreakInEnglish,
  storedText,
  TextLayout,
  textProblemInEnglish,
  visibleTextProblem,
} from './text-characters';
import { refusesBlank } from './has-text.decorator';

const stored = (value: unknown, layout: TextLayout): unknown => {
  if (typeof value === 'string') return storedText(value, layout);
  if (Array.isArray(value)) return value.map((item) => stored(item, layout));
  return value;
};

/** `visibleText`: no character that shows nothing or differently, no accent marks alone. */
const visibleCharacters = (options?: ValidationOptions): PropertyDecorator =>
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
  );

/** `oneLine`: no tab and no line break of any kind. */
const oneLine = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'oneLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || lineBreakIn(value) === null,
        defaultMessage: (args) => {
          const lineBreak = lineBreakIn(String(args?.value));
          return `${args?.property} must be ${lineBreak ? lineBreakInEnglish(lineBreak) : 'one line'}`;
        },
      },
    },
    options,
  );

/**
 * Text as people read it (the rules are `text-characters.ts`'s): stored composed (NFC) with its
 * space separators made ordinary spaces (on one line, runs of spaces one space, none at the ends),
 * and refused, naming the character and its position, when it holds a character that shows
 * nothing or shows differently on each computer, accent marks with no letter, or stacked accent
 * marks. For names and titles, numbers, references, signers and minutes (`one line`, the default,
 * also refused holding a tab or a line break: `oneLine`), and for free text that may hold line
 * breaks (`lines`): reasons, grounds, summaries, notes.
 */
export function VisibleText(
  layout: TextLayout = 'one line',
  options?: ValidationOptions,
): PropertyDecorator {
  const checks =
    layout === 'lines'
      ? applyDecorators(visibleCharacters(options))
      : applyDecorators(visibleCharacters(options), oneLine(options));
  return (target, property) => {
    // Only spaces, where the field refuses blank text (`HasText`): kept as sent, so the refusal
    // says "must not be blank (only spaces)", not "required" as if nothing had been sent.
    const blankRefused = (value: unknown) =>
      typeof value === 'string' &&
      value !== '' &&
      !/\S/u.test(value) &&
      refusesBlank(target, property);
    Transform(({ value }: { value: unknown }) =>
      blankRefused(value) ? value : stored(value, layout),
    )(target, property);
    checks(target, property);
  };
}

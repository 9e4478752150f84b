import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters that change how text shows without being seen: the soft hyphen, zero-width spaces
 * and joiners, direction marks and overrides, the byte-order mark. In a name they make
 * "Nguyễn Văn nA" of "Nguyễn Văn An" on screen, or two records that look alike and never match.
 */
export const INVISIBLE_FORMAT_CHARACTER =
  /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

/** Three or more combining marks on one letter once composed: no name is written so. */
export const STACKED_MARKS = /\p{M}{3,}/u;

/** Why a name or title cannot be shown as written, or null. */
export function invisibleTextProblem(value: string): string | null {
  const invisible = INVISIBLE_FORMAT_CHARACTER.exec(value);
  if (invisible)
    return `an invisible formatting character (U+${invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at position ${invisible.index + 1}`;
  if (STACKED_MARKS.test(value)) return 'three or more accent marks stacked on one letter';
  return null;
}

/**
 * A name or a title as people read it: composed (NFC), so that "Vũ" typed on any keyboard is one
 * name to search and compare, and holding nothing that changes how it shows unseen.
 */
export function VisibleText(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.normalize('NFC') : value,
    ),
    ValidateBy(
      {
        name: 'visibleText',
        validator: {
          validate: (value: unknown) =>
            typeof value !== 'string' || invisibleTextProblem(value) === null,
          defaultMessage: (args) =>
            `${args?.property} must not hold ${invisibleTextProblem(String(args?.value))}`,
        },
      },
      options,
    ),
  );
}

/**
 * The one place that says which characters a person's text may hold once it is stored: names,
 * titles, decision numbers and references, signers, reasons, grounds and notes, whether typed in
 * a form (the `VisibleText` decorator) or read from an import's cell (`cell-parsers.ts`).
 *
 * Text is kept as people read it: composed (NFC), so "Mường" or "Vũ" typed on any keyboard is one
 * word to search and compare, and without a character that shows nothing, or shows something else
 * on every computer. Such a character made "Nguyễn Văn nA" of a name on screen (a direction
 * override), a reference nobody can read ("\u200b\u200b" passed as a decision number), or two
 * records that look alike and never match. Nor is text of accent marks alone ("\u0301\u0301" shows
 * nothing to read) or starting with one ("\u0301An" shows a stray accent before the name), nor a
 * line break in a name, a number, a reference or a signer, which is one
 * line wherever it is printed.
 */

/** A one-line text (a name, a title, a number, a reference, a signer) or free text that may hold line breaks (a reason, a note). */
export type TextLayout = 'one line' | 'lines';

/**
 * Characters that show nothing: every default-ignorable code point (soft hyphen, zero-width
 * spaces and joiners, direction marks, overrides and isolates, the byte-order mark, variation
 * selectors, the Mongolian vowel separator, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the
 * tag characters U+E0000–U+E007F), every other format character (Cf), and the Braille blank
 * U+2800, which looks like a space but is not one.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u;

/**
 * Private-use characters (U+E000–U+F8FF, planes 15–16) mean whatever a font makes of them, and
 * noncharacters (U+FFFE, U+FDD0…) nothing at all: what one screen shows, another does not.
 */
const PRIVATE_USE = /[\p{Co}\p{Noncharacter_Code_Point}]/u;

/** Three or more combining marks on one letter once composed: no name is written so. */
const STACKED_MARKS = /\p{M}{3,}/u;

/**
 * Combining marks with no letter under them: text of marks and white space alone ("\u0301\u0301",
 * " \u0301 ") shows as a floating accent or a dotted circle, a decision number nobody can read, as
 * blank as "   ". A mark after its letter ("e\u0301", decomposed Vietnamese) is a letter.
 */
const MARKS_AND_SPACES_ONLY = /^[\p{M}\s]+$/u;
const COMBINING_MARK = /\p{M}/u;

/**
 * A combining mark opening the text (after any white space): "\u0301Nguyễn" or a note starting
 * "\u0300" shows an accent over nothing, on a dotted circle in some fonts, and no word of it is
 * found by a search. Composed Vietnamese ("Nguyễn", "Ứng") opens with a letter.
 */
const LEADING_MARK = /^\s*(\p{M})/u;

/**
 * A tab or any vertical white space: line feed, vertical tab, form feed, carriage return, next
 * line U+0085, line separator U+2028, paragraph separator U+2029. A name, a number, a reference or
 * a signer holding one ("215-QĐ/TU\u2028") breaks every list, export and letter that prints it,
 * and a search typed on one line never finds it.
 */
const LINE_BREAK_OR_TAB = /[\t\n\v\f\r\u0085\u2028\u2029]/u;

/**
 * An emoji with its variation selector, skin tone and zero-width joiners ("👍🏻", "❤️", "👨‍👩‍👧"):
 * the selector and the joiner are invisible on their own, but inside an emoji they are how it is
 * written, so a note may hold one. Tag sequences are not taken: tags are refused everywhere.
 */
const EMOJI_SEQUENCE =
  /\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?(?:\u200D\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\uFE0F]?)*/u;

const REFUSED_OR_EMOJI = new RegExp(
  `(${EMOJI_SEQUENCE.source})|${INVISIBLE.source}|${PRIVATE_USE.source}`,
  'gu',
);

/** Any character `visibleTextProblem` looks at: most text has none and is passed by one test. */
const MAY_HOLD_PROBLEM = new RegExp(`${INVISIBLE.source}|${PRIVATE_USE.source}|\\p{M}{3,}`, 'u');

/** A space separator other than the ordinary space: no-break, ideographic, en/em, thin, narrow, medium math. */
const OTHER_SPACES = /(?! )\p{Zs}/gu;
const SPACE_RUN = / {2,}/g;
const EDGE_SPACES = /^ +| +$/g;

export type TextProblem =
  | { kind: 'invisible' | 'private_use'; codePoint: string; position: number }
  | { kind: 'leading_mark'; codePoint: string }
  | { kind: 'stacked_marks' | 'marks_only' };

/** A character that ends a line (or a tab) in text that must be one line, and its position (in characters, from 1). */
export type LineBreak = { codePoint: string; position: number };

const codePointOf = (char: string): string =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Text as it is stored: composed (NFC), every space separator (no-break U+00A0, ideographic
 * U+3000, U+2000–U+200A, U+202F, U+205F, U+1680) an ordinary space, so "Phạm Thị" typed with a
 * no-break space is found by a search typed with a space; on one line, runs of spaces are one
 * space and none lead or trail. Tabs and line breaks are kept: one-line text holding one is
 * refused (`lineBreakIn`), not joined up unseen.
 */
export function storedText(value: string, layout: TextLayout): string {
  const composed = value.normalize('NFC');
  const spaced = composed.replace(OTHER_SPACES, ' ');
  if (layout === 'lines') return spaced;
  return spaced.replace(SPACE_RUN, ' ').replace(EDGE_SPACES, '');
}

const positionOf = (value: string, index: number): number => [...value.slice(0, index)].length + 1;

/**
 * Why stored text (`storedText`'s result) cannot be taken, or null: the first invisible or
 * private-use character with its position (in characters, from 1), accent marks with no letter
 * under them (all of the text, or its first character), or stacked accent marks. Line breaks are
 * the layout's: see `lineBreakIn`.
 */
export function visibleTextProblem(value: string): TextProblem | null {
  if (MAY_HOLD_PROBLEM.test(value)) {
    REFUSED_OR_EMOJI.lastIndex = 0;
    for (let match = REFUSED_OR_EMOJI.exec(value); match; match = REFUSED_OR_EMOJI.exec(value)) {
      if (match[1] !== undefined) continue;
      return {
        kind: INVISIBLE.test(match[0]) ? 'invisible' : 'private_use',
        codePoint: codePointOf(match[0]),
        position: positionOf(value, match.index),
      };
    }
  }
  if (MARKS_AND_SPACES_ONLY.test(value) && COMBINING_MARK.test(value))
    return { kind: 'marks_only' };
  const leading = LEADING_MARK.exec(value);
  if (leading) return { kind: 'leading_mark', codePoint: codePointOf(leading[1]) };
  if (STACKED_MARKS.test(value)) return { kind: 'stacked_marks' };
  return null;
}

/**
 * The first tab or line break in text that must be one line (a name, a title, a number, a
 * reference, a signer), or null. Free text (`lines`: a reason, grounds, a note) may hold them.
 */
export function lineBreakIn(value: string): LineBreak | null {
  const match = LINE_BREAK_OR_TAB.exec(value);
  if (!match) return null;
  return { codePoint: codePointOf(match[0]), position: positionOf(value, match.index) };
}

/** The problem in English, as the 400's message and the import's error say it. */
export function textProblemInEnglish(problem: TextProblem): string {
  switch (problem.kind) {
    case 'invisible':
      return `an invisible formatting character (${problem.codePoint}) at position ${problem.position}`;
    case 'private_use':
      return `a private-use character (${problem.codePoint}) at position ${problem.position}, which each computer shows differently`;
    case 'stacked_marks':
      return 'three or more accent marks stacked on one letter';
    case 'marks_only':
      return 'accent marks with no letter under them';
    case 'leading_mark':
      return `an accent mark (${problem.codePoint}) at the start, with no letter under it`;
  }
}

/** The problem in Vietnamese. */
export function textProblemInVietnamese(problem: TextProblem): string {
  switch (problem.kind) {
    case 'invisible':
      return `ký tự định dạng không nhìn thấy (${problem.codePoint}) ở vị trí ${problem.position}`;
    case 'private_use':
      return `ký tự dùng riêng (${problem.codePoint}) ở vị trí ${problem.position}, mỗi máy hiển thị một khác`;
    case 'stacked_marks':
      return 'từ ba dấu trở lên chồng trên một chữ';
    case 'marks_only':
      return 'dấu không nằm trên chữ nào';
    case 'leading_mark':
      return `dấu (${problem.codePoint}) ở đầu, không nằm trên chữ nào`;
  }
}

/** The line break in English, as the 400's message and the import's error say it. */
export const lineBreakInEnglish = (lineBreak: LineBreak): string =>
  `one line: no tab or line break (${lineBreak.codePoint} at position ${lineBreak.position})`;

/** The line break in Vietnamese. */
export const lineBreakInVietnamese = (lineBreak: LineBreak): string =>
  `một dòng, không có tab hay xuống dòng (${lineBreak.codePoint} ở vị trí ${lineBreak.position})`;

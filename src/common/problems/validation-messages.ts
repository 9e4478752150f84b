import { ValidationError } from '@nestjs/common';
import { Language } from './accept-language';
import {
  lineBreakInEnglish,
  lineBreakInVietnamese,
  textProblemInEnglish,
  textProblemInVietnamese,
  TextProblem,
} from '../input/text-characters';

export type Messages = Record<Language, string>;

/**
 * class-validator's own messages ("must be longer than or equal to 1 characters") are written
 * for programmers. These are written for the staff who fill in the forms, keyed by constraint,
 * with the constraint's numbers read back from the library's message.
 */
const NUMBER = /(-?\d+(?:\.\d+)?)/g;
const numbersIn = (text: string): string[] => text.match(NUMBER) ?? [];

type Humanize = (field: string, libraryMessage: string) => Messages;

/** The problem `textProblemInEnglish` said, read back from its words (to say it in Vietnamese). */
function problemFromEnglish(english: string): TextProblem {
  const leading = /^an accent mark \((U\+[0-9A-F]{4,})\) at the start/.exec(english);
  if (leading) return { kind: 'leading_mark', codePoint: leading[1] };
  const character = /\((U\+[0-9A-F]{4,})\) at position (\d+)/.exec(english);
  if (character)
    return {
      kind: english.startsWith('a private-use') ? 'private_use' : 'invisible',
      codePoint: character[1],
      position: Number(character[2]),
    };
  return {
    kind: english === textProblemInEnglish({ kind: 'marks_only' }) ? 'marks_only' : 'stacked_marks',
  };
}

const BY_CONSTRAINT: Record<string, Humanize> = {
  whitelistValidation: (field) => ({
    en: `${field}: unknown field`,
    vi: `${field}: trường không được chấp nhận`,
  }),
  isString: (field) => ({ en: `${field} must be text`, vi: `${field} phải là văn bản` }),
  hasText: (field) => ({
    en: `${field} must not be blank (only spaces)`,
    vi: `${field} không được để trống (chỉ có dấu cách)`,
  }),
  visibleText: (field, raw) => {
    const problem = raw.slice(raw.indexOf(' must not hold ') + ' must not hold '.length);
    const read = problemFromEnglish(problem);
    const vietnamese = textProblemInVietnamese(read);
    const character = read.kind === 'invisible' || read.kind === 'private_use';
    return {
      en: `${field} must not hold ${problem}: write the text as it shows`,
      vi: character
        ? `${field} chứa ${vietnamese}: hãy nhập đúng như chữ hiển thị`
        : `${field} có ${vietnamese}`,
    };
  },
  oneLine: (field, raw) => {
    const character = /\((U\+[0-9A-F]{4,}) at position (\d+)\)/.exec(raw);
    if (!character)
      return {
        en: `${field} must be one line: no tab or line break`,
        vi: `${field} phải trên một dòng: không có tab hay xuống dòng`,
      };
    const lineBreak = { codePoint: character[1], position: Number(character[2]) };
    return {
      en: `${field} must be ${lineBreakInEnglish(lineBreak)}`,
      vi: `${field} phải trên ${lineBreakInVietnamese(lineBreak)}`,
    };
  },
  isLength: (field, message) => {
    const [first, second] = numbersIn(message);
    if (/longer.*and shorter/.test(message))
      return {
        en: `${field} must be ${first} to ${second} characters long`,
        vi: `${field} phải dài từ ${first} đến ${second} ký tự`,
      };
    if (/shorter/.test(message))
      return {
        en: `${field} must be at most ${first} characters long`,
        vi: `${field} dài tối đa ${first} ký tự`,
      };
    return {
      en: `${field} must be at least ${first} characters long`,
      vi: `${field} phải dài ít nhất ${first} ký tự`,
    };
  },
  minLength: (field, message) => ({
    en: `${field} must be at least ${numbersIn(message)[0]} characters long`,
    vi: `${field} phải dài ít nhất ${numbersIn(message)[0]} ký tự`,
  }),
  maxLength: (field, message) => ({
    en: `${field} must be at most ${numbersIn(message)[0]} characters long`,
    vi: `${field} dài tối đa ${numbersIn(message)[0]} ký tự`,
  }),
  min: (field, message) => ({
    en: `${field} must be at least ${numbersIn(message).at(-1)}`,
    vi: `${field} phải lớn hơn hoặc bằng ${numbersIn(message).at(-1)}`,
  }),
  max: (field, message) => ({
    en: `${field} must be at most ${numbersIn(message).at(-1)}`,
    vi: `${field} phải nhỏ hơn hoặc bằng ${numbersIn(message).at(-1)}`,
  }),
  isInt: (field) => ({ en: `${field} must be a whole number`, vi: `${field} phải là số nguyên` }),
  isBoolean: (field) => ({
    en: `${field} must be true or false`,
    vi: `${field} phải là true hoặc false`,
  }),
  isIn: (field, message) => {
    const choices = message.split('following values: ')[1] ?? '';
    return {
      en: `${field} must be one of ${choices}`,
      vi: `${field} phải là một trong ${choices}`,
    };
  },
  arrayMinSize: (field, message) => ({
    en: `${field} must have at least ${numbersIn(message).at(-1)} entries`,
    vi: `${field} phải có ít nhất ${numbersIn(message).at(-1)} mục`,
  }),
  arrayMaxSize: (field, message) => ({
    en: `${field} must have at most ${numbersIn(message).at(-1)} entries`,
    vi: `${field} có tối đa ${numbersIn(message).at(-1)} mục`,
  }),
  isObject: (field) => ({ en: `${field} must be an object`, vi: `${field} phải là một đối tượng` }),
  nestedValidation: (field) => ({
    en: `${field} must be an object`,
    vi: `${field} phải là một đối tượng`,
  }),
  matches: (field) => ({ en: `${field} has the wrong format`, vi: `${field} sai định dạng` }),
  isIso8601: (field) => ({
    en: `${field} must be a date YYYY-MM-DD`,
    vi: `${field} phải là ngày theo dạng YYYY-MM-DD`,
  }),
};

/**
 * Vietnamese for the messages our DTOs write themselves (`heldOn: a date YYYY-MM-DD`): the part
 * after the field name, phrase by phrase.
 */
const VIETNAMESE_PHRASES: [RegExp, string][] = [
  [/^a date YYYY-MM-DD$/, 'ngày theo dạng YYYY-MM-DD'],
  [/^(.+) is not a calendar date YYYY-MM-DD$/, '$1 không phải ngày có thật theo dạng YYYY-MM-DD'],
  [
    /^(.+) is out of range: a date of birth from (\S+) on$/,
    '$1 nằm ngoài khoảng cho phép: ngày sinh từ $2 trở đi',
  ],
  [/^a whole number$/, 'phải là số nguyên'],
  [/^true or false$/, 'true hoặc false'],
  [/^YYYY-YYYY$/, 'theo dạng YYYY-YYYY'],
  [
    /^YYYY-YYYY, its second year after its first$/,
    'theo dạng YYYY-YYYY, năm sau lớn hơn năm trước',
  ],
  [
    /^lower-case letters, digits and dashes, 2-64 characters$/,
    'chữ thường, chữ số và dấu gạch ngang, từ 2 đến 64 ký tự',
  ],
  [/^lower-case words joined by _, e\.g\. (\S+)$/, 'các từ viết thường nối bằng dấu _, ví dụ $1'],
  [/^one of (.+)$/, 'một trong $1'],
  [/^keep, change or annul$/, 'keep, change hoặc annul'],
  [/^an object of form → votes$/, 'đối tượng: hình thức → số phiếu'],
  [/^an object with the counts$/, 'đối tượng chứa các số đếm'],
  [/^an object with (.+)$/, 'đối tượng có $1'],
];

function vietnameseOf(message: string): string {
  const separator = message.indexOf(': ');
  if (separator < 0) return message;
  const phrase = message.slice(separator + 2);
  for (const [pattern, vietnamese] of VIETNAMESE_PHRASES)
    if (pattern.test(phrase))
      return `${message.slice(0, separator)}: ${phrase.replace(pattern, vietnamese)}`;
  return message;
}

/** The library wrote the message itself (not a `message` option of the DTO): it names the property first. */
function isLibraryMessage(property: string, message: string): boolean {
  return (
    message.startsWith(`${property} must `) ||
    message.startsWith(`each value in ${property} `) ||
    message.startsWith(`${property} should `) ||
    message.startsWith(`property ${property} `) ||
    message.startsWith(`nested property ${property} `)
  );
}

function wrongKindOfValue(
  constraint: string,
  value: unknown,
): ((field: string) => Messages) | null {
  if ((constraint === 'min' || constraint === 'max') && typeof value !== 'number')
    return (field) => ({ en: `${field} must be a number`, vi: `${field} phải là một số` });
  if (['isLength', 'minLength', 'maxLength'].includes(constraint) && typeof value !== 'string')
    return (field) => BY_CONSTRAINT.isString(field, '');
  if ((constraint === 'arrayMinSize' || constraint === 'arrayMaxSize') && !Array.isArray(value))
    return (field) => ({ en: `${field} must be a list`, vi: `${field} phải là một danh sách` });
  return null;
}

/**
 * The message for one failed constraint of a field, in both languages. A field that was not sent
 * at all is "required", whatever constraint noticed it; so is an empty text that must not be empty.
 */
export function validationMessages(
  error: Pick<ValidationError, 'property' | 'value'>,
  field: string,
  constraint: string,
  libraryOrOwnMessage: string,
): Messages {
  const absent = error.value === undefined || error.value === null;
  const emptyButNeeded =
    error.value === '' && (constraint === 'isLength' || constraint === 'minLength');
  if (constraint !== 'whitelistValidation' && (absent || emptyButNeeded))
    return { en: `${field} is required`, vi: `${field} là bắt buộc` };
  // class-validator checks the last decorator first, so "twelve" fails @Max before @IsInt: say
  // what kind of value is expected rather than quoting a bound it never reached.
  const wrongKind = wrongKindOfValue(constraint, error.value);
  if (wrongKind) return wrongKind(field);
  if (!isLibraryMessage(error.property, libraryOrOwnMessage)) {
    // The DTO's own message starts with the field's name; give it the full path.
    const en = libraryOrOwnMessage.startsWith(`${error.property}:`)
      ? `${field}${libraryOrOwnMessage.slice(error.property.length)}`
      : `${field}: ${libraryOrOwnMessage}`;
    return { en, vi: vietnameseOf(en) };
  }
  const humanize = BY_CONSTRAINT[constraint];
  return humanize
    ? humanize(field, libraryOrOwnMessage)
    : { en: `${field}: ${libraryOrOwnMessage}`, vi: `${field}: ${libraryOrOwnMessage}` };
}

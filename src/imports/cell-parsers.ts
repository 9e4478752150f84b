import {
  lineBreakIn,
  lineBreakInEnglish,
  lineBreakInVietnamese,
  storedText,
  textProblemInEnglish,
  textProblemInVietnamese,
  visibleTextProblem,
  TextLayout,
} from '../common/input/text-characters';
import { isCalendarDate } from '../common/input/calendar-date';
import { controlCharacterIn } from '../common/input/unsafe-text';
import { EARLIEST_DATE_OF_BIRTH } from '../common/input/plausible-birth-date';
import { isForwardPlanningTerm } from '../cadres/planning/planning-term';

/** A spreadsheet cell as the readers hand it over: text, a number, a day (xlsx dates) or nothing. */
export type CellValue = string | number | boolean | Date | null;

/** A cell read into a field's value, or why it cannot be (the message names the rule, in Vietnamese and English). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; rule: string; message: string };

export type CellParser<T> = (cell: CellValue) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(rule: string, message: string): Parsed<T> => ({ ok: false, rule, message });

/** Text of a cell, trimmed; null when the cell is empty. */
export function cellText(cell: CellValue): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return text === '' ? null : text;
}

export const isEmptyCell = (cell: CellValue): boolean => cellText(cell) === null;

/**
 * Text of a bounded length, on one line unless it is free text (`lines`: a summary, a note), kept
 * and refused as the API keeps and refuses it (`text-characters.ts`): composed (NFC), spaces made
 * ordinary, no control, invisible or private-use character, no accent marks alone, no line break
 * on one line.
 */
export const text =
  (min: number, max: number, lines: TextLayout = 'one line'): CellParser<string> =>
  (cell) => {
    const value = storedText(cellText(cell) ?? '', lines);
    if (value.length < min || value.length > max)
      return bad(
        'import.text_length',
        `${min} đến ${max} ký tự (${min} to ${max} characters), có ${value.length}`,
      );
    const lineBreak = lines === 'one line' ? lineBreakIn(value) : null;
    if (lineBreak)
      return bad(
        'import.text_one_line',
        `${lineBreakInVietnamese(lineBreak)} (${lineBreakInEnglish(lineBreak)})`,
      );
    // A control character (NUL, which PostgreSQL cannot store, a bell, an escape) is refused as
    // the API's bodies refuse it (`unsafe-text.ts`); free text keeps its tabs and line breaks.
    const control = controlCharacterIn(value, 'text');
    if (control)
      return bad(
        'import.text_control_character',
        `hãy bỏ ký tự điều khiển (${control.codePoint}) ở vị trí ${control.position} (remove the control character (${control.codePoint}) at position ${control.position})`,
      );
    const problem = visibleTextProblem(value);
    if (problem)
      return bad(
        'import.text_invisible_character',
        `hãy bỏ ${textProblemInVietnamese(problem)} (remove ${textProblemInEnglish(problem)})`,
      );
    return ok(value);
  };

/** An id as the API takes it: lower-case letters, digits and dashes. */
export const identifier: CellParser<string> = (cell) => {
  const value = cellText(cell) ?? '';
  if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(value))
    return bad(
      'import.id_format',
      `mã gồm chữ thường, chữ số và dấu gạch ngang, 2–64 ký tự (lower-case letters, digits and dashes): "${value}"`,
    );
  return ok(value);
};

const VIETNAMESE_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A day: an xlsx date cell, `dd/mm/yyyy` as Vietnamese spreadsheets write it, or `yyyy-mm-dd`.
 * xlsx dates carry no time zone; exceljs reads them as midnight UTC, so the UTC day is the day typed.
 */
export const day: CellParser<string> = (cell) => {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('import.day', 'ngày không hợp lệ (invalid date)');
    return ok(cell.toISOString().slice(0, 10));
  }
  const value = cellText(cell) ?? '';
  const vietnamese = VIETNAMESE_DAY.exec(value);
  const iso = vietnamese
    ? `${vietnamese[3]}-${vietnamese[2].padStart(2, '0')}-${vietnamese[1].padStart(2, '0')}`
    : value;
  if (!isCalendarDate(iso))
    return bad(
      'import.day',
      `ngày theo dạng dd/mm/yyyy hoặc yyyy-mm-dd (a day as dd/mm/yyyy or yyyy-mm-dd), không có ngày "${value}"`,
    );
  return ok(iso);
};

/** A date of birth: a day (as `day` reads it) not before the registry's plausibility bound. */
export const birthDay: CellParser<string> = (cell) => {
  const parsed = day(cell);
  if (parsed.ok && parsed.value < EARLIEST_DATE_OF_BIRTH)
    return bad(
      'import.birth_day_out_of_range',
      `ngày sinh từ ${EARLIEST_DATE_OF_BIRTH} trở đi (a date of birth from ${EARLIEST_DATE_OF_BIRTH} on), không phải ${parsed.value}`,
    );
  return parsed;
};

/** One of a few labels (Vietnamese, or the API's own code), mapped to the API's code. */
export const choice = <T extends string>(labels: Record<string, T>): CellParser<T> => {
  // A cell matches the first label (any case) or code that equals it, as a search in order would.
  const codes = new Map<string, T>();
  for (const [label, code] of Object.entries(labels)) {
    if (!codes.has(label.toLowerCase())) codes.set(label.toLowerCase(), code);
    if (!codes.has(code)) codes.set(code, code);
  }
  const expected = `một trong (one of): ${Object.keys(labels).join(', ')}`;
  return (cell) => {
    const code = codes.get((cellText(cell) ?? '').toLowerCase());
    if (code === undefined)
      return bad('import.choice', `${expected}; có "${cellText(cell) ?? ''}"`);
    return ok(code);
  };
};

const yesOrNo = choice({ Có: 'yes', Không: 'no', x: 'yes' });

export const yesNo: CellParser<boolean> = (cell) => {
  if (typeof cell === 'boolean') return ok(cell);
  const parsed = yesOrNo(cell);
  return parsed.ok ? ok(parsed.value === 'yes') : parsed;
};

export const pattern =
  (regex: RegExp, what: string): CellParser<string> =>
  (cell) => {
    const value = cellText(cell) ?? '';
    return regex.test(value) ? ok(value) : bad('import.format', `${what}; có "${value}"`);
  };

/** A planning term `YYYY-YYYY` that runs forwards (the API's `term` takes the same). */
export const planningTerm: CellParser<string> = (cell) => {
  const value = cellText(cell) ?? '';
  return isForwardPlanningTerm(value)
    ? ok(value)
    : bad(
        'import.format',
        `nhiệm kỳ dạng YYYY-YYYY, năm sau lớn hơn năm trước (a term as YYYY-YYYY, its second year after its first); có "${value}"`,
      );
};

/** C0 and C1 control characters and DEL: never part of an id, a query value or a name. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return, which free text (notes, reasons) may hold. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Half of a UTF-16 surrogate pair on its own: JSON can spell it (`"\ud800"`), UTF-8 and PostgreSQL cannot store it. */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Every character refused below, in text or in a token (controls, and any surrogate, paired or
 * not): most strings have none, and one test of this class spares them the detailed checks (a
 * body of 10,000 transfer entries is scanned string by string on every request that sends one).
 */
const MAY_BE_UNSAFE = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/;

const codePoint = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a string cannot be taken as text, or null when it can. PostgreSQL refuses NUL in text and
 * in jsonb (22021, 22P05), so it must be refused here, where the field can still be named.
 */
export function unsafeTextProblem(value: string, kind: 'text' | 'token'): string | null {
  if (!MAY_BE_UNSAFE.test(value)) return null;
  const control = controlCharacterIn(value, kind);
  if (control)
    return control.codePoint === 'U+0000'
      ? 'contains a NUL character (U+0000)'
      : `contains the control character ${control.codePoint}`;
  if (UNPAIRED_SURROGATE.test(value))
    return 'contains an unpaired UTF-16 surrogate (not Unicode text)';
  return null;
}

/**
 * The first control character text of `kind` may not hold (free text keeps tab, line feed and
 * carriage return), with its position in characters from 1, or null.
 */
export function controlCharacterIn(
  value: string,
  kind: 'text' | 'token',
): { codePoint: string; position: number } | null {
  const control = (kind === 'text' ? CONTROL_IN_TEXT : CONTROL).exec(value);
  if (!control) return null;
  return {
    codePoint: codePoint(control[0]),
    position: [...value.slice(0, control.index)].length + 1,
  };
}

import { planningTerm, text } from './cell-parsers';

describe('a planning term cell', () => {
  it('takes a term that runs forwards and refuses one run backwards or malformed, quoting the cell', () => {
    expect(planningTerm('2025-2030')).toEqual({ ok: true, value: '2025-2030' });
    for (const cell of ['2030-2025', '2025-2025', '2025/2030'])
      expect(planningTerm(cell)).toEqual({
        ok: false,
        rule: 'import.format',
        message: expect.stringContaining(`có "${cell}"`),
      });
  });
});

describe('a text cell', () => {
  it('takes a name on one line only, and a summary on several (before: a name with a line break was written)', () => {
    expect(text(2, 200)('Nguyễn\nVăn A')).toMatchObject({
      ok: false,
      rule: 'import.text_one_line',
    });
    expect(text(2, 200)('Nguyễn Văn A')).toEqual({ ok: true, value: 'Nguyễn Văn A' });
    expect(text(1, 4000, 'lines')('Dòng 1\nDòng 2')).toEqual({ ok: true, value: 'Dòng 1\nDòng 2' });
  });

  it.each([
    ['a next line', '215\u0085QĐ/TU', 'U+0085', 4, false],
    ['a vertical tab', 'Bí thư\vThành ủy', 'U+000B', 7, false],
    ['a form feed', 'BB\f01', 'U+000C', 3, false],
    ['a line separator', 'HS\u2028017', 'U+2028', 3, true],
  ])(
    'refuses %s in a one-line column, naming it (before: a next line, vertical tab or form feed was written)',
    (_, cell, codePoint, position, freeText) => {
      expect(text(1, 120)(cell)).toEqual({
        ok: false,
        rule: 'import.text_one_line',
        message: `một dòng, không có tab hay xuống dòng (${codePoint} ở vị trí ${position}) (one line: no tab or line break (${codePoint} at position ${position}))`,
      });
      // Free text keeps its lines, but not a control character, as the API's bodies (unsafe-text.ts).
      expect(text(1, 4000, 'lines')(cell)).toMatchObject(
        freeText ? { ok: true } : { ok: false, rule: 'import.text_control_character' },
      );
    },
  );

  it.each([
    ['NUL', 'Bổ nhiệm\u0000', 'U+0000', 9],
    ['a bell', 'a\u0007b', 'U+0007', 2],
    ['an escape', '\u001b[31m', 'U+001B', 1],
    ['DEL', 'ab\u007f', 'U+007F', 3],
  ])(
    'refuses %s in any text, as the API refuses it in a body (before: a note took it)',
    (_, cell, codePoint, position) => {
      for (const layout of ['one line', 'lines'] as const)
        expect(text(1, 4000, layout)(cell)).toEqual({
          ok: false,
          rule: 'import.text_control_character',
          message: `hãy bỏ ký tự điều khiển (${codePoint}) ở vị trí ${position} (remove the control character (${codePoint}) at position ${position})`,
        });
      expect(text(1, 4000, 'lines')('Dòng 1\r\n\tDòng 2')).toMatchObject({ ok: true });
    },
  );
});

describe('a text cell’s characters, held to the API’s rule (text-characters.ts)', () => {
  it('refuses tag characters in a name and a zero-width space in a note (before: a note took any)', () => {
    expect(text(2, 200)('\u{E0041}\u{E0042}')).toEqual({
      ok: false,
      rule: 'import.text_invisible_character',
      message:
        'hãy bỏ ký tự định dạng không nhìn thấy (U+E0041) ở vị trí 1 (remove an invisible formatting character (U+E0041) at position 1)',
    });
    expect(text(1, 4000, 'lines')('\u200B\u200B')).toMatchObject({
      ok: false,
      rule: 'import.text_invisible_character',
    });
  });

  it.each([
    ['two combining acutes', '\u0301\u0301', 'one line'],
    ['a combining acute between spaces', ' \u0301 ', 'one line'],
    ['combining marks on two lines of a note', '\u0301\n \u0300', 'lines'],
  ] as const)('refuses %s, as blank as an empty cell (before: written)', (_, cell, layout) => {
    expect(text(1, 4000, layout)(cell)).toEqual({
      ok: false,
      rule: 'import.text_invisible_character',
      message: 'hãy bỏ dấu không nằm trên chữ nào (remove accent marks with no letter under them)',
    });
  });

  it('takes a combining mark after its letter, composed', () => {
    expect(text(1, 120)('Nguye\u0302\u0303n')).toEqual({ ok: true, value: 'Nguyễn' });
  });

  it('stores a decomposed ethnicity composed and a no-break space in a name as a space', () => {
    expect(text(1, 60)('Mường'.normalize('NFD'))).toEqual({ ok: true, value: 'Mường' });
    expect(text(2, 200)('Phạm\u00A0Thị\u3000 Lụa')).toEqual({ ok: true, value: 'Phạm Thị Lụa' });
  });
});

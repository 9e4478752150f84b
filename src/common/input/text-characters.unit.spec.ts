import {
  lineBreakIn,
  lineBreakInEnglish,
  lineBreakInVietnamese,
  storedText,
  textProblemInEnglish,
  textProblemInVietnamese,
  visibleTextProblem,
} from './text-characters';

const problemOf = (value: string) => visibleTextProblem(storedText(value, 'one line'));

describe('the characters stored text may hold', () => {
  it.each([
    ['zero-width spaces only', '\u200B\u200B', 'U+200B', 1],
    ['a direction override', 'XL\u202E2026', 'U+202E', 3],
    ['tag characters', '\u{E0041}\u{E0042}', 'U+E0041', 1],
    ['a tag after letters (position in characters)', 'Phạm\u{E0054}', 'U+E0054', 5],
    ['Hangul fillers', '\u3164\u3164', 'U+3164', 1],
    ['a Hangul choseong filler', 'An\u115F', 'U+115F', 3],
    ['a halfwidth Hangul filler', '\uFFA0', 'U+FFA0', 1],
    ['Braille blanks', '\u2800\u2800\u2800', 'U+2800', 1],
    ['a Mongolian vowel separator', 'Phạm\u180EThị', 'U+180E', 5],
    ['a variation selector on a letter', 'An\uFE0F', 'U+FE0F', 3],
    ['a byte-order mark', '\uFEFFTrần', 'U+FEFF', 1],
    ['a soft hyphen', 'Ng\u00ADuyễn', 'U+00AD', 3],
  ])('refuses %s, naming the character and its position', (_, value, codePoint, position) => {
    expect(problemOf(value)).toEqual({ kind: 'invisible', codePoint, position });
  });

  it.each([
    ['the private-use area', 'Phạm \uE000', 'U+E000', 6],
    ['plane 15', '\u{F0000}An', 'U+F0000', 1],
    ['plane 16', 'An\u{10FFFD}', 'U+10FFFD', 3],
    ['a noncharacter', 'An\uFFFF', 'U+FFFF', 3],
  ])('refuses a private-use character or noncharacter: %s', (_, value, codePoint, position) => {
    expect(problemOf(value)).toEqual({ kind: 'private_use', codePoint, position });
  });

  it('refuses three accent marks stacked on one letter once composed (A and four acutes: Á and three)', () => {
    expect(problemOf(`Lê A${'\u0301'.repeat(4)}`)).toEqual({ kind: 'stacked_marks' });
  });

  it.each([
    ['two combining acutes', '\u0301\u0301'],
    ['a combining acute between spaces (one line: the spaces go)', ' \u0301 '],
    ['combining marks across spaces', '\u0301 \u0323'],
    ['a lone combining hook above', '\u0309'],
  ])('refuses accent marks with no letter under them: %s (before: taken as text)', (_, value) => {
    expect(problemOf(value)).toEqual({ kind: 'marks_only' });
  });

  it('refuses accent marks alone in free text too, across its lines', () => {
    expect(visibleTextProblem(storedText(' \u0301\n\u0300 ', 'lines'))).toEqual({
      kind: 'marks_only',
    });
  });

  it.each([
    ['a name starting with a combining acute', '\u0301Nguyễn Văn An', 'U+0301'],
    [
      'a name starting with a space and a combining hook above (one line: the space goes)',
      ' \u0309An',
      'U+0309',
    ],
    ['a mark NFC cannot compose with what follows', '\u0323a', 'U+0323'],
  ])(
    'refuses a combining mark as the first character: %s (before: taken, an accent on nothing)',
    (_, value, codePoint) => {
      expect(problemOf(value)).toEqual({ kind: 'leading_mark', codePoint });
    },
  );

  it('refuses free text starting with a combining mark, on its first line', () => {
    expect(visibleTextProblem(storedText('\u0300Ghi chú\ndòng hai', 'lines'))).toEqual({
      kind: 'leading_mark',
      codePoint: 'U+0300',
    });
  });

  it('says a leading accent mark in English and Vietnamese, with its code point', () => {
    const leading = problemOf('\u0301An')!;
    expect(textProblemInEnglish(leading)).toBe(
      'an accent mark (U+0301) at the start, with no letter under it',
    );
    expect(textProblemInVietnamese(leading)).toBe('dấu (U+0301) ở đầu, không nằm trên chữ nào');
  });

  it('names an invisible character before the marks around it', () => {
    expect(problemOf('\u0301\u200B')).toMatchObject({ kind: 'invisible', codePoint: 'U+200B' });
  });

  it.each([
    ['decomposed Vietnamese, NFC composing it', 'Nguye\u0302\u0303n'],
    ['a mark NFC cannot compose, after its letter', 'q\u0301'],
    ['a mark after a letter and a space before', 'A e\u0301'],
    ['composed Vietnamese opening with an accented letter', 'Ứng Thị Ánh'],
    ['decomposed, its first letter carrying the mark', 'U\u031B\u0301ng'],
  ])('takes a combining mark after its letter: %s', (_, value) => {
    expect(problemOf(value)).toBeNull();
  });

  it.each([
    'Nguyễn Văn An',
    '215-QĐ/TU',
    'Bí thư Thành ủy',
    'Theo biên bản\nlưu\tkèm',
    'Đồng ý 👍🏻 ❤️ 👨‍👩‍👧',
    '中文 한국어 العربية',
  ])('takes %p', (value) => {
    expect(visibleTextProblem(storedText(value, 'lines'))).toBeNull();
  });

  it('stores text composed (NFC): a decomposed "Mường" is the composed one', () => {
    const decomposed = 'Mường'.normalize('NFD');
    expect(decomposed).not.toBe('Mường');
    expect(storedText(decomposed, 'one line')).toBe('Mường');
    expect(storedText(decomposed, 'lines')).toBe('Mường');
  });

  it('makes every space separator an ordinary space; on one line, one space between words and none at the ends', () => {
    expect(storedText('Phạm\u00A0Thị', 'one line')).toBe('Phạm Thị');
    expect(storedText('Phạm\u3000Thị', 'one line')).toBe('Phạm Thị');
    expect(storedText(' Phạm \u2003\u205F Thị\u202F', 'one line')).toBe('Phạm Thị');
    expect(storedText('\u2000\u200A', 'one line')).toBe('');
    expect(storedText('Lý do\u00A0\u00A0một\n  hai', 'lines')).toBe('Lý do  một\n  hai');
  });

  it('says accent marks alone in English and Vietnamese', () => {
    const marks = problemOf('\u0301')!;
    expect(textProblemInEnglish(marks)).toBe('accent marks with no letter under them');
    expect(textProblemInVietnamese(marks)).toBe('dấu không nằm trên chữ nào');
  });

  it('says the problem in English and Vietnamese', () => {
    const tag = problemOf('\u{E0041}')!;
    expect(textProblemInEnglish(tag)).toBe(
      'an invisible formatting character (U+E0041) at position 1',
    );
    expect(textProblemInVietnamese(tag)).toBe(
      'ký tự định dạng không nhìn thấy (U+E0041) ở vị trí 1',
    );
    expect(textProblemInEnglish(problemOf('A\uE000')!)).toMatch(
      /^a private-use character \(U\+E000\) at position 2/,
    );
  });
});

describe('a line break in text that must be one line', () => {
  it.each([
    ['a line feed', '215\nQĐ/TU', 'U+000A', 4],
    ['a carriage return', '215-QĐ/TU\r', 'U+000D', 10],
    ['a vertical tab', 'Bí thư\vThành ủy', 'U+000B', 7],
    ['a form feed', 'BB\f01', 'U+000C', 3],
    ['a next line', 'HS\u0085017', 'U+0085', 3],
    ['a line separator', '125-QĐ/TU\u2028', 'U+2028', 10],
    ['a paragraph separator', '\u2029125', 'U+2029', 1],
    ['a tab', 'Nguyễn\tVăn', 'U+0009', 7],
    ['a break after an emoji (position in characters)', '👍\n', 'U+000A', 2],
  ])('finds %s, naming it and its position', (_, value, codePoint, position) => {
    expect(lineBreakIn(storedText(value, 'one line'))).toEqual({ codePoint, position });
  });

  it.each(['215-QĐ/TU', 'Bí thư Thành ủy', 'Phạm\u00A0Thị', ' BB-01/2025 '])(
    'finds none in %p',
    (value) => {
      expect(lineBreakIn(storedText(value, 'one line'))).toBeNull();
    },
  );

  it('says it in English and Vietnamese', () => {
    const lineBreak = lineBreakIn('A\u2028B')!;
    expect(lineBreakInEnglish(lineBreak)).toBe(
      'one line: no tab or line break (U+2028 at position 2)',
    );
    expect(lineBreakInVietnamese(lineBreak)).toBe(
      'một dòng, không có tab hay xuống dòng (U+2028 ở vị trí 2)',
    );
  });
});

import {
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

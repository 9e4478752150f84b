import { copyTextValue } from './copy-text-format';

describe('COPY text format', () => {
  it('spells NULL as \\N and a text that reads "\\N" as an escaped backslash', () => {
    expect(copyTextValue(null, 'text')).toBe('\\N');
    expect(copyTextValue(undefined, 'jsonb')).toBe('\\N');
    expect(copyTextValue('\\N', 'text')).toBe('\\\\N');
  });

  it('escapes the characters that would end a field or a row', () => {
    expect(copyTextValue('a\tb\nc\rd', 'text')).toBe('a\\tb\\nc\\rd');
  });

  it('writes numbers and timestamps as they are', () => {
    expect(copyTextValue(42, 'bigint')).toBe('42');
    expect(copyTextValue('2026-03-10T03:00:00.000Z', 'timestamptz')).toBe(
      '2026-03-10T03:00:00.000Z',
    );
  });

  it('quotes every array element, so commas, braces and the word NULL stay text', () => {
    expect(copyTextValue(['a,b', '{x}', 'NULL', 'say "hi"'], 'text[]')).toBe(
      '{"a,b","{x}","NULL","say \\\\"hi\\\\""}',
    );
    expect(copyTextValue([], 'text[]')).toBe('{}');
  });

  it('writes JSON with its own backslashes doubled for COPY', () => {
    expect(copyTextValue({ note: 'line\nbreak' }, 'jsonb')).toBe('{"note":"line\\\\nbreak"}');
  });
});

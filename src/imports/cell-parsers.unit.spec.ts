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
});

import { planningTerm } from './cell-parsers';

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

import { TFunction } from 'i18next';
import { namesAndDaysInText } from './ids-in-vietnamese-text';

// The one string rule-set-name.ts asks for, as i18n.ts has it.
const t = ((_key: string, options: { date: string }) =>
  `Các quy định có hiệu lực ngày ${options.date}`) as unknown as TFunction;
const ruleSets = [
  {
    id: 'state-2025-10-08',
    title: 'State track from 2025-10-08: Nghị định 170/2025',
    effectiveFrom: '2025-10-08',
    params: {},
  },
];

describe('a Vietnamese sentence read back from the server', () => {
  it('names a rule set by its title, not its id (before: "Quá tuổi theo state-2025-10-08")', () => {
    expect(
      namesAndDaysInText(
        'Quá tuổi theo state-2025-10-08: đã đến tuổi nghỉ hưu ngày 30/04/2020',
        t,
        ruleSets,
      ),
    ).toBe(
      'Quá tuổi theo Các quy định có hiệu lực ngày 08/10/2025: Nghị định 170/2025: đã đến tuổi nghỉ hưu ngày 30/04/2020',
    );
  });

  it('writes a decision number’s day dd/mm/yyyy (before: "16-QĐ/UBKTTU (2026-12-05)")', () => {
    expect(
      namesAndDaysInText(
        'Sẽ đảm nhiệm chức vụ «A» từ ngày 01/02/2027 (16-QĐ/UBKTTU (2026-12-05))',
        t,
        [],
      ),
    ).toBe('Sẽ đảm nhiệm chức vụ «A» từ ngày 01/02/2027 (16-QĐ/UBKTTU (05/12/2026))');
  });

  it('leaves an id the catalog does not know, and a longer id containing a known one, as they are', () => {
    expect(namesAndDaysInText('theo vn-2025 và state-2025-10-08x', t, ruleSets)).toBe(
      'theo vn-2025 và state-2025-10-08x',
    );
  });
});

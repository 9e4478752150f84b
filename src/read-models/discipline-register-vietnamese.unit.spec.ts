import { RegisterRecord } from './read-model.queries';
import { registerCellVi } from './discipline-register-vietnamese';

describe('the register in Vietnamese names every violation category', () => {
  it('names both land codes: `land` of older cases and `land_management` (before: `land` stayed a code)', () => {
    const cell = (violationCategory: string) =>
      registerCellVi({ violationCategory } as RegisterRecord, 'violationCategory');
    expect(cell('land')).toBe('Đất đai');
    expect(cell('land_management')).toBe('Quản lý đất đai');
    expect(cell('false_diploma')).toBe('Sử dụng văn bằng, chứng chỉ giả, không hợp pháp');
  });
});

import { fieldInWords } from './field-in-words';

describe('a refusal naming a body key reads it as the field label', () => {
  it('replaces the key, at the start or inside the sentence', () => {
    expect(fieldInWords('year phải lớn hơn hoặc bằng 1945', 'year', 'Năm đánh giá')).toBe(
      'Năm đánh giá phải lớn hơn hoặc bằng 1945',
    );
    expect(
      fieldInWords('bắt buộc phải có personOpinion', 'personOpinion', 'Ý kiến của cán bộ'),
    ).toBe('bắt buộc phải có Ý kiến của cán bộ');
  });
  it('leaves out a hint in brackets, and keys inside other words', () => {
    expect(
      fieldInWords('evaluatedOn không hợp lệ', 'evaluatedOn', 'Ngày đánh giá (dd/mm/yyyy)'),
    ).toBe('Ngày đánh giá không hợp lệ');
    expect(fieldInWords('yearly note', 'year', 'Năm')).toBe('yearly note');
    expect(fieldInWords('tally.year sai', 'year', 'Năm')).toBe('tally.year sai');
  });
});

import { prefixRange, prefixRangesCondition } from './stream-prefix-ranges';

describe('stream prefix ranges', () => {
  it('ends a prefix’s range at its last character’s successor', () => {
    expect(prefixRange('discipline-')).toEqual(['discipline-', 'discipline.']);
    expect(prefixRange('đ')).toEqual(['đ', 'Ē']);
    expect(prefixRange('a😀')).toEqual(['a😀', 'a😁']);
  });

  it('has no range for an empty prefix or a last character without a successor', () => {
    expect(prefixRange('')).toBeNull();
    expect(prefixRange('a\u{10ffff}')).toBeNull();
    expect(prefixRange('a\ud7ff')).toBeNull();
  });

  it('numbers its placeholders from the one given, two per prefix', () => {
    expect(prefixRangesCondition('stream_id', ['a-', 'b-'], 4)).toEqual({
      sql: '((stream_id >= $4 AND stream_id < $5) OR (stream_id >= $6 AND stream_id < $7))',
      params: ['a-', 'a.', 'b-', 'b.'],
    });
    expect(prefixRangesCondition('stream_id', ['a-', ''], 1)).toBeNull();
  });
});

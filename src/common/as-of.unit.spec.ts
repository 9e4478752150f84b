import { parseAsOf } from './as-of';

describe('asOf', () => {
  it('reads a day alone as the whole of that day in Vietnam, not midnight UTC', () => {
    expect(parseAsOf('2026-12-01')).toEqual({
      firstMillisecond: new Date('2026-12-01T00:00:00.000+07:00'),
      lastMillisecond: new Date('2026-12-01T23:59:59.999+07:00'),
      day: '2026-12-01',
    });
  });

  it('reads a date-time as the whole minute, second or millisecond it is written to, Vietnam time when it has no offset', () => {
    expect(parseAsOf('2026-12-01T20:00:00Z')).toEqual({
      firstMillisecond: new Date('2026-12-01T20:00:00.000Z'),
      lastMillisecond: new Date('2026-12-01T20:00:00.999Z'),
      day: '2026-12-02',
    });
    const lastOf = (value: string) => parseAsOf(value)?.lastMillisecond.toISOString();
    expect(lastOf('2026-12-01T08:30')).toBe('2026-12-01T01:30:59.999Z');
    expect(lastOf('2026-12-07T00:47:47.505Z')).toBe('2026-12-07T00:47:47.505Z');
    expect(lastOf('2026-12-07T00:47:47.5Z')).toBe('2026-12-07T00:47:47.599Z');
    expect(lastOf('2026-12-07T00:47:47.50Z')).toBe('2026-12-07T00:47:47.509Z');
    // Finer than the replay: its millisecond.
    expect(lastOf('2026-12-07T00:47:47.505123Z')).toBe('2026-12-07T00:47:47.505Z');
    expect(lastOf('2026-12-07T07:47:47+07:00')).toBe('2026-12-07T00:47:47.999Z');
  });

  it('refuses what is not a day or a time, and days that do not exist', () => {
    for (const value of [
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '01/12/2026',
      '2026-02-30T10:00Z',
      '2026-02-29',
      '0000-01-01',
      '2026-12-01T24:00',
      '2026-12-01T08:60:00Z',
      '2026-12-01T08:00:00+25:00',
    ])
      expect(() => parseAsOf(value)).toThrow(expect.objectContaining({ rule: 'query.as_of' }));
  });
});

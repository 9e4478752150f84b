import {
  comparePositions,
  parseAllPosition,
  positionToString,
  toStreamState,
  unwrapMetadata,
  wrapMetadata,
} from './kurrentdb-mapping';

describe('KurrentDB adapter mapping (no server needed)', () => {
  it('round-trips $all positions through the port’s opaque string, in order', () => {
    const position = { commit: 12345678901234n, prepare: 12345678901000n };
    expect(parseAllPosition(positionToString(position))).toEqual(position);
    expect(comparePositions(parseAllPosition('10/9'), parseAllPosition('10/10'))).toBe(-1);
    expect(comparePositions(parseAllPosition('11/1'), parseAllPosition('10/10'))).toBe(1);
    expect(() => parseAllPosition('5')).toThrow(/expected <commit>\/<prepare>/);
  });

  it('pins a definite predecessor for any / stream_exists so the hash chain cannot fork', () => {
    expect(toStreamState('no_stream', null)).toBe('no_stream');
    expect(toStreamState(4, 4)).toBe(4n);
    expect(toStreamState('any', null)).toBe('no_stream');
    expect(toStreamState('any', 7)).toBe(7n);
    expect(toStreamState('stream_exists', 2)).toBe(2n);
    expect(toStreamState('stream_exists', null)).toBe('stream_exists');
  });

  it('keeps the envelope metadata intact beside the schema version and hash', () => {
    const metadata = {
      actorId: 'u',
      correlationId: 'c',
      causationId: null,
      occurredAt: 't',
      ruleSet: 'vn-2025',
    };
    const stored = wrapMetadata(metadata, 2, 'ab'.repeat(32));
    expect(unwrapMetadata(JSON.parse(JSON.stringify(stored)))).toEqual({
      metadata,
      schemaVersion: 2,
      hash: 'ab'.repeat(32),
    });
  });
});

import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from './canonical-json';

/** Values of the kinds events hold, and the corners of the library's rules. */
const samples: [string, unknown][] = [
  ['leaves', [null, true, false, 0, -0, 1.5, 1e21, 1e-7, 'text', '']],
  [
    'keys sorted by UTF-16 code units',
    { b: 1, a: 2, A: 3, é: 4, '😀': 5, '\uFFFF': 6, '10': 7, '9': 8 },
  ],
  ['escapes', { quote: '"', line: 'a\nb', control: '\u0001', lone: '\uD800', tab: '\t' }],
  [
    'undefined keys left out, undefined in a list as null',
    { gone: undefined, list: [1, undefined, 2] },
  ],
  ['a date as JSON writes it', { at: new Date('2026-12-02T12:00:00.000Z') }],
  ['a toJSON object', { money: { toJSON: () => ({ b: 1, a: 2 }) } }],
  ['nested', { z: [{ y: { x: [[], {}] } }], a: { c: null, b: [0, 'x'] } }],
  [
    'a shared object, not a cycle',
    (() => {
      const shared = { k: 1 };
      return { one: shared, two: [shared] };
    })(),
  ],
  ['a sparse list', [1, , 3]],
  [
    'an event’s content',
    {
      streamId: 'case-transfer-tb-1-1',
      id: '0b3f8c4e-6a1d-5f7e-9b2c-1d4e5f6a7b8c',
      type: 'CaseOpened',
      schemaVersion: 1,
      data: {
        caseId: 'tb-1-1',
        personId: 'p-an',
        summary: 'Sắp xếp tổ chức bộ máy',
        deadlines: [3, 5],
      },
      metadata: {
        actorId: 'u-1',
        correlationId: 'c',
        causationId: 'k',
        recordedAt: '2026-12-02T12:00:00.000Z',
      },
    },
  ],
];

describe('canonical JSON', () => {
  it.each(samples)('writes the library’s text: %s', (_, value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('refuses a cycle and a number JSON cannot hold, as the library does', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    expect(() => canonicalJson(cycle)).toThrow('Circular');
    expect(() => canonicalize(cycle)).toThrow('Circular');
    for (const bad of [NaN, Infinity]) {
      expect(() => canonicalJson({ n: bad })).toThrow('Non-finite');
      expect(() => canonicalize({ n: bad })).toThrow('Non-finite');
    }
  });
});

import { findBodyProblem, MAX_BODY_DEPTH } from './body-scan';

const scanned = (json: string) => findBodyProblem(JSON.parse(json));

describe('findBodyProblem', () => {
  it('passes a clean body: Vietnamese text, line breaks and tabs in text, a paired surrogate', () => {
    expect(
      scanned('{"entries":[{"personId":"p-1","note":"Điều động\\n\\tcán bộ 😀"}],"n":3,"x":null}'),
    ).toBeNull();
  });

  it('names the string refused by its path, with the character', () => {
    expect(scanned('{"entries":[{"note":"ok"},{"note":"ok"},{"note":"a\\u0000b"}]}')).toEqual({
      rule: 'body.invalid_text',
      field: 'entries[2].note',
      message: 'entries[2].note: contains a NUL character (U+0000)',
    });
    expect(scanned('{"a b":{"c":"x\\u0001"}}')?.field).toBe('["a b"].c');
    expect(scanned('"\\u0085"')).toMatchObject({ field: 'body', rule: 'body.invalid_text' });
  });

  it('refuses an unpaired surrogate in a string or a key', () => {
    expect(scanned('{"items":["\\ud800x"]}')).toMatchObject({
      rule: 'body.invalid_text',
      field: 'items[0]',
      message: 'items[0]: contains an unpaired UTF-16 surrogate (not Unicode text)',
    });
    expect(scanned('{"a":{"\\udc00":1}}')).toMatchObject({ field: 'a["\\udc00"]' });
  });

  it('refuses in a key what it takes in text (a tab), and the prototype keys at any depth', () => {
    expect(scanned('{"a":{"b\\tc":1}}')).toEqual({
      rule: 'body.invalid_text',
      field: 'a["b\\tc"]',
      message: 'a["b\\tc"]: the key contains the control character U+0009',
    });
    expect(scanned('{"a":[{"b":{"__proto__":{"x":1}}}]}')).toEqual({
      rule: 'body.forbidden_key',
      field: 'a[0].b.__proto__',
      message: 'a[0].b.__proto__: the key "__proto__" is not accepted anywhere in a body',
    });
  });

  it('refuses an invisible character in a key, naming it by code point, never showing it', () => {
    const problem = scanned('{"a":{"x\\u202e":1}}');
    expect(problem).toEqual({
      rule: 'body.invalid_text',
      field: 'a["x\\u202E"]',
      message:
        'a["x\\u202E"]: the key holds an invisible formatting character (U+202E) at position 2',
    });
    expect(scanned('{"\\udb40\\udc41":1}')?.field).toBe('["\\u{E0041}"]');
    expect(scanned('{"tên":1,"👍🏻":2}')).toBeNull();
  });

  it('reports the first problem in document order: an object’s keys before what its values hold', () => {
    expect(scanned('{"a":{"x":"\\u0000"},"b":{"constructor":1}}')?.field).toBe('a.x');
    expect(scanned('{"a":{"x":"\\u0000"},"constructor":1}')?.field).toBe('constructor');
    expect(scanned('{"a":[{"x":1},{"y":"\\u0002"}],"b":"\\u0003"}')?.field).toBe('a[1].y');
  });

  it(`refuses nesting deeper than ${MAX_BODY_DEPTH} levels, and takes it up to there`, () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    expect(scanned(nested(MAX_BODY_DEPTH))).toBeNull();
    expect(scanned(nested(MAX_BODY_DEPTH + 1))).toEqual({
      rule: 'body.too_deep',
      field: '[0]'.repeat(MAX_BODY_DEPTH),
      message: `${'[0]'.repeat(MAX_BODY_DEPTH)}: nested more than ${MAX_BODY_DEPTH} levels deep`,
    });
  });
});

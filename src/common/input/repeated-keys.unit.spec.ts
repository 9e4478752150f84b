import { findRepeatedKey } from './repeated-keys';

describe('findRepeatedKey', () => {
  it('passes keys given once, the same key in two objects, and braces, colons and quotes inside strings', () => {
    expect(findRepeatedKey('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toBeNull();
    expect(findRepeatedKey('{"a":"x\\": {\\"a\\":1","b":"}{[,:"}')).toBeNull();
    expect(findRepeatedKey('[1,2]')).toBeNull();
    expect(findRepeatedKey('"a:b"')).toBeNull();
  });

  it('names a key given twice by its path, at any depth, escapes decoded', () => {
    expect(findRepeatedKey('{"fullName":"Dup","id":"p","fullName":"Nguyễn Văn Thử"}')).toEqual({
      rule: 'body.repeated_key',
      field: 'fullName',
      message: 'fullName: the key is given more than once in its object; send each key once',
    });
    expect(findRepeatedKey('{"items":[{"a":1},{"b":2, "b" :3}]}')?.field).toBe('items[1].b');
    expect(findRepeatedKey('{"x":{"y":[[0],[1,{"z":0,"z":1}]]}}')?.field).toBe('x.y[1][1].z');
    expect(findRepeatedKey('{"full\\u004eame":1,"fullName":2}')?.field).toBe('fullName');
    expect(findRepeatedKey('{"a b":1,"a b":2}')?.field).toBe('["a b"]');
  });

  it('finds a repeat among many keys of one object, at the cost of a set', () => {
    const keys = Array.from({ length: 50_000 }, (_, index) => `"k${index}":0`);
    expect(findRepeatedKey(`{${keys.join(',')}}`)).toBeNull();
    expect(findRepeatedKey(`{${keys.join(',')},"k17":1}`)?.field).toBe('k17');
    expect(findRepeatedKey(`{"a":{"k1":0,${keys.join(',')}}}`)?.field).toBe('a.k1');
  });

  it('gives no answer that matters for text that is not JSON, and does not throw', () => {
    for (const text of ['{"a":1,"a"', '}}]]{"a', '{"\\u12":1,"\\u12":2}', '{:::}'])
      expect(() => findRepeatedKey(text)).not.toThrow();
  });
});

import { JsonbWriter } from './jsonb-writer';

describe('JsonbWriter', () => {
  it('writes the version byte, then every piece in UTF-8, growing past its first capacity', () => {
    const pieces = [
      '[',
      '"Ủy ban nhân dân"',
      ',',
      '"😀 ₫"',
      ...Array(500).fill(',"Phó Chủ tịch"'),
      ']',
    ];
    const writer = new JsonbWriter(16);
    for (const piece of pieces) writer.write(piece);
    const parameter = writer.finish();
    expect(parameter[0]).toBe(1);
    expect(parameter.subarray(1)).toEqual(Buffer.from(pieces.join(''), 'utf8'));
    expect(JSON.parse(parameter.subarray(1).toString('utf8'))).toHaveLength(502);
  });
});

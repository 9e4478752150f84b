import { Type } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import {
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { firstValidationProblem } from '../validation';

class Tally {
  @IsInt() @Max(100) present!: number;
}

class Meeting {
  @IsString() @Length(1, 40) conclusion!: string;
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'heldOn: a date YYYY-MM-DD' })
  heldOn?: string;
  @IsOptional() @IsIn(['for', 'against']) headDecision?: string;
  @IsOptional() @ValidateNested() @Type(() => Tally) tally?: Tally;
  @IsOptional() @ArrayMinSize(1) items?: string[];
}

const problemOf = (body: object) => {
  const errors = validateSync(plainToInstance(Meeting, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return firstValidationProblem(errors);
};

describe('validation messages for people', () => {
  const valid = { conclusion: 'Agreed' };

  it('says a missing or empty text is required, in English and Vietnamese', () => {
    for (const body of [{}, { conclusion: '' }, { conclusion: null }])
      expect(problemOf(body)).toEqual({
        field: 'conclusion',
        message: 'conclusion is required',
        messages: { en: 'conclusion is required', vi: 'conclusion là bắt buộc' },
      });
  });

  it('words each constraint with its numbers and names nested fields by path', () => {
    expect(problemOf({ conclusion: 'x'.repeat(41) }).messages).toEqual({
      en: 'conclusion must be at most 40 characters long',
      vi: 'conclusion dài tối đa 40 ký tự',
    });
    expect(problemOf({ ...valid, tally: { present: 101 } })).toMatchObject({
      field: 'tally.present',
      messages: {
        en: 'tally.present must be at most 100',
        vi: 'tally.present phải nhỏ hơn hoặc bằng 100',
      },
    });
    expect(problemOf({ ...valid, tally: { present: 'twelve' } }).message).toBe(
      'tally.present must be a number',
    );
    expect(problemOf({ ...valid, headDecision: 'maybe' }).message).toBe(
      'headDecision must be one of for, against',
    );
    expect(problemOf({ ...valid, items: [] }).message).toBe('items must have at least 1 entries');
  });

  it('keeps the DTO’s own messages and translates their known phrases', () => {
    expect(problemOf({ ...valid, heldOn: '02/03/2026' }).messages).toEqual({
      en: 'heldOn: a date YYYY-MM-DD',
      vi: 'heldOn: ngày theo dạng YYYY-MM-DD',
    });
    expect(problemOf({ ...valid, secret: 1 }).messages).toEqual({
      en: 'secret: unknown field',
      vi: 'secret: trường không được chấp nhận',
    });
  });
});

describe('the message of a text holding a character that does not show', () => {
  it('names a private-use character as such, in English and Vietnamese', () => {
    const raw =
      'signer must not hold ' +
      'a private-use character (U+E000) at position 7, which each computer shows differently';
    const errors = [
      {
        property: 'signer',
        value: 'Bí thư\uE000',
        constraints: { visibleText: raw },
        children: [],
      },
    ];
    expect(firstValidationProblem(errors).messages).toEqual({
      en: 'signer must not hold a private-use character (U+E000) at position 7, which each computer shows differently: write the text as it shows',
      vi: 'signer chứa ký tự dùng riêng (U+E000) ở vị trí 7, mỗi máy hiển thị một khác: hãy nhập đúng như chữ hiển thị',
    });
  });
});

describe('the message of a text of accent marks alone or with a line break', () => {
  const messagesOf = (property: string, value: string, constraint: string, raw: string) =>
    firstValidationProblem([{ property, value, constraints: { [constraint]: raw }, children: [] }])
      .messages;

  it('says accent marks alone have no letter under them, in English and Vietnamese', () => {
    expect(
      messagesOf(
        'number',
        '\u0301\u0301',
        'visibleText',
        'number must not hold accent marks with no letter under them',
      ),
    ).toEqual({
      en: 'number must not hold accent marks with no letter under them: write the text as it shows',
      vi: 'number có dấu không nằm trên chữ nào',
    });
  });

  it('names an accent mark opening the text by its code point, in English and Vietnamese', () => {
    expect(
      messagesOf(
        'fullName',
        '\u0301An',
        'visibleText',
        'fullName must not hold an accent mark (U+0301) at the start, with no letter under it',
      ),
    ).toEqual({
      en: 'fullName must not hold an accent mark (U+0301) at the start, with no letter under it: write the text as it shows',
      vi: 'fullName có dấu (U+0301) ở đầu, không nằm trên chữ nào',
    });
  });

  it('names the line break and its position, in English and Vietnamese', () => {
    expect(
      messagesOf(
        'decisionRef',
        '125\u2028QĐ',
        'oneLine',
        'decisionRef must be one line: no tab or line break (U+2028 at position 4)',
      ),
    ).toEqual({
      en: 'decisionRef must be one line: no tab or line break (U+2028 at position 4)',
      vi: 'decisionRef phải trên một dòng, không có tab hay xuống dòng (U+2028 ở vị trí 4)',
    });
  });
});

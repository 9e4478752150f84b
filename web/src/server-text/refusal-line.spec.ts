import { refusalLine, withoutRulePrefix } from './refusal-line';

describe('a refusal on one line', () => {
  it('says the rule once when the message opens with it (the quorum)', () => {
    expect(
      refusalLine('Không đủ túc số', 'Không đủ túc số: 5/9 thành viên có mặt, cần ít nhất 6'),
    ).toBe('Không đủ túc số: 5/9 thành viên có mặt, cần ít nhất 6');
    expect(withoutRulePrefix('Không đủ túc số', 'Không đủ túc số: 5/9')).toBe('5/9');
  });

  it('keeps the rule before a message of other words, and a message alone', () => {
    expect(refusalLine('Ngang phiếu', 'Đạt 6/12')).toBe('Ngang phiếu: Đạt 6/12');
    expect(refusalLine(null, 'Đạt 6/12')).toBe('Đạt 6/12');
    expect(withoutRulePrefix('Không đủ túc số', 'Không đủ túc số')).toBe('Không đủ túc số');
  });
});

import { barredKey } from './register-barred';

describe("the register's «Đang bị hạn chế bổ nhiệm» cell", () => {
  it('says «Không» for an annulled decision, as the Vietnamese CSV does, not «Đã hết»', () => {
    expect(barredKey({ barred: false, status: 'annulled' })).toBe('register.neverBarred');
    expect(barredKey({ barred: false, status: 'expired' })).toBe('register.no');
    expect(barredKey({ barred: true, status: 'in_effect' })).toBe('register.yes');
  });
});

import { preferredLanguage } from './accept-language';

describe('Accept-Language', () => {
  it('answers in Vietnamese when Vietnamese weighs most among the languages we write', () => {
    expect(preferredLanguage('vi')).toBe('vi');
    expect(preferredLanguage('vi-VN,vi;q=0.9,en-US;q=0.8')).toBe('vi');
    expect(preferredLanguage('fr, en;q=0.5, vi;q=0.7')).toBe('vi');
  });

  it('answers in English otherwise', () => {
    expect(preferredLanguage(undefined)).toBe('en');
    expect(preferredLanguage('')).toBe('en');
    expect(preferredLanguage('en-GB, vi;q=0.3')).toBe('en');
    expect(preferredLanguage('fr-FR')).toBe('en');
    expect(preferredLanguage('vi;q=0')).toBe('en');
  });
});

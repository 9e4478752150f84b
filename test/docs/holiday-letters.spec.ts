import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const README = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The source column of the README's holiday row that starts with `holiday`. */
const sourceOf = (holiday: string): string => {
  const row = README.split('\n').find((line) => line.startsWith(`| ${holiday} |`));
  return row ? row.split('|').at(-2)!.trim() : `no row for ${holiday}`;
};

/**
 * Bộ luật Lao động 2019 art. 112(1) letters its holidays a) Tết Dương lịch, b) Tết Âm lịch,
 * c) Ngày Chiến thắng, d) Ngày Quốc tế lao động, đ) Quốc khánh, e) Giỗ Tổ Hùng Vương (restated
 * by thuvienphapluat.vn, lao-dong-tien-luong search on Giỗ Tổ Hùng Vương).
 */
describe('README working-day calendar: the Labour Code letters each holiday as art. 112(1) does', () => {
  it('cites (a) to (e) in the Code’s order, Quốc khánh (đ) and Giỗ Tổ Hùng Vương (e)', () => {
    expect({
      newYear: sourceOf('Tết Dương lịch'),
      tet: sourceOf('Tết Âm lịch'),
      victoryAndLabourDay: sourceOf('Victory Day, Labour Day'),
      nationalDay: sourceOf('National Day'),
      hungKings: sourceOf('Giỗ Tổ Hùng Vương'),
    }).toEqual({
      newYear: 'Bộ luật Lao động 2019 art. 112(1)(a)',
      tet: 'art. 112(1)(b)',
      victoryAndLabourDay: 'art. 112(1)(c), (d)',
      nationalDay: 'art. 112(1)(đ)',
      hungKings: 'art. 112(1)(e)',
    });
  });
});

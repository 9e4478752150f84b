import * as path from 'node:path';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { YearRated } from '../../reappointment/term-ratings';
import { PersonFactsForVetting } from './case.context';
import { vettingFromRecord } from './vetting-from-record';
import { termRatingSettledByRecord } from './term-rating-settled';

const sets = loadRuleSets(path.resolve(__dirname, '../../../../seeds/rule-sets'));
const ruleSet = (id: string) => sets.find((set) => set.id === id)!;
const post = { positionId: 'pos-1', from: '2022-03-01', termEnd: '2027-03-01', decisionRef: '45' };
const today = '2026-12-07';

/** The `term_rating` item a re-appointment's vetting reads off a holder rated so. */
const termRating = (ratings: YearRated[], id = 'state-2025-10-08') => {
  const facts = {
    target: { positionId: 'pos-1', rank: 3 },
    holdsTargetPost: true,
    termRecord: { posts: [post], pastPosts: [], ratings },
  } as unknown as PersonFactsForVetting;
  const [entry] = vettingFromRecord(facts, ruleSet(id), today, ['term_rating']);
  return entry;
};

describe("a re-appointment's vetting of the term's ratings (reappointment.minTermRating)", () => {
  it('flags a term with no rating on the record, naming each year of the term over, never clearing it', () => {
    const entry = termRating([]);
    // Before: cleared, "no year of the term rated below completed".
    expect(entry).toMatchObject({ item: 'term_rating', result: 'flagged', source: 'record' });
    expect(entry.note).toMatch(
      /^no rating on the record for 2022, 2023, 2024, 2025 \(years of the term ended before 2026-12-07\), in the term of pos-1 from 2022-03-01 to 2027-03-01: re-appointment needs every year of the term rated completed or better \(Nghị định 170\/2025\/NĐ-CP/,
    );
  });

  it('flags only the years missing, beside a year rated below', () => {
    const entry = termRating([
      { year: 2022, rating: 'good' },
      { year: 2023, rating: 'not_completed', decisionRef: '12-QĐ/TU' },
      { year: 2025, rating: 'completed' },
    ]);
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(
      /^the holder was rated not completed in 2023 \(12-QĐ\/TU\) and has no rating on the record for 2024 \(years of the term ended before 2026-12-07\), in the term of pos-1/,
    );
  });

  it('clears a term whose every year over is rated completed or better; the year still running is not asked', () => {
    const entry = termRating([2022, 2023, 2024, 2025].map((year) => ({ year, rating: 'good' })));
    expect(entry).toMatchObject({ result: 'cleared' });
    expect(entry.note).toMatch(/^no year of the term rated below completed/);
  });

  it('asks nothing under a rule set without the parameter', () => {
    expect(termRating([], 'vn-2025')).toMatchObject({
      result: 'cleared',
      note: 'the rule set asks no rating of the term',
    });
  });
});

describe('a term_rating flag for unrated years, judged again at the decision', () => {
  const flag = termRating([]);
  const facts = (ratings: YearRated[]) =>
    ({
      target: { positionId: 'pos-1', rank: 3 },
      termRecord: { posts: [post], pastPosts: [], ratings },
    }) as unknown as PersonFactsForVetting;
  const settled = (ratings: YearRated[], entry: typeof flag = flag) =>
    termRatingSettledByRecord(entry, facts(ratings), ruleSet('state-2025-10-08'), today);

  it('is settled by the record once every missing year is rated, even below (the rating rule refuses that)', () => {
    // Before: the vetting-day flag "no rating on the record for 2022, …" kept blocking.
    const rated: YearRated[] = [2022, 2023, 2024].map((year) => ({ year, rating: 'good' }));
    expect(settled([...rated, { year: 2025, rating: 'not_completed' }])).toBe(true);
    expect(settled([...rated, { year: 2025, rating: 'completed' }])).toBe(true);
  });

  it('still holds while a year is unrated, and never settles a staff flag or another item', () => {
    expect(settled([2022, 2023, 2024].map((year) => ({ year, rating: 'good' })))).toBe(false);
    const all: YearRated[] = [2022, 2023, 2024, 2025].map((year) => ({ year, rating: 'good' }));
    expect(settled(all, { ...flag, source: 'staff' })).toBe(false);
    expect(settled(all, { ...flag, item: 'discipline_bar' })).toBe(false);
    // A year rated below at the vetting, not rated again since: the record says what the flag said.
    const below: YearRated[] = [...all.slice(0, 3), { year: 2025, rating: 'not_completed' }];
    expect(settled(below, termRating(below))).toBe(false);
    expect(settled(all, termRating(below))).toBe(true);
    expect(termRatingSettledByRecord(flag, undefined, ruleSet('state-2025-10-08'), today)).toBe(
      false,
    );
  });
});

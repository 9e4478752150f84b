import * as path from 'node:path';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { refuseTermRatedBelow, YearRated } from './term-ratings';

const sets = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets'));
const ruleSet = (id: string) => sets.find((set) => set.id === id)!;
const post = { positionId: 'pos-1', from: '2021-12-01', termEnd: '2026-12-01', decisionRef: '45' };
const holder = (ratings: YearRated[]) => ({ posts: [post], pastPosts: [], ratings });

function refusal(run: () => unknown): DomainRuleViolation {
  try {
    run();
  } catch (error) {
    return error as DomainRuleViolation;
  }
  throw new Error('expected a refusal');
}

describe('re-appointment needs every year of the term rated "completed" or better (reappointment.minTermRating)', () => {
  it('refuses a term with a year rated not completed, naming the year, its rating and the rule', () => {
    const rated = holder([
      { year: 2022, rating: 'good' },
      { year: 2023, rating: 'not_completed', decisionRef: '12-QĐ/TU' },
      { year: 2024, rating: 'completed' },
      { year: 2025, rating: 'excellent' },
    ]);
    for (const id of ['state-2025-10-08', 'state-2025-07-01', 'state-2022-08-18']) {
      const refused = refusal(() => refuseTermRatedBelow(rated, 'pos-1', ruleSet(id)));
      expect(refused).toMatchObject({
        rule: 'reappointment.term_rated_below',
        category: 'unprocessable',
        details: { years: [2023], least: 'completed' },
      });
      expect(refused.message).toMatch(
        /^the holder was rated not completed in 2023 \(12-QĐ\/TU\), in the term of pos-1 from 2021-12-01 to 2026-12-01: re-appointment needs every year of the term rated completed or better \(Nghị định (170\/2025|138\/2020)\/NĐ-CP/,
      );
    }
    expect(
      refusal(() => refuseTermRatedBelow(rated, 'pos-1', ruleSet('state-2025-10-08'))).message,
    ).toMatch(/Quy định 377-QĐ\/TW art\. 40 sets the same/);
  });

  it('passes a term rated completed or better, with a year not yet rated', () => {
    const rated = holder([
      { year: 2022, rating: 'completed' },
      { year: 2023, rating: 'good' },
      { year: 2025, rating: 'excellent' },
    ]);
    expect(() => refuseTermRatedBelow(rated, 'pos-1', ruleSet('state-2025-10-08'))).not.toThrow();
  });

  it('reads only the years of the term renewed: a year before it, or another post, refuses nothing', () => {
    const before = holder([{ year: 2020, rating: 'not_completed' }]);
    expect(() => refuseTermRatedBelow(before, 'pos-1', ruleSet('state-2025-10-08'))).not.toThrow();
    const rated = holder([{ year: 2024, rating: 'not_completed' }]);
    expect(() => refuseTermRatedBelow(rated, 'pos-2', ruleSet('state-2025-10-08'))).not.toThrow();
  });

  it('reads the last holding once the post has ended on the record', () => {
    const ended = { ...post, endedOn: '2026-12-01', reason: 'term ended' };
    const former = {
      posts: [],
      pastPosts: [ended],
      ratings: [{ year: 2026, rating: 'not_completed' as const }],
    };
    expect(
      refusal(() => refuseTermRatedBelow(former, 'pos-1', ruleSet('state-2025-10-08'))).details,
    ).toEqual({ years: [2026], least: 'completed' });
  });

  it('asks nothing under the whole sets cases pinned before the parameter (vn-2022, vn-2025)', () => {
    const rated = holder([{ year: 2023, rating: 'not_completed' }]);
    for (const id of ['vn-2022', 'vn-2025'])
      expect(() => refuseTermRatedBelow(rated, 'pos-1', ruleSet(id))).not.toThrow();
  });
});

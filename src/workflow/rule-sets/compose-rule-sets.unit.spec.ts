import * as path from 'node:path';
import { composeRuleSets, RuleCompositionError } from './compose-rule-sets';
import { LegalInstrument } from './legal-instrument';
import { loadRuleSets } from './rule-set-loader';
import { ruleSetInForce } from './rule-set';

const instrument = (
  id: string,
  effectiveFrom: string,
  params: Record<string, number>,
  extra: Partial<LegalInstrument> = {},
): LegalInstrument => ({
  id,
  short: id.toUpperCase(),
  title: id,
  issuer: 'test',
  effectiveFrom,
  tracks: ['state'],
  params: Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      { value, article: 'art. 1', text: `${name} is ${value}`, checked: 'not checked' as const },
    ]),
  ),
  ...extra,
});

describe('rule sets composed from instruments', () => {
  it('gives each parameter its own instrument’s date: a new set starts on every day a value changes', () => {
    const sets = composeRuleSets([
      instrument('law', '2020-01-01', { a: 1, b: 1 }),
      instrument('decree', '2025-07-01', { a: 2 }),
      instrument('regulation', '2025-10-08', { b: 3 }),
    ]);
    expect(sets.map((set) => [set.id, set.effectiveFrom, set.effectiveTo])).toEqual([
      ['state-2020-01-01', '2020-01-01', '2025-06-30'],
      ['state-2025-07-01', '2025-07-01', '2025-10-07'],
      ['state-2025-10-08', '2025-10-08', undefined],
    ]);
    const august = ruleSetInForce(sets, '2025-08-01', 'state')!;
    expect(august.params.a).toMatchObject({ value: 2, instrumentId: 'decree' });
    expect(august.params.b).toMatchObject({ value: 1, instrumentId: 'law' });
    expect(august.params.b.citation).toBe(
      'LAW, art. 1 (in force from 2020-01-01): b is 1 [text not checked here]',
    );
    expect(ruleSetInForce(sets, '2025-08-01', 'party')).toBeUndefined();
  });

  it('starts once every parameter of the track has an instrument, and refuses a gap after that', () => {
    const sets = composeRuleSets([
      instrument('old', '2019-01-01', { a: 1 }),
      instrument('later', '2020-01-01', { b: 1 }),
    ]);
    expect(sets.map((set) => set.id)).toEqual(['state-2020-01-01']);
    expect(() =>
      composeRuleSets([
        instrument('repealed', '2020-01-01', { a: 1, b: 1 }, { effectiveTo: '2024-12-31' }),
        instrument('successor', '2025-01-01', { a: 2 }),
      ]),
    ).toThrow(
      new RuleCompositionError(
        'no instrument in force sets "b" on the state track from 2025-01-01',
      ),
    );
  });

  it('applies a provision on its own dates where a transitional article sets them apart from its instrument', () => {
    const earlier = instrument(
      'earlier',
      '2020-01-01',
      { a: 1, b: 1 },
      { effectiveTo: '2025-06-15' },
    );
    earlier.params.b.effectiveTo = '2025-06-30';
    const later = instrument('later', '2025-06-16', { a: 2, b: 2 });
    later.params.b.effectiveFrom = '2025-07-01';
    const sets = composeRuleSets([earlier, later]);
    expect(sets.map((set) => [set.id, set.effectiveTo])).toEqual([
      ['state-2020-01-01', '2025-06-15'],
      ['state-2025-06-16', '2025-06-30'],
      ['state-2025-07-01', undefined],
    ]);
    const june = ruleSetInForce(sets, '2025-06-20', 'state')!;
    expect(june.params.a).toMatchObject({ value: 2, instrumentId: 'later' });
    expect(june.params.b).toMatchObject({ value: 1, instrumentId: 'earlier' });
    expect(ruleSetInForce(sets, '2025-07-01', 'state')!.params.b).toMatchObject({
      value: 2,
      inForceFrom: '2025-07-01',
      citation: 'LATER, art. 1 (in force from 2025-07-01): b is 2 [text not checked here]',
    });
  });

  it('refuses two instruments that set one parameter on one track from the same day', () => {
    expect(() =>
      composeRuleSets([
        instrument('x', '2025-07-01', { a: 1 }),
        instrument('y', '2025-07-01', { a: 2 }),
      ]),
    ).toThrow(/x and y both set "a" on the state track from 2025-07-01/);
  });
});

describe('the seeded instruments', () => {
  const sets = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets'));

  it('never choose a whole legacy set for a new case; those stay for the cases that pinned them', () => {
    expect(sets.find((set) => set.id === 'vn-2025')).toMatchObject({ pinnedOnly: true });
    expect(ruleSetInForce(sets, '2026-12-01', 'state')!.id).toBe('state-2025-10-08');
    expect(ruleSetInForce(sets, '2026-12-01', 'party')!.id).toBe('party-2025-10-08');
    // Quy định 296-QĐ/TW (30 May 2025) sets the validity of a Party discipline since issue 19.
    expect(ruleSetInForce(sets, '2025-08-01', 'party')!.id).toBe('party-2025-05-30');
  });

  it('date Nghị định 112/2020/NĐ-CP from 20 Sep 2020, the day it came into force, not 18 Sep, the day it was signed', () => {
    const forms = ruleSetInForce(sets, '2022-09-01', 'state')!.params['discipline.forms'];
    expect(forms).toMatchObject({ instrumentId: 'nd-112-2020', inForceFrom: '2020-09-20' });
    expect(forms.citation).toMatch(/^Nghị định 112\/2020\/NĐ-CP, .*\(in force from 2020-09-20\)/);
  });

  it('follow the local-government laws: Luật 65/2025/QH15 from 1 Mar 2025, Luật 72/2025/QH15 from its adoption on 16 Jun 2025, and the district-free confirmation of an election only from 1 Jul 2025, when the district level ended', () => {
    const confirmation = (day: string) =>
      ruleSetInForce(sets, day, 'state')!.params['election.confirmedBy'];
    expect(confirmation('2025-02-28')).toMatchObject({ instrumentId: 'luat-tccqdp-2015' });
    expect(confirmation('2025-03-01')).toMatchObject({
      instrumentId: 'luat-tccqdp-65-2025',
      value: expect.objectContaining({ district: 'Chủ tịch Ủy ban nhân dân cấp tỉnh' }),
    });
    const june = ruleSetInForce(sets, '2025-06-20', 'state')!;
    expect(june.params['election.pass']).toMatchObject({ instrumentId: 'luat-tccqdp-2025' });
    expect(june.params['election.confirmedBy']).toMatchObject({
      instrumentId: 'luat-tccqdp-65-2025',
      value: expect.objectContaining({ commune: 'Chủ tịch Ủy ban nhân dân cấp huyện' }),
    });
    expect(confirmation('2025-07-01')).toMatchObject({
      instrumentId: 'luat-tccqdp-2025',
      value: { province: 'Thủ tướng Chính phủ', commune: 'Chủ tịch Ủy ban nhân dân cấp tỉnh' },
    });
    expect(confirmation('2025-07-01').citation).toMatch(/\(in force from 2025-07-01\)/);
  });

  it('keep every composed set a case may have pinned: a parameter added only to a later instrument would silently drop the earlier sets', () => {
    // A case pins a set by id; when a set vanishes, the cases that pinned it cannot be read.
    // Adding a set is fine (append its id here); losing one means a new parameter needs a value
    // on the track's earliest instrument too.
    const composed = sets.filter((set) => !set.pinnedOnly).map((set) => set.id);
    expect(composed).toEqual(
      expect.arrayContaining([
        'party-2022-08-18',
        'party-2025-02-14',
        'party-2025-05-30',
        'party-2025-10-08',
        'state-2022-08-18',
        'state-2022-11-15',
        'state-2023-09-20',
        'state-2025-07-01',
        'state-2025-10-08',
      ]),
    );
  });

  it('cite an instrument and an article (or say it was not identified) for every parameter, and say how far it was checked', () => {
    for (const set of sets.filter((candidate) => !candidate.pinnedOnly)) {
      for (const [name, param] of Object.entries(set.params)) {
        expect([name, param.citation]).toEqual([
          name,
          expect.stringMatching(
            /^.+, (art\. .+|article not identified here|Bộ luật .+) \(in force from \d{4}-\d{2}-\d{2}\): .+/,
          ),
        ]);
      }
    }
  });
});

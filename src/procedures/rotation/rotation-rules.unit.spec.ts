import * as path from 'node:path';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { rotationOpening, rotationOpeningRefusals, rotationTerm } from './rotation-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const ruleSets = loadRuleSets(path.join(seeds, 'rule-sets'));
const [, vn2025] = ruleSets;
const stateNow = ruleSets.find((set) => set.id === 'state-2025-10-08')!;
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const input = {
  definition: definitions.get('rotation.standard@2')!,
  target: { id: 'pos-commune-chair', rank: 4, isLeadership: true, province: 'Hà Nội' },
  planningPool: [
    { positionId: 'pos-district-deputy', term: '2025-2030', decisionRef: '112-QĐ/TU', rank: 5 },
  ],
  person: {
    id: 'p-1',
    dateOfBirth: '1985-01-01',
    gender: 'female' as const,
    originProvince: 'Hà Nội',
    leadershipPostsPastFirstTerm: [],
  },
  today: '2026-11-20',
  ruleSet: vn2025,
};

function refusal(run: () => unknown): DomainRuleViolation {
  try {
    run();
  } catch (error) {
    return error as DomainRuleViolation;
  }
  throw new Error('expected a refusal');
}

describe('rotation (luân chuyển) and transfer (điều động)', () => {
  it('accepts a planning-pool entry for a higher post', () => {
    expect(rotationOpening(input)).toMatchObject({
      kind: 'rotation',
      planningPoolEntry: 'pos-district-deputy (2025-2030, 112-QĐ/TU)',
    });
  });

  it('refuses a rotation without an entry for the target or a higher post, naming what is missing', () => {
    const error = refusal(() =>
      rotationOpening({ ...input, planningPool: [{ ...input.planningPool[0], rank: 3 }] }),
    );
    expect(error.rule).toBe('rotation.no_planning_pool_entry');
    expect(error.message).toMatch(
      /needs a current planning-pool entry for pos-commune-chair or a higher post; the person has pos-district-deputy \(2025-2030\)/,
    );
  });

  it('does not ask a transfer for a planning-pool entry', () => {
    expect(
      rotationOpening({
        ...input,
        definition: definitions.get('transfer.standard@2')!,
        planningPool: [],
      }),
    ).toEqual({ kind: 'transfer' });
  });

  it('refuses a rotation too close to retirement, naming the person', () => {
    expect(
      refusal(() =>
        rotationOpening({ ...input, person: { ...input.person, dateOfBirth: '1970-01-01' } }),
      ),
    ).toMatchObject({ rule: 'rotation.too_close_to_retirement', field: 'personId' });
  });

  it('refuses one already retired as such, first, for a rotation and a transfer (before: too few years left, and a transfer opened)', () => {
    const retired = { ...input, person: { ...input.person, dateOfBirth: '1960-01-01' } };
    // Not also too few (fewer than none) years left.
    expect(rotationOpeningRefusals(retired).map((r) => r.rule)).toEqual(['age.retirement_reached']);
    const transfer = { ...retired, definition: definitions.get('transfer.standard@2')! };
    expect(refusal(() => rotationOpening(transfer))).toMatchObject({
      rule: 'age.retirement_reached',
      field: 'personId',
    });
  });

  it('lists every refusal for the eligibility before opening, the first being the one the opening throws', () => {
    const both = {
      ...input,
      planningPool: [],
      person: { ...input.person, dateOfBirth: '1970-01-01' },
    };
    expect(rotationOpeningRefusals(both).map((r) => r.rule)).toEqual([
      'rotation.no_planning_pool_entry',
      'rotation.too_close_to_retirement',
    ]);
    expect(refusal(() => rotationOpening(both)).rule).toBe('rotation.no_planning_pool_entry');
    expect(rotationOpeningRefusals(input)).toEqual([]);
  });

  it('plans at least the rule’s minimum duration', () => {
    expect(rotationTerm(vn2025, '2027-01-01', undefined, 'rotation.minYears')).toMatchObject({
      termYears: 3,
      termEnd: '2030-01-01',
    });
    expect(
      refusal(() => rotationTerm(vn2025, '2027-01-01', 2, 'rotation.minYears')).message,
    ).toMatch(/at least 3 years, 2 given/);
  });

  describe('the groups of Quy định 65-QĐ/TW art. 4(2) (rotation.planningExemptGroups)', () => {
    const now = { ...input, ruleSet: stateNow, planningPool: [] };
    it('opens a non-local key cadre without a planning-pool entry, naming the group', () => {
      const nonLocal = { ...now, person: { ...input.person, originProvince: 'Tỉnh Nghệ An' } };
      expect(rotationOpening(nonLocal)).toEqual({
        kind: 'rotation',
        placementGroup: 'non_local_key_cadre',
        placementReason: 'leadership post pos-commune-chair in Hà Nội; from Tỉnh Nghệ An',
      });
    });

    it('opens a head in a further term without an entry', () => {
      const renewed = { ...input.person, leadershipPostsPastFirstTerm: ['pos-town-chair'] };
      expect(rotationOpening({ ...now, person: renewed })).toMatchObject({
        placementGroup: 'head_after_two_terms',
      });
    });

    it('still asks a local cadre in a first term for an entry', () => {
      expect(refusal(() => rotationOpening(now)).rule).toBe('rotation.no_planning_pool_entry');
    });

    it('asks the group for one term (5 years) left, not 10: 7 years left opens, 3 do not', () => {
      const nonLocal = (dateOfBirth: string) => ({
        ...now,
        person: { ...input.person, originProvince: 'Nghệ An', dateOfBirth },
      });
      // Retirement day from the rule set's schedule (a woman): 2032 for 1973, 2030 for 1972; one
      // born 1966 has retired (2021), and is refused as such first (age.retirement_reached).
      expect(rotationOpening(nonLocal('1973-06-01'))).toMatchObject({
        placementGroup: 'non_local_key_cadre',
      });
      expect(refusal(() => rotationOpening(nonLocal('1972-06-01'))).message).toMatch(
        /whole years left, rotation as non_local_key_cadre needs 5/,
      );
    });
  });

  it('does not take an entry whose planning term is over', () => {
    const expired = [{ ...input.planningPool[0], term: '2020-2025' }];
    expect(refusal(() => rotationOpening({ ...input, planningPool: expired })).message).toMatch(
      /the person has pos-district-deputy \(2020-2025, term over on 2025-12-31\)/,
    );
  });
});
